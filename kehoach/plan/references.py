"""How one document cites a plan: `Kế hoạch số 05-KH/HU ngày 20/02/2024` and its issuer."""

from __future__ import annotations

import datetime as dt

from kehoach.plan.model import Header, Plan
from kehoach.rules.levels import load_levels
from kehoach.rules.profile import load_profile
from kehoach.vn.citations import cite


def is_issued(header: Header) -> bool:
    """A plan with its number and full date; a draft's citation keeps visible blanks."""
    return header.so is not None and isinstance(header.ngay, dt.date)


def plan_reference(plan: Plan) -> str:
    """`Kế hoạch số 05-KH/HU ngày 20/02/2024`, or `Kế hoạch số …-KH/HU ngày …/…/2024`."""
    h = plan.van_ban
    number = h.so if is_issued(h) else None
    profile = load_profile(plan.profile_id())
    return cite(h.loai, number, h.ma_co_quan, h.ngay, profile, h.ten_loai)


def standing_committee(plan: Plan) -> str:
    """The body that issues the plan: `Ban Thường vụ Huyện ủy`, `Ban Thường vụ Thành ủy`
    (from the level data, in force on the plan's day)."""
    levels = load_levels()
    level = levels.of_body(plan.van_ban.ma_co_quan, plan.van_ban.co_quan)
    if level is None:
        return plan.van_ban.co_quan
    return levels.cap[level].on(plan.van_ban.day).noi.ban_thuong_vu
