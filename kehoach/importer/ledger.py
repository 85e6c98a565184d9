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


@dataclass
class Ledger:
    """Ids given, review notes by id, and the summary lines of one import."""

    profile: Profile
    review: dict[str, list[str]] = field(default_factory=dict)
    ids: set[str] = field(default_factory=set)
    found: list[str] = field(default_factory=list)

    def note(self, key: str, reason: str) -> None:
        self.review.setdefault(key, []).append(reason)

    def unique(self, wanted: str) -> str:
        """`wanted`, or `wanted-2`, `wanted-3` … when it is taken."""
        candidate, n = wanted, 2
        while candidate in self.ids:
            candidate, n = f"{wanted}-{n}", n + 1
        self.ids.add(candidate)
        return candidate
