"""Every unit's indicator values in one workbook: a row per indicator (`Mã`, wording, unit,
the upper plan's value), a column per unit headed by its name, prefilled from the
registry. Read back, every bad cell is reported with file, sheet, cell and what was
expected, and nothing is drafted or changed until all are fixed."""

from __future__ import annotations

import io
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from kehoach.errors import KehoachError, Problem
from kehoach.forms import archive, displayed, evaluation
from kehoach.forms.cells import first_sheet, put, shown, text_cell
from kehoach.forms.displayed import Number, SheetView
from kehoach.forms.milestones import dated
from kehoach.plan.edit import PlanFile
from kehoach.plan.indicators import Indicator
from kehoach.plan.model import Plan
from kehoach.plan.units import LoadedRegistry, Unit
from kehoach.plan.walk import walk
from kehoach.rules.levels import reaches, unit_kinds
from kehoach.source.yamlsource import MAX_NUMBER
from kehoach.vn import numbers as vnformat

SHEET = "Giá trị chỉ tiêu"
HEADERS = ("Mã", "Chỉ tiêu", "Đơn vị tính", "Giá trị cấp trên")
FIRST_UNIT = len(HEADERS) + 1


def valued_indicators(parent: Plan, loaded: LoadedRegistry) -> list[Indicator]:
    """The indicators with a value that reach at least one unit of the registry (their
    `cap`, and their ancestors', let it)."""
    level, kinds = loaded.registry.cap, {unit.loai for unit in loaded.registry.don_vi}
    kept: list[Indicator] = []
    for node in walk(parent):
        if not isinstance(node.element, Indicator) or node.element.gia_tri is None:
            continue
        caps = [getattr(n.element, "cap", None) for n in [node, *node.ancestors()]]
        if any(all(reaches(c, level, kind) for c in caps) for kind in kinds):
            kept.append(node.element)
    return kept


def unit_header(unit: Unit) -> str:
    """`Xã Hòa An`, `Thị trấn Cây Dương`: the unit as the header cell names it."""
    return f"{unit_kinds()[unit.loai].capitalize()} {unit.ten}"


def template(parent: Plan, loaded: LoadedRegistry) -> bytes:
    """The workbook to fill, as XLSX bytes; every user string is written as text."""
    book = Workbook()
    sheet = first_sheet(book, SHEET)
    units = loaded.registry.don_vi
    for column, title in enumerate([*HEADERS, *map(unit_header, units)], start=1):
        text_cell(sheet, f"{get_column_letter(column)}1", title)
    found = valued_indicators(parent, loaded)
    staged = {i.moc_cua for i in found if i.moc_cua} | {i.id for i in found if i.moc_cua}
    years = {indicator.id: year for indicator, year in dated(parent)}
    for row, indicator in enumerate(found, start=2):
        put(sheet, f"A{row}", indicator.id)
        # an indicator stated at several milestones: a row for each, named by its year
        year = f" (năm {years[indicator.id]})" if indicator.id in staged else ""
        put(sheet, f"B{row}", f"{indicator.nhan}{year}")
        put(sheet, f"C{row}", indicator.don_vi or "")
        put(sheet, f"D{row}", indicator.gia_tri)
        for column, unit in enumerate(units, start=FIRST_UNIT):
            put(sheet, f"{get_column_letter(column)}{row}", unit.chi_tieu.get(indicator.id))
    sheet.column_dimensions["B"].width = 60
    sheet.freeze_panes = "E2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read(path: Path, parent: Plan, loaded: LoadedRegistry) -> dict[str, dict[str, float]]:
    """Unit id → indicator id → value, from a filled workbook (blank cells: no value), each
    cell read as the clerk sees it and checked against its indicator; every problem is
    reported at once, and none may remain."""
    where = shown(str(path))
    sheet = _sheet(path, where)
    view = SheetView(sheet)
    rows = list(sheet.iter_rows())
    if not rows or rows[0][0].value != "Mã":
        raise KehoachError([Problem(where, "ô A1 phải là 'Mã'", field=f"{SHEET}!A1")])
    problems: list[Problem] = []

    def refuse(cell: Any, message: str) -> None:
        problems.append(Problem(where, message, field=f"{SHEET}!{cell.coordinate}"))

    refused_heads = set()
    for cell in rows[0]:
        refused = view.refusal(cell, sight=False)
        if refused:
            refuse(cell, refused)
            refused_heads.add(cell.column)  # said once: its title is not matched too
    titles = tuple(None if c.column in refused_heads else c.value for c in rows[0])
    columns = _unit_columns(titles, loaded, where, problems)
    indicators = _reaching(parent, loaded)
    headless = [c for c, title in enumerate(titles, start=1)
                if c >= FIRST_UNIT and title in (None, "") and c not in refused_heads]
    values: dict[str, dict[str, float]] = {unit: {} for unit in columns.values()}
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        refused = view.refusal(row[0], sight=False)
        if refused:
            refuse(row[0], refused)
            continue
        raw: Any = row[0].value  # a cell's value: whatever type the workbook holds
        ident = raw.strip() if isinstance(raw, str) else raw
        if ident in (None, ""):
            _stray_values(row, refuse)
            continue
        _headless_values(row, headless, number, where, problems)
        if ident not in indicators or ident in seen:
            message = (f"mã '{ident}' đã có ở dòng {seen[ident]}" if ident in seen else
                       f"'{shown(str(ident))}' không phải mã chỉ tiêu có giá trị của kế hoạch")
            refuse(row[0], message)
            continue
        seen[str(ident)] = number
        indicator, kinds = indicators[str(ident)]
        for column, unit in columns.items():
            if column - 1 >= len(row):
                continue
            value = _value(row[column - 1], view, indicator, refuse)
            if value is None:
                continue
            if loaded.unit(unit).loai not in kinds:
                refuse(row[column - 1], _not_for(indicator, loaded.unit(unit)))
                continue
            values[unit][indicator.id] = value
    if problems:
        raise KehoachError(problems)
    return values


