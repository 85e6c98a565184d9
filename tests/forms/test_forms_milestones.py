"""The phụ lục's milestone rows on the report forms: the targets of the report year in the
DOCX tables and the workbook, and a summary that evaluates against the same year."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from builders import small_plan, write_plan
from click.testing import CliRunner
from conftest import ROOT
from docx import Document

from kehoach.cli import main
from kehoach.forms.layout import FORM, META, META_SHEET, cell, rows_by_id
from kehoach.forms.report import FORM_SHEET

FIXTURE = ROOT / "tests" / "fixtures" / "import" / "phu_luc_moc.txt"
NUOC, NGHEO, TOC_DO = "pl-so-ho-su-dung-nuoc", "pl-ty-le-ho-ngheo-da", "pl-toc-do-tang-gia-tri"


def _run(args: list[str]) -> str:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> Path:
    """The fixture's plan, through `kehoach import` (it asks for review: exit 1)."""
    target = tmp_path_factory.mktemp("plan") / "plm.yaml"
    result = CliRunner().invoke(main, ["import", str(FIXTURE), "-o", str(target)])
    assert result.exit_code == 1 and target.is_file(), result.output
    return target


def _forms(plan: Path, out: Path, *year: str) -> Path:
    _run(["forms", str(plan), "-o", str(out), *(("--nam", *year) if year else ())])
    return out


def _docx_targets(path: Path) -> dict[str, tuple[str, str]]:
    """Indicator name → (STT, Chỉ tiêu kế hoạch) of the form's last table."""
    rows = [[c.text for c in r.cells] for r in Document(str(path)).tables[-1].rows]
    return {r[1]: (r[0], r[3]) for r in rows[1:]}


@pytest.mark.parametrize(("year", "nuoc", "ngheo", "toc_do"),
                         [("2025", "≥ 420", "≥ 2,1", "≥ 7,5"), ("2030", "≥ 650", "≥ 0,5", "≥ 8,5")])
def test_forms_carry_the_targets_of_the_report_year(imported, tmp_path, year, nuoc, ngheo,
                                                    toc_do):
    out = _forms(imported, tmp_path, year)
    for name in ("plm_bieu_chi_tieu.docx", "plm_de_cuong_bao_cao.docx"):
        targets = _docx_targets(out / name)
        assert targets["Số hộ sử dụng nước sạch theo quy chuẩn"] == ("4", nuoc), name
        assert targets["Tỷ lệ hộ nghèo đa chiều"] == ("5", ngheo), name
        assert targets["Tốc độ tăng giá trị sản xuất bình quân"] == ("1", toc_do), name
        groups = [(stt, label) for label, (stt, target) in targets.items() if not target]
        assert groups == [("I", "Nhóm chỉ tiêu 1"), ("II", "Về kinh tế"),
                          ("III", "Về văn hóa - xã hội"), ("IV", "Về xây dựng Đảng")], name
    book = openpyxl.load_workbook(out / "plm_bieu_chi_tieu.xlsx")
    sheet, rows = book[FORM_SHEET], rows_by_id(book[FORM_SHEET])
    assert cell(sheet, rows[NUOC], "ke_hoach").value == nuoc
    assert cell(sheet, rows[NUOC], "gia_tri").value == int(nuoc[2:])
    assert cell(sheet, rows[NUOC], "danh_gia").value.startswith("=IF(ISNUMBER(")
    assert cell(sheet, rows[NUOC], "ket_qua").protection.locked is False
    assert book[META_SHEET][META.year].value == int(year)
    assert book[META_SHEET]["A5"].value == "nam"


def test_without_a_year_the_plan_year_takes_the_next_milestone(imported, tmp_path):
    out = _forms(imported, tmp_path)  # the plan is of 2026: the 2030 milestone
    targets = _docx_targets(out / "plm_bieu_chi_tieu.docx")
    assert targets["Số hộ sử dụng nước sạch theo quy chuẩn"][1] == "≥ 650"
    book = openpyxl.load_workbook(out / "plm_bieu_chi_tieu.xlsx")
    assert book[META_SHEET][META.year].value == 2026


def _fill(blank: Path, target: Path, unit: str, values: dict[str, float]) -> Path:
    """A unit's filled form; without a registry the unit id goes in the hidden sheet."""
    shutil.copy(blank, target)
    book = openpyxl.load_workbook(target)
    sheet = book[FORM_SHEET]
    sheet[FORM.unit_name] = unit
    book[META_SHEET][META.unit_id] = unit
    rows = rows_by_id(sheet)
    for ident, value in values.items():
        cell(sheet, rows[ident], "ket_qua").value = value
    book.save(target)
    return target


