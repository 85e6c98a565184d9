"""Every format rule of `kehoach check` fires on the mistake it is about, on the rendered
plan with that one mistake made the way Word users make it; and the rules are the
profile's: a profile that changes a size makes `check` follow it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

import kehoach.rules.profile as profile_module
from kehoach.check.run import check_file
from kehoach.rules.profile import CHECK_RULES, load_profile
from kehoach.rules.profile_dates import load_profile_table

LAYOUT_RULES = set(CHECK_RULES[CHECK_RULES.index("kho-giay") :])


def _header(doc):
    return doc.tables[0].rows[0].cells


def _signature(doc):
    return doc.tables[-1].rows[0].cells


def _first(paragraphs, test: Callable[[str], bool]):
    return next(p for p in paragraphs if test(p.text.strip()))


def _paper(doc) -> None:  # US Letter, as an English Word installation starts
    doc.sections[0].page_width, doc.sections[0].page_height = Mm(216), Mm(279)


def _margin(doc) -> None:
    doc.sections[0].left_margin = Mm(20)


def _landscape_margin(doc) -> None:  # a phụ lục on a landscape page, margins as a portrait's
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    doc.add_paragraph("PHỤ LỤC")


def _font(doc) -> None:
    _first(doc.paragraphs, lambda t: t.startswith("Căn cứ")).runs[0].font.name = "Arial"


def _motto(doc) -> None:
    motto = _first(_header(doc)[1].paragraphs, lambda t: t == "ĐẢNG CỘNG SẢN VIỆT NAM")
    motto.runs[0].font.size = Pt(13)


def _upper_body(doc) -> None:
    _header(doc)[0].paragraphs[0].runs[0].bold = True


def _issuer(doc) -> None:
    _first(_header(doc)[0].paragraphs, lambda t: t.startswith("HUYỆN ỦY")).runs[0].bold = False


def _star(doc) -> None:
    star = _first(_header(doc)[0].paragraphs, lambda t: t == "*")
    star._p.getparent().remove(star._p)


def _number(doc) -> None:
    line = _first(_header(doc)[0].paragraphs, lambda t: t.startswith("Số"))
    for run in line.runs[1:]:
        run.text = ""
    line.runs[0].text = "Số 12 - KH/HU"


def _date_line(doc) -> None:
    for run in _first(_header(doc)[1].paragraphs, lambda t: ", ngày" in t).runs:
        run.italic = False


def _title(doc) -> None:
    _first(doc.paragraphs, lambda t: t == "KẾ HOẠCH").runs[0].font.size = Pt(14)


def _summary(doc) -> None:
    title = [p.text.strip() for p in doc.paragraphs].index("KẾ HOẠCH")
    doc.paragraphs[title + 1].alignment = WD_ALIGN_PARAGRAPH.LEFT


def _body(doc) -> None:
    _first(doc.paragraphs, lambda t: t.startswith("Căn cứ")).runs[0].font.size = Pt(11)


def _page_one(doc) -> None:
    doc.sections[0].different_first_page_header_footer = False


def _signer(doc) -> None:
    _signature(doc)[1].paragraphs[0].runs[0].bold = False


def _recipients(doc) -> None:
    lines = _signature(doc)[0].paragraphs
    _first(lines, lambda t: t.startswith("- ")).runs[0].font.size = Pt(14)


def _no_header(doc) -> None:
    table = doc.tables[0]._tbl
    table.getparent().remove(table)


MISTAKES = {
    "kho-giay": (_paper, "khổ giấy 216 × 279 mm, không phải A4"),
    "le-trang": (_margin, "lề sai: trái 20 mm (cần 30)"),
    "le-trang-ngang": (_landscape_margin, "lề sai: dưới 20 mm (cần 15), trái 30 mm (cần 20)"),
    "phong-chu": (_font, "phông chữ Arial"),
    "tieu-de": (_motto, "dòng 'ĐẢNG CỘNG SẢN VIỆT NAM' cỡ 13, đậm"),
    "cap-tren": (_upper_body, "tên cấp ủy cấp trên không in đậm"),
    "co-quan": (_issuer, "tên cơ quan ban hành phải in hoa, đậm"),
    "dau-sao": (_star, "thiếu dấu sao (*) dưới tên cơ quan ban hành"),
    "so-ky-hieu": (_number, "số và ký hiệu 'Số 12 - KH/HU' không đúng dạng 'Số 12-KH/HU'"),
    "dia-danh-ngay": (_date_line, "dòng địa danh, ngày tháng không in nghiêng"),
    "ten-loai": (_title, "tên loại văn bản cỡ 14, đậm, căn giữa"),
    "trich-yeu": (_summary, "trích yếu phải cỡ 14, đậm, căn giữa"),
    "than-van-ban": (_body, "chữ cỡ 11"),
    "so-trang": (_page_one, "trang 1 có số trang"),
    "chu-ky": (_signer, "quyền hạn ký phải in hoa, đậm"),
    "noi-nhan": (_recipients, "dòng nơi nhận cỡ 14"),
    "dau-van-ban": (_no_header, "không tìm thấy bảng đầu văn bản có dòng 'ĐẢNG CỘNG SẢN VIỆT NAM'"),
}


def test_every_layout_rule_has_its_mistake():
    assert set(MISTAKES) == LAYOUT_RULES


@pytest.mark.parametrize("rule", sorted(MISTAKES))
def test_each_layout_rule_fires_on_its_mistake(rule, rendered, tmp_path):
    make, message = MISTAKES[rule]
    doc = Document(str(rendered))
    make(doc)
    broken = tmp_path / f"{rule}.docx"
    doc.save(str(broken))
    found = check_file(broken, "hd36-2018").findings
    fired = [f for f in found if f.rule == rule]
    assert fired, [str(f) for f in found]
    assert any(f.message.startswith(message) for f in fired), [f.message for f in fired]
    clean = {f.rule for f in check_file(rendered, "hd36-2018").findings}
    assert not clean & LAYOUT_RULES  # the mistake, not the document, made the rule fire


def test_a_landscape_pages_margins_are_a_warning_the_profile_sets(rendered, tmp_path):
    """Landscape margins are practice (P) in every profile: a warning, never an error."""
    doc = Document(str(rendered))
    _landscape_margin(doc)
    target = tmp_path / "ngang.docx"
    doc.save(str(target))
    found = [f for f in check_file(target, "hd36-2018").findings if f.rule.startswith("le-")]
    assert [(f.rule, f.severity) for f in found] == [("le-trang-ngang", "cảnh báo")]


def test_upper_body_and_issuer_typed_in_one_paragraph_are_judged_line_by_line(rendered,
                                                                             tmp_path):
    """A clerk types ĐẢNG BỘ TỈNH … ⇧↵ ĐẢNG ỦY XÃ … in one paragraph: the issuer is its
    last line (bold), the upper body above it (not bold); a cơ quan kehoach wraps in two
    bold lines under a cấp trên of its own is no bold cấp trên."""
    doc = Document(str(rendered))
    cell = _header(doc)[0]
    upper, issuer = cell.paragraphs[0], _first(cell.paragraphs, lambda t: t.startswith("HUYỆN"))
    words = issuer.text
    issuer._p.getparent().remove(issuer._p)
    upper.runs[-1].add_break()
    upper.add_run(words).bold = True
    target = tmp_path / "shift_enter.docx"
    doc.save(str(target))
    header_rules = {"co-quan", "cap-tren"}
    assert not [f for f in check_file(target, "hd36-2018").findings if f.rule in header_rules]
    upper.runs[-1].bold = False  # the issuer not bold is still its mistake
    doc.save(str(target))
    fired = {f.rule for f in check_file(target, "hd36-2018").findings}
    assert "co-quan" in fired
    doc = Document(str(rendered))
    issuer = _first(_header(doc)[0].paragraphs, lambda t: t.startswith("HUYỆN"))
    issuer.runs[-1].add_break()
    issuer.add_run("PHỤNG HIỆP").bold = True  # the cơ quan on two lines, both bold
    doc.save(str(target))
    assert not [f for f in check_file(target, "hd36-2018").findings if f.rule in header_rules]


def test_an_underlined_motto_is_its_rule(rendered, tmp_path):
    """HD 05 lets the line under ĐẢNG CỘNG SẢN VIỆT NAM be the words underlined, as Word
    users make it: no border, no drawn line, the run underlined."""
    doc = Document(str(rendered))
    lines = _header(doc)[1].paragraphs
    at = [p.text.strip() for p in lines].index("ĐẢNG CỘNG SẢN VIỆT NAM")
    motto, rule = lines[at], lines[at + 1]
    rule._p.getparent().remove(rule._p)  # the bordered paragraph that draws the line
    target = tmp_path / "gach_chan.docx"
    doc.save(str(target))
    missing = [f.message for f in check_file(target, "hd05-2026").findings]
    assert "thiếu đường kẻ dưới tiêu đề" in missing
    motto.runs[0].underline = True
    doc.save(str(target))
    assert not [f for f in check_file(target, "hd05-2026").findings if f.rule == "tieu-de"]


def _profile_with(folder: Path, patch: pytest.MonkeyPatch, changes: dict) -> None:
    """The shipped data with hd36-2018 changed as `changes` says (its data only)."""
    data_dir = Path(str(profile_module.shipped("hd36-2018.yaml"))).parent
    for item in data_dir.iterdir():
        shutil.copy(item, folder / item.name)
    data = yaml.safe_load((folder / "hd36-2018.yaml").read_text(encoding="utf-8"))
    for key, value in changes.items():
        data[key].update(value)
    (folder / "hd36-2018.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    patch.setattr(profile_module, "shipped", lambda name: folder / name)
    load_profile.cache_clear()
    load_profile_table.cache_clear()


def test_a_profile_change_is_followed_by_check(tmp_path, plan):
    """A profile whose tên loại is 18 pt: its template renders 18 pt, `check` under it finds
    nothing to say of the title; the same document under the shipped profile is wrong."""
    from kehoach.document.render import renderer_for
    from kehoach.document.template_builder import build

    templates, target = tmp_path / "mau", tmp_path / "18pt.docx"
    templates.mkdir()
    (tmp_path / "data").mkdir()
    with pytest.MonkeyPatch.context() as patch:
        _profile_with(tmp_path / "data", patch, {"ten_loai": {"co": 18, "co_cho_phep": None}})
        build(load_profile("hd36-2018")).save(str(templates / "ke_hoach.docx"))
        target.write_bytes(renderer_for("ke_hoach.docx", templates).render(plan))
        title = _first(Document(str(target)).paragraphs, lambda t: t == "KẾ HOẠCH")
        assert title.style.font.size == Pt(18)
        own = check_file(target, "hd36-2018").findings
        assert not [f for f in own if f.rule in LAYOUT_RULES], [str(f) for f in own]
    load_profile.cache_clear()
    load_profile_table.cache_clear()
    shipped = [f for f in check_file(target, "hd36-2018").findings if f.rule == "ten-loai"]
    assert [(f.message, f.fix) for f in shipped] == [
        ("tên loại văn bản cỡ 18, đậm, căn giữa", "cỡ 15–16, đậm, căn giữa")]


def test_a_size_outside_the_profiles_own_range_is_refused(tmp_path):
    from kehoach.errors import KehoachError

    with pytest.MonkeyPatch.context() as patch:
        _profile_with(tmp_path, patch, {"ten_loai": {"co": 18}})  # range stays 15–16
        with pytest.raises(KehoachError, match="cỡ 18 nằm ngoài co_cho_phep"):
            load_profile("hd36-2018")
    load_profile.cache_clear()
    load_profile_table.cache_clear()


def test_a_state_plan_is_judged_by_its_own_profile(tmp_path):
    """kehoach's own State document (Quốc hiệu, Tiêu ngữ, a two-row header) checks clean by
    nd30-2020, which check picks from its header; by the Party's profile it is not one."""
    from builders import small_plan, write_plan
    from click.testing import CliRunner

    from kehoach.cli import main

    data = small_plan()
    data["van_ban"].update({"the_thuc": "nha_nuoc", "ngay": "2025-12-10"})
    plan = write_plan(tmp_path / "ubnd.yaml", data)
    assert CliRunner().invoke(main, ["render", str(plan), "-o", str(tmp_path)]).exit_code == 0
    docx = tmp_path / "ubnd.docx"
    own = check_file(docx, None)
    assert own.profile == "nd30-2020", own.why
    assert not [f for f in own.findings if f.rule in LAYOUT_RULES], [str(f) for f in own.findings]
    party = {f.rule for f in check_file(docx, "hd36-2018").findings}
    assert "dau-van-ban" in party
    doc = Document(str(docx))
    motto = _first(_header(doc)[1].paragraphs, lambda t: t.startswith("Độc lập"))
    motto.runs[0].font.size = Pt(11)
    doc.save(str(docx))
    wrong = [f.message for f in check_file(docx, None).findings if f.rule == "tieu-de"]
    assert wrong == ["dòng 'Độc lập - Tự do - Hạnh phúc' cỡ 11, đậm"]


