"""Numbers written the Vietnamese way: decimal comma and thousands dot (`2,59`, `10.000`)."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_EVEN, Decimal
from functools import cache

PATTERN = r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
"""A number as written (no sign), for use inside other patterns."""
_SIGNED = re.compile(rf"[-+]?{PATTERN}")


_QUANTUM = Decimal("0.001")


@cache
def number(value: float) -> str:
    """Decimal comma and thousands dot: 2,59 · 75,5 · 10.000 — at most three decimals,
    rounded half to even, as CLDR's Vietnamese pattern `#,##0.###` (babel's
    `format_decimal(value, locale="vi")`, without loading its locale data); zero is
    never signed (babel writes -0 for -0.0001)."""
    rounded = Decimal(str(value)).quantize(_QUANTUM, ROUND_HALF_EVEN)
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    fraction = fraction.rstrip("0")
    text = f"{int(whole):,}".replace(",", ".") + (f",{fraction}" if fraction else "")
    return f"-{text}" if rounded < 0 else text


def quantity(value: float, unit: str | None) -> str:
    """A number with its unit as a sentence writes it: `78%`, `1%/năm` (a percent sign
    follows the number), `75,5 tuổi`, `200 giường bệnh`."""
    text = number(value)
    if not unit:
        return text
    return f"{text}{unit}" if unit.startswith("%") else f"{text} {unit}"


def parse_number(text: str) -> int | float | None:
    """A number written the Vietnamese way (`2,59`, `10.000`), or None if it is not one."""
    text = text.strip()
    if not _SIGNED.fullmatch(text):
        return None
    value = Decimal(text.replace(".", "").replace(",", "."))
    return int(value) if value == int(value) else float(value)


def is_written_form(text: str) -> bool:
    """True when writing the number back gives the very same characters."""
    value = parse_number(text)
    return value is not None and number(value) == text
