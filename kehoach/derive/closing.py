"""The end of a unit's plan: who signs it and whom it goes to."""

from __future__ import annotations

from kehoach.derive.changes import Record
from kehoach.derive.target import Target
from kehoach.plan.model import Plan, Signature

BODIES_LINE = "{phan_iv}"


def signature(parent: Plan, target: Target, record: Record) -> Signature:
    """The registry's signer of the unit; else the level's signing line with the upper
    signer's chức vụ (or the level's), marked for review: never an empty block."""
    own = target.unit.ky
    if own is not None and own.chuc_vu:
        return own
    default = target.level.chu_ky
    title = parent.chu_ky.chuc_vu or default.chuc_vu
    record.flag(
        "chu_ky",
        f"chức vụ người ký '{title}' lấy theo kế hoạch cấp trên: sửa theo người ký của đơn vị",
        title,
    )
    name = own.ho_ten if own is not None else ""
    return Signature(quyen_han=default.quyen_han, chuc_vu=title, ho_ten=name)


def recipients(target: Target, bodies: list[str]) -> list[str]:
    """The level's Nơi nhận: the upper reporting line, the bodies section IV charges (but
    the filing office), the filing line; each once."""
    filing = target.level.noi_nhan[-1].format(**target.fields)
    lines: list[str] = []
    for line in target.level.noi_nhan:
        if line == BODIES_LINE:
            lines += [b for b in bodies if not filing.endswith(b)]
        else:
            lines.append(line.format(**target.fields))
    return list(dict.fromkeys(lines))
