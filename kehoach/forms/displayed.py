"""A number cell of a returned workbook read as the clerk sees it on screen, or the reason
it cannot be: Excel stores 85% as 0.85 (a percent format multiplies by 100 when shown), a
format may scale what it shows (`#,##0,` in thousands) or hide it (`;;;`), a formula
shows a result nobody typed, a merged cell shows one value over several cells, a hidden
row or column shows nothing. Text typed in a number cell is read the Vietnamese way
(`2,59`, `1.000` is one thousand). Shared by `derive --values` and `aggregate`."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula
from openpyxl.worksheet.worksheet import Worksheet

from kehoach.forms.cells import shown
from kehoach.vn import numbers as vnformat

Number = int | float

_LITERAL = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')
"""The parts of a number format that print as themselves: quoted text, escaped
characters, colours and conditions, paddings and fills."""
_PLACEHOLDER = re.compile(r"[0#?]")


@dataclass(frozen=True)
class Read:
    """What a cell holds as the clerk sees it: a number (None for a blank), the
    problem that keeps it from being read, and a note (a number typed as text)."""

    value: Number | None = None
    problem: str | None = None
    note: str | None = None


class SheetView:
    """What of a sheet is out of sight or merged, worked out once per sheet."""

    def __init__(self, sheet: Worksheet) -> None:
        self.sheet = sheet
        self.reported: set[str] = set()  # merged areas already named
        self.merged: dict[str, str] = {}
        for area in sheet.merged_cells.ranges:
            for row, column in area.cells:
                self.merged[f"{get_column_letter(column)}{row}"] = area.coord
        self.hidden_columns: set[int] = set()
        for dimension in sheet.column_dimensions.values():
            if dimension.hidden or dimension.width == 0:
                low, high = dimension.min or 0, dimension.max or 0
                self.hidden_columns.update(range(low, min(high, 16_384) + 1))
        self.hidden_rows = {
            number
            for number, dimension in sheet.row_dimensions.items()
            if dimension.hidden or dimension.ht == 0
        }

    def out_of_sight(self, cell: Cell | MergedCell) -> str | None:
        """Why `cell` cannot be seen (its row, its column or its sheet hidden), or None."""
        if self.sheet.sheet_state != "visible":
            return f"trang '{shown(self.sheet.title)}' đang ẩn"
        row, column = cell.row or 0, cell.column or 0
        if row in self.hidden_rows:
            return f"dòng {row} đang ẩn"
        if column in self.hidden_columns:
            return f"cột {get_column_letter(column)} đang ẩn"
        return None

    def refusal(self, cell: Cell | MergedCell, sight: bool = True) -> str | None:
        """Why what `cell` holds is not what the clerk typed and sees there, or None:
        a merged area (named once), a formula, a value in a hidden row or column (`sight`)."""
        area = self.merged.get(cell.coordinate)
        if area is not None:
            if area in self.reported:
                return None
            self.reported.add(area)
            return (
                f"ô nằm trong vùng gộp ô {area}: bỏ gộp ô (Merge & Center) rồi ghi giá trị "
                "vào từng ô"
            )
        if is_formula(cell):
            formula = shown(_short(str(cell.value)))
            return (
                f"ô chứa công thức '{formula}', không phải giá trị đã gõ: gõ thẳng giá trị "
                "(hoặc Dán đặc biệt → Giá trị)"
            )
        if sight and cell.value not in (None, ""):
            hidden = self.out_of_sight(cell)
            if hidden is not None:
                return (
                    f"ô có giá trị nhưng {hidden} nên không ai thấy: hiện ra (Unhide) để "
                    "kiểm tra, hoặc xóa giá trị"
                )
        return None


def is_formula(cell: Cell | MergedCell) -> bool:
    return cell.data_type == "f" or isinstance(cell.value, ArrayFormula | DataTableFormula)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def number(view: SheetView, cell: Cell | MergedCell, rate: bool = False) -> Read:
    """The number in `cell` as shown (a percent format ×100, text the Vietnamese way);
    `rate`: the indicator is in %, so a typed `85%` is 85."""
    refused = view.refusal(cell)
    if refused is not None or isinstance(cell, MergedCell):
        return Read(problem=refused)
    raw = cell.value
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return Read()
    if isinstance(raw, str):
        return _typed(raw, rate)
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        kind = "ngày tháng" if isinstance(raw, dt.date | dt.time) else "không phải số"
        return Read(problem=f"ô định dạng {kind}, cần một con số (như 95 hoặc 2,5)")
    return _formatted(raw, cell.number_format or "General")


def _typed(raw: str, rate: bool) -> Read:
    """A number typed as text: `2,59`, `1.000` (one thousand), `85%` in a rate's row."""
    text = " ".join(unicodedata.normalize("NFC", raw).split())
    body = text[:-1].rstrip() if rate and text.endswith("%") else text
    value = vnformat.parse_number(body)
    if value is None:
        return Read(problem=_not_a_number(text))
    note = f"số nhập dạng chữ '{shown(text)}', đã đọc là {vnformat.number(value)}"
    if "." in body and value >= 1000:
        note += " (dấu chấm ngăn hàng nghìn)"
    return Read(value=value, note=note)


