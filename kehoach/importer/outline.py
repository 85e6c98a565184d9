"""The body of an existing plan → its parts: the opening, the parts by their headings,
their items at any depth (headings and inline items), and the paragraphs under them
(bullets, `Về …:` leads). Every line lands somewhere, in source order."""

from __future__ import annotations

import re
from typing import cast

from kehoach.importer import parts
from kehoach.importer.ledger import Data, Ledger, slug, vocabulary
from kehoach.importer.numbering import WRITTEN, keep_printed
from kehoach.importer.sources import Grid
from kehoach.plan.model import USUAL_PARTS
from kehoach.rules.profile import Labels, signing_marks
from kehoach.vn import closing, labels

LEAD = re.compile(r"^(Về [^:]{1,80}):\s+(.+)$")
_CLOSING = re.compile(r"^(Trên đây là|Trên đây)\b")


def is_end(line: str, ledger: Ledger) -> bool:
    """Where the body ends: `Nơi nhận:` or the signing authority (`T/M BAN THƯỜNG VỤ`)."""
    line = re.split(r"\t| {3,}", line.strip())[0]
    heading = closing.is_recipients_heading(line, ledger.profile)
    return heading or closing.signing_mark(line, signing_marks()) is not None


Entry = str | Grid


def _label(line: Entry, rule: Labels | None = None) -> labels.Label | None:
    """The label that opens a line; a table has none."""
    return labels.parse(line, rule) if isinstance(line, str) else None


def _is_section(line: Entry) -> bool:
    label = _label(line)
    return label is not None and label.kind == "muc"


def _sections(lines: list[Entry]) -> list[tuple[labels.Label, list[Entry]]]:
    sections: list[tuple[labels.Label, list[Entry]]] = []
    for line in lines:
        label = _label(line)
        if label is not None and label.kind == "muc":
            sections.append((label, []))
        else:
            sections[-1][1].append(line)
    return sections


def _part_key(title: str, data: Data) -> str | None:
    """Which of the four usual parts a heading names (from the words in nhap.yaml)."""
    upper = title.upper()
    # Every value of the Sections TypedDict is a list of words.
    words_of = cast("dict[str, list[str]]", vocabulary().phan).items()
    return next(
        (k for k, words in words_of if any(w in upper for w in words) and k not in data), None
    )


def _label_style(found: list[labels.Label], data: Data, ledger: Ledger) -> None:
    """The source's label style (`I-`, `1-`) when it is not the profile's: kept."""
    style = {}
    if any(label.written.endswith("-") for label in found if label.kind == "muc"):
        style["muc"] = "I-"
    if any(label.written.endswith("-") for label in found if label.kind == "tieu_muc"):
        style["tieu_muc"] = "1-"
    if style:
        data["danh_so"] = style
        ledger.note("danh_so", "nhãn viết theo kiểu riêng của văn bản gốc (giữ nguyên)")


def read_body(lines: list[Entry], data: Data, ledger: Ledger) -> None:
    """Fill `data` with the opening, the parts in source order and a closing sentence."""
    first = next((i for i, line in enumerate(lines) if _is_section(line)), len(lines))
    data["can_cu"] = [
        {"id": ledger.unique(f"can-cu-{i + 1}"), "noi_dung": text}
        for i, text in enumerate(_opening(lines[:first], ledger))
    ]
    if not data["can_cu"]:
        ledger.note("can_cu", "không có đoạn mở đầu (căn cứ)")
    sections = _sections(lines[first:])
    if sections:
        _closing(sections[-1][1], data)
    order, extras, seen = [], [], []
    for label, content in sections:
        seen += [label] + [x for x in map(_label, content) if x is not None]
        title = label.text.strip()
        key = _part_key(title, data)
        part = parts.part(key, title, tree(content, ledger, key or ""), ledger)
        part[WRITTEN] = label.written
        kept = part.pop("~key", key)
        if key is not None and kept == key:
            data[key] = part
        else:
            extras.append(part)
            if key is None:
                ledger.note(part["id"], "phần không thuộc bốn phần thường có: giữ đúng chỗ")
        order.append(part["id"])
    if extras:
        data["phan_khac"] = extras
    default = [data[k]["id"] for k in USUAL_PARTS if k in data] + [x["id"] for x in extras]
    if order != default:
        data["thu_tu"] = order
    if not any(k in data for k in ("muc_tieu_chi_tieu",)):
        ledger.note("van_ban", "không có phần mục tiêu, chỉ tiêu (ghi chú, không phải lỗi)")
    _label_style(seen, data, ledger)
    keep_printed(data, ledger)
    ledger.found.append(f"{len(sections)} phần")


