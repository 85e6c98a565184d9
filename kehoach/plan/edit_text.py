"""Where a composed YAML node stands in the plan file's text: the offsets `plan.edit`
splices at (a node's last own character, a list item's dash), and the look-ups by key."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode


def ensure_break(before: str, newline: str) -> str:
    return newline if before and not before.endswith("\n") else ""


def key_name(node: Node) -> Any:
    return unicodedata.normalize("NFC", str(node.value))


def child(node: Node, part: str | int) -> Node | None:
    if isinstance(node, MappingNode) and isinstance(part, str):
        return next((v for k, v in node.value if key_name(k) == part), None)
    if isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return node.value[part]
    return None


def scalars(node: Node) -> Iterator[ScalarNode]:
    if isinstance(node, ScalarNode):
        yield node
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            yield key
            yield from scalars(value)
    elif isinstance(node, SequenceNode):
        for item in node.value:
            yield from scalars(item)


def content_end(text: str, node: Node) -> int:
    """Just after the last character that belongs to `node` (not the blank lines a
    block scalar's span runs on into)."""
    if isinstance(node, ScalarNode):
        end = node.end_mark.index
        if node.style in ("|", ">"):
            end = node.start_mark.index + len(text[node.start_mark.index : end].rstrip())
        return end
    if getattr(node, "flow_style", False) or not node.value:
        return node.end_mark.index
    last = node.value[-1]
    return content_end(text, last[1] if isinstance(node, MappingNode) else last)


def dash(text: str, item: Node) -> int:
    """The `-` that introduces a block sequence item."""
    at = item.start_mark.index - 1
    while at > 0 and text[at] in " \r\n":
        at -= 1
    return at


def flow_span(text: str, node: MappingNode | SequenceNode, i: int) -> tuple[int, int]:
    """The text to cut to take item (or field) `i` out of a flow `[…]`/`{…}`, with one of
    the commas around it."""
    pairs = [p if isinstance(node, MappingNode) else (p, p) for p in node.value]
    if i + 1 < len(pairs):
        return pairs[i][0].start_mark.index, pairs[i + 1][0].start_mark.index
    if i:
        return content_end(text, pairs[i - 1][1]), content_end(text, pairs[i][1])
    return pairs[i][0].start_mark.index, content_end(text, pairs[i][1])
