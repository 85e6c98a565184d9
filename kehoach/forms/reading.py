"""Reading the filled indicator forms that come back from the units.

Every number is read and checked here; cells are found through `layout`, never by
number. Problems name the file, the sheet and the cell, and are collected, never raised:
the good files are still summarised.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from kehoach.errors import Problem
from kehoach.forms import archive, displayed, evaluation, milestones
from kehoach.forms.cells import shown
from kehoach.forms.displayed import SheetView
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
from kehoach.plan.indicators import Indicator
from kehoach.plan.model import Plan
from kehoach.plan.units import Registry
from kehoach.rules.levels import unit_kinds


@dataclass
class Report:
    """What one unit reported."""

    unit: str
    file: Path
    values: dict[str, float] = field(default_factory=dict)
    verdicts: dict[str, str] = field(default_factory=dict)  # qualitative rows
    cells: dict[str, str] = field(default_factory=dict)  # id → the cell read (`E12`), even blank
    remarks: dict[str, str] = field(default_factory=dict)  # id → the unit's Ghi chú


@dataclass
class Reading:
    reports: list[Report] = field(default_factory=list)
    nam: int | None = None  # the report year of the forms read, for their targets
    errors: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class _Form:
    """One opened workbook that has the sheets of a kehoach form."""

    path: Path
    sheet: Worksheet
    meta: Worksheet
    unit_ids: dict[Any, Any]  # the drop-down's rows as read: names → unit ids (sheet DonVi)
    view: SheetView  # merged, hidden: what the clerk cannot see as it is read


def _where(ref: str, sheet: str = FORM_SHEET) -> str:
    return f"{sheet}!{ref}"


def _key(text: str) -> str:
    """How unit names are compared: NFC, spaces trimmed and collapsed, case folded."""
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


_KIND_WORDS = tuple(_key(word) + " " for word in unit_kinds().values())


class _Directory:
    """What a typed unit name may mean → the unit ids it names."""

    def __init__(self, strip_kind: bool) -> None:
        self.ids: dict[str, set[str]] = {}
        self.strip_kind = strip_kind  # a list without kinds: `Xã Hòa An` is `Hòa An`

    @classmethod
    def of_registry(cls, registry: Registry) -> _Directory:
        """By id, by name, and by name with its own kind (`Xã Hòa An`)."""
        directory = cls(strip_kind=False)
        for unit in registry.don_vi:
            for name in (unit.id, unit.ten, f"{unit_kinds()[unit.loai]} {unit.ten}"):
                directory.ids.setdefault(_key(name), set()).add(unit.id)
        return directory

    @classmethod
    def of_listing(cls, pairs: dict[Any, Any]) -> _Directory:
        """The form's own drop-down list (sheet DonVi), when there is no registry."""
        directory = cls(strip_kind=True)
        for name, ident in pairs.items():
            if isinstance(name, str) and isinstance(ident, str) and ident:
                for text in (name, ident):
                    directory.ids.setdefault(_key(text), set()).add(ident)
        return directory

    @property
    def empty(self) -> bool:
        return not self.ids

    def match(self, typed: str) -> set[str]:
        key = _key(typed)
        if key in self.ids or not self.strip_kind:
            return set(self.ids.get(key, set()))
        word = next((w for w in _KIND_WORDS if key.startswith(w)), "")
        return set(self.ids.get(key[len(word) :], set())) if word else set()


def _hidden_id(meta: Worksheet) -> str | None:
    """The unit id written into `_kehoach`, or None when it is the drop-down's formula."""
    value = meta[META.unit_id].value
    if value is None or (isinstance(value, str) and (value.startswith("=") or not value.strip())):
        return None
    return str(value).strip()


def _unmatched(typed: str, found: set[str]) -> str:
    if found:
        return (
            f"tên đơn vị '{typed}' ứng với nhiều đơn vị ({', '.join(sorted(found))}); "
            "ghi kèm loại đơn vị (Xã …, Phường …) hoặc ghi mã đơn vị"
        )
    return (
        f"đơn vị báo cáo '{typed}' không có trong danh sách đơn vị (ghi tên như trong danh "
        "sách, có hoặc không kèm loại, hoặc mã đơn vị)"
    )


