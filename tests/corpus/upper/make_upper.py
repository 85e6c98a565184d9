"""Writes the upper plans of this folder as the Word files a provincial office sends.

Each `<name>.txt` holds one plan in sections (`#left`, `#right`: the header's columns;
`#title`, `#summary`; `#body`; `#recipients`, `#signer`; `#appendix`: caption lines then
tab-separated table rows; `#habits`: how the clerk typed it). The DOCX is built the way
clerks type in Word, not the way kehoach renders:
- header and signature in borderless two-column tables, "ĐẢNG CỘNG SẢN VIỆT NAM" with a run
  underline, the trích yếu's lines joined by Shift+Enter;
- labels typed by hand (`I.`, `1.`, `a)`, `-`) unless the `word-numbering` habit gives
  parts and items Word's automatic numbering;
- `recipients-shift-enter`: every recipient in one paragraph, lines split by Shift+Enter;
  otherwise one paragraph a recipient, a recipient over 60 characters wrapped with Enter
  onto a second paragraph without a dash (as clerks fix a line Word breaks badly);
- `nbsp`: a no-break space after each typed label and inside the date line;
- `tab-after-label`: a tab after each typed label (`1.<Tab>Quy hoạch …`);
- the phụ lục after a page break, its empty cells holding a no-break space; a table of
  indicators (`Đơn vị tính` in its third column) or of tasks (organs and times).

Run: `python tests/corpus/upper/make_upper.py` (rewrites every DOCX next to its text).
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm, Pt

HERE = Path(__file__).resolve().parent
PART = re.compile(r"^([IVX]+)([.-]) (.*)$")
ITEM = re.compile(r"^(\d+)([.-]) (.*)$")
SUB = re.compile(r"^(\d+\.\d+\.|[a-zđ]\)) (.*)$")
NBSP = "\u00a0"
MOTTO = "ĐẢNG CỘNG SẢN VIỆT NAM"
FIXED = dt.datetime(2026, 6, 1, 8, 0, 0)

ABSTRACT = f"""<w:abstractNum {nsdecls("w")} w:abstractNumId="77">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/>
    <w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:suff w:val="space"/>
    <w:pPr><w:ind w:left="0" w:firstLine="567"/></w:pPr><w:rPr><w:b/></w:rPr></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
    <w:lvlText w:val="%2."/><w:lvlJc w:val="left"/><w:suff w:val="space"/>
    <w:pPr><w:ind w:left="0" w:firstLine="567"/></w:pPr><w:rPr><w:b/></w:rPr></w:lvl>
</w:abstractNum>"""
NUM = f'<w:num {nsdecls("w")} w:numId="77"><w:abstractNumId w:val="77"/></w:num>'


def sections(text: str) -> dict[str, list[str]]:
    """The `#name` sections of a plan's text, each as its lines."""
    found: dict[str, list[str]] = {}
    current = ""
    for line in text.splitlines():
        if line.startswith("#") and line[1:].isidentifier():
            current = line[1:]
            found[current] = []
        elif current:
            found[current].append(line)
    return found


def new_document() -> DocumentType:
    """A4 portrait, margins 20/20/30/15 mm, Times New Roman 14, as offices set Normal."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(14)
    style.paragraph_format.space_after = Pt(0)
    return doc


def _cell_lines(cell, lines: list[str], styles: list[dict[str, bool]], size: int) -> None:
    for k, (line, style) in enumerate(zip(lines, styles, strict=True)):
        p = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(line)
        run.font.size = Pt(size)
        run.bold = style.get("bold", False)
        run.italic = style.get("italic", False)
        run.underline = style.get("underline", False)


def two_columns(doc: DocumentType, widths: tuple[float, float]):
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for k, width in enumerate(widths):
        table.columns[k].width = table.cell(0, k).width = Cm(width)
    return table


def header(doc: DocumentType, left: list[str], right: list[str], nbsp: bool) -> None:
    table = two_columns(doc, (7.0, 9.5))
    left_styles = [{"bold": k == len(left) - 3} for k in range(len(left))]
    _cell_lines(table.cell(0, 0), left, left_styles, 14)
    place = right[-1].replace(" tháng ", f"{NBSP}tháng{NBSP}") if nbsp else right[-1]
    right_styles = [{"bold": True, "underline": True}, {"italic": True}]
    _cell_lines(table.cell(0, 1), [right[0], place], right_styles, 14)
    table.cell(0, 1).paragraphs[0].runs[0].font.size = Pt(15)


def title(doc: DocumentType, name: str, summary: list[str]) -> None:
    doc.add_paragraph()
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(name)
    run.bold, run.font.size = True, Pt(15)
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for k, line in enumerate(summary):
        run = p.add_run(line)
        run.bold = True
        if k < len(summary) - 1:
            run.add_break(WD_BREAK.LINE)
    doc.add_paragraph("-----").alignment = WD_ALIGN_PARAGRAPH.CENTER


def paragraph(doc: DocumentType, text: str, bold: bool = False, italic: bool = False):
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    p.paragraph_format.first_line_indent = Cm(1)
    p.paragraph_format.space_before = Pt(6)
    run = p.add_run(text)
    run.bold, run.italic = bold, italic
    return p


def numbered(doc: DocumentType, level: int, text: str) -> None:
    """A part or item whose label comes from Word's numbering, not from its text."""
    p = paragraph(doc, text, bold=True)
    p.paragraph_format.first_line_indent = None
    p._p.get_or_add_pPr().insert(0, parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="77"/></w:numPr>'))


def add_numbering(doc: DocumentType) -> None:
    numbering = doc.part.numbering_part.element
    first = numbering.find(f"{{{numbering.nsmap['w']}}}num")
    abstract = parse_xml(ABSTRACT)
    if first is not None:
        first.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(NUM))


