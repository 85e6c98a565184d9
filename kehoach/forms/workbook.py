"""The indicator table as an Excel workbook a unit fills in. Where each thing sits is
declared in `layout`; this module writes it (openpyxl details stay here and in `reading`).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Literal

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from kehoach.document.ooxml import FixedTimeZipFile
from kehoach.forms import evaluation
from kehoach.forms.cells import first_sheet, formula_cell, put, text_cell
from kehoach.forms.layout import (
    COLUMNS,
    FORM,
    FORM_KIND,
    META,
    META_LABELS,
    META_SHEET,
    UNITS_RANGE,
    UNITS_SHEET,
    Column,
    Kind,
    cell,
    column,
    visible,
)
from kehoach.forms.report import FORM_SHEET, Period, Row, indicator_rows, outline, subtitle
from kehoach.plan.indicators import Indicator
from kehoach.plan.model import Plan
from kehoach.rules.levels import last_day

_FONT = Font(name="Times New Roman", size=12)
_BOLD = Font(name="Times New Roman", size=12, bold=True)
_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_INPUT = PatternFill("solid", fgColor="FFF2CC")
_GROUP = PatternFill("solid", fgColor="E7E6E6")
_OPEN = Protection(locked=False)
_WRAP_AT = 62  # characters of an indicator's name per line of its row

UnitRef = tuple[str, str]  # (id, name)


def build(plan: Plan, period: Period, units: list[UnitRef], own_unit: UnitRef | None) -> bytes:
    """The blank workbook; `own_unit` fills in the unit (a unit's derived plan), else
    `units` (the registry) give the drop-down."""
    wb = Workbook()
    ws = first_sheet(wb, FORM_SHEET)
    _write_titles(ws, plan, period)
    meta = _write_meta(wb, plan, period)
    if own_unit is not None:
        text_cell(meta, META.unit_id, own_unit[0])
        text_cell(ws, FORM.unit_name, own_unit[1])
    else:
        _offer_units(wb, ws, meta, units)
    _write_headings(ws)
    rules = _Validations.on(ws)
    for row, item in enumerate(indicator_rows(plan, period.nam), start=FORM.first_row):
        _write_row(ws, row, item, rules)
    _set_up_page(ws)
    _set_properties(wb, plan, period)
    return save(wb)


def _write_titles(ws: Worksheet, plan: Plan, period: Period) -> None:
    """Title, subtitle, and the unit and period lines above the table."""
    last = COLUMNS[len(visible()) - 1].letter
    title, sub = f"A{FORM.title_row}", f"A{FORM.subtitle_row}"
    text_cell(ws, title, outline().phu_luc["ten"])
    ws[title].font = Font(name="Times New Roman", size=14, bold=True)
    text_cell(ws, sub, subtitle(plan, period))
    ws[sub].font = Font(name="Times New Roman", size=12, italic=True)
    for row in (FORM.title_row, FORM.subtitle_row):
        ws.merge_cells(f"A{row}:{last}{row}")
        ws[f"A{row}"].alignment = Alignment(horizontal="center", wrap_text=True)
    ws.row_dimensions[FORM.subtitle_row].height = 32
    text_cell(ws, FORM.unit_label, "Đơn vị báo cáo")
    text_cell(ws, FORM.period_label, "Kỳ báo cáo")
    text_cell(ws, FORM.period, f"{period.ky} năm {period.nam}")
    ws.merge_cells(FORM.unit_span)
    for ref in (FORM.unit_label, FORM.period_label, FORM.unit_name):
        ws[ref].font = _BOLD
    ws[FORM.period].font = _FONT


def _write_meta(wb: Workbook, plan: Plan, period: Period) -> Worksheet:
    """The hidden sheet of ids the summary matches by, and the report year."""
    meta = wb.create_sheet(META_SHEET)
    for ref, label in META_LABELS.items():
        text_cell(meta, f"A{ref[1:]}", label)
    text_cell(meta, META.plan_id, plan.id)
    text_cell(meta, META.parent_id, plan.goc.id if plan.goc else "")
    text_cell(meta, META.kind, FORM_KIND)
    put(meta, META.year, period.nam)
    meta.sheet_state = "hidden"
    return meta


def _offer_units(wb: Workbook, ws: Worksheet, meta: Worksheet, units: list[UnitRef]) -> None:
    """The unit's name cell as a drop-down over the registry; the id follows the name."""
    name_cell = ws[FORM.unit_name]
    name_cell.protection, name_cell.fill = _OPEN, _INPUT
    listing = wb.create_sheet(UNITS_SHEET)
    for i, (unit_id, name) in enumerate(units, start=1):
        text_cell(listing, f"A{i}", name)
        text_cell(listing, f"B{i}", unit_id)
    if units:
        wb.defined_names[UNITS_RANGE] = DefinedName(
            UNITS_RANGE, attr_text=f"{UNITS_SHEET}!$A$1:$A${len(units)}"
        )
        choose = _validation(
            ws, "list", UNITS_RANGE, "Đơn vị báo cáo", "Chọn đơn vị trong danh sách."
        )
        choose.add(FORM.unit_name)
    formula_cell(
        meta,
        META.unit_id,
        f"=IFERROR(VLOOKUP('{FORM_SHEET}'!{FORM.unit_name},{UNITS_SHEET}!$A:$B,2,FALSE),\"\")",
    )
    listing.sheet_state = "hidden"


def _write_headings(ws: Worksheet) -> None:
    for col in COLUMNS:
        heading = text_cell(ws, col.ref(FORM.heading_row), col.header)
        heading.font, heading.border = _BOLD, _BOX
        heading.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        dimension = ws.column_dimensions[col.letter]
        dimension.width = col.width
        if col.kind is Kind.hidden:
            dimension.hidden = True


def _validation(
    ws: Worksheet,
    kind: Literal["decimal", "list"],
    formula1: str,
    title: str,
    error: str,
    operator: Literal["between", "greaterThanOrEqual"] | None = None,
    formula2: str | None = None,
) -> DataValidation:
    rule = DataValidation(
        type=kind,
        formula1=formula1,
        formula2=formula2,
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle=title,
        error=error,
        operator=operator,
    )
    ws.add_data_validation(rule)
    return rule


@dataclass
class _Validations:
    """The input rules of the sheet: any non-negative number, a number up to a limit
    (one rule per limit), a verdict word."""

    ws: Worksheet
    amount: DataValidation
    verdict: DataValidation
    limits: dict[float, DataValidation] = field(default_factory=dict)

    @classmethod
    def on(cls, ws: Worksheet) -> _Validations:
        amount = _validation(
            ws,
            "decimal",
            "0",
            "Kết quả thực hiện",
            "Nhập một số không âm.",
            operator="greaterThanOrEqual",
        )
        words = evaluation.labels()
        verdict = _validation(
            ws,
            "list",
            f'"{words["dat"]},{words["khong_dat"]}"',
            "Đánh giá",
            "Chọn Đạt hoặc Không đạt.",
        )
        return cls(ws, amount, verdict)

    def for_result(self, indicator: Indicator) -> DataValidation:
        top = evaluation.highest(indicator)
        if top is None:
            return self.amount
        if top not in self.limits:
            self.limits[top] = _validation(
                self.ws,
                "decimal",
                "0",
                "Kết quả thực hiện",
                f"Nhập một số từ 0 đến {top:g} (tỷ lệ %).",
                operator="between",
                formula2=f"{top:g}",
            )
        return self.limits[top]


def _write_row(ws: Worksheet, row: int, item: Row, rules: _Validations) -> None:
    """A group heading or an indicator, boxed over the visible columns."""
    name = f"{item.stt}. {item.chi_tieu}" if item.indicator is None else item.chi_tieu
    text_cell(ws, column("ma").ref(row), item.indicator.id if item.indicator else "")
    text_cell(ws, column("chi_tieu").ref(row), name)
    for col in visible():
        _style(ws.cell(row, col.index), col, item.is_group)
    ws.row_dimensions[row].height = 16 * max(1, -(-len(name) // _WRAP_AT))
    if item.indicator is not None:
        _write_indicator(ws, row, item, item.indicator, rules)


def _style(target: Cell | MergedCell, col: Column, group: bool) -> None:
    target.font, target.border = (_BOLD if group else _FONT), _BOX
    target.alignment = Alignment(
        vertical="center",
        wrap_text=col.key == "chi_tieu",
        horizontal="left" if col.left else "center",
    )
    if group:
        target.fill = _GROUP


def _open_input(target: Cell | MergedCell) -> None:
    target.protection, target.fill = _OPEN, _INPUT


def _write_indicator(
    ws: Worksheet, row: int, item: Row, indicator: Indicator, rules: _Validations
) -> None:
    """The plan's side of the row (`item`, its `indicator`); the unit's inputs open; the
    formulas for a number."""
    text_cell(ws, column("don_vi").ref(row), indicator.don_vi or "")
    text_cell(ws, column("ke_hoach").ref(row), item.target)
    _open_input(cell(ws, row, "ghi_chu"))
    if indicator.gia_tri is None:  # qualitative: the unit judges itself
        judged = cell(ws, row, "danh_gia")
        _open_input(judged)
        rules.verdict.add(judged.coordinate)
        return
    result = cell(ws, row, "ket_qua")
    _open_input(result)
    result.number_format = "0.##"
    rules.for_result(indicator).add(result.coordinate)
    put(ws, column("gia_tri").ref(row), indicator.gia_tri)
    put(ws, column("dung_sai").ref(row), evaluation.tolerance(indicator))
    code = evaluation.rule_code(indicator)
    e, i, tol = (column(k).ref(row) for k in ("ket_qua", "gia_tri", "dung_sai"))
    formula_cell(ws, column("ty_le").ref(row), evaluation.excel_ratio(code, e, i))
    cell(ws, row, "ty_le").number_format = "0.00"
    formula_cell(ws, column("danh_gia").ref(row), evaluation.excel_evaluation(code, e, i, tol))


def _set_up_page(ws: Worksheet) -> None:
    ws.freeze_panes = f"A{FORM.first_row}"
    ws.print_title_rows = f"{FORM.heading_row}:{FORM.heading_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.protection.sheet = True  # no password: it guards against slips, not people
    ws.protection.formatColumns = ws.protection.formatRows = False


def _set_properties(wb: Workbook, plan: Plan, period: Period) -> None:
    """From the plan and the report year, never the clock."""
    props = wb.properties
    props.creator = props.lastModifiedBy = " ".join(plan.van_ban.co_quan.split())
    props.title = outline().phu_luc["ten"]
    day = last_day(period.nam)  # a year alone is its 31 December, as everywhere
    props.created = props.modified = dt.datetime(day.year, day.month, day.day)


def save(wb: Workbook) -> bytes:
    """The workbook's bytes, identical for identical content (no clock anywhere)."""
    out = io.BytesIO()
    archive = FixedTimeZipFile(out)
    ExcelWriter(wb, archive).save()
    return out.getvalue()