class _FormReader:
    def __init__(self, plan: Plan, registry: Registry | None, reading: Reading) -> None:
        self.plan = plan
        self.by_year: dict[int, dict[str, Indicator]] = {}
        self.directory = _Directory.of_registry(registry) if registry else None
        self.reading = reading
        self.seen: dict[str, Path] = {}

    def error(self, path: Path, where: str, message: str) -> None:
        self.reading.errors.append(Problem(shown(str(path)), message, field=where))

    def read(self, path: Path) -> None:
        form = self._open(path)
        if form is None or not self._of_this_plan(form):
            return
        year = self._year(form)
        if year is None:
            return
        unit = self._unit(form)
        if unit is None or not self._first_from(unit, path) or not self._own(form, unit):
            return
        report = Report(unit, path)
        self.reading.nam = year
        self._read_rows(form, report, self._indicators(year))
        self.reading.reports.append(report)

    def _indicators(self, year: int) -> dict[str, Indicator]:
        """The indicators a form of `year` reports on, by id (the phụ lục's for that year)."""
        if year not in self.by_year:
            found = milestones.report_indicators(self.plan, year)
            self.by_year[year] = {i.id: i for i in found}
        return self.by_year[year]

    def _year(self, form: _Form) -> int | None:
        """The form's report year (the plan's for a form without one); when the plan has
        milestones, every form must be of the same year, the targets depend on it."""
        raw = form.meta[META.year].value
        where = _where(META.year, META_SHEET)
        if raw in (None, ""):
            year = self.plan.van_ban.year
        elif isinstance(raw, int) and not isinstance(raw, bool):
            year = raw
        elif isinstance(raw, str) and raw.strip().isdigit():
            year = int(raw.strip())
        else:
            self.error(form.path, where, f"năm báo cáo '{shown(str(raw))}' không phải là một năm")
            return None
        first = self.reading.nam
        if first is not None and year != first and milestones.has_milestones(self.plan):
            self.error(
                form.path,
                where,
                f"biểu của năm {year}, khác năm {first} của các biểu đã đọc; chỉ tiêu phụ "
                "lục mỗi năm một khác nên chỉ tổng hợp các biểu cùng năm; bỏ qua tệp này",
            )
            return None
        return year

    def _open(self, path: Path) -> _Form | None:
        """The workbook, if it is a readable indicator form made by kehoach."""
        refused = archive.problem(path)
        if refused is not None:
            self.error(path, "", refused)
            return None
        try:
            wb = load_workbook(path)
        except Exception:  # openpyxl raises anything at all on a crafted file
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
        return _Form(path, wb[FORM_SHEET], meta, pairs, SheetView(wb[FORM_SHEET]))

    def _upper(self, form: _Form) -> bool:
        """A unit's plan reading the form of the upper plan it was derived from (the form
        the unit filled for the level above)."""
        origin, plan_id = self.plan.goc, form.meta[META.plan_id].value
        return self.plan.don_vi is not None and origin is not None and plan_id == origin.id

    def _of_this_plan(self, form: _Form) -> bool:
        """The form was made from this plan, from a unit's plan derived from it, or for a
        unit's plan from the upper plan (`_upper`)."""
        plan_id, parent_id = form.meta[META.plan_id].value, form.meta[META.parent_id].value
        if self.plan.id in (plan_id, parent_id) or self._upper(form):
            return True
        self.error(
            form.path,
            _where(META.plan_id, META_SHEET),
            f"biểu của kế hoạch '{plan_id}', không phải của kế hoạch '{self.plan.id}'",
        )
        return False

    def _unit(self, form: _Form) -> str | None:
        """The reporting unit, from the name the clerk sees; a hidden id must agree."""
        typed, hidden = form.sheet[FORM.unit_name].value, _hidden_id(form.meta)
        where = _where(FORM.unit_name)
        if typed is None or not str(typed).strip():
            self.error(form.path, where, "chưa chọn đơn vị báo cáo")
            return None
        typed = shown(str(typed))
        directory = self.directory or _Directory.of_listing(form.unit_ids)
        if directory.empty and hidden is not None:  # no list to check the name against
            return hidden
        found = directory.match(typed)
        if len(found) != 1:
            self.error(form.path, where, _unmatched(typed, found))
            return None
        unit = found.pop()
        if hidden is not None and hidden != unit:
            self.error(
                form.path,
                f"{where}, {_where(META.unit_id, META_SHEET)}",
                f"ô {where} ghi đơn vị '{typed}' (mã {unit}) nhưng ô "
                f"{_where(META.unit_id, META_SHEET)} ghi mã '{shown(hidden)}': có thể là biểu "
                "của đơn vị khác được dùng lại; bỏ qua tệp này",
            )
            return None
        return unit

    def _own(self, form: _Form, unit: str) -> bool:
        """A unit's plan reads only that unit's forms."""
        if self.plan.don_vi in (None, unit):
            return True
        self.error(form.path, _where(FORM.unit_name),
                   f"biểu của đơn vị '{unit}', kế hoạch này là của đơn vị '{self.plan.don_vi}'")
        return False

    def _first_from(self, unit: str, path: Path) -> bool:
        """One file per unit: a second one is named and left out."""
        if unit in self.seen:
            self.error(
                path,
                _where(FORM.unit_name),
                f"đơn vị '{unit}' đã có trong tệp {shown(str(self.seen[unit]))}; bỏ qua tệp này",
            )
            return False
        self.seen[unit] = path
        return True

    def _read_rows(self, form: _Form, report: Report, indicators: dict[str, Indicator]) -> None:
        rows_of: dict[str, int] = {}
        for row in data_rows(form.sheet):
            indicator = self._indicator_at(form, row, rows_of, indicators)
            if indicator is None:
                continue
            remark = cell(form.sheet, row, "ghi_chu").value
            if remark not in (None, "") and str(remark).strip():
                text = unicodedata.normalize("NFC", shown(str(remark)))
                report.remarks[indicator.id] = " ".join(text.split())
            if indicator.gia_tri is None:
                report.cells[indicator.id] = column("danh_gia").ref(row)
                self._read_verdict(form, row, indicator, report)
                continue
            report.cells[indicator.id] = column("ket_qua").ref(row)
            value = self._value(form, cell(form.sheet, row, "ket_qua"), indicator)
            if value is not None:
                report.values[indicator.id] = value

    def _indicator_at(
        self, form: _Form, row: int, rows_of: dict[str, int], indicators: dict[str, Indicator]
    ) -> Indicator | None:
        """The plan's indicator named in the row's id cell, once per form."""
        ident = cell(form.sheet, row, "ma").value
        if ident in (None, ""):
            return None
        where = _where(column("ma").ref(row))
        if isinstance(ident, str) and ident not in indicators and self._upper(form):
            note = f"chỉ tiêu '{ident}' của kế hoạch cấp trên không có trong kế hoạch này; bỏ qua"
            self.reading.notes.append(Problem(shown(str(form.path)), note, field=where))
            return None
        if not isinstance(ident, str) or ident not in indicators:
            self.error(form.path, where, f"mã chỉ tiêu '{ident}' không có trong kế hoạch")
            return None
        if ident in rows_of:
            self.error(
                form.path, where, f"mã chỉ tiêu '{ident}' lặp lại (đã có ở dòng {rows_of[ident]})"
            )
            return None
        rows_of[ident] = row
        return indicators[ident]

    def _read_verdict(self, form: _Form, row: int, indicator: Indicator, report: Report) -> None:
        """A qualitative row: the unit's own Đạt / Không đạt."""
        words = evaluation.labels()
        target = cell(form.sheet, row, "danh_gia")
        refused = form.view.refusal(target)
        if refused is not None:
            self.error(form.path, _where(target.coordinate), refused)
            return
        verdict = target.value
        if isinstance(verdict, str) and verdict in (words["dat"], words["khong_dat"]):
            report.verdicts[indicator.id] = verdict
        elif verdict not in (None, ""):
            self.error(
                form.path,
                _where(column("danh_gia").ref(row)),
                f"đánh giá '{verdict}' phải là Đạt hoặc Không đạt",
            )

    def _value(self, form: _Form, target: Any, indicator: Indicator) -> float | None:
        """The reported number as the clerk sees it, in its allowed range; a number typed
        as text is noted."""
        where = _where(target.coordinate)
        rate = (indicator.don_vi or "").startswith("%")
        found = displayed.number(form.view, target, rate=rate)
        if found.note is not None:
            self.reading.notes.append(Problem(str(form.path), found.note, field=where))
        if found.problem is not None:
            self.error(form.path, where, found.problem)
            return None
        if found.value is None:
            return None
        wrong = evaluation.out_of_range(indicator, found.value)
        if wrong is not None:
            self.error(form.path, where, wrong)
            return None
        return float(found.value)


def read_forms(plan: Plan, registry: Registry | None, paths: list[Path]) -> Reading:
    """Read every filled form; problems are collected, never raised."""
    reading = Reading()
    reader = _FormReader(plan, registry, reading)
    for path in paths:
        reader.read(path)
    return reading
