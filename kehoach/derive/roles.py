"""Section IV (Tổ chức thực hiện) of a unit's plan, generated from the unit level's roles:
who does what is the unit's own business, not the upper plan's."""

from __future__ import annotations

from kehoach.derive.changes import Record
from kehoach.derive.target import Target
from kehoach.derive.wording import fold
from kehoach.plan.model import Assignment, Organisation, Plan
from kehoach.vn.citations import citation

RULE = "to-chuc-thuc-hien"


def section_iv(parent: Plan, target: Target, record: Record) -> Organisation:
    """The upper section with its duties replaced by the roles valid on the plan's day."""
    section = parent.to_chuc_thuc_hien
    fields = {**target.fields, "van_kien": _subject(parent, record)}
    duties = [
        (role.id, role.chu_the.format(**fields), fold(role.noi_dung.format(**fields)))
        for role in target.level.to_chuc_thuc_hien
        if role.valid_on(target.day)
    ]
    before = " | ".join(f"{d.chu_the} {d.noi_dung}" for d in section.muc)
    after = " | ".join(f"{who} {what}" for _, who, what in duties)
    record.change(section.id, before, after, RULE)
    muc = [Assignment(id=i, chu_the=who, noi_dung=what) for i, who, what in duties]
    return section.model_copy(update={"muc": muc})


def _subject(parent: Plan, record: Record) -> str:
    """The document the plans implement, as the upper trích yếu names it."""
    found = citation().search(parent.van_ban.trich_yeu)
    if found:
        return found.group()
    record.flag("to_chuc_thuc_hien", "không nhận ra văn kiện được triển khai trong trích yếu")
    return "các văn bản của cấp trên"
