"""Write plan data as YAML a clerk will edit: block layout, prose as `>-` blocks, and
comments placed above the elements they are about (PyYAML's dumper cannot comment)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import yaml

from kehoach.source.yamlsource import looks_like_thousands

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
PROSE_WIDTH = 60  # longer strings become `>-` blocks
# What YAML reads as a line break besides "\n", and what a block scalar cannot hold
# as it is: such strings are written quoted, with escapes, by PyYAML's own emitter.
_NOT_IN_BLOCK = re.compile(r"[\r\x85\u2028\u2029\ufeff\t\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BREAKS = re.compile(r"[\n\r\x85\u2028\u2029]")
_EMPTY: dict[type, str] = {dict: "{}", list: "[]"}


@lru_cache(maxsize=8192, typed=True)  # a batch of units repeats most strings
def _plain(value: Any) -> str:
    text = yaml.dump(value, Dumper=_Dumper, allow_unicode=True, width=10**9)
    return text.removesuffix("\n").removesuffix("\n...").rstrip("\n")


def _scalar(value: Any, indent: int) -> str:
    """The text after `key:` (or `- `) for a scalar."""
    if value is None:
        return ""
    if isinstance(value, float) and looks_like_thousands(_plain(value)):
        return _plain(value) + "0"  # 43.705 would read as a mistyped 43705: 43.7050
    if isinstance(value, bool | int | float):
        return _plain(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return _text(str(value), indent)


@lru_cache(maxsize=16384)  # the same prose at the same depth in every unit of a batch
def _text(text: str, indent: int) -> str:
    pad = " " * indent
    if _NOT_IN_BLOCK.search(text):
        return _plain(text)
    lines = text.split("\n")
    if len(lines) > 1 and all(line == line.strip() for line in lines) and all(lines):
        return "|-\n" + "\n".join(pad + line for line in lines)
    if len(text) > PROSE_WIDTH and text == text.strip() and not _BREAKS.search(text):
        return f">-\n{pad}{text}"
    return _plain(text)


@lru_cache(maxsize=4096)
def _flow(items: tuple[str, ...]) -> str | None:
    """`[a, b]` for a short list of codes, when it reads back as the same list."""
    if not all(" " not in v and len(v) < 30 and not _NOT_IN_BLOCK.search(v) for v in items):
        return None
    text = f"[{', '.join(_plain(v) for v in items)}]"
    try:
        back = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError:
        return None
    return text if back == list(items) else None


@lru_cache(maxsize=4096)
def key_text(key: Any) -> str:
    """A mapping key as YAML reads it back: quoted where a clerk's text needs it (a column
    title `% đạt` or `# hộ` in `khac`, which written bare broke the file or became a comment)."""
    if not isinstance(key, str):
        return _plain(key)
    if _BREAKS.search(key) or _NOT_IN_BLOCK.search(key):
        return yaml.dump(key, Dumper=_Dumper, allow_unicode=True, width=10**9,
                         default_style='"').removesuffix("\n")
    return _plain(key)


def _comment(line: str) -> str:
    """A comment stays one line whatever the reason's text holds."""
    return _BREAKS.sub(" ", line)


class _Writer:
    def __init__(self, comments: Mapping[str, list[str]]) -> None:
        self.comments = comments
        self.lines: list[str] = []

    def comment(self, value: Any, indent: int) -> None:
        if isinstance(value, dict) and value.get("id") in self.comments:
            self.lines += [f"{' ' * indent}# {_comment(c)}" for c in self.comments[value["id"]]]

    def mapping(self, data: dict[str, Any], indent: int, first: str | None = None) -> None:
        for i, (name, value) in enumerate(data.items()):
            key = key_text(name)
            lead = first if i == 0 and first is not None else " " * indent
            if self.comments and (i or first is None):
                self.comment(value, indent)
                if name in self.comments:
                    self.lines += [f"{' ' * indent}# {_comment(c)}" for c in self.comments[name]]
            if isinstance(value, dict) and value:
                self.lines.append(f"{lead}{key}:")
                self.mapping(value, indent + 2)
            elif isinstance(value, list) and value:
                flow = _flow(tuple(value)) if all(isinstance(v, str) for v in value) else None
                if flow is not None:
                    self.lines.append(f"{lead}{key}: {flow}")
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
    writer.lines += [f"# {_comment(line)}" if line else "#" for line in header or []]
    writer.mapping(data, 0)
    return "\n".join(writer.lines) + "\n"
