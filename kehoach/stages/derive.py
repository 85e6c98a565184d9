"""`derive`: the units' plans drafted from the plan above them; with a values sheet, their
indicator values taken from it (a unit plan already there: only its values change). Also
the blank values sheet, and the units a plan's list names. `update` is in `update.py`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kehoach.errors import KehoachError
from kehoach.plan import history
from kehoach.stages.inputs import existing_file, units_list
from kehoach.stages.outcome import Outcome, Progress

if TYPE_CHECKING:
    from kehoach.plan.edit import PlanFile
    from kehoach.plan.model import Plan
    from kehoach.plan.units import LoadedRegistry, Unit


class UnitPlansExist(KehoachError):
    """Unit plans already there (a clerk may have edited them): not drafted over unless
    forced. `existing` lets a caller name them in its own words."""

    def __init__(self, existing: list[Path]) -> None:
        self.existing = existing
        super().__init__(
            "không ghi đè kế hoạch đơn vị đã có (có thể đã được sửa tay): "
            + ", ".join(str(path) for path in existing)
            + " — dùng --force nếu muốn soạn lại"
        )


@dataclass(frozen=True)
class Upper:
    """The plan above, read and checked, with its units list."""

    path: Path
    plan: Plan
    units_file: Path
    registry: LoadedRegistry


def upper(plan: Path, units_file: Path | None) -> Upper:
    from kehoach.plan.loader import load_plan

    parent = load_plan(existing_file(plan))
    path, registry = units_list(plan, parent, units_file)
    return Upper(plan, parent, path, registry)


def chosen(registry: LoadedRegistry, unit_ids: Sequence[str], all_units: bool) -> list[str]:
    """The units asked for: by id (each once), or all of the list's."""
    if bool(unit_ids) == all_units:
        raise KehoachError("chọn đơn vị bằng --unit MÃ hoặc --all (một trong hai)")
    if all_units:
        return [u.id for u in registry.registry.don_vi]
    return list(dict.fromkeys(registry.unit(u).id for u in unit_ids))


def folders(plan: Path, yaml_dir: Path | None, docx_dir: Path | None) -> tuple[Path, Path]:
    """Where unit plans go: YAML beside the plan above (in a folder named after it), DOCX
    under output/, unless told otherwise."""
    return yaml_dir or plan.parent / plan.stem, docx_dir or Path("output") / plan.stem


def units_of(plan: Path) -> list[Unit]:
    """The units the plan's list names; none when it names no list."""
    from kehoach.plan.loader import load_plan
    from kehoach.stages.inputs import NoUnitsList

    try:
        return list(units_list(plan, load_plan(existing_file(plan)), None)[1].registry.don_vi)
    except NoUnitsList:
        return []


@dataclass(frozen=True)
class UnitDraft:
    """One unit's new plan: its files, the places to review (element id, why) and, when
    asked, every change from the upper text."""

    unit: str
    plan: Path
    document: Path
    marks: list[tuple[str, str]]
    explained: list[str]


@dataclass(frozen=True)
class ValuesEdit:
    """A unit plan already there whose indicator values the sheet changed, in place."""

    unit: str
    plan: Path
    document: Path
    count: int


@dataclass(kw_only=True)
class Drafted(Outcome):
    """`documents` are the new drafts' only: a plan whose values changed keeps its form.
    A dry run lists each unit's changes and writes nothing."""

    yaml_dir: Path
    docx_dir: Path
    units: list[UnitDraft] = field(default_factory=list)
    edited: list[ValuesEdit] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)  # plans there, values as the sheet's
    dry_run: bool = False  # the units' changes listed, nothing written


_Edit = tuple[str, "PlanFile", int, bytes]
"""(unit, its plan edited but not saved, values changed, its DOCX rendered again)."""


