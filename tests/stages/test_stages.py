"""The stage functions as a web page (or any caller) uses them: each result says what was
written, what to review and what went wrong, as data that matches the files on disk, and
the refusals are the project's errors, with nothing written."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from builders import small_plan, write_plan
from conftest import PLAN, ROOT
from docx import Document

from kehoach.derive import values
from kehoach.errors import KehoachError
from kehoach.forms.layout import FORM, cell, rows_by_id
from kehoach.forms.report import FORM_SHEET
from kehoach.plan.edit import PlanFile
from kehoach.plan.loader import load_plan
from kehoach.stages import aggregate as aggregating
from kehoach.stages.check import check
from kehoach.stages.compare import compare
from kehoach.stages.derive import UnitPlansExist, derive, units_of, values_template
from kehoach.stages.forms import forms
from kehoach.stages.importing import import_plan
from kehoach.stages.inputs import NoUnitsList
from kehoach.stages.render import build, plans_in, render
from kehoach.stages.update import update
from kehoach.stages.validate import validate

UNITS = ROOT / "plans" / "don_vi_phung_hiep.yaml"
MARK = re.compile(r"^\s*# XEM LẠI: (.*)$", re.MULTILINE)


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def test_render_and_build_name_what_they_wrote_and_what_failed(tmp_path: Path) -> None:
    done = render(PLAN, tmp_path / "one")
    assert done.written == done.documents == [tmp_path / "one" / "phung_hiep_42.docx"]
    text = " ".join(p.text for p in Document(str(done.written[0])).paragraphs)
    assert "Nghị quyết số 42-NQ/TW" in text
    folder = tmp_path / "plans"
    (folder / "huyen").mkdir(parents=True)
    shutil.copy(PLAN, folder / "huyen" / "ke_hoach.yaml")
    shutil.copy(UNITS, folder / "don_vi.yaml")
    (folder / "hong.yaml").write_text("van_ban: [\n", encoding="utf-8")
    found = plans_in(folder)
    assert found.registries == [folder / "don_vi.yaml"]
    assert found.plans == [folder / "hong.yaml", folder / "huyen" / "ke_hoach.yaml"]
    built = build(found, tmp_path / "out")
    assert built.written == [tmp_path / "out" / "huyen" / "ke_hoach.docx"]
    assert _files(tmp_path / "out") == built.written
    assert [p.file for p in built.problems] == [str(folder / "hong.yaml")]
    with pytest.raises(KehoachError, match="không có tệp kế hoạch"):
        build(plans_in(tmp_path / "out"), tmp_path / "none")


def test_derive_gives_each_units_marks_as_data_matching_its_yaml(tmp_path: Path) -> None:
    done = derive(PLAN, ["hoa-an", "cay-duong"], yaml_dir=tmp_path / "y", docx_dir=tmp_path / "d")
    assert [u.unit for u in done.units] == ["hoa-an", "cay-duong"]
    for unit in done.units:
        marked = MARK.findall(unit.plan.read_text(encoding="utf-8"))
        assert sorted(reason for _element, reason in unit.marks) == sorted(marked) and marked
        assert unit.explained == []  # only when asked for
        assert unit.document.read_bytes().startswith(b"PK")
        assert load_plan(unit.plan).don_vi == unit.unit
    assert done.review == sum(len(u.marks) for u in done.units)
    assert sorted(done.written) == _files(tmp_path)
    assert done.documents == [tmp_path / "d" / "hoa-an.docx", tmp_path / "d" / "cay-duong.docx"]
    with pytest.raises(UnitPlansExist) as refused:
        derive(PLAN, ["cay-duong", "tan-long"], yaml_dir=tmp_path / "y", docx_dir=tmp_path / "d")
    assert refused.value.existing == [tmp_path / "y" / "cay-duong.yaml"]
    assert not (tmp_path / "y" / "tan-long.yaml").exists()


def _sheet(path: Path, figures: dict[str, float]) -> Path:
    book = openpyxl.load_workbook(path)
    sheet = book[values.SHEET]
    columns = {c.value: c.column for c in sheet[1]}
    row = next(r[0].row for r in sheet.iter_rows(min_row=2) if r[0].value == "ct-bhyt")
    for unit, figure in figures.items():
        sheet.cell(row, columns[unit]).value = figure
    book.save(path)
    return path


def _bhyt(path: Path) -> object:
    plan = PlanFile.open(path)
    return plan.get((*plan.path_of("ct-bhyt"), "gia_tri"))


def test_derive_with_values_edits_plans_there_and_drafts_the_others(tmp_path: Path) -> None:
    y, d = tmp_path / "y", tmp_path / "d"
    derive(PLAN, ["hoa-an"], yaml_dir=y, docx_dir=d)
    sheet = values_template(PLAN, tmp_path / "gia_tri.xlsx").written[0]
    _sheet(sheet, {"Xã Hòa An": 96.5, "Thị trấn Cây Dương": 91})
    done = derive(PLAN, ["hoa-an", "cay-duong"], values_file=sheet, yaml_dir=y, docx_dir=d)
    assert [u.unit for u in done.units] == ["cay-duong"]
    assert [(e.unit, e.count) for e in done.edited] == [("hoa-an", 1)] and done.unchanged == []
    assert _bhyt(tmp_path / "y" / "hoa-an.yaml") == 96.5
    assert _bhyt(tmp_path / "y" / "cay-duong.yaml") == 91
    assert done.documents == [tmp_path / "d" / "cay-duong.docx"]  # the new draft's only
    again = derive(PLAN, ["hoa-an", "cay-duong"], values_file=sheet, yaml_dir=y, docx_dir=d)
    assert again.units == [] and again.edited == [] and again.unchanged == ["hoa-an", "cay-duong"]
    with pytest.raises(KehoachError, match="đã có bảng giá trị"):
        values_template(PLAN, sheet)


def test_update_names_every_file_it_wrote(tmp_path: Path) -> None:
    y, d = tmp_path / "y", tmp_path / "d"
    derive(PLAN, ["hoa-an"], yaml_dir=y, docx_dir=d)
    done = update(PLAN, ["hoa-an"], yaml_dir=y, docx_dir=d)
    plan = tmp_path / "y" / "hoa-an.yaml"
    assert [u.unit for u in done.units] == ["hoa-an"]
    assert set(done.written) == {plan, plan.with_name("hoa-an.yaml.bak"),
                                 plan.with_name(".hoa-an.goc.yaml"), tmp_path / "d" / "hoa-an.docx"}
    assert done.documents == [tmp_path / "d" / "hoa-an.docx"]
    assert done.review == sum(u.review for u in done.units)


def test_a_plan_without_a_units_list(tmp_path: Path) -> None:
    plan = write_plan(tmp_path / "p.yaml", small_plan())
    assert units_of(plan) == []
    with pytest.raises(NoUnitsList):
        derive(plan, all_units=True)
    done = forms(plan, tmp_path / "bieu")
    assert [p.name for p in done.written] == [
        "p_de_cuong_bao_cao.docx", "p_bieu_chi_tieu.docx", "p_bieu_chi_tieu.xlsx"]
    assert done.documents == done.written[:2]
    assert len(done.notes) == 1 and "không có danh sách đơn vị" in done.notes[0]
    assert "--units TỆP" in done.notes[0] and "danh_sach_don_vi" in done.notes[0]


def test_a_plan_without_indicators_gets_forms_with_a_note_saying_so(tmp_path: Path) -> None:
    data = small_plan()
    del data["muc_tieu_chi_tieu"]  # like the Quảng Ninh plan of the corpus
    plan = write_plan(tmp_path / "p.yaml", data)
    assert load_plan(plan).indicators() == [] and load_plan(plan).milestones() == []
    done = forms(plan, tmp_path / "bieu")
    said = [note for note in done.notes if "không có chỉ tiêu nào" in note]
    assert len(said) == 1 and "muc_tieu_chi_tieu.chi_tieu" in said[0]
    assert not [n for n in forms(PLAN, tmp_path / "du").notes if "chỉ tiêu nào" in n]


@pytest.mark.parametrize(("period", "year", "message"), [
    ("a" * 121, None, "quá dài (121 ký tự, tối đa 120)"),
    ("sơ\u202ekết", None, "U+202E"),
    ("   ", None, "kỳ báo cáo không được để trống"),
    (None, 2101, "năm báo cáo phải từ 1900 đến 2100"),
], ids=["121 ký tự", "U+202E", "trống", "năm 2101"])
def test_forms_refuses_a_period_or_year_whoever_asks(tmp_path: Path, period: str | None,
                                                     year: int | None, message: str) -> None:
    with pytest.raises(KehoachError) as refused:
        forms(PLAN, tmp_path / "bieu", period=period, year=year)
    assert message in refused.value.problems[0].message
    assert not (tmp_path / "bieu").exists()


def _filled(blank: Path, target: Path, unit: str, value: object) -> Path:
    shutil.copy(blank, target)
    book = openpyxl.load_workbook(target)
    sheet = book[FORM_SHEET]
    sheet[FORM.unit_name] = unit
    cell(sheet, rows_by_id(sheet)["ct-bhyt"], "ket_qua").value = value
    book.save(target)
    return target


def test_aggregate_reads_every_form_then_sums_the_good_ones(tmp_path: Path) -> None:
    blank = forms(PLAN, tmp_path / "bieu").written[2]
    good = _filled(blank, tmp_path / "hoa_an.xlsx", "Hòa An", 97)
    bad = _filled(blank, tmp_path / "tan_long.xlsx", "Tân Long", "nhiều")
    read = aggregating.read_filled(PLAN, [good, bad])
    assert [p.file for p in read.problems] == [str(bad)]
    done = aggregating.aggregate(read, tmp_path / "tong_hop")
    assert [p.name for p in done.written] == ["phung_hiep_42_tong_hop.xlsx",
                                              "phung_hiep_42_tong_hop.docx"]
    assert done.units == ["hoa-an", "tan-long"]  # a bad cell leaves the rest of its form
    assert "Cây Dương" in done.missing and "Hòa An" not in done.missing
    assert done.problems == read.problems
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"not a workbook")
    only_bad = aggregating.read_filled(PLAN, [broken])
    assert [p.file for p in only_bad.problems] == [str(broken)]
    with pytest.raises(KehoachError, match="không có biểu nào dùng được"):
        aggregating.aggregate(only_bad, tmp_path / "none")
    assert not (tmp_path / "none").exists()
    with pytest.raises(KehoachError, match="không có tệp này"):
        aggregating.read_filled(PLAN, [good, tmp_path / "khong_co.xlsx"])


def test_report_gives_the_draft_what_to_review_and_who_sent_nothing(tmp_path: Path) -> None:
    from kehoach.stages.report import report

    blank = forms(PLAN, tmp_path / "bieu").written[2]
    good = _filled(blank, tmp_path / "hoa_an.xlsx", "Hòa An", 97)
    bad = _filled(blank, tmp_path / "tan_long.xlsx", "Tân Long", "nhiều")
    done = report(PLAN, [good, bad], tmp_path / "bc", period="sơ kết 2 năm")
    assert done.written == done.documents == [tmp_path / "bc" / "phung_hiep_42_bao_cao.docx"]
    assert _files(tmp_path / "bc") == done.written
    assert done.review == len(Document(str(done.written[0])).comments) > 0
    assert done.units == ["hoa-an", "tan-long"] and "Cây Dương" in done.missing
    assert [p.file for p in done.problems] == [str(bad)]
    with pytest.raises(KehoachError, match="kỳ báo cáo không được để trống"):
        report(PLAN, [good], tmp_path / "none", period="  ")
    assert not (tmp_path / "none").exists()


def test_import_counts_what_it_marked_for_review(tmp_path: Path, rendered: Path) -> None:
    target = tmp_path / "nhap.yaml"
    done = import_plan(rendered, target)
    assert done.written == [target]
    marked = MARK.findall(target.read_text(encoding="utf-8"))
    assert done.review == len(marked) == sum(count for _reason, count in done.reasons)
    assert {reason for reason, _count in done.reasons} == set(marked) and done.found
    with pytest.raises(KehoachError, match="không ghi đè"):
        import_plan(rendered, target)
    assert import_plan(rendered, target, force=True).review == done.review


def test_check_results_and_fixes(tmp_path: Path, rendered: Path) -> None:
    text = tmp_path / "ban.txt"
    text.write_text("Kế hoạch của Ban Thường vụ Huyện ủy về ddoanf kết.\n", encoding="utf-8")
    done = check([text, rendered, tmp_path / "khong_co.txt"], fix=True)
    assert [f.path for f in done.files] == [text, rendered]
    assert done.files[0].fixed == tmp_path / "ban.da_sua.txt" and done.files[0].changes
    assert done.written == [tmp_path / "ban.da_sua.txt"]
    assert "đoàn" in done.written[0].read_text(encoding="utf-8")
    assert not done.files[1].fixable and done.files[1].fixed is None
    assert done.errors >= 1  # the Telex word, until fixed
    assert [p.message for p in done.problems] == [f"không có tệp {tmp_path / 'khong_co.txt'}"]
    with pytest.raises(KehoachError, match="--in-place chỉ dùng cùng --fix"):
        check([text], in_place=True)


def test_compare_gives_the_comparison_and_the_tracked_document(tmp_path: Path) -> None:
    edited = tmp_path / "moi.yaml"
    shutil.copy(PLAN, edited)
    plan = PlanFile.open(edited)
    plan.set((*plan.path_of("ct-bhyt"), "gia_tri"), 96)
    plan.save()
    done = compare(PLAN, edited, docx=tmp_path / "so_sanh.docx")
    assert [c.id for c in done.comparison.changes] == ["ct-bhyt"]
    assert done.written == [tmp_path / "so_sanh.docx"] and done.written[0].is_file()
    assert compare(PLAN, PLAN).comparison.changes == []
    with pytest.raises(KehoachError, match=r"tên phải có đuôi \.docx"):
        compare(PLAN, edited, docx=tmp_path / "so_sanh.yaml")


def test_validate_lists_what_holds_and_every_problem(tmp_path: Path) -> None:
    broken = tmp_path / "hong.yaml"
    broken.write_text("id: x\nvan_ban: [\n", encoding="utf-8")
    done = validate([PLAN, UNITS, broken])
    assert [(v.path, v.units) for v in done.valid] == [(PLAN, None), (UNITS, 15)]
    plan = done.valid[0]
    assert (plan.indicators, plan.tasks, plan.unknown_body) == (36, 9, None)
    assert done.problems and {p.file for p in done.problems} == {str(broken)}
