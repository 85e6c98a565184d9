"""`validate`: plan files (and units lists) checked against their format, every problem of
every file at once; a plan's units list is checked with it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kehoach.errors import KehoachError, Problem
from kehoach.stages.inputs import existing_file
from kehoach.stages.outcome import Outcome

if TYPE_CHECKING:
    from kehoach.source.yamlsource import Source


@dataclass(frozen=True)
class ValidFile:
    """A file that holds: a units list (`units` it names) or a plan (its indicators,
    tasks, a body code the catalogue lacks, review notes still in it)."""

    path: Path
    units: int | None = None
    indicators: int = 0
    tasks: int = 0
    unknown_body: str | None = None
    review_left: int = 0


@dataclass(kw_only=True)
class Validated(Outcome):
    """The files that hold, in order; `problems` are those of the others."""

    valid: list[ValidFile] = field(default_factory=list)


def validate(paths: Sequence[Path]) -> Validated:
    from kehoach.plan.loader import plan_from_source
    from kehoach.plan.review import notes
    from kehoach.plan.units import Registry, is_registry
    from kehoach.source import yamlsource
    from kehoach.source.validation import validate as checked

    done = Validated()
    for path in paths:
        try:
            text = yamlsource.read_text(existing_file(path))
            source = yamlsource.load(text, str(path), keep_going=True)
        except KehoachError as error:  # unreadable, or a syntax error: nothing more to read
            done.problems += error.problems
            continue
        try:
            if is_registry(source.data):
                registry = checked(source, Registry, "danh sách đơn vị")
                done.valid.append(ValidFile(path, units=len(registry.don_vi)))
                continue
            plan = plan_from_source(source)
        except KehoachError as error:  # the plan's problems and its units list's together
            done.problems += error.problems + _named_registry(path, source, paths)
            continue
        unreadable = _named_registry(path, source, paths)
        if unreadable:
            done.problems += unreadable
            continue
        head = plan.van_ban
        done.valid.append(ValidFile(
            path,
            indicators=len(plan.indicators()),
            tasks=len(plan.nhiem_vu_giai_phap.muc) if plan.nhiem_vu_giai_phap else 0,
            unknown_body=None if head.known_body else head.ma_co_quan,
            review_left=len(list(notes(plan))),
        ))
    return done


def _named_registry(path: Path, source: Source, given: Sequence[Path]) -> list[Problem]:
    """The problems of the units file the plan names (`danh_sach_don_vi`), read from the
    plan's data so they come with the plan's own: a plan whose list is missing or broken
    is not ready for derive or forms. A list also given to be validated is checked there,
    once."""
    from kehoach.plan.units import load_registry

    named = source.data.get("danh_sach_don_vi") if isinstance(source.data, dict) else None
    if not isinstance(named, str) or not named.strip():
        return []
    units = path.parent / named
    if units.resolve() in {p.resolve() for p in given}:
        return []
    if not units.is_file():
        message = (
            f"danh sách đơn vị {units} là một thư mục, cần một tệp"
            if units.is_dir()
            else f"không có tệp danh sách đơn vị {units}"
        )
        return [source.problem(("danh_sach_don_vi",), message)]
    try:
        load_registry(units)
    except KehoachError as error:
        return error.problems
    return []
