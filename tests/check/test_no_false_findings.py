"""What `kehoach check` must not call a mistake, and what it must still find: codes and
abbreviations, proper names, decomposed text, tone placement with its tone, numbering
that restarts in a phụ lục or that Word draws, the blank a draft leaves after `Số:`."""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from hypothesis import given, settings
from hypothesis import strategies as st

from kehoach.check.syllables import restyle, tone_key
from kehoach.cli import main


def _findings(path: Path, *args: str) -> list[dict]:
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def _text(tmp_path: Path, *lines: str) -> list[dict]:
    path = tmp_path / "van_ban.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return _findings(path)


@pytest.mark.parametrize("line", [
    "Căn cứ Quy định số 66-QĐ/TW ngày 06/02/2017 của Ban Chấp hành Trung ương.",
    "Thực hiện Nghị định số 30/2020/NĐ-CP và Chương trình số 225-CTr/TU.",
    "Thường trực HĐND, UBND, Ủy ban MTTQ xã; Ban Thường trực (BTT) Ủy ban MTTQ.",
    "Căn cứ Nghị quyết liên tịch số 102/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN.",
    "Biên bản theo Mẫu số 10/BCĐBHĐND, danh sách theo mẫu 01/HNMT.",
    "Đoàn công tác tới huyện Krông Búk, tỉnh Đắk Lắk, gặp ông Y Bih Niê và bà Ksor H'Lan.",
    "Tuyên truyền bằng panô, pano, banner; cột Stt của bảng.",
    # Lâm Đồng's UBND plans: addresses and loanwords of real documents
    "Gửi về Sở Nội vụ (thông qua email: snv-cchc@lamdong.gov.vn), Cổng dịch vụ công quốc gia: "
    "https://pakn.dichvucong.gov.vn/ và trang cchc.lamdong.gov.vn.",
    "Thiết kế infographic, form khảo sát trực tuyến.",
])
def test_codes_abbreviations_names_and_loanwords_are_no_spelling_mistake(tmp_path, line):
    assert not [f for f in _text(tmp_path, line) if f["rule"] in ("am-tiet", "go-telex")]


def test_real_slips_are_still_found(tmp_path):
    found = _text(tmp_path, "các ddoanf theer và Nguyễn ĐứcMạnh, lĩnh vực khác avf xã hội")
    words = {f["message"].split("'")[1]: f["rule"] for f in found}
    assert words == {"ddoanf": "go-telex", "theer": "go-telex", "ĐứcMạnh": "am-tiet",
                     "avf": "am-tiet"}


def test_decomposed_text_is_one_nfc_finding_not_typos(tmp_path):
    nfd = unicodedata.normalize("NFD", "Xây dựng và ban hành biên bản của Ủy ban bầu cử")
    found = _text(tmp_path, nfd, "Một dòng đúng.", nfd, nfd)
    assert Counter(f["rule"] for f in found) == {"nfc": 1}
    only = found[0]
    assert only["where"] == "dòng 1" and "cả thảy 3 chỗ" in only["message"]


def test_tone_placement_compares_the_syllable_with_its_tone(tmp_path):
    """`Hòa` (huyền) is no misplaced `hoá` (sắc): a commune named Hòa An in a text that writes
    `hoá` is not told to change its name; `hóa` among `hoá` still is, in its own case."""
    found = _text(tmp_path, "Xã Hòa An, xã Hòa Mỹ đẩy mạnh văn hoá, hiện đại hoá, công nghiệp hoá.",
                  "Xã Hòa Lợi thực hiện chuyển đổi số hóa. HOÁ CHẤT")
    marks = [(f["message"].split("'")[1], f["fix"]) for f in found if f["rule"] == "dau-thanh"]
    assert marks == [("hóa", "hoá")]
    assert tone_key("Hòa") != tone_key("hoá") and tone_key("hóa") == tone_key("hoá")


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["hóa", "Hóa", "HÓA", "khỏe", "Khỏe", "ủy", "Ủy", "ỦY", "thủy", "Thụy"]))
def test_restyling_keeps_letters_and_case(word):
    moved = restyle(word, "moi")
    assert restyle(moved, "cu") == word
    assert [c.isupper() for c in moved] == [c.isupper() for c in word]
    assert tone_key(moved) == tone_key(word)


def test_numbering_may_restart_in_a_phu_luc_and_a_repeat_is_one_finding(tmp_path):
    found = _text(tmp_path, "I. MỤC ĐÍCH", "1. Một", "2. Hai", "II. NỘI DUNG", "II. LẶP",
                  "IV. TỔ CHỨC", "1. Một", "3. Ba", "PHỤ LỤC", "Mẫu số 01", "1. Thành phần",
                  "2. Số lượng", "Mẫu số 02", "1. Thành phần", "3. Nhảy")
    where = sorted(f["where"] for f in found if f["rule"] == "danh-so")
    assert where == ["dòng 15", "dòng 5", "dòng 8"]


