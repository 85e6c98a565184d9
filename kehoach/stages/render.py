"""`render` and `build`: plans into their Kế hoạch DOCX."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kehoach.errors import KehoachError
from kehoach.stages.inputs import existing_file
from kehoach.stages.outcome import Outcome

if TYPE_CHECKING:
    from kehoach.document.render import Renderer
    from kehoach.safewrite import Batch


def _render_one(renderer: Renderer, plan_path: Path, target: Path, batch: Batch) -> None:
    from kehoach.plan.loader import load_plan

    plan = load_plan(plan_path)
    batch.write(target, renderer.render(plan))


def render(plan: Path, out_dir: Path, templates_dir: Path | None = None) -> Outcome:
    """The plan's DOCX, `out_dir/<name of the plan>.docx`."""
    from kehoach.document.lookup import PLAN_TEMPLATE
    from kehoach.document.render import renderer_for
    from kehoach.safewrite import Batch

    renderer = renderer_for(PLAN_TEMPLATE, templates_dir)
    target = out_dir / f"{plan.stem}.docx"
    with Batch([plan]) as batch:
        _render_one(renderer, existing_file(plan), target, batch)
    return Outcome(written=[target], documents=[target])


@dataclass(frozen=True)
class PlanFiles:
    """The plans of a folder, and the units lists found beside them (not plans)."""

    folder: Path
    plans: list[Path] = field(default_factory=list)
    registries: list[Path] = field(default_factory=list)


def plans_in(folder: Path) -> PlanFiles:
    """Every YAML file under `folder` (hidden ones left out), plans apart from units lists.
    A file that does not read is counted a plan: rendering it reports why."""
    from kehoach.plan.loader import yaml_files
    from kehoach.plan.units import is_registry
    from kehoach.source import yamlsource

    if not folder.is_dir():
        raise KehoachError(f"không có thư mục {folder}")
    found = PlanFiles(folder)
    for path in yaml_files(folder):
        try:
            data = yamlsource.load(yamlsource.read_text(path), str(path)).data
        except KehoachError:
            data = None
        (found.registries if is_registry(data) else found.plans).append(path)
    return found


def build(found: PlanFiles, out_dir: Path, templates_dir: Path | None = None) -> Outcome:
    """Every plan of `found` into `out_dir`, keeping the folders; a plan that fails does not
    stop the others: its problems come back with the outcome, the rest is written."""
    from kehoach.document.lookup import PLAN_TEMPLATE
    from kehoach.document.render import renderer_for
    from kehoach.safewrite import Batch

    if not found.plans:
        raise KehoachError(f"không có tệp kế hoạch (*.yaml) nào trong {found.folder}")
    renderer = renderer_for(PLAN_TEMPLATE, templates_dir)
    done = Outcome()
    with Batch(found.plans) as batch:
        for plan in found.plans:
            target = out_dir / plan.relative_to(found.folder).with_suffix(".docx")
            try:
                _render_one(renderer, plan, target, batch)
            except KehoachError as error:
                done.problems += error.problems
            else:
                done.written.append(target)
    done.documents = list(done.written)
    return done
