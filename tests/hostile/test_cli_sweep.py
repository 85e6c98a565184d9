"""A sweep over every command with inputs a careless clerk or a broken copy makes: each
case is refused with a Vietnamese message naming the file (and line:column, field), exit
2 and nothing written, or an existing good file is kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import small_plan, write_plan
from hostile import run, snapshot, unchanged
from openpyxl import load_workbook


@pytest.mark.parametrize(
    ("written", "fragment"),
    [
        ("Nguyễn\x00 Văn A", ":66:17: có ký tự điều khiển U+0000 trong tệp"),
        ("Nguyễn\x07 Văn A", ":66:17: có ký tự điều khiển U+0007 trong tệp"),
        ('"Nguyễn \\ud800 A"', ":66:21: lỗi cú pháp YAML: mã thoát '\\u…'"),
    ],
)
def test_a_character_yaml_cannot_read_is_placed(tmp_path: Path, written: str,
                                                fragment: str) -> None:
    path = write_plan(tmp_path / "p.yaml", small_plan())
    path.write_text(path.read_text("utf-8").replace("Nguyễn Văn A", written), "utf-8")
    before = snapshot(tmp_path)
    for args in (["validate", path], ["render", path, "-o", tmp_path / "out"]):
        result = run(args, 2, fragment)
        assert str(path) in result.output and "unacceptable" not in result.output
        assert "invalid Unicode" not in result.output
    unchanged(tmp_path, before)


@pytest.mark.parametrize(
    ("written", "fragment"),
    [
        ("'2024-02-30'", "van_ban.ngay: ngày '2024-02-30' không có thật"),
        ("'2024-02-05 10:00:00'", "van_ban.ngay: chỉ ghi ngày dạng NĂM-THÁNG-NGÀY"),
        ("2024-02-05 10:00:00", "van_ban.ngay: chỉ ghi ngày dạng NĂM-THÁNG-NGÀY"),
        ("'05/02/2024'", "van_ban.ngay: phải là ngày dạng NĂM-THÁNG-NGÀY (2024-02-05) hoặc"),
        ("1800", "van_ban.ngay: phải lớn hơn hoặc bằng 1945"),
    ],
)
def test_a_date_or_year_is_one_vietnamese_message(tmp_path: Path, written: str,
                                                  fragment: str) -> None:
    """`ngay` is a date or a year: the field is named once, never by union branch."""
    path = write_plan(tmp_path / "p.yaml", small_plan())
    path.write_text(path.read_text("utf-8").replace("ngay: '2024-02-05'", f"ngay: {written}"),
                    "utf-8")
    result = run(["validate", path], 2, f"p.yaml:9:9: {fragment}")
    assert result.output.count("lỗi:") == 1, result.output
    assert "constrained-int" not in result.output and "Datetimes" not in result.output


def test_the_values_template_keeps_a_sheet_already_there(tmp_path: Path) -> None:
    """A clerk who runs --values-template again after filling the sheet keeps the figures."""
    data = small_plan()
    data["danh_sach_don_vi"] = "don_vi.yaml"
    plan = write_plan(tmp_path / "huyen.yaml", data)
    (tmp_path / "don_vi.yaml").write_text(
        "cap: xa\ncap_tren: ĐẢNG BỘ HUYỆN PHỤNG HIỆP\n"
        "don_vi:\n  - {id: hoa-an, loai: xa, ten: Hòa An}\n", "utf-8")
    sheet = tmp_path / "gia tri.xlsx"
    run(["derive", plan, "--values-template", sheet], 0, "đã ghi bảng giá trị")
    book = load_workbook(sheet)
    book.active.cell(row=2, column=3, value=97)  # the clerk's figure for Hòa An
    book.save(sheet)
    before = snapshot(tmp_path)
    result = run(["derive", plan, "--values-template", sheet], 2, "đã có bảng giá trị")
    assert str(sheet) in result.output
    unchanged(tmp_path, before)
    run(["derive", plan, "--values-template", sheet, "--force"], 0, "đã ghi bảng giá trị")


def test_no_output_goes_under_a_name_of_another_kind(tmp_path: Path) -> None:
    """import -o naming a Word document (even with --force) and compare --docx naming a
    plan or a name without .docx are refused: the YAML or DOCX would replace the file."""
    plan = write_plan(tmp_path / "ke hoạch.yaml", small_plan())
    other = write_plan(tmp_path / "ban khac.yaml", small_plan())
    run(["render", plan, "-o", tmp_path], 0, "đã ghi")
    word = tmp_path / "ke hoạch.docx"
    kept = tmp_path / "van ban cu.docx"
    kept.write_bytes(word.read_bytes())
    before = snapshot(tmp_path)
    run(["import", word, "-o", kept, "--force"], 2, "tên phải có đuôi .yaml hoặc .yml")
    run(["compare", plan, plan, "--docx", other], 2, "tên phải có đuôi .docx")
    run(["compare", plan, plan, "--docx", tmp_path / "ra"], 2, f"{tmp_path / 'ra'}: tệp ghi ra")
    unchanged(tmp_path, before)


@pytest.mark.parametrize(
    ("units", "fragment"),
    [
        (None, "huyen.yaml:70:19: danh_sach_don_vi: không có tệp danh sách đơn vị {d}/don_vi"),
        (b"\xff\xfe", "don_vi.yaml: tệp rỗng"),  # Notepad's "Unicode" mark, and nothing
        (b"ab\xc3\x28", "don_vi.yaml:1:3: tệp không phải văn bản Unicode"),
        (b"cap: xa\n", "don_vi.yaml:1:1: cap_tren: thiếu trường bắt buộc"),
        ("folder", "danh sách đơn vị {d}/don_vi.yaml là một thư mục"),
    ],
)
def test_validate_reads_the_units_file_the_plan_names(tmp_path: Path, units: bytes | str | None,
                                                      fragment: str) -> None:
    """A plan whose units file is missing or broken was called valid, then derive and forms
    refused it."""
    data = small_plan()
    data["danh_sach_don_vi"] = "don_vi.yaml"
    plan = write_plan(tmp_path / "huyen.yaml", data)
    if units == "folder":
        (tmp_path / "don_vi.yaml").mkdir()
    elif units is not None:
        (tmp_path / "don_vi.yaml").write_bytes(units)
    result = run(["validate", plan], 2, fragment.format(d=tmp_path))
    assert "hợp lệ" not in result.output


def test_check_says_what_it_could_not_read_and_in_place_needs_fix(tmp_path: Path) -> None:
    """An unreadable file was followed by a bare '0 lỗi, 0 cảnh báo'; --in-place without
    --fix did nothing and exited 0."""
    plan = write_plan(tmp_path / "p.yaml", small_plan())
    broken = tmp_path / "hong.docx"
    broken.write_text("không phải DOCX", "utf-8")
    result = run(["check", plan, broken], 2, "0 lỗi, 0 cảnh báo; 1 tệp không đọc được")
    assert result.output.index("hong.docx: không phải") < result.output.index("0 lỗi")
    before = snapshot(tmp_path)
    run(["check", "--in-place", plan], 2, "--in-place chỉ dùng cùng --fix")
    unchanged(tmp_path, before)


def test_aggregate_names_a_workbook_that_is_not_there(tmp_path: Path) -> None:
    """A mistyped form name was called 'a broken or encrypted zip'."""
    plan = write_plan(tmp_path / "p.yaml", small_plan())
    run(["forms", plan, "-o", tmp_path / "bieu"], 0, "đã ghi")
    blank = tmp_path / "bieu" / "p_bieu_chi_tieu.xlsx"
    before = snapshot(tmp_path)
    result = run(["aggregate", plan, blank, tmp_path / "hoa an.xlsx", "-o", tmp_path / "out"], 2,
                 f"{tmp_path / 'hoa an.xlsx'}: không có tệp này")
    assert "tệp nén hỏng" not in result.output
    unchanged(tmp_path, before)


_TWO_UNITS = (
    "cap: xa\ncap_tren: ĐẢNG BỘ HUYỆN PHỤNG HIỆP\ndon_vi:\n"
    "  - {id: hoa-an, loai: xa, ten: Hòa An}\n  - {id: hoa-my, loai: xa, ten: Hòa Mỹ%s}\n"
)


@pytest.mark.parametrize("broken", ["second plan", "new unit"])
def test_values_on_existing_plans_write_all_or_nothing(tmp_path: Path, broken: str) -> None:
    """derive --values with Hòa An's plan there: Hòa My's plan broken by hand, or Hòa My
    new and refused, left Hòa An's plan rewritten (YAML and DOCX) and exit 2."""
    data = small_plan()
    data["danh_sach_don_vi"] = "don_vi.yaml"
    plan = write_plan(tmp_path / "huyen.yaml", data)
    units = tmp_path / "don_vi.yaml"
    units.write_text(_TWO_UNITS % "", "utf-8")
    out, sheet = tmp_path / "xa", tmp_path / "gia_tri.xlsx"
    run(["derive", plan, "--all" if broken == "second plan" else "--unit=hoa-an", "-o", out],
        0, "đã soạn")
    run(["derive", plan, "--values-template", sheet], 0, "đã ghi bảng giá trị")
    book = load_workbook(sheet)
    book.active["E2"], book.active["F2"] = 96, 97
    book.save(sheet)
    if broken == "second plan":
        mine = out / "hoa-my.yaml"
        mine.write_text(mine.read_text("utf-8").replace("gia_tri: 95", "gia_tri: [x"), "utf-8")
    else:
        units.write_text(_TWO_UNITS % ", bo_nhiem_vu: [khong-co]", "utf-8")
    before = snapshot(tmp_path)
    run(["derive", plan, "--all", "--values", sheet, "-o", out], 2,
        "hoa-my.yaml:" if broken == "second plan" else "không có nhiệm vụ 'khong-co'")
    unchanged(tmp_path, before)


