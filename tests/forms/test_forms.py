"""Blank report forms from a plan, and the summary of the filled forms that come back."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import PLAN, ROOT
from docx import Document

from kehoach.cli import main
from kehoach.forms.layout import (
    COLUMNS,
    FORM,
    META,
    META_SHEET,
    UNITS_SHEET,
    Kind,
    cell,
    column,
    rows_by_id,
)
from kehoach.forms.report import FORM_SHEET

STEM = PLAN.stem


@pytest.fixture(scope="module")
def forms_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("forms")
    result = CliRunner().invoke(main, ["forms", str(PLAN), "-o", str(out), "--ky",
                                       "sơ kết 5 năm", "--nam", "2028"])
    assert result.exit_code == 0, result.output
    return out


def _texts(path: Path) -> list[str]:
    doc = Document(str(path))
    return [p.text for p in doc.paragraphs]


def test_forms_writes_three_files_that_regenerate_identically(forms_dir, tmp_path):
    names = sorted(p.name for p in forms_dir.iterdir())
    assert names == [f"{STEM}_bieu_chi_tieu.docx", f"{STEM}_bieu_chi_tieu.xlsx",
                     f"{STEM}_de_cuong_bao_cao.docx"]
    again = CliRunner().invoke(main, ["forms", str(PLAN), "-o", str(tmp_path), "--ky",
                                      "sơ kết 5 năm", "--nam", "2028"])
    assert again.exit_code == 0
    for name in names:
        assert (tmp_path / name).read_bytes() == (forms_dir / name).read_bytes(), name


def test_report_outline_follows_the_plan(forms_dir):
    doc = Document(str(forms_dir / f"{STEM}_de_cuong_bao_cao.docx"))
    left = [p.text for p in doc.tables[0].rows[0].cells[0].paragraphs]
    assert left == ["ĐẢNG BỘ TỈNH HẬU GIANG", "HUYỆN ỦY PHỤNG HIỆP", "*", "Số      -BC/HU"]
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "BÁO CÁO"
    assert texts[1].startswith("sơ kết 5 năm thực hiện Kế hoạch số …-KH/HU ngày …/…/2024 của "
                               "Ban Thường vụ Huyện ủy về thực hiện Nghị quyết số 42-NQ/TW")
    recipients = [p.text for p in doc.tables[1].rows[0].cells[0].paragraphs]
    assert recipients == ["Nơi nhận:", "- Ban Thường vụ Tỉnh ủy (b/c),",
                          "- Lưu Văn phòng Huyện ủy."]  # the report goes up
    tasks = [p.text for p in doc.paragraphs if p.style.name == "KH Tieu muc con"]
    assert tasks[0] == "a) Nâng cao nhận thức về vị trí, vai trò của chính sách xã hội"
    assert len(tasks) == 9 and tasks[-1].startswith("i) Tăng cường sự lãnh đạo của Đảng")
    guides = [p for p in doc.paragraphs if p.style.name == "KH Huong dan"]
    assert len(guides) >= 15 and all(p.style.font.italic for p in guides)
    headings = [p.text for p in doc.paragraphs if p.style.name == "KH Muc"]
    assert headings == ["I. KẾT QUẢ THỰC HIỆN", "II. ĐÁNH GIÁ CHUNG",
                        "III. PHƯƠNG HƯỚNG, NHIỆM VỤ, GIẢI PHÁP THỜI GIAN TỚI",
                        "IV. ĐỀ XUẤT, KIẾN NGHỊ"]
    # The appendix: a landscape section with the indicator table.
    assert len(doc.sections) == 2
    appendix = doc.sections[1]
    assert appendix.page_width > appendix.page_height
    assert "PHỤ LỤC" in texts
    table = doc.tables[-1]
    assert [c.text for c in table.rows[0].cells][:4] == [
        "STT", "Chỉ tiêu", "Đơn vị tính", "Chỉ tiêu kế hoạch"]


def test_report_outline_passes_the_format_check(forms_dir):
    result = CliRunner().invoke(main, ["check", str(forms_dir / f"{STEM}_de_cuong_bao_cao.docx"),
                                       "--format", "json"])
    assert result.exit_code == 0, result.output
    import json

    findings = json.loads(result.stdout)
    assert not [f for f in findings if f["severity"] == "lỗi"]
    assert not [f for f in findings if f["rule"] in ("ngoac", "hai-dau-cach", "so-trang")]


def test_indicator_table_docx_rows_and_targets(forms_dir):
    doc = Document(str(forms_dir / f"{STEM}_bieu_chi_tieu.docx"))
    assert doc.sections[0].page_width > doc.sections[0].page_height
    rows = [[c.text for c in r.cells] for r in doc.tables[0].rows]
    assert rows[0] == ["STT", "Chỉ tiêu", "Đơn vị tính", "Chỉ tiêu kế hoạch",
                       "Kết quả thực hiện", "Tỷ lệ % so với chỉ tiêu", "Đánh giá", "Ghi chú"]
    assert "w:tblHeader" in doc.tables[0].rows[0]._tr.xml
    by_label = {r[1]: r for r in rows}
    assert by_label["Tỷ lệ dân số tham gia bảo hiểm y tế"][3] == "> 95"
    assert by_label["Tỷ lệ đi học đúng độ tuổi cấp trung học cơ sở"][3] == "≥ 95"
    assert by_label["Tỷ lệ người lao động trong độ tuổi lao động tham gia bảo hiểm xã hội"][
        3] == "khoảng 49"
    assert by_label["Tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng thể thấp còi"][3] == "< 15"
    assert by_label["Tuổi thọ trung bình của người dân"][3] == "khoảng 75,5"
    assert by_label["Bảo đảm vững chắc mức sinh thay thế"][3] == "(định tính)"
    groups = [r for r in rows if r[0] in ("I", "II", "III", "IV")]
    assert [g[1] for g in groups] == [
        "Người có công, lao động, việc làm, an sinh xã hội", "Giáo dục, dân số, y tế",
        "Nhà ở, nước sạch, vệ sinh môi trường", "Văn hoá, thông tin"]
    assert len(rows) == 1 + 4 + 36


def _sheet(path: Path):
    wb = openpyxl.load_workbook(path)
    return wb, wb[FORM_SHEET]


def test_workbook_layout_protection_and_validation(forms_dir):
    wb, ws = _sheet(forms_dir / f"{STEM}_bieu_chi_tieu.xlsx")
    assert ws[FORM.unit_label].value == "Đơn vị báo cáo"
    header = [c.value for c in ws[FORM.heading_row]]
    assert header == ["Mã", "Chỉ tiêu", "Đơn vị tính", "Chỉ tiêu kế hoạch", "Kết quả thực hiện",
                      "Tỷ lệ % so với chỉ tiêu", "Đánh giá", "Ghi chú",
                      "Giá trị chỉ tiêu", "Dung sai"]
    meta = wb[META_SHEET]
    assert meta.sheet_state == "hidden" and meta[META.plan_id].value == STEM.replace("_", "-")
    assert meta[META.kind].value == "bieu-chi-tieu"
    hidden = [ws.column_dimensions[c.letter].hidden for c in COLUMNS]
    assert hidden == [c.kind is Kind.hidden for c in COLUMNS] and sum(hidden) == 2
    assert [ws.column_dimensions[c.letter].width for c in COLUMNS] == [c.width for c in COLUMNS]
    assert ws.protection.sheet and not ws.protection.password
    rows = rows_by_id(ws)
    assert len(rows) == 36
    bhyt = rows["ct-bhyt"]
    assert cell(ws, bhyt, "ket_qua").protection.locked is False  # input
    assert cell(ws, bhyt, "ke_hoach").protection.locked is not False  # target: locked
    assert cell(ws, bhyt, "danh_gia").value.startswith(
        f"=IF(ISNUMBER({column('ket_qua').ref(bhyt)})")
    assert cell(ws, bhyt, "gia_tri").value == 95
    qualitative = rows["ct-dich-benh"]
    assert cell(ws, qualitative, "danh_gia").protection.locked is False
    validations = {str(v.sqref): v for v in ws.data_validations.dataValidation}
    percent = next(v for ref, v in validations.items()
                   if column("ket_qua").ref(bhyt) in ref.split())
    assert (percent.type, percent.formula1, percent.formula2, percent.errorStyle) == (
        "decimal", "0", "100", "stop") and percent.showErrorMessage
    verdict = next(v for ref, v in validations.items()
                   if column("danh_gia").ref(qualitative) in ref.split())
    assert verdict.formula1 == '"Đạt,Không đạt"'
    unit = next(v for ref, v in validations.items() if ref == FORM.unit_name)
    assert unit.type == "list" and unit.formula1 == "DanhSachDonVi"  # as Excel writes it
    assert wb[UNITS_SHEET]["A1"].value == "Cây Dương"
    heading = f"${FORM.heading_row}:${FORM.heading_row}"
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == heading


def _fill(source: Path, target: Path, unit: str | None, values: dict[str, object],
          verdicts: dict[str, str] | None = None) -> Path:
    shutil.copy(source, target)
    wb, ws = _sheet(target)
    if unit is not None:
        ws[FORM.unit_name] = unit
    rows = rows_by_id(ws)
    for ident, value in values.items():
        cell(ws, rows[ident], "ket_qua").value = value
    for ident, verdict in (verdicts or {}).items():
        cell(ws, rows[ident], "danh_gia").value = verdict
    wb.save(target)
    return target


def test_formulas_compute_in_libreoffice(soffice, forms_dir, tmp_path):
    filled = _fill(forms_dir / f"{STEM}_bieu_chi_tieu.xlsx", tmp_path / "hoa_an.xlsx", "Hòa An",
                   {"ct-bhyt": 96, "ct-suy-dinh-duong": 18, "ct-lao-dong-chua-co-viec-lam": 2,
                    "ct-bhxh": 47, "ct-di-hoc-thcs": 95, "ct-bhtn": 45})
    out = tmp_path / "tinh"
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
                    "--convert-to", "xlsx", "--outdir", str(out), str(filled)],
                   capture_output=True, check=False, timeout=180)
    computed = out / "hoa_an.xlsx"
    assert computed.is_file(), "LibreOffice did not write the recalculated workbook"
    wb = openpyxl.load_workbook(computed, data_only=True)
    ws = wb[FORM_SHEET]
    got = {ident: (cell(ws, r, "ty_le").value, cell(ws, r, "danh_gia").value)
           for ident, r in rows_by_id(ws).items() if cell(ws, r, "ket_qua").value is not None}
    assert got["ct-bhyt"] == (101.05, "Đạt")           # trên 95%
    assert got["ct-suy-dinh-duong"] == (83.33, "Không đạt")  # dưới 15%: lower is better
    assert got["ct-lao-dong-chua-co-viec-lam"] == (129.5, "Vượt")  # 2 < 2,59 target
    assert got["ct-bhxh"] == (95.92, "Đạt")            # khoảng 49 ± 5 %
    assert got["ct-di-hoc-thcs"] == (100, "Đạt")       # tối thiểu 95
    assert got["ct-bhtn"] == (115.38, "Vượt")          # khoảng 39: beyond the tolerance
    assert wb[META_SHEET][META.unit_id].value == "hoa-an"  # the id behind the chosen name


@pytest.fixture(scope="module")
def three_filled(forms_dir, tmp_path_factory) -> tuple[Path, list[Path]]:
    folder = tmp_path_factory.mktemp("filled")
    blank = forms_dir / f"{STEM}_bieu_chi_tieu.xlsx"
    above = _fill(blank, folder / "hoa_an.xlsx", "Hòa An",
                  {"ct-bhyt": 97, "ct-suy-dinh-duong": 10, "ct-tiem-chung": 99,
                   "ct-lao-dong-qua-dao-tao": 85}, {"ct-dich-benh": "Đạt"})
    below = _fill(blank, folder / "tan_long.xlsx", "Tân Long",
                  {"ct-bhyt": 90, "ct-suy-dinh-duong": 18, "ct-tiem-chung": 97,
                   "ct-lao-dong-qua-dao-tao": "70,5"}, {"ct-dich-benh": "Không đạt"})
    bad = _fill(blank, folder / "cay_duong.xlsx", "Cây Dương",
                {"ct-bhyt": "nhiều", "ct-suy-dinh-duong": 14, "ct-tiem-chung": 120})
    return folder, [above, below, bad]


def test_aggregate_summarises_checks_and_reports_the_bad_cells(three_filled, tmp_path):
    _folder, files = three_filled
    out = tmp_path / "tong_hop"
    result = CliRunner().invoke(main, ["aggregate", str(PLAN), *map(str, files), "-o", str(out)])
    assert result.exit_code == 1, result.output  # partial: a file had bad cells
    assert re.search(r"lỗi: .*cay_duong\.xlsx: Biểu chỉ tiêu!E\d+: 'nhiều' không phải là số",
                     result.output)
    assert re.search(r"lỗi: .*cay_duong\.xlsx: Biểu chỉ tiêu!E\d+: 120 ngoài khoảng",
                     result.output)
    assert re.search(r"ghi chú: .*tan_long\.xlsx: Biểu chỉ tiêu!E\d+: số nhập dạng chữ '70,5'",
                     result.output)
    assert "chưa báo cáo: Kinh Cùng" in result.output
    wb = openpyxl.load_workbook(out / f"{STEM}_tong_hop.xlsx")
    numbers = wb["Tổng hợp"]
    header = [c.value for c in numbers[1]]
    assert header[4:7] == ["Cây Dương", "Hòa An", "Tân Long"]  # registry order
    rows = {r[0].value: [c.value for c in r] for r in numbers.iter_rows(min_row=2)}
    bhyt = rows["ct-bhyt"]
    assert bhyt[4:7] == [None, 97, 90] and bhyt[8:10] == [1, 1]
    stunting = rows["ct-suy-dinh-duong"]  # lower is better: 14 and 10 reach < 15, 18 does not
    assert stunting[4:7] == [14, 10, 18] and stunting[8:10] == [2, 1]
    trained = rows["ct-lao-dong-qua-dao-tao"]
    assert trained[5:7] == [85, 70.5]
    assert rows["ct-dich-benh"][8:10] == [1, 1]
    verdicts = {r[0].value: [c.value for c in r] for r in wb["Đánh giá"].iter_rows(min_row=2)}
    assert verdicts["ct-suy-dinh-duong"][2:5] == ["Đạt", "Đạt", "Không đạt"]
    assert verdicts["ct-tiem-chung"][3:5] == ["Vượt", "Không đạt"]  # đạt 98%
    checks = [[c.value for c in r] for r in wb["Kiểm tra"].iter_rows(min_row=2)]
    assert any(r[0] == "lỗi" and "nhiều" in r[3] for r in checks)
    assert sum(1 for r in checks if r[0] == "chưa báo cáo") == 12
    doc = Document(str(out / f"{STEM}_tong_hop.docx"))
    table = [[c.text for c in r.cells] for r in doc.tables[0].rows]
    assert table[0][4] == "Toàn huyện"
    stunting_row = next(r for r in table if r[1].startswith("Tỷ lệ trẻ em dưới 5 tuổi"))
    assert stunting_row[5:8] == ["2", "1", "Tân Long"]
    assert any(p.text.startswith("Số đơn vị đã báo cáo: 3/15") for p in doc.paragraphs)


def test_a_typed_over_formula_does_not_fool_the_summary(forms_dir, tmp_path):
    filled = _fill(forms_dir / f"{STEM}_bieu_chi_tieu.xlsx", tmp_path / "hoa_an.xlsx", "Hòa An",
                   {"ct-bhyt": 80})
    wb, ws = _sheet(filled)
    ws.protection.sheet = False
    cell(ws, rows_by_id(ws)["ct-bhyt"], "danh_gia").value = "Đạt"  # overwrote the formula
    wb.save(filled)
    out = tmp_path / "o"
    result = CliRunner().invoke(main, ["aggregate", str(PLAN), str(filled), "-o", str(out)])
    assert result.exit_code == 0, result.output
    verdicts = {r[0].value: [c.value for c in r]
                for r in openpyxl.load_workbook(out / f"{STEM}_tong_hop.xlsx")["Đánh giá"]
                .iter_rows(min_row=2)}
    assert verdicts["ct-bhyt"][2] == "Không đạt"


@pytest.mark.parametrize("case", ["not-a-workbook", "other-plan", "other-kind", "no-unit",
                                  "same-unit-twice", "unknown-id", "duplicated-id"])
def test_every_unusable_form_is_named(forms_dir, tmp_path, case):
    blank = forms_dir / f"{STEM}_bieu_chi_tieu.xlsx"
    good = _fill(blank, tmp_path / "tot.xlsx", "Hòa An", {"ct-bhyt": 97})
    bad = tmp_path / "xau.xlsx"
    expected = {
        "not-a-workbook": "không phải tệp Excel",
        "other-plan": "biểu của kế hoạch 'ke-hoach-khac'",
        "other-kind": f"{META_SHEET}!{META.kind}: loại biểu 'bieu-khac', không phải biểu chỉ tiêu",
        "no-unit": "chưa chọn đơn vị báo cáo",
        "same-unit-twice": "đơn vị 'hoa-an' đã có trong tệp",
        "unknown-id": "mã chỉ tiêu 'ct-khong-co' không có trong kế hoạch",
        "duplicated-id": "mã chỉ tiêu 'ct-bhyt' lặp lại",
    }[case]
    if case == "not-a-workbook":
        bad.write_text("không phải Excel", encoding="utf-8")
    else:
        _fill(blank, bad, None if case == "no-unit" else "Hòa An" if case == "same-unit-twice"
              else "Tân Long", {})
        wb, ws = _sheet(bad)
        rows = rows_by_id(ws)
        if case == "other-plan":
            wb[META_SHEET][META.plan_id] = "ke-hoach-khac"
        if case == "other-kind":
            wb[META_SHEET][META.kind] = "bieu-khac"
        if case == "unknown-id":
            cell(ws, rows["ct-bhxh"], "ma").value = "ct-khong-co"
        if case == "duplicated-id":
            cell(ws, rows["ct-bhxh"], "ma").value = "ct-bhyt"
        wb.save(bad)
    out = tmp_path / "o"
    result = CliRunner().invoke(main, ["aggregate", str(PLAN), str(good), str(bad), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert "xau.xlsx" in result.output and expected in result.output
    assert (out / f"{STEM}_tong_hop.xlsx").is_file()  # the good file is still summarised


def test_nothing_usable_writes_nothing(tmp_path):
    bad = tmp_path / "xau.xlsx"
    bad.write_bytes(b"PK\x03\x04 broken")
    result = CliRunner().invoke(main, ["aggregate", str(PLAN), str(bad), "-o", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "xau.xlsx: không phải tệp Excel (.xlsx) đọc được" in result.output
    assert "lỗi: không có biểu nào dùng được; chưa ghi bảng tổng hợp" in result.output
    assert not (tmp_path / "o").exists()


def test_forms_of_a_derived_plan_feed_the_district_summary(tmp_path):
    derived = tmp_path / "xa"
    assert CliRunner().invoke(main, ["derive", str(PLAN), "--unit", "hoa-an", "-o",
                                     str(derived)]).exit_code == 0
    result = CliRunner().invoke(main, ["forms", str(derived / "hoa-an.yaml"), "-o", str(derived)])
    assert result.exit_code == 0, result.output
    wb, ws = _sheet(derived / "hoa-an_bieu_chi_tieu.xlsx")
    meta = wb[META_SHEET]
    assert ws[FORM.unit_name].value == "Hòa An" and meta[META.unit_id].value == "hoa-an"
    assert meta[META.parent_id].value == "phung-hiep-42"
    assert UNITS_SHEET not in wb.sheetnames
    ids = list(rows_by_id(ws))
    assert len(ids) == 30 and "ct-bac-si" not in ids  # commune-level indicators only (a xã)
    texts = _texts(derived / "hoa-an_de_cuong_bao_cao.docx")
    assert texts[1].startswith("sơ kết thực hiện Kế hoạch số …-KH/ĐU")
    outline = Document(str(derived / "hoa-an_de_cuong_bao_cao.docx"))
    assert [p.text for p in outline.tables[1].rows[0].cells[0].paragraphs][1:] == [
        "- Ban Thường vụ Huyện ủy (b/c),", "- Lưu Văn phòng Đảng ủy."]
    filled = _fill(derived / "hoa-an_bieu_chi_tieu.xlsx", tmp_path / "hoa_an.xlsx", None,
                   {"ct-bhyt": 96})
    out = tmp_path / "o"
    result = CliRunner().invoke(main, ["aggregate", str(PLAN), str(filled), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = {r[0].value: [c.value for c in r] for r in openpyxl.load_workbook(
        out / f"{STEM}_tong_hop.xlsx")["Tổng hợp"].iter_rows(min_row=2)}
    assert rows["ct-bhyt"][4] == 96 and rows["ct-bhyt"][6] == 1


def test_district_figures_follow_each_indicators_rule(tmp_path):
    plan_text = PLAN.read_text(encoding="utf-8")
    plan_text = plan_text.replace(
        "            so_sanh: tren\n", "            so_sanh: tren\n"
        "            tong_hop: {cach: binh_quan, trong_so: dan_so}\n", 1)
    plan_text = plan_text.replace("danh_sach_don_vi: don_vi_phung_hiep.yaml",
                                  "danh_sach_don_vi: don_vi.yaml")
    plan_text = plan_text.replace(
        "            gia_tri: 98\n            don_vi: \"%\"\n            so_sanh: dat\n"
        "          - id: ct-suy",
        "            gia_tri: 98\n            don_vi: \"%\"\n            so_sanh: dat\n"
        "            tong_hop: {cach: cong}\n          - id: ct-suy")
    plan = tmp_path / "phung_hiep_42.yaml"
    plan.write_text(plan_text, encoding="utf-8")
    (tmp_path / "don_vi.yaml").write_text(
        "cap: xa\ncap_tren: ĐẢNG BỘ HUYỆN PHỤNG HIỆP\ndon_vi:\n"
        "  - {id: hoa-an, loai: xa, ten: Hòa An, so_lieu: {dan_so: 30000}}\n"
        "  - {id: tan-long, loai: xa, ten: Tân Long, so_lieu: {dan_so: 10000}}\n",
        encoding="utf-8")
    forms = tmp_path / "forms"
    assert CliRunner().invoke(main, ["forms", str(plan), "-o", str(forms)]).exit_code == 0
    blank = forms / f"{STEM}_bieu_chi_tieu.xlsx"
    a = _fill(blank, tmp_path / "a.xlsx", "Hòa An", {"ct-bhyt": 96, "ct-tiem-chung": 99})
    b = _fill(blank, tmp_path / "b.xlsx", "Tân Long", {"ct-bhyt": 92, "ct-tiem-chung": 97})
    out = tmp_path / "o"
    result = CliRunner().invoke(main, ["aggregate", str(plan), str(a), str(b), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = {r[0].value: [c.value for c in r] for r in openpyxl.load_workbook(
        out / f"{STEM}_tong_hop.xlsx")["Tổng hợp"].iter_rows(min_row=2)}
    assert rows["ct-bhyt"][6] == 95  # (96 × 30000 + 92 × 10000) / 40000
    assert rows["ct-tiem-chung"][6] == 196  # declared a sum (test only)
    assert rows["ct-quan-ly-suc-khoe"][6] is None  # a rate with no rule: no district figure


def test_a_commune_report_under_a_city_goes_up_to_the_city_committee(tmp_path):
    """After 2025 a xã's upper committee is Thành ủy Cần Thơ, not a Tỉnh ủy: the report's
    Nơi nhận names the committee the xã's own plan cites."""
    upper = ROOT / "plans" / "can_tho_42.yaml"
    derived = tmp_path / "xa"
    assert CliRunner().invoke(main, ["derive", str(upper), "--unit", "hiep-hung", "--units",
                                     str(ROOT / "plans" / "don_vi_can_tho.yaml"), "-o",
                                     str(derived)]).exit_code == 0
    result = CliRunner().invoke(main, ["forms", str(derived / "hiep-hung.yaml"), "-o",
                                       str(derived), "--nam", "2028"])
    assert result.exit_code == 0, result.output
    outline = Document(str(derived / "hiep-hung_de_cuong_bao_cao.docx"))
    recipients = [p.text for p in outline.tables[1].rows[0].cells[0].paragraphs]
    assert recipients[1] == "- Ban Thường vụ Thành ủy (b/c);"
