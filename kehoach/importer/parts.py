"""Two parts that are more than items: Mục tiêu, chỉ tiêu (general objective, the
indicators, the vision) and Tổ chức thực hiện (each duty cut into its body and its task)."""

from __future__ import annotations

import re

from kehoach.importer import indicators
from kehoach.importer.ledger import Data, Ledger, slug, vocabulary


def part(key: str | None, title: str, tree: Data, ledger: Ledger) -> Data:
    """One part as plan data: the usual part `key` names, else a generic part; a usual part
    whose content does not fit its shape is kept generic (`~key` says so)."""
    ident = key.replace("_", "-") if key else ledger.unique(f"phan-{slug(title, 3)}")
    if key == "muc_tieu_chi_tieu":
        return objectives(ident, title, tree, ledger)
    if key == "to_chuc_thuc_hien":
        items = tree["muc"]
        if items and all(_plain_inline(i) for i in items):
            return {
                **duties(title, items, ledger),
                **({"doan": tree["doan"]} if tree["doan"] else {}),
            }
        ident = ledger.unique("to-chuc-thuc-hien")
        ledger.note(ident, "tổ chức thực hiện có đoạn hoặc mục con: giữ như một phần chung")
        key = None
    if key == "nhiem_vu_giai_phap":
        ledger.found.append(f"{len(tree['muc'])} nhiệm vụ")
    out = {"id": ident, "tieu_de": title, **_clean(tree)}
    if key is None:
        out["~key"] = None
    return out


def _plain_inline(item: Data) -> bool:
    return "noi_dung" in item and not item["doan"] and not item["muc"]


def _clean(node: Data) -> Data:
    """Plan data without the empty lists the reader started each item with."""
    out = {k: v for k, v in node.items() if v != [] or k == "doan"}
    if "muc" in out:
        out["muc"] = [_clean(i) for i in out["muc"]]
    if not out.get("doan"):
        out.pop("doan", None)
    return out


def _indicator_item(items: list[Data]) -> Data | None:
    """The item holding the targets: named `chỉ tiêu`, else a `mục tiêu` item (not the
    general one) whose paragraphs hold target numbers."""
    for item in items:
        if "chỉ tiêu" in item.get("tieu_de", "").lower() and item["doan"] and not item["muc"]:
            return item
    for item in items:
        name = item.get("tieu_de", "").lower()
        usable = "mục tiêu" in name and "tổng quát" not in name and not item["muc"]
        if usable and any(indicators.has_target(p["noi_dung"]) for p in item["doan"]):
            return item
    return None


def objectives(ident: str, title: str, tree: Data, ledger: Ledger) -> Data:
    """The items of the mục tiêu part placed as general objective, chỉ tiêu, tầm nhìn and
    other items (printed after them, in source order)."""
    out: Data = {"id": ident, "tieu_de": title}
    if tree["doan"]:
        out["doan"] = tree["doan"]
    items = tree["muc"]
    chosen = _indicator_item(items)
    others = []
    for item in items:
        name = item.get("tieu_de", "").lower()
        if chosen is not None and item is chosen:
            out["chi_tieu"] = _indicators(chosen, ledger)
        elif "tầm nhìn" in name and "tam_nhin" not in out:
            out["tam_nhin"] = _clean(item)
        elif "muc_tieu_tong_quat" not in out and "chi_tieu" not in out and "tieu_de" in item:
            out["muc_tieu_tong_quat"] = _clean(item)
        else:
            others.append(_clean(item))
    if others:
        out["muc"] = others
        if "tam_nhin" in out or "chi_tieu" in out:
            ledger.note(ident, "mục không phải mục tiêu, chỉ tiêu hay tầm nhìn: in sau cùng")
    if "chi_tieu" not in out:
        ledger.note(ident, "không thấy mục chỉ tiêu")
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


def _bullets(paragraphs: list[Data], ledger: Ledger) -> Data:
    """A dash list of targets: one indicator per line, its wording the whole line."""
    phrases = []
    for paragraph in paragraphs:
        text = paragraph["noi_dung"]
        text = f"{paragraph['dan']}: {text}" if paragraph.get("dan") else text
        fields = indicators.structure(indicators.Record(text), first=True)
        name = indicators.label(text)
        ident = ledger.unique(f"ct-{slug(name, 5)}")
        phrases.append({"id": ident, "cau": fields.pop("cau"), "nhan": name, **fields})
        ledger.note(ident, "kiểm tra tên trên biểu, cấp áp dụng (cap) và hướng (huong)")
    return {"id": ledger.unique("ct-doan-1"), "dau": paragraphs[0]["dau"], "noi_dung": phrases}


def _indicators(item: Data, ledger: Ledger) -> Data:
    years = re.findall(r"năm (\d{4})", item["tieu_de"])
    given = item["doan"]
    lead = 0
    while lead < len(given) - 1 and not indicators.has_target(given[lead]["noi_dung"]):
        lead += 1
    paragraphs, run = [], []
    for paragraph in given[lead:]:
        if paragraph.get("dau"):
            run.append(paragraph)
            continue
        if run:
            paragraphs.append(_bullets(run, ledger))
            run = []
        k = len(paragraphs) + 1
        phrases = _phrases(paragraph["noi_dung"], ledger)
        paragraphs.append({"id": ledger.unique(f"ct-doan-{k}"), "noi_dung": phrases})
    if run:
        paragraphs.append(_bullets(run, ledger))
    found = [p for para in paragraphs for p in para["noi_dung"]]
    valued = sum("gia_tri" in p for p in found)
    ledger.found.append(
        f"{len(found)} chỉ tiêu ({valued} có giá trị, {len(found) - valued} định tính)"
    )
    out = {"id": "chi-tieu", "tieu_de": item["tieu_de"]}
    out["nam"] = int(years[-1]) if years else 2030
    if lead:
        out["mo_dau"] = given[:lead]
    out["doan"] = paragraphs
    return out


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
    return next(iter(named or cuts), None)


def duties(title: str, items: list[Data], ledger: Ledger) -> Data:
    """Tổ chức thực hiện: each inline item cut into the acting body and its task."""
    out: list[Data] = []
    for item in items:
        text = item["noi_dung"]
        ident = ledger.unique(f"tc-{len(out) + 1}")
        ledger.ids.discard(item["id"])
        cut = _cut(text)
        if cut is None or cut == 0:
            cut = len(" ".join(text.split(" ", 3)[:3]))
            ledger.note(ident, "không nhận ra cơ quan thực hiện: kiểm tra chu_the")
        out.append({"id": ident, "chu_the": text[:cut].strip(), "noi_dung": text[cut:].strip()})
    ledger.found.append(f"{len(out)} mục tổ chức thực hiện")
    return {"id": "to-chuc-thuc-hien", "tieu_de": title, "muc": out}
