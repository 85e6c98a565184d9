"""The comment lines a plan file keeps above its elements, and the review marks among
them (`# XEM LẠI: …`, written by import and derive for the clerk to check)."""

from __future__ import annotations

from kehoach.plan import yamlsource
from kehoach.plan.yamlsource import Path_

REVIEW = "XEM LẠI"


def comments(text: str, file: str) -> dict[Path_, list[str]]:
    """Element path → the comment lines directly above it (each line given once, to the
    outermost element that starts on the line below it, as `PlanFile` anchors them)."""
    source = yamlsource.load(text, file)
    lines = text.splitlines()
    taken: set[int] = set()
    found: dict[Path_, list[str]] = {}
    for path, _value in yamlsource.values(source.data):
        if not path:
            continue
        mark = source.key_marks.get(path) if isinstance(path[-1], str) else source.marks.get(path)
        if mark is None:
            continue
        row = mark[0] - 2  # the line above, 0-based
        block: list[str] = []
        while row >= 0 and row not in taken and lines[row].strip().startswith("#"):
            block.insert(0, lines[row].strip().lstrip("#").strip())
            taken.add(row)
            row -= 1
        if block:
            found[path] = block
    return found


def review_marks(text: str, file: str) -> dict[Path_, list[str]]:
    """Element path → its review marks, without the `XEM LẠI:` prefix."""
    marks: dict[Path_, list[str]] = {}
    for path, block in comments(text, file).items():
        mine = [c.removeprefix(REVIEW).lstrip(": ").strip() for c in block if c.startswith(REVIEW)]
        if mine:
            marks[path] = mine
    return marks


def count(text: str) -> int:
    """How many review marks the file has (a file YAML cannot read has none shown)."""
    return sum(
        1 for line in text.splitlines() if line.strip().lstrip("#").strip().startswith(REVIEW)
        and line.strip().startswith("#")
    )
