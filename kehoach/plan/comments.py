"""The comment lines a plan file keeps above its elements: read once here for the web
editor (which shows them) and for `derive --update` (which carries the clerk's own lines
into the merged plan instead of leaving them only in the `.bak`)."""

from __future__ import annotations

import bisect
from typing import Any

from kehoach.source import yamlsource
from kehoach.source.yamlsource import Path_

REVIEW = "XEM LẠI"


def note_mark(ly_do: str, cum: str | None) -> str:
    """The `XEM LẠI: …` comment line derive writes above an element for one of its notes."""
    return f"{REVIEW}: {ly_do} ('{cum}')" if cum else f"{REVIEW}: {ly_do}"


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


def every_comment(text: str, file: str) -> tuple[dict[Path_, list[str]], list[str]]:
    """Every comment of a plan file: element path → the comment lines above it (across
    blank lines) and the comments at the end of its lines; and the comments after the
    file's last value. A `#` inside a value (a quoted or block text) is no comment."""
    source = yamlsource.load(text, file)
    lines = text.splitlines()
    starts = [0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    inside = sorted(source.spans.values())
    on_line: dict[int, Path_] = {}
    for path, _value in yamlsource.values(source.data):
        mark = source.key_marks.get(path) if path and isinstance(path[-1], str) else None
        mark = mark or source.marks.get(path)
        if path and mark is not None:
            on_line.setdefault(mark[0] - 1, path)  # the outermost element starting there
    found: dict[Path_, list[str]] = {}
    waiting: list[str] = []
    last: Path_ | None = None
    for row, line in enumerate(lines):
        at = _comment_at(line, starts[row], inside)
        here = on_line.get(row)
        if at is not None and not line[:at].strip():
            waiting.append(line[at:].lstrip("#").strip())
            continue
        if here is not None:
            found.setdefault(here, []).extend(waiting)
            waiting, last = [], here
        if at is not None and last is not None:
            found.setdefault(last, []).append(line[at:].lstrip("#").strip())
    return {path: block for path, block in found.items() if block}, waiting


def _comment_at(line: str, start: int, inside: list[tuple[int, int]]) -> int | None:
    """Where a comment starts on `line` (a `#` at its start or after a blank, outside
    every value), or None."""
    for at, char in enumerate(line):
        if char != "#" or (at and line[at - 1] not in " \t"):
            continue
        offset = start + at
        span = bisect.bisect_right(inside, (offset, float("inf"))) - 1
        if span < 0 or not inside[span][0] <= offset < inside[span][1]:
            return at
    return None


def by_element(data: dict[str, Any], found: dict[Path_, list[str]]) -> dict[str, list[str]]:
    """The comments of `found` keyed as `yamlwrite.dump` places them: by the id of the
    element they sit on, or of the nearest element with an id around a plain field, or by
    the top-level key (`van_ban`, `chu_ky` …). The block above the file's first key opens
    with the file's header, up to its closing bare `#`: that is left out (the writer writes
    a new one), the clerk's lines after it are kept under the key `""`, to go below the
    new header (the writer would put a key's lines above every `id:` of the file)."""
    first = next(iter(data), None)
    keyed: dict[str, list[str]] = {}
    for path, lines in found.items():
        if path == (first,):
            lines = lines[len(lines) - lines[::-1].index("") :] if "" in lines else lines
            keyed.setdefault("", []).extend(lines)
            continue
        node: Any
        key, node = str(path[0]), data
        for depth, part in enumerate(path):
            node = node[part]
            if isinstance(node, dict) and isinstance(node.get("id"), str) and depth:
                key = node["id"]
        keyed.setdefault(key, []).extend(lines)
    return keyed
