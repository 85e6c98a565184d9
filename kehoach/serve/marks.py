"""The comment lines a plan file keeps above its elements, and the review marks among
them (`# XEM LẠI: …`, written by import and derive for the clerk to check)."""

from __future__ import annotations

from kehoach.plan.comments import REVIEW, comments
from kehoach.plan.yamlsource import Path_


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
