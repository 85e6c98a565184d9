"""What follows the signature → the plan's appendices (phụ lục): title, name, the
`(Kèm theo …)` caption (kept only where it differs from the one the header gives), and a
table, read as indicator rows with milestones when its columns are `Năm 2025`, `Năm 2030`."""

from __future__ import annotations

import re

from kehoach.importer.ledger import Data, Ledger, clean, default_profile, slug
from kehoach.vn.appendix import is_title
from kehoach.vn.numbers import parse_number

Entry = str | list[list[str]]
_YEAR = re.compile(r"^Năm (\d{4})$")
_ROMAN = re.compile(r"^[IVXL]+\.?$")


def split(lines: list[str]) -> tuple[list[str], list[Entry]]:
    """The lines before the first `PHỤ LỤC` line, and from it on (TAB rows as tables)."""
    rule = default_profile().phu_luc
    start = next((i for i, x in enumerate(lines) if is_title(clean(x), rule)), len(lines))
    after: list[Entry] = []
    for line in lines[start:]:
        if "\t" in line.strip(" "):
            row = [clean(c) for c in line.split("\t")]
            if after and isinstance(after[-1], list):
                after[-1].append(row)
            else:
                after.append([row])
        elif clean(line):
            after.append(clean(line))
    return lines[:start], after


def _milestones(rows: list[list[str]], ledger: Ledger) -> list[Data] | None:
    """Indicator groups from `STT | Chỉ tiêu | Đơn vị tính | Năm … |…` rows, else None."""
    head = rows[0]
    matches = [_YEAR.match(c) for c in head[3:]]
    if len(head) < 4 or head[1] != "Chỉ tiêu" or not all(matches):
        return None
    years = [y for y in matches if y is not None]  # all of them, as just checked
    groups: list[Data] = []
    for row in rows[1:]:
        row = row + [""] * (len(head) - len(row))
        if _ROMAN.match(row[0]) and not any(row[2:]):
            groups.append(
                {"id": ledger.unique(f"pl-{slug(row[1], 4)}"), "tieu_de": row[1], "chi_tieu": []}
            )
            continue
        if not row[0].isdigit() or len(row) != len(head):
            return None
        moc = {int(y.group(1)): _value(v) for y, v in zip(years, row[3:], strict=True) if v}
        if not moc:
            return None
        if not groups:
            groups.append({"id": ledger.unique("pl-chi-tieu"), "chi_tieu": []})
        ident = ledger.unique(f"pl-{slug(row[1], 5)}")
        groups[-1]["chi_tieu"].append({"id": ident, "nhan": row[1], "don_vi": row[2], "moc": moc})
        ledger.note(ident, "kiểm tra hướng của chỉ tiêu (tăng hay giảm là tốt)")
    return groups if all(g["chi_tieu"] for g in groups) else None


def _value(text: str) -> int | float | str:
    number = parse_number(text)
    return text if number is None else number


def read_appendices(after: list[Entry], data: Data, caption: str, ledger: Ledger) -> None:
    """Fill `phu_luc` from the entries after the signature."""
    out: list[Data] = []
    for entry in after:
        if isinstance(entry, str) and not entry.strip():
            continue
        if isinstance(entry, str) and (is_title(entry, ledger.profile.phu_luc) or not out):
            out.append({"id": ledger.unique(f"phu-luc-{len(out) + 1}"), "tieu_de": entry})
            continue
        current = out[-1]
        if isinstance(entry, list):
            _table(entry, current, ledger)
        elif entry.startswith("(") and "chu_thich" not in current and "~caption" not in current:
            current["~caption"] = True
            if entry != caption:
                current["chu_thich"] = entry
                ledger.note(current["id"], "dòng 'Kèm theo' khác dòng sinh từ đầu văn bản")
        elif "bang" not in current and "chi_tieu" not in current:
            current["ten"] = f"{current['ten']}\n{entry}" if "ten" in current else entry
        else:
            _table([[entry]], current, ledger)
    for current in out:
        current.pop("~caption", None)
    if out:
        data["phu_luc"] = out
        ledger.found.append(f"{len(out)} phụ lục")


def _table(rows: list[list[str]], current: Data, ledger: Ledger) -> None:
    if "chi_tieu" not in current and "bang" not in current:
        groups = _milestones(rows, ledger)
        if groups is not None:
            current["chi_tieu"] = groups
            return
        current["bang"] = {"cot": rows[0], "dong": [{"o": r} for r in rows[1:]]}
        return
    if "chi_tieu" in current:  # a second table: kept as a table of its own columns
        current.setdefault("bang", {"cot": rows[0], "dong": []})["dong"] += [
            {"o": r} for r in rows[1:]
        ]
    else:
        current["bang"]["dong"] += [{"o": r} for r in rows]
    ledger.note(current["id"], "phụ lục có thêm dòng hoặc bảng: đã gộp vào bảng, kiểm tra")
