"""Số và ký hiệu: `Số 12-KH/HU`, a draft's `Số      -KH/HU`; a State document's
`Số: 16/KH-UBND` (Nghị định 30/2020). The prefix, the blank, the digits and the order of
number and codes come from the profile (`so_ky_hieu`); the parser reads both orders, with
or without the colon (`Số: 12 - KH/HU`, `Số:   /KH-MTTQ-BTT`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kehoach.rules.profile import DocNumber

_CODE = r"[A-Za-zĐđ]+"
_CODES = rf"{_CODE}(?:-{_CODE})*"


def number_text(number: int, rule: DocNumber) -> str:
    """`05`: the number with as many digits as the profile asks."""
    return f"{number:0{rule.do_dai_so}d}"


def doc_number(number: int | None, type_code: str, body_code: str, rule: DocNumber) -> str:
    """`Số 12-KH/HU`, `Số 05-KH/ĐU`; a draft keeps the number blank: `Số      -KH/HU`.
    A State profile: `Số: 16/KH-UBND`, `Số:      /KH-UBND`."""
    if number is None:
        return f"{rule.tien_to}{rule.cho_trong}{codes(None, type_code, body_code, rule)}"
    return f"{rule.tien_to} {codes(number, type_code, body_code, rule)}"


def codes(number: int | None, type_code: str, body_code: str, rule: DocNumber) -> str:
    """What follows `Số`: `12-KH/HU`, `16/KH-UBND` (number blank: `-KH/HU`)."""
    digits = "" if number is None else number_text(number, rule)
    return rule.mau.format(so=digits, loai=type_code, co_quan=body_code)


def _patterns(rule: DocNumber) -> list[re.Pattern[str]]:
    """The Party's order (`12-KH/HU`) and the State's (`16/KH-UBND`), after the prefix's
    word (`Số`) with or without a colon."""
    word = re.escape(rule.tien_to.rstrip(":"))
    return [
        re.compile(rf"{word}\s*(:)?\s*(\d*)\s*-\s*({_CODE})/({_CODE})"),
        re.compile(rf"{word}\s*(:)?\s*(\d*)\s*/\s*({_CODE})-({_CODES})"),
    ]


@dataclass(frozen=True)
class Found:
    """A số và ký hiệu as written, and where it is in its line."""

    text: str
    number: int | None
    type_code: str
    body_code: str
    colon: bool
    start: int
    end: int

    def in_profile_form(self, rule: DocNumber) -> bool:
        """Written as the profile writes it (a draft's blank may be any width)."""
        if self.number is None:
            tail = re.escape(codes(None, self.type_code, self.body_code, rule))
            blank = re.escape(rule.tien_to) + rf"\s+{tail}"
            return re.fullmatch(blank, self.text) is not None
        return self.text == doc_number(self.number, self.type_code, self.body_code, rule)


def parse(text: str, rule: DocNumber) -> Found | None:
    """The first số và ký hiệu in `text`, in either order, with or without a colon."""
    found = [m for m in (p.search(text) for p in _patterns(rule)) if m is not None]
    if not found:
        return None
    match = min(found, key=lambda m: m.start())
    colon, digits, type_code, body_code = match.groups()
    number = int(digits) if digits else None
    return Found(match.group(0), number, type_code, body_code, bool(colon), *match.span())


def starts_number_line(text: str, rule: DocNumber) -> bool:
    """A line that opens with the prefix's word (`Số …`), however the rest is written."""
    return text.startswith(rule.tien_to.rstrip(":"))


def has_colon(text: str, rule: DocNumber) -> bool:
    """`Số: 12-KH/HU`: a colon after `Số` where the profile writes none (the Party's)."""
    word = re.escape(rule.tien_to.rstrip(":"))
    return not rule.tien_to.endswith(":") and re.match(rf"\s*{word}\s*:", text) is not None
