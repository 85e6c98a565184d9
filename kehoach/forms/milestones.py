"""The plan's indicators as a report of one year sees them: each indicator once, whatever
the milestones it is stated at (`đạt 50%` by 2026 in one sentence, `đạt 80%` by 2030 in
another, `moc_cua` linking them; a phụ lục row's columns of years), with its target for
that year. A phụ lục row becomes an ordinary indicator record, so the forms, their Excel
formulas, the reader and the summary treat it like one of the plan's own indicators."""

from __future__ import annotations

from dataclasses import dataclass

from kehoach.plan.appendix import Milestones
from kehoach.plan.fields import Comparison, Direction
from kehoach.plan.indicators import VALUE_SLOT, Indicator
from kehoach.plan.model import Plan


def as_indicator(row: Milestones, year: int) -> Indicator:
    """The row's target for `year` as an indicator: a number is a floor (a ceiling when
    lower is better), a text is qualitative. Built without re-validation: the row was
    validated as a milestone row, and the wording rules of an indicator (a unit, a
    sentence) are for what the plan prints, which these rows never are."""
    target = row.target_for(year)
    if isinstance(target, str):
        return Indicator.model_construct(id=row.id, cau=row.nhan, nhan=row.nhan, nam=year)
    lower = row.huong is Direction.giam
    return Indicator.model_construct(
        id=row.id,
        cau=f"{row.nhan} {VALUE_SLOT}",
        nhan=row.nhan,
        gia_tri=target,
        don_vi=row.don_vi or None,
        so_sanh=Comparison.toi_da if lower else Comparison.toi_thieu,
        huong=row.huong,
        nam=year,
    )


def text_target(row: Milestones, year: int) -> str | None:
    """The written milestone of a qualitative row (`Đạt chuẩn`), None for a number."""
    target = row.target_for(year)
    return target if isinstance(target, str) else None


@dataclass(frozen=True)
class Statement:
    """An indicator's target at one milestone: a sentence of the plan, or a phụ lục row's
    column of that year."""

    year: int
    record: Indicator | Milestones


def dated(plan: Plan) -> list[tuple[Indicator, int]]:
    """Every indicator of the text with the year it is set for: its own, its milestone's
    (`a) Đến năm 2026`), the block's."""
    block = plan.muc_tieu_chi_tieu.chi_tieu if plan.muc_tieu_chi_tieu else None
    if block is None:
        return []
    return [(i, i.nam or p.nam or block.nam) for p in block.doan for i in p.indicators()]


def measures(plan: Plan) -> dict[str, list[Statement]]:
    """Every indicator by the id its milestones hang on (`moc_cua`), in reading order: the
    sentences with their years, then the phụ lục rows with each of their years."""
    found: dict[str, list[Statement]] = {}
    for indicator, year in dated(plan):
        found.setdefault(indicator.moc_cua or indicator.id, []).append(Statement(year, indicator))
    for row in plan.milestones():
        statements = found.setdefault(row.moc_cua or row.id, [])
        statements += [Statement(year, row) for year in sorted(row.moc)]
    return found


def _chosen(statements: list[Statement], year: int) -> Statement:
    """The milestone a report of `year` is measured against: the first from that year on;
    after the last, the last."""
    later = [s for s in statements if s.year >= year]
    return min(later, key=lambda s: s.year) if later else max(statements, key=lambda s: s.year)


def target_years(plan: Plan, year: int) -> dict[str, int]:
    """The year of the milestone each indicator of a report of `year` is measured against
    (2030 for the block's, 2026 for `a) Đến năm 2026`, a phụ lục row's column)."""
    return {root: _chosen(found, year).year for root, found in measures(plan).items()}


def for_year(root: str, statements: list[Statement], year: int) -> tuple[Indicator, str | None]:
    """The indicator `root` as a report of `year` sees it: the target of the first milestone
    from that year on (after the last, the last), under the root's id and name; and the
    written milestone of a qualitative phụ lục row."""
    chosen = _chosen(statements, year)
    name = statements[0].record.nhan
    if isinstance(chosen.record, Indicator):
        return chosen.record.model_copy(update={"id": root, "nhan": name}), None
    indicator = as_indicator(chosen.record, chosen.year)
    written = text_target(chosen.record, chosen.year)
    return indicator.model_copy(update={"id": root, "nhan": name}), written


def report_indicators(plan: Plan, year: int) -> list[Indicator]:
    """What a form of `year` reports on, in the form's order: each indicator once."""
    return [for_year(root, found, year)[0] for root, found in measures(plan).items()]


def has_milestones(plan: Plan) -> bool:
    """Whether a target depends on the report's year (a phụ lục, a sentence per milestone)."""
    return bool(plan.milestones()) or any(i.moc_cua for i in plan.indicators())
