"""Section IV (Tổ chức thực hiện) of a unit's plan, generated from the unit level's roles:
who does what is the unit's own business, not the upper plan's. The roles that fall to
the same body make one item, so no body is named twice."""

from __future__ import annotations

from kehoach.derive.changes import Record
from kehoach.derive.target import Target
from kehoach.derive.wording import fold
from kehoach.plan.fields import free_id
from kehoach.plan.model import Assignment, Organisation, Plan

RULE = "to-chuc-thuc-hien"
TITLE = "TỔ CHỨC THỰC HIỆN"  # the section's title where the upper plan has no section IV
NO_SECTION = (
    "kế hoạch cấp trên không có phần Tổ chức thực hiện: phần này soạn theo nhiệm vụ thường "
    "giao cho các cơ quan của {dv}, báo cáo qua {bao_cao_qua}; sửa cho đúng việc cấp trên giao"
)
REPORTS = "{ky_bao_cao}"  # the role that reports up carries the notes on its days


def section_iv(parent: Plan, target: Target, record: Record, taken: set[str]) -> Organisation:
    """The upper section with its duties replaced by the roles valid on the plan's day;
    a new section (with a review note) where the upper plan has none. `taken`: the ids
    in use in the draft, which the section's own ids must not repeat (and then join)."""
    section = parent.to_chuc_thuc_hien
    if section is None:
        section = Organisation(id=free_id("to-chuc-thuc-hien", taken), tieu_de=TITLE)
        record.flag(section.id, NO_SECTION.format(**target.fields))
    taken.add(section.id)
    duties: dict[str, tuple[str, list[str]]] = {}  # by body: first role's id, its duties
    for role in target.level.to_chuc_thuc_hien:
        if role.valid_on(target.day):
            who = role.chu_the.format(**target.fields)
            what = fold(role.noi_dung.format(**target.fields))
            if who not in duties:
                duties[who] = (free_id(role.id, taken), [])
                taken.add(duties[who][0])
            first, parts = duties[who]
            parts.append(what)
            if REPORTS in role.noi_dung:
                for words, why in target.report_notes:
                    record.flag(first, why, words)
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
