"""Reading the filled indicator forms that come back from the units.

Every number is read and checked here; cells are found through `layout`, never by
number. Problems name the file, the sheet and the cell, and are collected, never raised:
the good files are still summarised.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from kehoach.errors import Problem
from kehoach.forms import evaluation
from kehoach.forms.layout import (
    FORM,
    FORM_KIND,
    META,
    META_SHEET,
    UNITS_SHEET,
    cell,
    column,
    data_rows,
)
from kehoach.forms.report import FORM_SHEET
from kehoach.plan.model import Indicator, Plan
from kehoach.plan.units import Registry
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


@dataclass(frozen=True)
class _Form:
    """One opened workbook that has the sheets of a kehoach form."""

    path: Path
    sheet: Worksheet
    meta: Worksheet
    unit_ids: dict[str, str]  # the drop-down's names → unit ids (sheet DonVi)


def _where(ref: str, sheet: str = FORM_SHEET) -> str:
    return f"{sheet}!{ref}"


class _FormReader:
    def __init__(self, plan: Plan, registry: Registry | None, reading: Reading) -> None:
        self.plan = plan
        self.indicators = {i.id: i for i in plan.indicators()}
        self.units = {u.id: u for u in registry.don_vi} if registry else {}
        self.reading = reading
        self.seen: dict[str, Path] = {}

    def error(self, path: Path, where: str, message: str) -> None:
        self.reading.errors.append(Problem(str(path), message, field=where))

    def read(self, path: Path) -> None:
        form = self._open(path)
        if form is None or not self._of_this_plan(form):
            return
        unit = self._unit(form)
        if unit is None or not self._first_from(unit, path):
            return
        report = Report(unit, path)
        self._read_rows(form, report)
        self.reading.reports.append(report)

    def _open(self, path: Path) -> _Form | None:
        """The workbook, if it is a readable indicator form made by kehoach."""
        try:
            wb = load_workbook(path)
        except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
            self.error(path, "", "không phải tệp Excel (.xlsx) đọc được")
            return None
        if META_SHEET not in wb.sheetnames or FORM_SHEET not in wb.sheetnames:
            self.error(
                path,
                "",
                "không phải biểu chỉ tiêu do kehoach tạo (thiếu trang "
                f"'{FORM_SHEET}' hoặc '{META_SHEET}')",
            )
            return None
        meta = wb[META_SHEET]
        kind = meta[META.kind].value
        if kind != FORM_KIND:
            self.error(
                path,
                _where(META.kind, META_SHEET),
                f"loại biểu '{kind or ''}', không phải biểu chỉ tiêu ('{FORM_KIND}')",
            )
            return None
        listing = wb[UNITS_SHEET] if UNITS_SHEET in wb.sheetnames else None
        pairs = {r[0]: r[1] for r in listing.iter_rows(values_only=True)} if listing else {}
        return _Form(path, wb[FORM_SHEET], meta, pairs)

    def _of_this_plan(self, form: _Form) -> bool:
        """The form was made from this plan, or from a unit's plan derived from it."""
        plan_id, parent_id = form.meta[META.plan_id].value, form.meta[META.parent_id].value
        if self.plan.id in (plan_id, parent_id):
            return True
        self.error(
            form.path,
            _where(META.plan_id, META_SHEET),
            f"biểu của kế hoạch '{plan_id}', không phải của kế hoạch '{self.plan.id}'",
        )
        return False

    def _unit(self, form: _Form) -> str | None:
        """The reporting unit's id: written in (a derived plan's form) or chosen by name."""
        value = form.meta[META.unit_id].value
        where = _where(FORM.unit_name)
        if isinstance(value, str) and value.startswith("="):  # chosen from the drop-down
            name = form.sheet[FORM.unit_name].value
            if not name:
                self.error(form.path, where, "chưa chọn đơn vị báo cáo")
                return None
            value = form.unit_ids.get(name)
        if not value or (self.units and value not in self.units):
            self.error(
                form.path, where, f"đơn vị báo cáo '{value or ''}' không có trong danh sách đơn vị"
            )
            return None
        return str(value)

    def _first_from(self, unit: str, path: Path) -> bool:
        """One file per unit: a second one is named and left out."""
        if unit in self.seen:
            self.error(
                path,
                _where(FORM.unit_name),
                f"đơn vị '{unit}' đã có trong tệp {self.seen[unit]}; bỏ qua tệp này",
            )
            return False
        self.seen[unit] = path
        return True

    def _read_rows(self, form: _Form, report: Report) -> None:
        rows_of: dict[str, int] = {}
        for row in data_rows(form.sheet):
            indicator = self._indicator_at(form, row, rows_of)
            if indicator is None:
                continue
            if indicator.gia_tri is None:
                self._read_verdict(form, row, indicator, report)
                continue
            raw = cell(form.sheet, row, "ket_qua").value
            value = self._value(form.path, _where(column("ket_qua").ref(row)), raw, indicator)
            if value is not None:
                report.values[indicator.id] = value

    def _indicator_at(self, form: _Form, row: int, rows_of: dict[str, int]) -> Indicator | None:
        """The plan's indicator named in the row's id cell, once per form."""
        ident = cell(form.sheet, row, "ma").value
        if ident in (None, ""):
            return None
        where = _where(column("ma").ref(row))
        if ident not in self.indicators:
            self.error(form.path, where, f"mã chỉ tiêu '{ident}' không có trong kế hoạch")
            return None
        if ident in rows_of:
            self.error(
                form.path, where, f"mã chỉ tiêu '{ident}' lặp lại (đã có ở dòng {rows_of[ident]})"
            )
            return None
        rows_of[ident] = row
        return self.indicators[ident]

    def _read_verdict(self, form: _Form, row: int, indicator: Indicator, report: Report) -> None:
        """A qualitative row: the unit's own Đạt / Không đạt."""
        words = evaluation.labels()
        verdict = cell(form.sheet, row, "danh_gia").value
        if verdict in (words["dat"], words["khong_dat"]):
            report.verdicts[indicator.id] = verdict
        elif verdict not in (None, ""):
            self.error(
                form.path,
                _where(column("danh_gia").ref(row)),
                f"đánh giá '{verdict}' phải là Đạt hoặc Không đạt",
            )

    def _value(self, path: Path, where: str, raw: Any, indicator: Indicator) -> float | None:
        """The reported number, in its allowed range; a number typed as text is noted."""
        if raw in (None, ""):
            return None
        value = float(raw) if isinstance(raw, int | float) and not isinstance(raw, bool) else None
        if isinstance(raw, str):
            value = parse_number(raw)
            if value is not None:
                self.reading.notes.append(
                    Problem(
                        str(path), f"số nhập dạng chữ '{raw}', đã đọc là {value:g}", field=where
                    )
                )
        if value is None:
            self.error(path, where, f"'{raw}' không phải là số")
            return None
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
