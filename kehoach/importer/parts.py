"""Two parts that are more than items: Mục tiêu, chỉ tiêu (general objective, the
indicators, the vision) and Tổ chức thực hiện (each duty cut into its body and its task)."""

from __future__ import annotations

import re

from kehoach.importer import indicators
from kehoach.importer.ledger import Data, Ledger, slug, vocabulary
from kehoach.vn import labels


def objectives(title: str, items: list[Data], ledger: Ledger) -> Data:
    """The items of section II placed as general objective, chỉ tiêu and tầm nhìn."""
    out: Data = {"id": "muc-tieu-chi-tieu", "tieu_de": title}
    others = []
    for item in items:
        name = item["tieu_de"].lower()
        if "chỉ tiêu" in name and "chi_tieu" not in out:
            out["chi_tieu"] = _indicators(item, ledger)
        elif "tầm nhìn" in name and "tam_nhin" not in out:
            out["tam_nhin"] = item
        elif "muc_tieu_tong_quat" not in out and "chi_tieu" not in out:
            out["muc_tieu_tong_quat"] = item
        else:
            others.append(item)
    for item in others:  # kept, in the general objective, for the clerk to place
        target = out.get("muc_tieu_tong_quat")
        if target is not None:
            target["doan"].extend(item["doan"])
            ledger.note(target["id"], f"mục '{item['tieu_de']}' đã gộp vào đây")
    if "chi_tieu" not in out:
        ledger.note("muc-tieu-chi-tieu", "không thấy mục chỉ tiêu")
    return out


def _phrases(text: str, ledger: Ledger) -> list[Data]:
    """One paragraph of targets as indicator records, each noted for the clerk to check."""
    phrases = []
    for record in indicators.records(text):
        fields = indicators.structure(record)
        name = indicators.label(record.text)
        ident = ledger.unique(f"ct-{slug(name, 5)}")
        phrase = {"id": ident, "cau": fields.pop("cau"), "nhan": name, **fields}
        if record.joiner != "; ":
            phrase["noi"] = record.joiner
        phrases.append(phrase)
        ledger.note(ident, "kiểm tra tên trên biểu, cấp áp dụng (cap) và hướng (huong)")
    if phrases and phrases[-1].get("noi") == ".":
        del phrases[-1]["noi"]
    return phrases


def _indicators(item: Data, ledger: Ledger) -> Data:
    years = re.findall(r"năm (\d{4})", item["tieu_de"])
    paragraphs, counted, valued = [], 0, 0
    for k, paragraph in enumerate(item["doan"], start=1):
        phrases = _phrases(paragraph["noi_dung"], ledger)
        counted += len(phrases)
        valued += sum("gia_tri" in p for p in phrases)
        paragraphs.append({"id": ledger.unique(f"ct-doan-{k}"), "noi_dung": phrases})
    ledger.found.append(f"{counted} chỉ tiêu ({valued} có giá trị, {counted - valued} định tính)")
    return {
        "id": "chi-tieu",
        "tieu_de": item["tieu_de"],
        "nam": int(years[0]) if years else 2030,
        "doan": paragraphs,
    }


def _cut(text: str) -> int | None:
    """Where the acting body ends and its task begins: before a verb of the data, best
    right after the name of a body or an area (`… Huyện ủy`, `… xã`)."""
    cuts = sorted(
        m.start()
        for act in vocabulary().viec_lam
        for m in re.finditer(rf"\s{re.escape(act)}\b", text)
    )
    ends = "|".join(re.escape(w) for w in vocabulary().cuoi_ten_co_quan)
    named = [c for c in cuts if re.search(rf"(?:{ends})$", text[:c])]
    return (named or cuts or [None])[0]


def duties(title: str, content: list[str], ledger: Ledger) -> Data:
    """Section IV: one duty per numbered item, later lines joined to the duty before."""
    out: list[Data] = []
    for line in content:
        label = labels.parse(line)
        if label is None or label.kind != "tieu_muc":
            if out:
                out[-1]["noi_dung"] += " " + line
                ledger.note(out[-1]["id"], "đoạn tiếp theo đã nối vào nhiệm vụ này")
            continue
        text = label.text.strip()
        ident = ledger.unique(f"tc-{len(out) + 1}")
        cut = _cut(text)
        if cut is None or cut == 0:
            cut = len(" ".join(text.split(" ", 3)[:3]))
            ledger.note(ident, "không nhận ra cơ quan thực hiện: kiểm tra chu_the")
        out.append({"id": ident, "chu_the": text[:cut].strip(), "noi_dung": text[cut:].strip()})
    ledger.found.append(f"{len(out)} mục tổ chức thực hiện")
    return {"id": "to-chuc-thuc-hien", "tieu_de": title, "muc": out}