def _state_docx(tmp_path: Path) -> Path:
    from builders import small_plan, write_plan
    from click.testing import CliRunner

    from kehoach.cli import main

    data = small_plan()
    data["van_ban"].update({"the_thuc": "nha_nuoc", "ngay": "2025-12-10"})
    plan = write_plan(tmp_path / "ubnd.yaml", data)
    assert CliRunner().invoke(main, ["render", str(plan), "-o", str(tmp_path)]).exit_code == 0
    return tmp_path / "ubnd.docx"


@pytest.mark.parametrize(("margins", "found"), [
    ((25, 25, 35, 20), None),  # the far ends of ND 30's ranges (PL I, I.3)
    ((20, 20, 25, 15), "lề sai: trái 25 mm (cần 30–35)"),
    ((18, 10, 30, 15), "lề sai: trên 18 mm (cần 20–25), dưới 10 mm (cần 20–25)"),
])
def test_a_state_documents_margins_are_judged_by_the_decrees_ranges(tmp_path, margins, found):
    """Lâm Đồng's UBND plans: right margin 20 mm, inside ND 30's 15–20 mm, was called wrong
    ('cần 15') in 6 of 7 documents; a left margin of 25 mm is still wrong."""
    docx = _state_docx(tmp_path)
    doc = Document(str(docx))
    for section in doc.sections:
        top, bottom, left, right = margins
        section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
        section.left_margin, section.right_margin = Mm(left), Mm(right)
    doc.save(str(docx))
    said = [f.message for f in check_file(docx, None).findings if f.rule == "le-trang"]
    assert said == ([] if found is None else [found])


