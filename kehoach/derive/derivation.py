"""Draft a unit's plan (xã, phường, đặc khu; thị trấn before 1/7/2025) from the plan of the
level above.

The result is a new `Plan`, plus every change made (element id, before, after, rule)
and a review list for the clerk. The steps, each in its own module: the target (which
unit and level, checked), the header and opening, the body (scope filter by `cap`, then
the wording rewrite outside citations and quoted titles), section IV from the unit
level's roles, and the signature and recipients.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kehoach.derive.appendix import appendices as derived_appendices
from kehoach.derive.body import AFTER_SECTION_IV, BEFORE_SECTION_IV, Body, element_text
from kehoach.derive.changes import Change, Record
from kehoach.derive.closing import recipients, signature
from kehoach.derive.header import opening, unit_header
from kehoach.derive.roles import bodies, section_iv
from kehoach.derive.target import Voice, target_for
from kehoach.derive.wording import fold
from kehoach.plan.fields import ID_LENGTH, free_id
from kehoach.plan.model import Parent, Plan
from kehoach.plan.review import ReviewNote
from kehoach.plan.units import LoadedRegistry, Unit
from kehoach.plan.walk import rebuild, walk
from kehoach.rules.scope import fill, load_scope

__all__ = ["Change", "Derivation", "Derived", "derive"]


@dataclass
class Derived:
    """A unit's drafted plan, what changed, and what the clerk must review (by element id)."""

    unit: Unit
    plan: Plan
    changes: list[Change] = field(default_factory=list)
    review: dict[str, list[str]] = field(default_factory=dict)


class Derivation:
    """Drafts the plans of a registry's units from one upper plan. The upper plan is
    walked once, so a batch of units shares that work and the wording rewrites."""

    def __init__(self, parent: Plan, loaded: LoadedRegistry) -> None:
        self.parent = parent
        self.loaded = loaded
        self.nodes = list(walk(parent))
        # The ids a draft keeps from the upper plan (the opening and section IV are its own).
        self.taken = {n.id for n in self.nodes if n.path[:2] != ("to_chuc_thuc_hien", "muc")}
        self.taken -= {p.id for p in parent.can_cu}
        self.taken.add(parent.id)  # the draft's `goc`
        when = parent.van_ban
        self.origin = Parent(
            id=parent.id, so=when.so, ngay=when.ngay, ky_hieu=f"{when.loai}/{when.ma_co_quan}"
        )
        self.wordings: dict[str, Voice] = {}  # by kind of unit (xã, thị trấn)

    def check(self, unit: Unit) -> None:
        """Refuse `unit` as `derive` would (a thị trấn after 1/7/2025 …), drafting nothing."""
        target_for(self.parent, self.loaded, unit, self.nodes, self.wordings)

    def derive(self, unit: Unit) -> Derived:
        """The draft plan of `unit` (see the module docstring)."""
        parent = self.parent
        target = target_for(parent, self.loaded, unit, self.nodes, self.wordings)
        record = Record()
        header = unit_header(parent, target, self.loaded.registry.cap_tren, record)
        taken = set(self.taken)  # the ids in use, the draft's own ones added as they are made
        can_cu = opening(parent, target, record, taken)
        body = Body(self.nodes, target, record)
        body.rewrite(BEFORE_SECTION_IV)
        organisation = section_iv(parent, target, record, taken)
        body.rewrite(AFTER_SECTION_IV)
        replaced = body.replacements()
        targets = _targets_part(parent)
        appendices = derived_appendices(parent, target, record, targets)
        kept = {a.id for a in appendices}
        upper_area, kind = target.upper.tu_dia_ban, str(target.fields["dv"])
        block = parent.muc_tieu_chi_tieu.chi_tieu if parent.muc_tieu_chi_tieu else None
        kept_block = block is not None and any(p.id not in body.out for p in block.doan)
        on_block = None
        if block is not None and kept_block:  # on its title, else on its part's
            on_block = (block.id, block.tieu_de) if block.tieu_de else (body.kept(block.id), None)
        record.summarise_kept(on_block, upper_area, kind)
        record.summarise_left_out(
            fill(load_scope().sau_khi_bo, {"dv": kind}),
            lambda e: body.kept(e) if body.has(e) else (e if e in kept else targets),
        )
        draft = rebuild(parent, replaced).model_copy(
            update={
                "id": _draft_id(parent.id, unit.id, taken),
                "ho_so": None,  # the draft's own date says which profile it follows
                "danh_sach_don_vi": None,
                "goc": self.origin,
                "don_vi": unit.id,
                "van_ban": header,
                "can_cu": can_cu,
                "to_chuc_thuc_hien": rebuild(organisation, replaced),  # its paragraphs reworded
                "thu_tu": _order(parent, organisation.id),
                "chu_ky": signature(parent, target, record),
                "cung_ky": [],  # the upper plan's co-signers do not sign the unit's plan
                "noi_nhan": recipients(target, bodies(organisation)),
                "ket_luan": fold(target.level.ket_luan.format(**target.fields)) or None,
                "phu_luc": appendices,
            }
        )
        draft = without_dangling_links(draft)
        record.group_repeated(_texts_of(draft))
        draft = with_notes(draft, record.notes)
        # Validated like a plan read from a file: the rewritten texts are folded.
        plan = Plan.model_validate(draft.model_dump())
        return Derived(unit, plan, record.changes, record.review)


