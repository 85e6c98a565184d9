"""Word-level differences of two texts, shared by the change list and the revisions."""

from __future__ import annotations

import re
from collections import Counter

from kehoach.compare import sequence

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]+")

Opcode = sequence.Opcode


def tokens(text: str) -> list[str]:
    """Words, punctuation and the spaces between them; joined, they give the text back."""
    return _TOKEN.findall(text)


def opcodes(old: list[str], new: list[str]) -> list[Opcode]:
    """The sequence diff's opcodes, with a change, a lone space, a change made one change: "sâu
    rộng" → "thường xuyên" reads as one replacement, not two."""
    raw = sequence.opcodes(old, new)
    out: list[Opcode] = []
    for op in raw:
        if (
            out
            and op[0] != "equal"
            and len(out) >= 2
            and _space(out[-1], old)
            and out[-2][0] != "equal"
        ):
            _, i1, _, j1, _ = out[-2]
            out[-2:] = [("replace", i1, op[2], j1, op[4])]
        else:
            out.append(op)
    return out


def _space(op: Opcode, old: list[str]) -> bool:
    return op[0] == "equal" and all(not t.strip() for t in old[op[1] : op[2]])


def bag(text: str) -> Counter[str]:
    """The words of `text` (case aside), each with its count."""
    return Counter(t.casefold() for t in _TOKEN.findall(text) if t.strip())


def share(old: Counter[str], new: Counter[str]) -> float:
    """How alike two texts are, as the share of their words they have in common (Dice):
    linear in their length, where difflib's ratio is quadratic."""
    size = sum(old.values()) + sum(new.values())
    return 2 * sum((old & new).values()) / size if size else 1.0


def similarity(old: str, new: str) -> float:
    return 1.0 if old == new else share(bag(old), bag(new))


def word_changes(old: str, new: str) -> list[tuple[str, str]]:
    """The `(removed, added)` word runs that turn `old` into `new` (either may be empty)."""
    a, b = tokens(old), tokens(new)
    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in opcodes(a, b):
        if tag != "equal":
            out.append(("".join(a[i1:i2]).strip(), "".join(b[j1:j2]).strip()))
    return [pair for pair in out if any(pair)]


def describe(changes: list[tuple[str, str]]) -> str:
    """`bỏ “sâu rộng”; “95” → “96”; thêm “thường xuyên”`."""
    parts = []
    for removed, added in changes:
        if removed and added:
            parts.append(f"“{removed}” → “{added}”")
        elif removed:
            parts.append(f"bỏ “{removed}”")
        else:
            parts.append(f"thêm “{added}”")
    return "; ".join(parts)


def _words(text: str) -> Counter[str]:
    """The words alone (case aside): a row's quotes and separators say nothing of it."""
    return Counter(t.casefold() for t in _TOKEN.findall(text) if t[:1].isalnum())


ALIKE = 0.5
"""Two rows (or items) at least this alike, by their words, are one edited row."""


def pair_alike(old: list[str], new: list[str]) -> list[tuple[int | None, int | None]]:
    """A changed stretch of rows as pairs in order: each old row with the first new row
    still free that reads alike (`ALIKE`), rows before it on the new side inserted; an old
    row with none deleted. `(i, None)` deleted, `(None, j)` inserted, `(i, j)` edited."""
    out: list[tuple[int | None, int | None]] = []
    j = 0
    bags = [_words(text) for text in new]
    for i, text in enumerate(old):
        mine = _words(text)
        match = next((k for k in range(j, len(new)) if share(mine, bags[k]) >= ALIKE), None)
        if match is None:
            out.append((i, None))
            continue
        out += [(None, k) for k in range(j, match)]
        out.append((i, match))
        j = match + 1
    out += [(None, k) for k in range(j, len(new))]
    return out
