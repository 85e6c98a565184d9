"""Drafting many units' plans: each unit's YAML (with review comments) and DOCX, in one
process for a district, across both cores for a large batch."""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from kehoach.derive.base import base_path, stamped
from kehoach.derive.derivation import Derivation, Derived
from kehoach.document.render import Renderer
from kehoach.errors import KehoachError, Problem
from kehoach.plan import yamlwrite
from kehoach.plan.comments import REVIEW
from kehoach.plan.model import Plan
from kehoach.plan.review import notes_last
from kehoach.plan.units import LoadedRegistry
from kehoach.safewrite import Batch
from kehoach.system import processes

# Units from which a batch uses both cores: below, starting the workers costs more than
# they save. Forked workers start at once (0.03 s); spawned ones start Python and load the
# batch (two: 2.4 s on a loaded machine where a unit took 50 ms, even at about 100 units).
PARALLEL_FROM = 40
PARALLEL_FROM_SPAWNED = 200


@dataclass(frozen=True)
class Written:
    """What drafting one unit wrote, and what to tell the clerk about it."""

    unit: str
    review: int
    explained: list[str]
    files: list[tuple[Path, Path]] = field(default_factory=list)  # (temporary, target)
    problems: list[Problem] = field(default_factory=list)
    marks: list[tuple[str, str]] = field(default_factory=list)  # (element id, why to review)


def draft_yaml(derived: Derived) -> str:
    """The derived plan as YAML, with `# XEM LẠI: …` above each element to review."""
    plan = derived.plan
    data = notes_last(plan.model_dump(mode="json", exclude_none=True, exclude_defaults=True))
    comments = {key: [f"{REVIEW}: {r}" for r in reasons] for key, reasons in derived.review.items()}
    count = sum(len(r) for r in derived.review.values())
    origin = plan.goc.id if plan.goc else ""  # a derived plan always names its origin
    header = [
        f"Kế hoạch của {' '.join(plan.van_ban.co_quan.split())}, soạn tự động từ kế hoạch "
        f"{origin}",
        "bằng `kehoach derive`. Văn bản cấp trên giữ nguyên, trừ tên các cơ quan thực hiện.",
        f"Còn {count} chỗ cần xem lại: tìm '{REVIEW}' trong tệp này.",
        "",
    ]
    text = yamlwrite.dump(data, comments, header)
    checked(data, f"{derived.unit.id}.yaml")
    return text


def checked(data: dict[str, Any], name: str) -> None:
    """What derive writes must load as a plan, or it is not written at all. The data is
    validated, not the text re-parsed: `yamlwrite` reads back exactly by construction (a
    property test holds it to that), and re-parsing cost more than drafting the unit."""
    try:
        Plan.model_validate(data)
    except ValidationError as exc:
        raise KehoachError(
            [Problem(name, f"bản YAML soạn ra không phải kế hoạch hợp lệ (lỗi của kehoach): {exc}")]
        ) from None


def explain(derived: Derived) -> list[str]:
    """Every change from the upper text: element, rule, before, after; then the review list."""
    lines = [f"== {derived.unit.id}"]
    for change in derived.changes:
        lines.append(
            f"{change.element} [{change.rule}]\n  trước: {change.before}\n"
            f"  sau:   {change.after or '(bỏ)'}"
        )
    for element, reasons in derived.review.items():
        lines += [f"{element} [xem lại] {reason}" for reason in reasons]
    return lines


@dataclass(frozen=True)
class Targets:
    yaml_dir: Path
    docx_dir: Path
    explain: bool = False
    inputs: tuple[Path | None, ...] = ()  # never written over, even with --force


