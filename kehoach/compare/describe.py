"""How the change list names elements, fields and values, in Vietnamese."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel

from kehoach.plan.indicators import VALUE_SLOT, Indicator, IndicatorGroup
from kehoach.plan.labels import field_name
from kehoach.plan.model import Assignment, Paragraph
from kehoach.rules.assessment import load_assessment
from kehoach.vn import numbers as vnformat

KINDS = {
    "Paragraph": "đoạn",
    "Item": "mục",
    "Section": "phần",
    "Objectives": "phần",
    "Organisation": "phần",
    "ExtraSection": "phần",
    "IndicatorBlock": "mục chỉ tiêu",
    "IndicatorParagraph": "đoạn chỉ tiêu",
    "Indicator": "chỉ tiêu",
    "IndicatorGroup": "nhóm chỉ tiêu",
    "Assignment": "nhiệm vụ",
    "Parent": "kế hoạch cấp trên",
}

FIELDS = {
    "quyen_han": "quyền hạn ký",
    "chuc_vu": "chức vụ người ký",
    "ho_ten": "người ký",
    "danh_sach_don_vi": "danh sách đơn vị",
    "don_vi": "đơn vị",
    "id": "mã kế hoạch",
    "nam": "năm phải đạt",
}
"""Where a change list, which names a field without its block, says more than its label."""


def field(key: str) -> str:
    return FIELDS.get(key) or field_name(key)


VALUE_FIELDS = ("gia_tri", "mau_so", "don_vi", "so_sanh")
"""An indicator's measurable target: one change `trên 95% → trên 96%`."""

TEXT_FIELDS = {
    "Paragraph": ("noi_dung", "dan"),
    "Assignment": ("chu_the", "noi_dung"),
    "Indicator": ("cau",),
    "IndicatorGroup": ("truoc", "sau"),
}
"""The fields that make an element's wording; other kinds are worded by `tieu_de`."""


def kind(element: BaseModel) -> str:
    return KINDS.get(type(element).__name__, "phần tử")


def wording(element: BaseModel) -> str | None:
    """What the reader reads of the element itself (not its children); None if nothing.
    An indicator's value is left out (`trên …%`): a value change is reported apart."""
    if isinstance(element, Paragraph):
        return f"{element.dan}: {element.noi_dung}" if element.dan else element.noi_dung
    if isinstance(element, Assignment):
        return f"{element.chu_the} {element.noi_dung}"
    if isinstance(element, Indicator):
        return element.cau.replace(VALUE_SLOT, "…")
    if isinstance(element, IndicatorGroup):
        return f"{element.truoc}…{element.sau}".strip()
    return getattr(element, "tieu_de", None)


def target(indicator: Indicator) -> str:
    """`trên 95%`, `tối thiểu 30 giường bệnh`; `định tính` without a value."""
    if indicator.gia_tri is None:
        return "định tính"
    unit = indicator.don_vi or ""
    value = vnformat.number(indicator.gia_tri)
    way = load_assessment().so_sanh[indicator.so_sanh.value]["chu"] if indicator.so_sanh else ""
    text = f"{way} {value}" if way else value
    text += unit if unit == "%" else f" {unit}"
    if indicator.mau_so is not None:
        text += f" (mẫu số {vnformat.number(indicator.mau_so)})"
    return text.strip()


def value(data: Any) -> str:
    """A header or field value as the clerk writes it."""
    if data is None or data == "" or data == []:
        return "(trống)"
    if isinstance(data, bool):
        return "có" if data else "không"
    if isinstance(data, dt.date):
        return f"{data.day:02d}/{data.month:02d}/{data.year}"
    if isinstance(data, int):
        return str(data)  # numbers, years: 2030, not 2.030
    if isinstance(data, float):
        return vnformat.number(data)
    if isinstance(data, list):
        return ", ".join(value(item) for item in data)
    if isinstance(data, BaseModel):
        return ", ".join(
            f"{field(k)}: {value(v)}" for k, v in data.model_dump().items() if v is not None
        )
    return f"“{data}”"


def short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
