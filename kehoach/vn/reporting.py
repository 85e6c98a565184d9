"""How a plan states the reports it asks for, read from its words: the periodic reports and
their days, a single report's deadline and the years of the sơ kết and tổng kết, in the
ways plans write them: "định kỳ 6 tháng (trước ngày 15/6) và hằng năm (trước ngày 15/11)",
"định kỳ hằng năm báo cáo kết quả (trước ngày 20/11)", "báo cáo 6 tháng, 1 năm … trước
ngày 10/6 và ngày 10/12 hằng năm", "Định kỳ 6 tháng, năm … chậm nhất vào ngày 20/6 và
20/12", "báo cáo kết quả … trước ngày 15/5/2026"; "Năm 2028 sơ kết", "sơ kết 3 năm vào cuối
năm 2028", "Cuối năm 2028, Ban Thường vụ Tỉnh ủy sơ kết"."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# The periods a report sentence may name (a bare "năm" only right after a period: "6 tháng,
# năm"); the key of each is the field of `Schedule` its day goes to.
_PERIODS = (
    ("sau_thang", r"(?<!\d)(?:6|06|sáu) tháng(?: đầu năm)?"),
    ("hang_quy", r"(?:hằng|hàng|mỗi|từng) quý"),
    ("hang_nam", r"(?:hằng|hàng|mỗi|từng|một|(?<!\d)1|(?<!\d)01|cả) năm(?! \d)"),
    ("hang_nam", r"(?<=tháng, )năm(?! \d)|(?<=tháng và )năm(?! \d)"),
)
_PERIOD = re.compile("|".join(f"(?P<{key}_{k}>{p})" for k, (key, p) in enumerate(_PERIODS)),
                     re.IGNORECASE)
# A day that closes a report: "trước ngày 15/6", "(trước 15/6)", "chậm nhất vào ngày 20/6",
# "không muộn hơn ngày 5/12"; then any day joined to it by "và", ",": "… 20/6 và 20/12".
_LEAD = r"(?:trước|chậm nhất(?: là| vào)?|không muộn hơn|trước hoặc vào)(?: ngày)?"
_DAY = r"(\d{1,2})(?:/| tháng )(\d{1,2})(?!\d)"
_DAYS = re.compile(rf"\b{_LEAD} {_DAY}((?:(?:,| và)(?: ngày)? \d{{1,2}}(?:/| tháng )\d{{1,2}}"
                   rf"(?!\d))*)", re.IGNORECASE)
_MORE = re.compile(_DAY)
_FULL_DAY = re.compile(rf"\b{_LEAD} (\d{{1,2}}/\d{{1,2}}/\d{{4}})", re.IGNORECASE)
# Words that say when, in a clause about reports: such a clause is quoted when its days
# cannot be told.
_WHEN = re.compile(r"\b(?:trước ngày|chậm nhất|định kỳ|hằng|hàng|quý|tháng|thời hạn)\b",
                   re.IGNORECASE)
_CLAUSES = re.compile(r";|\.(?=\s|$)")  # a report's days are stated within one clause
# "tổng kết vào năm 2030", "sơ kết 3 năm vào cuối năm 2028"; "Năm 2028 sơ kết", "Cuối năm
# 2028, Ban Thường vụ Tỉnh ủy sơ kết": no other year and no other review between the two.
_BETWEEN = r"(?:(?!năm \d{{4}}|sơ kết|tổng kết)[^.;]){{0,{n}}}?"
_REVIEW = {
    key: (
        re.compile(rf"\b{word}\b(?:(?!năm \d{{4}}|sơ kết|tổng kết)[^.;,]){{0,80}}?\bnăm (\d{{4}})",
                   re.IGNORECASE),
        re.compile(rf"\bnăm (\d{{4}})\b{_BETWEEN.format(n=50)}\b{word}\b", re.IGNORECASE),
    )
    for key, word in (("so_ket", "sơ kết"), ("tong_ket", "tổng kết"))
}
_ORDER = ("sau_thang", "hang_quy", "hang_nam")


@dataclass(frozen=True)
class Schedule:
    """What the words ask for; None where they say nothing. `ky` names the periods the
    report sentences ask for, with a day or without one."""

    sau_thang: str | None = None  # "15/6"
    hang_quy: str | None = None
    hang_nam: str | None = None
    han: str | None = None  # a single report: "15/5/2026"
    so_ket: int | None = None
    tong_ket: int | None = None
    ky: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.ky) or any(
            getattr(self, k) is not None for k in self.__dataclass_fields__ if k != "ky"
        )

    @property
    def days(self) -> dict[str, str]:
        """The periods with their days, in the order of the year."""
        return {k: d for k in _ORDER if (d := getattr(self, k))}


def report_clauses(texts: Iterable[str]) -> list[str]:
    """The clauses of `texts` about a report up (they say "báo cáo" and when: a period, a
    day, "định kỳ", "trước ngày" …): what a draft quotes when it cannot tell their days."""
    out = []
    for text in texts:
        for clause in _CLAUSES.split(text):
            said = clause.strip()
            if "báo cáo" in said.lower() and (_WHEN.search(said) or _MORE.search(said)):
                out.append(said)
    return out


def read_schedule(texts: Iterable[str]) -> Schedule:
    """The reports `texts` ask for; a clause about reports gives the periods and days, any
    sentence the sơ kết and tổng kết years; the first mention of each wins."""
    found: dict[str, str | int] = {}
    periods: list[str] = []
    for text in texts:
        for clause in _CLAUSES.split(text):
            if "báo cáo" in clause.lower():
                _read_clause(clause, found, periods)
        for key, year in _reviews(text).items():
            found.setdefault(key, year)
    return Schedule(**found, ky=tuple(dict.fromkeys(periods)))  # type: ignore[arg-type]


def _reviews(text: str) -> dict[str, int]:
    """The sơ kết and tổng kết years of a text: the year after the word first, else the year
    before it, never a year the other review's words already took ("sơ kết 5 năm vào năm
    2030 và tổng kết 10 năm thực hiện Nghị quyết … vào năm 2035": 2030 is not the tổng kết)."""
    after = {key: m for key, (forward, _back) in _REVIEW.items() if (m := forward.search(text))}
    found = dict(after)
    for key, (_forward, back) in _REVIEW.items():
        m = back.search(text) if key not in found else None
        if m and not any(taken.span(1) == m.span(1) for taken in after.values()):
            found[key] = m
    return {key: int(m.group(1)) for key, m in found.items()}