class Drafter:
    """Everything a unit's draft needs, loaded once per process."""

    def __init__(self, plan: Plan, registry: LoadedRegistry, template: Path) -> None:
        self.derivation = Derivation(plan, registry)
        self.registry = registry
        self.renderer = Renderer(template)
        self._given = (plan, registry, template)

    def __reduce__(self) -> tuple[type[Drafter], tuple[Plan, LoadedRegistry, Path]]:
        """A spawned worker gets what the drafter was made of and loads it again (the
        compiled template cannot be pickled); a forked one inherits it as it is."""
        return (Drafter, self._given)

    def explain_only(self, unit_id: str) -> Written:
        """The unit's changes and places to review, its draft checked, nothing written:
        `derive --explain` is a dry run."""
        try:
            derived = self.derivation.derive(self.registry.unit(unit_id))
            draft_yaml(derived)
        except KehoachError as error:
            return Written(unit_id, 0, [], problems=error.problems)
        marks = [(element, reason) for element, why in derived.review.items() for reason in why]
        return Written(unit_id, len(marks), explain(derived), marks=marks)

    def write(self, unit_id: str, targets: Targets) -> Written:
        """Derive and check the unit's YAML and DOCX, then write them to temporaries that
        the batch renames only when every unit is good."""
        try:
            derived = self.derivation.derive(self.registry.unit(unit_id))
            text = draft_yaml(derived)
            docx = self.renderer.render(derived.plan)
        except KehoachError as error:
            return Written(unit_id, 0, [], problems=error.problems)
        batch = Batch(targets.inputs)
        try:
            target = targets.yaml_dir / f"{unit_id}.yaml"
            batch.write(target, text.encode("utf-8"))
            base = stamped(text, self.derivation.parent, unit_id)
            batch.write(base_path(target), base.encode("utf-8"))
            batch.write(targets.docx_dir / f"{unit_id}.docx", docx)
        except BaseException:
            batch.discard()
            raise
        marks = [(element, reason) for element, why in derived.review.items() for reason in why]
        explained = explain(derived) if targets.explain else []
        return Written(unit_id, len(marks), explained, batch.handover(), marks=marks)


# The batch's drafter and targets in a worker process, given once when it starts.
_worker: tuple[Drafter, Targets] | None = None


def _start_worker(drafter: Drafter, targets: Targets) -> None:
    global _worker
    _worker = (drafter, targets)


def _write_in_worker(unit_id: str) -> Written:
    assert _worker is not None
    drafter, targets = _worker
    return drafter.write(unit_id, targets)


def write_all(
    drafter: Drafter, unit_ids: list[str], targets: Targets, parallel: bool = True
) -> Iterator[Written]:
    """Draft every unit, in order, then put all their files in place at once; one bad unit
    (every bad one is reported) and nothing is written. `parallel=False` for a threaded
    caller (the web server), which must not start processes."""
    batch = Batch(targets.inputs)
    problems: list[Problem] = []
    try:
        for written in _draft_all(drafter, unit_ids, targets, parallel):
            batch.adopt(written.files)
            problems += written.problems
            yield written
        if problems:
            raise KehoachError(problems)
        batch.commit()
    finally:
        batch.discard()


def explain_all(drafter: Drafter, unit_ids: list[str]) -> list[Written]:
    """Every unit's changes and places to review, nothing written (`derive --explain`)."""
    _check_all(drafter, unit_ids)
    done = [drafter.explain_only(unit_id) for unit_id in unit_ids]
    problems = [problem for written in done for problem in written.problems]
    if problems:
        raise KehoachError(problems)
    return done


def _check_all(drafter: Drafter, unit_ids: list[str]) -> None:
    """Every unit checked before any is drafted; all refusals at once."""
    refused: list[Problem] = []
    for unit_id in unit_ids:
        try:
            drafter.derivation.check(drafter.registry.unit(unit_id))
        except KehoachError as error:
            refused += error.problems
    if refused:
        raise KehoachError(refused)


def _draft_all(
    drafter: Drafter, unit_ids: list[str], targets: Targets, parallel: bool
) -> Iterator[Written]:
    """Every unit's draft, in order; a large batch uses both cores."""
    _check_all(drafter, unit_ids)
    workers = min(os.cpu_count() or 1, 2)
    context = processes.pool_context()
    least = PARALLEL_FROM if processes.inherits(context) else PARALLEL_FROM_SPAWNED
    if not parallel or len(unit_ids) < least or workers < 2:
        for unit_id in unit_ids:
            yield drafter.write(unit_id, targets)
        return
    with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                             initializer=_start_worker, initargs=(drafter, targets)) as pool:
        yield from pool.map(_write_in_worker, unit_ids, chunksize=8)
