"""How numbers, dates, document numbers and outline labels are written in Vietnamese."""

from __future__ import annotations

import datetime as dt
from functools import cache

from babel.numbers import format_decimal

from kehoach.rules.profile import DateLine, DocNumber

_ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


@cache
def number(value: float) -> str:
    """Decimal comma and thousands dot: 2,59 · 75,5 · 10.000."""
    return format_decimal(value, locale="vi")


def roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def _pad(n: int, up_to: int) -> str:
    return f"{n:02d}" if n <= up_to else str(n)


def date_line(place: str, when: dt.date | int, rule: DateLine) -> str:
    """`Phụng Hiệp, ngày 05 tháng 02 năm 2024`; a year alone leaves day and month blank."""
    if isinstance(when, int):
        return f"{place}, ngày{rule.cho_trong}tháng{rule.cho_trong}năm {when}"
    day = _pad(when.day, rule.so_0_ngay_toi)
    month = _pad(when.month, rule.so_0_thang_toi)
    return f"{place}, ngày {day} tháng {month} năm {when.year}"


def short_date(when: dt.date, rule: DateLine) -> str:
    """`05/02/2024`, `03/4/2018`: the same padding as the date line."""
    day = _pad(when.day, rule.so_0_ngay_toi)
    return f"{day}/{_pad(when.month, rule.so_0_thang_toi)}/{when.year}"


def doc_number(number_: int | None, type_code: str, body_code: str, rule: DocNumber) -> str:
    """`Số 12-KH/HU`, `Số 05-KH/ĐU`; a draft keeps the number blank: `Số      -KH/HU`."""
    if number_ is None:
        return f"{rule.tien_to}{rule.cho_trong}-{type_code}/{body_code}"
    return f"{rule.tien_to} {number_:0{rule.do_dai_so}d}-{type_code}/{body_code}"
