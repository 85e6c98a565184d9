"""What follows the signature → the plan's appendices (phụ lục): title, name, the
`(Kèm theo …)` caption (kept only where it differs from the one the header gives), and a
table, read as indicator rows with milestones when its columns are `Năm 2025`, `Năm 2030`."""

from __future__ import annotations

import itertools
import re
from typing import TypeVar

from kehoach.importer.ledger import Data, Ledger, clean, default_profile, slug
from kehoach.importer.sources import Grid, Rows
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
    signer's name typed under the table): the signer's; and what is left after them. Lines
    a table follows are that table's title (a phụ lục named without the word PHỤ LỤC)."""
    rule = default_profile().phu_luc
    lines = []
    for entry in after:
        if not isinstance(entry, str) or is_title(clean(entry), rule):
            break
        lines.append(entry)
    kept = [clean(x) for x in lines if clean(x)]
    if not kept or len(kept) > 3 or any(len(x) > 60 for x in kept):
        return [], after
    if len(lines) < len(after) and not isinstance(after[len(lines)], str):
        return [], after  # lines right over a table are its phụ lục's name
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
    """Fill `phu_luc` from the entries after the signature: each title line opens one."""
    out: list[Data] = []
    groups: list[list[Entry]] = []
    for entry in after:
        if isinstance(entry, str):
            entry = clean(entry)
            if not entry:
                continue
        if isinstance(entry, str) and (is_title(entry, ledger.profile.phu_luc) or not groups):
            out.append({"id": ledger.unique(f"phu-luc-{len(out) + 1}"), "tieu_de": entry})
            groups.append([])
            continue
        if not groups:  # a table right after the signature, with no title above it
            out.append({"id": ledger.unique("phu-luc-1"), "tieu_de": "PHỤ LỤC"})
            groups.append([])
            ledger.note(out[-1]["id"], "bảng sau phần ký không có dòng tên: đã điền 'PHỤ LỤC'")
        groups[-1].append(entry)
    for current, entries in zip(out, groups, strict=True):
        _content(entries, current, caption, ledger)
    if out:
        data["phu_luc"] = out
        ledger.found.append(f"{len(out)} phụ lục")


_NAME_LINES = 3
"""A phụ lục's name takes at most this many lines; more lines before its table are text."""


def _content(entries: list[Entry], current: Data, caption: str, ledger: Ledger) -> None:
    """One phụ lục's caption, name, table and own paragraphs and tables (`doan`), in the
    order of the source: the lines before its first table are its name when they are few
    (else its name is the lines in capitals that open it), the `(Kèm theo …)` line among
    or right after them its caption, the table right after them its table; everything
    after is kept in `doan`."""
    rest = list(entries)
    head = list(itertools.takewhile(lambda e: isinstance(e, str), rest[: _NAME_LINES + 1]))
    at = next((i for i, x in enumerate(head) if str(x).startswith("(")), None)
    if at is not None:
        line = str(rest.pop(at))
        if line != caption:
            current["chu_thich"] = line
            ledger.note(current["id"], "dòng 'Kèm theo' khác dòng sinh từ đầu văn bản")
    first_table = next((i for i, e in enumerate(rest) if isinstance(e, list)), len(rest))
    lines = [str(e) for e in rest[:first_table]]
    if len(lines) <= _NAME_LINES:
        name = lines
    else:
        name = list(itertools.takewhile(lambda x: x == x.upper(), lines[:_NAME_LINES]))
    if name:
        current["ten"] = "\n".join(name)
    rest = rest[len(name) :]
    if rest and isinstance(rest[0], list):
        rows = rest.pop(0)
        assert isinstance(rows, list)
        groups = _milestones(rows, ledger)
        if groups is not None:
            current["chi_tieu"] = groups
        else:
            current["bang"] = _table(rows)
            _continued(rest, current, ledger)
    if rest:
        _own(rest, current, ledger)


def _table(rows: list[list[str]]) -> Data:
    """A table's headings and rows; `khung: false` when Word drew no lines (`Rows.framed`)."""
    table: Data = {"cot": rows[0], "dong": [{"o": r} for r in rows[1:]]}
    if isinstance(rows, Rows) and not rows.framed:
        table["khung"] = False
    return table


def _continued(rest: list[Entry], current: Data, ledger: Ledger) -> None:
    """Tables right after the phụ lục's table with as many columns and lines drawn alike
    (Word split it at a page, a blank line between): their rows join the table."""
    width = len(current["bang"]["cot"])
    lines = current["bang"].get("khung", True)
    joined = 0
    while (
        rest
        and isinstance(rest[0], list)
        and all(len(r) == width for r in rest[0])
        and _table(rest[0]).get("khung", True) == lines
    ):
        current["bang"]["dong"] += [{"o": r} for r in rest.pop(0)]
        joined += 1
    if joined:
        ledger.note(current["id"], f"{joined} bảng nối tiếp cùng số cột: đã gộp vào bảng, kiểm tra")


def _own(rest: list[Entry], current: Data, ledger: Ledger) -> None:
    """The phụ lục's paragraphs and tables after its table, as typed; one note for all."""
    blocks: list[Data] = []
    for entry in rest:
        ident = ledger.unique(f"{current['id']}-{len(blocks) + 1}")
        if isinstance(entry, list):
            blocks.append({"id": ident, "bang": _table(entry)})
        else:
            blocks.append({"id": ident, "noi_dung": entry})
    current["doan"] = blocks
    tables = sum(1 for b in blocks if "bang" in b)
    ledger.note(
        current["id"],
        f"phụ lục có {len(blocks) - tables} đoạn văn và {tables} bảng riêng (mẫu, ghi chú …): "
        "giữ câu chữ, mỗi đoạn một đoạn, mỗi bảng một bảng (có kẻ khung hay không như bản "
        "gốc); không giữ căn lề, chữ đậm, nghiêng, cỡ cột và chỗ sang trang của bản gốc: "
        "kiểm tra bản in",
    )
