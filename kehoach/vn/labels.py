"""Outline labels: sections `I.`, items `1.`, sub-items `a)`, bullets `-` and `+`.

The writer takes the label forms from the profile (`nhan`); the parser reads what real
documents write (`I-` as well as `I.`, `1.1.`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from kehoach.rules.profile import Labels

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
BULLETS = ("-", "+")

_SECTION = re.compile(r"^\s*(([IVXL]+)\s*[.\-])(\s*)(.+)$")
_ITEM = re.compile(r"^\s*((\d{1,2})\s*[.\-])\s+(.+)$")
_SUB = re.compile(r"^\s*((\d{1,2})\.\d{1,2}\.?|([a-zđ])\))\s+(.+)$")
_BULLET = re.compile(r"^\s*([-+])\s+(.+)$")


def roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def roman_value(text: str) -> int:
    values = dict((letters, value) for value, letters in _ROMAN if len(letters) == 1)
    total = 0
    for i, c in enumerate(text):
        v = values[c]
        total += -v if i + 1 < len(text) and values[text[i + 1]] > v else v
    return total


def section(n: int, rule: Labels) -> str:
    """`I.`, `II.` … as the profile writes a section's label."""
    return rule.muc.format(so_la_ma=roman(n))


def item(n: int, rule: Labels) -> str:
    """`1.`, `2.` … as the profile writes an item's label."""
    return rule.tieu_muc.format(so=n)


def sub_item(n: int, rule: Labels) -> str:
    """`a)`, `b)` … `đ)` … as the profile writes a sub-item's label, with the profile's
    letters (the Vietnamese alphabet: no f, j, w, z); past the last, doubled: `aa)`."""
    letters = rule.letters
    letter = letters[(n - 1) % len(letters)] * ((n - 1) // len(letters) + 1)
    return rule.tieu_muc_con.format(chu=letter)


def child(style: str | None, parent: str, n: int, rule: Labels) -> str:
    """The label of the `n`th sub-item under an item labelled `parent`, in the style the
    item names (`a)` by default, `1.1.`, `-`, `+`)."""
    if style in BULLETS:
        return style
    if style == "1.1.":
        return f"{parent.rstrip('.-')}.{n}."
    return sub_item(n, rule)


Kind = Literal["muc", "tieu_muc", "tieu_muc_con", "gach"]


@dataclass(frozen=True)
class Label:
    """The label that opens a line, its number (0 for a bullet) and the text after it."""

    kind: Kind
    written: str
    value: int
    text: str


def parse(line: str, rule: Labels | None = None) -> Label | None:
    """The label that opens `line`, if any: section, item, sub-item or bullet. A sub-item
    letter counts in `rule`'s letters (`đ)` is the 5th) when given, else from `a`."""
    found = _SECTION.match(line)
    if found and (found.group(3) or found.group(4)[:1].isupper()):  # `I.MỤC`, not `X-quang`
        return Label("muc", found.group(1), roman_value(found.group(2)), found.group(4))
    if found := _ITEM.match(line):
        return Label("tieu_muc", found.group(1), int(found.group(2)), found.group(3))
    if found := _SUB.match(line):
        letter = found.group(3)
        if letter and rule is not None and letter in rule.letters:
            value = rule.letters.index(letter) + 1
        else:
            value = ord(letter) - ord("a") + 1 if letter else int(found.group(2))
        return Label("tieu_muc_con", found.group(1), value, found.group(4))
    if found := _BULLET.match(line):
        return Label("gach", found.group(1), 0, found.group(2))
    return None
