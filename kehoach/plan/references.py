"""How one document cites a plan: `Kế hoạch số 05-KH/HU ngày 20/02/2024` and its issuer."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from kehoach.plan.model import Header, Plan
from kehoach.rules.data import type_codes
from kehoach.rules.levels import load_levels
from kehoach.rules.profile import load_profile
from kehoach.vn import written as vnformat

DRAFT_MARK = "…"


def is_issued(header: Header) -> bool:
    """A plan with its number and full date; a draft's citation keeps visible blanks."""
    return header.so is not None and isinstance(header.ngay, dt.date)


def plan_reference(plan: Plan) -> str:
    """`Kế hoạch số 05-KH/HU ngày 20/02/2024`, or `Kế hoạch số …-KH/HU ngày …/…/2024`."""
    h = plan.van_ban
    kind = type_codes()[h.loai].capitalize()
    if not is_issued(h):
        mark = DRAFT_MARK
        return f"{kind} số {mark}-{h.loai}/{h.ma_co_quan} ngày {mark}/{mark}/{h.year}"
    date = vnformat.short_date(h.ngay, load_profile(plan.ho_so).dia_danh_ngay)
    return f"{kind} số {h.so:02d}-{h.loai}/{h.ma_co_quan} ngày {date}"


def standing_committee(plan: Plan) -> str:
    """The body that issues the plan: `Ban Thường vụ Huyện ủy` (from the level data)."""
    levels = load_levels()
    level = levels.of_body(plan.van_ban.ma_co_quan)
    if level is None:
        return plan.van_ban.co_quan
    return levels.cap[level].noi.ban_thuong_vu


@cache
def citation() -> re.Pattern[str]:
    """A cited document: `Nghị quyết số 42-NQ/TW`, `Chương trình 225-CTr/TU`
    (groups: kind, ' số' or nothing, number-code/body)."""
    kinds = "|".join(re.escape(name.capitalize()) for name in type_codes().values())
    return re.compile(rf"\b({kinds})( số)? (\d+-[\wĐđ]+/[\wĐđ-]+)")
