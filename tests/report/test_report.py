"""`kehoach report` on the example city plan and two of its communes: a commune's report on
its own form and the city's on both communes' forms, read back from the DOCX — every
figure in its sentence with the comment naming its file and cell, the verdicts the biểu's
rule table gives, every place kehoach cannot know marked, the units that sent nothing
named once."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from builders import fill_form
from click.testing import CliRunner
from conftest import ROOT
from docx import Document
from docx.oxml.ns import qn

from kehoach.cli import main
from kehoach.forms.layout import rows_by_id
from kehoach.forms.report import FORM_SHEET
from kehoach.plan.loader import load_plan

CITY = ROOT / "plans" / "can_tho_42.yaml"
OTHERS = ["Hiệp Hưng", "Tân Phước Hưng", "Phụng Hiệp", "Phương Bình", "Thạnh Hòa"]


def run(args: list[object], code: int = 0) -> str:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == code, result.output
    return result.output


@dataclass(frozen=True)
class Paragraph:
    """A paragraph read back: its text and its comments (the words covered, the comment)."""

    text: str
    notes: list[tuple[str, str]]


def read_back(docx: Path) -> list[Paragraph]:
    """Every paragraph of the body (tables included) in order, with its comments."""
    document = Document(str(docx))
    said = {str(c.comment_id): c.text for c in document.comments}
    out = []
    for p in document.element.body.iter(qn("w:p")):
        text, notes, covering = "", [], {}
        for element in p.iter():
            ident = element.get(qn("w:id"))
            if element.tag == qn("w:commentRangeStart"):
                covering[ident] = ""
            elif element.tag == qn("w:commentRangeEnd"):
                notes.append((covering.pop(ident), said[ident]))
            elif element.tag == qn("w:t"):
                text += element.text or ""
                for key in covering:
                    covering[key] += element.text or ""
        out.append(Paragraph(text, notes))
    return out


def one(paragraphs: list[Paragraph], start: str) -> Paragraph:
    found = [p for p in paragraphs if p.text.startswith(start)]
    assert len(found) == 1, (start, [p.text for p in found])
    return found[0]


def cell_of(form: Path, ident: str) -> str:
    """The result cell of indicator `ident` in a filled form (`E9`)."""
    row = rows_by_id(openpyxl.load_workbook(form)[FORM_SHEET])[ident]
    return f"E{row}"


@pytest.fixture(scope="module")
def city(tmp_path_factory) -> Path:
    """The city's forms of 2027 filled by Hòa An and Tân Bình; Hòa An's own plan, drafted
    from the city's, and its own form filled."""
    work = tmp_path_factory.mktemp("bao_cao")
    run(["forms", CITY, "-o", work / "bieu", "--nam", "2027"])
    blank = work / "bieu" / "can_tho_42_bieu_chi_tieu.xlsx"
    fill_form(blank, work / "hoa_an.xlsx", "Hòa An",
              {"ct-lao-dong-qua-dao-tao": 78, "ct-bhyt": 96, "ct-suy-dinh-duong": 12,
               "ct-bhxh": 47, "ct-giam-ngheo": 0.6})
    fill_form(blank, work / "tan_binh.xlsx", "Xã Tân Bình",
              {"ct-lao-dong-qua-dao-tao": 70, "ct-bhyt": 93.5, "ct-suy-dinh-duong": 16,
               "ct-bhxh": 40})
    run(["derive", CITY, "--unit", "hoa-an", "-o", work / "xa"])
    run(["forms", work / "xa" / "hoa-an.yaml", "-o", work / "xa", "--nam", "2027"])
    fill_form(work / "xa" / "hoa-an_bieu_chi_tieu.xlsx", work / "hoa_an_xa.xlsx", None,
              {"ct-nguoi-co-cong": 100, "ct-lao-dong-qua-dao-tao": 78, "ct-bhxh": 47,
               "ct-bhtn": 30, "ct-giam-ngheo": "0,6", "ct-di-hoc-thcs": 96,
               "ct-bhyt": 93.5, "ct-suy-dinh-duong": 12},
              remarks={"ct-bhyt": "theo số liệu Bảo hiểm xã hội"})
    return work


