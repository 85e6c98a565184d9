"""Load a plan file: YAML with positions → typed `Plan`, or every problem at once."""

from __future__ import annotations

from pathlib import Path

from kehoach.plan.model import Plan
from kehoach.source import yamlsource
from kehoach.source.validation import validate
from kehoach.source.yamlsource import Source


def load_plan(path: str | Path) -> Plan:
    """Read and validate the plan at `path`; raise `PlanError` listing every problem."""
    path = Path(path)
    source = yamlsource.load(yamlsource.read_text(path), str(path))
    return plan_from_source(source)


def plan_from_source(source: Source) -> Plan:
    """Validate already-parsed YAML as a plan."""
    return validate(source, Plan, "kế hoạch")


def yaml_files(folder: Path) -> list[Path]:
    """Every `*.yaml` under `folder`, hidden ones left out (the drafts `derive --update`
    merges from live in dot-files beside the unit plans; they are not plans to show)."""
    return [
        path
        for path in sorted(folder.rglob("*.yaml"))
        if not any(part.startswith(".") for part in path.relative_to(folder).parts)
    ]
