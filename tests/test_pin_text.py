"""The pins' text of an output leaves nothing out and tells apart what a reviewer must see:
every word of a document, a run's own formatting, table cells, breaks, fields, comments; in a
workbook, text from numbers from formulas, and the cells open for input."""

from __future__ import annotations

import re
import zipfile

import openpyxl
from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Pt
from lxml import etree
from openpyxl.styles import Protection
from openpyxl.worksheet.datavalidation import DataValidation
from pin_text import W, docx_lines, pin_text, xlsx_lines


def _markup_removed(lines: list[str]) -> str:
    text = "\n".join(lines)
    text = re.sub(r"«[^|«»]*\|", "", text)  # «b|…» keeps its text
    return re.sub(r"⟦\d+ |⟧|»", "", text)


def test_every_word_of_a_rendered_plan_is_in_its_pin(rendered):
    with zipfile.ZipFile(rendered) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    pinned = _markup_removed(docx_lines(rendered.read_bytes()))
    paragraphs = 0
    for p in root.iter(f"{{{W}}}p"):
        marks = {f"{{{W}}}br": "↵", f"{{{W}}}tab": "⇥"}
        text = "".join(marks.get(e.tag) or e.text or ""
                       for e in p.iter(f"{{{W}}}t", f"{{{W}}}br", f"{{{W}}}tab"))
        if text:
            paragraphs += 1
            assert text in pinned, text
    assert paragraphs > 60  # the whole plan, not a part of it


def test_formatting_tables_breaks_and_fields_are_shown(tmp_path):
    doc = Document()
    p = doc.add_paragraph("Thường ")
    p.add_run("đậm").bold = True
    p.add_run(" rồi ")
    run = p.add_run("nghiêng cỡ 13")
    run.italic, run.font.size = True, Pt(13)
    p.add_run("\tsau tab")
    p.add_run().add_break(WD_BREAK.PAGE)
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "ô một", "ô hai"
    path = tmp_path / "thu.docx"
    doc.save(path)
    lines = docx_lines(path.read_bytes())
    assert "¶ -: Thường «b|đậm» rồi «i|sz=26|nghiêng cỡ 13»⇥sau tab⤓" in lines
    assert "  cell 1.1" in lines and "    ¶ -: ô một" in lines
    assert "    ¶ -: ô hai" in lines
    assert any(line.startswith("section ") and "pgSz(" in line for line in lines)
    digests = pin_text(path).split("== bytes (sha256, 16 hex) of each part\n")[1]
    assert re.search(r"^word/document\.xml [0-9a-f]{16}$", digests, flags=re.MULTILINE)


def test_an_unknown_element_is_shown_not_dropped(tmp_path):
    doc = Document()
    paragraph = doc.add_paragraph("chữ")
    paragraph._p.append(etree.SubElement(paragraph._p, f"{{{W}}}moveFrom"))
    path = tmp_path / "la.docx"
    doc.save(path)
    assert "¶ -: chữ«? moveFrom»" in docx_lines(path.read_bytes())


def test_a_workbook_pin_tells_text_numbers_formulas_and_open_cells(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Biểu"
    sheet["A1"], sheet["B1"] = "18", 18
    sheet["C1"] = "=B1*2"
    sheet["D1"].value = None
    sheet["D1"].protection = Protection(locked=False)
    sheet["B1"].number_format = "0.00"
    rule = DataValidation(type="decimal", operator="between", formula1="0", formula2="100")
    sheet.add_data_validation(rule)
    rule.add("B1")
    sheet.protection.sheet = True
    path = tmp_path / "bieu.xlsx"
    book.save(path)
    lines = xlsx_lines(path.read_bytes())
    assert "A1 s '18'" in lines
    assert "B1 n 18 format=0.00" in lines
    assert "C1 f =B1*2" in lines
    assert "D1 n None unlocked" in lines
    assert any(line.startswith("validation B1 type=decimal operator=between formula1=0 "
                               "formula2=100") for line in lines)
    assert lines[0].startswith("== sheet 'Biểu' state=visible protected=True")
