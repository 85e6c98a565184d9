"""`derive --values` reads each cell as the clerk sees it (issue 26): a percent format is
×100, text numbers are Vietnamese (`1.000` is one thousand), every value is checked
against its indicator, formula, merged and hidden cells are refused at their place, and
nothing is written until every cell is right."""

from __future__ import annotations

import datetime as dt
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from builders import small_plan, write_plan
from conftest import ROOT
from hostile import run, snapshot, unchanged
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from kehoach.derive.values import SHEET
from kehoach.forms.displayed import SheetView, number
from kehoach.vn import numbers as vnformat

PLAN = ROOT / "plans" / "phung_hiep_42.yaml"
ROWS = {"ct-nguoi-co-cong": 2, "ct-lao-dong-chua-co-viec-lam": 3}  # both in %


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("values") / "gia_tri.xlsx"
    run(["derive", PLAN, "--values-template", path], 0, "đã ghi")
    return path


def _filled(template: Path, target: Path, change) -> tuple[Path, str]:
    """The template with `change(sheet, column of Xã Hòa An)` applied, saved at `target`."""
    book = load_workbook(template)
    sheet = book[SHEET]
    column = next(c.column_letter for c in sheet[1] if c.value == "Xã Hòa An")
    change(sheet, column)
    book.save(target)
    return target, column


def _row(ident: str, template: Path) -> int:
    sheet = load_workbook(template)[SHEET]
    return next(c.row for c in sheet["A"] if c.value == ident)


def _value(plan: Path, ident: str) -> str:
    text = plan.read_text(encoding="utf-8").split(f"id: {ident}\n", 1)[1]
    return next(line.split(": ", 1)[1] for line in text.splitlines() if "gia_tri:" in line)


def test_85_percent_typed_in_excel_is_85_not_0_85(template, tmp_path):
    def change(sheet, column):
        sheet[f"{column}2"] = 0.85
        sheet[f"{column}2"].number_format = "0%"
        sheet[f"{column}3"] = 0.0259
        sheet[f"{column}3"].number_format = "0.00%"

    sheet, _ = _filled(template, tmp_path / "v.xlsx", change)
    out = tmp_path / "out"
    run(["derive", PLAN, "--unit", "hoa-an", "-o", out, "--values", sheet], 0, "đã soạn 1")
    assert _value(out / "hoa-an.yaml", "ct-nguoi-co-cong") == "85"
    assert _value(out / "hoa-an.yaml", "ct-lao-dong-chua-co-viec-lam") == "2.59"  # exactly


def test_text_numbers_follow_vietnamese_conventions(template, tmp_path):
    area = _row("ct-dien-tich-nha-o", template)

    def change(sheet, column):
        sheet[f"{column}2"] = "85%"
        sheet[f"{column}3"] = "2,59"
        sheet[f"{column}{area}"] = "1.000"  # m2 per person: no upper limit; one thousand

    sheet, _ = _filled(template, tmp_path / "v.xlsx", change)
    out = tmp_path / "out"
    run(["derive", PLAN, "--unit", "hoa-an", "-o", out, "--values", sheet], 0, "đã soạn 1")
    assert _value(out / "hoa-an.yaml", "ct-nguoi-co-cong") == "85"
    assert _value(out / "hoa-an.yaml", "ct-lao-dong-chua-co-viec-lam") == "2.59"
    assert _value(out / "hoa-an.yaml", "ct-dien-tich-nha-o") == "1000"


@pytest.mark.parametrize(("put", "fragment"), [
    ("1.000", "1.000 ngoài khoảng cho phép (từ 0 đến 100) của chỉ tiêu tính bằng '%' "
              "(số nhập dạng chữ '1.000', đã đọc là 1.000 (dấu chấm ngăn hàng nghìn))"),
    (150, "150 ngoài khoảng cho phép (từ 0 đến 100)"),
    (950, "950 ngoài khoảng cho phép (từ 0 đến 100)"),
    (-1, "-1 ngoài khoảng cho phép (từ 0 đến 100)"),
    ("1.5", "'1.5' không phải là số (ghi như 95 hoặc 2,5); viết số kiểu Việt"),
    ("1,000.5", "'1,000.5' không phải là số"),
    ("=D2*0.9", "ô chứa công thức '=D2*0.9', không phải giá trị đã gõ"),
    (True, "ô định dạng không phải số"),
    (dt.datetime(2025, 1, 2), "ô định dạng ngày tháng"),
    ("nhiều", "'nhiều' không phải là số"),
])
def test_a_wrong_value_is_refused_at_its_cell_and_nothing_is_written(
    template, tmp_path, put, fragment
):
    def change(sheet, column):
        sheet[f"{column}2"] = put

    sheet, column = _filled(template, tmp_path / "v.xlsx", change)
    out = tmp_path / "out"
    out.mkdir()
    before = snapshot(out)
    run(["derive", PLAN, "--all", "-o", out, "--values", sheet], 2,
        f"{SHEET}!{column}2: {fragment}")
    unchanged(out, before)


