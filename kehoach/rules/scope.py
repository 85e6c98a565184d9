"""What a commune's draft keeps of the upper plan's sentences (`kehoach/data/pham_vi.yaml`):
the signals that a clause is the upper level's alone (its bodies, its powers, its area),
the rewordings that turn an upper task into the commune's part in it, the signals of an
upper-level aggregate among the targets, and the upper phrases for the area and for the
party organisations below, each written with placeholders that the upper level fills
(`{tinh}` → thành phố, `{cap_uy}` → Thành ủy …)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Annotated

from pydantic import AfterValidator

from kehoach.rules.source import Data, read, shipped

# What each placeholder may hold when the data is checked (any upper level's words).
SAMPLE = {
    "tinh": "tỉnh",
    "cap_uy": "Tỉnh ủy",
    "ten_tren": "An Giang",
    "cac_dv": "xã, phường",
    "co_quan_tren": "Công an tỉnh",
    "ten_tren_co_quan": "Trung tâm Y tế tỉnh",
    "co_so_cap_tren": "Bệnh viện",
    "lap": "thành lập",
    "ngat_ten": "trong",
    "mo_dau_lap": "^",
    "viec": "triển khai",
    "dem": "doanh nghiệp",
    "dv": "xã",
    "Dv": "Xã",
}
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fill(pattern: str, values: Mapping[str, str]) -> str:
    """`pattern` with each known `{name}` replaced; others (`{gt}`, a regex `{2}`) stay."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), pattern)


def _compiles(pattern: str) -> str:
    """A signal must compile once its placeholders are filled (with sample words)."""
    try:
        re.compile(fill(pattern, SAMPLE))
    except re.error as error:
        raise ValueError(f"biểu thức chính quy không đúng: {error}") from None
    return pattern


Pattern = Annotated[str, AfterValidator(_compiles)]


class Signal(Data):
    """A kind of clause the commune leaves out: why (for the grouped note), and its signs;
    `tai_don_vi`: how a clause of this kind that names the unit itself is reworded as the
    unit's part instead (`{viec}`: the clause)."""

    loai: str
    ly_do: str
    mau: list[Pattern]
    tai_don_vi: str | None = None
    chu_ngu: bool = False  # the signal is the clause's subject (an upper body)


class UpperNames(Data):
    """How a name of an upper body or work is told from its words: the common nouns that
    open one (`dau`), the words a name never holds (`ngat`)."""

    dau: list[str]
    ngat: list[str]


class Rewrite(Data):
    """A kind of clause reworded as the commune's part: its sign and the new wording;
    `chu_ngu`: the clauses after it without a subject stay in that part."""

    loai: str = ""
    mau: Pattern
    thanh: str
    chu_ngu: bool = False


class Share(Data):
    """A target over the units (`100% xã, phường …`) as the unit's share: its signs (with
    the groups `ai`, `viec`), the new wording, and the milestone of such an appendix row."""

    mau: list[Pattern]
    thanh: str
    dat: str


class Reasoned(Data):
    ly_do: str
    mau: list[Pattern]


class Targets(Data):
    """How the upper plan's targets become the commune's (see the data file)."""

    tong_hop: Reasoned
    dia_ban: Pattern
    ty_phan: Share
    dem: list[str]
    so_dem_trong_cau: Pattern


class UpperPlaces(Data):
    """Places the upper level runs (`ten`: how their names open) and the notes on a kept
    clause that names one (`ly_do`), that has the unit lead upper bodies (`chu_tri`), or
    that an upper body leads with no part of the unit said (`tren_chu_tri`)."""

    ten: list[str]
    ly_do: str
    chu_tri: str
    tren_chu_tri: str


class OtherUnits(Data):
    dung_sau: list[str]
    nhom: list[str]
    cung_loai: str
    khac_loai: str


class Assignments(Data):
    cot: list[str]
    giu: str
    cua_tren: str


class Scope(Data):
    cac_don_vi: list[str]
    co_quan_tren: list[Pattern]
    ten_cap_tren: UpperNames
    viec_lap: list[str]
    co_so_cap_tren: list[str]
    noi_cap_tren: UpperPlaces
    dong_tu: list[str]
    trang_ngu: list[str]
    phan_don_vi: list[str]
    cap_tren: list[Signal]
    phan: list[Rewrite]
    chi_tieu: Targets
    noi_dia_ban: list[str]
    giu_nguyen: list[Pattern]
    phu_thuoc: list[str]
    goi_cap_duoi: dict[str, str]
    goi_chung_giu_sau: list[str]
    giu_cap_uy_sau: list[str]
    don_vi_khac: OtherUnits
    sau_khi_bo: str
    han_cap_duoi: str
    bang_cap_tren: str
    bang_phan_cong: Assignments



@cache
def load_scope() -> Scope:
    return read(Scope, shipped("pham_vi.yaml"))
