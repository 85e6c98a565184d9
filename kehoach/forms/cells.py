"""Writing cells so that text stays text: every string that comes from a user or a file
(a plan, a registry, `--ky`, a returned workbook, a file name) is stored as a string cell,
never as a formula, whatever it starts with (`=`, `+`, `-`, `@`). The only formulas in
kehoach's workbooks are the ones it builds itself, written through `formula_cell`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet


def shown(text: str) -> str:
    """`text` as a workbook can hold it: control characters and the undecodable bytes of a
    file name (lone surrogates) written as visible escapes; everything else unchanged."""
    safe = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return ILLEGAL_CHARACTERS_RE.sub(lambda m: f"\\x{ord(m.group()):02x}", safe)


def first_sheet(book: Workbook, title: str) -> Worksheet:
    """The sheet a new workbook opens with, named `title`."""
    sheet = book.active
    if not isinstance(sheet, Worksheet):
        raise TypeError("a new workbook opens on a worksheet")
    sheet.title = title
    return sheet


def text_cell(ws: Worksheet, ref: str, value: str) -> Cell:
    """Put `value` in cell `ref` as text (data type `s`), never as a formula."""
    target = ws[ref]
    target.value = shown(value)
    target.data_type = "s"
    return target


def formula_cell(ws: Worksheet, ref: str, formula: str) -> Cell:
    """One of kehoach's own formulas (built from cell references and the rule table)."""
    if not formula.startswith("="):
        raise ValueError(f"not a formula: {formula!r}")
    target = ws[ref]
    target.value = formula
    return target


def put(ws: Worksheet, ref: str, value: Any) -> Cell:
    """A value from the plan or a report: strings as text, numbers and blanks as they are."""
    if isinstance(value, str):
        return text_cell(ws, ref, value)
    target = ws[ref]
    target.value = value
    return target


def _as_cell(ws: Worksheet, value: Any) -> Cell | Any:
    if not isinstance(value, str):
        return value
    made = Cell(ws, row=1, column=1, value=shown(value))  # `append` moves it to its place
    made.data_type = "s"
    return made


def text_row(ws: Worksheet, values: Iterable[Any]) -> None:
    """`ws.append`, with every string as text."""
    ws.append([_as_cell(ws, v) for v in values])