@pytest.mark.parametrize(("how", "fragment"), [
    ("percent-cell-150", "150 ngoài khoảng cho phép"),
    ("hidden-format", "định dạng ô ';;;' không hiện con số"),
    ("thousands-format", "hiện số đã chia cho 1.000"),
    ("hidden-row", "ô có giá trị nhưng dòng 2 đang ẩn nên không ai thấy"),
    ("hidden-column", "đang ẩn nên không ai thấy"),
    ("zero-width-column", "đang ẩn nên không ai thấy"),
    ("hidden-sheet", f"trang '{SHEET}' đang ẩn"),
    ("merged", "ô nằm trong vùng gộp ô"),
])
def test_what_the_clerk_cannot_see_as_read_is_refused(template, tmp_path, how, fragment):
    def change(sheet, column):
        sheet[f"{column}2"] = 50
        if how == "percent-cell-150":
            sheet[f"{column}2"] = 1.5
            sheet[f"{column}2"].number_format = "0%"
        elif how == "hidden-format":
            sheet[f"{column}2"].number_format = ";;;"
        elif how == "thousands-format":
            sheet[f"{column}2"].number_format = "#,##0,"
        elif how == "hidden-row":
            sheet.row_dimensions[2].hidden = True
        elif how == "hidden-column":
            sheet.column_dimensions[column].hidden = True
        elif how == "zero-width-column":  # as Excel writes it (openpyxl drops a 0 width)
            sheet.column_dimensions[column].width = ZERO_WIDTH
        elif how == "hidden-sheet":
            sheet.parent.create_sheet("Khác")
            sheet.sheet_state = "hidden"
        else:
            sheet.merge_cells(f"{column}2:{column}3")

    sheet, column = _filled(template, tmp_path / "v.xlsx", change)
    if how == "zero-width-column":
        _zero_width(sheet)
    out = tmp_path / "out"
    result = run(["derive", PLAN, "--all", "-o", out, "--values", sheet], 2, fragment)
    assert f"{SHEET}!{column}2" in result.output
    assert not out.exists()


ZERO_WIDTH = 7.77


def _zero_width(path: Path) -> None:
    """Set the width written as ZERO_WIDTH to 0, in the sheet's XML."""
    with zipfile.ZipFile(path) as source:
        parts = {i.filename: source.read(i) for i in source.infolist()}
    sheet = "xl/worksheets/sheet1.xml"
    assert b'width="7.77"' in parts[sheet]
    parts[sheet] = parts[sheet].replace(b'width="7.77"', b'width="0"')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def test_a_value_for_a_unit_the_indicator_does_not_reach_is_refused(template, tmp_path):
    urban = _row("ct-nuoc-sach-thanh-thi", template)  # cap: [huyen, thi_tran]

    def change(sheet, column):
        sheet[f"{column}{urban}"] = 90
        sheet[f"E{urban}"] = 90  # Thị trấn Cây Dương: meant for it

    sheet, column = _filled(template, tmp_path / "v.xlsx", change)
    run(["derive", PLAN, "--all", "-o", tmp_path / "out", "--values", sheet], 2,
        f"{SHEET}!{column}{urban}: chỉ tiêu 'ct-nuoc-sach-thanh-thi' không áp dụng cho xã")


def test_a_value_on_a_row_without_an_id_is_refused(template, tmp_path):
    def change(sheet, column):
        sheet["A2"] = None
        sheet[f"{column}2"] = 50

    sheet, column = _filled(template, tmp_path / "v.xlsx", change)
    run(["derive", PLAN, "--all", "-o", tmp_path / "out", "--values", sheet], 2,
        f"{SHEET}!{column}2: ô có giá trị nhưng dòng không có mã chỉ tiêu ở cột A")


def test_every_bad_cell_is_named_at_once(template, tmp_path):
    def change(sheet, column):
        sheet[f"{column}2"] = 150
        sheet[f"{column}3"] = "=1+1"
        sheet["F2"] = "x"

    sheet, column = _filled(template, tmp_path / "v.xlsx", change)
    result = run(["derive", PLAN, "--all", "-o", tmp_path / "out", "--values", sheet], 2,
                 "có 3 lỗi")
    for ref in (f"{column}2", f"{column}3", "F2"):
        assert f"{SHEET}!{ref}:" in result.output