@pytest.fixture(scope="module")
def commune(city) -> Path:
    out = run(["report", city / "xa" / "hoa-an.yaml", city / "hoa_an_xa.xlsx",
               "-o", city / "bao_cao", "--ky", "sơ kết 2 năm"])
    assert "chỗ cần xem lại" in out
    return city / "bao_cao" / "hoa-an_bao_cao.docx"


@pytest.fixture(scope="module")
def whole_city(city) -> Path:
    out = run(["report", CITY, city / "hoa_an.xlsx", city / "tan_binh.xlsx",
               "-o", city / "bao_cao", "--ky", "sơ kết 2 năm"])
    assert "chưa báo cáo: " + ", ".join(OTHERS) in out
    return city / "bao_cao" / "can_tho_42_bao_cao.docx"


def test_a_commune_report_is_a_bao_cao_of_its_committee(commune):
    paragraphs = read_back(commune)
    texts = [p.text for p in paragraphs]
    assert texts[:12] == [
        "ĐẢNG BỘ THÀNH PHỐ CẦN THƠ", "ĐẢNG ỦY XÃ HÒA AN", "*", "Số      -BC/ĐU", "Dự thảo",
        "ĐẢNG CỘNG SẢN VIỆT NAM", "", "Hòa An, ngày      tháng      năm 2027", "BÁO CÁO",
        "sơ kết 2 năm thực hiện Kế hoạch số …-KH/ĐU ngày …/…/2026 của Ban Thường vụ Đảng "
        "ủy về thực hiện Kế hoạch số 27-KH/TU ngày 15/9/2026 của Ban Thường vụ Thành ủy về "
        "thực hiện Nghị quyết số 42-NQ/TW ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng "
        "về “Tiếp tục đổi mới, nâng cao chất lượng chính sách xã hội, đáp ứng yêu cầu sự "
        "nghiệp xây dựng và bảo vệ Tổ quốc trong giai đoạn mới”",
        "-----",
        texts[11],
    ]
    assert texts[11].startswith("Thực hiện Kế hoạch số …-KH/ĐU ngày …/…/2026")
    assert texts[11].endswith("Ban Thường vụ Đảng ủy báo cáo kết quả sơ kết 2 năm như sau:")
    # the plan's number is not known yet: said on the trích yếu
    assert paragraphs[9].notes[0][0] == "Kế hoạch số …-KH/ĐU ngày …/…/2026"
    for heading in ("I. KẾT QUẢ THỰC HIỆN", "II. ĐÁNH GIÁ CHUNG",
                    "III. PHƯƠNG HƯỚNG, NHIỆM VỤ, GIẢI PHÁP THỜI GIAN TỚI",
                    "IV. ĐỀ XUẤT, KIẾN NGHỊ", "4. Bài học kinh nghiệm", "2. Hạn chế"):
        assert heading in texts
    # signature and Nơi nhận: the plan's signer, where the plan reports to, its filing line
    at = texts.index("Nơi nhận:")
    assert texts[at + 1:at + 4] == ["- Ban Thường vụ Thành ủy (b/c);",
                                    "- Văn phòng Thành ủy (b/c);", "- Lưu Văn phòng Đảng ủy."]
    assert texts[at + 4:at + 6] == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"]
    signer = paragraphs[at + 5].notes
    assert "lấy theo kế hoạch cấp trên" in signer[0][1]  # the draft's own note, kept
    assert texts[at - 1] == ("Trên đây là báo cáo kết quả sơ kết 2 năm thực hiện Kế hoạch số "
                             "…-KH/ĐU ngày …/…/2026 của Ban Thường vụ Đảng ủy.")


