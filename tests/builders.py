"""Small plans for tests, built as data: start from `small_plan()`, change what the test
is about, write it with `write_plan`. Tests about the seed use the seed plan itself;
nothing here edits the demo plan's text."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import openpyxl

from kehoach.forms.layout import FORM, cell, rows_by_id
from kehoach.forms.report import FORM_SHEET
from kehoach.plan.yamlwrite import dump

_SMALL: dict[str, Any] = {
    "id": "ke-hoach-nho",
    "van_ban": {
        "cap_tren": "ĐẢNG BỘ TỈNH HẬU GIANG",
        "co_quan": "HUYỆN ỦY PHỤNG HIỆP",
        "ma_co_quan": "HU",
        "loai": "KH",
        "so": 12,
        "dia_danh": "Phụng Hiệp",
        "ngay": "2024-02-05",
        "trich_yeu": "thực hiện Nghị quyết số 42-NQ/TW của Ban Chấp hành Trung ương Đảng",
    },
    "can_cu": [{"id": "can-cu", "noi_dung": "Căn cứ Nghị quyết số 42-NQ/TW, Ban Thường vụ "
                "Huyện ủy ban hành Kế hoạch thực hiện như sau:"}],
    "muc_dich_yeu_cau": {
        "id": "md", "tieu_de": "MỤC ĐÍCH, YÊU CẦU",
        "muc": [{"id": "md-1", "tieu_de": "Mục đích", "doan": [
            {"id": "md-1-a", "noi_dung": "Nâng cao nhận thức trên địa bàn huyện."}]}],
    },
    "muc_tieu_chi_tieu": {
        "id": "mt", "tieu_de": "MỤC TIÊU, CHỈ TIÊU",
        "muc_tieu_tong_quat": {"id": "mt-1", "tieu_de": "Mục tiêu tổng quát",
                               "doan": [{"id": "mt-1-a", "noi_dung": "Bảo đảm an sinh xã hội."}]},
        "chi_tieu": {"id": "ct", "tieu_de": "Các chỉ tiêu chủ yếu đến năm 2030", "nam": 2030,
                     "doan": [{"id": "ct-d", "noi_dung": [
                         {"id": "ct-bhyt", "cau": "Tỷ lệ dân số tham gia bảo hiểm y tế trên {gt}%",
                          "nhan": "Tỷ lệ tham gia bảo hiểm y tế", "gia_tri": 95, "don_vi": "%",
                          "so_sanh": "tren"}]}]},
    },
    "nhiem_vu_giai_phap": {
        "id": "nv", "tieu_de": "NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU",
        "muc": [{"id": "nv-1", "tieu_de": "Nâng cao nhận thức", "doan": [
            {"id": "nv-1-a", "noi_dung": "Tuyên truyền sâu rộng trong cán bộ, đảng viên."}]}],
    },
    "to_chuc_thuc_hien": {
        "id": "tc", "tieu_de": "TỔ CHỨC THỰC HIỆN",
        "muc": [{"id": "tc-1", "chu_the": "Ban Tuyên giáo Huyện ủy",
                 "noi_dung": "chủ trì, phối hợp hướng dẫn thực hiện Kế hoạch."}],
    },
    "chu_ky": {"quyen_han": "T/M BAN THƯỜNG VỤ", "chuc_vu": "PHÓ BÍ THƯ", "ho_ten": "Nguyễn Văn A"},
    "noi_nhan": ["Tỉnh ủy Hậu Giang (b/c)", "Lưu Văn phòng Huyện ủy"],
}


def small_plan() -> dict[str, Any]:
    """A complete, valid district plan with one element of each kind (a fresh copy)."""
    return copy.deepcopy(_SMALL)


def write_plan(path: Path, data: dict[str, Any]) -> Path:
    """`data` as a plan file at `path` (through kehoach's own YAML writer)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump(data), encoding="utf-8")
    return path


def upper_plan(folder: Path, issuer: dict[str, Any], recipients: list[str],
               units: str, name: str) -> Path:
    """A province or city plan (`small_plan` with the header fields of `issuer`) written to
    `folder/name`, with its registry `units` (YAML text) beside it as `don_vi.yaml`."""
    data = small_plan()
    del data["van_ban"]["cap_tren"]
    data |= {"id": Path(name).stem.replace("_", "-"), "danh_sach_don_vi": "don_vi.yaml",
             "noi_nhan": recipients}
    data["van_ban"] |= issuer
    (folder / "don_vi.yaml").write_text(units, encoding="utf-8")
    return write_plan(folder / name, data)


def fill_form(blank: Path, target: Path, unit: str | None, values: dict[str, object],
              verdicts: dict[str, str] | None = None,
              remarks: dict[str, str] | None = None) -> Path:
    """A copy of the blank indicator form at `target`, filled as a unit's clerk fills it:
    the unit chosen (None: the form's own), a result per indicator id (a number, or text
    typed like `"2,59"`), Đạt / Không đạt on qualitative rows, a Ghi chú."""
    shutil.copy(blank, target)
    book = openpyxl.load_workbook(target)
    sheet = book[FORM_SHEET]
    if unit is not None:
        sheet[FORM.unit_name] = unit
    rows = rows_by_id(sheet)
    for column, given in (("ket_qua", values), ("danh_gia", verdicts or {}),
                          ("ghi_chu", remarks or {})):
        for ident, value in given.items():
            cell(sheet, rows[ident], column).value = value
    book.save(target)
    return target
