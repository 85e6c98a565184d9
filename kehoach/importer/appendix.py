"""What follows the signature → the plan's appendices (phụ lục): title, name, the
`(Kèm theo …)` caption (kept only where it differs from the one the header gives), and a
table, read as indicator rows with milestones when its columns are `Năm 2025`, `Năm 2030`."""

from __future__ import annotations

import re
from typing import TypeVar

from kehoach.importer.ledger import Data, Ledger, clean, default_profile, slug
from kehoach.importer.sources import Grid
from kehoach.vn.appendix import is_title
from kehoach.vn.numbers import parse_number

Entry = str | list[list[str]]
T = TypeVar("T")
_YEAR = re.compile(r"^Năm (\d{4})$")
_ROMAN = re.compile(r"^[IVXL]+\.?$")


def split(lines: list[T]) -> tuple[list[T], list[Entry]]:
    """The lines (and tables) before the first `PHỤ LỤC` line, and from it on (TAB rows
    and tables as tables)."""
    rule = default_profile().phu_luc
    start = next(
        (i for i, x in enumerate(lines) if isinstance(x, str) and is_title(clean(x), rule)),
        len(lines),
    )
    after: list[Entry] = []
    for line in lines[start:]:
        if isinstance(line, Grid):
            after.append([list(row) for row in line.rows])
        elif not isinstance(line, str):
            continue
        elif "\t" in line.strip(" "):
            row = [clean(c) for c in line.split("\t")]
            if after and isinstance(after[-1], list):
                after[-1].append(row)
            else:
                after.append([row])
        elif clean(line):
            after.append(clean(line))
    return list(lines[:start]), after


def signer_below(after: list[Entry]) -> tuple[list[str], list[Entry]]:
    """A few short lines right after the signature table, before any phụ lục or table (the
    signer's name typed under the table): the signer's; and what is left after them."""
    rule = default_profile().phu_luc
    lines = []
    for entry in after:
        if not isinstance(entry, str) or is_title(clean(entry), rule):
            break
        lines.append(entry)
    kept = [clean(x) for x in lines if clean(x)]
    if not kept or len(kept) > 3 or any(len(x) > 60 for x in kept):
        return [], after
    return kept, after[len(lines) :]


def _milestones(rows: list[list[str]], ledger: Ledger) -> list[Data] | None:
    """Indicator groups from `STT | Chỉ tiêu | Đơn vị tính | Năm … |…` rows, else None. Other
    columns (`Cơ quan chủ trì theo dõi`) are kept on each row (`khac`), by their heading."""
    head = [" ".join(c.split()) for c in rows[0]]
    if len(head) < 4 or head[1] != "Chỉ tiêu":
        return None
    years = {k: int(m.group(1)) for k, c in enumerate(head) if k > 2 and (m := _YEAR.match(c))}
    extra = {k: c for k, c in enumerate(head) if k > 2 and k not in years and c}
    if not years or len(years) + len(extra) != len(head) - 3:
        return None
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
        moc = {year: _value(row[k]) for k, year in years.items() if row[k]}
        if not moc:
            return None
        if not groups:
            groups.append({"id": ledger.unique("pl-chi-tieu"), "chi_tieu": []})
        ident = ledger.unique(f"pl-{slug(row[1], 5)}")
        record: Data = {"id": ident, "nhan": row[1], "don_vi": row[2], "moc": moc}
        others = {name: row[k] for k, name in extra.items() if row[k]}
        if others:
            record["khac"] = others
        groups[-1]["chi_tieu"].append(record)
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
        if isinstance(entry, str):
            entry = clean(entry)
        if isinstance(entry, str) and (is_title(entry, ledger.profile.phu_luc) or not out):
            out.append({"id": ledger.unique(f"phu-luc-{len(out) + 1}"), "tieu_de": entry})
            continue
        if not out:  # a table right after the signature, with no title above it
            out.append({"id": ledger.unique("phu-luc-1"), "tieu_de": "PHỤ LỤC"})
            ledger.note(out[-1]["id"], "bảng sau phần ký không có dòng tên: đã điền 'PHỤ LỤC'")
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
