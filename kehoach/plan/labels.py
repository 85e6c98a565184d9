"""The Vietnamese name of every field of the plan model, written once: the web editor shows
them as its labels, compare and derive --update say them inside sentences (`field_name`)."""

from __future__ import annotations

import re

LABELS = {
    "xem_lai": "Ghi chú xem lại (hiện thành chú thích Word)",
    "cum": "Cụm chữ",
    "ly_do": "Lý do",
    "ten_loai": "Tên loại (nếu dài hơn mã)",
    "id": "Mã",
    "ho_so": "Hồ sơ thể thức",
    "danh_sach_don_vi": "Tệp danh sách đơn vị",
    "goc": "Kế hoạch cấp trên",
    "don_vi": "Mã đơn vị",
    "van_ban": "Đầu văn bản",
    "cap_tren": "Cấp ủy cấp trên",
    "co_quan": "Cơ quan ban hành",
    "ma_co_quan": "Mã cơ quan",
    "loai": "Loại văn bản",
    "so": "Số",
    "du_thao": "Dự thảo",
    "dia_danh": "Địa danh",
    "ngay": "Ngày (hoặc năm)",
    "trich_yeu": "Trích yếu",
    "can_cu": "Căn cứ",
    "muc_dich_yeu_cau": "Mục đích, yêu cầu",
    "muc_tieu_chi_tieu": "Mục tiêu, chỉ tiêu",
    "muc_tieu_tong_quat": "Mục tiêu tổng quát",
    "chi_tieu": "Chỉ tiêu",
    "tam_nhin": "Tầm nhìn",
    "nhiem_vu_giai_phap": "Nhiệm vụ, giải pháp",
    "to_chuc_thuc_hien": "Tổ chức thực hiện",
    "phan_khac": "Các phần khác",
    "chu_ky": "Chữ ký",
    "quyen_han": "Quyền hạn",
    "chuc_vu": "Chức vụ",
    "ho_ten": "Họ và tên",
    "noi_nhan": "Nơi nhận (mỗi dòng một nơi)",
    "tieu_de": "Tiêu đề",
    "muc": "Các mục",
    "doan": "Các đoạn",
    "noi_dung": "Nội dung",
    "dau": "Dấu đầu dòng",
    "dan": "Phần dẫn",
    "cap": "Cấp áp dụng",
    "nam": "Năm",
    "cau": "Câu chữ ({gt} là chỗ giá trị)",
    "nhan": "Tên trên biểu",
    "gia_tri": "Giá trị",
    "mau_so": "Mẫu số",
    "don_vi_tinh": "Đơn vị",
    "so_sanh": "So sánh",
    "huong": "Hướng",
    "noi": "Chữ nối",
    "truoc": "Phần chung trước",
    "sau": "Phần chung sau",
    "chu_the": "Cơ quan thực hiện",
    "ky_hieu": "Ký hiệu",
    "tong_hop": "Cách tổng hợp",
    "cach": "Cách tính",
    "trong_so": "Trọng số",
    "ghi_chu": "Ghi chú giữa chức vụ và họ tên",
    "mo_dau": "Đoạn mở đầu",
    "nhan_con": "Kiểu nhãn mục con",
    "tieu_muc": "Nhãn mục",
    "danh_so": "Kiểu đánh số",
    "ket_luan": "Câu kết",
    "phu_luc": "Phụ lục",
    "thu_tu": "Thứ tự các phần",
    "the_thuc": "Thể thức (Đảng hay nhà nước)",
    "quoc_hieu": "Quốc hiệu (như văn bản gốc in)",
    "tieu_ngu": "Tiêu ngữ (như văn bản gốc in)",
    "thang": "Tháng (khi để trống ngày)",
    "duoi_ten": "Dòng dưới họ tên",
    "khong_dong_luu": "Văn bản gốc không có dòng lưu",
    "nhan_goc": "Nhãn như văn bản gốc in",
    "bang": "Bảng",
    "cot": "Các cột",
    "dong": "Các dòng",
    "o": "Các ô",
}


_HINT = re.compile(r"\s*\([^)]*\)\s*$")


def field_name(key: str) -> str:
    """The field as a sentence names it: `Nơi nhận (mỗi dòng một nơi)` → `nơi nhận`."""
    label = _HINT.sub("", LABELS.get(key, key))
    return label[:1].lower() + label[1:]
