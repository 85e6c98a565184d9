"""The merged commands (compare, derive --values/--update, serve, review notes) under a
careless user: each case is an input, its exit code, a fragment of its Vietnamese message,
and nothing written (or the old file intact)."""

from __future__ import annotations

import socket
import zipfile
from pathlib import Path

import pytest
import yaml
from builders import small_plan, write_plan
from hostile import run, snapshot, unchanged

from kehoach.plan.loader import load_plan

REGISTRY = {
    "cap": "xa",
    "cap_tren": "ĐẢNG BỘ HUYỆN PHỤNG HIỆP",
    "don_vi": [{"id": "hoa-an", "ten": "Hòa An", "loai": "xa"}],
}


def _upper(tmp_path: Path, drop: tuple[str, ...] = ()) -> Path:
    """A small upper plan with its registry beside it, without the parts in `drop`."""
    data = small_plan()
    data["danh_sach_don_vi"] = "don_vi.yaml"
    for part in drop:
        if part == "chi_tieu":
            del data["muc_tieu_chi_tieu"]["chi_tieu"]
        else:
            del data[part]
    (tmp_path / "don_vi.yaml").write_text(yaml.safe_dump(REGISTRY, allow_unicode=True), "utf-8")
    return write_plan(tmp_path / "huyen.yaml", data)


def test_compare_never_writes_its_docx_over_an_input(tmp_path: Path) -> None:
    old = write_plan(tmp_path / "cu.yaml", small_plan())
    data = small_plan()
    data["noi_nhan"] = ["Tỉnh ủy Hậu Giang (b/c)", "Lưu Văn phòng Huyện ủy"]
    new = write_plan(tmp_path / "moi.yaml", data)
    before = snapshot(tmp_path)
    run(["compare", old, new, "--docx", old], 2, "trùng với tệp đầu vào")
    unchanged(tmp_path, before)


@pytest.mark.parametrize(
    "drop",
    [("nhiem_vu_giai_phap",), ("to_chuc_thuc_hien",), ("chi_tieu",),
     ("muc_tieu_chi_tieu", "nhiem_vu_giai_phap")],
)
def test_derive_from_a_plan_without_a_part(tmp_path: Path, drop) -> None:
    """Any part may be missing (issue 20: a plan of tasks only was refused, naming a YAML
    path); the draft has what the upper plan has, section IV always."""
    upper = _upper(tmp_path, drop)
    run(["derive", upper, "--all", "-o", tmp_path / "xa"], 0, "đã soạn 1 kế hoạch")
    draft = load_plan(tmp_path / "xa" / "hoa-an.yaml")
    assert draft.to_chuc_thuc_hien is not None and draft.to_chuc_thuc_hien.muc
    assert ("nhiem_vu_giai_phap" in drop) == (draft.nhiem_vu_giai_phap is None)
    no_indicators = bool({"chi_tieu", "muc_tieu_chi_tieu"} & set(drop))
    assert (draft.indicators() == []) == no_indicators


def test_update_after_the_upper_plan_lost_a_part(tmp_path: Path) -> None:
    upper = _upper(tmp_path)
    run(["derive", upper, "--all", "-o", tmp_path / "xa"], 0, "đã soạn 1 kế hoạch")
    data = yaml.safe_load(upper.read_text("utf-8"))
    del data["nhiem_vu_giai_phap"]
    write_plan(upper, data)
    run(["derive", upper, "--all", "-o", tmp_path / "xa", "--update"], 0, "")
    assert "nhiem_vu_giai_phap" not in (tmp_path / "xa" / "hoa-an.yaml").read_text("utf-8")


@pytest.mark.parametrize("kind", ["docx", "plan", "text"])
def test_a_values_sheet_that_is_not_a_workbook(tmp_path: Path, kind: str) -> None:
    upper = _upper(tmp_path)
    sheet = {"plan": upper, "text": tmp_path / "gia_tri.xlsx", "docx": tmp_path / "a.docx"}[kind]
    if kind == "text":
        sheet.write_text("Mã,hoa-an\n", "utf-8")
    if kind == "docx":  # a zip, but no workbook inside
        with zipfile.ZipFile(sheet, "w") as archive:
            archive.writestr("word/document.xml", '<w:document xmlns:w="urn:w"/>')
    before = snapshot(tmp_path)
    result = run(["derive", upper, "--all", "-o", tmp_path / "xa", "--values", sheet], 2,
                 "không phải tệp Excel (.xlsx) đọc được")
    assert sheet.name in result.output
    unchanged(tmp_path, before)


def test_the_values_template_is_never_written_over_a_plan_or_the_filled_sheet(
    tmp_path: Path,
) -> None:
    upper = _upper(tmp_path)
    unit_plan = tmp_path / "hoa-an.yaml"
    unit_plan.write_text("id: hoa-an\n", "utf-8")
    filled = tmp_path / "gia_tri.xlsx"
    run(["derive", upper, "--values-template", filled], 0, "đã ghi bảng giá trị")
    before = snapshot(tmp_path)
    run(["derive", upper, "--values-template", unit_plan], 2, "phải có đuôi .xlsx")
    run(["derive", upper, "--values-template", filled, "--values", filled], 2,
        "trùng với tệp đầu vào")
    unchanged(tmp_path, before)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("id: [ke-hoach\n", "chưa đóng bằng ']'"),
        ("van_ban: {so: 1\n", "chưa đóng bằng '}'"),
        ("id: 'ke-hoach\n", "dấu ngoặc kép mở chưa đóng"),
        ("id: [\n", "thiếu giá trị"),
    ],
)
def test_yaml_brackets_left_open_are_explained(tmp_path: Path, text: str, fragment: str) -> None:
    plan = tmp_path / "ke_hoach.yaml"
    plan.write_text(text, "utf-8")
    result = run(["validate", plan], 2, fragment)
    assert "did not find" not in result.output and "end of stream" not in result.output


