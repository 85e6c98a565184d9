"""Two parts that are more than items: Mục tiêu, chỉ tiêu (general objective, the
indicators, the vision) and Tổ chức thực hiện (each duty cut into its body and its task)."""

from __future__ import annotations

import re

from kehoach.importer import indicators, organs
from kehoach.importer.ledger import Data, Ledger, slug
from kehoach.importer.numbering import WRITTEN
from kehoach.plan.indicators import NUMBERED
from kehoach.vn import labels


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


_MILESTONE = re.compile(r"(?:^|\b)(?:đến|năm|giai đoạn)\b.*?(\d{4})", re.IGNORECASE)


def _milestones(item: Data) -> bool:
    """Sub-items that each name a year (`a) Đến năm 2026`, `b) Đến năm 2030`), each holding
    only paragraphs that state targets: the targets by milestone."""
    subs = item["muc"]
    return bool(subs) and all(
        _MILESTONE.search(sub.get("tieu_de", ""))
        and sub["doan"]
        and not sub["muc"]
        and all(isinstance(p.get("noi_dung"), str) for p in sub["doan"])
        and any(indicators.has_target(p["noi_dung"]) for p in sub["doan"])
        for sub in subs
    )


def _indicator_item(items: list[Data]) -> Data | None:
    """The item holding the targets: named `chỉ tiêu` (its paragraphs, or its milestone
    sub-items), else a `mục tiêu` item (not the general one) whose paragraphs hold target
    numbers or whose sub-items are milestones (`Mục tiêu cụ thể`: `a) Đến năm 2026` …)."""
    for item in items:
        named = "chỉ tiêu" in item.get("tieu_de", "").lower()
        plain = item["doan"] and not item["muc"]
        if named and (plain or (not item["doan"] and _milestones(item))):
            return item
    for item in items:
        name = item.get("tieu_de", "").lower()
        specific = "mục tiêu" in name and "tổng quát" not in name and "chung" not in name
        if specific and not item["muc"] and any(
            indicators.has_target(p["noi_dung"]) for p in item["doan"]
        ):
            return item
        if specific and not item["doan"] and _milestones(item):  # "Mục tiêu cụ thể": a), b)
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
    if chosen is None and not items and _stated(tree["doan"]):
        out.pop("doan", None)  # the targets stand right under the part's heading
        out["chi_tieu"] = _indicators({"doan": tree["doan"], "muc": []}, ledger, title)
    elif chosen is None and _numbered_targets(items):
        lines = [{"noi_dung": item["noi_dung"], "dau": NUMBERED} for item in items]
        for item in items:
            ledger.ids.discard(item["id"])
        out["chi_tieu"] = _indicators({"doan": lines, "muc": []}, ledger, title)
        items = []
    others = []
    for item in items:
        name = item.get("tieu_de", "").lower()
        if chosen is not None and item is chosen:
            out["chi_tieu"] = _indicators(item, ledger)
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


def _numbered_targets(items: list[Data]) -> bool:
    """Items right under the part that are one numbered line each, printed in sequence,
    stating targets (`1. Chỉ số phát triển con người (HDI) đạt 0,75.`)."""
    printed = [re.match(r"\d+", str(i.get(WRITTEN, ""))) for i in items]
    in_sequence = [int(m.group()) if m else 0 for m in printed] == list(range(1, len(items) + 1))
    return bool(items) and in_sequence and all(map(_plain_inline, items)) and any(
        indicators.has_target(i["noi_dung"]) for i in items)


def _stated(paragraphs: list[Data]) -> bool:
    """Paragraphs that state targets: at least one holds a target number and none is a table."""
    texts = [p.get("noi_dung") for p in paragraphs]
    strings = [t for t in texts if isinstance(t, str)]
    return bool(texts) and len(strings) == len(texts) and any(map(indicators.has_target, strings))


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
        ledger.note(ident, "kiểm tra tên trên biểu, cấp áp dụng và hướng (tăng hay giảm là tốt)")
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
        name = indicators.label(text, first=True)
        ident = ledger.unique(f"ct-{slug(name, 5)}")
        phrases.append({"id": ident, "cau": fields.pop("cau"), "nhan": name, **fields})
        ledger.note(ident, "kiểm tra tên trên biểu, cấp áp dụng và hướng (tăng hay giảm là tốt)")
    return {"id": ledger.unique("ct-doan-1"), "dau": paragraphs[0]["dau"], "noi_dung": phrases}


