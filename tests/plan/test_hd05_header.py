"""The 2026 header fields through every stage: a draft number (`du_thao: 2`) is checked at
its line, read back by import, named by compare and set from the editor; the trích yếu's
first letter is judged by the profile; the codes HD 05 adds are known."""

from __future__ import annotations

import io
import json

import pytest
from builders import small_plan, write_plan
from click.testing import CliRunner
from docx import Document
from docx.oxml.ns import qn

from kehoach.cli import main
from kehoach.document.render import renderer_for
from kehoach.plan.loader import load_plan
from kehoach.plan.model import Plan
from kehoach.rules.data import body_codes, type_codes


def _invoke(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("value", ["0", "100", "hai", "2.5", '"2"'])
def test_a_wrong_draft_number_is_named_at_its_line(tmp_path, value):
    plan = write_plan(tmp_path / "kh.yaml", small_plan())
    text = plan.read_text(encoding="utf-8").replace("  so: 12\n", f"  so: 12\n  du_thao: {value}\n")
    plan.write_text(text, encoding="utf-8")
    result = _invoke("validate", str(plan))
    assert result.exit_code == 2
    line = text.splitlines().index(f"  du_thao: {value}") + 1
    assert f"kh.yaml:{line}:" in result.output and "van_ban.du_thao" in result.output
    assert "số lần dự thảo" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(("written", "read"), [
    ("Dự thảo lần 2", 2), ("(Dự thảo lần 3)", 3), ("(Dự thảo)", True), ("Dự thảo", True)])
def test_import_reads_which_draft_it_is(tmp_path, written, read):
    text = ("ĐẢNG BỘ THÀNH PHỐ CẦN THƠ\nĐẢNG ỦY XÃ HÒA AN\n*\nSố      -KH/ĐU\n"
            f"{written}\nĐẢNG CỘNG SẢN VIỆT NAM\nHòa An, ngày      tháng      năm 2026\n\n"
            "KẾ HOẠCH\nthực hiện Nghị quyết số 42-NQ/TW của Ban Chấp hành Trung ương Đảng\n"
            "-----\nI. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\nNâng cao nhận thức.\n")
    source = tmp_path / "du_thao.txt"
    source.write_text(text, encoding="utf-8")
    result = _invoke("import", str(source), "-o", str(tmp_path / "kh.yaml"))
    assert result.exit_code in (0, 1), result.output
    header = load_plan(tmp_path / "kh.yaml").van_ban
    assert header.du_thao == read and type(header.du_thao) is type(read)
    assert header.co_quan == "ĐẢNG ỦY XÃ HÒA AN"  # the mark left nothing behind
    assert header.trich_yeu.startswith("thực hiện Nghị quyết")  # kept as written


def test_a_rendered_2026_draft_imports_back_with_its_number_and_lower_case_summary(tmp_path):
    data = small_plan() | {"ho_so": "hd05-2026",
                           "noi_nhan": ["Thành ủy Cần Thơ (b/c)", "Lưu Văn phòng Đảng ủy"]}
    data["van_ban"] |= {"so": None, "du_thao": 3, "ngay": 2026,  # a Huyện ủy has no 2026
                        "cap_tren": "ĐẢNG BỘ THÀNH PHỐ CẦN THƠ", "co_quan": "ĐẢNG ỦY XÃ HÒA AN",
                        "ma_co_quan": "ĐU", "dia_danh": "Hòa An"}
    docx = tmp_path / "kh.docx"
    docx.write_bytes(renderer_for("ke_hoach.docx").render(Plan.model_validate(data)))
    result = _invoke("import", str(docx), "-o", str(tmp_path / "back.yaml"))
    assert result.exit_code in (0, 1), result.output
    header = load_plan(tmp_path / "back.yaml").van_ban
    assert (header.du_thao, header.trich_yeu) == (3, data["van_ban"]["trich_yeu"])


def test_compare_names_a_draft_number_even_from_true_to_1(tmp_path):
    old, new = small_plan(), small_plan()
    old["van_ban"] |= {"so": None, "du_thao": True}
    new["van_ban"] |= {"so": None, "du_thao": 1}
    result = _invoke("compare", str(write_plan(tmp_path / "a.yaml", old)),
                     str(write_plan(tmp_path / "b.yaml", new)))
    assert result.exit_code == 1, result.output
    assert "đầu văn bản: dự thảo: có → lần 1" in result.output


def test_the_editor_saves_a_draft_number_as_a_number(tmp_path):
    from serve.webpages import BASE, PORT, form_of

    from kehoach.serve.app import create_app

    plans = tmp_path / "plans"
    write_plan(plans / "kh.yaml", small_plan())
    client = create_app(plans, PORT, tmp_path / "work").test_client()
    page = client.get("/plan/kh.yaml", base_url=BASE).get_data(as_text=True)
    assert "dự thảo lần 2" in page
    field = "v:" + json.dumps(["van_ban", "du_thao"])
    response = client.post("/plan/kh.yaml", base_url=BASE, data={**form_of(page), field: "2"})
    assert response.status_code == 302
    assert load_plan(plans / "kh.yaml").van_ban.du_thao == 2
    assert "du_thao: 2" in (plans / "kh.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("profile", "findings"), [("hd05-2026", 1), ("hd36-2018", 0)])
def test_a_capital_trich_yeu_is_warned_where_the_profile_writes_it_in_lower_case(
        tmp_path, profile, findings):
    data = small_plan() | {"ho_so": profile}
    data["van_ban"]["trich_yeu"] = "Thực hiện Nghị quyết số 42-NQ/TW"
    result = _invoke("check", str(write_plan(tmp_path / "kh.yaml", data)), "--format", "json")
    assert result.exit_code == 0, result.output  # a warning, never an error
    found = [f for f in json.loads(result.output[result.output.index("["):result.output.rindex(
        "]") + 1]) if f["rule"] == "trich-yeu-hoa"]
    assert len(found) == findings
    assert load_plan(tmp_path / "kh.yaml").van_ban.trich_yeu.startswith("Thực hiện")  # untouched


@pytest.mark.parametrize(("code", "name"), [
    ("QC", "QUY CHẾ"), ("TT", "THÔNG TRI"), ("BB", "BIÊN BẢN")])
def test_the_type_codes_hd05_sources_render_their_name(code, name):
    data = small_plan()
    data["van_ban"] |= {"loai": code, "ma_co_quan": "BXDĐ"}
    doc = Document(io.BytesIO(renderer_for("ke_hoach.docx").render(Plan.model_validate(data))))
    texts = [p.text for p in doc.paragraphs]
    assert name in texts and type_codes()[code] == name
    left = doc.tables[0].rows[0].cells[0]
    assert f"Số 12-{code}/BXDĐ" in [p.text for p in left.paragraphs]


def test_the_organ_codes_hd05_sources_are_known(tmp_path):
    assert {"BXDĐ", "UBKT", "CQUBKT", "BTGDV", "TTCT", "CB"} <= set(body_codes())
    data = small_plan()
    data["van_ban"]["ma_co_quan"] = "CQUBKT"
    result = _invoke("validate", str(write_plan(tmp_path / "kh.yaml", data)))
    assert result.exit_code == 0 and "không có trong danh mục" not in result.output


def test_the_report_outline_numbers_its_phu_luc_on_its_own_under_hd05(tmp_path):
    data = small_plan() | {"ho_so": "hd05-2026"}
    plan = write_plan(tmp_path / "kh.yaml", data)
    result = _invoke("forms", str(plan), "-o", str(tmp_path), "--ky", "Sơ kết 5 năm", "--nam",
                     "2028")
    assert result.exit_code == 0, result.output
    outline = next(tmp_path.glob("*de_cuong_bao_cao.docx"))
    doc = Document(str(outline))
    sections = list(doc.element.body.iter(qn("w:sectPr")))
    restarts = [s.find(qn("w:pgNumType")) for s in sections]
    assert restarts[0] is None and restarts[-1].get(qn("w:start")) == "1"
    texts = [p.text for p in doc.paragraphs]
    summary = texts[texts.index("BÁO CÁO") + 1]
    assert summary.startswith("sơ kết 5 năm thực hiện Kế hoạch số 12-KH/HU")
