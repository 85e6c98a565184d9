"""The phụ lục's indicator rows on the report forms: each milestone row becomes, for the
report year, an ordinary indicator record, so the forms, their Excel formulas, the reader
and the summary treat it like one of the plan's own indicators."""

from __future__ import annotations

from kehoach.plan.appendix import Milestones
from kehoach.plan.fields import Comparison, Direction
from kehoach.plan.indicators import VALUE_SLOT, Indicator
from kehoach.plan.model import Plan


def as_indicator(row: Milestones, year: int) -> Indicator:
    """The row's target for `year` as an indicator: a number is a floor (a ceiling when
    lower is better), a text is qualitative. Built without re-validation: the row was
    validated as a milestone row, and the wording rules of an indicator (a unit, a
    sentence) are for what the plan prints, which these rows never are."""
    target, due = row.target_for(year), row.year_for(year)
    if isinstance(target, str):
        return Indicator.model_construct(id=row.id, cau=row.nhan, nhan=row.nhan, nam=due)
    lower = row.huong is Direction.giam
    return Indicator.model_construct(
        id=row.id,
        cau=f"{row.nhan} {VALUE_SLOT}",
        nhan=row.nhan,
        gia_tri=target,
        don_vi=row.don_vi or None,
        so_sanh=Comparison.toi_da if lower else Comparison.toi_thieu,
        huong=row.huong,
        nam=due,
    )


def text_target(row: Milestones, year: int) -> str | None:
    """The written milestone of a qualitative row (`Đạt chuẩn`), None for a number."""
    target = row.target_for(year)
    return target if isinstance(target, str) else None


def target_years(plan: Plan, year: int) -> dict[str, int]:
    """The year each indicator a report of `year` covers must be reached by: its own
    `nam`, else its block's (2030); a phụ lục row's, the milestone it is measured against."""
    block = plan.muc_tieu_chi_tieu.chi_tieu if plan.muc_tieu_chi_tieu else None
    default = block.nam if block else year
    return {i.id: i.nam or default for i in report_indicators(plan, year)}


def report_indicators(plan: Plan, year: int) -> list[Indicator]:
    """The plan's indicators, then the phụ lục's rows for `year`: what a form of that
    year reports on, in the form's order."""
    return plan.indicators() + [as_indicator(row, year) for row in plan.milestones()]
