"""Which page shows the field being edited: the texts of the plan at a field's path, most
precise first, looked for among the printed words of the plan's PDF.

A field whose own text is printed (a paragraph, a heading, an indicator's sentence) is
found by it; a field that is not printed (an id, a unit, a label of the forms) by the
texts of the element it belongs to, from its first to its last; failing that, by the
element around that one, up to the whole plan (the first page)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kehoach.document.page_words import Layout, Mark, marks, span
from kehoach.source.yamlsource import Path_

SKIPPED = {"id", "xem_lai"}  # never printed as they are
MIN_WORDS = 2


def place(data: Any, path: Path_, found: Layout) -> list[Mark]:
    """Where the field at `path` is printed, page by page; [] when nothing of it is."""
    for first, last in candidates(data, path):
        words = span(found, first, last)
        if words is not None:
            return marks(found, *words)
    return []


def candidates(data: Any, path: Path_) -> Iterator[tuple[str, str]]:
    """(first text, last text) to look for: the field's own, then each enclosing
    element's, the innermost first."""
    chain = [data]
    for part in path:
        node = chain[-1]
        keyed = isinstance(node, dict) and isinstance(part, str) and part in node
        if not keyed and not (isinstance(node, list) and isinstance(part, int)
                              and 0 <= part < len(node)):
            break
        chain.append(node[part])
    resolved = bool(path) and len(chain) == len(path) + 1
    if resolved and isinstance(chain[-1], str) and path[-1] not in SKIPPED:
        yield chain[-1], chain[-1]
    for node in reversed(chain[:-1] if resolved else chain):
        texts = list(_texts(node))
        if texts:
            yield texts[0], texts[-1]


def _texts(node: Any) -> Iterator[str]:
    """The element's texts of a few words at least, in the file's order."""
    if isinstance(node, str):
        if len(node.split()) >= MIN_WORDS:
            yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            if key not in SKIPPED:
                yield from _texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _texts(value)
