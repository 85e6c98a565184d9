"""The summary of the filled indicator tables that come back from the units (read by
`reading`).

Every evaluation is recomputed from the plan and the raw numbers (a workbook saved by
another program has no formula results, and a typed-over formula must not fool the
summary).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from kehoach.errors import Problem
from kehoach.forms import evaluation, milestones, workbook
from kehoach.forms.cells import first_sheet, text_row
from kehoach.forms.reading import Reading
from kehoach.forms.report import indicator_rows, row_cells
from kehoach.plan.indicators import Indicator
from kehoach.plan.model import Plan
from kehoach.plan.units import Registry, Unit
from kehoach.rules.levels import load_levels
from kehoach.vn import numbers as vnformat


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
        self.year = reading.nam if reading.nam is not None else plan.van_ban.year
        found = milestones.report_indicators(plan, self.year)
        self.lines = {i.id: self._line(i) for i in found}

    def _target(self, indicator: Indicator, unit: str, plan_value: float) -> float:
        own = self._unit(unit)
        if own is not None and indicator.id in own.chi_tieu:
            return own.chi_tieu[indicator.id]
        return plan_value

    def _unit(self, unit: str) -> Unit | None:
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
            target = self._target(indicator, report.unit, indicator.gia_tri)
            verdict = evaluation.evaluate(
                evaluation.rule_code(indicator), target, value, evaluation.tolerance(indicator)
            )
            if verdict is not None:
                verdicts[report.unit] = verdict
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
            u: own.so_lieu.get(rule.trong_so) if (own := self._unit(u)) and rule.trong_so else None
            for u in values
        }
        known = {u: w for u, w in weights.items() if w is not None}
        if len(known) < len(weights):
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
        total = sum(known.values())
        return round(sum(values[u] * known[u] for u in values) / total, 2) if total else None

    def area(self) -> str:
        """What the plan's area is called: `thành phố`, `huyện` (`đơn vị` when the issuer's
        level is unknown)."""
        levels = load_levels()
        level = levels.of_body(self.plan.van_ban.ma_co_quan, self.plan.van_ban.co_quan)
        return levels.cap[level].tu_dia_ban if level else "đơn vị"

    def overall_label(self) -> str:
        return f"Toàn {self.area()}"


def _show(value: float | None) -> str:
    return "" if value is None else vnformat.number(value)


def summary_workbook(summary: Summary) -> bytes:
    """Sheets: Tổng hợp (numbers), Đánh giá (evaluations), Kiểm tra (problems)."""
    wb = Workbook()
    numbers = first_sheet(wb, "Tổng hợp")
    verdicts = wb.create_sheet("Đánh giá")
    _write_lines(summary, numbers, verdicts)
    checks = wb.create_sheet("Kiểm tra")
    _write_checks(summary, checks)
    bold = Font(name="Times New Roman", size=12, bold=True)
    for sheet in (numbers, verdicts, checks):
        for heading in sheet[1]:
            heading.font = bold
            heading.alignment = Alignment(wrap_text=True, horizontal="center")
        sheet.column_dimensions["B"].width = 60
        sheet.freeze_panes = "C2"
    stamp = dt.datetime(summary.plan.van_ban.year, 1, 1)
    wb.properties.creator = " ".join(summary.plan.van_ban.co_quan.split())
    wb.properties.title = "Tổng hợp kết quả thực hiện các chỉ tiêu"
    wb.properties.created = wb.properties.modified = stamp
    return workbook.save(wb)


def _write_lines(summary: Summary, numbers: Worksheet, verdicts: Worksheet) -> None:
    """One row per group and indicator: the numbers by unit, and the verdicts by unit."""
    units = [summary.names[u] for u in summary.units]
    text_row(
        numbers,
        [
            "Mã",
            "Chỉ tiêu",
            "Đơn vị tính",
            "Chỉ tiêu kế hoạch",
            *units,
            summary.overall_label(),
            "Số đơn vị đạt",
            "Số đơn vị chưa đạt",
        ],
    )
    text_row(verdicts, ["Mã", "Chỉ tiêu", *units])
    for row in indicator_rows(summary.plan, summary.year):
        ind = row.indicator
        if ind is None:
            text_row(numbers, ["", f"{row.stt}. {row.chi_tieu}"])
            text_row(verdicts, ["", f"{row.stt}. {row.chi_tieu}"])
            continue
        line = summary.lines[ind.id]
        text_row(
            numbers,
            [
                ind.id,
                ind.nhan,
                ind.don_vi or "",
                row.target,
                *[line.values.get(u) for u in summary.units],
                line.overall,
                len(line.reached),
                len(line.missed),
            ],
        )
        text_row(verdicts, [ind.id, ind.nhan, *[line.verdicts.get(u, "") for u in summary.units]])


def _write_checks(summary: Summary, checks: Worksheet) -> None:
    """Errors, notes, and the units that sent nothing."""
    text_row(checks, ["Loại", "Tệp", "Ô", "Nội dung"])
    for kind, problems in (("lỗi", summary.reading.errors), ("ghi chú", summary.reading.notes)):
        for p in problems:
            text_row(checks, [kind, p.file, p.field, p.message])
    for name in summary.missing:
        text_row(checks, ["chưa báo cáo", "", "", name])


def summary_context(summary: Summary, subtitle: str) -> dict[str, Any]:
    """The context of `templates/tong_hop.docx`."""
    rows = []
    for row in indicator_rows(summary.plan, summary.year):
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
