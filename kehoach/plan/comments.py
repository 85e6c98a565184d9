"""The comment lines a plan file keeps above its elements: read once here for the web
editor (which shows them) and for `derive --update` (which carries the clerk's own lines
into the merged plan instead of leaving them only in the `.bak`)."""

from __future__ import annotations

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
