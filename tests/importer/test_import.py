"""`kehoach import`: existing plans (text, DOCX as Word writes it) into plan YAML."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import PLAN, SEED, squash
from docx import Document

from kehoach.cli import main
from kehoach.plan.loader import load_plan


def _import(source: Path, target: Path, *extra: str):
    return CliRunner().invoke(main, ["import", str(source), "-o", str(target), *extra])


def _render(plan: Path, out: Path) -> Path:
    result = CliRunner().invoke(main, ["render", str(plan), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out / f"{plan.stem}.docx"


def _texts(docx: Path) -> list[str]:
    doc = Document(str(docx))
    cells = [p.text for t in doc.tables for c in t._cells for p in c.paragraphs]
    return cells + [p.text for p in doc.paragraphs]


def test_the_seed_text_imports_and_renders_every_paragraph(tmp_path, seed_lines):
    target = tmp_path / "seed.yaml"
    result = _import(SEED, target)
    assert result.exit_code == 1, result.output  # written, with places to review
    assert "36 chỉ tiêu (28 có giá trị, 8 định tính)" in result.output
    plan = load_plan(target)
    h = plan.van_ban
    assert (h.cap_tren, h.co_quan, h.ma_co_quan, h.loai, h.so, h.du_thao, h.dia_danh, h.ngay) == (
        "ĐẢNG BỘ TỈNH HẬU GIANG", "HUYỆN ỦY PHỤNG HIỆP", "HU", "KH", None, True, "Phụng Hiệp",
        2024)
    values = [i.gia_tri for i in plan.muc_tieu_chi_tieu.chi_tieu.indicators()]
    assert values[:3] == [100, 2.59, 80] and 75.5 in values and len(values) == 36
    doctors = next(i for i in plan.muc_tieu_chi_tieu.chi_tieu.indicators() if i.gia_tri == 10)
    assert doctors.mau_so == 10000 and "{ms}" in doctors.cau
    text = squash(" ".join(_texts(_render(target, tmp_path))).replace("\n", " "))
    for line in seed_lines[seed_lines.index("KẾ HOẠCH"):]:
        assert line in text, line  # the typing slip included: import changes no word
    assert "ddoanf theer" in text
    assert "XEM LẠI" in target.read_text(encoding="utf-8")
    assert plan.noi_nhan == ["Lưu Văn phòng Huyện ủy"]  # the seed has none: a marked stand-in


def test_round_trip_through_the_rendered_docx(tmp_path, rendered):
    target = tmp_path / "lai.yaml"
    result = _import(rendered, target)
    assert result.exit_code == 1, result.output  # the indicators' names are to review
    again = _render(target, tmp_path)
    assert _texts(again) == _texts(rendered)
    original, imported = load_plan(PLAN), load_plan(target)
    assert imported.van_ban == original.van_ban
    assert imported.chu_ky == original.chu_ky and imported.noi_nhan == original.noi_nhan
    for key in ("muc_dich_yeu_cau", "nhiem_vu_giai_phap"):
        assert [m.tieu_de for m in getattr(imported, key).muc] == [
            m.tieu_de for m in getattr(original, key).muc]
    assert [(d.chu_the, d.noi_dung) for d in imported.to_chuc_thuc_hien.muc] == [
        (d.chu_the, d.noi_dung) for d in original.to_chuc_thuc_hien.muc]

    def values(plan):
        return [(i.gia_tri, i.mau_so, i.so_sanh) for i in
                plan.muc_tieu_chi_tieu.chi_tieu.indicators()]

    assert values(imported) == values(original)


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _p(text: str = "", num: tuple[int, int] | None = None, runs: list[str] | None = None,
       extra: str = "") -> str:
    ppr = f'<w:pPr><w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>' \
          '</w:pPr>' if num else ""
    body = "".join(f'<w:r><w:t xml:space="preserve">{r}</w:t></w:r>' for r in (runs or [text]))
    return f"<w:p>{ppr}{body}{extra}</w:p>"


def _cell(*paragraphs: str) -> str:
    return f"<w:tc>{''.join(_p(x) for x in paragraphs)}</w:tc>"


def _word_docx(path: Path) -> Path:
    """A plan written the way Word writes it: header in a table, automatic numbering with a
    restart, runs split mid-word, a tracked insertion and a deletion."""
    header = ("<w:tbl><w:tr>" + _cell("ĐẢNG BỘ TỈNH HẬU GIANG", "HUYỆN ỦY LONG MỸ", "*",
                                      "Số 07-KH/HU") +
              _cell("ĐẢNG CỘNG SẢN VIỆT NAM", "", "Long Mỹ, ngày 05 tháng 3 năm 2024") +
              "</w:tr></w:tbl>")
    insertion = '<w:ins w:id="1" w:author="A"><w:r><w:t xml:space="preserve"> nghiêm túc</w:t>' \
                "</w:r></w:ins>"
    deletion = '<w:del w:id="2" w:author="A"><w:r><w:delText>bỏ đi</w:delText></w:r></w:del>'
    body = "".join([
        header, _p("KẾ HOẠCH"), _p("thực hiện Chỉ thị số 09-CT/TU về an sinh"), _p("-----"),
        _p("Căn cứ Chỉ thị số 09-CT/TU, Ban Thường vụ Huyện ủy ban hành Kế hoạch như sau:"),
        _p("MỤC ĐÍCH, YÊU CẦU", (1, 0)), _p("Mục đích", (1, 1)),
        _p(runs=["Quán triệt", " và thực hiện"], extra=insertion + deletion),
        _p("Yêu cầu", (1, 1)), _p("Bám sát thực tế."),
        _p("MỤC TIÊU, CHỈ TIÊU", (1, 0)), _p("Mục tiêu tổng quát", (1, 1)),
        _p("Nâng cao đời sống."), _p("Các chỉ tiêu chủ yếu đến năm 2030", (1, 1)),
        _p(runs=["Tỷ lệ tiêm ch", "ủng mở rộng đạt 9",
                 "8%; trên 95% dân số tham gia bảo hiểm y tế."]),
        _p("NHIỆM VỤ VÀ GIẢI PHÁP", (1, 0)), _p("Tuyên truyền", (1, 1)),
        _p("- Về y tế: Chăm sóc sức khỏe.", None),
        _p("Giảm nghèo", (1, 1)), _p("Hỗ trợ hộ nghèo."),
        _p("TỔ CHỨC THỰC HIỆN", (1, 0)),
        _p("Ban Tuyên giáo Huyện ủy chủ trì tuyên truyền.", (1, 1)),
        _p("Ủy ban nhân dân huyện chỉ đạo thực hiện.", (1, 1)),
        "<w:tbl><w:tr>" + _cell("Nơi nhận:", "- Tỉnh ủy (b/c),", "- Lưu Văn phòng Huyện ủy.") +
        _cell("T/M BAN THƯỜNG VỤ", "BÍ THƯ", "", "Trần Văn B") + "</w:tr></w:tbl>",
        _p(),
    ])
    numbering = (
        f"<w:numbering {W}><w:abstractNum w:abstractNumId=\"3\">"
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/>'
        '<w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%2."/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="3"/></w:num></w:numbering>')
    document = f'<w:document {W}><w:body>{body}</w:body></w:document>'
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", document)
        z.writestr("word/numbering.xml", numbering)
    return path


def test_a_docx_as_word_writes_it(tmp_path):
    source = _word_docx(tmp_path / "long_my.docx")
    target = tmp_path / "long_my.yaml"
    result = _import(source, target)
    assert result.exit_code == 1, result.output
    assert "thay đổi được theo dõi: đã chấp nhận" in result.output
    plan = load_plan(target)
    h = plan.van_ban
    assert (h.co_quan, h.so, h.ma_co_quan, h.dia_danh, str(h.ngay)) == (
        "HUYỆN ỦY LONG MỸ", 7, "HU", "Long Mỹ", "2024-03-05")
    assert [m.tieu_de for m in plan.muc_dich_yeu_cau.muc] == ["Mục đích", "Yêu cầu"]
    first = plan.muc_dich_yeu_cau.muc[0].doan[0].noi_dung
    assert first == "Quán triệt và thực hiện nghiêm túc"  # insertion kept, deletion not
    indicators = plan.muc_tieu_chi_tieu.chi_tieu.indicators()
    assert [(i.gia_tri, i.so_sanh.value) for i in indicators] == [(98, "dat"), (95, "tren")]
    assert indicators[0].cau == "Tỷ lệ tiêm chủng mở rộng đạt {gt}%"  # runs joined mid-word
    bullet = plan.nhiem_vu_giai_phap.muc[0].doan[0]
    assert (bullet.dau, bullet.dan, bullet.noi_dung) == ("-", "Về y tế", "Chăm sóc sức khỏe.")
    assert [d.chu_the for d in plan.to_chuc_thuc_hien.muc] == [
        "Ban Tuyên giáo Huyện ủy", "Ủy ban nhân dân huyện"]
    assert plan.chu_ky.ho_ten == "Trần Văn B" and plan.noi_nhan == ["Tỉnh ủy (b/c)",
                                                                      "Lưu Văn phòng Huyện ủy"]
    rendered = [t for t in _texts(_render(target, tmp_path)) if re.match(r"[IV]+\. ", t)]
    assert rendered == ["I. MỤC ĐÍCH, YÊU CẦU", "II. MỤC TIÊU, CHỈ TIÊU",
                        "III. NHIỆM VỤ VÀ GIẢI PHÁP", "IV. TỔ CHỨC THỰC HIỆN"]


def test_header_columns_flattened_onto_one_line(tmp_path):
    text = "\n".join([
        "ĐẢNG BỘ TỈNH HẬU GIANG HUYỆN ỦY PHỤNG HIỆP ĐẢNG CỘNG SẢN VIỆT NAM",
        "* Phụng Hiệp, ngày 20 tháng 02 năm 2024",
        "Số: 31-KH/HU",
        "KẾ HOẠCH", "thực hiện Nghị quyết số 42-NQ/TW", "-----",
        "Căn cứ Nghị quyết số 42-NQ/TW, Ban Thường vụ Huyện ủy ban hành Kế hoạch như sau:",
        "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "Quán triệt.",
        "II. MỤC TIÊU, CHỈ TIÊU", "1. Mục tiêu tổng quát", "Nâng cao.",
        "2. Các chỉ tiêu", "Tỷ lệ tiêm chủng mở rộng đạt 98%.",
        "III. NHIỆM VỤ, GIẢI PHÁP", "1. Tuyên truyền", "Tuyên truyền sâu rộng.",
        "IV. KINH PHÍ", "Kinh phí do ngân sách bảo đảm.",
        "V. TỔ CHỨC THỰC HIỆN", "1. Ban Tuyên giáo Huyện ủy chủ trì.",
        "T/M BAN THƯỜNG VỤ", "Nơi nhận:", "- Tỉnh ủy (b/c),", "- Lưu Văn phòng Huyện ủy.",
    ])
    source = tmp_path / "phang.txt"
    source.write_text(text, encoding="utf-8")
    target = tmp_path / "phang.yaml"
    result = _import(source, target)
    assert result.exit_code == 1, result.output
    assert "'Số: 31-KH/HU' in theo thể thức" in result.output
    plan = load_plan(target)
    h = plan.van_ban
    assert (h.cap_tren, h.co_quan, h.so, str(h.ngay), h.dia_danh) == (
        "ĐẢNG BỘ TỈNH HẬU GIANG", "HUYỆN ỦY PHỤNG HIỆP", 31, "2024-02-20", "Phụng Hiệp")
    assert plan.phan_khac[0].tieu_de == "KINH PHÍ"  # an extra section is kept, not dropped
    kept = plan.phan_khac[0].doan[0].noi_dung  # under the part itself: no invented item
    assert kept == "Kinh phí do ngân sách bảo đảm."
    assert "XEM LẠI: phần không thuộc bốn phần" in target.read_text(encoding="utf-8")
    assert plan.thu_tu == ["muc-dich-yeu-cau", "muc-tieu-chi-tieu", "nhiem-vu-giai-phap",
                           plan.phan_khac[0].id, "to-chuc-thuc-hien"]  # printed where it stood
    assert plan.chu_ky.quyen_han == "T/M BAN THƯỜNG VỤ"


@pytest.mark.parametrize(("content", "message"), [
    (b"", "tệp trống"),
    (b" \n\n", "tệp trống"),
    (b"%PDF-1.7\n", "đây là tệp PDF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Word 97–2003 (.doc)"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "tệp nhị phân"),
    ("Hµ Néi, ngµy 5 th¸ng 3 n¨m 2024 §¶ng bé".encode("cp1252"), "bảng mã cũ"),
])
def test_empty_non_plan_and_legacy_files_are_clear_errors(tmp_path, content, message):
    source = tmp_path / "khong_phai.txt"
    source.write_bytes(content)
    target = tmp_path / "x.yaml"
    result = _import(source, target)
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert result.output.startswith("lỗi: ") and message in result.output
    assert not target.exists()


def test_a_text_that_is_no_plan_yet_is_imported_with_everything_marked(tmp_path):
    source = tmp_path / "mua_sam.txt"
    source.write_text("Danh sách mua sắm\nBút, giấy\n", encoding="utf-8")
    target = tmp_path / "x.yaml"
    result = _import(source, target)
    assert result.exit_code == 1, result.output
    plan = load_plan(target)
    assert [p.noi_dung for p in plan.can_cu] == ["Danh sách mua sắm", "Bút, giấy"]
    assert "không thấy tên loại văn bản" in result.output


def test_an_existing_plan_is_not_overwritten(tmp_path, rendered):
    target = tmp_path / "co_san.yaml"
    target.write_text("# của văn phòng\n", encoding="utf-8")
    result = _import(rendered, target)
    assert result.exit_code == 2 and "không ghi đè" in result.output
    assert target.read_text(encoding="utf-8") == "# của văn phòng\n"


def test_word_numbering_labels_restart_and_override(tmp_path):
    from lxml import etree

    from kehoach.document.numbering import Numbering

    numbering = (
        f"<w:numbering {W}><w:abstractNum w:abstractNumId=\"0\">"
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/>'
        '<w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%2."/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
        '<w:lvlText w:val="%3)"/></w:lvl>'
        '<w:lvl w:ilvl="3"><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl>'
        '</w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="0"/>'
        '<w:lvlOverride w:ilvl="1"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
        "</w:numbering>")
    path = tmp_path / "n.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/numbering.xml", numbering)
    sequence = [(1, 0), (1, 1), (1, 1), (1, 2), (1, 2), (1, 3), (1, 0), (1, 1), (2, 1), (2, 1)]
    with zipfile.ZipFile(path) as package:
        labels = Numbering(package, None)
        got = [labels.label(etree.fromstring(
            f'<w:p {W}><w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{num}"/>'
            "</w:numPr></w:pPr></w:p>")) for num, lvl in sequence]
    assert got == ["I.", "1.", "2.", "a)", "b)", "-", "II.", "1.", "5.", "6."]


def test_a_docx_typed_in_tcvn3_is_refused(tmp_path):
    body = "".join(_p(x) for x in ["§¶ng bé tØnh HËu Giang", "KÕ HO¹CH", "Thùc hiÖn NghÞ quyÕt"])
    path = tmp_path / "cu.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", f"<w:document {W}><w:body>{body}</w:body></w:document>")
    result = _import(path, tmp_path / "cu.yaml")
    assert result.exit_code == 2 and "bảng mã cũ (TCVN3/ABC)" in result.output


def test_paragraphs_before_the_first_item_of_a_part_stay_under_the_part(tmp_path):
    text = "\n".join([
        "KẾ HOẠCH", "thực hiện Nghị quyết", "-----", "Căn cứ Nghị quyết, Ban Thường vụ ban hành:",
        "I. MỤC TIÊU, CHỈ TIÊU", "Phấn đấu đến năm 2030 như sau.", "1. Chỉ tiêu",
        "Tỷ lệ tiêm chủng mở rộng đạt 98%.", "II. TỔ CHỨC THỰC HIỆN", "Giao các ngành thực hiện.",
        "1. Ban Tuyên giáo Huyện ủy chủ trì tuyên truyền.",
    ])
    source = tmp_path / "doan.txt"
    source.write_text(text, encoding="utf-8")
    result = _import(source, tmp_path / "doan.yaml")
    assert result.exit_code == 1, result.output
    plan = load_plan(tmp_path / "doan.yaml")
    assert [p.noi_dung for p in plan.muc_tieu_chi_tieu.doan] == ["Phấn đấu đến năm 2030 như sau."]
    duties = plan.to_chuc_thuc_hien
    assert duties.doan[0].noi_dung == "Giao các ngành thực hiện."
    assert duties.muc[0].chu_the == "Ban Tuyên giáo Huyện ủy"
    texts = _texts(_render(tmp_path / "doan.yaml", tmp_path))
    assert "Phấn đấu đến năm 2030 như sau." in texts and "II. TỔ CHỨC THỰC HIỆN" in texts


def test_sub_items_nest_by_their_label_style_and_numbering_slips_are_noted(tmp_path):
    text = "\n".join([
        "KẾ HOẠCH", "thực hiện Nghị quyết", "-----", "Căn cứ Nghị quyết, Ban Thường vụ ban hành:",
        "I. NHIỆM VỤ, GIẢI PHÁP", "1. Hạ tầng", "1.1. Thiết bị", "a) Máy tính", "Mua mới.",
        "b) Máy in", "1.2. Phần mềm", "Dùng chung.", "3. Con người", "Bồi dưỡng.",
    ])
    source = tmp_path / "long.txt"
    source.write_text(text, encoding="utf-8")
    result = _import(source, tmp_path / "long.yaml")
    assert "nhãn '3.' giữ như bản gốc (theo thứ tự là '2.')" in result.output
    plan = load_plan(tmp_path / "long.yaml")
    assert plan.nhiem_vu_giai_phap.muc[1].nhan_goc == "3."  # kept as printed, not renumbered
    first = plan.nhiem_vu_giai_phap.muc[0]
    assert [s.tieu_de for s in first.muc] == ["Thiết bị", "Phần mềm"]
    assert [s.tieu_de for s in first.muc[0].muc] == ["Máy tính", "Máy in"]
    texts = _texts(_render(tmp_path / "long.yaml", tmp_path))
    start = texts.index("1. Hạ tầng")
    assert texts[start : start + 7] == [
        "1. Hạ tầng", "1.1. Thiết bị", "a) Máy tính", "Mua mới.", "b) Máy in", "1.2. Phần mềm",
        "Dùng chung."]
    assert "3. Con người" in texts


def test_sub_items_lettered_d_then_dd_are_in_sequence(tmp_path):
    """`d)` then `đ)` then `e)` is the Vietnamese order, not a label out of sequence."""
    text = SEED.read_text(encoding="utf-8")
    lines = text.splitlines()
    item = next(i for i, line in enumerate(lines) if line.startswith("1.")
                and i > next(j for j, x in enumerate(lines) if x.startswith("III.")))
    subs = [f"{c}) Nội dung thứ {i} của tiểu mục." for i, c in enumerate("abcdđeg", 1)]
    source = tmp_path / "chu_cai.txt"
    source.write_text("\n".join([*lines[:item + 1], *subs, *lines[item + 1:]]) + "\n",
                      encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(tmp_path / "k.yaml")])
    assert result.exit_code in (0, 1), result.output
    yaml = (tmp_path / "k.yaml").read_text(encoding="utf-8")
    assert "Nội dung thứ 5 của tiểu mục" in yaml
    assert "giữ như bản gốc" not in result.output + yaml
