"""The usual outline of a report on a plan (`kehoach/data/de_cuong.yaml`), from which
`kehoach forms` writes the blank outline and its indicator table, and `kehoach report` the
report's draft."""

from __future__ import annotations

from functools import cache
from typing import Literal, NotRequired

from pydantic import field_validator, with_config
from typing_extensions import TypedDict

from kehoach.rules.data import type_codes
from kehoach.rules.source import FORBID, Data, read, shipped

Content = Literal["viet", "co_quan", "chi_tieu", "nhiem_vu", "dat", "chua_dat", "con_lai"]
"""What a report draft puts under an item (the comment at the top of de_cuong.yaml)."""


@with_config(FORBID)
class Item(TypedDict):
    """A numbered item of a part (1., 2. …) and what the reporter should write there."""

    tieu_de: str
    huong_dan: str
    theo_nhiem_vu: NotRequired[str]  # one sub-item per task of the plan, with this guide
    bao_cao: NotRequired[list[Content]]  # the report draft's content; default [viet]


@with_config(FORBID)
class Part(TypedDict):
    """A part of the report (I., II. …)."""

    tieu_de: str
    huong_dan: NotRequired[str]
    muc: NotRequired[list[Item]]
    bao_cao: NotRequired[list[Content]]  # a part without items; default [viet]


@with_config(FORBID)
class Ways(TypedDict):
    """How a summary figure was computed (an indicator's `tong_hop.cach`), in words."""

    cong: str
    binh_quan: str


@with_config(FORBID)
class Phrases(TypedDict):
    """The report draft's own wording (`kehoach report`): placeholders and their comments
    (`ly_do_…`), the sentences made from the figures and their sources (str.format)."""

    cho_viet: str
    ly_do_viet: str
    co_quan: str
    ly_do_co_quan: str
    nhiem_vu: str
    ly_do_nhiem_vu: str
    chi_tieu: str
    tong_quan: str
    bao_cao_don_vi: str
    chua_bao_cao: str
    ly_do_chua_bao_cao: str
    nhom: str
    nguon: str
    nguon_ghi_chu: str
    nguon_dinh_tinh: str
    nguon_trong: str
    nguon_khong_dong: str
    nguon_don_vi: str
    nguon_chung: str
    cach: Ways
    khong_ai: str
    dat: str
    chua_dat: str
    don_vi_dat_cua: str
    tiep_tuc: str
    tap_trung: str
    ly_do_phuong_huong: str
    ket_luan: str
    ly_do_so: str
    ly_do_ky: str


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
    bao_cao: Phrases

    @field_validator("loai")
    @classmethod
    def _known_type(cls, value: str) -> str:
        if value not in type_codes():
            raise ValueError(f"mã loại văn bản '{value}' không có trong ma.yaml")
        return value


@cache
def load_outline() -> Outline:
    return read(Outline, shipped("de_cuong.yaml"))
