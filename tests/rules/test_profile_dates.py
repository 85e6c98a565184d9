"""The profile of a document is the one in force on its date (a year alone: on its 31
December), unless the plan names one; check says which it applied."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from builders import small_plan, write_plan
from click.testing import CliRunner
from docx import Document

from kehoach.cli import main
from kehoach.document.render import renderer_for
from kehoach.plan.model import Plan
from kehoach.rules.data import load_codes
from kehoach.rules.profile_dates import profile_on


@pytest.mark.parametrize(
    ("when", "profile"),
    [
        (dt.date(2024, 2, 5), "hd36-2018"),
        (dt.date(2026, 3, 10), "hd36-2018"),
        (dt.date(2026, 5, 26), "hd36-2018"),
        (dt.date(2026, 5, 27), "hd05-2026"),
        (dt.date(2026, 9, 15), "hd05-2026"),
        (2026, "hd05-2026"),  # a draft knowing only its year: 31/12/2026
        (2025, "hd36-2018"),
    ],
)
def test_the_profile_of_a_date(when, profile):
    assert profile_on(when) == profile


def _commune(day: str | int) -> dict:
    """`small_plan` issued by a commune's Party committee, a level both eras have (a Huyện
    ủy plan dated after 30/6/2025 is refused)."""
    data = small_plan()
    data["van_ban"] |= {"cap_tren": "ĐẢNG BỘ THÀNH PHỐ CẦN THƠ", "co_quan": "ĐẢNG ỦY XÃ HÒA AN",
                        "ma_co_quan": "ĐU", "dia_danh": "Hòa An", "ngay": day}
    data["noi_nhan"] = ["Thành ủy Cần Thơ (b/c)", "Lưu Văn phòng Đảng ủy"]
    return data


def _plan(day: str | int, **extra: object) -> Plan:
    return Plan.model_validate(_commune(day) | extra)


def test_a_plan_takes_the_profile_of_its_date_unless_it_names_one():
    assert _plan("2026-09-15").ho_so is None
    assert _plan("2026-09-15").profile_id() == "hd05-2026"
    assert _plan("2026-03-10").profile_id() == "hd36-2018"
    assert _plan(2026).profile_id() == "hd05-2026"
    assert _plan("2026-09-15", ho_so="hd36-2018").profile_id() == "hd36-2018"


def _recipient_lines(plan: Plan) -> list[str]:
    doc = Document(io.BytesIO(renderer_for("ke_hoach.docx").render(plan)))
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return [line for cell in cells for line in cell.splitlines() if line.startswith("- ")]


def test_a_document_after_27_5_2026_ends_its_recipient_lines_with_a_semicolon():
    assert _recipient_lines(_plan("2026-09-15")) == [
        "- Thành ủy Cần Thơ (b/c);", "- Lưu Văn phòng Đảng ủy."]


def test_a_2024_document_ends_its_recipient_lines_with_a_comma():
    assert _recipient_lines(_plan("2024-02-05")) == [
        "- Thành ủy Cần Thơ (b/c),", "- Lưu Văn phòng Đảng ủy."]


def test_check_says_which_profile_it_applied_and_why(tmp_path):
    data = _commune("2026-09-15")
    plan = write_plan(tmp_path / "ke_hoach.yaml", data)
    docx = tmp_path / "ke_hoach.docx"
    docx.write_bytes(renderer_for("ke_hoach.docx").render(Plan.model_validate(data)))
    undated = tmp_path / "ghi_chu.txt"
    undated.write_text("Một dòng không có ngày tháng.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(plan), str(docx), str(undated)])
    assert f"{plan}: hồ sơ thể thức hd05-2026 (theo ngày 15/9/2026)" in result.output
    assert f"{docx}: hồ sơ thể thức hd05-2026 (theo ngày 15/9/2026)" in result.output
    assert (f"{undated}: hồ sơ thể thức hd36-2018 (không thấy dòng địa danh, ngày tháng: "
            "dùng hồ sơ đầu tiên)") in result.output
    named = CliRunner().invoke(main, ["check", str(docx), "--profile", "hd36-2018"])
    assert f"{docx}: hồ sơ thể thức hd36-2018 (theo --profile)" in named.output


def test_the_25_types_of_quy_dinh_399():
    codes = load_codes()
    assert len(codes.the_loai) == 25 and len(codes.giay_to) == 8
    by_name = {t.ten: t.ma for t in codes.the_loai}
    assert by_name["QUY ĐỊNH"] == by_name["QUYẾT ĐỊNH"] == "QĐ"
    assert (by_name["PHƯƠNG ÁN"], by_name["DỰ ÁN"], by_name["KẾ HOẠCH"]) == ("PA", "DA", "KH")