def _verdicts(summary: Path) -> dict[str, list[object]]:
    book = openpyxl.load_workbook(summary)
    numbers = {r[0]: r for r in book["Tổng hợp"].iter_rows(values_only=True) if r[0]}
    verdicts = {r[0]: r for r in book["Đánh giá"].iter_rows(values_only=True) if r[0]}
    return {k: [numbers[k][3], *verdicts[k][2:]] for k in verdicts if k != "Mã"}


def test_a_2025_form_is_summarised_against_the_2025_targets(imported, tmp_path):
    blank = _forms(imported, tmp_path / "forms", "2025") / "plm_bieu_chi_tieu.xlsx"
    filled = _fill(blank, tmp_path / "ap1.xlsx", "ap-1", {NUOC: 500, TOC_DO: 7.5, NGHEO: 1})
    _run(["aggregate", str(imported), str(filled), "-o", str(tmp_path / "sum")])
    got = _verdicts(tmp_path / "sum" / "plm_tong_hop.xlsx")
    assert got[NUOC] == ["≥ 420", "Vượt"]  # against 2030's 650 it would fall short
    assert got[TOC_DO] == ["≥ 7,5", "Đạt"]
    assert got[NGHEO] == ["≥ 2,1", "Không đạt"]  # no direction given: higher is better


def test_a_form_without_its_year_is_of_the_plan_year(imported, tmp_path):
    blank = _forms(imported, tmp_path / "forms", "2025") / "plm_bieu_chi_tieu.xlsx"
    filled = _fill(blank, tmp_path / "ap1.xlsx", "ap-1", {NUOC: 500})
    book = openpyxl.load_workbook(filled)
    book[META_SHEET][META.year] = None  # a form made before the year was stored
    book.save(filled)
    _run(["aggregate", str(imported), str(filled), "-o", str(tmp_path / "sum")])
    assert _verdicts(tmp_path / "sum" / "plm_tong_hop.xlsx")[NUOC] == ["≥ 650", "Không đạt"]


def test_forms_of_another_year_are_named_and_left_out(imported, tmp_path):
    early = _forms(imported, tmp_path / "f25", "2025") / "plm_bieu_chi_tieu.xlsx"
    late = _forms(imported, tmp_path / "f30", "2030") / "plm_bieu_chi_tieu.xlsx"
    first = _fill(early, tmp_path / "ap1.xlsx", "ap-1", {NUOC: 500})
    second = _fill(late, tmp_path / "ap2.xlsx", "ap-2", {NUOC: 600})
    result = CliRunner().invoke(main, ["aggregate", str(imported), str(first), str(second),
                                       "-o", str(tmp_path / "sum")])
    assert result.exit_code == 1, result.output
    assert "_kehoach!B5" in result.output and "biểu của năm 2030, khác năm 2025" in result.output
    got = _verdicts(tmp_path / "sum" / "plm_tong_hop.xlsx")
    assert got[NUOC] == ["≥ 420", "Vượt"]  # only the 2025 form


def test_a_written_milestone_is_qualitative_and_lower_is_better_is_a_ceiling(tmp_path):
    data = small_plan()
    data["phu_luc"] = [{"id": "pl", "chi_tieu": [{"id": "pl-g", "chi_tieu": [
        {"id": "pl-ntm", "nhan": "Xây dựng nông thôn mới",
         "moc": {2025: "Đạt chuẩn", 2030: "Đạt chuẩn nâng cao"}},
        {"id": "pl-ngheo", "nhan": "Tỷ lệ hộ nghèo", "don_vi": "%", "huong": "giam",
         "moc": {2025: 3, 2030: 1}},
    ]}]}]
    plan = write_plan(tmp_path / "nho.yaml", data)
    out = _forms(plan, tmp_path / "out")  # the plan is of 2024: the 2025 milestones
    targets = _docx_targets(out / "nho_bieu_chi_tieu.docx")
    assert targets["Xây dựng nông thôn mới"] == ("1", "Đạt chuẩn")  # an untitled group: no row
    assert targets["Tỷ lệ hộ nghèo"] == ("2", "≤ 3")
    assert "I" in {stt for stt, _ in targets.values()} and "II" not in {
        stt for stt, _ in targets.values()}
    blank = out / "nho_bieu_chi_tieu.xlsx"
    filled = _fill(blank, tmp_path / "ap1.xlsx", "ap-1", {"pl-ngheo": 2.5})
    book = openpyxl.load_workbook(filled)
    sheet = book[FORM_SHEET]
    judged = cell(sheet, rows_by_id(sheet)["pl-ntm"], "danh_gia")
    assert judged.protection.locked is False
    judged.value = "Đạt"
    book.save(filled)
    _run(["aggregate", str(plan), str(filled), "-o", str(tmp_path / "sum")])
    got = _verdicts(tmp_path / "sum" / "nho_tong_hop.xlsx")
    assert got["pl-ntm"] == ["Đạt chuẩn", "Đạt"]
    assert got["pl-ngheo"] == ["≤ 3", "Vượt"]
