"""How a plan states the reports it asks for, read from its words: the periodic reports and
their days ("định kỳ 6 tháng (trước ngày 15/6) và hằng năm (trước ngày 15/11)"), a single
report's deadline ("báo cáo kết quả … trước ngày 15/5/2026") and the years of the sơ kết
and tổng kết ("Năm 2028 sơ kết giữa nhiệm kỳ", "tổng kết vào năm 2030")."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_DAY = r"(\d{1,2}/\d{1,2})"
_FULL_DAY = r"(\d{1,2}/\d{1,2}/\d{4})"
# A period, then its day a few words on: "6 tháng (trước ngày 15/6)", "hằng năm trước 15/11".
_PERIODS = {
    "sau_thang": r"(?:6|sáu) tháng",
    "hang_quy": r"(?:hằng|hàng|mỗi) quý",
    "hang_nam": r"(?:hằng|hàng|mỗi) năm",
}
_BEFORE = r"[^.;]{0,12}?\(?\s*(?:trước|chậm nhất)(?: ngày)? "
# "tổng kết vào năm 2030", then "năm 2030 tổng kết": the keyword before its year first, so
# "sơ kết vào năm 2027, tổng kết vào năm 2030" gives each its own year.
_REVIEW = {
    key: (
        re.compile(rf"\b{word}\b[^.;,]{{0,40}}?\bnăm (\d{{4}})", re.IGNORECASE),
        re.compile(rf"\bnăm (\d{{4}}) (?:tổ chức |tiến hành )?{word}\b", re.IGNORECASE),
    )
    for key, word in (("so_ket", "sơ kết"), ("tong_ket", "tổng kết"))
}
_PARTS = re.compile(r"[.;]")  # a report's days are stated within one clause


@dataclass(frozen=True)
class Schedule:
    """What the words ask for; None where they say nothing."""

    sau_thang: str | None = None  # "15/6"
    hang_quy: str | None = None
    hang_nam: str | None = None
    han: str | None = None  # a single report: "15/5/2026"
    so_ket: int | None = None
    tong_ket: int | None = None

    def __bool__(self) -> bool:
        return any(getattr(self, k) is not None for k in self.__dataclass_fields__)


def read_schedule(texts: Iterable[str]) -> Schedule:
    """The reports `texts` ask for; a sentence about reports gives the days, any sentence
    the sơ kết and tổng kết years; the first mention of each wins."""
    found: dict[str, str | int] = {}
    for text in texts:
        for sentence in (s for s in _PARTS.split(text) if "báo cáo" in s.lower()):
            for key, period in _PERIODS.items():
                day = re.search(rf"\b{period}{_BEFORE}{_DAY}\b(?!/\d)", sentence, re.IGNORECASE)
                if day and key not in found:
                    found[key] = day.group(1)
            single = re.search(rf"\btrước ngày {_FULL_DAY}", sentence)
            periodic = any(re.search(p, sentence, re.IGNORECASE) for p in _PERIODS.values())
            if single and not periodic and "han" not in found:
                found["han"] = single.group(1)
        for key, patterns in _REVIEW.items():
            year = patterns[0].search(text) or patterns[1].search(text)
            if year and key not in found:
                found[key] = int(year.group(1))
    return Schedule(**found)  # type: ignore[arg-type]