@pytest.mark.parametrize(
    ("period", "fragment"),
    [
        ("  ", "kỳ báo cáo không được để trống"),
        ("sơ\x00kết", "có ký tự điều khiển hoặc ẩn U+0000"),
        ("sơ\u200bkết", "có ký tự điều khiển hoặc ẩn U+200B"),
        ("a" * 500, "quá dài (500 ký tự, tối đa 120)"),
    ],
)
def test_forms_refuses_a_period_no_title_can_hold(tmp_path: Path, period: str,
                                                  fragment: str) -> None:
    plan = write_plan(tmp_path / "p.yaml", small_plan())
    before = snapshot(tmp_path)
    run(["forms", plan, "--ky", period, "-o", tmp_path / "out"], 2,
        f"giá trị không hợp lệ cho '--ky': {fragment}")
    unchanged(tmp_path, before)


@pytest.mark.parametrize(
    ("written", "fragment"),
    [("so: true", "van_ban.so: phải là số, không phải true"),
     ("nam: false", "muc_tieu_chi_tieu.chi_tieu.nam: phải là số, không phải false")],
)
def test_true_or_false_is_no_number(tmp_path: Path, written: str, fragment: str) -> None:
    """`so: true` was a valid plan numbered 1: Pydantic reads true as 1."""
    path = write_plan(tmp_path / "p.yaml", small_plan())
    key = written.split(":")[0]
    text = path.read_text("utf-8")
    line = next(x for x in text.splitlines() if x.strip().startswith(f"{key}: "))
    path.write_text(text.replace(line, line.split(":")[0] + ": " + written.split(": ")[1]), "utf-8")
    run(["validate", path], 2, fragment)
    run(["render", path, "-o", tmp_path / "out"], 2, fragment)
    assert not (tmp_path / "out").exists()


def test_a_text_with_no_body_is_named_by_its_path(tmp_path):
    source = tmp_path / "chi co dau.txt"
    source.write_text("KẾ HOẠCH\n", encoding="utf-8")
    run(["import", source, "-o", tmp_path / "k.yaml"], 2,
        f"{source}: không có đoạn thân văn bản nào")
    assert not (tmp_path / "k.yaml").exists()
