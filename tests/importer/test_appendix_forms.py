"""What follows the signature, typed the way clerks type it in Word (review #6, #7): a phụ lục
that is a form (biên bản with its own Quốc hiệu table, text, a signature table, notes) keeps
its paragraphs as paragraphs and its small tables as tables, with one review note; a joint
plan's second signature table is kept as co-signers (`cung_ky`), never a phụ lục. Both
survive import → render → import."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from builders import small_plan, write_plan
from click.testing import CliRunner
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Pt

from kehoach.cli import main
from kehoach.importer.parse import parse
from kehoach.importer.sources import read_source
from kehoach.plan.blocks import Paragraph, TableBlock
from kehoach.plan.loader import load_plan
from kehoach.plan.model import Plan

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus"))
from measure import SHARED_REAL

NBSP = "\u00a0"
FORM_LINES = [
    "BIÊN BẢN HỘI NGHỊ CỬ TRI\nLẤY Ý KIẾN CỬ TRI NƠI CƯ TRÚ",
    "Hồi.... giờ ... ngày…. tháng…… năm………….. , tại (2) ……………, đã tiến hành hội nghị cử tri.",
    "- Họ và tên người chủ trì hội nghị:………………… Chức vụ …………………",
    "1. Thành phần hội nghị gồm:",
    "+ …………………………",
    "2. Họ và tên người ứng cử:",
    "1 …………………………",
    "Hội nghị kết thúc hồi:…………. giờ…………. cùng ngày.",
]
FORM_NOTES = ["Ghi chú: Mẫu số 0{n}/HNCT áp dụng đối với hội nghị cử tri nơi cư trú.",
              "(1) Tên xã, phường, đặc khu.", "(2) Địa điểm tổ chức hội nghị."]


def _para(container, text: str = "", bold: bool = False, center: bool = False):
    """A paragraph as a clerk types it: Shift+Enter for `\\n`, centred or indented."""
    p = container.add_paragraph()
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    else:
        p.paragraph_format.first_line_indent = Cm(1)
    for i, line in enumerate(text.split("\n")):
        if i:
            p.runs[-1].add_break(WD_BREAK.LINE)
        p.add_run(line).bold = bold
    return p


def _cells(doc, *columns: str) -> None:
    """A one-row borderless table, each cell's lines typed with Enter."""
    table = doc.add_table(rows=1, cols=len(columns))
    for cell, text in zip(table.rows[0].cells, columns, strict=True):
        lines = text.split("\n")
        cell.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            _para(cell, line, center=True)


def _clerk_docx(path: Path, co_signers: bool, forms: int) -> Path:
    doc = Document()
    doc.styles["Normal"].font.name = "Times New Roman"
    doc.styles["Normal"].font.size = Pt(14)
    _cells(doc, "ĐẢNG BỘ TỈNH CÀ MAU\nĐẢNG ỦY XÃ HÒA BÌNH\n*\nSố 25-KH/ĐU",
           f"ĐẢNG CỘNG SẢN VIỆT NAM\nHòa Bình,{NBSP}ngày 05 tháng 3 năm 2026")
    _para(doc, "KẾ HOẠCH", bold=True, center=True)
    _para(doc, "liên tịch tổ chức hội nghị cử tri năm 2026", bold=True, center=True)
    _para(doc, "I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    _para(doc, "Tổ chức hội nghị cử tri đúng quy định, dân chủ, đúng thời gian.")
    _para(doc, "II. TỔ CHỨC THỰC HIỆN", bold=True)
    _para(doc, "Ban Thường trực Ủy ban MTTQ xã chủ trì, phối hợp tổ chức các hội nghị.")
    _cells(doc, "Nơi nhận:\n- Ban Thường vụ Tỉnh ủy (b/c),\n- Các chi bộ trực thuộc,\n"
                "- Lưu Văn phòng Đảng ủy.",
           "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n\n\nTrần Văn Bình")
    if co_signers:
        _para(doc)
        _cells(doc, "T/M ỦY BAN NHÂN DÂN XÃ\nCHỦ TỊCH\n\n\nLê Thị Cúc",
               "T/M BAN THƯỜNG TRỰC ỦY BAN MTTQ\nCHỦ TỊCH\n\n\nPhạm Văn Dũng")
    if forms:
        doc.add_page_break()
        _para(doc, "PHỤ LỤC", bold=True, center=True)
        _para(doc, "(Kèm theo Kế hoạch số 25-KH/ĐU ngày 05/3/2026 của Ban Thường vụ Đảng ủy xã)",
              center=True)
    for n in range(1, forms + 1):
        _para(doc, f"Mẫu số 0{n}/HNCT")
        _cells(doc, "(1)…………………\n-------",
               "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc")
        _para(doc, NBSP)
        for line in FORM_LINES:
            _para(doc, line, bold=line.isupper(), center=line.isupper())
        votes = doc.add_table(rows=2, cols=3, style="Table Grid")  # a data table, ruled
        for cell, text in zip(votes._cells, ["Stt", "Họ và tên", "Số phiếu", "1", "", ""],
                              strict=True):
            cell.text = text
        _cells(doc, "THƯ KÝ HỘI NGHỊ\n(ký tên)", "CHỦ TRÌ HỘI NGHỊ\n(ký tên, đóng dấu)")
        for line in FORM_NOTES:
            _para(doc, line.format(n=n))
    doc.save(str(path))
    return path


def _import(source: Path, target: Path) -> str:
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(target)])
    assert result.exit_code in (0, 1), result.output
    return result.output