def _not_a_number(text: str) -> str:
    hint = ""
    if re.fullmatch(r"[-+]?\d+\.\d{1,2}|[-+]?\d{1,3}(,\d{3})+(\.\d+)?", text):
        hint = (
            "; viết số kiểu Việt: dấu phẩy trước phần thập phân (2,5), dấu chấm ngăn hàng "
            "nghìn (1.000)"
        )
    return f"'{shown(_short(text))}' không phải là số (ghi như 95 hoặc 2,5){hint}"


def _section(fmt: str, value: float) -> str:
    """The part of a number format Excel uses for `value` (positive;negative;zero;text)."""
    sections = _split_sections(fmt)
    if value < 0 and len(sections) > 1:
        return sections[1]
    if value == 0 and len(sections) > 2:
        return sections[2]
    return sections[0]


def _split_sections(fmt: str) -> list[str]:
    out, current, i = [], "", 0
    while i < len(fmt):
        match = _LITERAL.match(fmt, i)
        if match:
            current += match.group()
            i = match.end()
        elif fmt[i] == ";":
            out.append(current)
            current, i = "", i + 1
        else:
            current += fmt[i]
            i += 1
    return [*out, current]


def _formatted(raw: Number, fmt: str) -> Read:
    """A number cell as its format shows it."""
    try:
        finite = math.isfinite(raw)
    except OverflowError:  # an integer too large for a float
        finite = False
    if not finite:
        text = str(raw) if isinstance(raw, float) else "số có hơn 300 chữ số"
        return Read(problem=f"'{text}' không phải là một số hữu hạn")
    bare = _LITERAL.sub("", _section(fmt, raw))
    if "@" in bare and not _PLACEHOLDER.search(bare):
        bare = "General"  # a number in a text-formatted cell shows as it is
    if not _PLACEHOLDER.search(bare) and "general" not in bare.lower():
        return Read(problem=f"định dạng ô '{shown(fmt)}' không hiện con số: đổi định dạng ô")
    if _scaling_commas(bare):
        return Read(
            problem=f"định dạng ô '{shown(fmt)}' hiện số đã chia cho 1.000: đổi định dạng ô"
        )
    value = Decimal(repr(raw) if isinstance(raw, float) else raw)
    return Read(value=_plain(value * Decimal(100) ** bare.count("%")))


def _scaling_commas(bare: str) -> bool:
    """Excel divides by 1,000 for each comma right after the last digit placeholder."""
    return re.search(r"[0#?],+(?![0#?])", bare) is not None


def _plain(value: Decimal) -> Number:
    """An exact integer as an int, else the nearest float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)
