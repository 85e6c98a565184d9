"""The level data by period: the city beside the province, the commune's kinds and organs,
and the map from an upper staff organ to the commune body that plays its role."""

from __future__ import annotations

import datetime as dt

import pytest

from kehoach.rules.levels import load_levels

BEFORE, AFTER = dt.date(2024, 3, 1), dt.date(2026, 9, 15)


@pytest.mark.parametrize("day", [BEFORE, AFTER])
def test_the_organ_map_names_only_organs_the_commune_has(day):
    levels = load_levels()
    for code, kind in levels.cap["xa"].on(day).loai_don_vi.items():
        commune = levels.cap["xa"].on(day, code)
        organs = {organ.format(dv=kind) for organ in commune.organs()}
        for upper, body in levels.organ_map(day, code).items():
            assert body.format(dv=kind) in organs, f"{upper} → {body} ({kind}, {day})"


@pytest.mark.parametrize("kind", ["xa", "phuong"])
def test_a_xa_or_phuong_has_no_tuyen_giao_dan_van_or_to_chuc_board_of_its_own(kind):
    organs = " | ".join(load_levels().cap["xa"].on(AFTER, kind).organs())
    for board in ("Ban Tuyên giáo", "Ban Dân vận", "Ban Tổ chức", "Cơ quan Ủy ban Kiểm tra"):
        assert board not in organs
    assert "Ban Xây dựng Đảng Đảng ủy" in organs


def test_a_dac_khu_has_the_four_organs_of_quy_dinh_298_and_no_ban_xay_dung_dang():
    levels = load_levels()
    island = levels.cap["xa"].on(AFTER, "dac_khu")
    assert set(island.co_quan_giup_viec.values()) == {
        "Văn phòng Đảng ủy", "Ban Tổ chức Đảng ủy", "Ban Tuyên giáo và Dân vận Đảng ủy",
        "Cơ quan Ủy ban Kiểm tra Đảng ủy", "Ủy ban Kiểm tra Đảng ủy"}
    assert "Ban Xây dựng Đảng" not in " | ".join(island.organs())
    roles = {r.id: r.chu_the for r in island.to_chuc_thuc_hien}
    assert roles["tc-tuyen-giao-dan-van"] == "Ban Tuyên giáo và Dân vận Đảng ủy"
    assert roles["tc-to-chuc"] == "Ban Tổ chức Đảng ủy"
    assert roles["tc-kiem-tra"] == "Cơ quan Ủy ban Kiểm tra Đảng ủy"
    assert "tc-xay-dung-dang" not in roles
    organs = levels.organ_map(AFTER, "dac_khu")
    assert organs["Ban Tổ chức Thành ủy"] == "Ban Tổ chức Đảng ủy"
    assert organs["Ban Tuyên giáo và Dân vận Tỉnh ủy"] == "Ban Tuyên giáo và Dân vận Đảng ủy"
    assert levels.organ_map(AFTER, "xa")["Ban Tổ chức Thành ủy"] == "Ban Xây dựng Đảng Đảng ủy"


def test_every_role_of_the_commune_is_played_by_one_of_its_organs():
    levels = load_levels()
    for day in (BEFORE, AFTER):
        for code in [None, *levels.cap["xa"].on(day).loai_don_vi]:
            commune = levels.cap["xa"].on(day, code)
            roles = {r.chu_the for r in commune.to_chuc_thuc_hien}
            assert roles <= set(commune.organs()), (day, code)


def test_tu_is_told_apart_by_the_issuers_name():
    levels = load_levels()
    assert levels.of_body("TU", "THÀNH ỦY CẦN THƠ") == "thanh_pho"
    assert levels.of_body("TU", "TỈNH ỦY AN GIANG") == "tinh"
    assert levels.of_body("HU", "HUYỆN ỦY PHỤNG HIỆP") == "huyen"
    city = levels.cap["thanh_pho"].on(AFTER).noi
    assert (city.ban_thuong_vu, city.van_phong) == ("Ban Thường vụ Thành ủy", "Văn phòng Thành ủy")
    assert levels.below("thanh_pho", AFTER) == "xa"
    assert levels.below("thanh_pho", BEFORE) == "huyen"


def test_the_communes_kinds_by_period():
    commune = load_levels().cap["xa"]
    assert set(commune.on(BEFORE).loai_don_vi) == {"xa", "thi_tran", "phuong"}
    assert set(commune.on(BEFORE).kinds_under("HUYỆN ỦY PHỤNG HIỆP")) == {"xa", "thi_tran"}
    assert set(commune.on(BEFORE).kinds_under("THỊ ỦY LONG MỸ")) == {"xa", "thi_tran", "phuong"}
    assert set(commune.on(AFTER).kinds_under("THÀNH ỦY CẦN THƠ")) == {"xa", "phuong", "dac_khu"}
    assert set(commune.on(dt.date(2025, 7, 1)).loai_don_vi) == {"xa", "phuong", "dac_khu"}
