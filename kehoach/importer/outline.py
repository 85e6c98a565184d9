"""The body of an existing plan → its parts: the opening (căn cứ), the sections by their
headings, their numbered items and the paragraphs under them (bullets, `Về …:` leads)."""

from __future__ import annotations

import re

from kehoach.importer import parts
from kehoach.importer.ledger import Data, Ledger, slug, vocabulary
from kehoach.vn import closing, labels

LEAD = re.compile(r"^(Về [^:]{1,80}):\s+(.+)$")
_SIGNING = re.compile(r"^(T/M|K/T|T/L|TM\.|KT\.)\s")


def is_end(line: str, ledger: Ledger) -> bool:
    """Where the body ends: `Nơi nhận:` or the signing authority (`T/M BAN THƯỜNG VỤ`)."""
    return closing.is_recipients_heading(line, ledger.profile) or bool(_SIGNING.match(line))


def _section_title(line: str) -> str | None:
    """The title of a section heading (`II. MỤC TIÊU, CHỈ TIÊU`), in capitals."""
    label = labels.parse(line)
    if label is not None and label.kind == "muc" and label.text == label.text.upper():
        return label.text.strip()
    return None


def _sections(lines: list[str], ledger: Ledger) -> list[tuple[str, list[str]]]:
    sections: list[tuple[str, list[str]]] = []
    for line in lines:
        if is_end(line, ledger):
            break
        title = _section_title(line)
        if title is not None:
            sections.append((title, []))
        else:
            sections[-1][1].append(line)
    return sections


def _opening(lines: list[str], data: Data, ledger: Ledger) -> int:
    """The căn cứ paragraphs before the first section; returns where the sections start."""
    first = next(
        (i for i, line in enumerate(lines) if _is_section_label(line)),
        len(lines),
    )
    data["can_cu"] = [
        {"id": ledger.unique(f"can-cu-{i + 1}"), "noi_dung": text}
        for i, text in enumerate(lines[:first])
    ]
    if not data["can_cu"]:
        ledger.note("can_cu", "không có đoạn mở đầu (căn cứ)")
    return first


def _is_section_label(line: str) -> bool:
    label = labels.parse(line)
    return label is not None and label.kind == "muc"


def _part_key(title: str, data: Data) -> str | None:
    """Which of the four usual parts a heading names (from the words in nhap.yaml)."""
    words_of = vocabulary().phan.items()
    return next(
        (k for k, words in words_of if any(w in title for w in words) and k not in data), None
    )


def read_body(lines: list[str], data: Data, ledger: Ledger) -> None:
    """Fill `data` with the opening, the four usual parts and any extra part."""
    first = _opening(lines, data, ledger)
    sections = _sections(lines[first:], ledger)
    extras = []
    for title, content in sections:
        key = _part_key(title, data)
        if key in ("muc_dich_yeu_cau", "nhiem_vu_giai_phap"):
            prefix = "md" if key == "muc_dich_yeu_cau" else "nv"
            data[key] = {
                "id": key.replace("_", "-"),
                "tieu_de": title,
                "muc": items(content, prefix, ledger),
            }
        elif key == "muc_tieu_chi_tieu":
            data[key] = parts.objectives(title, items(content, "mt", ledger), ledger)
        elif key == "to_chuc_thuc_hien":
            data[key] = parts.duties(title, content, ledger)
        else:
            ident = ledger.unique(f"phan-{slug(title, 3)}")
            extras.append({"id": ident, "tieu_de": title, "muc": items(content, ident, ledger)})
            ledger.note(ident, "phần không thuộc bốn phần thường có: in sau Tổ chức thực hiện")
    if extras:
        data["phan_khac"] = extras
    ledger.found.append(f"{len(sections)} phần")


def _loose_item(loose: list[str], prefix: str, ledger: Ledger) -> Data:
    """Paragraphs before the first numbered item, kept in an item the clerk names."""
    item = {
        "id": ledger.unique(f"{prefix}-chung"),
        "tieu_de": "(chưa có tên mục)",
        "doan": [paragraph(x, f"{prefix}-chung", ledger) for x in loose],
    }
    ledger.note(
        item["id"],
        "đoạn văn không thuộc mục đánh số nào: đặt tên mục hoặc chuyển vào mục thích hợp",
    )
    return item


def items(content: list[str], prefix: str, ledger: Ledger) -> list[Data]:
    """The numbered items (`1.`, `2-`) of a section, each with its paragraphs."""
    out: list[Data] = []
    loose: list[str] = []
    for line in content:
        label = labels.parse(line)
        if label is not None and label.kind == "tieu_muc":
            ident = ledger.unique(f"{prefix}{len(out) + 1}")
            out.append({"id": ident, "tieu_de": label.text.strip(), "doan": []})
        elif out:
            out[-1]["doan"].append(paragraph(line, out[-1]["id"], ledger))
        else:
            loose.append(line)
    if loose:
        out.insert(0, _loose_item(loose, prefix, ledger))
    if prefix == "nv":
        ledger.found.append(f"{len(out)} nhiệm vụ")
    return out


def paragraph(line: str, owner: str, ledger: Ledger) -> Data:
    """A paragraph of an item: a bullet (with its `Về …:` lead) or plain text."""
    count = sum(1 for i in ledger.ids if i.startswith(f"{owner}-"))
    label = labels.parse(line)
    if label is not None and label.kind == "gach":
        lead = LEAD.match(label.text)
        if lead:
            ident = ledger.unique(f"{owner}-{slug(lead.group(1), 4)}")
            return {
                "id": ident,
                "noi_dung": lead.group(2),
                "dau": label.written,
                "dan": lead.group(1),
            }
        return {
            "id": ledger.unique(f"{owner}-{count + 1}"),
            "noi_dung": label.text,
            "dau": label.written,
        }
    ident = ledger.unique(f"{owner}-{count + 1}")
    if label is not None and label.kind == "tieu_muc_con":
        ledger.note(ident, "tiểu mục (a), 1.1.) giữ như đoạn văn có nhãn")
    return {"id": ident, "noi_dung": line}