def _read_clause(clause: str, found: dict[str, str | int], periods: list[str]) -> None:
    """The periods and days of one clause about reports, into `found` and `periods`: days
    listed together ("20/6 và 20/12") go to the periods in order when there are as many;
    otherwise each day to the nearest period named in the clause."""
    named = [(m.start(), _key(m)) for m in _PERIOD.finditer(clause)]
    keys = list(dict.fromkeys(k for _, k in named))
    periods += keys
    days: list[tuple[int, list[str]]] = []
    for m in _DAYS.finditer(clause):
        listed = [f"{m.group(1)}/{m.group(2)}"] + [
            f"{d}/{mo}" for d, mo in _MORE.findall(m.group(3))
        ]
        days.append((m.start(), [d for d in listed if _valid(d)]))
    if not keys:
        single = _FULL_DAY.search(clause)
        if single and "han" not in found:
            found["han"] = single.group(1)
        return
    for at, listed in days:
        if len(listed) > 1 and len(listed) == len(keys):
            pairs = zip(sorted(keys, key=_ORDER.index), listed, strict=True)
        else:
            nearest = min(named, key=lambda p: abs(p[0] - at))[1]
            pairs = zip([nearest], listed[:1], strict=False)
        for key, day in pairs:
            found.setdefault(key, day)


def _key(m: re.Match[str]) -> str:
    return next(name for name, value in m.groupdict().items() if value).rsplit("_", 1)[0]


def _valid(day: str) -> bool:
    d, m = (int(x) for x in day.split("/"))
    return 1 <= d <= 31 and 1 <= m <= 12
