"""What `validate` accepts renders (issue 20, item 4): a field longer than a DOCX's own
limits is fitted where the limit is the format's (core properties), and printed whole in
the document, where Word wraps it."""

from __future__ import annotations

import pytest
from builders import small_plan, write_plan
from click.testing import CliRunner
from docx import Document
from docx.oxml.ns import qn

from kehoach.cli import main


@pytest.mark.parametrize("length", [250, 300, 400])
def test_a_very_long_issuer_renders_whole_and_fits_the_properties(tmp_path, length):
    """A ~250-character cơ quan line validated, then crashed `render`: python-docx refuses a
    core property (the author is the issuer) over 255 characters."""
    data = small_plan()
    issuer = ("ĐẢNG ỦY CÁC CƠ QUAN ĐẢNG, MẶT TRẬN TỔ QUỐC VÀ CÁC ĐOÀN THỂ " * 8)[:length].strip()
    data["van_ban"]["co_quan"] = issuer
    plan = write_plan(tmp_path / "dai.yaml", data)
    for command in (["render", plan, "-o", tmp_path], ["forms", plan, "-o", tmp_path / "bieu"]):
        result = CliRunner().invoke(main, [str(a) for a in command])
        assert result.exit_code == 0, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
    doc = Document(str(tmp_path / "dai.docx"))
    author = doc.core_properties.author
    assert len(author) <= 255 and issuer.startswith(author.removesuffix("…"))
    assert (author == issuer) == (len(issuer) <= 255)
    header = doc.tables[0].cell(0, 0).text.splitlines()
    assert header[1] == issuer  # the document prints it whole; Word wraps it in its cell


def _render(tmp_path, data) -> Document:
    plan = write_plan(tmp_path / "kh.yaml", data)
    result = CliRunner().invoke(main, ["render", str(plan), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    return Document(str(tmp_path / "kh.docx"))


def test_a_row_longer_than_the_headings_keeps_every_cell(tmp_path):
    """Generated counterexample: the cells past the headings were dropped from the table."""
    data = small_plan()
    data["phu_luc"] = [{"id": "pl", "bang": {"cot": ["A", "B"], "dong": [
        {"o": ["a1", "b1", "c1 thừa"]}, {"o": ["a2"]}]}}]
    table = _render(tmp_path, data).tables[-1]
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["A", "B", ""], ["a1", "b1", "c1 thừa"], ["a2", "", ""]]


def test_many_milestone_years_fit_the_landscape_page(tmp_path):
    """Generated counterexample: twelve year columns of 22 mm ran past the right margin."""
    data = small_plan()
    data["phu_luc"] = [{"id": "pl", "chi_tieu": [{"id": "g", "chi_tieu": [
        {"id": "nuoc", "nhan": "Hộ dùng nước sạch", "don_vi": "hộ",
         "moc": {year: 100 + year for year in range(2020, 2032)}}]}]}]
    doc = _render(tmp_path, data)
    section = doc.sections[-1]
    usable = section.page_width - section.left_margin - section.right_margin
    grid = doc.tables[-1]._tbl.tblGrid.findall(qn("w:gridCol"))
    total = sum(int(g.get(qn("w:w"))) for g in grid) * 635  # EMU; each width rounded to a twip
    assert len(grid) == 15 and total <= usable + len(grid) * 635
