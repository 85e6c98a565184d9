"""The comment lines a plan file keeps above its elements, and the review marks among
them (`# XEM LẠI: …`, written by import and derive for the clerk to check)."""

from __future__ import annotations

from typing import Any

from kehoach.plan.comments import REVIEW, comments, note_mark
from kehoach.source import yamlsource
from kehoach.source.yamlsource import Path_


def review_marks(text: str, file: str, data: Any = None) -> dict[Path_, list[str]]:
    """Element path → its review marks, without the `XEM LẠI:` prefix: the `# XEM LẠI`
    lines, and every `xem_lai` note no such line speaks for (a note written by hand, or
    whose line was deleted), so each note has its "Đã xem" button. `data`: the text's
    data, when the caller has read it already."""
    marks: dict[Path_, list[str]] = {}
    for path, block in comments(text, file).items():
        mine = [_bare(c) for c in block if c.startswith(REVIEW)]
        if mine:
            marks[path] = mine
    data = yamlsource.load(text, file).data if data is None else data
    for path, value in yamlsource.values(data):
        notes = value.get("xem_lai") if isinstance(value, dict) and path else None
        for note in notes if isinstance(notes, list) else []:
            if not isinstance(note, dict) or not isinstance(note.get("ly_do"), str):
                continue
            line = _bare(note_mark(note["ly_do"], note.get("cum")))
            if line not in marks.get(path, []):
                marks.setdefault(path, []).append(line)
    return marks


def _bare(line: str) -> str:
    return line.removeprefix(REVIEW).lstrip(": ").strip()


def total(text: str, file: str) -> int:
    """How many review marks the editor shows for the file (its notes without a line too),
    so the list and the editor give the same count."""
    return sum(len(found) for found in review_marks(text, file).values())
