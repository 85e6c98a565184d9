"""A long place name's date line prints on one line: the header table's split moves left
as far as the left column's own lines allow, and the rule under the motto stays centred."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from builders import small_plan, write_plan
from docx import Document
from docx.oxml.ns import qn

from kehoach.document import header_fit, ooxml
from kehoach.document.metrics import width_mm
from kehoach.document.render import renderer_for
from kehoach.plan.loader import load_plan
from kehoach.rules.profile import load_profile

LONG_PLACE = "Phường Ngô Quyền"


def _commune_plan(tmp_path: Path, place: str, city: str = "HẢI PHÒNG") -> Path:
    data = small_plan()
    data["van_ban"] |= {"cap_tren": f"ĐẢNG BỘ THÀNH PHỐ {city}",
                        "co_quan": "ĐẢNG ỦY PHƯỜNG NGÔ QUYỀN", "ma_co_quan": "ĐU",
                        "dia_danh": place, "ngay": "2026-10-15"}
    data["noi_nhan"] = ["Ban Thường vụ Thành ủy (b/c)", "Lưu Văn phòng Đảng ủy"]
    return write_plan(tmp_path / "ke_hoach.yaml", data)


def _grid_mm(docx: bytes) -> list[float]:
    table = Document(io.BytesIO(docx)).element.body[0]
    columns = table.find(qn("w:tblGrid")).findall(qn("w:gridCol"))
    return [int(c.get(qn("w:w"))) / 1440 * 25.4 for c in columns]


def test_the_widths_are_measured_as_word_prints_times_new_roman() -> None:
    # LibreOffice with Liberation Serif (Times New Roman's metrics) on the same lines
    assert width_mm("Phường Ngô Quyền, ngày 15 tháng 10 năm 2026", 14, italic=True) == \
        pytest.approx(97.1, abs=0.1)
    assert width_mm("ĐẢNG CỘNG SẢN VIỆT NAM", 15, bold=True) == pytest.approx(72.9, abs=0.1)
    # a letter the table lacks counts as its base letter
    assert width_mm("ǹ", 14) == width_mm("n", 14)


def test_a_place_that_fits_keeps_the_profiles_widths(tmp_path: Path) -> None:
    profile = load_profile("hd05-2026")
    plan = load_plan(_commune_plan(tmp_path, "Ngô Quyền", city="CẦN THƠ"))
    docx = renderer_for("ke_hoach.docx").render(plan)
    widths = [profile.bang_dau.cot_trai_mm, profile.bang_dau.cot_phai_mm]
    assert _grid_mm(docx) == pytest.approx(widths, abs=0.05)


def test_a_long_date_line_moves_the_split_and_recentres_the_rule(tmp_path: Path) -> None:
    profile = load_profile("hd05-2026")
    plan = load_plan(_commune_plan(tmp_path, LONG_PLACE))
    docx = renderer_for("ke_hoach.docx").render(plan)
    left, right = _grid_mm(docx)
    assert right > profile.bang_dau.cot_phai_mm
    # the city's cấp trên fits in what is left, and the table grew no more than it may
    assert left - 2 * ooxml.CELL_MARGIN_MM > width_mm("ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG", 14)
    table = profile.bang_dau
    assert left + right <= (table.cot_trai_mm + table.cot_phai_mm + table.rong_them_phai_mm
                            + table.rong_them_trai_mm + 0.01)
    date_line = f"{LONG_PLACE}, ngày 15 tháng 10 năm 2026"
    assert right - 2 * ooxml.CELL_MARGIN_MM > width_mm(date_line, 14, italic=True)
    doc = Document(io.BytesIO(docx))
    cells = doc.tables[0].rows[0].cells
    assert cells[1].width.mm == pytest.approx(right, abs=0.05)
    rule = next(p for p in cells[1].paragraphs if p.style.name == "KH Duong ke")
    side = ooxml.rule_indent_mm(right, profile.tieu_de.duong_ke_mm)
    assert rule.paragraph_format.left_indent.mm == pytest.approx(side, abs=0.05)
    assert rule.paragraph_format.right_indent.mm == pytest.approx(side, abs=0.05)


def test_a_city_and_a_long_place_share_a_table_reaching_into_the_margin() -> None:
    profile = load_profile("hd05-2026")
    header = {"cap_tren": "ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH", "so_ky_hieu": "Số 125-KH/ĐU",
              "co_quan": "ĐẢNG ỦY PHƯỜNG SÀI GÒN",
              "dia_danh_ngay": "Phường Sài Gòn, ngày 15 tháng 10 năm 2026"}
    indent, left, right = header_fit.geometry(header, profile)
    inner = 2 * ooxml.CELL_MARGIN_MM
    assert left - inner >= width_mm(header["cap_tren"], 14)
    assert right - inner >= width_mm(header["dia_danh_ngay"], 14, italic=True)
    table, page = profile.bang_dau, profile.trang
    assert indent >= table.lui_trai_mm - table.rong_them_trai_mm - 0.01
    right_edge = page.le_trai_mm + indent + left + right
    assert right_edge <= page.rong_mm - page.le_phai_mm + 10 + 0.01  # 5 mm from the edge


def test_a_header_too_long_for_any_table_shares_the_shortfall() -> None:
    profile = load_profile("hd05-2026")
    header = {"cap_tren": "ĐẢNG BỘ " + "RẤT DÀI " * 12, "so_ky_hieu": "Số 1-KH/ĐU",
              "dia_danh_ngay": "Xã " + "Rất Dài " * 10 + ", ngày 15 tháng 10 năm 2026"}
    _, left, right = header_fit.geometry(header, profile)
    assert left > 0 and right > 0
    assert left + right <= 190.01


@pytest.mark.usefixtures("soffice")
def test_libreoffice_prints_the_long_date_line_on_one_line(tmp_path: Path, soffice: str) -> None:
    plan = load_plan(_commune_plan(tmp_path, LONG_PLACE))
    target = tmp_path / "ke_hoach.docx"
    target.write_bytes(renderer_for("ke_hoach.docx").render(plan))
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(target)], check=True, capture_output=True, timeout=180)
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(tmp_path / "ke_hoach.pdf"),
                           "-"], capture_output=True, text=True, check=True).stdout
    lines = text.splitlines()
    assert f"{LONG_PLACE}, ngày 15 tháng 10 năm 2026" in lines
    assert "ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG" in lines  # it broke after HẢI before


def test_a_field_of_two_lines_is_measured_line_by_line() -> None:
    """A State issuer typed on two lines (real document 01: ỦY BAN MTTQ VIỆT NAM / XÃ LƯƠNG
    MINH) is two lines, not one long one: the Quốc hiệu keeps its column."""
    profile = load_profile("nd30-2020")
    header = {"cap_tren": "ỦY BAN MTTQ VIỆT NAM\nXÃ LƯƠNG MINH", "co_quan": "BAN THƯỜNG TRỰC",
              "so_ky_hieu": "Số: 16/KH-MTTQ-BTT", "quoc_hieu": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
              "tieu_ngu": "Độc lập - Tự do - Hạnh phúc",
              "dia_danh_ngay": "Lương Minh, ngày 18 tháng 11 năm 2025"}
    assert header_fit.geometry(header, profile) == (
        profile.bang_dau.lui_trai_mm, profile.bang_dau.cot_trai_mm, profile.bang_dau.cot_phai_mm)
