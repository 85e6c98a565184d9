"""Issue 26, replayed beyond its own cases: what an attack on the new code tried (each
case: a clean Vietnamese message or the right result, no traceback, nothing half-written)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from builders import small_plan
from conftest import PLAN, ROOT
from docx import Document
from docx.oxml.ns import qn
from hostile import run, snapshot, unchanged
from openpyxl import load_workbook

from kehoach.derive.base import base_path
from kehoach.derive.values import SHEET
from kehoach.document.render import renderer_for
from kehoach.plan.model import Plan

FIXTURES = ROOT / "tests" / "fixtures" / "import"


@pytest.fixture(scope="module")
def sheet(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("replay") / "gia_tri.xlsx"
    run(["derive", PLAN, "--values-template", path], 0, "đã ghi")
    return path


@pytest.mark.parametrize(("cell", "value", "fragment"), [
    ("E1", '="Thị trấn "&"Cây Dương"', "E1: ô chứa công thức '=\"Thị trấn \"&"),
    ("A2", '="ct-nguoi-co-cong"', "A2: ô chứa công thức"),
])
def test_a_formula_naming_a_unit_or_an_indicator_is_refused_once(sheet, tmp_path, cell, value,
                                                                 fragment):
    book = load_workbook(sheet)
    book[SHEET][cell] = value
    filled = tmp_path / "v.xlsx"
    book.save(filled)
    result = run(["derive", PLAN, "--all", "-o", tmp_path / "out", "--values", filled], 2,
                 fragment)
    assert result.output.count(f"{SHEET}!{cell}:") == 1  # not also 'no such unit'
    assert not (tmp_path / "out").exists()


def _derived(tmp_path: Path) -> tuple[Path, Path]:
    shutil.copy(PLAN.parent / "don_vi_phung_hiep.yaml", tmp_path)
    upper = Path(shutil.copy(PLAN, tmp_path / PLAN.name))
    out = tmp_path / "out"
    run(["derive", upper, "--unit", "hoa-an", "-o", out], 0, "đã soạn 1")
    return upper, out / "hoa-an.yaml"


@pytest.mark.parametrize(("spoil", "cause"), [
    ("cp1258", "bản gốc .hoa-an.goc.yaml không đọc được"),
    ("folder", "bản gốc .hoa-an.goc.yaml là một thư mục, không phải tệp"),
    ("empty", "bản gốc .hoa-an.goc.yaml không phải kế hoạch đọc được"),
])
def test_a_spoilt_base_names_its_cause_and_the_way_on(tmp_path, spoil, cause):
    upper, ours = _derived(tmp_path)
    base = base_path(ours)
    if spoil == "cp1258":  # a legacy encoding (UTF-16 and a BOM are read: review finding 18)
        base.write_bytes(base.read_text(encoding="utf-8").encode("cp1258", "replace"))
    elif spoil == "folder":
        base.unlink()
        base.mkdir()
    else:
        base.write_bytes(b"")
    before = snapshot(ours.parent)
    result = run(["derive", upper, "--unit", "hoa-an", "-o", ours.parent, "--update"], 2, cause)
    assert "--update --no-base" in result.output
    unchanged(ours.parent, before)


@pytest.mark.parametrize("name", ["dong_cung.txt", "phu_luc_moc.docx", "word_numbering.docx"])
def test_a_document_against_its_own_import_is_the_same(tmp_path, name):
    imported = tmp_path / f"{Path(name).stem}.yaml"
    run(["import", FIXTURES / name, "-o", imported], 1, "đã ghi")
    run(["compare", FIXTURES / name, imported], 0, "hai bản như nhau")
    run(["compare", imported, FIXTURES / name], 0, "hai bản như nhau")


def test_notes_of_elements_never_printed_go_on_the_title():
    data = small_plan() | {"danh_so": {"muc": "I-", "xem_lai": [{"ly_do": "kiểu nhãn"}]},
                           "xem_lai": [{"cum": "không có ở đâu", "ly_do": "cả kế hoạch"}]}
    document = Document(io.BytesIO(renderer_for("ke_hoach.docx").render(
        Plan.model_validate(data))))
    said = {c.comment_id: c.text for c in document.comments}
    assert sorted(said.values()) == ["cả kế hoạch", "kiểu nhãn"]
    for p in document.element.body.iter(qn("w:p")):
        if p.find(f".//{qn('w:commentRangeStart')}") is not None:
            text = "".join(t.text or "" for t in p.iter(qn("w:t")))
            assert text.startswith("Thực hiện Nghị quyết") or text.startswith("thực hiện"), text
