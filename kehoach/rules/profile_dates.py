"""Which format profile a document follows: the one in force on its date
(`kehoach/data/ho_so_theo_ngay.yaml`), unless the plan names one (`Plan.profile_id`)."""

from __future__ import annotations

import datetime as dt
from functools import cache

from kehoach.errors import KehoachError
from kehoach.rules.levels import Dated
from kehoach.rules.source import Data, read, shipped


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


def profile_on(when: dt.date | int) -> str:
    """The id of the profile in force on `when` (a year: on its 31 December)."""
    day = last_day(when)
    for entry in load_profile_table().ho_so:
        if entry.valid_on(day):
            return entry.id
    raise KehoachError(f"không có hồ sơ thể thức nào có hiệu lực ngày {day:%d/%m/%Y}")

