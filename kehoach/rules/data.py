"""The codes of the official format (`kehoach/data/ma.yaml`) and the short accessors most
callers use: type codes, body codes, level names, profile names.

Code reads these; a new province or the 2026 rules are a change of data.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated

from pydantic import StringConstraints, model_validator

from kehoach.rules.levels import load_levels
from kehoach.rules.source import Data, profile_names, read, shipped

__all__ = [
    "Codes",
    "body_codes",
    "levels",
    "load_codes",
    "profile_names",
    "type_codes",
]

Word = Annotated[str, StringConstraints(min_length=1)]


class DocumentType(Data):
    """A document type of Quy định 399-QĐ/TW; `ma` left out where no code is sourced."""

    ten: Word
    ma: Word | None = None


class Codes(Data):
    """Mã loại văn bản, the types and papers of Quy định 399-QĐ/TW, and mã cơ quan ban hành."""

    loai: dict[Word, Word]
    the_loai: list[DocumentType]
    giay_to: list[DocumentType]
    co_quan: dict[Word, Word]

    @model_validator(mode="after")
    def _types_use_known_codes(self) -> Codes:
        unknown = [t.ma for t in self.the_loai + self.giay_to if t.ma and t.ma not in self.loai]
        if unknown:
            raise ValueError(f"mã thể loại không có trong loai: {', '.join(unknown)}")
        return self


@cache
def load_codes() -> Codes:
    return read(Codes, shipped("ma.yaml"))


def type_codes() -> dict[str, str]:
    """Document type code → tên loại (KH → KẾ HOẠCH)."""
    return load_codes().loai


def body_codes() -> dict[str, str]:
    """Issuing body code → what it names (HU → Huyện ủy)."""
    return load_codes().co_quan


@cache
def levels() -> dict[str, str]:
    """Level id → its name (huyen → huyện)."""
    return {key: level.ten for key, level in load_levels().cap.items()}
