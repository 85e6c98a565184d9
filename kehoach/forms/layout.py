"""Where everything sits in the Excel indicator form, declared once: the writer
(`workbook`), the reader (`reading`) and the tests all take columns and cells from here.

Sheet `Biểu chỉ tiêu`: title and subtitle rows, `Đơn vị báo cáo` with the unit's name to
its right, `Kỳ báo cáo`, the heading row, then one row per indicator. Hidden sheet
`_kehoach`: plan id, unit id, parent plan id, the form's kind and its report year, so the
summary matches by id, never by position or wording, and evaluates against the targets of
the year the form was made for (a phụ lục's milestones).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum

from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from kehoach.document.columns import BIEU_COLUMNS

META_SHEET = "_kehoach"
UNITS_SHEET = "DonVi"
UNITS_RANGE = "DanhSachDonVi"
FORM_KIND = "bieu-chi-tieu"


class Kind(Enum):
    """What a column holds, which decides who writes it and how it looks."""

    id = "id"  # the indicator's id; the summary matches rows by it
    text = "text"  # written from the plan, locked
    input = "input"  # the unit types here (unlocked, shaded)
    formula = "formula"  # computed by the spreadsheet; qualitative rows type here instead
    hidden = "hidden"  # a number the formulas read, out of sight


@dataclass(frozen=True)
class Column:
    """One column of the form."""

    key: str
    index: int  # 1-based, as openpyxl counts
    header: str
    width: float
    kind: Kind
    left: bool = False  # left-aligned (else centred)

    @property
    def letter(self) -> str:
        return get_column_letter(self.index)

    def ref(self, row: int) -> str:
        """The cell's address in this column, `E7`."""
        return f"{self.letter}{row}"


_HEADINGS = {key: title for title, key, _centred in BIEU_COLUMNS}
# (key, header, width, kind, left-aligned); the DOCX tables share the visible headings.
_DECLARED: list[tuple[str, str, float, Kind, bool]] = [
    ("ma", "Mã", 24, Kind.id, True),
    ("chi_tieu", _HEADINGS["chi_tieu"], 60, Kind.text, True),
    ("don_vi", _HEADINGS["don_vi"], 12, Kind.text, False),
    ("ke_hoach", _HEADINGS["ke_hoach"], 16, Kind.text, False),
    ("ket_qua", _HEADINGS["ket_qua"], 14, Kind.input, False),
    ("ty_le", _HEADINGS["ty_le"], 14, Kind.formula, False),
    ("danh_gia", _HEADINGS["danh_gia"], 13, Kind.formula, False),
    ("ghi_chu", _HEADINGS["ghi_chu"], 28, Kind.input, True),
    ("gia_tri", "Giá trị chỉ tiêu", 10, Kind.hidden, False),
    ("dung_sai", "Dung sai", 10, Kind.hidden, False),
]
COLUMNS: tuple[Column, ...] = tuple(
    Column(key, index, header, width, kind, left)
    for index, (key, header, width, kind, left) in enumerate(_DECLARED, start=1)
)
_BY_KEY = {c.key: c for c in COLUMNS}


def column(key: str) -> Column:
    """The column named `key` (`ket_qua`, `danh_gia` …)."""
    return _BY_KEY[key]


def visible() -> tuple[Column, ...]:
    return tuple(c for c in COLUMNS if c.kind is not Kind.hidden)


@dataclass(frozen=True)
class FormCells:
    """Named places on the form sheet."""

    title_row: int = 1
    subtitle_row: int = 2
    unit_label: str = "A3"
    unit_name: str = "B3"  # the unit's name, or the drop-down to choose it
    unit_span: str = "B3:D3"
    period_label: str = "A4"
    period: str = "B4"  # for the reader of the paper; the summary takes the plan's period
    heading_row: int = 6
    first_row: int = 7  # first group or indicator row


@dataclass(frozen=True)
class MetaCells:
    """The hidden sheet: a label in column A, the value in column B."""

    plan_id: str = "B1"
    unit_id: str = "B2"
    parent_id: str = "B3"
    kind: str = "B4"
    year: str = "B5"  # the report year; a form without it is of the plan's year


FORM = FormCells()
META = MetaCells()
META_LABELS = {
    META.plan_id: "ke_hoach",
    META.unit_id: "don_vi",
    META.parent_id: "ke_hoach_goc",
    META.kind: "loai",
    META.year: "nam",
}


def data_rows(ws: Worksheet) -> Iterator[int]:
    """Every row below the heading, in order."""
    return iter(range(FORM.first_row, ws.max_row + 1))


def cell(ws: Worksheet, row: int, key: str) -> Cell | MergedCell:
    """The cell of column `key` in `row` (merged, in a form a unit reshaped)."""
    return ws.cell(row, column(key).index)


def rows_by_id(ws: Worksheet) -> dict[str, int]:
    """Indicator id → its row, for the rows that carry an id."""
    ids = ((cell(ws, r, "ma").value, r) for r in data_rows(ws))
    return {ident: r for ident, r in ids if isinstance(ident, str) and ident}
