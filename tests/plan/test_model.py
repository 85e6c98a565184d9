"""The plan model: the Phụng Hiệp plan loads, and indicator records give the seed's prose."""

from __future__ import annotations

import re

import pytest
from builders import small_plan
from conftest import PLAN
from pydantic import ValidationError

from kehoach.document.appendix import appendices
from kehoach.document.context import body_blocks
from kehoach.document.prose import paragraph_text
from kehoach.plan.fields import Comparison, Direction
from kehoach.plan.indicators import Indicator, IndicatorParagraph
from kehoach.plan.loader import load_plan
from kehoach.plan.model import Plan
from kehoach.rules.profile import load_profile


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


# Issue 10: the model holds real plans.



def _plan(data: dict) -> Plan:
    return Plan.model_validate(data)


def _texts(plan: Plan) -> list[str]:
    return [b["chu"] if b["kieu"] != "gach" else f"{b['dau']} {b['chu']}"
            for b in body_blocks(plan, load_profile(plan.profile_id()))]


def test_no_usual_part_is_required_and_other_parts_print_where_thu_tu_puts_them():
    data = small_plan()
    del data["muc_tieu_chi_tieu"], data["can_cu"]
    data["phan_khac"] = [{"id": "kinh-phi", "tieu_de": "KINH PHÍ",
                          "doan": [{"id": "kp-1", "noi_dung": "Ngân sách huyện bảo đảm."}]}]
    data["thu_tu"] = ["md", "kinh-phi", "nv", "tc"]
    data["ket_luan"] = "Trên đây là Kế hoạch thực hiện."
    texts = _texts(_plan(data))
    heads = [t for t in texts if re.match(r"[IV]+\. ", t)]
    assert heads == ["I. MỤC ĐÍCH, YÊU CẦU", "II. KINH PHÍ", "III. NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU",
                     "IV. TỔ CHỨC THỰC HIỆN"]
    assert texts[-1] == "Trên đây là Kế hoạch thực hiện."
    assert _plan(data).indicators() == []


def test_thu_tu_must_name_every_part_once():
    data = small_plan()
    data["thu_tu"] = ["md", "nv", "tc"]
    with pytest.raises(ValidationError, match="thu_tu"):
        _plan(data)


def test_nested_items_get_labels_per_level_in_the_plans_own_style():
    data = small_plan()
    data["danh_so"] = {"muc": "I-", "tieu_muc": "1-"}
    data["nhiem_vu_giai_phap"]["muc"] = [
        {"id": "nv-1", "tieu_de": "Hạ tầng", "nhan_con": "a)", "muc": [
            {"id": "nv-1-a", "tieu_de": "Về thiết bị",
             "doan": [{"id": "p1", "noi_dung": "Rà soát."}]},
            {"id": "nv-1-b", "noi_dung": "Về phần mềm: dùng chung."}]},
        {"id": "nv-2", "tieu_de": "Năng lực số", "nhan_con": "1.1.", "muc": [
            {"id": "nv-2-1", "tieu_de": "Bồi dưỡng", "nhan_con": "-", "muc": [
                {"id": "nv-2-1-x", "noi_dung": "Chi bộ khu vực 1."}]}]},
    ]
    texts = _texts(_plan(data))
    start = texts.index("III- NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU")
    assert texts[start + 1 : start + 9] == [
        "1- Hạ tầng", "a) Về thiết bị", "Rà soát.", "b) Về phần mềm: dùng chung.",
        "2- Năng lực số", "2.1. Bồi dưỡng", "- Chi bộ khu vực 1.", "IV- TỔ CHỨC THỰC HIỆN"]


def test_an_item_is_a_heading_or_inline_never_both():
    data = small_plan()
    data["muc_dich_yeu_cau"]["muc"][0]["noi_dung"] = "Cả hai."
    with pytest.raises(ValidationError, match="đúng một trong hai"):
        _plan(data)


def test_bulleted_indicators_print_one_line_each():
    data = small_plan()
    paragraph = data["muc_tieu_chi_tieu"]["chi_tieu"]["doan"][0]
    paragraph["dau"] = "-"
    paragraph["noi_dung"] = [
        {"id": "a", "cau": "Tỷ lệ lao động qua đào tạo đạt {gt}%.", "nhan": "Lao động",
         "gia_tri": 75, "don_vi": "%", "so_sanh": "dat"},
        {"id": "b", "cau": "Giữ vững an ninh.", "nhan": "An ninh"}]
    texts = _texts(_plan(data))
    assert "- Tỷ lệ lao động qua đào tạo đạt 75%." in texts and "- Giữ vững an ninh." in texts


def test_types_and_body_codes_outside_the_data():
    data = small_plan()
    data["van_ban"].update({"loai": "CTr", "ten_loai": "CHƯƠNG TRÌNH HÀNH ĐỘNG",
                            "ma_co_quan": "ĐUK"})
    header = _plan(data).van_ban
    assert header.type_name == "CHƯƠNG TRÌNH HÀNH ĐỘNG" and not header.known_body
    data["van_ban"]["loai"] = "XYZ"
    with pytest.raises(ValidationError, match="mã loại văn bản"):
        _plan(data)


def test_milestones_give_the_target_of_a_year():
    data = small_plan()
    data["phu_luc"] = [{"id": "pl", "ten": "CÁC CHỈ TIÊU", "chi_tieu": [
        {"id": "g", "tieu_de": "Về kinh tế", "chi_tieu": [
            {"id": "nuoc", "nhan": "Số hộ dùng nước sạch", "don_vi": "hộ",
             "moc": {2025: 420, 2030: 650}}]}]}]
    plan = _plan(data)
    (row,) = plan.milestones()
    assert [row.target_for(y) for y in (2024, 2025, 2027, 2030, 2031)] == [420, 420, 650, 650, 650]
    (appendix,) = appendices(plan, load_profile(plan.profile_id()))
    assert appendix["tieu_de"] == "PHỤ LỤC"  # one appendix: not numbered
    assert appendix["chu_thich"] == (
        "(Kèm theo Kế hoạch số 12-KH/HU ngày 05/02/2024 của Ban Thường vụ Huyện ủy Phụng Hiệp)")
    assert [c["t"] for c in appendix["cot"]] == ["STT", "Chỉ tiêu", "Đơn vị tính", "Năm 2025",
                                                "Năm 2030"]
    assert [[c["t"] for c in r["o"]] for r in appendix["dong"]] == [
        ["I", "Về kinh tế", "", "", ""], ["1", "Số hộ dùng nước sạch", "hộ", "420", "650"]]
    data["phu_luc"].append({"id": "pl-2", "bang": {"cot": ["A", "B"], "dong": [{"o": ["1", "2"]}]}})
    titles = [a["tieu_de"] for a in appendices(_plan(data), load_profile("hd36-2018"))]
    assert titles == ["PHỤ LỤC 1", "PHỤ LỤC 2"]
