"""Every unit's values in one sheet: the template, drafting with it, and changing only the
values of unit plans that already exist."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from conftest import ROOT
from openpyxl import load_workbook

from kehoach.cli import main
from kehoach.derive.values import SHEET
from kehoach.plan import history

PLAN = ROOT / "plans" / "phung_hiep_42.yaml"


def _derive(*args: str):
    return CliRunner().invoke(main, ["derive", str(PLAN), *args])


def _sheet(tmp_path: Path, cells: dict[str, object] | None = None) -> Path:
    path = tmp_path / "gia_tri.xlsx"
    if not path.exists():
        assert _derive("--values-template", str(path)).exit_code == 0
    book = load_workbook(path)
    for ref, value in (cells or {}).items():
        book[SHEET][ref] = value
    book.save(path)
    return path


def _column(path: Path, title: str) -> str:
    sheet = load_workbook(path)[SHEET]
    return next(c.column_letter for c in sheet[1] if c.value == title)


def test_the_template_has_a_row_per_indicator_and_a_column_per_unit(tmp_path):
    sheet = load_workbook(_sheet(tmp_path))[SHEET]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Mã", "Chỉ tiêu", "Đơn vị tính", "Giá trị cấp trên"]
    assert header[4] == "Thị trấn Cây Dương" and "Xã Hòa An" in header and len(header) == 19
    assert sheet.max_row == 1 + 23  # the valued indicators a commune keeps
    assert all(c.data_type == "s" for c in sheet[1])
    assert [sheet["A2"].value, sheet["D2"].value] == ["ct-nguoi-co-cong", 100]


def _values(path: Path, indicator: str) -> object:
    text = path.read_text(encoding="utf-8")
    block = text.split(f"id: {indicator}\n", 1)[1]
    return next(line.split(": ", 1)[1] for line in block.splitlines() if "gia_tri:" in line)


def test_one_cell_changes_that_units_plan_and_no_other(tmp_path):
    before, after = tmp_path / "before", tmp_path / "after"
    assert _derive("--all", "-o", str(before)).exit_code == 0
    sheet = _sheet(tmp_path)
    column = _column(sheet, "Xã Hòa An")
    _sheet(tmp_path, {f"{column}2": 50})
    assert _derive("--all", "-o", str(after), "--values", str(sheet)).exit_code == 0
    differ = [p.name for p in sorted(before.iterdir())
              if p.read_bytes() != (after / p.name).read_bytes()]
    assert differ == [".hoa-an.goc.yaml", "hoa-an.docx", "hoa-an.yaml"]  # and its base
    assert _values(after / "hoa-an.yaml", "ct-nguoi-co-cong") == "50"


def test_existing_plans_change_only_their_values_and_keep_the_clerks_edits(tmp_path):
    out = tmp_path / "out"
    assert _derive("--all", "-o", str(out)).exit_code == 0
    own = out / "hoa-an.yaml"
    edited = own.read_text(encoding="utf-8").replace("noi_nhan:", "# sửa tay\nnoi_nhan:")
    own.write_text(edited, encoding="utf-8")
    untouched = {p.name: p.read_bytes() for p in out.iterdir() if "hoa-an" not in p.name}
    sheet = _sheet(tmp_path)
    _sheet(tmp_path, {f"{_column(sheet, 'Xã Hòa An')}3": "2,5"})
    result = _derive("--all", "-o", str(out), "--values", str(sheet))
    assert result.exit_code == 0, result.output
    assert f"đã sửa 1 giá trị chỉ tiêu: {own}" in result.output
    assert "14 kế hoạch đơn vị đã có không đổi giá trị" in result.output
    text = own.read_text(encoding="utf-8")
    assert "# sửa tay\nnoi_nhan:" in text
    changed = [(a, b) for a, b in zip(edited.splitlines(), text.splitlines(), strict=True)
               if a != b]
    assert [b.strip() for _, b in changed] == ["gia_tri: 2.5"]  # that one line, nothing else
    assert {p.name: p.read_bytes() for p in out.iterdir()
            if "hoa-an" not in p.name and p.is_file()} == untouched
    kept = history.versions(out / "hoa-an.yaml")
    assert [v.what for v in kept] == ["điền giá trị chỉ tiêu từ bảng"]


def test_a_bad_cell_is_reported_with_its_place_and_nothing_is_written(tmp_path):
    sheet = _sheet(tmp_path)
    column = _column(sheet, "Xã Hòa An")
    _sheet(tmp_path, {f"{column}4": "nhiều", "E1": "Xã Không Có"})
    out = tmp_path / "out"
    result = _derive("--all", "-o", str(out), "--values", str(sheet))
    assert result.exit_code == 2
    assert f"{sheet}: {SHEET}!{column}4: 'nhiều' không phải là số" in result.output
    assert f"{SHEET}!E1: đơn vị 'Xã Không Có' không có trong danh sách đơn vị" in result.output
    assert not out.exists()


def test_user_text_starting_with_equals_stays_text_in_the_values_sheet(tmp_path):
    from builders import small_plan, write_plan

    data = small_plan()
    data["danh_sach_don_vi"] = "don_vi.yaml"
    indicator = data["muc_tieu_chi_tieu"]["chi_tieu"]["doan"][0]["noi_dung"][0]
    indicator["nhan"] = '=HYPERLINK("http://x","bấm")'
    plan = write_plan(tmp_path / "huyen.yaml", data)
    (tmp_path / "don_vi.yaml").write_text(
        'cap: xa\ncap_tren: ĐẢNG BỘ HUYỆN PHỤNG HIỆP\ndon_vi:\n'
        '  - {id: hoa-an, loai: xa, ten: "=WEBSERVICE(1)"}\n', encoding="utf-8")
    target = tmp_path / "gia_tri.xlsx"
    result = CliRunner().invoke(main, ["derive", str(plan), "--values-template", str(target)])
    assert result.exit_code == 0, result.output
    sheet = load_workbook(target)[SHEET]
    texts = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    starting = [c for c in texts if c.value.startswith("=")]
    assert [c.value for c in starting] == ['=HYPERLINK("http://x","bấm")']
    assert all(c.data_type == "s" for c in starting)
    header = {c.value: c for c in sheet[1]}
    assert header["Xã =WEBSERVICE(1)"].data_type == "s"
