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
    commune = levels.cap["xa"].on(day)
    for kind in commune.loai_don_vi.values():
        organs = {organ.format(dv=kind) for organ in commune.organs()}
        for upper, body in levels.organ_map(day).items():
            assert body.format(dv=kind) in organs, f"{upper} → {body} ({kind}, {day})"


def test_the_commune_has_no_tuyen_giao_dan_van_or_to_chuc_board_of_its_own():
    organs = " | ".join(load_levels().cap["xa"].on(AFTER).organs())
    for board in ("Ban Tuyên giáo", "Ban Dân vận", "Ban Tổ chức"):
        assert board not in organs


def test_every_role_of_the_commune_is_played_by_one_of_its_organs():
    for day in (BEFORE, AFTER):
        commune = load_levels().cap["xa"].on(day)
        assert {r.chu_the for r in commune.to_chuc_thuc_hien} <= set(commune.organs())


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
