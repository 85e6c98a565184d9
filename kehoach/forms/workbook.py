"""The indicator table as an Excel workbook a unit fills in, and how such a workbook is
laid out (cells the summary reads back). openpyxl details stay in this module.

Layout of the sheet `Biểu chỉ tiêu`: title rows, `Đơn vị báo cáo` with the unit's name
to its right, the heading row (`Mã` … `Ghi chú`, then hidden target, rule, tolerance),
one row per indicator. The hidden sheet `_kehoach` holds the plan id, the unit id and
the parent plan id, so the summary matches by id, never by position or wording.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.writer.excel import ExcelWriter

from kehoach.document.ooxml import FixedTimeZipFile
from kehoach.forms import evaluation
from kehoach.forms.report import BIEU_COLUMNS, FORM_SHEET, Period, indicator_rows, outline, subtitle
from kehoach.plan.model import Plan

META_SHEET = "_kehoach"
UNITS_SHEET = "DonVi"
FORM_KIND = "bieu-chi-tieu"
HEADINGS = ["Mã"] + [title for title, _key, _centred in BIEU_COLUMNS[1:]]
HIDDEN = ["Giá trị chỉ tiêu", "Quy tắc", "Dung sai"]
WIDTHS = [24, 60, 12, 16, 14, 14, 13, 28, 10, 14, 10]
UNIT_ROW, HEADING_ROW = 3, 6


@dataclass(frozen=True)
class Cells:
    """Where the summary finds things in a filled form."""

    unit_name: str = f"B{UNIT_ROW}"
    plan_id: str = "B1"  # on META_SHEET
    unit_id: str = "B2"
    parent_id: str = "B3"
    kind: str = "B4"


CELLS = Cells()
_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_INPUT = PatternFill("solid", fgColor="FFF2CC")
_GROUP = PatternFill("solid", fgColor="E7E6E6")
_OPEN = Protection(locked=False)


def _validation(ws, kind: str, formula1: str, title: str, error: str, **kw) -> DataValidation:
    rule = DataValidation(
        type=kind,
        formula1=formula1,
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle=title,
        error=error,
        **kw,
    )
    ws.add_data_validation(rule)
    return rule


UnitRef = tuple[str, str]  # (id, name)


def build(plan: Plan, period: Period, units: list[UnitRef], own_unit: UnitRef | None) -> bytes:
    """The blank workbook; `own_unit` fills in the unit (a unit's derived plan), else
    `units` (the registry) give the drop-down."""
    wb = Workbook()
    ws = wb.active
    ws.title = FORM_SHEET
    font = Font(name="Times New Roman", size=12)
    bold = Font(name="Times New Roman", size=12, bold=True)
    last = get_column_letter(len(HEADINGS))

    ws["A1"] = outline().phu_luc["ten"]
    ws["A1"].font = Font(name="Times New Roman", size=14, bold=True)
    ws["A2"] = subtitle(plan, period)
    ws["A2"].font = Font(name="Times New Roman", size=12, italic=True)
    for row in (1, 2):
        ws.merge_cells(f"A{row}:{last}{row}")
        ws[f"A{row}"].alignment = Alignment(horizontal="center", wrap_text=True)
    ws.row_dimensions[2].height = 32
    ws[f"A{UNIT_ROW}"] = "Đơn vị báo cáo"
    ws[f"A{UNIT_ROW + 1}"] = "Kỳ báo cáo"
    ws[f"B{UNIT_ROW + 1}"] = f"{period.ky} năm {period.nam}"
    ws.merge_cells(f"B{UNIT_ROW}:D{UNIT_ROW}")
    name_cell = ws[CELLS.unit_name]
    for cell in (ws[f"A{UNIT_ROW}"], ws[f"A{UNIT_ROW + 1}"], name_cell):
        cell.font = bold
    ws[f"B{UNIT_ROW + 1}"].font = font

    meta = wb.create_sheet(META_SHEET)
    meta["A1"], meta[CELLS.plan_id] = "ke_hoach", plan.id
    meta["A3"], meta[CELLS.parent_id] = "ke_hoach_goc", plan.goc.id if plan.goc else ""
    meta["A4"], meta[CELLS.kind] = "loai", FORM_KIND
    meta["A2"] = "don_vi"
    if own_unit is not None:
        meta[CELLS.unit_id], name_cell.value = own_unit
    else:
        name_cell.protection = _OPEN
        name_cell.fill = _INPUT
        listing = wb.create_sheet(UNITS_SHEET)
        for i, (unit_id, name) in enumerate(units, start=1):
            listing[f"A{i}"], listing[f"B{i}"] = name, unit_id
        if units:
            wb.defined_names["DanhSachDonVi"] = DefinedName(
                "DanhSachDonVi", attr_text=f"{UNITS_SHEET}!$A$1:$A${len(units)}"
            )
            choose = _validation(
                ws, "list", "DanhSachDonVi", "Đơn vị báo cáo", "Chọn đơn vị trong danh sách."
            )
            choose.add(CELLS.unit_name)
        meta[CELLS.unit_id] = (
            f"=IFERROR(VLOOKUP('{FORM_SHEET}'!{CELLS.unit_name},{UNITS_SHEET}!$A:$B,2,FALSE),\"\")"
        )
        listing.sheet_state = "hidden"
    meta.sheet_state = "hidden"

    for col, title in enumerate(HEADINGS + HIDDEN, start=1):
        cell = ws.cell(HEADING_ROW, col, title)
        cell.font, cell.border = bold, _BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(col)].width = WIDTHS[col - 1]
    for col in range(len(HEADINGS) + 1, len(HEADINGS) + len(HIDDEN) + 1):
        ws.column_dimensions[get_column_letter(col)].hidden = True

    limits: dict[float, DataValidation] = {}  # one validation per upper limit
    amount = _validation(
        ws,
        "decimal",
        "0",
        "Kết quả thực hiện",
        "Nhập một số không âm.",
        operator="greaterThanOrEqual",
    )
    verdict = _validation(
        ws,
        "list",
        '"{},{}"'.format(evaluation.labels()["dat"], evaluation.labels()["khong_dat"]),
        "Đánh giá",
        "Chọn Đạt hoặc Không đạt.",
    )

    row = HEADING_ROW
    for item in indicator_rows(plan):
        row += 1
        indicator = item.indicator
        values = ["", f"{item.stt}. {item.chi_tieu}" if indicator is None else item.chi_tieu]
        for col, value in enumerate(values, start=1):
            ws.cell(row, col, value)
        for col in range(1, len(HEADINGS) + 1):
            cell = ws.cell(row, col)
            cell.font, cell.border = (bold if indicator is None else font), _BOX
            cell.alignment = Alignment(
                vertical="center",
                wrap_text=col == 2,
                horizontal="left" if col in (1, 2, 8) else "center",
            )
            if indicator is None:
                cell.fill = _GROUP
        ws.row_dimensions[row].height = 16 * max(1, -(-len(str(values[1])) // 62))
        if indicator is None:
            continue
        ws.cell(row, 1, indicator.id)
        ws.cell(row, 3, indicator.don_vi or "")
        ws.cell(row, 4, evaluation.target_text(indicator))
        notes = ws.cell(row, 8)
        notes.protection, notes.fill = _OPEN, _INPUT
        result = ws.cell(row, 5)
        if indicator.gia_tri is None:
            judged = ws.cell(row, 7)
            judged.protection, judged.fill = _OPEN, _INPUT
            verdict.add(judged.coordinate)
            continue
        code = evaluation.rule_code(indicator)
        result.protection, result.fill = _OPEN, _INPUT
        result.number_format = "0.##"
        top = evaluation.highest(indicator)
        if top is None:
            amount.add(result.coordinate)
        else:
            if top not in limits:
                limits[top] = _validation(
                    ws,
                    "decimal",
                    "0",
                    "Kết quả thực hiện",
                    f"Nhập một số từ 0 đến {top:g} (tỷ lệ %).",
                    operator="between",
                    formula2=f"{top:g}",
                )
            limits[top].add(result.coordinate)
        ws.cell(row, 9, indicator.gia_tri)
        ws.cell(row, 10, code)
        ws.cell(row, 11, evaluation.tolerance(indicator))
        e, i, k = f"E{row}", f"I{row}", f"K{row}"
        ws.cell(row, 6, evaluation.excel_ratio(code, e, i)).number_format = "0.00"
        ws.cell(row, 7, evaluation.excel_evaluation(code, e, i, k))

    ws.freeze_panes = f"A{HEADING_ROW + 1}"
    ws.print_title_rows = f"{HEADING_ROW}:{HEADING_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.protection.sheet = True  # no password: it guards against slips, not people
    ws.protection.formatColumns = ws.protection.formatRows = False

    stamp = dt.datetime(period.nam, 1, 1)
    props = wb.properties
    props.creator = props.lastModifiedBy = " ".join(plan.van_ban.co_quan.split())
    props.title = outline().phu_luc["ten"]
    props.created = props.modified = stamp
    return save(wb)


def save(wb: Workbook) -> bytes:
    """The workbook's bytes, identical for identical content (no clock anywhere)."""
    out = io.BytesIO()
    archive = FixedTimeZipFile(out)
    ExcelWriter(wb, archive).save()
    return out.getvalue()
