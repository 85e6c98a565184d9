"""Which format profile a document follows: among the profiles of its kind of header (the
Party's `ĐẢNG CỘNG SẢN VIỆT NAM`, the State's Quốc hiệu …), the one in force on its date
(`kehoach/data/ho_so_theo_ngay.yaml`), unless the plan names one."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import TYPE_CHECKING

from kehoach.errors import KehoachError
from kehoach.rules.levels import Dated
from kehoach.rules.profile import load_profile
from kehoach.rules.source import Data, read, shipped

if TYPE_CHECKING:
    from kehoach.plan.model import Plan


class InForce(Dated):
    """One profile and the days it is in force."""

    id: str


class ProfileTable(Data):
    ho_so: list[InForce]


@cache
def load_profile_table() -> ProfileTable:
    return read(ProfileTable, shipped("ho_so_theo_ngay.yaml"))


def last_day(when: dt.date | int) -> dt.date:
    """The day a date stands for; a year alone stands for its 31 December."""
    return when if isinstance(when, dt.date) else dt.date(when, 12, 31)


def motto_of(profile_id: str) -> str:
    """The header line that tells a document of this profile's kind (`ĐẢNG CỘNG SẢN VIỆT
    NAM`): profiles with the same line are one kind, succeeding each other by date."""
    return load_profile(profile_id).tieu_de.chu


def mottos() -> list[str]:
    """The header line of each kind of document the profiles know, the default kind (the
    first profile's: kehoach's own documents) first."""
    return list(dict.fromkeys(motto_of(entry.id) for entry in load_profile_table().ho_so))


def profile_on(when: dt.date | int, motto: str | None = None) -> str:
    """The id of the profile in force on `when` (a year: on its 31 December) for documents
    headed by `motto` (by default, the first profile's kind)."""
    day = last_day(when)
    table = load_profile_table().ho_so
    kind = motto or motto_of(table[0].id)
    for entry in table:
        if entry.valid_on(day) and motto_of(entry.id) == kind:
            return entry.id
    raise KehoachError(f"không có hồ sơ thể thức nào có hiệu lực ngày {day:%d/%m/%Y}")


def profile_for(plan: Plan) -> str:
    """The profile the plan names (`ho_so:`), else the one of its date."""
    return plan.ho_so or profile_on(plan.van_ban.ngay)
