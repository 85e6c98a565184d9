"""The typed format profile (`hd36-2018` …): every size, margin and mark of the layout."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Literal

from pydantic import with_config
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

# Rule code → severity, one required key per rule: a plain dict once read. The TypedDict is
# built from CHECK_RULES at run time; a type checker sees the dict it reads as.
if TYPE_CHECKING:
    Checks = dict[str, Severity]
else:
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


class Motto(Text):
    duong_ke_mm: float
    # A solid underline of the title's own text is a solid line as long as the title:
    # whether it counts as the rule under it (`kehoach check` reads this).
    duong_ke_gach_chan: bool


class DocNumber(Text):
    tien_to: str
    cho_trong: str
    do_dai_so: int


class DateLine(Text):
    cho_trong: str
    so_0_ngay_toi: int
    so_0_thang_toi: int
    # When a unit's place name is written with its level word (`Xã Mỹ`) without being
    # told: a one-syllable name, a name the same as its province's.
    ghi_cap_khi: list[Literal["mot_am_tiet", "trung_tinh"]]


class DraftMark(Text):
    lan: str  # a numbered draft: `Dự thảo lần {lan}`

    def mark(self, draft: bool | int) -> str:
        """The draft line: `chu` for a plain draft, `lan` with its number; none if issued."""
        if isinstance(draft, bool):
            return self.chu if draft else ""
        return self.lan.format(lan=draft)


class Summary(Text):
    # The first letter of a trích yếu kehoach writes itself (derive, forms), and what
    # `kehoach check` expects: `thuong` lower case; `tu_do` left as written.
    chu_dau: Literal["thuong", "tu_do"]

    def written(self, text: str) -> str:
        """`text` with its first letter as the profile writes a trích yếu."""
        return text[:1].lower() + text[1:] if self.chu_dau == "thuong" else text


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


class PageNumber(Text):
    phu_luc_rieng: bool  # each phụ lục numbered on its own, from 1


class Labels(_Part):
    muc: str
    tieu_muc: str
    tieu_muc_con: str
    chu_cai: str  # the sub-items' letters in order, space-separated

    @property
    def letters(self) -> list[str]:
        return self.chu_cai.split()


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
    du_thao: DraftMark
    dia_danh_ngay: DateLine
    ten_loai: Title
    trich_yeu: Summary
    gach_ngang: Text
    bang_dau: HeaderTable
    than: Body
    nhan: Labels
    chu_ky: Signature
    noi_nhan: Recipients
    so_trang: PageNumber
    huong_dan: Text
    tieu_muc_con: Text
    phu_luc: Text
    trang_ngang: Landscape
    bang: Tables
    kiem_tra: Checks


@cache
def load_profile(name: str) -> Profile:
    """The profile called `name`; a clear error lists the ones that exist."""
    if name not in profile_names():
        raise KehoachError(f"không có hồ sơ thể thức '{name}'; có: {', '.join(profile_names())}")
    return read(Profile, shipped(f"{name}.yaml"), base_key="dua_tren")
