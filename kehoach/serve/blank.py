"""The skeleton of a new plan: a valid plan whose every part says what to write there."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from werkzeug.datastructures import MultiDict


def _part(ident: str, heading: str, item: str) -> dict[str, Any]:
    return {"id": ident, "tieu_de": heading, "muc": [{"id": f"{ident}-1", "tieu_de": item, "doan": [
        {"id": f"{ident}-1-a", "noi_dung": "Viết nội dung ở đây."}]}]}


def skeleton(ident: str, given: MultiDict) -> dict[str, Any]:
    def text(key: str, default: str) -> str:
        return unicodedata.normalize("NFC", given.get(key, "").strip()) or default

    body = text("co_quan", "HUYỆN ỦY ...").upper()
    return {
        "id": ident[:60].strip("-") or "ke-hoach-moi",
        "van_ban": {
            "co_quan": body, "ma_co_quan": text("ma_co_quan", "HU"), "loai": "KH",
            "du_thao": True, "dia_danh": text("dia_danh", "..."), "ngay": dt.date.today().year,
            "trich_yeu": text("trich_yeu", "Thực hiện ..."),
        },
        "can_cu": [{"id": "can-cu", "noi_dung": "Căn cứ ..., ban hành Kế hoạch như sau:"}],
        "muc_dich_yeu_cau": _part("muc-dich-yeu-cau", "MỤC ĐÍCH, YÊU CẦU", "Mục đích"),
        "muc_tieu_chi_tieu": {
            "id": "muc-tieu-chi-tieu", "tieu_de": "MỤC TIÊU, CHỈ TIÊU",
            "muc_tieu_tong_quat": {"id": "muc-tieu-tong-quat", "tieu_de": "Mục tiêu tổng quát",
                                   "doan": [{"id": "mt-a", "noi_dung": "Viết mục tiêu ở đây."}]},
            "chi_tieu": {"id": "chi-tieu-chu-yeu", "tieu_de": "Các chỉ tiêu chủ yếu",
                         "nam": dt.date.today().year + 5, "doan": [{"id": "ct-a", "noi_dung": [
                             {"id": "ct-1", "cau": "Tỷ lệ ... đạt {gt}%", "nhan": "Tỷ lệ ...",
                              "gia_tri": 100, "don_vi": "%", "so_sanh": "dat"}]}]},
        },
        "nhiem_vu_giai_phap": _part("nhiem-vu-giai-phap", "NHIỆM VỤ VÀ GIẢI PHÁP", "Nhiệm vụ"),
        "to_chuc_thuc_hien": {"id": "to-chuc-thuc-hien", "tieu_de": "TỔ CHỨC THỰC HIỆN", "muc": [
            {"id": "tc-1", "chu_the": "Ban Tuyên giáo",
             "noi_dung": "chủ trì, hướng dẫn thực hiện."}]},
        "chu_ky": {"quyen_han": "T/M BAN THƯỜNG VỤ", "chuc_vu": "BÍ THƯ", "ho_ten": ""},
        "noi_nhan": ["...", "Lưu Văn phòng."],
    }