def _sheet(path: Path, where: str) -> Worksheet:
    """The values sheet, opened whole (not read-only): merged areas, hidden rows and
    columns and formulas must be seen to be refused."""
    refused = archive.problem(path)
    if refused is not None:
        raise KehoachError([Problem(where, refused)])
    try:
        book = load_workbook(path)
    except Exception:  # openpyxl raises anything at all on a crafted file
        raise KehoachError([Problem(where, "không phải tệp Excel (.xlsx) đọc được")]) from None
    if SHEET not in book.sheetnames:
        raise KehoachError([Problem(where, f"không có trang '{SHEET}'")])
    return book[SHEET]


def _reaching(parent: Plan, loaded: LoadedRegistry) -> dict[str, tuple[Indicator, set[str]]]:
    """Each valued indicator of the sheet, with the kinds of unit it reaches (its `cap`,
    and its ancestors', let it)."""
    level = loaded.registry.cap
    kinds = {unit.loai for unit in loaded.registry.don_vi}
    out: dict[str, tuple[Indicator, set[str]]] = {}
    for node in walk(parent):
        if not isinstance(node.element, Indicator) or node.element.gia_tri is None:
            continue
        caps = [getattr(n.element, "cap", None) for n in [node, *node.ancestors()]]
        reached = {kind for kind in kinds if all(reaches(c, level, kind) for c in caps)}
        if reached:
            out[node.id] = (node.element, reached)
    return out


def _value(cell: Any, view: SheetView, indicator: Indicator, refuse: Any) -> Number | None:
    """The cell's number as shown, in the indicator's range; None (refused) otherwise."""
    rate = (indicator.don_vi or "").startswith("%")
    found = displayed.number(view, cell, rate=rate)
    if found.problem is not None:
        refuse(cell, found.problem)
        return None
    if found.value is None:
        return None
    wrong = evaluation.out_of_range(indicator, found.value)
    if wrong is None and found.value > MAX_NUMBER:
        wrong = f"{vnformat.number(found.value)} quá lớn (tối đa 10^15)"
    if wrong is not None:
        refuse(cell, wrong + (f" ({found.note})" if found.note else ""))
        return None
    return found.value


def _not_for(indicator: Indicator, unit: Unit) -> str:
    return (
        f"chỉ tiêu '{indicator.id}' không áp dụng cho {unit_kinds()[unit.loai]} (theo 'cap' "
        f"của chỉ tiêu) nên giá trị của {unit_header(unit)} không được dùng: xóa ô này"
    )


def _stray_values(row: tuple[Any, ...], refuse: Any) -> None:
    """A value on a row without an indicator's id would be dropped unseen: refuse it."""
    for cell in row[FIRST_UNIT - 1 :]:
        if cell.value not in (None, "") and not isinstance(cell, MergedCell):
            refuse(cell, "ô có giá trị nhưng dòng không có mã chỉ tiêu ở cột A")


def _unit_columns(
    header: tuple[Any, ...], loaded: LoadedRegistry, where: str, problems: list[Problem]
) -> dict[int, str]:
    """Column number → unit id, matched by the name in the header (with or without its
    kind, NFC, case and spaces aside) or by the unit's id."""
    names: dict[str, str] = {}
    for member in loaded.registry.don_vi:
        for name in (unit_header(member), member.ten, member.id):
            names.setdefault(_key(name), member.id)
    columns: dict[int, str] = {}
    for column, title in enumerate(header[len(HEADERS) :], start=FIRST_UNIT):
        if title in (None, ""):
            continue
        unit = names.get(_key(str(title)))
        cell = f"{SHEET}!{get_column_letter(column)}1"
        if unit is None or unit in columns.values():
            what = "đã có cột khác" if unit else "không có trong danh sách đơn vị"
            message = f"đơn vị '{shown(str(title))}' {what}"
            problems.append(Problem(where, message, field=cell))
            continue
        columns[column] = unit
    return columns


def _headless_values(
    row: tuple[Any, ...], headless: list[int], number: int, where: str, problems: list[Problem]
) -> None:
    """A value under a column without a unit's name would be dropped unseen: refuse it."""
    for column in headless:
        if column - 1 < len(row) and row[column - 1].value not in (None, ""):
            letter = get_column_letter(column)
            message = f"ô có giá trị nhưng cột không có tên đơn vị ở ô {letter}1"
            problems.append(Problem(where, message, field=f"{SHEET}!{letter}{number}"))


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def with_values(loaded: LoadedRegistry, values: dict[str, dict[str, float]]) -> LoadedRegistry:
    """The registry with each unit's values from the workbook laid over its own."""
    units = [
        unit.model_copy(update={"chi_tieu": {**unit.chi_tieu, **values.get(unit.id, {})}})
        for unit in loaded.registry.don_vi
    ]
    return replace(loaded, registry=loaded.registry.model_copy(update={"don_vi": units}))


def edit_values(path: Path, unit_values: dict[str, float]) -> tuple[PlanFile, int]:
    """An existing unit plan with only its indicator values changed (every other edit of
    the clerk's kept), not yet saved: a batch saves once every plan has been edited; the
    number of values changed."""
    plan_file = PlanFile.open(path)
    changed = 0
    for ident, value in unit_values.items():
        try:
            where = (*plan_file.path_of(ident), "gia_tri")
        except KehoachError:
            continue  # the clerk took the indicator out of the unit's plan
        if plan_file.get(where) != value:
            plan_file.set(where, value)
            changed += 1
    return plan_file, changed