def _opening(lines: list[Entry], ledger: Ledger) -> list[str]:
    """The paragraphs before the first part; a table there is kept as its rows' lines."""
    out: list[str] = []
    for line in lines:
        if isinstance(line, Grid):
            ledger.note("can_cu", "bảng trong phần mở đầu: giữ thành các đoạn, mỗi dòng một đoạn")
            out += [" | ".join(c for c in row if c) for row in line.rows if any(row)]
        else:
            out.append(line)
    return out


def _closing(content: list[Entry], data: Data) -> None:
    """`Trên đây là Kế hoạch …`, or a last line after inline items: the closing sentence."""
    if not content or not isinstance(content[-1], str):
        return
    last = content[-1]
    before = _label(content[-2]) if len(content) > 1 else None
    inline_before = before is not None and before.kind == "tieu_muc" and _inline(before.text)
    if labels.parse(last) is None and (_CLOSING.match(last) or inline_before):
        data["ket_luan"] = content.pop()


def _inline(text: str) -> bool:
    """A numbered line that is a whole paragraph (`1. Văn phòng … thực hiện.`), not a
    heading: it ends a sentence."""
    return text.rstrip().endswith((".", ";"))


def _item(label: labels.Label, ident: str) -> Data:
    text = label.text.strip()
    kind = "noi_dung" if _inline(text) else "tieu_de"
    return {"id": ident, kind: text, "doan": [], "muc": [], WRITTEN: label.written}


def table(grid: Grid, owner: str, ledger: Ledger) -> Data:
    """A table of the body as plan data: its first row the columns, the others its rows."""
    width = max(len(r) for r in grid.rows)
    rows = [r + [""] * (width - len(r)) for r in grid.rows]
    head, *rest = rows
    ident = ledger.unique(f"{owner}-bang")
    ledger.found.append(f"bảng {len(rest)} dòng × {width} cột")
    return {"id": ident, "bang": {"cot": head, "dong": [{"o": r} for r in rest]}}


def tree(content: list[Entry], ledger: Ledger, prefix: str) -> Data:
    """A part's content: paragraphs before any item, the items, their sub-items at any
    depth (a sub-item of a new label style opens a level under the innermost item)."""
    short = {"muc_dich_yeu_cau": "md", "nhiem_vu_giai_phap": "nv", "muc_tieu_chi_tieu": "mt"}
    prefix = short.get(prefix, "m")
    top: Data = {"doan": [], "muc": []}
    path: list[Data] = []  # the open items, outermost first
    for line in content:
        if isinstance(line, Grid):
            owner = path[-1] if path else top
            owner["doan"].append(table(line, owner.get("id", prefix), ledger))
            continue
        label = labels.parse(line, ledger.profile.nhan)
        if label is not None and label.kind == "tieu_muc":
            path = [_item(label, ledger.unique(f"{prefix}{len(top['muc']) + 1}"))]
            top["muc"].append(path[0])
        elif label is not None and label.kind == "tieu_muc_con" and path:
            style = "a)" if label.written.endswith(")") else "1.1."
            parent = next((i for i in reversed(path) if i.get("nhan_con") == style), path[-1])
            sub = _item(label, ledger.unique(f"{parent['id']}-{len(parent['muc']) + 1}"))
            parent["muc"].append(sub)
            parent["nhan_con"] = style
            path = [*path[: path.index(parent) + 1], sub]
        else:
            owner = path[-1] if path else top
            owner["doan"].append(paragraph(line, owner.get("id", prefix), ledger))
    return top


def paragraph(line: str, owner: str, ledger: Ledger) -> Data:
    """A paragraph of an item: a bullet (with its `Về …:` lead) or plain text."""
    count = ledger.ids.under(owner)
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
    return {"id": ledger.unique(f"{owner}-{count + 1}"), "noi_dung": line}
