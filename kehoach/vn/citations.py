"""How one document cites another: `Kế hoạch số 05-KH/HU ngày 20/02/2024`, and the
pattern that finds such citations in running text (`Nghị quyết số 42-NQ/TW`)."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from kehoach.rules.data import type_codes
from kehoach.rules.profile import Profile
from kehoach.vn import docnumber
from kehoach.vn.dates import short_date

DRAFT_MARK = "…"


def cite(
    type_code: str, number: int | None, body_code: str, when: dt.date | int, profile: Profile
) -> str:
    """`Kế hoạch số 05-KH/HU ngày 20/02/2024`; without number and full date the blanks stay
    visible: `Kế hoạch số …-KH/HU ngày …/…/2024`."""
    kind = type_codes()[type_code].capitalize()
    code = f"{type_code}/{body_code}"
    if number is None or not isinstance(when, dt.date):
        mark = DRAFT_MARK
        year = when if isinstance(when, int) else when.year
        return f"{kind} số {mark}-{code} ngày {mark}/{mark}/{year}"
    written = docnumber.codes(number, type_code, body_code, profile.so_ky_hieu)
    return f"{kind} số {written} ngày {short_date(when, profile.dia_danh_ngay)}"


@cache
def citation() -> re.Pattern[str]:
    """A cited document: `Nghị quyết số 42-NQ/TW`, `Chương trình 225-CTr/TU`
    (groups: kind, ' số' or nothing, number-code/body)."""
    kinds = "|".join(re.escape(name.capitalize()) for name in type_codes().values())
    return re.compile(rf"\b({kinds})( số)? (\d+-[\wĐđ]+/[\wĐđ-]+)")
