"""Columns of the report's indicator tables: (heading, the row's field, centred?). The DOCX
templates draw them (`template_builder.py`); the Excel form of `forms/` has the same columns,
with the indicator's id (`Mã`) in place of the row number."""

from __future__ import annotations

_INDICATOR: list[tuple[str, str, bool]] = [
    ("STT", "stt", True),
    ("Chỉ tiêu", "chi_tieu", False),
    ("Đơn vị tính", "don_vi", True),
    ("Chỉ tiêu kế hoạch", "ke_hoach", True),
]
BIEU_COLUMNS: list[tuple[str, str, bool]] = [
    *_INDICATOR,
    ("Kết quả thực hiện", "ket_qua", True),
    ("Tỷ lệ % so với chỉ tiêu", "ty_le", True),
    ("Đánh giá", "danh_gia", True),
    ("Ghi chú", "ghi_chu", False),
]
TONG_HOP_COLUMNS: list[tuple[str, str, bool]] = [
    *_INDICATOR,
    ("{{ ten_chung }}", "chung", True),
    ("Số đơn vị đạt", "dat", True),
    ("Số đơn vị chưa đạt", "khong_dat", True),
    ("Đơn vị chưa đạt", "chua_dat", False),
]
