"""Write plan data as YAML a clerk will edit: block layout, prose as `>-` blocks, and
comments placed above the elements they are about (PyYAML's dumper cannot comment)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import yaml

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
PROSE_WIDTH = 60  # longer strings become `>-` blocks
_EMPTY = {dict: "{}", list: "[]"}


@lru_cache(maxsize=8192, typed=True)  # a batch of units repeats most strings
def _plain(value: Any) -> str:
    text = yaml.dump(value, Dumper=_Dumper, allow_unicode=True, width=10**9)
    return text.removesuffix("\n").removesuffix("\n...").rstrip("\n")


def _scalar(value: Any, indent: int) -> str:
    """The text after `key:` (or `- `) for a scalar."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return _plain(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return _text(str(value), indent)


@lru_cache(maxsize=16384)  # the same prose at the same depth in every unit of a batch
def _text(text: str, indent: int) -> str:
    pad = " " * indent
    lines = text.split("\n")
    if len(lines) > 1 and all(line == line.strip() for line in lines) and all(lines):
        return "|-\n" + "\n".join(pad + line for line in lines)
    if len(text) > PROSE_WIDTH and text == text.strip():
        return f">-\n{pad}{text}"
    return _plain(text)


class _Writer:
    def __init__(self, comments: Mapping[str, list[str]]) -> None:
        self.comments = comments
        self.lines: list[str] = []

    def comment(self, value: Any, indent: int) -> None:
        if isinstance(value, dict) and value.get("id") in self.comments:
            self.lines += [f"{' ' * indent}# {c}" for c in self.comments[value["id"]]]

    def mapping(self, data: dict[str, Any], indent: int, first: str | None = None) -> None:
        for i, (key, value) in enumerate(data.items()):
            lead = first if i == 0 and first is not None else " " * indent
            if self.comments and (i or first is None):
                self.comment(value, indent)
                if key in self.comments:
                    self.lines += [f"{' ' * indent}# {c}" for c in self.comments[key]]
            if isinstance(value, dict) and value:
                self.lines.append(f"{lead}{key}:")
                self.mapping(value, indent + 2)
            elif isinstance(value, list) and value:
                if all(isinstance(v, str) and " " not in v and len(v) < 30 for v in value):
                    self.lines.append(f"{lead}{key}: [{', '.join(_plain(v) for v in value)}]")
                else:
                    self.lines.append(f"{lead}{key}:")
                    self.sequence(value, indent + 2)
            else:
                text = _EMPTY.get(type(value)) or _scalar(value, indent + 2)
                self.lines.append(f"{lead}{key}: {text}" if text else f"{lead}{key}:")

    def sequence(self, items: list[Any], indent: int) -> None:
        for item in items:
            if isinstance(item, dict) and item:
                if self.comments:
                    self.comment(item, indent)
                self.mapping(item, indent + 2, first=f"{' ' * indent}- ")
            else:
                self.lines.append(f"{' ' * indent}- {_scalar(item, indent + 2)}".rstrip())


def dump(
    data: dict[str, Any],
    comments: Mapping[str, list[str]] | None = None,
    header: list[str] | None = None,
) -> str:
    """`data` as YAML; `comments[id]` lines go above the element with that id (or key)."""
    writer = _Writer(comments or {})
    writer.lines += [f"# {line}" if line else "#" for line in header or []]
    writer.mapping(data, 0)
    return "\n".join(writer.lines) + "\n"