def test_every_figure_is_in_its_sentence_with_its_cell(commune, city):
    paragraphs = read_back(commune)
    form = city / "hoa_an_xa.xlsx"
    expected = {
        "ct-lao-dong-qua-dao-tao": ("- Tỷ lệ lao động qua đào tạo đạt 78%, vượt chỉ tiêu đến "
                                    "năm 2030 (75%).", "78%"),
        "ct-bhxh": ("- Tỷ lệ lực lượng lao động trong độ tuổi tham gia bảo hiểm xã hội đạt 47%, "
                    "đạt chỉ tiêu đến năm 2030 (khoảng 45%).", "47%"),
        "ct-bhtn": ("- Tỷ lệ lực lượng lao động trong độ tuổi tham gia bảo hiểm thất nghiệp đạt "
                    "30%, chưa đạt chỉ tiêu đến năm 2030 (khoảng 35%).", "30%"),
        "ct-giam-ngheo": ("- Mức giảm tỷ lệ hộ nghèo đa chiều đạt 0,6%/năm, vượt chỉ tiêu đến "
                          "năm 2030 (0,5%/năm).", "0,6%/năm"),
        "ct-di-hoc-thcs": ("- Tỷ lệ đi học đúng độ tuổi cấp trung học cơ sở đạt 96%, vượt chỉ "
                           "tiêu đến năm 2030 (tối thiểu 95%).", "96%"),
        "ct-bhyt": ("- Tỷ lệ dân số tham gia bảo hiểm y tế đạt 93,5%, chưa đạt chỉ tiêu đến năm "
                    "2030 (trên 95%).", "93,5%"),
        "ct-suy-dinh-duong": ("- Tỷ lệ suy dinh dưỡng thể thấp còi ở trẻ em dưới 5 tuổi còn "
                              "12%, đạt chỉ tiêu đến năm 2030 (dưới 15%).", "12%"),
    }
    for ident, (sentence, figure) in expected.items():
        found = one(paragraphs, sentence)
        assert found.text == sentence
        source = f"Số liệu: hoa_an_xa.xlsx, Biểu chỉ tiêu, ô {cell_of(form, ident)}."
        assert found.notes[0] == (figure, found.notes[0][1])
        assert found.notes[0][1].startswith(source)
    bhyt = one(paragraphs, "- Tỷ lệ dân số tham gia bảo hiểm y tế")
    assert bhyt.notes[0][1].endswith("Ghi chú của đơn vị: theo số liệu Bảo hiểm xã hội.")
    blank = one(paragraphs, "- Tỷ lệ đi học đúng độ tuổi cấp trung học phổ thông")
    assert blank.text.endswith(": chưa có số liệu.")
    cell = cell_of(form, "ct-di-hoc-thpt")
    assert blank.notes == [(blank.text[2:-1], f"hoa_an_xa.xlsx, Biểu chỉ tiêu, ô {cell} để "
                                              "trống: điền số liệu hoặc bỏ câu này.")]
    overview = one(paragraphs, "Trong 11 chỉ tiêu của Kế hoạch")
    assert overview.text == ("Trong 11 chỉ tiêu của Kế hoạch: 6 chỉ tiêu đạt, vượt; 2 chỉ tiêu "
                             "chưa đạt; 3 chỉ tiêu chưa có số liệu (chi tiết tại Phụ lục).")
    assert one(paragraphs, "- Còn 2 chỉ tiêu chưa đạt").text == (
        "- Còn 2 chỉ tiêu chưa đạt: tỷ lệ lực lượng lao động trong độ tuổi tham gia bảo hiểm "
        "thất nghiệp; tỷ lệ dân số tham gia bảo hiểm y tế.")


