"""Indicators (chỉ tiêu) as records: wording with a slot for the value, the value, its unit,
how a result is compared with it, whether higher or lower is better, and how the upper
level sums the units' figures. The same records give the plan's sentences, the report
form's rows and the summary's verdicts."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag, model_validator

from kehoach.plan.fields import Comparison, Direction, Id, Levels, Line, Number, _Model

VALUE_SLOT = "{gt}"
"""Where an indicator's value goes in its wording."""


BASE_SLOT = "{ms}"
"""Where an indicator's denominator goes (`10 bác sĩ trên {ms} dân`)."""

NUMBERED = "1."
"""An indicator paragraph's `dau` for targets numbered as the part's items (`1. Chỉ số …`)."""


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
    moc_cua: Id | None = Field(
        None,
        description="Mã của chỉ tiêu mà câu này nêu ở một mốc năm khác (cùng chỉ tiêu: 'đạt 50%' "
        "đến năm 2026, 'đạt 80%' đến năm 2030): biểu báo cáo mỗi kỳ có một dòng cho chỉ tiêu đó.",
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
    def comparison(self) -> Comparison:
        """The comparison of an indicator with a value (the model requires one there)."""
        if self.so_sanh is None:
            raise ValueError(f"chỉ tiêu định tính {self.id} không có so_sanh")
        return self.so_sanh

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
    tieu_de: Line | None = Field(
        None,
        description="Tiêu đề mốc in trước đoạn, như mục con a), b): 'Đến năm 2026' (chỉ tiêu "
        "theo từng mốc năm).",
    )
    nam: int | None = Field(None, description="Năm phải đạt của đoạn (mốc), khi khác năm chung.")
    noi_dung: list[Phrase] = Field(min_length=1)
    dau: Literal["-", "+", "1."] | None = Field(
        None,
        description="Mỗi chỉ tiêu một dòng, câu chữ trọn dòng: gạch đầu dòng '-', '+', hoặc "
        "'1.' đánh số tiếp các mục của phần (chỉ tiêu viết ngay dưới phần: 1., 2. …).",
    )
    cap: Levels | None = None

    def indicators(self) -> list[Indicator]:
        """The paragraph's indicators, groups opened, in reading order."""
        out: list[Indicator] = []
        for phrase in self.noi_dung:
            out.extend(phrase.chi_tieu if isinstance(phrase, IndicatorGroup) else [phrase])
        return out
