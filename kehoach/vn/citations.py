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
    type_code: str,
    number: int | None,
    body_code: str,
    when: dt.date | int,
    profile: Profile,
    name: str | None = None,
) -> str:
    """`Kế hoạch số 05-KH/HU ngày 20/02/2024`; without number and full date the blanks stay
    visible: `Kế hoạch số …-KH/HU ngày …/…/2024`. `name` is the type's name as the document
    writes it (`CHƯƠNG TRÌNH HÀNH ĐỘNG`), else the code's."""
    kind = (name or type_codes()[type_code]).capitalize()
    code = f"{type_code}/{body_code}"
    if number is None or not isinstance(when, dt.date):
        mark = DRAFT_MARK
        year = when if isinstance(when, int) else when.year
        return f"{kind} số {mark}-{code} ngày {mark}/{mark}/{year}"
    written = docnumber.codes(number, type_code, body_code, profile.so_ky_hieu)
    return f"{kind} số {written} ngày {short_date(when, profile.dia_danh_ngay)}"


@cache
def citation() -> re.Pattern[str]:
    """A cited document: `Nghị quyết số 42-NQ/TW`, `Chương trình 225-CTr/TU`, `Chương
    trình hành động số 05-CTr/TU` (groups: kind, ' số' or nothing, number-code/body)."""
    kinds = "|".join(re.escape(name.capitalize()) for name in type_codes().values())
    return re.compile(rf"\b({kinds})(?: hành động)?( số)? (\d+-[\wĐđ]+/[\wĐđ-]+)")


@cache
def named_document() -> re.Pattern[str]:
    """A document cited by its name, without a number: `Nghị quyết Đại hội đại biểu toàn
    quốc lần thứ XIV của Đảng`, `Nghị quyết Hội nghị Trung ương 8 khóa XIII`."""
    return re.compile(
        r"\b(?:Nghị quyết|Kết luận|Văn kiện) (?:Đại hội|Hội nghị)\b[^,;:()]*?"
        r"(?:của Đảng|khóa [IVXLC]+|khoá [IVXLC]+|nhiệm kỳ \d{4} ?- ?\d{4})"
    )