def test_a_rate_whose_own_target_is_over_100_may_be_over_100(tmp_path):
    data = small_plan()
    indicator = data["muc_tieu_chi_tieu"]["chi_tieu"]["doan"][0]["noi_dung"][0]
    indicator.update(cau="Thu ngân sách đạt {gt}% dự toán", gia_tri=120, so_sanh="toi_thieu")
    data["danh_sach_don_vi"] = "don_vi.yaml"
    plan = write_plan(tmp_path / "huyen.yaml", data)
    (tmp_path / "don_vi.yaml").write_text(
        "cap: xa\ncap_tren: ĐẢNG BỘ HUYỆN PHỤNG HIỆP\ndon_vi:\n"
        "  - {id: hoa-an, loai: xa, ten: Hòa An}\n", encoding="utf-8")
    sheet = tmp_path / "v.xlsx"
    run(["derive", plan, "--values-template", sheet], 0, "đã ghi")
    book = load_workbook(sheet)
    book[SHEET]["E2"] = 1.3
    book[SHEET]["E2"].number_format = "0%"
    book.save(sheet)
    out = tmp_path / "out"
    run(["derive", plan, "--all", "-o", out, "--values", sheet], 0, "đã soạn 1")
    assert _value(out / "hoa-an.yaml", "ct-bhyt") == "130"


def test_a_registry_value_is_checked_against_its_indicator_at_its_line(tmp_path):
    data = small_plan()
    data["danh_sach_don_vi"] = "don_vi.yaml"
    plan = write_plan(tmp_path / "huyen.yaml", data)
    units = tmp_path / "don_vi.yaml"
    units.write_text(
        "cap: xa\ncap_tren: ĐẢNG BỘ HUYỆN PHỤNG HIỆP\ndon_vi:\n"
        "  - id: hoa-an\n    loai: xa\n    ten: Hòa An\n    chi_tieu: {ct-bhyt: 150}\n",
        encoding="utf-8")
    run(["derive", plan, "--all", "-o", tmp_path / "out"], 2,
        f"{units}:7:")
    run(["derive", plan, "--all", "-o", tmp_path / "out"], 2,
        "150 ngoài khoảng cho phép (từ 0 đến 100) của chỉ tiêu tính bằng '%'")
    assert not (tmp_path / "out").exists()


def test_existing_plans_are_left_as_they_were_when_a_cell_is_wrong(template, tmp_path):
    out = tmp_path / "out"
    run(["derive", PLAN, "--all", "-o", out], 0, "đã soạn 15")
    before = snapshot(out)

    def change(sheet, column):
        sheet[f"{column}2"] = 40
        sheet[f"{column}3"] = 0.85
        sheet[f"{column}3"].number_format = "0.00%"
        sheet["E4"] = "=E3"

    sheet, _ = _filled(template, tmp_path / "v.xlsx", change)
    run(["derive", PLAN, "--all", "-o", out, "--values", sheet], 2, "ô chứa công thức")
    unchanged(out, before)


def _cell(value, fmt: str = "General"):
    book = Workbook()
    sheet = book.active
    sheet["A1"] = value
    sheet["A1"].number_format = fmt
    return SheetView(sheet), sheet["A1"]


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10_000), st.integers(min_value=0, max_value=3))
def test_a_percent_cell_reads_exactly_what_it_shows(hundredths, decimals):
    stored = float(Decimal(hundredths) / 10_000)  # what Excel keeps for the typed percent
    fmt = "0" + ("." + "0" * decimals if decimals else "") + "%"
    read = number(*_cell(stored, fmt))
    assert read.problem is None
    assert Decimal(str(read.value)) == Decimal(repr(stored)) * 100


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=0, max_value=10**12, places=3, allow_nan=False))
def test_a_number_written_the_vietnamese_way_reads_back(value):
    text = vnformat.number(float(value))
    read = number(*_cell(text))
    assert read.problem is None and read.note is not None
    assert vnformat.number(read.value) == text


@pytest.mark.parametrize(("value", "fmt", "expected"), [
    (0.85, '0"%"', 0.85),  # a quoted % is text: no scaling
    (85, "0\\%", 85),  # an escaped % too
    (0.5, "0%;-0%;\"không\"", 50),
    (12, "@", 12),
    (3, "[Red]0.0", 3),
])
def test_formats_that_show_the_number_as_it_is(value, fmt, expected):
    read = number(*_cell(value, fmt))
    assert read.problem is None and read.value == expected