def test_a_commune_reports_from_the_citys_form_it_filled(city):
    """The form a commune filled for the city serves its own report too: judged against
    its own plan, the city's indicators its plan left out noted and skipped, another
    commune's form refused."""
    out = run(["report", city / "xa" / "hoa-an.yaml", city / "hoa_an.xlsx", city / "tan_binh.xlsx",
               "-o", city / "tu_bieu_thanh_pho"], 1)
    assert ("tan_binh.xlsx: Biểu chỉ tiêu!B3: biểu của đơn vị 'tan-binh', kế hoạch này là của "
            "đơn vị 'hoa-an'") in out
    assert ("hoa_an.xlsx: Biểu chỉ tiêu!A10: chỉ tiêu 'ct-that-nghiep-thanh-thi' của kế hoạch "
            "cấp trên không có trong kế hoạch này; bỏ qua") in out
    paragraphs = read_back(city / "tu_bieu_thanh_pho" / "hoa-an_bao_cao.docx")
    found = one(paragraphs, "- Tỷ lệ lao động qua đào tạo")
    assert found.text == ("- Tỷ lệ lao động qua đào tạo đạt 78%, vượt chỉ tiêu đến năm 2030 "
                          "(75%).")
    row = cell_of(city / "hoa_an.xlsx", "ct-lao-dong-qua-dao-tao")
    assert found.notes[0] == ("78%", f"Số liệu: hoa_an.xlsx, Biểu chỉ tiêu, ô {row}.")
    assert not any(p.text.startswith("- Tuổi thọ") for p in paragraphs)


def _table(docx: Path) -> list[list[str]]:
    """The phụ lục's rows (the document's last table), cell texts."""
    table = Document(str(docx)).tables[-1]
    return [[c.text for c in row.cells] for row in table.rows]


def test_the_phu_luc_is_the_filled_indicator_table(commune):
    rows = _table(commune)
    assert rows[0] == ["STT", "Chỉ tiêu", "Đơn vị tính", "Chỉ tiêu kế hoạch", "Kết quả thực hiện",
                       "Tỷ lệ % so với chỉ tiêu", "Đánh giá", "Ghi chú"]
    by_name = {row[1]: row for row in rows}
    assert by_name["Tỷ lệ lao động qua đào tạo"][3:] == ["75", "78", "104", "Vượt", ""]
    assert by_name["Tỷ lệ dân số tham gia bảo hiểm y tế"][3:] == [
        "> 95", "93,5", "98,42", "Không đạt", "theo số liệu Bảo hiểm xã hội"]
    # lower is better: Tỷ lệ % is the target over the result
    assert by_name["Tỷ lệ suy dinh dưỡng thể thấp còi ở trẻ em dưới 5 tuổi"][3:7] == [
        "< 15", "12", "125", "Đạt"]
    assert by_name["Tỷ lệ đi học đúng độ tuổi cấp trung học phổ thông và tương đương"][4:7] == [
        "", "", ""]
    paragraphs = read_back(commune)
    name = one(paragraphs, "Tỷ lệ lao động qua đào tạo")  # the table's cell, whole
    assert name.notes[0][1].startswith("Số liệu: hoa_an_xa.xlsx, Biểu chỉ tiêu, ô E")


def test_every_organ_and_task_of_the_plan_has_its_place_to_write(commune, city):
    plan = load_plan(city / "xa" / "hoa-an.yaml")
    paragraphs = read_back(commune)
    for duty in plan.to_chuc_thuc_hien.muc:
        found = one(paragraphs, f"- {duty.chu_the}: [kết quả thực hiện việc được giao: ")
        words, why = found.notes[0]
        assert words == found.text.split(": ", 1)[1]
        assert why.startswith(f"Chỗ cần viết: kết quả {duty.chu_the} đã làm")
        assert duty.noi_dung.rstrip(".") in why  # the plan's own wording, whole
    tasks = plan.nhiem_vu_giai_phap.muc
    texts = [p.text for p in paragraphs]
    for n, task in enumerate(tasks):
        heading = texts.index(f"{'bcdđeghiklmn'[n]}) {task.title}")
        hint = paragraphs[heading + 1]
        assert hint.text.startswith("[kết quả thực hiện: ") and hint.text.endswith("]")
        assert hint.notes[0][1].startswith("Chỗ cần viết: kết quả đạt được, số liệu minh chứng")
    # no bracket without its comment: every unknown is marked
    for p in paragraphs:
        for hole in re.findall(r"\[[^\]]*\]", p.text):
            assert any(hole in words for words, _ in p.notes), p.text
    ahead = [t for t in texts if t.startswith("- Tiếp tục ")]
    assert len(ahead) == len(tasks)  # 2027: every task runs to 2030


