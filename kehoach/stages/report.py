"""`report`: the draft of a báo cáo sơ kết / tổng kết on a plan, from the filled indicator
forms: a unit's own report when the plan is a unit's (or has no units list), else the
level above's over its units. The forms are read as `aggregate` reads them (each problem
named by file and cell, the good ones used)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kehoach.errors import KehoachError, Problem
from kehoach.stages.aggregate import Filled, read_filled
from kehoach.stages.forms import period_name, report_year
from kehoach.stages.outcome import Outcome

SUFFIX = "_bao_cao.docx"


@dataclass(kw_only=True)
class Reported(Outcome):
    """The report written; the units whose forms it used, and those of the list that sent
    none (the level above's report)."""

    units: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def _own_unit(read: Filled) -> bool:
    """A unit's report on its own figures: the plan is a unit's (the reader takes only
    that unit's forms), or it lists no units: then one unit's forms only."""
    plan, reports = read.plan, read.reading.reports
    if plan.don_vi is None and read.registry is not None:
        return False
    if len({r.unit for r in reports}) > 1:
        files = ", ".join(f"{r.file.name} ({r.unit})" for r in reports)
        raise KehoachError(
            f"{read.plan_path}: kế hoạch không có danh sách đơn vị nên chỉ soạn được báo cáo "
            f"của một đơn vị; đã đọc biểu của: {files} (ghi danh_sach_don_vi để soạn báo cáo "
            "của cấp trên)"
        )
    return True


def report(
    plan: Path,
    filled: Sequence[Path],
    out_dir: Path,
    *,
    period: str | None = None,
    year: int | None = None,
    units_file: Path | None = None,
    templates_dir: Path | None = None,
) -> Reported:
    """`out_dir/<plan>_bao_cao.docx` from the forms that read well; the problems of the
    others come back with the outcome. The period (`--ky`) and year (`--nam`) follow the
    forms' rules; the year defaults to the forms' own."""
    from kehoach.document.render import renderer_for
    from kehoach.forms import report as report_forms
    from kehoach.forms.aggregate import Summary
    from kehoach.report.draft import draft
    from kehoach.report.results import Results
    from kehoach.rules.profile import load_profile
    from kehoach.rules.profile_dates import profile_on
    from kehoach.safewrite import Batch

    period, year = period_name(period), report_year(year)
    read = read_filled(plan, filled, units_file)
    if not read.reading.reports:  # each form's problem, then why nothing is written
        nothing = Problem("", "không có biểu nào dùng được; chưa ghi báo cáo")
        raise KehoachError([*read.problems, nothing])
    own = _own_unit(read)
    summary = Summary(read.plan, None if own else read.registry, read.reading)
    when = report_forms.Period(
        period or report_forms.outline().ky_mac_dinh, summary.year if year is None else year
    )
    notes = [str(note) for note in read.notes]
    if when.nam != summary.year and read.plan.milestones():
        notes.append(f"biểu làm cho năm {summary.year}: chỉ tiêu phụ lục tính theo năm đó, "
                     f"không theo năm báo cáo {when.nam}")
    profile = load_profile(profile_on(when.nam))
    made = draft(read.plan, Results(summary, read.reading, when.nam),
                 None if own else summary.area(), when, profile)
    docx = renderer_for("bao_cao.docx", templates_dir).render_context(
        made.context, report_forms.properties(read.plan, "Báo cáo", when), header=profile,
        remarks=made.remarks,
    )
    target = out_dir / f"{plan.stem}{SUFFIX}"
    with Batch([plan, read.units_file, *read.files]) as batch:
        batch.write(target, docx)
    return Reported(
        written=[target], documents=[target], notes=notes, problems=list(read.problems),
        review=len(made.remarks), units=list(summary.units), missing=list(summary.missing),
    )

