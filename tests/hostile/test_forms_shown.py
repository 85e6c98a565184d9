"""`aggregate` reads a returned form's result cells as the clerk sees them (issue 26): a
percent format ×100, a formula, a merged cell or a hidden row refused at its cell, the
others of the file still summed."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import PLAN

from kehoach.cli import main
from kehoach.forms.layout import FORM, cell, column, rows_by_id
from kehoach.forms.report import FORM_SHEET

STEM = PLAN.stem


@pytest.fixture(scope="module")
def blank(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("blank")
    result = CliRunner().invoke(main, ["forms", str(PLAN), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out / f"{STEM}_bieu_chi_tieu.xlsx"


def _aggregate(blank: Path, tmp_path: Path, change) -> tuple[int, str, dict]:
    filled = tmp_path / "hoa_an.xlsx"
    shutil.copy(blank, filled)
    book = openpyxl.load_workbook(filled)
    sheet = book[FORM_SHEET]
    sheet[FORM.unit_name] = "Hòa An"
    rows = rows_by_id(sheet)
    cell(sheet, rows["ct-tiem-chung"], "ket_qua").value = 97
    change(sheet, rows)
    book.save(filled)
    out = tmp_path / "o"
    result = CliRunner().invoke(main, ["aggregate", str(PLAN), str(filled), "-o", str(out)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    summed: dict = {}
    if (out / f"{STEM}_tong_hop.xlsx").exists():
        numbers = openpyxl.load_workbook(out / f"{STEM}_tong_hop.xlsx")["Tổng hợp"]
        header = [c.value for c in numbers[1]]
        at = header.index("Hòa An")
        summed = {r[0].value: r[at].value for r in numbers.iter_rows(min_row=2)}
    return result.exit_code, result.output, summed


def test_a_percent_formatted_result_is_read_as_shown(blank, tmp_path):
    def change(sheet, rows):
        target = cell(sheet, rows["ct-bhyt"], "ket_qua")
        target.value, target.number_format = 0.965, "0.0%"

    code, output, summed = _aggregate(blank, tmp_path, change)
    assert code == 0, output
    assert summed["ct-bhyt"] == 96.5 and summed["ct-tiem-chung"] == 97


@pytest.mark.parametrize(("how", "fragment"), [
    ("formula", "ô chứa công thức '=90+5'"),
    ("merged", "ô nằm trong vùng gộp ô"),
    ("hidden-row", "đang ẩn nên không ai thấy"),
    ("percent-over", "150 ngoài khoảng cho phép (từ 0 đến 100)"),
    ("thousand-text", "1.000 ngoài khoảng cho phép"),
])
def test_a_result_the_clerk_does_not_see_as_read_is_refused(blank, tmp_path, how, fragment):
    def change(sheet, rows):
        row = rows["ct-bhyt"]
        target = cell(sheet, row, "ket_qua")
        target.value = 95
        if how == "formula":
            target.value = "=90+5"
        elif how == "merged":
            sheet.merge_cells(f"{target.coordinate}:{column('ty_le').ref(row)}")
        elif how == "hidden-row":
            sheet.row_dimensions[row].hidden = True
        elif how == "percent-over":
            target.value, target.number_format = 1.5, "0%"
        else:
            target.value = "1.000"

    code, output, summed = _aggregate(blank, tmp_path, change)
    assert code == 1 and fragment in output, output
    assert f"{FORM_SHEET}!E" in output
    assert summed["ct-bhyt"] is None and summed["ct-tiem-chung"] == 97  # the rest summed