def test_serve_on_a_busy_port_says_why_in_vietnamese(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run(["serve", tmp_path, "--port", port], 2, "cổng đang có chương trình khác")
    assert "Address already in use" not in result.output


def test_serve_on_a_file_says_it_is_not_a_folder(tmp_path: Path) -> None:
    plan = write_plan(tmp_path / "ke_hoach.yaml", small_plan())
    run(["serve", plan], 2, "ke_hoach.yaml: không phải thư mục")


def _noted(tmp_path: Path, phrase: str) -> Path:
    """A plan with a review note like derive's: a phrase and a reason quoting ids."""
    data = small_plan()
    data["muc_dich_yeu_cau"]["muc"][0]["doan"][0]["xem_lai"] = [
        {"cum": phrase, "ly_do": "chỉ tiêu ct-nguoi-co-cong, ct-bhxh: điền giá trị của xã"}
    ]
    return write_plan(tmp_path / "ke_hoach.yaml", data)


def test_check_fix_in_place_leaves_review_notes_alone(tmp_path: Path) -> None:
    plan = _noted(tmp_path, "Nâng cao nhận thức")
    text = plan.read_text("utf-8").replace(
        "Nâng cao nhận thức trên", "Naang cao nhận thức trên"
    )
    plan.write_text(text, "utf-8")
    result = run(["check", plan], 1, "'Naang' là chữ gõ Telex")
    assert "xem_lai" not in result.output  # ids in the reason are not misspelt words
    run(["check", plan, "--fix", "--in-place"], 1, "Naang")
    fixed = plan.read_text("utf-8")
    assert "Nâng cao nhận thức trên" in fixed
    assert "ct-nguoi-co-cong, ct-bhxh" in fixed
    run(["validate", plan], 0, "hợp lệ")


def test_a_note_whose_phrase_is_gone_still_reaches_the_docx(tmp_path: Path) -> None:
    plan = _noted(tmp_path, "cụm chữ đã bị sửa mất")
    run(["render", plan, "-o", tmp_path / "out"], 0, "đã ghi")
    with zipfile.ZipFile(tmp_path / "out" / "ke_hoach.docx") as docx:
        comments = docx.read("word/comments.xml").decode("utf-8")
        body = docx.read("word/document.xml").decode("utf-8")
    assert "điền giá trị của xã" in comments
    assert "commentRangeStart" in body


@pytest.mark.parametrize(
    "command",
    [
        ["compare", "{d}", "{p}"],
        ["import", "{d}"],
        ["render", "{d}"],
        ["validate", "{d}"],
        ["derive", "{p}", "--units", "{d}", "--all"],
    ],
)
def test_a_folder_given_as_a_file_is_named_as_a_folder(tmp_path: Path, command) -> None:
    upper = _upper(tmp_path)
    folder = tmp_path / "thu_muc"
    folder.mkdir()
    args = [a.format(d=folder, p=upper) for a in command]
    before = snapshot(tmp_path)
    run(args, 2, "thu_muc: đây là một thư mục, cần một tệp")
    unchanged(tmp_path, before)


def test_aggregate_names_a_folder_among_the_workbooks(tmp_path: Path) -> None:
    upper = _upper(tmp_path)
    (tmp_path / "bieu").mkdir()
    run(["aggregate", upper, tmp_path / "bieu", "-o", tmp_path / "tong"], 2,
        "bieu: đây là một thư mục, cần một tệp Excel (.xlsx)")
    assert not (tmp_path / "tong").exists()


def test_a_unit_named_twice_is_drafted_once(tmp_path: Path) -> None:
    upper = _upper(tmp_path)
    run(["derive", upper, "--unit", "hoa-an", "--unit", "hoa-an", "-o", tmp_path / "xa"], 0,
        "đã soạn 1 kế hoạch")


@pytest.mark.parametrize(
    ("cells", "fragment"),
    [
        ({"F1": None, "F2": 5}, "Giá trị chỉ tiêu!F2: ô có giá trị nhưng cột không có tên"),
        ({"A3": "{first}", "E3": 5}, "Giá trị chỉ tiêu!A3: mã '{first}' đã có ở dòng 2"),
    ],
)
def test_a_value_the_sheet_would_drop_unseen_is_refused(tmp_path: Path, cells, fragment) -> None:
    import openpyxl

    upper = _upper(tmp_path)
    data = small_plan()
    chi_tieu = data["muc_tieu_chi_tieu"]["chi_tieu"]["doan"][0]["noi_dung"]
    chi_tieu.append({**chi_tieu[0], "id": "ct-hai"})
    data["danh_sach_don_vi"] = "don_vi.yaml"
    write_plan(upper, data)
    sheet = tmp_path / "gia_tri.xlsx"
    run(["derive", upper, "--values-template", sheet], 0, "đã ghi bảng giá trị")
    book = openpyxl.load_workbook(sheet)
    first = book.active["A2"].value
    for ref, value in cells.items():
        book.active[ref] = value.format(first=first) if isinstance(value, str) else value
    book.save(sheet)
    before = snapshot(tmp_path)
    run(["derive", upper, "--all", "-o", tmp_path / "xa", "--values", sheet], 2,
        fragment.format(first=first))
    unchanged(tmp_path, before)
