"""What came back, indicator by indicator: each unit's figure or verdict, judged as the
summary judges it (one rule table), with the file and cell it was read from."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kehoach.forms import evaluation, milestones
from kehoach.forms.aggregate import Summary
from kehoach.forms.reading import Reading, Report
from kehoach.forms.report import FORM_SHEET
from kehoach.plan.indicators import Indicator

REACHED = ("vuot", "dat")
"""The verdict keys that count as reaching the target."""


@dataclass(frozen=True)
class Source:
    """Where a figure was read: `hoa_an.xlsx, Biểu chỉ tiêu, ô E12`."""

    file: Path
    cell: str | None  # None: the form has no row for the indicator

    def __str__(self) -> str:
        return f"{self.file.name}, {FORM_SHEET}, ô {self.cell}"


@dataclass(frozen=True)
class Result:
    """One unit's result on one indicator. `verdict` is the rule table's key (vuot, dat,
    khong_dat); None when the unit gave no figure."""

    unit: str
    name: str
    value: float | None
    verdict: str | None
    source: Source
    remark: str | None

    @property
    def reached(self) -> bool:
        return self.verdict in REACHED


class Results:
    """The results of every unit that sent a form, for the report of `year`: the targets
    are those of the forms' year (`summary.year`), a target is due once `year` reaches the
    year it is for."""

    def __init__(self, summary: Summary, reading: Reading, year: int) -> None:
        self.summary = summary
        self.year = year
        self.reports: dict[str, Report] = {r.unit: r for r in reading.reports}
        self.by_year = milestones.target_years(summary.plan, summary.year)

    @property
    def indicators(self) -> list[Indicator]:
        return [line.indicator for line in self.summary.lines.values()]

    def of(self, indicator: Indicator) -> list[Result]:
        """Each reporting unit's result, in the units' order."""
        line = self.summary.lines[indicator.id]
        out = []
        for unit in self.summary.units:
            report = self.reports[unit]
            label = line.verdicts.get(unit)
            out.append(
                Result(
                    unit,
                    self.summary.names[unit],
                    line.values.get(unit),
                    evaluation.key_of(label) if label is not None else None,
                    Source(report.file, report.cells.get(indicator.id)),
                    report.remarks.get(indicator.id),
                )
            )
        return out

    def target_year(self, indicator: Indicator) -> int:
        return self.by_year[indicator.id]

    def due(self, indicator: Indicator) -> bool:
        """The report's year has reached the year the target is for."""
        return self.year >= self.target_year(indicator)

    def outcome(self, verdict: str, indicator: Indicator) -> str:
        """The key a sentence says a verdict with: `chua_dat` for a target not yet due."""
        return "chua_dat" if verdict == "khong_dat" and not self.due(indicator) else verdict

    def overall(self, indicator: Indicator) -> tuple[float, str] | None:
        """The area's own figure where the indicator says how to compute it
        (`tong_hop`), with its verdict against the plan's target."""
        value = self.summary.lines[indicator.id].overall
        if value is None or indicator.gia_tri is None:
            return None
        label = evaluation.evaluate(
            evaluation.rule_code(indicator), indicator.gia_tri, value,
            evaluation.tolerance(indicator),
        )
        return (value, evaluation.key_of(label)) if label is not None else None
