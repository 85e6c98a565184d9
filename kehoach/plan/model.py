"""The plan: one typed model that every stage shares.

Loading validates once (see `loader.py`); rendering, derivation and forms trust it.
Field names are the YAML keys; descriptions are Vietnamese because editors show
them to the clerk through the JSON Schema (`kehoach schema`).
"""

from __future__ import annotations

import datetime as dt
import math
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    model_validator,
)

from kehoach.plan.review import ReviewNote
from kehoach.rules.data import body_codes, levels, type_codes
from kehoach.vn.numbers import parse_number

VALUE_SLOT = "{gt}"
"""Where an indicator's value goes in its wording."""
BASE_SLOT = "{ms}"
"""Where an indicator's denominator goes (`10 bác sĩ trên {ms} dân`)."""

def _fold(text: str) -> str:
    """Prose is one paragraph: line breaks of a YAML block become spaces."""
    return " ".join(part.strip() for part in text.strip().splitlines() if part.strip())


MAX_NUMBER = 10**15
"""The largest magnitude a plan's number may have: beyond it a value is a typing slip."""


def _vi_number(value: Any) -> Any:
    """Accept `"2,59"` and `"10.000"` (the Vietnamese way) as numbers."""
    if isinstance(value, str):
        number = parse_number(value)
        if number is None:
            raise ValueError(f"'{value}' không phải là số (viết 2,59 hoặc 10.000 theo kiểu Việt)")
        return number
    if isinstance(value, bool):
        raise ValueError("phải là số, không phải đúng/sai")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("phải là một số hữu hạn (không dùng .inf hay .nan)")
    if isinstance(value, int | float) and abs(value) > MAX_NUMBER:
        raise ValueError("số quá lớn: tối đa 1.000.000.000.000.000")
    if isinstance(value, float) and value == int(value):
        return int(value)
    return value


def _known(table: dict[str, str], what: str):
    def check(value: str) -> str:
        if value not in table:
            raise ValueError(f"{what} '{value}' không có trong danh mục; có: {', '.join(table)}")
        return value

    return check


