"""`derive --update`: bring units' plans up to date with a changed upper plan without
losing the clerk's edits. Each unit's plan is merged (see `merge.py`) from the draft
derive first wrote (kept beside it), a fresh draft of the new upper plan and the plan
as edited; then its YAML (the previous one kept as `.bak`), DOCX and base are all
written at once for every unit, or nothing is."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kehoach.derive.batch import base_path, checked, draft_yaml
from kehoach.derive.derivation import Derivation
from kehoach.derive.merge import PATHS, Merged, merge
from kehoach.document.render import Renderer
from kehoach.errors import KehoachError, Problem
from kehoach.plan import yamlwrite
from kehoach.plan.comments import REVIEW, by_element, comments, note_mark
from kehoach.plan.loader import load_plan
from kehoach.plan.model import Plan
from kehoach.plan.review import notes_last
from kehoach.plan.units import LoadedRegistry
from kehoach.plan.walk import walk
from kehoach.safewrite import Batch
from kehoach.source import yamlsource

NO_BASE = (
    "kế hoạch này được soạn trước khi derive lưu bản gốc ({base}) nên không gộp được với "
    "kế hoạch cấp trên mới; không ghi gì. Muốn soạn lại từ đầu thì dùng --force (mất các "
    "chỗ đã sửa), hoặc giữ nguyên kế hoạch như hiện có"
)
NO_PLAN = "chưa có kế hoạch của đơn vị này: soạn trước bằng derive --unit {unit} (không --update)"


def backup_path(plan_path: Path) -> Path:
    """The unit's plan as it was before the update: `hoa-an.yaml.bak`, which build skips."""
    return plan_path.with_name(plan_path.name + ".bak")


@dataclass(frozen=True)
class Updated:
    """One unit's merge: how many elements took each path, and how many await review."""

    unit: str
    path: Path
    counts: Counter[str]
    review: int


def summary(updated: Updated) -> str:
    """`hoa-an.yaml: 300 không đổi, 2 theo cấp trên, …`: the paths elements took."""
    parts = [f"{updated.counts[k]} {label}" for k, label in PATHS.items() if updated.counts[k]]
    return f"{updated.path}: {', '.join(parts)}"


def update_all(
    parent: Plan,
    registry: LoadedRegistry,
    template: Path,
    units: list[str],
    dirs: tuple[Path, Path],
    inputs: tuple[Path | None, ...],
) -> list[Updated]:
    """Merge every unit's plan; every problem of every unit is reported, and nothing is
    written unless all of them merge."""
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
                merged = merge(load_plan(base_path(path)), edited, derived.plan, str(path))
                text = merged_yaml(merged, unit, clerk_comments(path, edited))
                docx = renderer.render(merged.plan)
            except KehoachError as error:
                problems += error.problems
                continue
            batch.write(backup_path(path), path.read_bytes())
            batch.write(path, text.encode("utf-8"))
            batch.write(base_path(path), fresh.encode("utf-8"))
            batch.write(docx_dir / f"{unit}.docx", docx)
            done.append(Updated(unit, path, merged.counts, merged.review))
        if problems:
            raise KehoachError(problems)  # the batch is discarded: nothing is written
    return done


def _check_ready(paths: list[Path], units: list[str]) -> None:
    """Every unit must have its plan and the base derive stored beside it."""
    problems = []
    for path, unit in zip(paths, units, strict=True):
        if not path.is_file():
            problems.append(Problem(str(path), NO_PLAN.format(unit=unit)))
        elif not base_path(path).is_file():
            problems.append(Problem(str(path), NO_BASE.format(base=base_path(path).name)))
    if problems:
        raise KehoachError(problems)


def clerk_comments(path: Path, plan: Plan) -> dict[str, list[str]]:
    """The clerk's own comment lines in the unit's plan, by element, to be written again
    above the same elements: all but the file's header and the marks its notes make."""
    text = path.read_text(encoding="utf-8-sig")
    found = by_element(yamlsource.load(text, str(path)).data, comments(text, str(path)))
    made = _note_lines(plan)
    return {key: [c for c in lines if c not in made.get(key, [])] for key, lines in found.items()}


def _note_lines(plan: Plan) -> dict[str, list[str]]:
    """`XEM LẠI: …` lines for every element with a note, keyed as `yamlwrite.dump` wants."""
    lines: dict[str, list[str]] = {}
    elements = [(n.id, n.element) for n in walk(plan)]
    for key, element in [("van_ban", plan.van_ban), ("chu_ky", plan.chu_ky), *elements]:
        for note in getattr(element, "xem_lai", None) or []:
            lines.setdefault(key, []).append(note_mark(note.ly_do, note.cum))
    return lines


def merged_yaml(merged: Merged, unit: str, kept: dict[str, list[str]]) -> str:
    """The merged plan as YAML: the clerk's comment lines `kept` where they were, and
    `# XEM LẠI: …` above every element with a note."""
    plan = merged.plan
    data = notes_last(plan.model_dump(mode="json", exclude_none=True, exclude_defaults=True))
    marks = _note_lines(plan)
    comments = {key: kept.get(key, []) + marks.get(key, []) for key in {*kept, *marks} - {""}}
    count = sum(len(lines) for lines in marks.values())
    count += sum(c.startswith(REVIEW) for lines in kept.values() for c in lines)
    origin = plan.goc.id if plan.goc else ""
    header = [
        f"Kế hoạch của {' '.join(plan.van_ban.co_quan.split())}, soạn tự động từ kế hoạch {origin}",
        "bằng `kehoach derive`, cập nhật theo kế hoạch cấp trên bằng `kehoach derive --update`",
        f"(bản trước: {unit}.yaml.bak). Còn {count} chỗ cần xem lại: tìm '{REVIEW}' trong tệp này.",
        "",
        *kept.get("", []),  # the clerk's own lines under the header stay there
    ]
    text = yamlwrite.dump(data, comments, header)
    checked(data, f"{unit}.yaml")
    return text
