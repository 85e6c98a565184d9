"""Section IV (Tổ chức thực hiện) of a unit's plan, generated from the unit level's roles:
who does what is the unit's own business, not the upper plan's. The roles that fall to
the same body make one item, so no body is named twice."""

from __future__ import annotations

from kehoach.derive.changes import Record
from kehoach.derive.target import Target, implemented_document
from kehoach.derive.wording import fold
from kehoach.plan.model import Assignment, Organisation, Plan

RULE = "to-chuc-thuc-hien"


def section_iv(parent: Plan, target: Target, record: Record) -> Organisation:
    """The upper section with its duties replaced by the roles valid on the plan's day."""
    section = parent.to_chuc_thuc_hien
    if implemented_document(parent) is None:
        record.flag("to-chuc-thuc-hien", "không nhận ra văn kiện được triển khai trong trích yếu")
    duties: dict[str, tuple[str, list[str]]] = {}  # by body: first role's id, its duties
    for role in target.level.to_chuc_thuc_hien:
        if role.valid_on(target.day):
            who = role.chu_the.format(**target.fields)
            what = fold(role.noi_dung.format(**target.fields))
            duties.setdefault(who, (role.id, []))[1].append(what)
    muc = [
        Assignment(id=ident, chu_the=who, noi_dung=_joined(parts))
        for who, (ident, parts) in duties.items()
    ]
    before = " | ".join(f"{d.chu_the} {d.noi_dung}" for d in section.muc)
    after = " | ".join(f"{d.chu_the} {d.noi_dung}" for d in muc)
    record.change(section.id, before, after, RULE)
    return section.model_copy(update={"muc": muc})


def _joined(parts: list[str]) -> str:
    """One body's duties as one sentence: `…; …; ….`"""
    return "; ".join(part.rstrip(".") for part in parts) + "."


def bodies(organisation: Organisation) -> list[str]:
    """The bodies section IV charges, in order."""
    return [duty.chu_the for duty in organisation.muc]
