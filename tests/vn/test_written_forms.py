"""Each written form of the official format: the writer gives the profile's form, the
parser reads it back and also reads the variants real documents use."""

from __future__ import annotations

import datetime as dt

from kehoach.rules.profile import load_profile
from kehoach.vn import citations, closing, dates, docnumber, labels, numbers, typenames

PROFILE = load_profile("hd36-2018")


def test_numbers_round_trip():
    for value, written in ((2.59, "2,59"), (10000, "10.000"), (75.5, "75,5"), (3, "3")):
        assert numbers.number(value) == written
        assert numbers.parse_number(written) == value
    assert numbers.parse_number("hai") is None
    assert numbers.is_written_form("10.000") and not numbers.is_written_form("10000")


def test_dates_follow_the_profile_and_read_unpadded_dates():
    rule = PROFILE.dia_danh_ngay
    assert dates.date_line("Phụng Hiệp", dt.date(2024, 2, 5), rule) == (
        "Phụng Hiệp, ngày 05 tháng 02 năm 2024"
    )
    assert dates.date_line("Hòa An", dt.date(2018, 4, 3), rule) == (
        "Hòa An, ngày 03 tháng 4 năm 2018"
    )
    assert dates.date_line("Hòa An", dt.date(2024, 12, 20), rule) == (
        "Hòa An, ngày 20 tháng 12 năm 2024"
    )
    assert dates.date_line("Hòa An", 2024, rule) == "Hòa An, ngày      tháng      năm 2024"
    assert dates.short_date(dt.date(2018, 4, 3), rule) == "03/4/2018"

    found = dates.parse_date_line("Phụng Hiệp, ngày 05 tháng 02 năm 2024")
    assert found is not None and found.place == "Phụng Hiệp"
    assert found.date.value() == dt.date(2024, 2, 5) and found.date.padded(rule) is None
    blank = dates.parse_date_line("Hòa An, ngày      tháng      năm 2024")
    assert blank is not None and blank.date.value() == 2024
    [(text, cited)] = list(dates.cited_dates("Hướng dẫn 36-HD/VPTW ngày 3/4/2018"))
    assert text == "3/4/2018" and cited.value() == dt.date(2018, 4, 3)
    assert cited.padded(rule) == ("03", "4")


def test_document_numbers_and_the_colon_variant():
    rule = PROFILE.so_ky_hieu
    assert docnumber.doc_number(5, "KH", "ĐU", rule) == "Số 05-KH/ĐU"
    assert docnumber.doc_number(12, "KH", "HU", rule) == "Số 12-KH/HU"
    assert docnumber.doc_number(None, "KH", "HU", rule) == "Số      -KH/HU"
    plain = docnumber.parse("Số 12-KH/HU", rule)
    assert plain is not None and (plain.number, plain.type_code, plain.body_code) == (
        12,
        "KH",
        "HU",
    )
    assert plain.in_profile_form(rule) and not plain.colon
    colon = docnumber.parse("Số: 12 - KH/HU", rule)
    assert colon is not None and colon.colon and colon.number == 12
    assert not colon.in_profile_form(rule)
    draft = docnumber.parse("Số          -KH/HU", rule)
    assert draft is not None and draft.number is None and draft.in_profile_form(rule)
    assert not docnumber.parse("Số 5-KH/HU", rule).in_profile_form(rule)
    assert docnumber.has_colon("Số: 12-KH/HU", rule)


def test_citations_write_and_find():
    when = dt.date(2024, 2, 20)
    written = citations.cite("KH", 5, "HU", when, PROFILE)
    assert written == "Kế hoạch số 05-KH/HU ngày 20/02/2024"
    assert citations.cite("KH", None, "HU", 2024, PROFILE) == "Kế hoạch số …-KH/HU ngày …/…/2024"
    found = citations.citation().search(written)
    assert found is not None and found.group(3) == "05-KH/HU"


def test_outline_labels_and_their_variants():
    rule = PROFILE.nhan
    assert [labels.roman(n) for n in (1, 4, 9, 14)] == ["I", "IV", "IX", "XIV"]
    assert [labels.roman_value(labels.roman(n)) for n in range(1, 40)] == list(range(1, 40))
    assert (labels.section(2, rule), labels.item(3, rule), labels.sub_item(2, rule)) == (
        "II.",
        "3.",
        "b)",
    )
    dotted, dashed = labels.parse("II. NHIỆM VỤ"), labels.parse("II- NHIỆM VỤ")
    assert dotted == labels.Label("muc", "II.", 2, "NHIỆM VỤ")
    assert dashed == labels.Label("muc", "II-", 2, "NHIỆM VỤ")
    assert labels.parse("1- Về y tế").kind == "tieu_muc"
    assert labels.parse("a) Về y tế").kind == "tieu_muc_con"
    assert labels.parse("+ Về y tế") == labels.Label("gach", "+", 0, "Về y tế")
    assert labels.parse("Về y tế") is None and labels.parse("X-quang di động") is None
    assert labels.parse("I.MỤC ĐÍCH").value == 1


def test_sub_item_letters_follow_the_vietnamese_alphabet():
    rule = PROFILE.nhan
    written = [labels.sub_item(n, rule) for n in range(1, 11)]
    assert written == ["a)", "b)", "c)", "d)", "đ)", "e)", "g)", "h)", "i)", "k)"]
    assert labels.sub_item(24, rule) == "aa)"  # past y): doubled, never f) or z)
    for n, label in enumerate(written, start=1):  # read back as what they were written
        assert labels.parse(f"{label} Về y tế", rule).value == n


def test_star_and_recipient_lines():
    assert closing.is_star(" * ", PROFILE)
    assert closing.recipients(["Tỉnh ủy (b/c)", "Lưu VPHU"], PROFILE) == [
        "- Tỉnh ủy (b/c),",
        "- Lưu VPHU.",
    ]
    assert closing.parse_recipient("- Lưu VPHU.") == "Lưu VPHU"
    assert closing.is_filing(closing.filing("Văn phòng Huyện ủy"))
    assert closing.is_recipients_heading("Nơi nhận:", PROFILE)


def test_a_ten_loai_line_is_a_types_name_alone_or_a_longer_name_of_its_kind():
    read = typenames.type_of_title
    assert read("KẾ HOẠCH") == "KH" and read("  BÁO   CÁO ") == "BC"
    assert read("CHƯƠNG TRÌNH HÀNH ĐỘNG") == "CTr" and read("TỜ TRÌNH") == "TTr"
    assert read("KẾ HOẠCH LIÊN TỊCH") == "KH"
    for line in ("Kế hoạch", "KẾ HOẠCH số 12 thực hiện nghị quyết", "I. KẾ HOẠCH",
                 "KẾ HOẠCH " + "RẤT DÀI " * 8, "KẾ HOẠCHX", ""):
        assert read(line) is None, line
