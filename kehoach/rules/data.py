"""The rules of the domain that live in data files: codes, levels, format profiles.

Code reads these; a new province or the 2026 rules are a change of data.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_data(name: str) -> Any:
    """A YAML file shipped in `kehoach/data/`."""
    text = resources.files("kehoach").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=Loader)


@cache
def type_codes() -> dict[str, str]:
    """Document type code → tên loại (KH → KẾ HOẠCH)."""
    return read_data("ma.yaml")["loai"]


@cache
def body_codes() -> dict[str, str]:
    """Issuing body code → what it names (HU → Huyện ủy)."""
    return read_data("ma.yaml")["co_quan"]


@cache
def levels() -> dict[str, str]:
    """Level id → its name (huyen → huyện)."""
    return {key: level["ten"] for key, level in read_data("cap.yaml")["cap"].items()}


def profile_names() -> list[str]:
    """Format profiles shipped with kehoach, by id."""
    folder = resources.files("kehoach").joinpath("data")
    return sorted(
        p.name.removesuffix(".yaml")
        for p in folder.iterdir()
        if p.name.startswith("hd") and p.name.endswith(".yaml")
    )
