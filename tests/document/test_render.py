"""The Kế hoạch DOCX read back with python-docx: every element of the format, the seed's
words, deterministic bytes, and user text that stays literal."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pytest
from conftest import PLAN, squash
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from kehoach.plan.loader import load_plan
from kehoach.rules.profile import load_profile

PROFILE = load_profile("hd36-2018")


def effective(paragraph, attr: str, run=None):
    """A font attribute as Word resolves it: run, character style, paragraph style chain."""
    if run is not None:
        value = getattr(run.font, attr)
        if value is not None:
            return value
        if run.style is not None and getattr(run.style.font, attr) is not None:
            return getattr(run.style.font, attr)
    style = paragraph.style
    while style is not None:
        value = getattr(style.font, attr)
        if value is not None:
            return value
        style = style.base_style
    return None


def effective_format(paragraph, attr: str):
    value = getattr(paragraph.paragraph_format, attr)
    style = paragraph.style
    while value is None and style is not None:
        value = getattr(style.paragraph_format, attr)
        style = style.base_style
    return value


@pytest.fixture(scope="module")
def doc(rendered):
    return Document(str(rendered))


def _mm(length) -> float:
    return round(length.mm, 1)


def test_page_is_a4_with_the_profile_margins(doc):
    section = doc.sections[0]
    assert (_mm(section.page_width), _mm(section.page_height)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin,
               section.right_margin)
    assert [_mm(m) for m in margins] == [20, 20, 30, 15]


def test_page_numbers_centred_on_top_from_page_two(doc):
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    assert all(p.text == "" for p in section.first_page_header.paragraphs)
    number = section.header.paragraphs[0]
    assert "PAGE" in number._p.xml
    assert number.alignment == WD_ALIGN_PARAGRAPH.CENTER or (
        effective_format(number, "alignment") == WD_ALIGN_PARAGRAPH.CENTER)
    assert effective(number, "size") == Pt(14)


def test_every_font_is_times_new_roman(doc, rendered):
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    fonts = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:rFonts"))
    assert fonts.get(qn("w:ascii")) == fonts.get(qn("w:hAnsi")) == "Times New Roman"
    assert fonts.get(qn("w:asciiTheme")) is None
    with zipfile.ZipFile(rendered) as z:
        for name in ("word/document.xml", "word/styles.xml", "word/header1.xml"):
            xml = z.read(name).decode()
            named = set(re.findall(r'w:(?:ascii|hAnsi|cs)="([^"]+)"', xml))
            assert named <= {"Times New Roman"}, (name, named)
            assert "Theme=" not in re.sub(r"<w:latentStyles.*?</w:latentStyles>", "", xml)


def test_header_block(doc):
    table = doc.tables[0]
    assert doc.element.body[0] is table._tbl  # the header opens the document
    left, right = table.rows[0].cells
    assert [p.text for p in left.paragraphs] == [
        "ĐẢNG BỘ TỈNH HẬU GIANG", "HUYỆN ỦY PHỤNG HIỆP", "*", "Số      -KH/HU", "(Dự thảo)"]
    upper, issuer, star, number, draft = left.paragraphs
    assert not effective(upper, "bold") and effective(upper, "size") == Pt(14)
    assert effective(issuer, "bold") and effective(issuer, "size") == Pt(14)
    assert ":" not in number.text
    assert effective(star, "size") == effective(number, "size") == Pt(14)
    assert effective(draft, "italic")
    for p in left.paragraphs + right.paragraphs:
        assert effective_format(p, "alignment") == WD_ALIGN_PARAGRAPH.CENTER

    motto, rule, date = right.paragraphs
    assert motto.text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert effective(motto, "bold") and effective(motto, "size") == Pt(15)
    assert date.text == "Phụng Hiệp, ngày      tháng      năm 2024"
    assert effective(date, "italic") and effective(date, "size") == Pt(14)

    # The rule: a solid line as long as the motto (≈ 73 mm), not the whole cell.
    border = rule.style.element.find(qn("w:pPr")).find(qn("w:pBdr")).find(qn("w:top"))
    assert border.get(qn("w:val")) == "single"
    emu = (table.columns[1].width - 2 * Mm(1.9) - effective_format(rule, "left_indent")
           - effective_format(rule, "right_indent"))
    rule_mm = emu / Mm(1)
    assert rule_mm == pytest.approx(PROFILE.tieu_de.duong_ke_mm, abs=0.5)

    # Borderless, columns from the profile, allowed into the left margin.
    tbl_pr = table._tbl.tblPr
    borders = tbl_pr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}
    assert [round(c.width.mm) for c in table.columns] == [82, 100]
    assert int(tbl_pr.find(qn("w:tblInd")).get(qn("w:w"))) < 0


def test_title_summary_and_separator(doc):
    title, summary, separator = doc.paragraphs[:3]
    assert title.text == "KẾ HOẠCH"
    assert effective(title, "bold") and effective(title, "size") == Pt(16)
    assert summary.text.split("\n") == [
        "Thực hiện Nghị quyết số 42-NQ/TW ngày 24/11/2023",
        "của Ban Chấp hành Trung ương Đảng về “Tiếp tục đổi mới, nâng cao",
        "chất lượng chính sách xã hội, đáp ứng yêu cầu sự nghiệp xây dựng",
        "và bảo vệ Tổ quốc trong giai đoạn mới”",
    ]
    assert effective(summary, "bold") and effective(summary, "size") == Pt(14)
    assert separator.text == "-----"
    for p in (title, summary, separator):
        assert effective_format(p, "alignment") == WD_ALIGN_PARAGRAPH.CENTER


def test_body_is_justified_14pt_with_first_line_indent(doc):
    body = [p for p in doc.paragraphs if p.style.name == "KH Van ban" and p.text]
    assert len(body) >= 35
    for p in body:
        assert effective_format(p, "alignment") == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert round(effective_format(p, "first_line_indent").mm) == 10
        assert effective(p, "size") == Pt(14)
        assert not effective(p, "bold")


def test_outline_labels_come_from_order(doc):
    sections = [p.text for p in doc.paragraphs if p.style.name == "KH Muc"]
    assert sections == ["I. MỤC ĐÍCH, YÊU CẦU", "II. MỤC TIÊU, CHỈ TIÊU",
                        "III. NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU", "IV. TỔ CHỨC THỰC HIỆN"]
    items = [p.text.split(" ", 1)[0] for p in doc.paragraphs if p.style.name == "KH Tieu muc"]
    assert items == ["1.", "2.", "1.", "2.", "3."] + [f"{n}." for n in range(1, 10)]
    for p in doc.paragraphs:
        if p.style.name in ("KH Muc", "KH Tieu muc"):
            assert effective(p, "bold")
    duties = [p.text for p in doc.paragraphs if re.match(r"\d\. ", p.text)
              and p.style.name == "KH Van ban"]
    assert [d[:2] for d in duties] == ["1.", "2.", "3.", "4."]
    assert duties[3].startswith("4. Ban Tuyên giáo Huyện ủy chủ trì")
    assert "w:numPr" not in doc.element.body.xml  # no Word auto-numbering


def test_bullets_with_italic_leads(doc):
    bullets = [p for p in doc.paragraphs if p.style.name == "KH Gach dau dong"]
    assert [p.text.split(":")[0] for p in bullets] == [
        "- Về giáo dục", "- Về y tế", "- Về phát triển văn hoá", "- Về thông tin",
        "- Về nhà ở", "- Về nước sạch, vệ sinh môi trường"]
    for p in bullets:
        lead = next(r for r in p.runs if r.text.endswith(":"))
        assert effective(p, "italic", lead)
        rest = p.runs[-1]
        assert not effective(p, "italic", rest)


def test_signature_block_and_recipients(doc):
    table = doc.tables[-1]
    left, right = table.rows[0].cells
    heading, *lines = left.paragraphs
    assert heading.text == "Nơi nhận:"
    assert effective(heading, "underline") and not effective(heading, "bold")
    assert effective(heading, "size") == Pt(14)
    assert [p.text for p in lines] == [
        "- Tỉnh ủy Hậu Giang (b/c),", "- Ban Tuyên giáo Tỉnh ủy (b/c),",
        "- Các đồng chí Huyện ủy viên,", "- Các đảng bộ, chi bộ trực thuộc Huyện ủy,",
        "- Lưu Văn phòng Huyện ủy."]
    assert all(effective(p, "size") == Pt(12) for p in lines)
    authority, title, name = right.paragraphs
    assert (authority.text, title.text, name.text) == ("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "")
    assert effective(authority, "bold") and effective(name, "bold")
    assert effective_format(name, "space_before") >= Pt(5 * 17)  # room to sign and stamp
    assert table._tbl.tblPr.find(qn("w:tblBorders")) is not None


def test_document_properties_are_the_plan_not_library_defaults(doc):
    props = doc.core_properties
    assert props.author == "HUYỆN ỦY PHỤNG HIỆP"
    assert props.title.startswith("Thực hiện Nghị quyết số 42-NQ/TW ngày 24/11/2023 của")
    assert props.created == dt.datetime(2024, 12, 31, tzinfo=dt.UTC)  # the year alone: 31/12
    assert props.language == "vi-VN"
    assert "python-docx" not in (props.comments + props.author + props.last_modified_by)


def test_rendering_twice_gives_identical_bytes(renderer, plan, rendered):
    again = renderer.render(load_plan(PLAN))
    assert again == rendered.read_bytes()
    with zipfile.ZipFile(io.BytesIO(again)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert z.testzip() is None


def _document_text(doc) -> str:
    parts = []
    for block in doc.element.body.iter(qn("w:p")):
        texts = []
        for node in block.iter(qn("w:t"), qn("w:br"), qn("w:tab")):
            texts.append(node.text or "" if node.tag == qn("w:t") else " ")
        parts.append("".join(texts))
    return squash("\n".join(parts).replace("\n", " \n "))


def test_every_seed_paragraph_is_in_the_document_word_for_word(doc, seed_lines):
    flat = squash(_document_text(doc).replace("\n", " "))
    body = seed_lines[seed_lines.index("KẾ HOẠCH"):]
    for line in seed_lines[: len(seed_lines) - len(body)]:  # the header block, in a table
        for part in re.split(r" (?=HUYỆN ỦY)", line):  # the two columns ran together
            assert part in flat, part
    position = 0
    for line in body:
        expected = line.replace("ddoanf theer", "đoàn thể")  # the one fixed typing slip
        found = flat.find(expected, position)
        assert found >= 0, f"thiếu hoặc sai thứ tự: {expected[:80]}"
        position = found
    assert "ddoanf" not in flat


def test_user_text_with_markup_and_jinja_renders_literally(tmp_path, renderer):
    tricky = "A & B < C > D \"E\" 'F' {{ 7*7 }} {% if true %}x{% endif %} {# c #}"
    text = PLAN.read_text(encoding="utf-8").replace(
        "  dia_danh: Phụng Hiệp", "  dia_danh: Phụng Hiệp").replace(
        "      chu_the: Ban Tuyên giáo Huyện ủy",
        f"      chu_the: '{tricky.replace(chr(39), chr(39) * 2)}'")
    path = tmp_path / "tricky.yaml"
    path.write_text(text, encoding="utf-8")
    data = renderer.render(load_plan(path))
    doc = Document(io.BytesIO(data))
    duty = [p.text for p in doc.paragraphs if p.text.startswith("4. ")][-1]
    assert duty.startswith(f"4. {tricky} chủ trì")
    assert "49" not in duty


def test_mirror_margins_is_a_profile_setting():
    from kehoach.document.template_builder import build

    plain = build(PROFILE)
    assert plain.settings.element.find(qn("w:mirrorMargins")) is None
    page = PROFILE.trang.model_copy(update={"le_doi_xung": True})
    duplex = build(PROFILE.model_copy(update={"trang": page}))
    settings = duplex.settings.element
    assert settings.find(qn("w:mirrorMargins")) is not None
    order = [child.tag for child in settings]
    assert order.index(qn("w:mirrorMargins")) < order.index(qn("w:defaultTabStop"))


def test_the_state_rule_sits_clear_of_the_trich_yeu():
    """Review finding 31: the ruled line under a State document's trích yếu was drawn at the
    top of its own paragraph, on the descenders of the title's last line, and read as the
    title underlined. The shipped template keeps a gap above it."""
    from docx import Document
    from docx.shared import Pt

    from kehoach.document.lookup import find_template
    from kehoach.document.template_styles import RULE_GAP_PT, STYLE

    style = Document(str(find_template("ke_hoach_nd30-2020.docx"))).styles[STYLE["gach_ngang"]]
    assert style.paragraph_format.space_before == Pt(RULE_GAP_PT)
    assert RULE_GAP_PT >= 4  # below the descenders of 14 pt Times