def derive(
    plan: Path,
    unit_ids: Sequence[str] = (),
    *,
    all_units: bool = False,
    yaml_dir: Path | None = None,
    docx_dir: Path | None = None,
    units_file: Path | None = None,
    templates_dir: Path | None = None,
    force: bool = False,
    explain: bool = False,
    dry_run: bool = False,
    values_file: Path | None = None,
    parallel: bool = True,
    progress: Progress | None = None,
) -> Drafted:
    """Draft the units' plans (YAML with review marks, DOCX), all written or none. A unit
    plan already there is refused unless `force` (then the plan it replaces is kept in
    its history); with `values_file`, it only has its indicator values changed, saved
    once the new drafts are written. `explain` lists every change from the upper text;
    `dry_run` lists them and writes nothing (a unit plan already there is no obstacle
    then)."""
    from kehoach.system.lock import folder_lock

    up = upper(plan, units_file)
    units = chosen(up.registry, unit_ids, all_units)
    yaml_dir, docx_dir = folders(plan, yaml_dir, docx_dir)
    if dry_run:
        return _explained(up, units, values_file, yaml_dir, docx_dir, templates_dir)
    # One writer of the units' folder from the look at what is there to the last write.
    with folder_lock(yaml_dir):
        return _derive(plan, up, units, (yaml_dir, docx_dir), templates_dir, force, explain,
                       values_file, parallel, progress)


def _derive(plan: Path, up: Upper, units: list[str], dirs: tuple[Path, Path],
            templates_dir: Path | None, force: bool, explain: bool, values_file: Path | None,
            parallel: bool, progress: Progress | None) -> Drafted:
    from kehoach.document.lookup import PLAN_TEMPLATE, find_template

    yaml_dir, docx_dir = dirs
    existing = [u for u in units if (yaml_dir / f"{u}.yaml").exists()]
    template = find_template(PLAN_TEMPLATE, templates_dir)
    registry = up.registry
    kept: list[str] = []  # plans there whose values the sheet gives
    edits: list[_Edit] = []  # their new values, saved once the new drafts are written
    if values_file is not None:
        from kehoach.derive import values

        given = values.read(existing_file(values_file), up.plan, registry)
        registry = values.with_values(registry, given)
        if existing and not force:
            kept, edits = existing, _edited_values(existing, given, yaml_dir, template)
            units = [u for u in units if u not in existing]
    elif existing and not force:
        raise UnitPlansExist([yaml_dir / f"{u}.yaml" for u in existing])
    done = Drafted(yaml_dir=yaml_dir, docx_dir=docx_dir)
    redrafted = [yaml_dir / f"{u}.yaml" for u in units if u in existing]  # --force
    if units:
        drafting = _Drafting(up.plan, registry, template, (plan, up.units_file, values_file))
        with history.keeping(redrafted, "soan_lai"):  # each clerk's plan kept in its history
            drafting.write(units, done, explain, parallel, progress)
    if kept:
        _save_values(edits, kept, done)
    return done


def _explained(up: Upper, units: list[str], values_file: Path | None, yaml_dir: Path,
               docx_dir: Path, templates_dir: Path | None) -> Drafted:
    """Each unit's changes and places to review as drafting would make them (with the
    sheet's values), nothing written."""
    from kehoach.derive.batch import Drafter, explain_all
    from kehoach.document.lookup import PLAN_TEMPLATE, find_template

    registry = up.registry
    if values_file is not None:
        from kehoach.derive import values

        given = values.read(existing_file(values_file), up.plan, registry)
        registry = values.with_values(registry, given)
    drafter = Drafter(up.plan, registry, find_template(PLAN_TEMPLATE, templates_dir))
    done = Drafted(yaml_dir=yaml_dir, docx_dir=docx_dir, dry_run=True)
    for written in explain_all(drafter, units):
        done.units.append(UnitDraft(written.unit, yaml_dir / f"{written.unit}.yaml",
                                    docx_dir / f"{written.unit}.docx", written.marks,
                                    written.explained))
        done.review += written.review
    return done


