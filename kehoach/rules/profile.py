"""The typed format profile (`hd36-2018` …): every size, margin and mark of the layout."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Literal

from pydantic import Field, model_validator, with_config
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
    "le-trang-ngang",
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


Side = Literal["tren", "duoi", "trai", "phai"]


class _Margins(_Part):
    """The margins kehoach renders, and where the rule gives a range (ND 30: left 30–35 mm)
    the range `check` accepts (`le_cho_phep_mm`; without it, only the margin rendered)."""

    le_tren_mm: float
    le_duoi_mm: float
    le_trai_mm: float
    le_phai_mm: float
    le_cho_phep_mm: dict[Side, tuple[float, float]] = Field(default_factory=dict)

    def margin(self, side: Side) -> float:
        return float(getattr(self, f"le_{side}_mm"))

    def allowed(self, side: Side) -> tuple[float, float]:
        return self.le_cho_phep_mm.get(side) or (self.margin(side), self.margin(side))

    @model_validator(mode="after")
    def _renders_allowed_margins(self) -> _Margins:
        for side in self.le_cho_phep_mm:
            low, high = self.allowed(side)
            if not low <= self.margin(side) <= high:
                raise ValueError(f"lề {side} {self.margin(side):g} mm nằm ngoài le_cho_phep_mm")
        return self


class Page(_Margins):
    rong_mm: float
    cao_mm: float
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
    # A solid underline of the title's own text is a solid line as long as the title:
    # whether it counts as the rule under it (`kehoach check` reads this).
    duong_ke_gach_chan: bool


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
    # How much wider the table may grow, to the right then to the left, when its lines need
    # it (a long cấp trên and a long place in one header).
    rong_them_phai_mm: float
    rong_them_trai_mm: float


class Body(Text):
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


class Landscape(_Margins):
    """The margins of a landscape page (a phụ lục's wide table)."""


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


@cache
def signing_marks() -> tuple[str, ...]:
    """Every profile's signing marks (`T/M`, `K/T` …, `TM.`, `KT.` …): how a document whose
    profile is not known yet marks its signature."""
    marks = (m for name in profile_names() for m in load_profile(name).chu_ky.quyen_han)
    return tuple(dict.fromkeys(marks))
