"""The skeleton of a new plan: a valid plan whose every part says what to write there,
issued by a committee of today's structure (from the level chain in force today: a
Đảng ủy of a xã, phường or đặc khu, or a Tỉnh ủy or Thành ủy; never a Huyện ủy after
1/7/2025), with the organs and the signature that level has today."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from typing import Any

from werkzeug.datastructures import MultiDict


@dataclass(frozen=True)
class Issuer:
    """One kind of committee a new plan may come from today."""

    level: str
    label: str
    code: str
    body: str  # how the body's name starts: ĐẢNG ỦY, TỈNH ỦY


def issuers(day: dt.date | None = None) -> list[Issuer]:
    """The committees of the level chain in force on `day` (today), highest first; a
    level that units derive from (a commune) is offered by its kinds of unit."""
    from kehoach.rules.levels import load_levels

    day = day or dt.date.today()
    data = load_levels()
    order: list[str] = []
    for period in data.chuoi:
        if period.valid_on(day):
            order += [key for key in period.cap if key not in order]
    order.sort(key=lambda key: max(p.cap.index(key) for p in data.chuoi if key in p.cap
                                   and p.valid_on(day)))
    found = []
    for key in order:
        level = data.cap[key].on(day)
        if level.derivable:
            kinds = ", ".join(level.loai_don_vi.values())
            found.append(Issuer(key, f"Đảng ủy {kinds}", level.ma_co_quan[0], "ĐẢNG ỦY"))
        else:
            prefix = level.tien_to_co_quan or level.noi.cap_uy.upper()
            found.append(Issuer(key, prefix.capitalize(), level.ma_co_quan[0], prefix))
    return found


def _part(ident: str, heading: str, item: str) -> dict[str, Any]:
    return {"id": ident, "tieu_de": heading, "muc": [{"id": f"{ident}-1", "tieu_de": item, "doan": [
        {"id": f"{ident}-1-a", "noi_dung": "Viết nội dung ở đây."}]}]}


def _duties(level_key: str, day: dt.date) -> list[dict[str, str]]:
    """The level's own organs and their usual duties (a commune's from its roles)."""
    from kehoach.rules.levels import load_levels

    level = load_levels().cap[level_key]
    level = level.on(day, next(iter(level.loai_don_vi), None))
    duties = [{"id": role.id, "chu_the": role.chu_the, "noi_dung": role.noi_dung}
              for role in level.to_chuc_thuc_hien if "{" not in role.chu_the + role.noi_dung]
    if not duties:
        duties = [{"id": f"tc-{n}", "chu_the": organ, "noi_dung": "chủ trì, hướng dẫn thực hiện."}
                  for n, organ in enumerate(list(level.co_quan_giup_viec.values())[:3], 1)]
    return duties or [{"id": "tc-1", "chu_the": "Văn phòng",
                       "noi_dung": "theo dõi, đôn đốc, tổng hợp, báo cáo."}]


def _signer(level_key: str, day: dt.date) -> dict[str, str]:
    """Who usually signs a plan of the level (its `chu_ky` in the level data)."""
    from kehoach.rules.levels import load_levels

    level = load_levels().cap[level_key]
    signer = level.on(day, next(iter(level.loai_don_vi), None)).chu_ky
    return {"quyen_han": signer.quyen_han, "chuc_vu": signer.chuc_vu}


def skeleton(ident: str, given: MultiDict, day: dt.date | None = None) -> dict[str, Any]:
    """A new plan with the header the clerk gave, for the committee chosen among today's."""
    day = day or dt.date.today()

    def text(key: str, default: str) -> str:
        return unicodedata.normalize("NFC", given.get(key, "").strip()) or default

    offered = issuers(day)
    issuer = next((i for i in offered if i.level == given.get("cap")), offered[-1])
    head: dict[str, Any] = {}
    upper = text("cap_tren", "")
    if upper:
        head["cap_tren"] = upper.upper()
    head |= {
        "co_quan": text("co_quan", f"{issuer.body} …").upper(), "ma_co_quan": issuer.code,
        "loai": "KH", "du_thao": True, "dia_danh": text("dia_danh", "…"),
        "ngay": day.year,  # a draft knows its year; the day is typed when it is issued
        "trich_yeu": text("trich_yeu", "thực hiện …"),
    }
    return {
        "id": ident[:60].strip("-") or "ke-hoach-moi",
        "van_ban": head,
        "can_cu": [{"id": "can-cu", "noi_dung": "Căn cứ …, ban hành Kế hoạch như sau:"}],
        "muc_dich_yeu_cau": _part("muc-dich-yeu-cau", "MỤC ĐÍCH, YÊU CẦU", "Mục đích"),
        "muc_tieu_chi_tieu": {
            "id": "muc-tieu-chi-tieu", "tieu_de": "MỤC TIÊU, CHỈ TIÊU",
            "muc_tieu_tong_quat": {"id": "muc-tieu-tong-quat", "tieu_de": "Mục tiêu tổng quát",
                                   "doan": [{"id": "mt-a", "noi_dung": "Viết mục tiêu ở đây."}]},
            "chi_tieu": {"id": "chi-tieu-chu-yeu", "tieu_de": "Các chỉ tiêu chủ yếu",
                         "nam": day.year + 5, "doan": [{"id": "ct-a", "noi_dung": [
                             {"id": "ct-1", "cau": "Tỷ lệ … đạt {gt}%", "nhan": "Tỷ lệ …",
                              "gia_tri": 100, "don_vi": "%", "so_sanh": "dat"}]}]},
        },
        "nhiem_vu_giai_phap": _part("nhiem-vu-giai-phap", "NHIỆM VỤ VÀ GIẢI PHÁP", "Nhiệm vụ"),
        "to_chuc_thuc_hien": {"id": "to-chuc-thuc-hien", "tieu_de": "TỔ CHỨC THỰC HIỆN",
                              "muc": _duties(issuer.level, day)},
        "chu_ky": {**_signer(issuer.level, day), "ho_ten": ""},
        "noi_nhan": ["…", "Lưu Văn phòng."],
    }
