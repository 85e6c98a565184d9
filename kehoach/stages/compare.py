"""`compare`: what changed between two drafts, by element id; optionally the new draft as a
Word document with the changes as tracked revisions. A side given as DOCX or text is
imported first, in memory."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kehoach.stages.inputs import existing_file, named_as, readable_document
from kehoach.stages.outcome import Outcome

if TYPE_CHECKING:
    from kehoach.compare.changes import Comparison
    from kehoach.plan.model import Plan

IMPORTED = {".docx", ".txt"}


def is_imported(path: Path) -> bool:
    return path.suffix.lower() in IMPORTED


def load_side(path: Path) -> Plan:
    """The plan of `path`; a DOCX or TXT goes through `import` (in memory)."""
    from kehoach.plan.loader import load_plan, plan_from_source

    existing_file(path)
    if not is_imported(path):
        return load_plan(path)
    from kehoach.importer.parse import parse
    from kehoach.importer.sources import read_source
    from kehoach.plan import yamlwrite
    from kehoach.source import yamlsource

    imported = parse(read_source(readable_document(path)), path)
    return plan_from_source(yamlsource.load(yamlwrite.dump(imported.data), str(path)))


@dataclass(kw_only=True)
class Compared(Outcome):
    """The pairings and changes, and the two plans compared (a page names their elements
    by what they print); `written` holds the tracked DOCX when one was asked for."""

    comparison: Comparison
    old: Plan
    new: Plan


def compare(old: Path, new: Path, *, docx: Path | None = None,
            templates_dir: Path | None = None) -> Compared:
    """The changes from `old` to `new`; with `docx`, the new side written there with the
    changes as Word revisions."""
    from kehoach.compare.changes import compare as compare_plans

    if docx is not None:
        named_as(docx, (".docx",), "văn bản Word", (old, new))
    old_plan, new_plan = load_side(old), load_side(new)
    result = compare_plans(old_plan, new_plan, pair_by_text=is_imported(old) or is_imported(new))
    done = Compared(comparison=result, old=old_plan, new=new_plan)
    if docx is not None:
        _write_tracked(old_plan, new_plan, result, docx, templates_dir, (old, new))
        done.written.append(docx)
    return done


def _write_tracked(old_plan: Plan, new_plan: Plan, result: Comparison, target: Path,
                   templates_dir: Path | None, inputs: tuple[Path, ...]) -> None:
    """Render both sides with one renderer and write NEW with the revisions, atomically."""
    from kehoach.compare.runs import Marks
    from kehoach.compare.tracked import tracked
    from kehoach.document.lookup import PLAN_TEMPLATE
    from kehoach.document.render import renderer_for
    from kehoach.safewrite import write_atomic

    renderer = renderer_for(PLAN_TEMPLATE, templates_dir)
    old_docx, new_docx = renderer.render(old_plan), renderer.render(new_plan)
    header = new_plan.van_ban
    marks = Marks(" ".join(header.co_quan.split()), header.day)
    data = tracked(old_docx, new_docx, old_plan, new_plan, marks, result.mapping)
    write_atomic(target, data, inputs)
