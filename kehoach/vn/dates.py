"""Dates: the date line `Phụng Hiệp, ngày 05 tháng 02 năm 2024` and the short date
`05/02/2024`. Which days and months take a leading 0 is the profile's rule (`dia_danh_ngay`);
the parsers also read dates written another way (`3/4/2018`) so check can report them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from kehoach.rules.profile import DateLine

DATE_LINE = re.compile(r"([^\t,]*\S),\s*ngày\s*(\d*)\s*tháng\s*(\d*)\s*năm\s*(\d{4})")
_CITED = re.compile(r"ngày ((\d{1,2})/(\d{1,2})/(\d{4}))")


def pad(n: int, up_to: int) -> str:
    """`05` for n ≤ up_to, else `12`: the profile says up to which value a 0 is added."""
    return f"{n:02d}" if n <= up_to else str(n)


def day_month(day: int, month: int, rule: DateLine) -> tuple[str, str]:
    """Day and month as the profile writes them."""
    return pad(day, rule.so_0_ngay_toi), pad(month, rule.so_0_thang_toi)


def padding_rule(rule: DateLine) -> str:
    """The profile's padding in words, for a finding: `ngày 1–9 và tháng 1–2 có số 0 ở
    trước, ngày và tháng khác thì không`."""
    parts = [
        f"{name} 1–{top}" if top > 1 else f"{name} 1"
        for name, top in (("ngày", rule.so_0_ngay_toi), ("tháng", rule.so_0_thang_toi))
        if top >= 1
    ]
    if not parts:
        return "ngày và tháng không thêm số 0"
    return " và ".join(parts) + " có số 0 ở trước, ngày và tháng khác thì không"


def date_line(place: str, when: dt.date | int, rule: DateLine, month: int | None = None) -> str:
    """`Phụng Hiệp, ngày 05 tháng 02 năm 2024`; a year alone leaves day and month blank,
    a year and `month` the day only (`ngày      tháng 01 năm 2026`)."""
    if isinstance(when, int) and month is not None:
        return f"{place}, ngày{rule.cho_trong}tháng {pad(month, rule.so_0_thang_toi)} năm {when}"
    if isinstance(when, int):
        return f"{place}, ngày{rule.cho_trong}tháng{rule.cho_trong}năm {when}"
    day, written_month = day_month(when.day, when.month, rule)
    return f"{place}, ngày {day} tháng {written_month} năm {when.year}"


def short_date(when: dt.date, rule: DateLine) -> str:
    """`05/02/2024`, `03/4/2018`: the same padding as the date line."""
    day, month = day_month(when.day, when.month, rule)
    return f"{day}/{month}/{when.year}"


@dataclass(frozen=True)
class Written:
    """A date as a document wrote it: day and month kept as their characters."""

    day: str
    month: str
    year: int

    def value(self) -> dt.date | int:
        """The date, or the year alone when day and month were left blank."""
        if self.day and self.month:
            return dt.date(self.year, int(self.month), int(self.day))
        return self.year

    @property
    def month_only(self) -> int | None:
        """The month of a date that leaves the day blank (`ngày    tháng 01 năm 2026`)."""
        return int(self.month) if self.month and not self.day else None

    def padded(self, rule: DateLine) -> tuple[str, str] | None:
        """Day and month as the profile writes them, when written otherwise; else None."""
        if not (self.day and self.month):
            return None
        good = day_month(int(self.day), int(self.month), rule)
        return good if good != (self.day, self.month) else None


@dataclass(frozen=True)
class DateLineFound:
    place: str
    date: Written
    start: int
    end: int


def parse_date_line(text: str) -> DateLineFound | None:
    """The first date line in `text` (its place may run on from a column before it)."""
    match = DATE_LINE.search(text)
    if match is None:
        return None
    place, day, month, year = match.groups()
    return DateLineFound(place.strip(), Written(day, month, int(year)), *match.span())


def cited_dates(text: str) -> Iterator[tuple[str, Written]]:
    """Every `ngày 3/4/2018` in running text: the date as written and its parts."""
    for match in _CITED.finditer(text):
        yield match.group(1), Written(match.group(2), match.group(3), int(match.group(4)))