@dataclass(frozen=True)
class _Drafting:
    """What drafting new units takes: the plan above, the units (with the sheet's values),
    the template, and the inputs no draft may be written over."""

    parent: Plan
    registry: LoadedRegistry
    template: Path
    inputs: tuple[Path | None, ...]

    def write(self, units: list[str], done: Drafted, explain: bool, parallel: bool,
              progress: Progress | None) -> None:
        """Draft and write `units` through derive's batch (every unit checked first, all
        files put in place together); `parallel=False` for a threaded caller (the web
        server), which must not fork."""
        from kehoach.derive.base import base_path
        from kehoach.derive.batch import Drafter, Targets, write_all

        drafter = Drafter(self.parent, self.registry, self.template)
        targets = Targets(done.yaml_dir, done.docx_dir, explain, self.inputs)
        if progress is not None:
            progress(0, len(units))
        for written in write_all(drafter, units, targets, parallel=parallel):
            yaml = done.yaml_dir / f"{written.unit}.yaml"
            docx = done.docx_dir / f"{written.unit}.docx"
            done.units.append(UnitDraft(written.unit, yaml, docx, written.marks, written.explained))
            done.review += written.review
            if progress is not None:
                progress(len(done.units), len(units))
        for draft in done.units:
            done.written += [draft.plan, base_path(draft.plan), draft.document]
        done.documents = [draft.document for draft in done.units]


def _edited_values(existing: list[str], given: dict[str, dict[str, float]], yaml_dir: Path,
                   template: Path) -> list[_Edit]:
    """Every existing plan read, its values changed and its DOCX rendered, nothing saved:
    a broken plan (or a new unit's draft failing after this) leaves all as they were."""
    from kehoach.derive.values import edit_values
    from kehoach.document.render import Renderer
    from kehoach.plan.loader import plan_from_source
    from kehoach.source import yamlsource

    renderer = Renderer(template)
    edits: list[_Edit] = []
    for unit in existing:
        plan_file, count = edit_values(yaml_dir / f"{unit}.yaml", given.get(unit, {}))
        if count:
            edited = plan_from_source(yamlsource.load(plan_file.text, plan_file.file))
            edits.append((unit, plan_file, count, renderer.render(edited)))
    return edits


def _save_values(edits: list[_Edit], kept: list[str], done: Drafted) -> None:
    """Each edited plan saved in place (only its values' lines change), its DOCX beside."""
    from kehoach.safewrite import write_atomic

    for unit, plan_file, count, docx in edits:
        target = done.docx_dir / f"{unit}.docx"
        plan_file.save("gia_tri")
        write_atomic(target, docx)
        done.edited.append(ValuesEdit(unit, plan_file.path, target, count))
        done.written += [plan_file.path, target]
    changed = {edit.unit for edit in done.edited}
    done.unchanged = [unit for unit in kept if unit not in changed]


def values_template(plan: Path, target: Path, *, units_file: Path | None = None,
                    force: bool = False, values_file: Path | None = None) -> Outcome:
    """The blank values sheet of every unit, never over an input (the filled sheet
    `values_file` included), over a sheet already there unless forced (it may hold the
    clerk's figures) nor under a name that is not a workbook's (a unit's plan typed by
    mistake)."""
    from kehoach.derive import values
    from kehoach.safewrite import write_atomic

    up = upper(plan, units_file)
    inputs = (plan, up.units_file, values_file)
    if target.suffix.lower() != ".xlsx":
        raise KehoachError(f"{target}: bảng giá trị là tệp Excel, tên phải có đuôi .xlsx")
    an_input = target.resolve() in {path.resolve() for path in inputs if path is not None}
    if target.exists() and not force and not an_input:  # an input: write_atomic says so
        raise KehoachError(
            f"{target}: đã có bảng giá trị (có thể đã điền số liệu); không ghi đè bằng bảng "
            "trống — chọn tên khác, hoặc dùng --force nếu muốn ghi lại"
        )
    write_atomic(target, values.template(up.plan, up.registry), inputs)
    return Outcome(written=[target])
