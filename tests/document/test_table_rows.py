"""A row of a printed table stays on one page: a clerk never reads half an indicator at the
foot of a page and its other half under the repeated heading of the next."""

from __future__ import annotations

from builders import small_plan, write_plan
from click.testing import CliRunner
from conftest import PLAN
from docx import Document
from docx.oxml.ns import qn

from kehoach.cli import main


def test_form_table_rows_never_break_across_pages(tmp_path):
    result = CliRunner().invoke(main, ["forms", str(PLAN), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    for name in ("phung_hiep_42_bieu_chi_tieu.docx", "phung_hiep_42_de_cuong_bao_cao.docx"):
        path = tmp_path / name
        doc = Document(str(path))
        assert len(doc.tables[-1].rows) > 30
        tables = doc.tables if "bieu" in name else doc.tables[2:]
        assert tables
        assert not [r for t in tables for r in t.rows[1:]
                    if r._tr.trPr is None or r._tr.trPr.find(qn("w:cantSplit")) is None], name


def test_appendix_table_rows_never_break_across_pages(tmp_path):
    data = small_plan()
    data["phu_luc"] = [{"id": "pl", "ten": "CÁC CHỈ TIÊU", "chi_tieu": [
        {"id": "g", "tieu_de": "Về kinh tế", "chi_tieu": [
            {"id": "nuoc", "nhan": "Số hộ dùng nước sạch", "don_vi": "hộ",
             "moc": {2025: 420, 2030: 650}}]}]}]
    plan = write_plan(tmp_path / "ke_hoach.yaml", data)
    result = CliRunner().invoke(main, ["render", str(plan), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    doc = Document(str(tmp_path / "ke_hoach.docx"))
    appendix = doc.tables[-1]
    assert appendix.rows[-1].cells[1].text == "Số hộ dùng nước sạch"
    assert all(r._tr.trPr is not None and r._tr.trPr.find(qn("w:cantSplit")) is not None
               for r in appendix.rows[1:])
