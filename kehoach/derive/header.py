"""The head of a unit's plan: its header (issuer, place, year, trích yếu) and the opening
that cites the upper plan, both from the unit level's templates."""

from __future__ import annotations

from kehoach.derive.changes import Record
from kehoach.derive.target import Target
from kehoach.derive.wording import fold
from kehoach.plan.fields import free_id
from kehoach.plan.model import Header, Paragraph, Plan
from kehoach.plan.references import is_issued

HEADER_RULE = "dau-van-ban"
OPENING_RULE = "mo-dau"


def unit_header(parent: Plan, target: Target, cap_tren: str, record: Record) -> Header:
    """The unit's header, a draft of the unit's year; every field that differs from the
    upper header is recorded."""
    upper = parent.van_ban
    if not is_issued(upper):
        record.flag(
            "van_ban",
            "kế hoạch cấp trên chưa có số, ngày: điền khi cấp trên ban hành",
            str(target.fields["goi_tat_tren"]),
        )
    level = target.level
    issuer = level.co_quan.format(**target.fields)
    if len(issuer) > level.co_quan_mot_dong and level.co_quan_hai_dong:
        issuer = level.co_quan_hai_dong.format(**target.fields)
    values: dict[str, object] = {
        "cap_tren": cap_tren,
        "co_quan": issuer,
        "ma_co_quan": level.ma_co_quan[0],
        "loai": upper.loai,
        "du_thao": True,
        "dia_danh": target.unit.ten,
        "ngay": target.day.year,
        "trich_yeu": level.trich_yeu.format(**target.fields),
    }
    for key, value in values.items():
        before = getattr(upper, key)
        if before != value:
            record.change(f"van_ban.{key}", str(before or ""), str(value), HEADER_RULE)
    return Header.model_validate(values)


def opening(parent: Plan, target: Target, record: Record, taken: set[str]) -> list[Paragraph]:
    """The one opening paragraph that replaces the upper plan's căn cứ, its id one that
    `taken` (the ids in use, which it joins) does not hold."""
    text = fold(target.level.mo_dau.format(**target.fields))
    before = " ".join(paragraph.noi_dung for paragraph in parent.can_cu)
    record.change("can_cu", before, text, OPENING_RULE)
    ident = free_id("can-cu", taken)
    taken.add(ident)
    return [Paragraph(id=ident, noi_dung=text)]
