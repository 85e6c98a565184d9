"""The plan model: the Phụng Hiệp plan loads, and indicator records give the seed's prose."""

from __future__ import annotations

import pytest
from conftest import PLAN

from kehoach.document.prose import paragraph_text
from kehoach.plan.loader import load_plan
from kehoach.plan.model import Comparison, Direction, Indicator, IndicatorParagraph
from kehoach.rules.profile import load_profile
from kehoach.vn import written as vnformat


def test_seed_plan_loads_with_its_indicators(plan):
    indicators = plan.muc_tieu_chi_tieu.chi_tieu.indicators()
    assert len(indicators) == 36
    assert len({i.id for i in indicators}) == 36
    quantified = [i for i in indicators if i.gia_tri is not None]
    assert len(quantified) == 28
    assert plan.van_ban.so is None and plan.van_ban.ngay == 2024 and plan.van_ban.du_thao
    assert plan.noi_nhan[-1] == "Lưu Văn phòng Huyện ủy"
    assert len(plan.nhiem_vu_giai_phap.muc) == 9


def test_indicator_paragraphs_read_word_for_word_as_the_seed(plan, seed_lines):
    paragraphs = [paragraph_text(p) for p in plan.muc_tieu_chi_tieu.chi_tieu.doan]
    starts = ["Bảo đảm 100%", "Hoàn thành phổ cập", "Quan tâm xây dựng", "Ít nhất 80%"]
    for text, start in zip(paragraphs, starts, strict=True):
        assert text.startswith(start)
        assert text in seed_lines


def test_indicator_records_carry_values_not_prose(plan):
    by_id = {i.id: i for i in plan.muc_tieu_chi_tieu.chi_tieu.indicators()}
    unemployed = by_id["ct-lao-dong-chua-co-viec-lam"]
    assert unemployed.gia_tri == 2.59 and "2,59" not in unemployed.cau
    assert unemployed.direction is Direction.giam
    stunting = by_id["ct-suy-dinh-duong"]
    assert stunting.so_sanh is Comparison.duoi and stunting.direction is Direction.giam
    assert by_id["ct-bhyt"].so_sanh is Comparison.tren
    assert by_id["ct-di-hoc-thcs"].so_sanh is Comparison.toi_thieu
    assert by_id["ct-bhxh"].so_sanh is Comparison.khoang
    doctors = by_id["ct-bac-si"]
    assert (doctors.gia_tri, doctors.mau_so, doctors.cap) == (10, 10000, ["huyen"])
    assert by_id["ct-tuoi-tho"].gia_tri == 75.5
    assert by_id["ct-dich-benh"].gia_tri is None


def _indicator(**fields) -> Indicator:
    base = {"id": "ct-x", "nhan": "X", "gia_tri": 5, "don_vi": "%", "so_sanh": "dat"}
    return Indicator.model_validate(base | fields)


def test_a_commune_value_replaces_the_district_value_in_the_same_wording():
    district = _indicator(cau="tỷ lệ hộ nghèo giảm {gt}%")
    commune = district.model_copy(update={"gia_tri": 1.25})
    paragraph = IndicatorParagraph(id="d", noi_dung=[commune])
    assert paragraph_text(paragraph) == "Tỷ lệ hộ nghèo giảm 1,25%."


def test_shared_subject_and_predicate_groups_join_like_the_seed():
    paragraph = IndicatorParagraph.model_validate({
        "id": "d",
        "noi_dung": [
            {"id": "g1", "truoc": "tỷ lệ đi học ", "noi": "; ", "chi_tieu": [
                {"id": "a", "cau": "cấp một đạt {gt}%", "nhan": "A", "gia_tri": 98,
                 "don_vi": "%", "so_sanh": "dat", "noi": ", "},
                {"id": "b", "cau": "cấp hai tối thiểu {gt}%", "nhan": "B", "gia_tri": 95,
                 "don_vi": "%", "so_sanh": "toi_thieu"}]},
            {"id": "g2", "sau": " có nước sạch", "chi_tieu": [
                {"id": "c", "cau": "{gt}% ở thành thị", "nhan": "C", "gia_tri": 100,
                 "don_vi": "%", "so_sanh": "dat", "noi": " và "},
                {"id": "e", "cau": "{gt}% ở nông thôn", "nhan": "E", "gia_tri": 10000,
                 "don_vi": "%", "so_sanh": "dat"}]},
        ],
    })
    assert paragraph_text(paragraph) == (
        "Tỷ lệ đi học cấp một đạt 98%, cấp hai tối thiểu 95%; "
        "100% ở thành thị và 10.000% ở nông thôn có nước sạch."
    )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"cau": "không có chỗ giá trị"}, "đúng một chỗ {gt}"),
        ({"cau": "{gt} và {gt}"}, "đúng một chỗ {gt}"),
        ({"cau": "{gt}%", "so_sanh": None}, "so_sanh"),
        ({"cau": "định tính {gt}", "gia_tri": None}, "thiếu 'gia_tri'"),
        ({"cau": "{gt} bác sĩ trên {ms} dân"}, "mau_so"),
    ],
)
def test_inconsistent_indicator_records_are_refused(fields, message):
    with pytest.raises(ValueError, match=message.replace("{", r"\{").replace("}", r"\}")):
        _indicator(**fields)


def test_vietnamese_number_strings_are_numbers():
    assert _indicator(cau="{gt}", gia_tri="2,59").gia_tri == 2.59
    assert _indicator(cau="{gt}", gia_tri="10.000").gia_tri == 10000
    with pytest.raises(ValueError, match="không phải là số"):
        _indicator(cau="{gt}", gia_tri="hai")


def test_vietnamese_formats_follow_the_profile():
    rule = load_profile("hd36-2018")
    import datetime as dt

    assert vnformat.number(2.59) == "2,59"
    assert vnformat.number(10000) == "10.000"
    assert vnformat.number(75.5) == "75,5"
    date = rule.dia_danh_ngay
    assert vnformat.date_line("Phụng Hiệp", dt.date(2024, 2, 5), date) == (
        "Phụng Hiệp, ngày 05 tháng 02 năm 2024")
    assert vnformat.date_line("Hòa An", dt.date(2018, 4, 3), date) == (
        "Hòa An, ngày 03 tháng 4 năm 2018")
    assert vnformat.date_line("Hòa An", dt.date(2024, 12, 20), date) == (
        "Hòa An, ngày 20 tháng 12 năm 2024")
    assert vnformat.date_line("Hòa An", 2024, date) == "Hòa An, ngày      tháng      năm 2024"
    assert vnformat.short_date(dt.date(2018, 4, 3), date) == "03/4/2018"
    number = rule.so_ky_hieu
    assert vnformat.doc_number(5, "KH", "ĐU", number) == "Số 05-KH/ĐU"
    assert vnformat.doc_number(12, "KH", "HU", number) == "Số 12-KH/HU"
    assert vnformat.doc_number(None, "KH", "HU", number) == "Số      -KH/HU"
    assert [vnformat.roman(n) for n in (1, 4, 9, 14)] == ["I", "IV", "IX", "XIV"]


def test_loading_is_nfc(tmp_path):
    import unicodedata

    decomposed = unicodedata.normalize("NFD", PLAN.read_text(encoding="utf-8"))
    path = tmp_path / "nfd.yaml"
    path.write_text(decomposed, encoding="utf-8")
    assert load_plan(path) == load_plan(PLAN)
