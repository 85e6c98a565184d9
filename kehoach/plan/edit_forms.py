"""The ways a value can be written back into a plan file, best first. `plan.edit` tries
them in order and keeps the first that reads back as exactly the value, so these only
propose; they never have to be right about YAML's corner cases. And what "exactly" is:
`nfc`, `same`."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator
from typing import Any

import yaml

from kehoach.plan.yamlwrite import dump

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

Form = tuple[str, list[str]]  # the text after `key:` and the block lines below it


def scalar_forms(value: Any, style: str | None, indent: int, flow: bool) -> Iterator[Form]:
    """`value` as YAML text, the file's old `style` first; block forms indent by `indent`."""
    if value is None:
        yield "", []
        return
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        yield value.isoformat(), []
        return
    if isinstance(value, list):  # words a new key lists: `cap: [xa, phuong]`
        yield yaml.dump(value, Dumper=_Dumper, default_flow_style=True,
                        allow_unicode=True).strip(), []
        return
    if not isinstance(value, str):
        yield _dumped(value), []
        if isinstance(value, float):
            yield _dumped(value) + "0", []  # 43.705 reads as a mistyped 43705: 43.7050
        return
    pad = " " * indent
    literal = ("|-", [pad + line if line else "" for line in value.split("\n")])
    folded = (">-", [pad + value])
    plain: Form = (value, [])
    single: Form = ("'" + value.replace("'", "''") + "'", [])
    double: Form = (_dumped(value, '"'), [])
    orders: dict[str | None, list[Form]] = {
        ">": [folded, literal, plain, double],
        "|": [literal, folded, plain, double],
        "'": [single, double],
        '"': [double],
    }
    order = orders.get(style or None, [plain, literal, single, double])
    for form in order:
        if flow and form[1]:
            continue
        if "\n" in value and form in (folded, plain, single):
            continue
        if value != value.strip(" ") and form in (folded, literal, plain):
            continue  # spaces at an end would be invisible in the file, and easily lost
        yield form


def item_lines(value: Any, column: int) -> Iterator[list[str]]:
    """`value` as the lines of a block-list item whose `-` stands at `column`."""
    pad = " " * column
    if isinstance(value, dict | list) and value:
        lines = dump({"_": [value]}).splitlines()[1:]
        shift = column - 2
        yield [(" " * shift + x if shift >= 0 else x[-shift:]) if x else x for x in lines]
        return
    for head, body in scalar_forms(value, None, column + 2, False):
        yield [f"{pad}- {head}".rstrip(" "), *body]


def _dumped(value: Any, style: str | None = None) -> str:
    text = yaml.dump(value, Dumper=_Dumper, allow_unicode=True, width=10**9, default_style=style)
    return text.removesuffix("\n").removesuffix("\n...").rstrip("\n")


def nfc(value: Any) -> Any:
    """`value` with every string (keys too) in NFC, as the reader gives it back."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {nfc(k): nfc(v) for k, v in value.items()}
    if isinstance(value, list):
        return [nfc(v) for v in value]
    return value


def same(a: Any, b: Any) -> bool:
    """Equal and of the same types all the way down (`1` is not `True`, nor `"1"`)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)
