"""The usual outline of a report on a plan (`kehoach/data/de_cuong.yaml`), from which
`kehoach forms` writes the report draft and its indicator table."""

from __future__ import annotations

from functools import cache
from typing import NotRequired

from pydantic import field_validator, with_config
from typing_extensions import TypedDict

from kehoach.rules.data import type_codes
from kehoach.rules.source import FORBID, Data, read, shipped


@with_config(FORBID)
class Item(TypedDict):
    """A numbered item of a part (1., 2. …) and what the reporter should write there."""

    tieu_de: str
    huong_dan: str
    theo_nhiem_vu: NotRequired[str]  # one sub-item per task of the plan, with this guide


@with_config(FORBID)
class Part(TypedDict):
    """A part of the report (I., II. …)."""

    tieu_de: str
    huong_dan: NotRequired[str]
    muc: NotRequired[list[Item]]


@with_config(FORBID)
class Appendix(TypedDict):
    """The statistics table's phụ lục (its title line is the profile's `phu_luc.chu`)."""

    ten: str
    chu_thich: str


class Outline(Data):
    loai: str
    ky_mac_dinh: str
    trich_yeu: str
    mo_dau: str
    noi_nhan: list[str]
    phan: list[Part]
    phu_luc: Appendix

    @field_validator("loai")
    @classmethod
    def _known_type(cls, value: str) -> str:
        if value not in type_codes():
            raise ValueError(f"mã loại văn bản '{value}' không có trong ma.yaml")
        return value


@cache
def load_outline() -> Outline:
    return read(Outline, shipped("de_cuong.yaml"))