def _targets_part(parent: Plan) -> str:
    """Where notes on the upper plan's targets go when nothing closer is kept: its part of
    objectives, else its first part, else the header."""
    if parent.muc_tieu_chi_tieu is not None:
        return parent.muc_tieu_chi_tieu.id
    parts = parent.parts()
    return parts[0].id if parts else "van_ban"


def _draft_id(parent: str, unit: str, taken: set[str]) -> str:
    """`<upper plan>-<unit>`, or the unit's id where that is too long for an id, never one
    of the draft's element ids."""
    joined = f"{parent}-{unit}"
    return free_id(joined if len(joined) <= ID_LENGTH else unit, taken)


def _order(parent: Plan, section_iv: str) -> list[str] | None:
    """The upper plan's order of parts, with section IV last where the draft adds it."""
    if parent.thu_tu is None or section_iv in parent.thu_tu:
        return parent.thu_tu
    return [*parent.thu_tu, section_iv]


def without_dangling_links(plan: Plan) -> Plan:
    """An indicator (or phụ lục row) stated as a milestone of one the draft left out stands
    on its own (`moc_cua` cleared)."""
    nodes = list(walk(plan))
    linked = [n for n in nodes if getattr(n.element, "moc_cua", None) is not None]
    if not linked:
        return plan
    ids = {node.id for node in nodes}
    replace = {
        node.id: node.element.model_copy(update={"moc_cua": None})
        for node in linked
        if getattr(node.element, "moc_cua", None) not in ids
    }
    return rebuild(plan, replace) if replace else plan


def _texts_of(plan: Plan) -> Callable[[str], str]:
    """The words of an element of `plan` by its id (where a note quotes it), the plan
    walked once, when first asked."""
    texts: dict[str, str] = {}

    def text_of(element: str) -> str:
        if not texts:
            texts.update((node.id, element_text(node.element)) for node in walk(plan))
        return texts.get(element, "")

    return text_of


def with_notes(plan: Plan, notes: dict[str, list[ReviewNote]]) -> Plan:
    """`plan` with each element's review notes on it (`xem_lai`): by id, or the header
    (`van_ban`) and the signature (`chu_ky`), which have none."""
    found = {node.id: node.element for node in walk(plan) if node.id in notes}
    replace = {i: e.model_copy(update={"xem_lai": notes[i]}) for i, e in found.items()}
    update: dict[str, Any] = {
        key: getattr(plan, key).model_copy(update={"xem_lai": notes[key]})
        for key in ("van_ban", "chu_ky")
        if key in notes
    }
    return rebuild(plan, replace).model_copy(update=update)


def derive(parent: Plan, loaded: LoadedRegistry, unit: Unit) -> Derived:
    """The draft plan of one `unit` of `loaded`, from `parent`."""
    return Derivation(parent, loaded).derive(unit)
