"""`derive --update`: the units' plans brought up to date with a changed plan above them,
keeping the clerk's edits (see `kehoach/derive/update.py`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kehoach.stages.derive import chosen, folders, upper
from kehoach.stages.outcome import Outcome

if TYPE_CHECKING:
    from kehoach.derive.update import Updated


@dataclass(kw_only=True)
class UpdatedPlans(Outcome):
    """Each unit's merge (how many elements took each path, how many await review)."""

    yaml_dir: Path
    docx_dir: Path
    units: list[Updated] = field(default_factory=list)


def update(
    plan: Path,
    unit_ids: Sequence[str] = (),
    *,
    all_units: bool = False,
    yaml_dir: Path | None = None,
    docx_dir: Path | None = None,
    units_file: Path | None = None,
    templates_dir: Path | None = None,
    blind: bool = False,
) -> UpdatedPlans:
    """Merge every unit's plan with the new plan above (`blind`: without its base, every
    difference marked for review); all are written (each previous plan kept as a numbered
    `.yaml.bak` and in its history) or none."""
    from kehoach.derive.base import base_path
    from kehoach.derive.update import update_all
    from kehoach.document.lookup import PLAN_TEMPLATE, find_template
    from kehoach.plan import history
    from kehoach.system.lock import folder_lock

    up = upper(plan, units_file)
    units = chosen(up.registry, unit_ids, all_units)
    dirs = folders(plan, yaml_dir, docx_dir)
    template = find_template(PLAN_TEMPLATE, templates_dir)
    replaced = [dirs[0] / f"{unit}.yaml" for unit in units]
    # No save of a unit's plan between its merge and its write; each plan replaced is kept
    # in its history (as well as .bak).
    with folder_lock(dirs[0]), history.keeping(replaced, "cap_nhat"):
        merged = update_all(up.plan, up.registry, template, units, dirs, (plan, up.units_file),
                            blind)
    done = UpdatedPlans(yaml_dir=dirs[0], docx_dir=dirs[1], units=merged)
    for one in merged:
        document = dirs[1] / f"{one.unit}.docx"
        done.written += [one.backup, one.path, base_path(one.path), document]
        done.documents.append(document)
        done.review += one.review
    return done