def test_the_city_report_counts_and_names_its_units(whole_city, city):
    paragraphs = read_back(whole_city)
    texts = [p.text for p in paragraphs]
    assert texts[:3] == ["THÀNH ỦY CẦN THƠ", "*", "Số      -BC/TU"]
    opening = one(paragraphs, "Có 2/7 đơn vị gửi biểu số liệu")
    assert opening.text == "Có 2/7 đơn vị gửi biểu số liệu; chưa báo cáo: " + ", ".join(
        OTHERS) + "."
    body = "\n".join(texts)
    for name in OTHERS:  # named once, in the document's body and tables
        assert body.count(name) == 1, name
    sentences = {
        "- Tỷ lệ lao động qua đào tạo: 1/2 đơn vị đạt chỉ tiêu đến năm 2030 (75%), trong đó "
        "1 đơn vị vượt; chưa đạt: Tân Bình (70%).": "1/2",
        "- Tỷ lệ dân số tham gia bảo hiểm y tế: 1/2 đơn vị đạt chỉ tiêu đến năm 2030 (trên "
        "95%); chưa đạt: Tân Bình (93,5%).": "1/2",
        "- Tỷ lệ suy dinh dưỡng thể thấp còi ở trẻ em dưới 5 tuổi: 1/2 đơn vị đạt chỉ tiêu "
        "đến năm 2030 (dưới 15%); chưa đạt: Tân Bình (16%).": "1/2",
        "- Tỷ lệ lực lượng lao động trong độ tuổi tham gia bảo hiểm xã hội: 1/2 đơn vị đạt "
        "chỉ tiêu đến năm 2030 (khoảng 45%); chưa đạt: Tân Bình (40%).": "1/2",
        "- Mức giảm tỷ lệ hộ nghèo đa chiều: 1/1 đơn vị đạt chỉ tiêu đến năm 2030 "
        "(0,5%/năm), trong đó 1 đơn vị vượt; chưa có số liệu: Tân Bình.": "1/1",
    }
    for sentence, count in sentences.items():
        found = one(paragraphs, sentence)
        assert found.text == sentence
        words, why = found.notes[0]
        assert words == count
        assert why.startswith("Số liệu từng đơn vị: Hòa An: ")
        assert "(hoa_an.xlsx, Biểu chỉ tiêu, ô E" in why
    bhyt = one(paragraphs, "- Tỷ lệ dân số tham gia bảo hiểm y tế").notes[0][1]
    row = cell_of(city / "hoa_an.xlsx", "ct-bhyt")
    assert bhyt == (f"Số liệu từng đơn vị: Hòa An: 96% (hoa_an.xlsx, Biểu chỉ tiêu, ô {row}); "
                    f"Tân Bình: 93,5% (tan_binh.xlsx, Biểu chỉ tiêu, ô {row}).")
    # a city-only indicator no commune reports: said, and marked to fill from elsewhere
    age = one(paragraphs, "- Tuổi thọ trung bình của người dân")
    assert age.text.endswith(": chưa có đơn vị nào báo cáo số liệu.")
    assert "Chưa đơn vị nào báo cáo chỉ tiêu này" in age.notes[0][1]
    table = _table(whole_city)
    assert table[0][4:] == ["Toàn thành phố", "Số đơn vị đạt", "Số đơn vị chưa đạt",
                            "Đơn vị chưa đạt"]
    by_name = {row[1]: row for row in table}
    assert by_name["Tỷ lệ lao động qua đào tạo"][5:] == ["1", "1", "Tân Bình"]


def test_the_reports_pass_the_format_check(commune, whole_city):
    for docx in (commune, whole_city):
        out = run(["check", docx])
        assert out.strip().endswith("0 lỗi, 0 cảnh báo"), out


