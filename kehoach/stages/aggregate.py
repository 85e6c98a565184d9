"""`aggregate`, in its two steps: every filled form read (each problem named by file and
cell), then the summary of the good ones written (XLSX and DOCX)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kehoach.errors import KehoachError, Problem
from kehoach.stages.inputs import existing_file, registry_path
from kehoach.stages.outcome import Outcome

if TYPE_CHECKING:
    from kehoach.forms.reading import Reading
    from kehoach.plan.model import Plan
    from kehoach.plan.units import Registry


@dataclass(frozen=True)
class Filled:
    """The forms as read: what each unit reported, and the problems and notes of each
    file (a problem's form is left out of the summary; a note is what was read leniently)."""

    plan_path: Path
    plan: Plan
    units_file: Path | None
    registry: Registry | None
    files: list[Path]
    reading: Reading

    @property
    def problems(self) -> list[Problem]:
        return self.reading.errors

    @property
    def notes(self) -> list[Problem]:
        return self.reading.notes


def read_filled(plan: Path, filled: Sequence[Path], units_file: Path | None = None) -> Filled:
    """Every filled form read against the plan; a name that is no file stops it all."""
    from kehoach.forms.reading import read_forms
    from kehoach.plan.loader import load_plan
    from kehoach.plan.units import load_registry

    model = load_plan(existing_file(plan))
    path = registry_path(plan, model, units_file)
    registry = load_registry(existing_file(path)).registry if path else None
    absent = [Problem(str(name), "không có tệp này") for name in filled if not name.exists()]
    if absent:  # a name typed wrong is no broken workbook to skip: nothing is summed
        raise KehoachError(absent)
    files = list(filled)
    return Filled(plan, model, path, registry, files, read_forms(model, registry, files))


@dataclass(kw_only=True)
class Aggregated(Outcome):
    """The units summed, and the units of the list that have not reported."""

    units: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def aggregate(filled: Filled, out_dir: Path, templates_dir: Path | None = None) -> Aggregated:
    """`out_dir/<plan>_tong_hop.xlsx` and `_tong_hop.docx` from the forms that read well;
    the problems of the others come back with the outcome."""
    from kehoach.document.render import renderer_for
    from kehoach.forms import aggregate as summing
    from kehoach.forms import report as report_forms
    from kehoach.safewrite import Batch

    if not filled.reading.reports:
        raise KehoachError("không có biểu nào dùng được; chưa ghi bảng tổng hợp")
    model = filled.plan
    summary = summing.Summary(model, filled.registry, filled.reading)
    period = report_forms.Period(report_forms.outline().ky_mac_dinh, summary.year)
    docx = renderer_for("tong_hop.docx", templates_dir).render_context(
        summing.summary_context(summary, report_forms.subtitle(model, period)),
        report_forms.properties(model, "Tổng hợp chỉ tiêu", period),
    )
    stem = filled.plan_path.stem
    files = {
        out_dir / f"{stem}_tong_hop.xlsx": summing.summary_workbook(summary),
        out_dir / f"{stem}_tong_hop.docx": docx,
    }
    with Batch([filled.plan_path, filled.units_file, *filled.files]) as batch:
        for target, data in files.items():
            batch.write(target, data)
    return Aggregated(written=list(files), problems=list(filled.problems),
                      units=list(summary.units), missing=list(summary.missing))
