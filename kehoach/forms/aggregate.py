"""The summary of the filled indicator tables that come back from the units.

Every number is read and checked here; every evaluation is recomputed from the plan
and the raw numbers (a workbook saved by another program has no formula results, and
a typed-over formula must not fool the summary). Problems name the file, the sheet
and the cell; the good files are still summarised.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils.exceptions import InvalidFileException

from kehoach.errors import Problem
from kehoach.forms import evaluation, workbook
from kehoach.forms.report import FORM_SHEET, indicator_rows, row_cells
from kehoach.plan.model import Indicator, Plan
from kehoach.plan.units import Registry
from kehoach.rules.levels import load_levels
from kehoach.vn import numbers as vnformat
from kehoach.vn.numbers import parse_number


@dataclass
class Report:
    """What one unit reported."""

    unit: str
    file: Path
    values: dict[str, float] = field(default_factory=dict)
    verdicts: dict[str, str] = field(default_factory=dict)  # qualitative rows


@dataclass
class Reading:
    reports: list[Report] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)


class _FormReader:
    def __init__(self, plan: Plan, registry: Registry | None, reading: Reading) -> None:
        self.plan = plan
        self.indicators = {i.id: i for i in plan.muc_tieu_chi_tieu.chi_tieu.indicators()}
        self.units = {u.id: u for u in registry.don_vi} if registry else {}
        self.reading = reading
        self.seen: dict[str, Path] = {}

    def error(self, path: Path, where: str, message: str) -> None:
        self.reading.errors.append(Problem(str(path), message, field=where))

    def read(self, path: Path) -> None:
        try:
            wb = load_workbook(path)
        except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
            self.error(path, "", "không phải tệp Excel (.xlsx) đọc được")
            return
        if workbook.META_SHEET not in wb.sheetnames or FORM_SHEET not in wb.sheetnames:
            self.error(
                path,
                "",
                "không phải biểu chỉ tiêu do kehoach tạo (thiếu trang "
                f"'{FORM_SHEET}' hoặc '{workbook.META_SHEET}')",
            )
            return
        meta, form = wb[workbook.META_SHEET], wb[FORM_SHEET]
        cells = workbook.CELLS
        plan_id, parent_id = meta[cells.plan_id].value, meta[cells.parent_id].value
        if self.plan.id not in (plan_id, parent_id):
            self.error(
                path,
                f"{workbook.META_SHEET}!{cells.plan_id}",
                f"biểu của kế hoạch '{plan_id}', không phải của kế hoạch '{self.plan.id}'",
            )
            return
        unit = self._unit(path, wb)
        if unit is None:
            return
        if unit in self.seen:
            self.error(
                path,
                f"{FORM_SHEET}!{cells.unit_name}",
                f"đơn vị '{unit}' đã có trong tệp {self.seen[unit]}; bỏ qua tệp này",
            )
            return
        self.seen[unit] = path
        report = Report(unit, path)
        self._rows(path, form, report)
        self.reading.reports.append(report)

    def _unit(self, path: Path, wb) -> str | None:
        cells = workbook.CELLS
        value = wb[workbook.META_SHEET][cells.unit_id].value
        if isinstance(value, str) and value.startswith("="):  # chosen from the drop-down
            name = wb[FORM_SHEET][cells.unit_name].value
            listing = wb[workbook.UNITS_SHEET] if workbook.UNITS_SHEET in wb.sheetnames else None
            pairs = {r[0]: r[1] for r in listing.iter_rows(values_only=True)} if listing else {}
            value = pairs.get(name)
            if not name:
                self.error(path, f"{FORM_SHEET}!{cells.unit_name}", "chưa chọn đơn vị báo cáo")
                return None
        if not value or (self.units and value not in self.units):
            self.error(
                path,
                f"{FORM_SHEET}!{cells.unit_name}",
                f"đơn vị báo cáo '{value or ''}' không có trong danh sách đơn vị",
            )
            return None
        return str(value)

    def _rows(self, path: Path, form, report: Report) -> None:
        seen: dict[str, int] = {}
        verdict_words = {evaluation.labels()["dat"], evaluation.labels()["khong_dat"]}
        for row in range(workbook.HEADING_ROW + 1, form.max_row + 1):
            ident = form.cell(row, 1).value
            if ident in (None, ""):
                continue
            where = f"{FORM_SHEET}!A{row}"
            if ident not in self.indicators:
                self.error(path, where, f"mã chỉ tiêu '{ident}' không có trong kế hoạch")
                continue
            if ident in seen:
                self.error(
                    path, where, f"mã chỉ tiêu '{ident}' lặp lại (đã có ở dòng {seen[ident]})"
                )
                continue
            seen[ident] = row
            indicator = self.indicators[ident]
            if indicator.gia_tri is None:
                verdict = form.cell(row, 7).value
                if verdict in verdict_words:
                    report.verdicts[ident] = verdict
                elif verdict not in (None, ""):
                    self.error(
                        path,
                        f"{FORM_SHEET}!G{row}",
                        f"đánh giá '{verdict}' phải là Đạt hoặc Không đạt",
                    )
                continue
            value = self._value(path, f"{FORM_SHEET}!E{row}", form.cell(row, 5).value, indicator)
            if value is not None:
                report.values[ident] = value

    def _value(self, path: Path, where: str, raw: Any, indicator: Indicator) -> float | None:
        if raw in (None, ""):
            return None
        if isinstance(raw, bool) or not isinstance(raw, int | float | str):
            self.error(path, where, f"'{raw}' không phải là số")
            return None
        if isinstance(raw, str):
            value = parse_number(raw)
            if value is None:
                self.error(path, where, f"'{raw}' không phải là số")
                return None
            self.reading.notes.append(
                Problem(str(path), (f"số nhập dạng chữ '{raw}', đã đọc là {value:g}"), field=where)
            )
        else:
            value = float(raw)
        top = evaluation.highest(indicator)
        if value < 0 or (top is not None and value > top):
            limit = f"từ 0 đến {vnformat.number(top)}" if top is not None else "không âm"
            self.error(path, where, f"{vnformat.number(value)} ngoài khoảng cho phép ({limit})")
            return None
        return value


def read_forms(plan: Plan, registry: Registry | None, paths: list[Path]) -> Reading:
    """Read every filled form; problems are collected, never raised."""
    reading = Reading()
    reader = _FormReader(plan, registry, reading)
    for path in paths:
        reader.read(path)
    return reading


@dataclass(frozen=True)
class Line:
    """One indicator across the units."""

    indicator: Indicator
    values: dict[str, float]
    verdicts: dict[str, str]
    overall: float | None
    reached: list[str]
    missed: list[str]


class Summary:
    def __init__(self, plan: Plan, registry: Registry | None, reading: Reading) -> None:
        self.plan = plan
        self.reading = reading
        names = {u.id: u.ten for u in registry.don_vi} if registry else {}
        order = [u.id for u in registry.don_vi] if registry else []
        reported = {r.unit for r in reading.reports}
        self.units = [u for u in order if u in reported] + sorted(reported - set(order))
        self.names = {u: names.get(u, u) for u in self.units}
        self.missing = [names[u] for u in order if u not in reported]
        self.registry = registry
        self.lines = {i.id: self._line(i) for i in plan.muc_tieu_chi_tieu.chi_tieu.indicators()}

    def _target(self, indicator: Indicator, unit: str) -> float | None:
        own = self._unit(unit)
        if own is not None and indicator.id in own.chi_tieu:
            return own.chi_tieu[indicator.id]
        return indicator.gia_tri

    def _unit(self, unit: str):
        if self.registry is None:
            return None
        return next((u for u in self.registry.don_vi if u.id == unit), None)

    def _line(self, indicator: Indicator) -> Line:
        values: dict[str, float] = {}
        verdicts: dict[str, str] = {}
        for report in self.reading.reports:
            if indicator.gia_tri is None:
                if indicator.id in report.verdicts:
                    verdicts[report.unit] = report.verdicts[indicator.id]
                continue
            if indicator.id not in report.values:
                continue
            value = report.values[indicator.id]
            values[report.unit] = value
            target = self._target(indicator, report.unit)
            verdicts[report.unit] = evaluation.evaluate(
                evaluation.rule_code(indicator), target, value, evaluation.tolerance(indicator)
            )
        reached_words = evaluation.reached_labels()
        reached = [u for u in self.units if verdicts.get(u) in reached_words]
        missed = [u for u in self.units if u in verdicts and verdicts[u] not in reached_words]
        return Line(indicator, values, verdicts, self._overall(indicator, values), reached, missed)

    def _overall(self, indicator: Indicator, values: dict[str, float]) -> float | None:
        rule = indicator.tong_hop
        if rule is None or not values:
            return None
        if rule.cach == "cong":
            return round(sum(values.values()), 4)
        weights = {
            u: (self._unit(u).so_lieu.get(rule.trong_so) if self._unit(u) else None) for u in values
        }
        if any(w is None for w in weights.values()):
            lacking = ", ".join(self.names[u] for u, w in weights.items() if w is None)
            self.reading.notes.append(
                Problem(
                    "",
                    (
                        f"chỉ tiêu {indicator.id}: không tính số liệu chung vì thiếu "
                        f"'{rule.trong_so}' của {lacking} trong danh sách đơn vị"
                    ),
                )
            )
            return None
        total = sum(weights.values())
        return round(sum(values[u] * weights[u] for u in values) / total, 2) if total else None

    def overall_label(self) -> str:
        levels = load_levels()
        level = levels.of_body(self.plan.van_ban.ma_co_quan)
        area = levels.cap[level].tu_dia_ban if level else "đơn vị"
        return f"Toàn {area}"


def _show(value: float | None) -> str:
    return "" if value is None else vnformat.number(value)


def summary_workbook(summary: Summary) -> bytes:
    """Sheets: Tổng hợp (numbers), Đánh giá (evaluations), Kiểm tra (problems)."""
    wb = Workbook()
    bold = Font(name="Times New Roman", size=12, bold=True)
    units = [summary.names[u] for u in summary.units]
    numbers = wb.active
    numbers.title = "Tổng hợp"
    numbers.append(
        [
            "Mã",
            "Chỉ tiêu",
            "Đơn vị tính",
            "Chỉ tiêu kế hoạch",
            *units,
            summary.overall_label(),
            "Số đơn vị đạt",
            "Số đơn vị chưa đạt",
        ]
    )
    verdicts = wb.create_sheet("Đánh giá")
    verdicts.append(["Mã", "Chỉ tiêu", *units])
    for row in indicator_rows(summary.plan):
        if row.indicator is None:
            numbers.append(["", f"{row.stt}. {row.chi_tieu}"])
            verdicts.append(["", f"{row.stt}. {row.chi_tieu}"])
            continue
        line = summary.lines[row.indicator.id]
        ind = row.indicator
        numbers.append(
            [
                ind.id,
                ind.nhan,
                ind.don_vi or "",
                evaluation.target_text(ind),
                *[line.values.get(u) for u in summary.units],
                line.overall,
                len(line.reached),
                len(line.missed),
            ]
        )
        verdicts.append([ind.id, ind.nhan, *[line.verdicts.get(u, "") for u in summary.units]])
    checks = wb.create_sheet("Kiểm tra")
    checks.append(["Loại", "Tệp", "Ô", "Nội dung"])
    for kind, problems in (("lỗi", summary.reading.errors), ("ghi chú", summary.reading.notes)):
        for p in problems:
            checks.append([kind, p.file, p.field, p.message])
    for name in summary.missing:
        checks.append(["chưa báo cáo", "", "", name])
    for sheet in (numbers, verdicts, checks):
        for cell in sheet[1]:
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, horizontal="center")
        sheet.column_dimensions["B"].width = 60
        sheet.freeze_panes = "C2"
    stamp = dt.datetime(summary.plan.van_ban.year, 1, 1)
    wb.properties.creator = " ".join(summary.plan.van_ban.co_quan.split())
    wb.properties.title = "Tổng hợp kết quả thực hiện các chỉ tiêu"
    wb.properties.created = wb.properties.modified = stamp
    return workbook.save(wb)


def summary_context(summary: Summary, subtitle: str) -> dict[str, Any]:
    """The context of `templates/tong_hop.docx`."""
    rows = []
    for row in indicator_rows(summary.plan):
        item = row_cells(row, "chung", "dat", "khong_dat", "chua_dat")
        if row.indicator is not None:
            line = summary.lines[row.indicator.id]
            item |= {
                "chung": _show(line.overall),
                "dat": str(len(line.reached)),
                "khong_dat": str(len(line.missed)),
                "chua_dat": ", ".join(summary.names[u] for u in line.missed),
            }
        rows.append(item)
    total = len(summary.units) + len(summary.missing)
    tail = [
        f"Đơn vị chưa báo cáo: {', '.join(summary.missing)}."
        if summary.missing
        else "Tất cả các đơn vị đã báo cáo."
    ]
    if summary.reading.errors:
        tail.append(
            f"Có {len(summary.reading.errors)} lỗi trong các biểu gửi về "
            "(xem trang Kiểm tra của tệp Excel tổng hợp)."
        )
    return {
        "tieu_de": "TỔNG HỢP KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
        "phu_de": subtitle,
        "dau": [f"Số đơn vị đã báo cáo: {len(summary.units)}/{total or len(summary.units)}"],
        "ten_chung": summary.overall_label(),
        "dong": rows,
        "cuoi": tail,
    }