def test_an_issuer_name_typed_on_two_bold_lines_is_no_upper_body(tmp_path):
    """Lâm Đồng: 'ỦY BAN NHÂN DÂN' over 'TỈNH LÂM ĐỒNG', both bold, is one issuer (as import
    reads it); it was judged a cấp trên printed bold in every document. A whole name above
    the issuer ('ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG' over 'SỞ NỘI VỤ'), bold, is still wrong."""
    docx = _state_docx(tmp_path)
    for upper, said in (("ỦY BAN NHÂN DÂN", []),
                        ("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", ["tên cấp ủy cấp trên không in đậm"])):
        doc = Document(str(docx))
        cell = _header(doc)[0]
        first = cell.paragraphs[0]
        added = first.insert_paragraph_before(upper)
        added.alignment = first.alignment
        added.runs[0].bold = True
        for run in first.runs:
            run.bold = True
        path = tmp_path / "sua.docx"
        doc.save(str(path))
        found = [f.message for f in check_file(path, None).findings if f.rule == "cap-tren"]
        assert found == said, upper


def test_recipients_typed_in_the_headings_paragraph_of_a_three_column_table(tmp_path):
    """Lâm Đồng's PCMT plan: a signature table of three columns (recipients, a blank one,
    the signer), 'Nơi nhận:' and the recipients in one paragraph (Shift+Enter): check said
    'không tìm thấy Nơi nhận:' and never judged the signer."""
    docx = _state_docx(tmp_path)
    doc = Document(str(docx))
    table = doc.tables[-1]
    recipients = table.rows[0].cells[0]
    heading = next(p for p in recipients.paragraphs if p.text.strip() == "Nơi nhận:")
    heading.runs[-1].add_break()
    heading.add_run("- Như trên;")
    heading.runs[-1].add_break()
    heading.add_run("- Lưu: VT")  # no full stop: still found
    for extra in list(recipients.paragraphs):  # the recipients' own lines: typed on above
        if extra._p is not heading._p and extra.text.strip():
            extra._p.getparent().remove(extra._p)
    table.add_column(Mm(20))
    for row in table.rows:  # the signer moves to the third column, the second is blank
        third = row.cells[2]
        for p in list(row.cells[1].paragraphs):
            third._tc.append(p._p)
        row.cells[1]._tc.append(third.paragraphs[0]._p)  # each cell keeps a paragraph
    signer = table.rows[0].cells[2].paragraphs
    _first(signer, lambda t: bool(t.strip())).runs[0].text = "TM. Ủy ban nhân dân"
    doc.save(str(docx))
    found = {(f.rule, f.message) for f in check_file(docx, None).findings}
    assert ("noi-nhan", "không tìm thấy 'Nơi nhận:'") not in found
    assert ("noi-nhan", "dòng nơi nhận không kết thúc bằng '.'") in found
    assert ("chu-ky", "quyền hạn ký phải in hoa, đậm") in found, found
