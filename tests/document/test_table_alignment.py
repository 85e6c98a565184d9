"""Tables print their numbers centred, as the plans' own tables do (review #34: the phụ lục's
STT, unit and year columns were left-aligned where An Giang's source centres them); text
columns read from the left. Read back from the rendered DOCX: each cell's style alignment."""

from __future__ import annotations

from builders import small_plan, write_plan
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from kehoach.document.appendix import centred
from kehoach.document.render import renderer_for
from kehoach.plan.loader import load_plan


def _alignments(table) -> list[list[bool]]:
    """Per body row, whether each cell's text is centred (through its style)."""
    out = []
    for row in table.rows[1:]:
        out.append([cell.paragraphs[0].style.paragraph_format.alignment
                    == WD_ALIGN_PARAGRAPH.CENTER for cell in row.cells])
    return out


def test_the_appendix_centres_stt_unit_years_and_numbers(tmp_path):
    data = small_plan()
    data["phu_luc"] = [{"id": "pl", "chi_tieu": [{"id": "g", "tieu_de": "Y tế", "chi_tieu": [
        {"id": "r1", "nhan": "Tỷ lệ tham gia bảo hiểm y tế", "don_vi": "%",
         "moc": {2026: 92, 2030: "95,5"}, "khac": {"Cơ quan chủ trì": "Sở Y tế"}}]}]},
        {"id": "pl-2", "bang": {"cot": ["TT", "Nội dung", "Thời gian", "Số lượng"], "dong": [
            {"o": ["1", "Hội nghị quán triệt", "Quý I/2026", "120"]},
            {"o": ["2", "Sơ kết", "30/6/2026", "1.200"]}]}}]
    plan = load_plan(write_plan(tmp_path / "p.yaml", data))
    (tmp_path / "p.docx").write_bytes(renderer_for("ke_hoach.docx").render(plan))
    tables = Document(str(tmp_path / "p.docx")).tables
    indicators, other = tables[-2], tables[-1]
    # STT, Chỉ tiêu, Đơn vị tính, Năm 2026, Năm 2030, Cơ quan chủ trì; the group row too
    assert _alignments(indicators) == [[True, False, True, True, True, False]] * 2
    assert _alignments(other) == [[True, False, False, True]] * 2  # "Quý I/2026" is text


def test_a_table_in_the_body_centres_its_number_columns(tmp_path):
    data = small_plan()
    data["nhiem_vu_giai_phap"]["muc"][0]["doan"].append({"id": "bang-1", "bang": {
        "cot": ["STT", "Nhiệm vụ", "Kinh phí (triệu đồng)"],
        "dong": [{"o": ["1", "Tập huấn", "150"]}, {"o": ["2", "In tài liệu", "32,5"]}]}})
    plan = load_plan(write_plan(tmp_path / "p.yaml", data))
    (tmp_path / "p.docx").write_bytes(renderer_for("ke_hoach.docx").render(plan))
    body = next(t for t in Document(str(tmp_path / "p.docx")).tables
                if t.rows[0].cells[0].text == "STT")
    assert _alignments(body) == [[True, False, True]] * 2


def test_which_columns_are_centred():
    rows = [["1", "Tuyên truyền", "95%", "", "30/6"], ["2", "Kiểm tra", "2,5", "x", "15/12"]]
    assert centred(["", "Nội dung", "Tỷ lệ", "Ghi chú", "Hạn"], rows) == [
        True, False, True, False, True]
    assert centred(["Năm 2030", "ĐVT"], [["", ""]]) == [True, True]
    assert centred(["Cột trống"], [[""]]) == [False]
