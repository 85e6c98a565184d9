"""The plan model: the Phụng Hiệp plan loads, and indicator records give the seed's prose."""

from __future__ import annotations

import pytest
from conftest import PLAN

from kehoach.document.prose import paragraph_text
from kehoach.plan.loader import load_plan
from kehoach.plan.model import Comparison, Direction, Indicator, IndicatorParagraph


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


def test_loading_is_nfc(tmp_path):
    import unicodedata

    decomposed = unicodedata.normalize("NFD", PLAN.read_text(encoding="utf-8"))
    path = tmp_path / "nfd.yaml"
    path.write_text(decomposed, encoding="utf-8")
    assert load_plan(path) == load_plan(PLAN)


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan"), 10**400])
def test_numbers_must_be_finite_and_sane(tmp_path, value):
    from builders import small_plan, write_plan

    from kehoach.errors import PlanError
    from kehoach.plan.loader import load_plan

    data = small_plan()
    data["muc_tieu_chi_tieu"]["chi_tieu"]["doan"][0]["noi_dung"][0]["gia_tri"] = value
    with pytest.raises(PlanError) as caught:
        load_plan(write_plan(tmp_path / "p.yaml", data))
    assert "gia_tri" in str(caught.value)
