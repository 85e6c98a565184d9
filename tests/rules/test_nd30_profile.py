"""The State profile (Nghị định 30/2020/NĐ-CP) and how a document or a plan selects it."""

from __future__ import annotations

import datetime as dt

from builders import small_plan

from kehoach.plan.model import Plan
from kehoach.rules.profile import load_profile
from kehoach.rules.profile_dates import profile_on
from kehoach.rules.source import profile_names
from kehoach.vn import docnumber, mottos
from kehoach.vn.mottos import kind_of_header


def test_the_state_profile_is_shipped_and_read_like_the_others():
    assert "nd30-2020" in profile_names()
    p = load_profile("nd30-2020")
    motto = (p.tieu_de.chu, p.tieu_de.co, p.tieu_de.dam)
    assert motto == ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, True)
    assert p.tieu_ngu is not None and p.tieu_ngu.chu == "Độc lập - Tự do - Hạnh phúc"
    assert p.tieu_ngu.duong_ke_mm > 0 and p.co_quan.duong_ke_mm > 0 and p.gach_ngang.chu == ""
    assert p.dau_sao.chu == "" and p.mau == "nd30-2020"
    assert (p.trang.le_tren_mm, p.trang.le_duoi_mm, p.trang.le_trai_mm, p.trang.le_phai_mm) == (
        20, 20, 30, 15)
    assert (p.noi_nhan.co, p.noi_nhan.co_dong, p.noi_nhan.cuoi_dong) == (12, 11, ";")
    assert p.noi_nhan.dam and p.noi_nhan.nghieng and not p.noi_nhan.gach_chan
    assert p.chu_ky.quyen_han == ["TM.", "KT.", "Q.", "TL.", "TUQ."]
    assert load_profile("hd36-2018").tieu_ngu is None
    assert load_profile("hd36-2018").chu_ky.quyen_han == ["T/M", "K/T", "T/L", "Q."]


def test_the_state_number_has_a_colon_and_its_codes_after_a_slash():
    rule = load_profile("nd30-2020").so_ky_hieu
    assert docnumber.doc_number(16, "KH", "UBND", rule) == "Số: 16/KH-UBND"
    assert docnumber.doc_number(5, "KH", "MTTQ-BTT", rule) == "Số: 05/KH-MTTQ-BTT"
    assert docnumber.doc_number(None, "KH", "UBND", rule) == "Số:      /KH-UBND"
    found = docnumber.parse("Số:    /KH-MTTQ-BTT", rule)
    assert found is not None and found.body_code == "MTTQ-BTT" and found.in_profile_form(rule)
    party = load_profile("hd36-2018").so_ky_hieu
    assert not found.in_profile_form(party)
    assert not docnumber.has_colon("Số: 16/KH-UBND", rule)
    assert docnumber.has_colon("Số: 16-KH/HU", party)


def test_a_header_with_the_quoc_hieu_is_a_state_document_however_it_is_typed():
    assert kind_of_header(["ỦY BAN NHÂN DÂN", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"]) == "nha_nuoc"
    assert kind_of_header(["UBND TỈNH\tCỘNG HÒA  XÃ HỘI CHỦ NGHĨA VIỆT NAM"]) == "nha_nuoc"
    assert kind_of_header(["ĐẢNG BỘ TỈNH", "ĐẢNG CỘNG SẢN VIỆT NAM"]) == "dang"
    assert mottos.same_line("Độc lập – Tự do – Hạnh phúc", "Độc lập - Tự do - Hạnh phúc")
    assert not mottos.same_line("Độc lập", "Độc lập - Tự do - Hạnh phúc")


def test_a_plan_says_it_is_a_state_one_and_gets_the_state_profile_of_its_date():
    data = small_plan()
    data["van_ban"] = data["van_ban"] | {"the_thuc": "nha_nuoc", "ma_co_quan": "MTTQ-BTT",
                                         "ngay": dt.date(2025, 11, 18)}
    plan = Plan.model_validate(data)
    assert plan.profile_id() == "nd30-2020" and plan.van_ban.known_body
    assert profile_on(2019, "dang") == "hd36-2018" and profile_on(2025, "nha_nuoc") == "nd30-2020"
    assert Plan.model_validate(small_plan()).profile_id() != "nd30-2020"
