"""Scope, read as a commune clerk would: every element of the seed plan beyond a commune's
powers is left out of the derived draft (`cap`) or carries a review note on the words
concerned (a Word comment), and what is left reads right. Also the city plan's city-only
content (issue 12, "Scope")."""

from __future__ import annotations

from functools import cache

import pytest
from conftest import ROOT

from kehoach.derive.body import element_text
from kehoach.derive.derivation import Derived, derive
from kehoach.plan.loader import load_plan
from kehoach.plan.review import notes
from kehoach.plan.units import load_registry
from kehoach.plan.walk import by_id

# Element id → what is beyond a commune there ("" where the whole element is the
# district's: it must be left out).
DISTRICT_ONLY: dict[str, str] = {
    "nv2-trien-khai-chinh-sach": "cơ chế đặc thù",          # policy mechanisms
    "nv2-sap-xep-bo-may": "từ huyện đến cơ sở",            # the district's apparatus
    "nv2-chuyen-doi-so": "cơ sở dữ liệu",                  # district databases
    "nv2-huy-dong-nguon-luc": "Đổi mới cơ chế",            # resource mechanisms
    "nv3-liet-si": "cơ sở dữ liệu",                        # the martyrs' database
    "nv4-dan-so": "hoàn thiện hệ thống",                   # the health system
    "nv4-giao-duc-dao-tao": "giáo dục nghề nghiệp",        # the vocational-school system
    "nv4-giao-duc-nghe-nghiep": "",
    "nv4-thong-tin-thi-truong": "du học sinh",             # du học sinh policy, databases
    "nv5-bao-hiem-xa-hoi": "có chính sách hỗ trợ",         # budget support policy
    "nv5-tro-giup-xa-hoi": "đề xuất nâng mức",             # levels of social aid
    "nv6-giao-duc": "phát triển mạng lưới",                # the school network
    "nv6-y-te": "trong huyện",
    "nv6-nha-o": "nhà ở xã hội",                           # nhà ở xã hội mechanisms
    "nv6-nuoc-sach": "đầu tư xây dựng hệ thống",           # sewage systems
    "nv7-he-thong-dich-vu": "hệ thống dịch vụ xã hội",     # the social-service system
    "nv8-hop-tac-quoc-te": "",                             # all of it
    "nv8-nguon-luc-quoc-te": "",
    "ct-tuoi-tho": "", "ct-nam-song-khoe": "", "ct-giuong-benh": "", "ct-bac-si": "",
    "ct-van-hoa": "", "ct-van-hoa-dan-toc-thieu-so": "",
    "ct-nha-o-xa-hoi": "nhà ở xã hội",
}
CITY_ONLY: dict[str, str] = {
    "nv2-co-che-chinh-sach": "",
    "ct-that-nghiep-thanh-thi": "",
    "ct-tuoi-tho": "", "ct-bac-si": "", "ct-nha-o-xa-hoi": "",
    "nv2-bo-may": "từ thành phố đến cơ sở",
    "nv4-thi-truong-lao-dong": "giáo dục nghề nghiệp",
    "nv6-nha-o": "nhà ở xã hội",
}


@cache
def _draft(plan: str, units: str) -> Derived:
    registry = load_registry(ROOT / "plans" / units)
    return derive(load_plan(ROOT / "plans" / plan), registry, registry.unit("hoa-an"))


def _district() -> Derived:
    return _draft("phung_hiep_42.yaml", "don_vi_phung_hiep.yaml")


def _city() -> Derived:
    return _draft("can_tho_42.yaml", "don_vi_can_tho.yaml")


def _check(derived: Derived, element: str, words: str) -> None:
    """Left out, or a note on `words` there: its own, or the one note of that reason on an
    earlier element, which quotes this one's words (a reason given once per draft)."""
    found = by_id(derived.plan).get(element)
    if not words:
        assert found is None, f"{element} phải bị bỏ"
        return
    assert found is not None, f"{element} không được bỏ"
    own = [note.cum for note in found.element.xem_lai or []]  # type: ignore[attr-defined]
    if words in own:
        return
    text = element_text(found.element)
    quoted = [
        quote.strip("“”…")
        for _, note in notes(derived.plan)
        if (note.cum or "").casefold() == words.casefold() and "Cũng ở: " in note.ly_do
        for quote in note.ly_do.split("Cũng ở: ", 1)[1].split("; “")
    ]
    assert any(q.strip("“”…") in text for q in quoted), (
        f"{element}: thiếu ghi chú xem lại '{words}' (có: {own})"
    )


@pytest.mark.parametrize(("element", "words"), DISTRICT_ONLY.items())
def test_each_district_only_element_is_dropped_or_flagged(element, words):
    _check(_district(), element, words)


@pytest.mark.parametrize(("element", "words"), CITY_ONLY.items())
def test_each_city_only_element_is_dropped_or_flagged(element, words):
    _check(_city(), element, words)


def test_a_dropped_indicator_hands_its_joiner_to_the_phrase_before_it():
    found = by_id(_district().plan)
    # ct-bac-si (dropped, default joiner) hands "; " on: not the ", " of ct-tuoi-tho.
    assert found["ct-muc-sinh-thay-the"].element.noi is None  # type: ignore[attr-defined]


def test_no_organ_the_commune_lacks_and_no_district_body_renamed():
    text = _district().plan.model_dump_json()
    for wrong in ("Ban Tuyên giáo Đảng ủy", "Ban Dân vận Đảng ủy", "Ban Tổ chức Đảng ủy",
                  "Đảng ủy Phụng Hiệp", "Thường vụ Đảng ủy Phụng Hiệp"):
        assert wrong not in text


def test_a_2026_draft_has_no_thi_tran_and_no_merged_city_organ():
    text = _city().plan.model_dump_json()
    assert "thị trấn" not in text
    assert "Ban Tuyên giáo và Dân vận Đảng ủy" not in text
    assert "Đảng ủy Cần Thơ" not in text


def test_the_citations_of_the_seed_are_kept_word_for_word():
    text = _district().plan.model_dump_json()
    assert ("Chương trình số 202-CTr/HU ngày 01/12/2023 của Ban Thường vụ Huyện ủy về thực "
            "hiện Nghị quyết số 16-NQ/TU ngày 14/7/2023 của Ban Chấp hành Đảng bộ tỉnh") in text
