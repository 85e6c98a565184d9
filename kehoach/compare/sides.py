"""A side of the comparison: a plan YAML as it is, a DOCX or text imported first."""

from __future__ import annotations

from pathlib import Path

from kehoach.commands.common import existing_file
from kehoach.plan.model import Plan

IMPORTED = {".docx", ".txt"}


def is_imported(path: Path) -> bool:
    return path.suffix.lower() in IMPORTED


def load_side(path: Path) -> Plan:
    """The plan of `path`; a DOCX or TXT goes through `kehoach import` (in memory)."""
    from kehoach.plan.loader import load_plan, plan_from_source

    existing_file(path)
    if not is_imported(path):
        return load_plan(path)
    from kehoach.importer.parse import parse
    from kehoach.importer.sources import read_source
    from kehoach.plan import yamlwrite
    from kehoach.source import yamlsource

    imported = parse(read_source(path), path)
    return plan_from_source(yamlsource.load(yamlwrite.dump(imported.data), str(path)))
