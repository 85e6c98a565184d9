"""`kehoach check`: the Vietnamese text and the format of plans, DOCX and text files."""

from __future__ import annotations

import json
import re
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import PLAN, SEED
from docx import Document
from docx.shared import Mm

from kehoach.check.syllables import is_syllable, telex, tone_style
from kehoach.cli import main


def _check(*args: str):
    return CliRunner().invoke(main, ["check", *args])


def _findings(*args: str) -> list[dict]:
    result = _check(*args, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def test_seed_reports_exactly_its_known_problems():
    result = _check(str(SEED))
    assert result.exit_code == 1  # lỗi present
    findings = _findings(str(SEED))
    rules = Counter((f["rule"], f["severity"]) for f in findings)
    assert rules[("go-telex", "lỗi")] == 2
    assert set(rules) == {("go-telex", "lỗi"), ("hai-dau-cach", "cảnh báo"),
                          ("dau-thanh", "cảnh báo"), ("trich-dan", "cảnh báo")}
    telex_fixes = {f["message"].split("'")[1]: f["fix"] for f in findings
                   if f["rule"] == "go-telex"}
    assert telex_fixes == {"ddoanf": "đoàn", "theer": "thể"}
    assert all(f["where"] == "dòng 90" for f in findings if f["rule"] == "go-telex")
    cited = sorted(f["message"].split("'")[1] for f in findings if f["rule"] == "trich-dan")
    assert cited == ["Chương trình 225-CTr/TU", "Nghị quyết 42-NQ/TW"]
    spaced = [f for f in findings if f["rule"] == "hai-dau-cach"]
    assert len(spaced) == 1 and "(HDI) cao" in spaced[0]["message"]
    mixed = {f["message"].split("'")[1] for f in findings if f["rule"] == "dau-thanh"}
    assert {"hóa", "khỏe"} <= mixed and mixed <= {"hóa", "khỏe", "xóa"}


def test_rendered_plan_has_no_error(rendered):
    result = _check(str(rendered))
    assert result.exit_code == 0, result.output
    findings = _findings(str(rendered))
    assert not [f for f in findings if f["severity"] == "lỗi"]
    layout_rules = {"kho-giay", "le-trang", "phong-chu", "tieu-de", "cap-tren", "co-quan",
                    "dau-sao", "so-ky-hieu", "dia-danh-ngay", "ten-loai", "trich-yeu",
                    "than-van-ban", "so-trang", "chu-ky", "noi-nhan", "dau-van-ban"}
    assert not [f for f in findings if f["rule"] in layout_rules]  # styles only: no alarm


def _broken(rendered: Path, tmp_path: Path) -> Path:
    doc = Document(str(rendered))
    section = doc.sections[0]
    section.left_margin = Mm(20)
    section.top_margin = Mm(25)
    section.different_first_page_header_footer = False
    left, right = doc.tables[0].rows[0].cells
    star = next(p for p in left.paragraphs if p.text == "*")
    star._p.getparent().remove(star._p)
    number = next(p for p in left.paragraphs if p.text.startswith("Số"))
    for run in number.runs[1:]:
        run.text = ""
    number.runs[0].text = "Số: 12-KH/HU"
    date = next(p for p in right.paragraphs if ", ngày" in p.text)
    for run in date.runs:
        run.italic = False
    body = next(p for p in doc.paragraphs if p.text.startswith("Căn cứ"))
    body.runs[0].font.name = "Arial"
    target = tmp_path / "sai_the_thuc.docx"
    doc.save(str(target))
    return target


def test_a_badly_formatted_docx_is_reported_with_locations(rendered, tmp_path):
    broken = _broken(rendered, tmp_path)
    result = _check(str(broken))
    assert result.exit_code == 1
    found = {f["rule"]: f for f in _findings(str(broken))}
    assert "trái 20 mm (cần 30)" in found["le-trang"]["message"]
    assert "trên 25 mm (cần 20)" in found["le-trang"]["message"]
    assert found["phong-chu"]["message"] == "phông chữ Arial"
    assert found["phong-chu"]["where"].startswith("đoạn ") and "Căn cứ" in found["phong-chu"][
        "where"]
    assert "thiếu dấu sao" in found["dau-sao"]["message"]
    assert "không in nghiêng" in found["dia-danh-ngay"]["message"]
    assert "Phụng Hiệp, ngày" in found["dia-danh-ngay"]["where"]
    assert found["so-hai-cham"]["severity"] == "lỗi" and "Số: 12-KH/HU" in found["so-hai-cham"][
        "where"]
    assert found["so-trang"]["message"] == "trang 1 có số trang"


def _with_theme_font(rendered: Path, tmp_path: Path, minor: str) -> Path:
    """The rendered plan, its default font moved into the theme (as Word's styles do)."""
    target = tmp_path / f"theme_{minor.replace(' ', '_')}.docx"
    with zipfile.ZipFile(rendered) as src, zipfile.ZipFile(target, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/styles.xml":
                text = data.decode()
                text = re.sub(r'<w:rFonts w:ascii="Times New Roman"[^>]*/>',
                              '<w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi"/>',
                              text)
                data = text.encode()
            if item.filename == "word/theme/theme1.xml":
                data = re.sub(rb'(<a:minorFont>\s*<a:latin typeface=")[^"]+', rb"\g<1>" +
                              minor.encode(), data)
            dst.writestr(item, data)
    return target


def test_theme_fonts_are_resolved(rendered, tmp_path):
    good = _with_theme_font(rendered, tmp_path, "Times New Roman")
    assert not [f for f in _findings(str(good)) if f["rule"] == "phong-chu"]
    bad = _with_theme_font(rendered, tmp_path, "Calibri")
    fonts = [f for f in _findings(str(bad)) if f["rule"] == "phong-chu"]
    assert fonts and fonts[0]["message"] == "phông chữ Calibri"


@pytest.mark.parametrize(("typed", "meant"), [
    ("ddoanf", "đoàn"), ("theer", "thể"), ("nhaan", "nhân"), ("daan", "dân"),
    ("dduwowcj", "được"), ("vieejt", "việt"), ("Vieejt", "Việt"), ("tieengs", "tiếng"),
])
def test_telex_slips_decode_to_one_syllable(typed, meant):
    assert not is_syllable(typed)
    assert telex(typed) == meant


@pytest.mark.parametrize("word", ["người", "được", "quyết", "giữ", "gìn", "khoẻ", "thuở",
                                  "nghiệp", "Huyện", "ĐẢNG", "uỷ", "yêu", "ươm", "quý"])
def test_real_syllables_pass(word):
    assert is_syllable(word)


def test_tone_styles():
    assert (tone_style("hóa"), tone_style("hoá"), tone_style("ủy"), tone_style("uỷ")) == (
        "cu", "moi", "cu", "moi")
    assert tone_style("hoàn") is None and tone_style("toàn") is None


def _text_findings(tmp_path: Path, text: str) -> list[dict]:
    path = tmp_path / "van_ban.txt"
    path.write_text(text, encoding="utf-8")
    return _findings(str(path))


def test_text_rules(tmp_path):
    text = "\n".join([
        "I. MỤC ĐÍCH",
        "1. Mục đích",
        "2. Yêu cầu",
        "4. Nhiệm vụ nhảy số",
        "II. CHỈ TIÊU",
        "II. LẶP",
        "1. Một",
        "8.\u00a0Tám sau một là nhảy số",
        "Số: 12-KH/HU",
        "Căn cứ Nghị quyết số 16-NQ/TU ngày 1/6/2022 và ngày 14/07/2023 , đúng.",
        "Dùng Chương trình số 225-CTr/TU trước khi khai báo.",
        "Theo Chương trình số 225-CTr/TU ngày 12/01/2024 (viết tắt là Chương trình số "
        "225-CTr/TU) như “trích dẫn",
        "Nhân\u200bdân và " + unicodedata.normalize("NFD", "Việt Nam") + " nhaan daan",
    ])
    found = _text_findings(tmp_path, text)
    rules = Counter(f["rule"] for f in found)
    where = {(f["rule"], f["where"]) for f in found}
    assert ("danh-so", "dòng 4") in where and ("danh-so", "dòng 6") in where
    assert ("danh-so", "dòng 8") in where and rules["danh-so"] == 3
    assert ("so-hai-cham", "dòng 9") in where
    dates = sorted(f["fix"] for f in found if f["rule"] == "ngay-trich-dan")
    assert dates == ["ngày 01/6/2022", "ngày 14/7/2023"]
    assert ("cach-truoc-dau", "dòng 10") in where
    assert ("viet-tat", "dòng 11") in where
    assert ("ngoac", "dòng 12") in where
    assert ("ky-tu-an", "dòng 13") in where and ("nfc", "dòng 13") in where
    assert {f["fix"] for f in found if f["rule"] == "go-telex"} == {"nhân", "dân"}


def test_a_normal_space_run_in_the_header_is_not_a_doubled_space(tmp_path):
    found = _text_findings(tmp_path, "Số          -KH/HU\nPhụng Hiệp, ngày         tháng      "
                                     "năm 2024\n")
    assert not [f for f in found if f["rule"] == "hai-dau-cach"]


def test_fix_writes_a_new_file_and_lists_the_changes(tmp_path):
    source = tmp_path / "du_thao.txt"
    original = "các ddoanf theer chính trị  - xã hội , và nhaan daan\n"
    source.write_text(original, encoding="utf-8")
    result = _check(str(source), "--fix")
    fixed = tmp_path / "du_thao.da_sua.txt"
    assert fixed.read_text(encoding="utf-8") == "các đoàn thể chính trị - xã hội, và nhân dân\n"
    assert source.read_text(encoding="utf-8") == original
    assert "đã sửa" in result.output and "dòng 1" in result.output
    assert _check(str(fixed)).exit_code == 0
    _check(str(source), "--fix", "--in-place")
    assert source.read_text(encoding="utf-8") == fixed.read_text(encoding="utf-8")


def test_fix_never_writes_over_the_copy_a_clerk_went_on_working_in(tmp_path):
    source = tmp_path / "du_thao.txt"
    source.write_text("các ddoanf theer chính trị\n", encoding="utf-8")
    fixed = tmp_path / "du_thao.da_sua.txt"
    assert _check(str(source), "--fix").exit_code == 1  # the Telex slip, fixed in the copy
    worked_on = fixed.read_text(encoding="utf-8") + "DÒNG THÊM CỦA VĂN THƯ\n"
    fixed.write_text(worked_on, encoding="utf-8")
    again = _check(str(source), "--fix")
    assert again.exit_code == 2 and "không ghi đè" in again.output and "--force" in again.output
    assert fixed.read_text(encoding="utf-8") == worked_on
    forced = _check(str(source), "--fix", "--force")
    assert forced.exit_code == 1 and fixed.read_text(encoding="utf-8") == "các đoàn thể chính trị\n"
    assert _check(str(source), "--force").exit_code == 2  # --force means nothing without --fix


def test_fix_report_shows_the_words_that_changed_deep_in_a_long_line(tmp_path):
    opening = "Triển khai hệ thống chính sách xã hội phát triển toàn diện, bền vững, " * 3
    source = tmp_path / "du_thao.txt"
    source.write_text(opening + "chỉ số cao  so với các ddoanf theer khác\n", encoding="utf-8")
    result = _check(str(source), "--fix")
    shown = [line for line in result.output.splitlines() if line.startswith("đã sửa")]
    assert shown == [f"đã sửa {tmp_path / 'du_thao.da_sua.txt'}: dòng 1: "
                     "«…cao  so với các ddoanf theer khác» → «…cao so với các đoàn thể khác»"]
    plan = tmp_path / "ke_hoach.yaml"
    plan.write_text(PLAN.read_text(encoding="utf-8").replace(
        "hội quần chúng", "hội quần  chúng"), encoding="utf-8")
    result = _check(str(plan), "--fix")
    shown = [line for line in result.output.splitlines() if line.startswith("đã sửa")]
    assert shown == [f"đã sửa {tmp_path / 'ke_hoach.da_sua.yaml'}: dòng 440 "
                     "nhiem_vu_giai_phap.muc[8].tieu_de: «…quần  chúng trong…» → "
                     "«…quần chúng trong…» (dấu cách)"]


def test_fix_keeps_a_plan_valid(tmp_path):
    from kehoach.plan.loader import load_plan

    plan = tmp_path / "ke_hoach.yaml"
    plan.write_text(PLAN.read_text(encoding="utf-8").replace(
        "các đoàn thể chính trị - xã hội, hội quần chúng",
        "các ddoanf theer chính trị - xã hội, hội quần chúng"), encoding="utf-8")
    found = _findings(str(plan))
    slip = [f for f in found if f["rule"] == "go-telex"]
    assert slip and re.match(r"\d+:\d+ nhiem_vu_giai_phap\.muc\[8\]\.tieu_de", slip[0]["where"])
    _check(str(plan), "--fix", "--in-place")
    assert load_plan(plan) == load_plan(PLAN)


def test_unreadable_files_exit_2(tmp_path):
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"not a zip")
    result = _check(str(broken))
    assert result.exit_code == 2 and "không phải tệp DOCX" in result.output
    assert _check(str(tmp_path / "khong_co.txt")).exit_code == 2


def test_json_output_has_every_field(tmp_path):
    found = _text_findings(tmp_path, "nhaan daan\n")
    assert set(found[0]) == {"file", "where", "rule", "severity", "message", "fix"}


def test_docx_paragraph_text_keeps_tracked_insertions(tmp_path):
    from kehoach.check.files import docx_segments

    xml = ('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           '<w:body><w:p><w:r><w:t>nhân </w:t></w:r><w:ins><w:r><w:t>dân</w:t></w:r></w:ins>'
           '<w:del><w:r><w:delText>daan</w:delText></w:r></w:del></w:p></w:body></w:document>')
    path = tmp_path / "sua.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", xml)
    assert [s.text for s in docx_segments(path)] == ["nhân dân"]
