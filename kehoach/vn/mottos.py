"""The header's motto lines as offices type them: `CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM` is
the profile's `CỘNG HÒA …` (the tone on the other vowel of oa, oe, uy), whatever the case,
the spacing, the dash (`-`, `–`) or the Unicode form (NFD)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from kehoach.rules.profile import load_profile
from kehoach.rules.profile_dates import Kind, load_profile_table

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def _fold(word: str) -> tuple[str, tuple[str, ...]]:
    decomposed = unicodedata.normalize("NFD", word.upper())
    tones = tuple(sorted(c for c in decomposed if c in _TONES))
    base = "".join(c for c in decomposed if c not in _TONES)
    return unicodedata.normalize("NFC", base), tones


def folded(line: str) -> list[tuple[str, tuple[str, ...]]]:
    """A line as words without tone placement, case or dash kind."""
    words = re.sub(r"[-–—]", " - ", line.replace("\u00a0", " ")).split()
    return [_fold("-" if word in "–—" else word) for word in words]


def same_line(line: str, motto: str) -> bool:
    """Whether `line` is `motto` as an office may type it."""
    return bool(motto.strip()) and folded(line) == folded(motto)


def holds(line: str, motto: str) -> bool:
    """Whether `motto` stands in `line` among other text (two header columns on one line)."""
    want, have = folded(motto), folded(line)
    return bool(want) and any(have[i : i + len(want)] == want for i in range(len(have)))


_TOKEN = re.compile(r"[-–—]|[^\s\-–—]+")


def span(line: str, motto: str) -> tuple[int, int] | None:
    """Where `motto` stands in `line` (as `holds` finds it): start and end, or None."""
    tokens = [
        (m.start(), m.end(), _fold("-" if m.group() in "–—" else m.group()))
        for m in _TOKEN.finditer(line)
    ]
    want = folded(motto)
    for i in range(len(tokens) - len(want) + 1):
        if [t[2] for t in tokens[i : i + len(want)]] == want:
            return tokens[i][0], tokens[i + len(want) - 1][1]
    return None


def kind_of_header(lines: Iterable[str]) -> Kind:
    """`nha_nuoc` when a line of a document's header holds the Quốc hiệu of a State
    profile (however its tone marks are placed: `CỘNG HOÀ …`), else `dang`."""
    table = load_profile_table().nha_nuoc
    state_mottos = [load_profile(entry.id).tieu_de.chu for entry in table]
    state = any(holds(line, motto) for line in lines for motto in state_mottos)
    return "nha_nuoc" if state else "dang"
