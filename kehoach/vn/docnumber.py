"""Số và ký hiệu: `Số 12-KH/HU`, a draft's `Số      -KH/HU`. The prefix, the blank and the
digits come from the profile (`so_ky_hieu`); the parser also reads `Số: 12 - KH/HU`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kehoach.rules.profile import DocNumber

_CODE = r"[A-Za-zĐđ]+"


def number_text(number: int, rule: DocNumber) -> str:
    """`05`: the number with as many digits as the profile asks."""
    return f"{number:0{rule.do_dai_so}d}"


def code(number: int, type_code: str, body_code: str, rule: DocNumber) -> str:
    """`05-KH/HU`: the number and the codes, without the prefix (a list, a citation)."""
    return f"{number_text(number, rule)}-{type_code}/{body_code}"


def doc_number(number: int | None, type_code: str, body_code: str, rule: DocNumber) -> str:
    """`Số 12-KH/HU`, `Số 05-KH/ĐU`; a draft keeps the number blank: `Số      -KH/HU`."""
    if number is None:
        return f"{rule.tien_to}{rule.cho_trong}-{type_code}/{body_code}"
    return f"{rule.tien_to} {code(number, type_code, body_code, rule)}"


def _pattern(rule: DocNumber) -> re.Pattern[str]:
    prefix = re.escape(rule.tien_to)
    return re.compile(rf"{prefix}\s*(:)?\s*(\d*)\s*-\s*({_CODE})/({_CODE})")


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
            blank = re.escape(rule.tien_to) + rf"\s+-{self.type_code}/{self.body_code}"
            return not self.colon and re.fullmatch(blank, self.text) is not None
        return self.text == doc_number(self.number, self.type_code, self.body_code, rule)


def parse(text: str, rule: DocNumber) -> Found | None:
    """The first số và ký hiệu in `text`, with or without the colon real documents add."""
    match = _pattern(rule).search(text)
    if match is None:
        return None
    colon, digits, type_code, body_code = match.groups()
    number = int(digits) if digits else None
    return Found(match.group(0), number, type_code, body_code, bool(colon), *match.span())


def starts_number_line(text: str, rule: DocNumber) -> bool:
    """A line that opens with the prefix (`Số …`), however the rest is written."""
    return text.startswith(rule.tien_to)


def has_colon(text: str, rule: DocNumber) -> bool:
    """`Số: 12-KH/HU`: the colon the official format leaves out."""
    return re.match(rf"\s*{re.escape(rule.tien_to)}\s*:", text) is not None
