"""Which format profile a document follows: the one in force on its date
(`kehoach/data/ho_so_theo_ngay.yaml`), unless the plan names one (`Plan.profile_id`). A State
document (Ủy ban nhân dân, Mặt trận …: `van_ban.the_thuc: nha_nuoc`, or a header holding
the Quốc hiệu) takes the State table's profile (`nd30-2020`), a Party one the Party's."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Literal

from kehoach.errors import KehoachError
from kehoach.rules.levels import Dated, last_day
from kehoach.rules.source import Data, read, shipped


class InForce(Dated):
    """One profile and the days it is in force."""

    id: str


Kind = Literal["dang", "nha_nuoc"]
"""A document's kind of format: the Party's (default) or the State's (Nghị định 30)."""


class ProfileTable(Data):
    ho_so: list[InForce]  # the Party's documents
    nha_nuoc: list[InForce]  # State and Mặt trận documents


@cache
def load_profile_table() -> ProfileTable:
    return read(ProfileTable, shipped("ho_so_theo_ngay.yaml"))


def profile_on(when: dt.date | int, kind: Kind = "dang", month: int | None = None) -> str:
    """The id of the profile of `kind` in force on `when` (a year: on its 31 December; a
    year and `month`: on the month's last day)."""
    day = last_day(when, month)
    table = load_profile_table()
    for entry in table.nha_nuoc if kind == "nha_nuoc" else table.ho_so:
        if entry.valid_on(day):
            return entry.id
    raise KehoachError(f"không có hồ sơ thể thức nào có hiệu lực ngày {day:%d/%m/%Y}")