def _indicators(item: Data, ledger: Ledger, heading: str = "") -> Data:
    """The indicator block of an item (or of the paragraphs right under a part whose
    `heading` names the year); milestone sub-items give a paragraph group each."""
    title = item.get("tieu_de", heading)
    years = re.findall(r"năm (\d{4})", title, re.IGNORECASE)  # `CHỈ TIÊU … NĂM 2026`
    if item["muc"]:  # by milestone: a) Đến năm 2026, b) Đến năm 2030
        groups = [_paragraphs(sub["doan"], ledger, sub) for sub in item["muc"]]
        for k, (sub, (group, _lead)) in enumerate(zip(item["muc"], groups, strict=True), 1):
            printed = labels.sub_item(k, ledger.profile.nhan)
            if sub.get(WRITTEN, printed) != printed and group:
                ledger.note(group[0]["id"], f"nhãn mốc '{sub[WRITTEN]}' in là '{printed}'")
        paragraphs = [p for group, _lead in groups for p in group]
        lead: list[Data] = []
        years += [str(p["nam"]) for p in paragraphs if "nam" in p]
    else:
        paragraphs, lead = _paragraphs(item["doan"], ledger)
    found = [p for para in paragraphs for p in para["noi_dung"]]
    valued = sum("gia_tri" in p for p in found)
    ledger.found.append(
        f"{len(found)} chỉ tiêu ({valued} có giá trị, {len(found) - valued} định tính)"
    )
    out: Data = {"id": "chi-tieu"}
    if "tieu_de" in item:
        out["tieu_de"] = item["tieu_de"]
    if WRITTEN in item:
        out[WRITTEN] = item[WRITTEN]
    out["nam"] = int(max(years)) if years else 2030
    if lead:
        out["mo_dau"] = lead
    out["doan"] = paragraphs
    return out


def _paragraphs(
    given: list[Data], ledger: Ledger, milestone: Data | None = None
) -> tuple[list[Data], list[Data]]:
    """Paragraphs of targets as indicator paragraphs, and the lead paragraphs before the
    first target; a numbered line is a target, stated in words when it has no value, and so
    is every line under a milestone sub-item (the block has no place for a lead there: a
    lead taken there was lost); its heading and year go on its first paragraph."""
    lead = 0
    while milestone is None and lead < len(given) - 1 and (
            given[lead].get("dau") != NUMBERED) and not indicators.has_target(
            given[lead]["noi_dung"]):
        lead += 1
    paragraphs: list[Data] = []
    run: list[Data] = []
    for paragraph in given[lead:]:
        if run and paragraph.get("dau") and paragraph["dau"] != run[0]["dau"]:
            paragraphs.append(_bullets(run, ledger))  # `-` lines, then `+` lines: two runs
            run = []
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
    if milestone is not None and paragraphs:
        title = milestone["tieu_de"]
        year = _MILESTONE.search(title)
        paragraphs[0] = {"id": paragraphs[0]["id"], "tieu_de": title,
                         **({"nam": int(year.group(1))} if year else {}),
                         **{k: v for k, v in paragraphs[0].items() if k != "id"}}
    return paragraphs, given[:lead]


def duties(title: str, items: list[Data], ledger: Ledger) -> Data:
    """Tổ chức thực hiện: each inline item cut into the acting body and its task."""
    out: list[Data] = []
    for item in items:
        text = item["noi_dung"]
        ident = ledger.unique(f"tc-{len(out) + 1}")
        ledger.ids.discard(item["id"])
        cut = organs.cut(text)
        if cut is None or cut == 0:
            cut = len(" ".join(text.split(" ", 3)[:3]))
            ledger.note(ident, "không nhận ra cơ quan thực hiện: kiểm tra chu_the")
        duty = {"id": ident, "chu_the": text[:cut].strip(), "noi_dung": text[cut:].strip()}
        if WRITTEN in item:
            duty[WRITTEN] = item[WRITTEN]
        out.append(duty)
    ledger.found.append(f"{len(out)} mục tổ chức thực hiện")
    return {"id": "to-chuc-thuc-hien", "tieu_de": title, "muc": out}
