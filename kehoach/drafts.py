"""Drafting many units' plans: each unit's YAML (with review comments) and DOCX, in one
process for a district, across both cores for a large batch."""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from kehoach import yamlwrite
from kehoach.derive import Change, Derived, derive
from kehoach.loader import load_plan
from kehoach.model import Plan
from kehoach.render import Renderer
from kehoach.units import LoadedRegistry, load_registry

PARALLEL_FROM = 40  # units; below this, starting a second process costs more than it saves
REVIEW = "XEM LẠI"


@dataclass(frozen=True)
class Draft:
    unit: str
    yaml: str
    docx: bytes
    changes: list[Change]
    review: dict[str, list[str]]


def draft_yaml(derived: Derived) -> str:
    """The derived plan as YAML, with `# XEM LẠI: …` above each element to review."""
    plan = derived.plan
    data = plan.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    comments = {key: [f"{REVIEW}: {r}" for r in reasons] for key, reasons in derived.review.items()}
    count = sum(len(r) for r in derived.review.values())
    header = [
        f"Kế hoạch của {' '.join(plan.van_ban.co_quan.split())}, soạn tự động từ kế hoạch "
        f"{plan.goc.id}",
        "bằng `kehoach derive`. Văn bản cấp trên giữ nguyên, trừ tên các cơ quan thực hiện.",
        f"Còn {count} chỗ cần xem lại: tìm '{REVIEW}' trong tệp này.",
        "",
    ]
    return yamlwrite.dump(data, comments, header)


class Drafter:
    """Everything a unit's draft needs, loaded once per process."""

    def __init__(self, plan: Plan, registry: LoadedRegistry, template: Path) -> None:
        self.plan = plan
        self.registry = registry
        self.renderer = Renderer(template)

    def draft(self, unit_id: str) -> Draft:
        derived = derive(self.plan, self.registry, self.registry.unit(unit_id))
        return Draft(
            unit_id,
            draft_yaml(derived),
            self.renderer.render(derived.plan),
            derived.changes,
            derived.review,
        )


_worker: Drafter | None = None


def _start_worker(plan_path: Path, registry_path: Path, template: Path) -> None:
    global _worker
    _worker = Drafter(load_plan(plan_path), load_registry(registry_path), template)


def _draft_in_worker(unit_id: str) -> Draft:
    assert _worker is not None
    return _worker.draft(unit_id)


def draft_all(
    drafter: Drafter, unit_ids: list[str], plan_path: Path, registry_path: Path
) -> Iterator[Draft]:
    """Drafts in the order of `unit_ids`; a large batch uses every core."""
    workers = min(os.cpu_count() or 1, 2)
    if len(unit_ids) < PARALLEL_FROM or workers < 2:
        for unit_id in unit_ids:
            yield drafter.draft(unit_id)
        return
    with ProcessPoolExecutor(
        max_workers=workers,
        initializer=_start_worker,
        initargs=(plan_path, registry_path, drafter.renderer.template),
    ) as pool:
        yield from pool.map(_draft_in_worker, unit_ids, chunksize=8)