def body(doc: DocumentType, lines: list[str], habits: set[str]) -> None:
    auto = "word-numbering" in habits
    space = "\t" if "tab-after-label" in habits else NBSP if "nbsp" in habits else " "
    for line in (x for x in lines if x.strip()):
        part, item, sub = PART.match(line), ITEM.match(line), SUB.match(line)
        heading = item is not None and len(item[3]) < 110 and not item[3].endswith(".")
        if part and auto:
            numbered(doc, 0, part[3])
        elif part:
            paragraph(doc, f"{part[1]}{part[2]}{space}{part[3]}", bold=True)
        elif item and heading and auto:
            numbered(doc, 1, item[3])
        elif item:
            paragraph(doc, f"{item[1]}{item[2]}{space}{item[3]}", bold=heading)
        elif sub and len(sub[2]) < 60 and not sub[2].endswith("."):
            paragraph(doc, f"{sub[1]}{space}{sub[2]}", bold=True, italic=True)
        else:
            paragraph(doc, line)


def _wrapped(line: str) -> list[str]:
    """A long recipient as a clerk re-breaks it: the rest on a paragraph of its own."""
    if len(line) <= 60:
        return [line]
    cut = line.rfind(" ", 0, 60)
    return [line[:cut], line[cut + 1 :]]


def signature(doc: DocumentType, recipients: list[str], signer: list[str],
              habits: set[str]) -> None:
    doc.add_paragraph()
    table = two_columns(doc, (8.0, 8.5))
    left = table.cell(0, 0)
    lead = left.paragraphs[0].add_run(recipients[0])
    lead.bold, lead.italic, lead.underline = True, True, True
    lines = [x for x in recipients[1:] if x.strip()]
    if "recipients-shift-enter" in habits:
        p = left.add_paragraph()
        for k, line in enumerate(lines):
            run = p.add_run(line)
            run.font.size = Pt(12)
            if k < len(lines) - 1:
                run.add_break(WD_BREAK.LINE)
    else:
        for line in lines:
            for piece in _wrapped(line):
                left.add_paragraph().add_run(piece).font.size = Pt(12)
    styles = [{"bold": k == 0 or k == len(signer) - 1} for k in range(len(signer))]
    _cell_lines(table.cell(0, 1), signer, styles, 14)


def appendix(doc: DocumentType, lines: list[str]) -> None:
    """The phụ lục on a landscape page: caption lines, then the table."""
    section = doc.add_section()
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    captions = [x for x in lines if x.strip() and "\t" not in x]
    for k, line in enumerate(captions):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(line)
        run.bold, run.italic = k < 2, k == 2
    doc.add_paragraph()
    rows = [x.split("\t") for x in lines if "\t" in x]
    table = doc.add_table(rows=0, cols=len(rows[0]))
    table.style = "Table Grid"
    table.autofit = False
    if rows[0][2].startswith("Đơn vị"):  # indicators: a column per milestone
        widths = [1.2, 10.5, 3.0] + [2.5] * (len(rows[0]) - 4) + [5.5]
    else:  # tasks: who leads, who takes part, by when
        widths = [1.2, 8.5] + [14.0 / (len(rows[0]) - 2)] * (len(rows[0]) - 2)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    for k, row in enumerate(rows):
        cells = table.add_row().cells
        group = k == 0 or bool(re.fullmatch(r"[IVX]+", row[0]))
        for cell, value, width in zip(cells, row, widths, strict=True):
            cell.width = Cm(width)
            run = cell.paragraphs[0].add_run(value or NBSP)
            run.bold, run.font.size = group, Pt(13)
            if cell is not cells[1] or k == 0:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER


def build(source: Path) -> Path:
    """`source` (.txt) as a Word file beside it."""
    parts = sections(source.read_text(encoding="utf-8"))
    habits = {x.strip() for x in parts.get("habits", []) if x.strip()}
    doc = new_document()
    if "word-numbering" in habits:
        add_numbering(doc)
    header(doc, [x for x in parts["left"] if x.strip()], [x for x in parts["right"] if x.strip()],
           "nbsp" in habits)
    title(doc, parts["title"][0], [x for x in parts["summary"] if x.strip()])
    body(doc, parts["body"], habits)
    signer = parts["signer"]
    while signer and not signer[-1].strip():
        signer.pop()
    signature(doc, [x for x in parts["recipients"] if x.strip()], signer, habits)
    if parts.get("appendix"):
        appendix(doc, parts["appendix"])
    doc.core_properties.author = "Văn phòng"
    doc.core_properties.created = doc.core_properties.modified = FIXED
    target = source.with_suffix(".docx")
    doc.save(target)
    return target


def main() -> None:
    names = sys.argv[1:] or sorted(p.name for p in HERE.glob("*.txt"))
    for name in names:
        print(build(HERE / name))


if __name__ == "__main__":
    main()
