"""One indicator stated at several milestones is one indicator: a sentence of a later
milestone that states the same indicator as an earlier one (`… đạt 50%` by 2026, `… đạt 80%`
by 2030), and a phụ lục row that gives an indicator of the text its years, are linked to it
(`moc_cua`), so forms and summaries list it once per report. Each link is noted for the
clerk: the words decide it, not a person."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kehoach.importer.ledger import Data, Ledger

# Words that say how a target is stated, not what it measures.
_FILLER = {
    "tỷ", "lệ", "tỉ", "số", "của", "trong", "so", "với", "các", "được", "có", "đạt", "chiếm",
    "tối", "thiểu", "ít", "nhất", "khoảng", "trên", "dưới", "và", "phấn", "đấu", "bảo", "đảm",
    "tỉnh", "thành", "phố", "gt", "năm", "đến", "mỗi", "cá", "nhân",
}
LINKED = "cùng chỉ tiêu với '{other}' ở mốc năm khác: biểu báo cáo mỗi kỳ một dòng; kiểm tra"


def words(text: str) -> set[str]:
    """What a label or a sentence measures: its words, less numbers and filler."""
    found = re.findall(r"[^\W\d_]+", text.lower())
    return {w for w in found if w not in _FILLER}


def same_measure(one: str, other: str) -> bool:
    """Whether two labels (or sentences) name one indicator: every word of the shorter is
    in the longer (`ở nông thôn` is not `ở thành thị`), and they share at least half of
    all their words."""
    a, b = words(one), words(other)
    if not a or not b:
        return False
    shared = len(a & b)
    return shared == min(len(a), len(b)) and shared >= 0.5 * len(a | b)


def link_milestones(data: Data, ledger: Ledger) -> None:
    """Set `moc_cua` on each later statement of an indicator and on each phụ lục row of an
    indicator of the text."""
    objectives = data.get("muc_tieu_chi_tieu") or {}
    block = objectives.get("chi_tieu") or {}
    roots: list[tuple[Data, int]] = []  # (record, year), in reading order
    for paragraph in block.get("doan", []):
        year = paragraph.get("nam", block.get("nam"))
        for record in _records(paragraph.get("noi_dung", [])):
            year_of = record.get("nam", year)
            match = next((r for r, y in roots if y != year_of and _same(r, record)), None)
            if match is not None and "gia_tri" in record and "gia_tri" in match:
                record["moc_cua"] = match["id"]
                ledger.note(record["id"], LINKED.format(other=match["id"]))
            else:
                roots.append((record, year_of))
    for appendix in data.get("phu_luc", []):
        for group in appendix.get("chi_tieu", []):
            for row in group.get("chi_tieu", []):
                match = next((r for r, _ in roots if _same(r, row)), None)
                if match is not None:
                    row["moc_cua"] = match["id"]
                    ledger.note(row["id"], LINKED.format(other=match["id"]))


def _same(known: Data, record: Data) -> bool:
    if known.get("cau") and known.get("cau") == record.get("cau"):
        return True
    texts = [known.get("nhan", ""), known.get("cau", "")]
    return any(same_measure(t, record.get("nhan", "")) for t in texts if t)


def _records(phrases: list[Data]) -> Iterator[Data]:
    for phrase in phrases:
        if "chi_tieu" in phrase:
            yield from _records(phrase["chi_tieu"])
        else:
            yield phrase
