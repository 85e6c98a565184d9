"""Reading one data file of `kehoach/data/`: YAML with positions, validated by its model.

A typo in a data file (a misspelt key, a wrong type, a duplicate key) is a `KehoachError`
naming the file, line:column and key path, worded like the errors of a plan file.
"""

from __future__ import annotations

from dataclasses import replace
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict

from kehoach.source import yamlsource
from kehoach.source.validation import validate

M = TypeVar("M", bound=BaseModel)

# Every block of a data file refuses keys it does not know; nested TypedDicts take it too.
FORBID = ConfigDict(extra="forbid", frozen=True)
# A data model is built when first used: a file's top model then builds its blocks in one
# go, instead of every block building its own validator at import (issue 14).
DEFERRED = ConfigDict(**FORBID, defer_build=True)


def _number(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"'{value}' phải là số")
    return value


# A number as written (5 stays 5, not 5.0: some reach the Excel form as written).
Number = Annotated[int | float, BeforeValidator(_number)]


class Data(BaseModel):
    """A block of a data file: unknown keys are errors, values never change once read."""

    model_config = DEFERRED


def parse(model: type[M], text: str, file: str) -> M:
    """`text` (the content of `file`) as a `model`, or every problem with its position."""
    return validate(yamlsource.load(text, file), model, "tệp dữ liệu")


def read(model: type[M], path: str | Path | Traversable, base_key: str | None = None) -> M:
    """The data file at `path` as a `model`; tests pass a temporary copy. With `base_key`,
    a file that names a base file there (`dua_tren: hd36-2018`) lists only what differs
    from it: the base's data lies underneath, errors still point into this file."""
    source = _load(path)
    if base_key and isinstance(source.data, dict) and base_key in source.data:
        data = dict(source.data)
        # A profile is a file on disk, shipped or a test's copy: a Path, which has a parent.
        base = _load(path.parent.joinpath(f"{data.pop(base_key)}.yaml"))  # type: ignore[union-attr]
        source = replace(source, data=_overlay(base.data, data))
    return validate(source, model, "tệp dữ liệu")


def _load(path: str | Path | Traversable) -> yamlsource.Source:
    if isinstance(path, str | Path):
        text = yamlsource.read_text(Path(path))
    else:
        text = path.read_text(encoding="utf-8")
    return yamlsource.load(text, str(path))


def _overlay(base: Any, changes: dict[str, Any]) -> dict[str, Any]:
    out = dict(base) if isinstance(base, dict) else {}
    for key, value in changes.items():
        both = isinstance(value, dict) and isinstance(out.get(key), dict)
        out[key] = _overlay(out[key], value) if both else value
    return out


def shipped(name: str) -> Traversable:
    """The data file `name` shipped in `kehoach/data/`."""
    return resources.files("kehoach").joinpath("data").joinpath(name)


def profile_names() -> list[str]:
    """Format profiles shipped with kehoach, by id: the Party's (`hd…`, Hướng dẫn of the
    Văn phòng Trung ương) and the State's (`nd…`, Nghị định of the Government)."""
    return sorted(
        p.name.removesuffix(".yaml")
        for p in resources.files("kehoach").joinpath("data").iterdir()
        if p.name.startswith(("hd", "nd")) and p.name.endswith(".yaml")
    )
