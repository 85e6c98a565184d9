"""The typed format profile (`hd36-2018` …): every size, margin and mark of the layout."""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import model_validator, with_config
from typing_extensions import TypedDict

from kehoach.errors import KehoachError
from kehoach.rules.source import FORBID, profile_names, read, shipped
from kehoach.rules.source import Data as _Part

# Every rule `kehoach check` can report, by the code it reports it under. A profile gives
# each its level (`kiem_tra:`), so a misspelt or forgotten rule id is an error, not a rule
# silently never reported. tests/rules/test_rules.py keeps this in step with kehoach/check/.
CHECK_RULES = (
    # text
    "go-telex",
    "am-tiet",
    "nfc",
    "ky-tu-an",
    "hai-dau-cach",
    "cach-truoc-dau",
    "ngoac",
    "dau-thanh",
    "trich-dan",
    "ngay-trich-dan",
    "viet-tat",
    "so-hai-cham",
    "danh-so",
    "trich-yeu-hoa",
    # DOCX layout
    "kho-giay",
    "le-trang",
    "phong-chu",
    "tieu-de",
    "cap-tren",
    "co-quan",
    "dau-sao",
    "so-ky-hieu",
    "dia-danh-ngay",
    "ten-loai",
    "trich-yeu",
    "than-van-ban",
    "so-trang",
    "chu-ky",
    "noi-nhan",
    "dau-van-ban",
)

Severity = Literal["loi", "canh_bao", "bo_qua"]

# Rule code → severity, one required key per rule: a plain dict once read.
Checks = with_config(FORBID)(TypedDict("Checks", dict.fromkeys(CHECK_RULES, Severity)))


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
    # The sizes the guideline allows (`[15, 16]`); `co` is the one kehoach renders and the
    # only one `check` accepts when the profile gives no range.
    co_cho_phep: tuple[float, float] | None = None
    duong_ke_mm: float = 0  # a solid rule under the line, this long (State header: ND 30)

    @model_validator(mode="after")
    def _renders_an_allowed_size(self) -> Text:
        low, high = self.co_cho_phep or (self.co, self.co)
        if not low <= self.co <= high:
            raise ValueError(f"cỡ {self.co:g} nằm ngoài co_cho_phep [{low:g}, {high:g}]")
        return self

    def allows(self, size: float) -> bool:
        """Whether `size` (pt) is one the profile allows for this element."""
        low, high = self.co_cho_phep or (self.co, self.co)
        return low <= size <= high


class Motto(Text):
    duong_ke_mm: float


class DocNumber(Text):
    tien_to: str
    cho_trong: str
    do_dai_so: int
    # What follows the prefix: the Party writes `12-KH/HU`, the State `16/KH-UBND`.
    mau: str = "{so}-{loai}/{co_quan}"


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


class Body(Text):
    thut_dau_dong_mm: float
    cach_tren_pt: float
    dong_chinh_xac_pt: float
    dan_nghieng: bool


class Labels(_Part):
    muc: str
    tieu_muc: str
    tieu_muc_con: str
    chu_cai: str  # the sub-items' letters in order, space-separated

    @property
    def letters(self) -> list[str]:
        return self.chu_cai.split()


class Signature(Text):
    cach_tren_pt: float
    dong_trong: int
    cot_trai_mm: float
    cot_phai_mm: float
    quyen_han: list[str]  # the signing authorities' marks: T/M, K/T … (State: TM., KT. …)
    chuc_vu_dam: bool = False


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
    """One named, versioned set of layout rules (see `kehoach/data/hd36-2018.yaml`).

    The State profile (`nd30-2020`, Nghị định 30/2020/NĐ-CP) uses the same parts, read its
    way: `tieu_de` is the Quốc hiệu and `tieu_ngu` the Tiêu ngữ under it (None for the
    Party), `dau_sao.chu` is empty (no star), rules under the issuer and the trích yếu are
    `co_quan.duong_ke_mm` and `gach_ngang.duong_ke_mm`, the number is written as
    `so_ky_hieu.mau` says, and `mau` names the profile's own Kế hoạch template
    (`ke_hoach_<mau>.docx`; empty: the shared one)."""

    id: str
    ten: str
    mau: str = ""
    trang: Page
    phong_chu: str
    tieu_de: Motto
    tieu_ngu: Motto | None = None
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
    kiem_tra: Checks  # type: ignore[valid-type]  # built from CHECK_RULES


@cache
def load_profile(name: str) -> Profile:
    """The profile called `name`; a clear error lists the ones that exist."""
    if name not in profile_names():
        raise KehoachError(f"không có hồ sơ thể thức '{name}'; có: {', '.join(profile_names())}")
    return read(Profile, shipped(f"{name}.yaml"), base_key="dua_tren")


@cache
def signing_marks() -> tuple[str, ...]:
    """Every profile's signing marks (`T/M`, `K/T` …, `TM.`, `KT.` …): how a document whose
    profile is not known yet marks its signature."""
    marks = (m for name in profile_names() for m in load_profile(name).chu_ky.quyen_han)
    return tuple(dict.fromkeys(marks))