def test_words_numbers_drawn_by_word_count(tmp_path, rendered):
    """`2. Yêu cầu` after a `Mục đích` Word numbers `1.` itself is no jump."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc = Document(str(rendered))
    first = next(p for p in doc.paragraphs if p.text.startswith("1. "))
    label, text = first.text.split(" ", 1)
    for run in first.runs:
        run.text = ""
    first.runs[0].text = text
    numbering = doc.part.numbering_part.element
    abstract = numbering.makeelement(qn("w:abstractNum"), {qn("w:abstractNumId"): "90"})
    level = OxmlElement("w:lvl")
    level.set(qn("w:ilvl"), "0")
    for tag, value in (("w:start", "1"), ("w:numFmt", "decimal"), ("w:lvlText", "%1.")):
        child = OxmlElement(tag)
        child.set(qn("w:val"), value)
        level.append(child)
    abstract.append(level)
    num = numbering.makeelement(qn("w:num"), {qn("w:numId"): "90"})
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), "90")
    num.append(ref)
    numbering.insert(0, abstract)
    numbering.append(num)
    ppr = first._p.get_or_add_pPr()
    pr = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", "0"), ("w:numId", "90")):
        child = OxmlElement(tag)
        child.set(qn("w:val"), value)
        pr.append(child)
    ppr.append(pr)
    target = tmp_path / "tu_dong.docx"
    doc.save(str(target))
    assert label == "1."
    assert not [f for f in _findings(target) if f["rule"] == "danh-so"]


def test_a_drafts_blank_after_so_colon_is_no_doubled_space(tmp_path):
    found = _text(tmp_path, "Số:      /KH-MTTQ-BTT", "Số      -KH/HU", "hai  dấu cách")
    assert [f["where"] for f in found if f["rule"] == "hai-dau-cach"] == ["dòng 3"]


def test_the_date_padding_message_is_the_profiles_rule(tmp_path):
    found = _text(tmp_path, "Thực hiện Kế hoạch số 31-KH/HU ngày 5/3/2024.")
    padding = [f for f in found if f["rule"] == "ngay-trich-dan"]
    assert padding[0]["message"] == ("ngày '5/3/2024' sai cách thêm số 0 (ngày 1–9 và tháng 1–2 có "
                                     "số 0 ở trước, ngày và tháng khác thì không)")
    assert padding[0]["fix"] == "ngày 05/3/2024"


def test_a_state_text_is_judged_by_its_own_profile(tmp_path):
    """A text headed by the Quốc hiệu (typed `CỘNG HOÀ`) is a State document: `Số:` is its
    rule, not a Party document's mistake."""
    path = tmp_path / "ubnd.txt"
    path.write_text("ỦY BAN NHÂN DÂN\nXÃ HÒA AN\nSố: 16/KH-UBND\n"
                    "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                    "Hòa An, ngày 05 tháng 3 năm 2025\nKẾ HOẠCH\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert "hồ sơ thể thức nd30-2020" in result.output
    assert "so-hai-cham" not in result.output
    party = tmp_path / "dang.txt"
    party.write_text("ĐẢNG CỘNG SẢN VIỆT NAM\nSố: 16-KH/ĐU\nHòa An, ngày 05 tháng 3 năm 2025\n",
                     encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(party)])
    assert "hồ sơ thể thức hd36-2018" in result.output and "so-hai-cham" in result.output


def test_labels_marks_and_ids_of_a_plan_are_not_checked_as_text(tmp_path):
    """`nhan_con: a)` is no unbalanced bracket, `thu_tu`'s ids no misspelt syllables, a
    `danh_so` of `I-` no label mistake: they are codes, not the document's words."""
    from builders import small_plan, write_plan

    data = small_plan()
    data["danh_so"] = {"muc": "I-", "tieu_muc": "1-"}
    data["nhiem_vu_giai_phap"]["muc"][0]["nhan_con"] = "a)"
    data["nhiem_vu_giai_phap"]["muc"][0]["muc"] = [{"id": "nv-con", "tieu_de": "Việc con"}]
    data["thu_tu"] = [part for part in ("muc_dich_yeu_cau", "muc_tieu_chi_tieu",
                                        "nhiem_vu_giai_phap", "to_chuc_thuc_hien")
                      if part in data]
    data["thu_tu"] = [data[part]["id"] for part in data["thu_tu"]]
    plan = write_plan(tmp_path / "plan.yaml", data)
    found = _findings(plan)
    assert not [f for f in found if any(key in f["where"] for key in
                                        ("nhan_con", "thu_tu", "danh_so"))], found


def test_a_blank_left_for_the_number_in_a_state_caption_is_no_doubled_space(tmp_path):
    """Lâm Đồng: '(Kèm theo Kế hoạch số          /KH-UBND ngày      /01/2026 …)', the blank a
    draft leaves for its number, was a doubled space under ND 30, whose prefix is `Số:`."""
    path = tmp_path / "ubnd.txt"
    path.write_text("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố:      /KH-UBND\n"
                    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                    "(Kèm theo Kế hoạch số          /KH-UBND ngày      /01/2026 của UBND tỉnh)\n"
                    "hai  dấu cách\n", encoding="utf-8")
    found = _findings(path)
    assert [f["where"] for f in found if f["rule"] == "hai-dau-cach"] == ["dòng 7"]