def _pdf_pages(pdf: Path) -> list[tuple[float, float]]:
    """(width, height) in points of every page."""
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True,
                         text=True, check=True).stdout
    return [(float(w), float(h)) for w, h in
            re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", out)]


def _pdf_text(pdf: Path, page: int) -> str:
    out = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf),
                          "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", " ", out)


def test_libreoffice_lays_out_both_reports(soffice, city, tmp_path):
    """Through LibreOffice, as the plan's layout is checked: page 1 upright with the header
    of a BÁO CÁO, the signature after the body, the phụ lục on landscape pages to the end;
    page 1 and the last page drawn as images."""
    commune = run(["report", city / "xa" / "hoa-an.yaml", city / "hoa_an_xa.xlsx", "-o",
                   tmp_path, "--ky", "sơ kết 2 năm", "--pdf"])
    whole = run(["report", CITY, city / "hoa_an.xlsx", city / "tan_binh.xlsx", "-o", tmp_path,
                 "--ky", "sơ kết 2 năm", "--pdf"])
    for out, stem, issuer in ((commune, "hoa-an", "ĐẢNG ỦY XÃ HÒA AN"),
                              (whole, "can_tho_42", "THÀNH ỦY CẦN THƠ")):
        pdf = tmp_path / f"{stem}_bao_cao.pdf"
        assert f"đã ghi {pdf}" in out and pdf.stat().st_size > 10_000
        pages = _pdf_pages(pdf)
        assert len(pages) >= 4
        width, height = pages[0]
        assert width < height  # A4 upright
        first = _pdf_text(pdf, 1)
        for words in (issuer, "ĐẢNG CỘNG SẢN VIỆT NAM", "BÁO CÁO", "sơ kết 2 năm thực hiện",
                      "I. KẾT QUẢ THỰC HIỆN"):
            assert words in first, (stem, words)
        turned = [n for n, (w, h) in enumerate(pages, start=1) if w > h]
        assert turned and turned == list(range(turned[0], len(pages) + 1))  # to the end
        assert "PHỤ LỤC" in _pdf_text(pdf, turned[0])
        signed = _pdf_text(pdf, turned[0] - 1)
        assert "Nơi nhận:" in signed and "T/M BAN THƯỜNG VỤ" in signed
        for page in (1, len(pages)):
            image = tmp_path / f"{stem}-{page}"
            subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", str(page), "-l", str(page),
                            "-singlefile", str(pdf), str(image)], check=True)
            png = image.with_suffix(".png").read_bytes()
            wide, high = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
            assert (wide > high) == (page == len(pages)), (stem, page)


def _findings(path: Path) -> list[dict[str, str]]:
    import json

    result = CliRunner().invoke(main, ["check", str(path), "--format", "json"])
    return json.loads(result.stdout[result.stdout.index("["):result.stdout.rindex("]") + 1])


def test_a_report_adds_no_finding_its_plan_does_not_have(rendered, tmp_path):
    """The district's plan keeps the draft's own mixed spellings (hoá and hóa): its report
    says them again, and nothing else is found in it."""
    run(["forms", ROOT / "plans" / "phung_hiep_42.yaml", "-o", tmp_path])
    blank = tmp_path / "phung_hiep_42_bieu_chi_tieu.xlsx"
    forms = [fill_form(blank, tmp_path / "hoa_an.xlsx", "Hòa An", {"ct-bhyt": 97}),
             fill_form(blank, tmp_path / "tan_long.xlsx", "Tân Long", {"ct-bhyt": 90})]
    run(["report", ROOT / "plans" / "phung_hiep_42.yaml", *forms, "-o", tmp_path])
    found = _findings(tmp_path / "phung_hiep_42_bao_cao.docx")
    assert found and {f["severity"] for f in found} == {"cảnh báo"}
    assert {f["rule"] for f in found} == {"dau-thanh"}

    def spellings(findings: list[dict[str, str]]) -> set[frozenset[str]]:
        return {frozenset((f["message"].split("'")[1].lower(), f["fix"].lower()))
                for f in findings if f["rule"] == "dau-thanh"}

    assert spellings(found) <= spellings(_findings(rendered))
