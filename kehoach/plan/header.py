"""The header of a plan (thể thức đầu văn bản): issuer, number, place, date, trích yếu.
Its date is checked against the issuer's level (a HUYỆN ỦY plan dated 2026 is refused),
one rule for a year alone (`rules.levels.last_day`)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from kehoach.plan.fields import BodyCode, Line, _known, _Model, title_of_its_type
from kehoach.rules.data import body_codes, type_codes
from kehoach.rules.levels import issuer_out_of_time, last_day


def _draft(value: object) -> object:
    """true/false, or which draft this is (`2` → "Dự thảo lần 2")."""
    if isinstance(value, bool) or (isinstance(value, int) and 1 <= value <= 99):
        return value
    raise ValueError(
        "ghi true (dự thảo), false (đã ban hành) hoặc số lần dự thảo từ 1 đến 99 "
        "(2 → 'Dự thảo lần 2')"
    )


Draft = Annotated[bool | Annotated[int, Field(ge=1, le=99)], BeforeValidator(_draft)]


class Header(_Model):
    """Thể thức đầu văn bản: cơ quan ban hành, số và ký hiệu, địa danh, ngày, trích yếu."""

    the_thuc: Literal["dang", "nha_nuoc"] = Field(
        "dang",
        description="Thể thức: 'dang' (văn bản của Đảng, mặc định) hoặc 'nha_nuoc' (Ủy ban nhân "
        "dân, Hội đồng nhân dân, Mặt trận Tổ quốc …: Quốc hiệu, Tiêu ngữ, 'Số: 16/KH-UBND').",
    )
    quoc_hieu: Line | None = Field(
        None, description="Dòng Quốc hiệu như văn bản gốc in, khi khác hồ sơ (CỘNG HOÀ …)."
    )
    tieu_ngu: Line | None = Field(
        None, description="Dòng Tiêu ngữ như văn bản gốc in, khi khác hồ sơ."
    )
    cap_tren: Line | None = Field(
        None, description="Cấp ủy cấp trên, in hoa: ĐẢNG BỘ TỈNH HẬU GIANG (cấp tỉnh: bỏ trống)."
    )
    co_quan: Line = Field(description="Cơ quan ban hành, chữ in hoa: HUYỆN ỦY PHỤNG HIỆP.")
    ma_co_quan: BodyCode = Field(
        description="Mã cơ quan ban hành: HU, ĐU, TU … (mã ngoài danh mục được cảnh báo); "
        "văn bản nhà nước: UBND, MTTQ-BTT …"
    )
    loai: Annotated[str, AfterValidator(_known(type_codes(), "mã loại văn bản"))] = Field(
        description="Mã loại văn bản: KH, BC, CTr …"
    )
    ten_loai: Line | None = Field(
        None, description="Tên loại như văn bản ghi (CHƯƠNG TRÌNH HÀNH ĐỘNG); mặc định theo mã."
    )
    so: Annotated[int, Field(ge=1)] | None = Field(
        None, description="Số văn bản; để trống khi dự thảo."
    )
    du_thao: Draft = Field(
        False,
        description="Văn bản còn là dự thảo: true, hoặc số lần dự thảo (2 → 'Dự thảo lần 2').",
    )
    dia_danh: Line = Field(description="Địa danh: Phụng Hiệp.")
    ngay: dt.date | Annotated[int, Field(ge=1945, le=2100)] = Field(
        description="Ngày ban hành (2024-02-05), hoặc chỉ năm (2024) khi dự thảo."
    )
    thang: Annotated[int, Field(ge=1, le=12)] | None = Field(
        None,
        description="Tháng, khi văn bản để trống ngày mà ghi tháng ('ngày   tháng 01 năm "
        "2026'): ngay ghi năm, thang ghi tháng.",
    )
    trich_yeu: Line = Field(description="Trích yếu nội dung, giữ nguyên cách viết.")

    _title_of_its_type = field_validator("ten_loai")(title_of_its_type)

    @field_validator("ngay")
    @classmethod
    def _issuer_in_its_time(cls, ngay: dt.date | int, info: ValidationInfo) -> dt.date | int:
        """An issuer of a level the chain no longer (or not yet) has on the plan's day (a
        HUYỆN ỦY plan of 2026) is refused here, at the date; a year alone whose month
        decides it (2025) is judged with its month below."""
        issuer, code = info.data.get("co_quan"), info.data.get("ma_co_quan")
        party = info.data.get("the_thuc", "dang") == "dang"  # a State body is no level
        if party and isinstance(issuer, str) and isinstance(code, str):
            months = (None,) if isinstance(ngay, dt.date) else (1, None)
            gone = [issuer_out_of_time(code, issuer, ngay, month) for month in months]
            if all(gone):
                raise ValueError(gone[-1])
        return ngay

    @model_validator(mode="after")
    def _date_fits(self) -> Header:
        if self.thang is not None and not isinstance(self.ngay, int):
            raise ValueError("'thang' chỉ dùng khi 'ngay' chỉ ghi năm (ngày để trống)")
        gone = issuer_out_of_time(self.ma_co_quan, self.co_quan, self.ngay, self.thang)
        if gone and self.the_thuc == "dang":
            raise ValueError(f"ngay: {gone}")
        return self

    @property
    def year(self) -> int:
        return self.ngay if isinstance(self.ngay, int) else self.ngay.year

    @property
    def known_body(self) -> bool:
        """Whether the body code is one the data lists (an unknown one is a warning). A
        State body's code is its own (ND 30, PL I, II.3.b): never a warning."""
        return self.the_thuc == "nha_nuoc" or self.ma_co_quan in body_codes()

    @property
    def type_name(self) -> str:
        """The tên loại printed: as written, else the code's."""
        return self.ten_loai or type_codes()[self.loai]

    @property
    def day(self) -> dt.date:
        """The date; a draft's year alone stands for its 31 December, a year with its
        month (a blank day) for that month's last day (`last_day`)."""
        return last_day(self.ngay, self.thang)


