"""Load a plan file: YAML with positions → typed `Plan`, or every problem at once."""

from __future__ import annotations

from pathlib import Path

from kehoach.errors import PlanError, Problem
from kehoach.plan.model import Plan
from kehoach.source import yamlsource
from kehoach.source.validation import validate
from kehoach.source.yamlsource import Source

PLAN_SUFFIXES = (".yaml", ".yml")


def load_plan(path: str | Path) -> Plan:
    """Read and validate the plan at `path`; raise `PlanError` listing every problem."""
    path = Path(path)
    named = path.suffix.lower() in PLAN_SUFFIXES
    try:
        source = yamlsource.load(yamlsource.read_text(path), str(path), keep_going=True)
    except PlanError:
        if named:
            raise
        source = None
    if not named and (source is None or not isinstance(source.data, dict)):
        # a README's ': ' is no plan's mistake to explain (Notepad's `.yaml.txt` still reads)
        message = (
            "không phải tệp kế hoạch (kế hoạch là tệp YAML, đuôi .yaml); muốn lấy một văn "
            "bản DOCX hay TXT làm kế hoạch thì dùng kehoach import"
        )
        raise PlanError([Problem(str(path), message)]) from None
    assert source is not None
    return plan_from_source(source)


def plan_from_text(text: str, file: str) -> Plan:
    """`text` (the content of `file`) as a plan; every problem of its values, its format
    and its cross-field rules at once (only a syntax error stops the reading first)."""
    return plan_from_source(yamlsource.load(text, file, keep_going=True))


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