def _level(value: str) -> str:
    return _known(levels(), "cấp")(value)


Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60),
    Field(description="Mã ổn định, viết thường không dấu, nối bằng gạch ngang (nv6-giao-duc)."),
]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Prose = Annotated[str, AfterValidator(_fold), StringConstraints(min_length=1)]
Number = Annotated[int | float, BeforeValidator(_vi_number)]
Level = Annotated[str, AfterValidator(_level)]
Levels = Annotated[
    list[Level],
    Field(min_length=1, description="Các cấp áp dụng (huyen, xa …); bỏ trống là mọi cấp."),
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    xem_lai: list[ReviewNote] = Field(
        default_factory=list, description="Chỗ cần xem lại (hiện thành chú thích trong Word)."
    )


class Comparison(StrEnum):
    """How a result is compared with the target, as the wording says it."""

    tren = "tren"  # trên 95%  → >
    toi_thieu = "toi_thieu"  # tối thiểu, ít nhất → ≥
    khoang = "khoang"  # khoảng → ≈
    duoi = "duoi"  # dưới 15% → <
    toi_da = "toi_da"  # tối đa, không quá → ≤
    dat = "dat"  # đạt, chiếm, bare number → =


class Direction(StrEnum):
    """Whether a higher or a lower result is better."""

    tang = "tang"
    giam = "giam"


class Paragraph(_Model):
    """Một đoạn văn; có thể là gạch đầu dòng (`dau: "-"`) với phần dẫn in nghiêng."""

    id: Id
    noi_dung: Prose = Field(description="Văn bản của đoạn, giữ nguyên câu chữ.")
    dau: Literal["-", "+"] | None = Field(
        None, description="Dấu đầu dòng: '-' hoặc '+'; bỏ trống là đoạn văn thường."
    )
    dan: Line | None = Field(None, description="Phần dẫn trước dấu hai chấm: 'Về giáo dục'.")
    cap: Levels | None = None

    @model_validator(mode="after")
    def _lead_needs_mark(self) -> Paragraph:
        if self.dan and not self.dau:
            raise ValueError("phần dẫn 'dan' chỉ dùng cho gạch đầu dòng: thêm 'dau: \"-\"'")
        return self


class Item(_Model):
    """Một mục đánh số (1., 2. …) gồm tiêu đề và các đoạn."""

    id: Id
    tieu_de: Line = Field(description="Tiêu đề mục, không ghi số thứ tự.")
    doan: list[Paragraph] = Field(default_factory=list, description="Các đoạn của mục.")
    cap: Levels | None = None


class Section(_Model):
    """Một phần La Mã (I., II. …) gồm các mục."""

    id: Id
    tieu_de: Line = Field(description="Tiêu đề phần, chữ in hoa, không ghi số La Mã.")
    muc: list[Item] = Field(min_length=1)


class Aggregation(_Model):
    """Cách tính số liệu chung của cấp trên từ số liệu các đơn vị."""

    cach: Literal["cong", "binh_quan"] = Field(
        description="cong: cộng (số lượng); binh_quan: bình quân theo trọng số."
    )
    trong_so: str | None = Field(
        None, description="Với binh_quan: tên số liệu của đơn vị làm trọng số (dan_so …)."
    )

    @model_validator(mode="after")
    def _weight_for_mean(self) -> Aggregation:
        if (self.cach == "binh_quan") != (self.trong_so is not None):
            raise ValueError("'trong_so' cần (và chỉ dùng) với cach: binh_quan")
        return self


class ExtraSection(_Model):
    """Một phần khác (V. KINH PHÍ …), in sau phần Tổ chức thực hiện: đoạn văn và các mục."""

    id: Id
    tieu_de: Line
    doan: list[Paragraph] = Field(default_factory=list)
    muc: list[Item] = Field(default_factory=list)


class Indicator(_Model):
    """Một chỉ tiêu: câu chữ có chỗ trống {gt} cho giá trị, cùng giá trị, đơn vị, cách so sánh."""

    id: Id
    cau: Line = Field(
        description="Câu chữ đúng như kế hoạch viết; giá trị thay bằng {gt}, mẫu số bằng {ms}."
    )
    nhan: Line = Field(description="Tên ngắn của chỉ tiêu trên biểu báo cáo.")
    gia_tri: Number | None = Field(None, description="Giá trị chỉ tiêu; bỏ trống nếu định tính.")
    mau_so: Number | None = Field(None, description="Mẫu số (10.000 trong 'trên 10.000 dân').")
    don_vi: Line | None = Field(None, description="Đơn vị tính trên biểu (%, tuổi, giường bệnh).")
    so_sanh: Comparison | None = Field(
        None, description="tren (>), toi_thieu (≥), khoang (≈), duoi (<), toi_da (≤), dat (=)."
    )
    huong: Direction | None = Field(
        None, description="tang: càng cao càng tốt; giam: càng thấp càng tốt."
    )
    cap: Levels | None = None
    nam: int | None = Field(None, description="Năm phải đạt; mặc định theo khối chỉ tiêu.")
    noi: str | None = Field(None, description="Chữ nối sau chỉ tiêu: '; ', ', ', ' và ', '. '.")
    tong_hop: Aggregation | None = Field(
        None, description="Cách tính số liệu chung khi tổng hợp; bỏ trống là không tính."
    )

    @model_validator(mode="after")
    def _consistent(self) -> Indicator:
        slots = self.cau.count(VALUE_SLOT)
        if self.gia_tri is None:
            if slots:
                raise ValueError("câu có {gt} nhưng thiếu 'gia_tri'")
            keys = ("don_vi", "so_sanh", "huong", "mau_so", "tong_hop")
            extra = [k for k in keys if getattr(self, k)]
            if extra:
                raise ValueError(f"chỉ tiêu định tính không có giá trị nên không dùng {extra}")
        else:
            if slots != 1:
                raise ValueError("câu của chỉ tiêu có giá trị phải chứa đúng một chỗ {gt}")
            missing = [k for k in ("don_vi", "so_sanh") if getattr(self, k) is None]
            if missing:
                raise ValueError(f"chỉ tiêu có giá trị cần thêm {missing}")
        if (self.mau_so is None) != (BASE_SLOT not in self.cau):
            raise ValueError("'mau_so' và chỗ {ms} trong câu phải đi cùng nhau")
        return self

    @property
    def direction(self) -> Direction:
        """The declared direction, else the one the comparison implies."""
        if self.huong:
            return self.huong
        lower = self.so_sanh in (Comparison.duoi, Comparison.toi_da)
        return Direction.giam if lower else Direction.tang


class IndicatorGroup(_Model):
    """Chỉ tiêu chung chủ ngữ ('tỷ lệ đi học … cấp tiểu học …, cấp THCS …') hoặc chung vị ngữ."""

    id: Id
    truoc: str = Field("", description="Phần chung đứng trước (kể cả dấu cách ở cuối).")
    chi_tieu: list[Indicator] = Field(min_length=1)
    sau: str = Field("", description="Phần chung đứng sau (kể cả dấu cách ở đầu).")
    noi: str | None = Field(None, description="Chữ nối sau cả nhóm.")


def _phrase_kind(value: Any) -> str:
    if isinstance(value, dict):
        return "~nhom" if "chi_tieu" in value else "~chi-tieu"
    return "~nhom" if isinstance(value, IndicatorGroup) else "~chi-tieu"


Phrase = Annotated[
    Annotated[Indicator, Tag("~chi-tieu")] | Annotated[IndicatorGroup, Tag("~nhom")],
    Discriminator(_phrase_kind),
]


class IndicatorParagraph(_Model):
    """Một đoạn chỉ tiêu: các chỉ tiêu và nhóm nối với nhau thành câu."""

    id: Id
    nhan: Line | None = Field(None, description="Tên nhóm chỉ tiêu trên biểu báo cáo.")
    noi_dung: list[Phrase] = Field(min_length=1)
    cap: Levels | None = None

    def indicators(self) -> list[Indicator]:
        """The paragraph's indicators, groups opened, in reading order."""
        out: list[Indicator] = []
        for phrase in self.noi_dung:
            out.extend(phrase.chi_tieu if isinstance(phrase, IndicatorGroup) else [phrase])
        return out


class IndicatorBlock(_Model):
    """Mục 'Các chỉ tiêu chủ yếu': đoạn văn sinh ra từ các bản ghi chỉ tiêu."""

    id: Id
    tieu_de: Line
    nam: int = Field(description="Năm phải đạt của các chỉ tiêu (2030).")
    doan: list[IndicatorParagraph] = Field(min_length=1)

    def indicators(self) -> list[Indicator]:
        """Every indicator, in reading order."""
        return [indicator for paragraph in self.doan for indicator in paragraph.indicators()]


class Objectives(_Model):
    """Phần II: mục tiêu tổng quát, các chỉ tiêu chủ yếu, tầm nhìn."""

    id: Id
    tieu_de: Line
    muc_tieu_tong_quat: Item
    chi_tieu: IndicatorBlock
    tam_nhin: Item | None = None


class Assignment(_Model):
    """Một nhiệm vụ trong Tổ chức thực hiện: cơ quan thực hiện và việc phải làm."""

    id: Id
    chu_the: Line = Field(description="Cơ quan, đơn vị thực hiện, đứng đầu câu.")
    noi_dung: Prose = Field(description="Phần còn lại của câu, sau tên cơ quan.")
    cap: Levels | None = None


class Organisation(_Model):
    """Phần Tổ chức thực hiện."""

    id: Id
    tieu_de: Line
    muc: list[Assignment] = Field(min_length=1)


class Header(_Model):
    """Thể thức đầu văn bản: cơ quan ban hành, số và ký hiệu, địa danh, ngày, trích yếu."""

    cap_tren: Line | None = Field(
        None, description="Cấp ủy cấp trên, in hoa: ĐẢNG BỘ TỈNH HẬU GIANG (cấp tỉnh: bỏ trống)."
    )
    co_quan: Line = Field(description="Cơ quan ban hành, chữ in hoa: HUYỆN ỦY PHỤNG HIỆP.")
    ma_co_quan: Annotated[str, AfterValidator(_known(body_codes(), "mã cơ quan"))] = Field(
        description="Mã cơ quan ban hành: HU, ĐU, TU …"
    )
    loai: Annotated[str, AfterValidator(_known(type_codes(), "mã loại văn bản"))] = Field(
        description="Mã loại văn bản: KH, BC, CTr …"
    )
    so: Annotated[int, Field(ge=1)] | None = Field(
        None, description="Số văn bản; để trống khi dự thảo."
    )
    du_thao: bool = Field(False, description="Văn bản còn là dự thảo.")
    dia_danh: Line = Field(description="Địa danh: Phụng Hiệp.")
    ngay: dt.date | Annotated[int, Field(ge=1945, le=2100)] = Field(
        description="Ngày ban hành (2024-02-05), hoặc chỉ năm (2024) khi dự thảo."
    )
    trich_yeu: Line = Field(description="Trích yếu nội dung, giữ nguyên cách viết.")

    @property
    def year(self) -> int:
        return self.ngay if isinstance(self.ngay, int) else self.ngay.year

    @property
    def day(self) -> dt.date:
        """The date, or 1 January when a draft knows only the year."""
        return self.ngay if isinstance(self.ngay, dt.date) else dt.date(self.ngay, 1, 1)


class Signature(_Model):
    """Chữ ký: quyền hạn, chức vụ, họ tên (có thể để trống khi dự thảo)."""

    quyen_han: str = Field("", description="T/M BAN THƯỜNG VỤ, T/M HUYỆN ỦY …")
    chuc_vu: str = Field("", description="BÍ THƯ, PHÓ BÍ THƯ …")
    ho_ten: str = Field("", description="Họ và tên người ký.")


def _filing_last(lines: list[str]) -> list[str]:
    if not lines[-1].startswith("Lưu"):
        raise ValueError("dòng cuối của nơi nhận phải là dòng lưu: 'Lưu Văn phòng …'")
    return lines


class Parent(_Model):
    """Kế hoạch cấp trên mà kế hoạch này được soạn từ đó."""

    id: Id
    so: int | None = Field(None, description="Số của kế hoạch cấp trên; trống nếu chưa cấp số.")
    ngay: dt.date | int = Field(description="Ngày (hoặc năm) của kế hoạch cấp trên.")
    ky_hieu: Line = Field(description="Ký hiệu, ví dụ KH/HU.")


class Plan(_Model):
    """Một kế hoạch của cấp ủy: nguồn duy nhất để sinh văn bản và biểu mẫu."""

    id: Id
    ho_so: str | None = Field(
        None, description="Hồ sơ thể thức (hd36-2018 …); bỏ trống: theo ngày ban hành."
    )
    danh_sach_don_vi: Line | None = Field(
        None, description="Tệp danh sách đơn vị cấp dưới (đường dẫn tính từ tệp kế hoạch)."
    )
    goc: Parent | None = Field(None, description="Kế hoạch cấp trên (với kế hoạch soạn từ đó).")
    don_vi: Id | None = Field(None, description="Mã đơn vị ban hành trong danh sách đơn vị.")
    van_ban: Header
    can_cu: list[Paragraph] = Field(min_length=1, description="Các đoạn căn cứ mở đầu.")
    muc_dich_yeu_cau: Section
    muc_tieu_chi_tieu: Objectives
    nhiem_vu_giai_phap: Section
    to_chuc_thuc_hien: Organisation
    phan_khac: list[ExtraSection] = Field(
        default_factory=list, description="Các phần khác, in sau Tổ chức thực hiện."
    )
    chu_ky: Signature = Field(default_factory=Signature)
    noi_nhan: Annotated[list[Line], AfterValidator(_filing_last)] = Field(
        min_length=1, description="Nơi nhận, mỗi dòng một nơi; dòng cuối là 'Lưu …'."
    )
