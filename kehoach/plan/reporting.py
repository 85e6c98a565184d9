"""The reports a plan asks of the units below it, as its words state them (`bao_cao`):
the days of the periodic reports, a single report's deadline, the sơ kết and tổng kết years."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints

from kehoach.plan.fields import _Model, matching


def _day_month(value: str) -> str:
    day, month = (int(x) for x in value.split("/"))
    if not (1 <= day <= 31 and 1 <= month <= 12):
        raise ValueError(f"'{value}' không phải ngày/tháng (viết 15/6)")
    return value


DAY_MONTH = r"^\d{1,2}/\d{1,2}$"
DayMonth = Annotated[
    str,
    StringConstraints(pattern=DAY_MONTH),
    matching(DAY_MONTH, "'{value}' không phải ngày/tháng (viết 15/6)"),
    AfterValidator(_day_month),
]
Year = Annotated[int, Field(ge=1945, le=2100)]


class Reporting(_Model):
    """Chế độ báo cáo kế hoạch giao cho cấp dưới, như câu chữ của kế hoạch nêu (`kehoach
    import` đọc ra): kế hoạch cấp dưới soạn từ kế hoạch này báo cáo theo đúng các hạn đó."""

    sau_thang: DayMonth | None = Field(None, description="Hạn báo cáo 6 tháng: '15/6'.")
    hang_quy: DayMonth | None = Field(None, description="Hạn báo cáo hằng quý (ngày/tháng).")
    hang_nam: DayMonth | None = Field(None, description="Hạn báo cáo hằng năm: '15/11'.")
    han: dt.date | None = Field(None, description="Hạn của một lần báo cáo: 2026-05-15.")
    so_ket: Year | None = Field(None, description="Năm sơ kết.")
    tong_ket: Year | None = Field(None, description="Năm tổng kết.")
