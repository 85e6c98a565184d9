"""What every step of import shares: the ids given so far, the review notes for the clerk,
the summary of what was found, and the profile whose written forms are read."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from kehoach.rules.profile import Profile, load_profile
from kehoach.rules.profile_dates import load_profile_table
from kehoach.rules.vocabulary import Vocabulary, load_vocabulary

Data = dict[str, Any]
"""Plan data as it will be written to YAML (validated by the model once complete)."""


@cache
def vocabulary() -> Vocabulary:
    """The words import relies on (kehoach/data/nhap.yaml)."""
    return load_vocabulary()


def default_profile() -> Profile:
    """An imported plan has no date yet: it is read with the first profile (the later ones
    write dates and numbers the same way)."""
    return load_profile(load_profile_table().ho_so[0].id)


def slug(text: str, words: int = 5) -> str:
    """A readable ASCII id part: `Về giáo dục` → `ve-giao-duc`."""
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    parts = re.findall(r"[a-z0-9]+", plain)[:words]
    return "-".join(parts) or "muc"


def clean(line: str) -> str:
    """A line without no-break spaces, tabs at its ends or surrounding blanks."""
    return re.sub(r"[\u00a0\t]", " ", line).strip()


class Ids(set[str]):
    """The ids given so far, counted under each of their dash-ended prefixes (`nv1-2-3`
    counts under `nv1` and `nv1-2`), so that numbering the next child of an element costs
    the same at its 200,000th paragraph as at its first (a scan of every id made import
    quadratic)."""

    def __init__(self) -> None:
        super().__init__()
        self.counts: dict[str, int] = {}
        self.tried: dict[str, int] = {}  # `wanted` → the number `unique` tries next

    def add(self, ident: str) -> None:
        if ident not in self:
            super().add(ident)
            self._count(ident, +1)

    def discard(self, ident: object) -> None:
        if isinstance(ident, str) and ident in self:
            super().discard(ident)
            self._count(ident, -1)
            self.tried.clear()  # a freed number is given again, as before

    def _count(self, ident: str, step: int) -> None:
        for at, char in enumerate(ident):
            if char == "-":
                self.counts[ident[:at]] = self.counts.get(ident[:at], 0) + step

    def under(self, owner: str) -> int:
        """How many ids begin with `owner-`."""
        return self.counts.get(owner, 0)


@dataclass
class Ledger:
    """Ids given, review notes by id, and the summary lines of one import."""

    profile: Profile
    review: dict[str, list[str]] = field(default_factory=dict)
    ids: Ids = field(default_factory=Ids)
    found: list[str] = field(default_factory=list)

    def note(self, key: str, reason: str) -> None:
        self.review.setdefault(key, []).append(reason)

    def unique(self, wanted: str) -> str:
        """`wanted`, or `wanted-2`, `wanted-3` … when it is taken (the numbers already
        tried for `wanted` are not tried again)."""
        n = self.ids.tried.get(wanted, 2)
        candidate = wanted if n == 2 else f"{wanted}-{n}"
        while candidate in self.ids:
            candidate, n = f"{wanted}-{n}", n + 1
        self.ids.tried[wanted] = n
        self.ids.add(candidate)
        return candidate
