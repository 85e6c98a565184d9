"""The typed format profile (`hd36-2018` …): every size, margin and mark of the layout."""

from __future__ import annotations

from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from kehoach.rules.data import profile_names, read_data


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Page(_Part):
    rong_mm: float
    cao_mm: float
    le_tren_mm: float
    le_duoi_mm: float
    le_trai_mm: float
    le_phai_mm: float
    le_doi_xung: bool
    dau_trang_mm: float


class Text(_Part):
    co: float
    chu: str = ""
    dam: bool = False
    nghieng: bool = False


class Motto(Text):
    duong_ke_mm: float


class DocNumber(Text):
    tien_to: str
    cho_trong: str
    do_dai_so: int


class DateLine(Text):
    cho_trong: str
    so_0_ngay_toi: int
    so_0_thang_toi: int


class Title(Text):
    cach_tren_pt: float


class HeaderTable(_Part):
    cot_trai_mm: float
    cot_phai_mm: float
    lui_trai_mm: float


class Body(_Part):
    co: float
    thut_dau_dong_mm: float
    cach_tren_pt: float
    dong_chinh_xac_pt: float
    dan_nghieng: bool


class Labels(_Part):
    muc: str
    tieu_muc: str
    tieu_muc_con: str


class Signature(_Part):
    co: float
    cach_tren_pt: float
    dong_trong: int
    cot_trai_mm: float
    cot_phai_mm: float


class Recipients(Text):
    gach_chan: bool
    co_dong: float
    dau_dong: str
    cuoi_dong: str
    cuoi_cung: str


class Landscape(_Part):
    le_tren_mm: float
    le_duoi_mm: float
    le_trai_mm: float
    le_phai_mm: float


class Tables(_Part):
    co: float
    cot_bieu_mm: list[float]
    cot_tong_hop_mm: list[float]


class Profile(_Part):
    """One named, versioned set of layout rules (see `kehoach/data/hd36-2018.yaml`)."""

    id: str
    ten: str
    trang: Page
    phong_chu: str
    tieu_de: Motto
    cap_tren: Text
    co_quan: Text
    dau_sao: Text
    so_ky_hieu: DocNumber
    du_thao: Text
    dia_danh_ngay: DateLine
    ten_loai: Title
    trich_yeu: Text
    gach_ngang: Text
    bang_dau: HeaderTable
    than: Body
    nhan: Labels
    chu_ky: Signature
    noi_nhan: Recipients
    so_trang: Text
    huong_dan: Text
    tieu_muc_con: Text
    phu_luc: Text
    trang_ngang: Landscape
    bang: Tables
    kiem_tra: dict[str, Literal["loi", "canh_bao", "bo_qua"]]


@cache
def load_profile(name: str) -> Profile:
    """The profile called `name`; a clear error lists the ones that exist."""
    if name not in profile_names():
        from kehoach.errors import KehoachError

        raise KehoachError(f"không có hồ sơ thể thức '{name}'; có: {', '.join(profile_names())}")
    return Profile.model_validate(_profile_data(name))


def _profile_data(name: str) -> dict[str, Any]:
    """A profile's data; one that names a base (`dua_tren`) lists only what differs."""
    data = dict(read_data(f"{name}.yaml"))
    base = data.pop("dua_tren", None)
    return _overlay(_profile_data(base), data) if base else data


def _overlay(base: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in changes.items():
        both = isinstance(value, dict) and isinstance(out.get(key), dict)
        out[key] = _overlay(out[key], value) if both else value
    return out
