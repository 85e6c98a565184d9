"""`derive --update`: bring units' plans up to date with a changed upper plan without
losing the clerk's edits. Each unit's plan is merged (see `merge.py`) from the draft
derive first wrote (kept beside it, verified by `base.py` before it is trusted), a fresh
draft of the new upper plan and the plan as edited; without a base (`--no-base`), every
difference is marked for review. Then its YAML (the previous one kept as a numbered
`.bak`, never written over), DOCX and base are all written at once for every unit, or
nothing is. Every comment of the clerk's file is written again."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kehoach.derive.base import base_path, read_base, stamped
from kehoach.derive.batch import checked, draft_yaml
from kehoach.derive.derivation import Derivation
from kehoach.derive.merge import PATHS, Merged, merge
from kehoach.document.render import Renderer
from kehoach.errors import KehoachError, Problem
from kehoach.plan import yamlwrite
from kehoach.plan.comments import REVIEW, by_element, every_comment, note_mark
from kehoach.plan.loader import load_plan
from kehoach.plan.model import Plan
from kehoach.plan.review import notes_last
from kehoach.plan.units import LoadedRegistry
from kehoach.plan.walk import walk
from kehoach.safewrite import Batch
from kehoach.source import yamlsource

NO_PLAN = "chưa có kế hoạch của đơn vị này: soạn trước bằng derive --unit {unit} (không --update)"
GONE = "Chú thích của phần tử {key}, không còn trong kế hoạch sau khi cập nhật:"


def backup_path(plan_path: Path) -> Path:
    """Where the unit's plan as it was before this update goes: `hoa-an.yaml.bak`, else
    the first free `hoa-an.yaml.2.bak`, `.3.bak` …: an earlier backup is never written
    over (build skips them all)."""
    found = plan_path.with_name(plan_path.name + ".bak")
    number = 1
    while found.exists():
        number += 1
        found = plan_path.with_name(f"{plan_path.name}.{number}.bak")
    return found


@dataclass(frozen=True)
class Updated:
    """One unit's merge: how many elements took each path, and how many await review."""

    unit: str
    path: Path
    counts: Counter[str]
    review: int
    backup: Path


def summary(updated: Updated) -> str:
    """`hoa-an.yaml: 300 không đổi, 2 theo cấp trên, …`: the paths elements took."""
    parts = [f"{updated.counts[k]} {label}" for k, label in PATHS.items() if updated.counts[k]]
    return f"{updated.path}: {', '.join(parts)} (bản trước: {updated.backup.name})"


def update_all(
    parent: Plan,
    registry: LoadedRegistry,
    template: Path,
    units: list[str],
    dirs: tuple[Path, Path],
    inputs: tuple[Path | None, ...],
    blind: bool = False,
) -> list[Updated]:
    """Merge every unit's plan (`blind`: without its base); every problem of every unit
    is reported, and nothing is written unless all of them merge."""
    yaml_dir, docx_dir = dirs
    _check_ready([yaml_dir / f"{unit}.yaml" for unit in units], units)
    derivation = Derivation(parent, registry)
    renderer = Renderer(template)
    problems: list[Problem] = []
    done: list[Updated] = []
    with Batch(inputs) as batch:
        for unit in units:
            path = yaml_dir / f"{unit}.yaml"
            try:
                derived = derivation.derive(registry.unit(unit))
                fresh = draft_yaml(derived)
                edited = load_plan(path)
                base = None if blind else read_base(path, parent, unit, edited)
                merged = merge(base, edited, derived.plan, str(path))
                text = merged_yaml(merged, unit, clerk_comments(path, edited))
                docx = renderer.render(merged.plan)
            except KehoachError as error:
                problems += error.problems
                continue
            backup = backup_path(path)
            batch.write(backup, path.read_bytes())
            batch.write(path, text.encode("utf-8"))
            batch.write(base_path(path), stamped(fresh, parent, unit).encode("utf-8"))
            batch.write(docx_dir / f"{unit}.docx", docx)
            done.append(Updated(unit, path, merged.counts, merged.review, backup))
        if problems:
            raise KehoachError(problems)  # the batch is discarded: nothing is written
    return done


def _check_ready(paths: list[Path], units: list[str]) -> None:
    """Every unit must have its plan (its base is verified as the unit is merged)."""
    problems = [Problem(str(path), NO_PLAN.format(unit=unit))
                for path, unit in zip(paths, units, strict=True) if not path.is_file()]
    if problems:
        raise KehoachError(problems)


@dataclass(frozen=True)
class Kept:
    """The clerk's comments: by element (as `yamlwrite.dump` places them), and those
    after the file's last value."""

    lines: dict[str, list[str]]
    end: list[str]


def clerk_comments(path: Path, plan: Plan) -> Kept:
    """The clerk's own comments in the unit's plan, to be written again: all but the
    file's header and the marks its notes make; a comment at the end of a line goes on a
    line of its own above the element."""
    text = yamlsource.read_text(path)
    found, end = every_comment(text, str(path))
    keyed = by_element(yamlsource.load(text, str(path)).data, found)
    made = _note_lines(plan)
    lines = {key: [c for c in found if c not in made.get(key, [])] for key, found in keyed.items()}
    return Kept(lines, end)


def _note_lines(plan: Plan) -> dict[str, list[str]]:
    """`XEM LẠI: …` lines for every element with a note, keyed as `yamlwrite.dump` wants."""
    lines: dict[str, list[str]] = {}
    elements = [(n.id, n.element) for n in walk(plan)]
    for key, element in [("van_ban", plan.van_ban), ("chu_ky", plan.chu_ky), *elements]:
        for note in getattr(element, "xem_lai", None) or []:
            lines.setdefault(key, []).append(note_mark(note.ly_do, note.cum))
    return lines


def merged_yaml(merged: Merged, unit: str, kept: Kept) -> str:
    """The merged plan as YAML: the clerk's comments `kept` where they were (those of an
    element the merge took out at the end, under its id), and `# XEM LẠI: …` above every
    element with a note."""
    plan = merged.plan
    data = notes_last(plan.model_dump(mode="json", exclude_none=True, exclude_defaults=True))
    marks = _note_lines(plan)
    here = {*data, *(node.id for node in walk(plan))}
    comments = {key: kept.lines.get(key, []) + marks.get(key, [])
                for key in ({*kept.lines, *marks} & here) - {""}}
    count = sum(len(lines) for lines in marks.values())
    count += sum(c.startswith(REVIEW) for lines in kept.lines.values() for c in lines)
    origin = plan.goc.id if plan.goc else ""
    header = [
        f"Kế hoạch của {' '.join(plan.van_ban.co_quan.split())}, soạn tự động từ kế hoạch {origin}",
        "bằng `kehoach derive`, cập nhật theo kế hoạch cấp trên bằng `kehoach derive --update`",
        f"(các bản trước: {unit}.yaml.bak, {unit}.yaml.2.bak …). Còn {count} chỗ cần xem lại: "
        f"tìm '{REVIEW}' trong tệp này.",
        "",
        *kept.lines.get("", []),  # the clerk's own lines under the header stay there
    ]
    text = yamlwrite.dump(data, comments, header)
    gone = [line for key in sorted(set(kept.lines) - here - {""})
            for line in [GONE.format(key=key), *kept.lines[key]]]
    text += "".join(f"# {line}\n" if line else "#\n" for line in [*gone, *kept.end])
    checked(data, f"{unit}.yaml")
    return text
