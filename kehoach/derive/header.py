"""The head of a unit's plan: its header (issuer, place, year, trích yếu) and the opening
that cites the upper plan, both from the unit level's templates."""

from __future__ import annotations

from kehoach.derive.changes import Record
from kehoach.derive.target import Target
from kehoach.derive.wording import fold, upper_first
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
        "cap_tren": _upper_line(cap_tren, target),
        "co_quan": issuer,
        "ma_co_quan": level.ma_co_quan[0],
        "loai": level.loai_van_ban or upper.loai,
        "du_thao": True,
        "dia_danh": place(target),
        "ngay": target.day.year,
        "trich_yeu": target.profile.trich_yeu.written(level.trich_yeu.format(**target.fields)),
    }
    for key, value in values.items():
        before = getattr(upper, key)
        if before != value:
            record.change(f"van_ban.{key}", str(before or ""), str(value), HEADER_RULE)
    return Header.model_validate(values)


def _upper_line(line: str, target: Target) -> str:
    """The registry's upper line, broken before the upper level's proper name when it is
    too long for one line of the header (`ĐẢNG BỘ THÀNH PHỐ` / `HẢI PHÒNG`)."""
    words = " ".join(line.split())
    prefix = f"ĐẢNG BỘ {target.upper.ten.upper()} "
    limit = target.level.cap_tren_mot_dong
    if limit and len(words) > limit and words.upper().startswith(prefix):
        return f"{words[: len(prefix) - 1]}\n{words[len(prefix) :]}"
    return line


def place(target: Target) -> str:
    """The unit's place of issue: its name, with its level word in front (`Xã Mỹ`) where
    the registry says so (a person's name: `dia_danh_kem_cap`) or, left unsaid, where the
    draft's profile adds it: a one-syllable name, a name the same as the province's."""
    unit, rule = target.unit, target.profile.dia_danh_ngay.ghi_cap_khi
    with_level = unit.dia_danh_kem_cap
    if with_level is None:
        one_syllable = "mot_am_tiet" in rule and len(unit.ten.split()) == 1
        as_province = "trung_tinh" in rule and unit.ten.casefold() == (
            target.province or ""
        ).casefold()
        with_level = one_syllable or as_province
    return f"{upper_first(str(target.fields['dv']))} {unit.ten}" if with_level else unit.ten


def opening(parent: Plan, target: Target, record: Record, taken: set[str]) -> list[Paragraph]:
    """The one opening paragraph that replaces the upper plan's căn cứ, its id one that
    `taken` (the ids in use, which it joins) does not hold."""
    text = fold(target.level.mo_dau.format(**target.fields))
    before = " ".join(paragraph.noi_dung for paragraph in parent.can_cu)
    record.change("can_cu", before, text, OPENING_RULE)
    ident = free_id("can-cu", taken)
    taken.add(ident)
    return [Paragraph(id=ident, noi_dung=text)]
