"""The one sequence diff of compare: difflib's opcodes, near linear for any input.

difflib's SequenceMatcher is exact and cheap on short or varied sequences, but slow on
long repetitive ones: a 15,000-word paragraph with 130 edits took 100 s, 1,000 paragraphs
of three texts 40 s. So a long pair is cut first where both agree for sure — the common
beginning and end, and the items that occur once on each side, in the longest order
both keep (patience diff; in a repetitive piece, the rarest items) — and only the pieces
between, once small, go to difflib; a piece still long with nothing to cut at is one
replacement."""

from __future__ import annotations

import bisect
from collections.abc import Hashable, Sequence
from difflib import SequenceMatcher

Opcode = tuple[str, int, int, int, int]

SMALL = 10_000
"""Pairs of items difflib may compare at most (`len(a) * len(b)`) for one piece."""
DEPTH = 12
"""How many times a piece is cut again before it counts as one replacement."""


def opcodes(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[Opcode]:
    """`SequenceMatcher(None, a, b, autojunk=False).get_opcodes()` (the very same for a
    small pair), near linear for a long one."""
    if len(a) * len(b) <= SMALL:
        return list(SequenceMatcher(None, a, b, autojunk=False).get_opcodes())
    out: list[Opcode] = []
    _diff(a, b, 0, len(a), 0, len(b), DEPTH, out)
    return _joined(out)


def _diff(a: Sequence[Hashable], b: Sequence[Hashable], i1: int, i2: int, j1: int, j2: int,
          depth: int, out: list[Opcode]) -> None:
    while i1 < i2 and j1 < j2 and a[i1] == b[j1]:  # the common beginning
        out.append(("equal", i1, i1 + 1, j1, j1 + 1))
        i1, j1 = i1 + 1, j1 + 1
    tail = 0
    while i1 < i2 - tail and j1 < j2 - tail and a[i2 - tail - 1] == b[j2 - tail - 1]:
        tail += 1
    _middle(a, b, i1, i2 - tail, j1, j2 - tail, depth, out)
    if tail:
        out.append(("equal", i2 - tail, i2, j2 - tail, j2))


def _middle(a: Sequence[Hashable], b: Sequence[Hashable], i1: int, i2: int, j1: int, j2: int,
            depth: int, out: list[Opcode]) -> None:
    if i1 == i2 or j1 == j2:
        if i1 < i2 or j1 < j2:
            out.append(("delete" if i1 < i2 else "insert", i1, i2, j1, j2))
        return
    if (i2 - i1) * (j2 - j1) <= SMALL:
        matcher = SequenceMatcher(None, a[i1:i2], b[j1:j2], autojunk=False)
        out.extend((tag, x1 + i1, x2 + i1, y1 + j1, y2 + j1)
                   for tag, x1, x2, y1, y2 in matcher.get_opcodes())
        return
    anchors = _anchors(a, b, i1, i2, j1, j2) if depth else []
    if not anchors:
        out.append(("replace", i1, i2, j1, j2))
        return
    for i, j in anchors:
        _diff(a, b, i1, i, j1, j, depth - 1, out)
        out.append(("equal", i, i + 1, j, j + 1))
        i1, j1 = i + 1, j + 1
    _diff(a, b, i1, i2, j1, j2, depth - 1, out)


def _anchors(a: Sequence[Hashable], b: Sequence[Hashable], i1: int, i2: int, j1: int,
             j2: int) -> list[tuple[int, int]]:
    """Items of the piece to cut at, paired, in the longest order both keep: those found
    once on each side; in a repetitive piece with none, the rarest of those found as often
    on both sides, occurrence by occurrence (histogram diff)."""
    where_a: dict[Hashable, list[int]] = {}
    for i in range(i1, i2):
        where_a.setdefault(a[i], []).append(i)
    where_b: dict[Hashable, list[int]] = {}
    for j in range(j1, j2):
        where_b.setdefault(b[j], []).append(j)
    counts = {len(found) for key, found in where_a.items()
              if len(where_b.get(key, ())) == len(found)}
    if not counts:
        return []
    rarest = min(counts)
    pairs = sorted(pair for key, found in where_a.items()
                   if len(found) == rarest and len(where_b.get(key, ())) == rarest
                   for pair in zip(found, where_b[key], strict=True))
    return _longest_increasing(pairs)


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of `pairs` (sorted by their first) whose seconds increase."""
    tops: list[int] = []  # the smallest last second of a run of each length
    ends: list[int] = []  # which pair ends that run
    before: list[int] = []
    for k, (_, j) in enumerate(pairs):
        at = bisect.bisect_left(tops, j)
        if at == len(tops):
            tops.append(j)
            ends.append(k)
        else:
            tops[at], ends[at] = j, k
        before.append(ends[at - 1] if at else -1)
    run, k = [], ends[-1] if ends else -1
    while k >= 0:
        run.append(pairs[k])
        k = before[k]
    return run[::-1]


def _joined(found: list[Opcode]) -> list[Opcode]:
    """Adjacent opcodes made one as difflib gives them: equal runs together, and changes
    side by side one replacement (or one deletion, or one insertion)."""
    out: list[Opcode] = []
    for op in found:
        if op[1] == op[2] and op[3] == op[4]:
            continue
        if out and (out[-1][0] == "equal") == (op[0] == "equal"):
            _, i1, _, j1, _ = out[-1]
            tag = op[0] if op[0] == "equal" else _change(i1, op[2], j1, op[4])
            out[-1] = (tag, i1, op[2], j1, op[4])
        else:
            out.append(op)
    return out


def _change(i1: int, i2: int, j1: int, j2: int) -> str:
    return "replace" if i1 < i2 and j1 < j2 else "delete" if i1 < i2 else "insert"