def _render(plan: Path, out: Path) -> Path:
    result = CliRunner().invoke(main, ["render", str(plan), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out / f"{plan.stem}.docx"


def _content(plan: Plan) -> list[tuple[str | None, str | None, list[object]]]:
    """Each phụ lục's name and table, and its own blocks' text (not their ids)."""
    def text(block: Paragraph | TableBlock) -> object:
        if isinstance(block, TableBlock):
            return [block.bang.khung, block.bang.cot, *(row.o for row in block.bang.dong)]
        return block.noi_dung

    return [(a.ten, a.bang and str(a.bang), [text(b) for b in a.doan]) for a in plan.phu_luc]


def test_a_form_in_a_phu_luc_keeps_its_paragraphs_and_its_small_tables(tmp_path):
    source = _clerk_docx(tmp_path / "bieu_mau.docx", co_signers=False, forms=2)
    output = _import(source, tmp_path / "bieu_mau.yaml")
    plan = load_plan(tmp_path / "bieu_mau.yaml")
    (appendix,) = plan.phu_luc
    assert appendix.ten == "Mẫu số 01/HNCT"
    assert appendix.bang is not None and appendix.bang.cot[1].startswith("CỘNG HÒA")
    paragraphs = [b.noi_dung for b in appendix.doan if isinstance(b, Paragraph)]
    tables = [b.bang for b in appendix.doan if isinstance(b, TableBlock)]
    typed = [line.replace("\n", " ") for line in FORM_LINES]  # Shift+Enter: a space
    assert paragraphs[: len(typed)] == typed  # one paragraph each, as typed
    assert "Mẫu số 02/HNCT" in paragraphs and FORM_NOTES[2] in paragraphs
    # the form's tables: votes, signature; the second form's Quốc hiệu, votes, signature
    assert [t.cot[0].split("\n")[0] for t in tables] == [
        "Stt", "THƯ KÝ HỘI NGHỊ", "(1)…………………", "Stt", "THƯ KÝ HỘI NGHỊ"]
    assert [t.khung for t in tables] == [True, False, False, True, False]  # as Word drew them
    assert appendix.bang.khung is False
    assert tables[0].dong[0].o == ["1", "", ""]
    notes = [line for line in output.splitlines() if "phụ lục có" in line]
    assert len(notes) == 1 and "không giữ căn lề" in notes[0], output
    assert "23 đoạn văn và 5 bảng riêng" in notes[0], notes  # 8 + 3 lines a form, Mẫu số 02
    assert "gộp vào bảng" not in output
    # import → render → import: the same phụ lục
    again = tmp_path / "lai" / "bieu_mau.yaml"
    again.parent.mkdir()
    _import(_render(tmp_path / "bieu_mau.yaml", tmp_path / "out"), again)
    assert _content(load_plan(again)) == _content(plan)


def test_a_second_signature_table_is_kept_as_co_signers_never_a_phu_luc(tmp_path):
    source = _clerk_docx(tmp_path / "lien_tich.docx", co_signers=True, forms=1)
    output = _import(source, tmp_path / "lien_tich.yaml")
    plan = load_plan(tmp_path / "lien_tich.yaml")
    assert plan.chu_ky.ho_ten == "Trần Văn Bình"
    assert [(s.quyen_han, s.chuc_vu, s.ho_ten) for s in plan.cung_ky] == [
        ("T/M ỦY BAN NHÂN DÂN XÃ", "CHỦ TỊCH", "Lê Thị Cúc"),
        ("T/M BAN THƯỜNG TRỰC ỦY BAN MTTQ", "CHỦ TỊCH", "Phạm Văn Dũng"),
    ]
    assert len(plan.phu_luc) == 1 and plan.phu_luc[0].tieu_de == "PHỤ LỤC"
    assert "bảng ký thứ hai" in output and "không có dòng tên" not in output
    rendered = _render(tmp_path / "lien_tich.yaml", tmp_path / "out")
    doc = Document(str(rendered))
    cells = [p.text for t in doc.tables for c in t._cells for p in c.paragraphs]
    body = [p.text for p in doc.paragraphs]
    assert {"T/M ỦY BAN NHÂN DÂN XÃ", "Lê Thị Cúc", "Phạm Văn Dũng"} <= set(cells)
    assert "PHỤ LỤC" in body and "PHỤ LỤC 1" not in body
    again = tmp_path / "lai" / "lien_tich.yaml"
    again.parent.mkdir()
    _import(rendered, again)
    assert load_plan(again).cung_ky == plan.cung_ky


def test_a_plan_without_co_signers_renders_no_empty_signature_row(tmp_path):
    source = _clerk_docx(tmp_path / "mot_chu_ky.docx", co_signers=False, forms=0)
    _import(source, tmp_path / "mot_chu_ky.yaml")
    plan = load_plan(tmp_path / "mot_chu_ky.yaml")
    assert plan.cung_ky == [] and plan.phu_luc == []
    doc = Document(str(_render(tmp_path / "mot_chu_ky.yaml", tmp_path / "out")))
    assert len(doc.tables) == 2  # the header and the signature


REAL_02 = SHARED_REAL / "02_luongminh_mttq_kh_hiepthuong_2025.docx"


@pytest.mark.skipif(not REAL_02.is_file(), reason=f"không có văn bản thật {REAL_02}")
def test_the_real_forms_are_kept_as_text_and_tables_with_one_note(tmp_path):
    imported = parse(read_source(REAL_02), REAL_02)
    (appendix,) = imported.data["phu_luc"]
    blocks = appendix["doan"]
    tables = [b for b in blocks if "bang" in b]
    assert len(tables) == 16 and len(blocks) - len(tables) > 150  # 8 forms: header, signature
    ruled = [b["bang"]["cot"][0] for b in tables if b["bang"].get("khung", True)]
    assert [c.split("\n")[0] for c in ruled] == ["1 …………………………", "Stt", "Stt"]
    texts = [b["noi_dung"] for b in blocks if "noi_dung" in b]
    assert sum(t.startswith("Mẫu số 0") for t in texts) == 7  # the first names the phụ lục
    assert "(1) Tên cơ quan, tổ chức, đơn vị tổ chức hội nghị." in texts
    assert len(imported.review[appendix["id"]]) <= 2, imported.review[appendix["id"]]
    target = tmp_path / "r02.yaml"
    _import(REAL_02, target)
    plan = load_plan(target)
    again = tmp_path / "lai" / "r02.yaml"
    again.parent.mkdir()
    _import(_render(target, tmp_path / "out"), again)
    assert _content(load_plan(again)) == _content(plan)


def test_a_table_split_by_a_blank_line_joins_and_a_signature_table_after_it_stays(tmp_path):
    doc = Document(str(_clerk_docx(tmp_path / "tach.docx", co_signers=False, forms=0)))
    _para(doc, "PHỤ LỤC", bold=True, center=True)
    _para(doc, "DANH SÁCH TỔ CHỨC HỘI NGHỊ", bold=True, center=True)
    for rows in ([["Stt", "Thôn", "Ngày"], ["1", "Thôn Bắc", "05/3"]], [["2", "Thôn Nam", "06/3"]]):
        table = doc.add_table(rows=len(rows), cols=3, style="Table Grid")
        for cell, text in zip(table._cells, [c for row in rows for c in row], strict=True):
            cell.text = text
        _para(doc)  # Enter between the halves (Word split the table)
    _cells(doc, "NGƯỜI LẬP BIỂU\n(ký tên)", "", "TRƯỞNG BAN\n(ký tên)")
    doc.save(str(tmp_path / "tach.docx"))
    output = _import(tmp_path / "tach.docx", tmp_path / "tach.yaml")
    (appendix,) = load_plan(tmp_path / "tach.yaml").phu_luc
    assert appendix.bang is not None and appendix.bang.khung
    assert [row.o for row in appendix.bang.dong] == [["1", "Thôn Bắc", "05/3"],
                                                     ["2", "Thôn Nam", "06/3"]]
    (signers,) = appendix.doan
    assert isinstance(signers, TableBlock) and not signers.bang.khung
    assert "1 bảng nối tiếp cùng số cột: đã gộp vào bảng" in output


def test_a_phu_luc_named_without_the_word_is_no_signer_line(tmp_path):
    """Generated counterexample (import of kehoach's own render): a single phụ lục titled
    'NÂNG NÂNG' with its caption right after the signature table became the signer's
    `duoi_ten`, and the phụ lục lost its name."""
    data = small_plan()
    data["phu_luc"] = [{"id": "pl", "tieu_de": "CÁC CHỈ TIÊU", "chu_thich": "(Kèm theo đây)",
                        "chi_tieu": [{"id": "pl-nhom", "chi_tieu": [
                            {"id": "pl-ct", "nhan": "Tỷ lệ bao phủ", "moc": {2026: "≥ 95"}}]}]}]
    plan = write_plan(tmp_path / "kh.yaml", data)
    assert CliRunner().invoke(main, ["render", str(plan), "-o", str(tmp_path)]).exit_code == 0
    back = tmp_path / "lai.yaml"
    result = CliRunner().invoke(main, ["import", str(tmp_path / "kh.docx"), "-o", str(back)])
    assert result.exit_code in (0, 1), result.output
    imported = load_plan(back)
    assert imported.chu_ky.duoi_ten == ""
    assert imported.phu_luc[0].tieu_de == "CÁC CHỈ TIÊU"
    assert imported.phu_luc[0].chu_thich == "(Kèm theo đây)"
