"""Word files typed the way clerks type them (issue 20, item 5), from any plan.

    from generated.word_habits import Habits, habits, typed_docx

`typed_docx(plan, habits)` writes the plan's text as an office's Word file: the header and
the signature as borderless tables (one row of two columns, or a 2×2 grid), parts and items
numbered by Word's automatic numbering or typed by hand, Shift+Enter line breaks inside a
paragraph (issuer lines, trích yếu, recipients), a recipient wrapped with Enter onto a
second paragraph without its dash, no-break spaces between words, table cells holding only a
no-break space, a blank day in the date line, and tables of the body and of the phụ lục as
real Word tables. What is written is the text the renderer prints (`document/context.py`),
so the file is the plan a clerk would have typed; `habits()` draws which habits a file has.
`tests/importer/test_word_habits.py` imports such files and checks every line is kept.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt
from hypothesis import strategies as st

from kehoach.document import context
from kehoach.plan.model import Plan
from kehoach.rules.profile import load_profile
from kehoach.rules.profile_dates import profile_on

NBSP = "\u00a0"


@dataclass(frozen=True)
class Habits:
    """Which of a clerk's habits a file shows."""

    auto_numbering: bool = False  # parts and items numbered by Word, not typed
    header_grid: bool = False  # the header as a 2×2 table (number and date in row 2)
    issuer_breaks: bool = False  # issuer lines joined by Shift+Enter in one paragraph
    summary_breaks: bool = True  # trích yếu lines joined by Shift+Enter
    blank_day: bool = False  # `ngày    tháng 02 năm 2024`
    no_break_spaces: bool = False  # some spaces typed as no-break spaces
    recipients_breaks: bool = False  # recipients in one paragraph, split by Shift+Enter
    recipient_wrapped: bool = False  # a recipient continued on a second paragraph
    signature_grid: bool = False  # the signature as a 2×2 table
    nbsp_cells: bool = False  # empty table cells holding a no-break space


def habits() -> st.SearchStrategy[Habits]:
    """Any combination of the habits."""
    return st.builds(Habits, *[st.booleans() for _ in range(10)])


# Word's automatic numbering: level 0 parts (I.), level 1 items (1.) restarting per part.
_ABSTRACT = f"""<w:abstractNum {nsdecls("w")} w:abstractNumId="77">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/>
    <w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:suff w:val="space"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
    <w:lvlText w:val="%2."/><w:lvlJc w:val="left"/><w:suff w:val="space"/></w:lvl>
</w:abstractNum>"""
_NUM = f'<w:num {nsdecls("w")} w:numId="77"><w:abstractNumId w:val="77"/></w:num>'
_SECTION = re.compile(r"^([IVXLC]+)\. (.+)$", re.S)
_ITEM = re.compile(r"^(\d+)\. (.+)$", re.S)


class _Writer:
    def __init__(self, plan: Plan, habits: Habits) -> None:
        self.plan, self.h = plan, habits
        self.profile = load_profile(plan.profile_id())
        self.ctx: dict[str, Any] = context.ke_hoach(plan, self.profile)
        self.doc = Document()
        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin, section.right_margin = Cm(3), Cm(1.5)
        style = self.doc.styles["Normal"]
        style.font.name, style.font.size = "Times New Roman", Pt(14)
        self.numbered = habits.auto_numbering and self._numbering()
        self.counter = 0

    # -- text habits --------------------------------------------------------------------

    def text(self, line: str) -> str:
        """A line with its second space typed as a no-break space."""
        if self.h.no_break_spaces and line.count(" ") > 1:
            first = line.index(" ")
            second = line.index(" ", first + 1)
            return line[:second] + NBSP + line[second + 1 :]
        return line

    def paragraph(
        self,
        container,
        lines: list[str],
        *,
        bold: bool = False,
        breaks: bool = False,
        center: bool = False,
    ):
        """One paragraph per line, or one paragraph of lines joined by Shift+Enter."""
        groups = [lines] if breaks else [[line] for line in lines]
        made = []
        for group in groups:
            p = container.add_paragraph()
            if center:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for k, line in enumerate(group):
                run = p.add_run(self.text(line))
                run.bold = bold
                if k < len(group) - 1:
                    run.add_break(WD_BREAK.LINE)
            made.append(p)
        return made

    # -- header and title ---------------------------------------------------------------

    def header(self) -> None:
        v = self.ctx["van_ban"]
        state = self.profile.tieu_ngu is not None
        upper = v["cap_tren"].split("\n") if v["cap_tren"] else []
        issuer = v["co_quan"].split("\n")
        number = [v["so_ky_hieu"]] + ([v["du_thao"]] if v["du_thao"] else [])
        mottos = [v["quoc_hieu"], v["tieu_ngu"]] if state else [self.profile.tieu_de.chu]
        date = v["dia_danh_ngay"]
        if self.h.blank_day and self._same_profile_all_month():
            date = re.sub(r"ngày \d+ tháng", "ngày    tháng", date)
        star = [self.profile.dau_sao.chu] if self.profile.dau_sao.chu else []
        rows = 2 if self.h.header_grid else 1
        table = self.doc.add_table(rows=rows, cols=2)
        left, right = table.cell(0, 0), table.cell(0, 1)
        bottom_left = table.cell(1, 0) if rows == 2 else left
        bottom_right = table.cell(1, 1) if rows == 2 else right
        self.paragraph(left, upper, center=True)
        self.paragraph(left, issuer, bold=True, breaks=self.h.issuer_breaks, center=True)
        self.paragraph(left, star, center=True)
        self.paragraph(bottom_left, number, center=True)
        self.paragraph(right, mottos, bold=True, center=True)
        self.paragraph(bottom_right, [date], center=True)
        for cell in table._cells:  # python-docx starts every cell with an empty paragraph
            first = cell.paragraphs[0]
            if not first.text and len(cell.paragraphs) > 1:
                first._p.getparent().remove(first._p)
        title = self.doc.add_paragraph()
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.add_run(v["ten_loai"]).bold = True
        summary = v["trich_yeu"].split("\n")
        self.paragraph(self.doc, summary, bold=True, breaks=self.h.summary_breaks, center=True)
        if self.ctx["gach_ngang"]:
            self.paragraph(self.doc, [self.ctx["gach_ngang"]], center=True)

    def _same_profile_all_month(self) -> bool:
        """Whether the month of the date has one format profile (a blank day in the month a
        new profile came in would change the profile, and so the document)."""
        h = self.plan.van_ban
        if not isinstance(h.ngay, dt.date) or self.plan.ho_so:
            return False
        month_end = profile_on(h.ngay.year, h.the_thuc, h.ngay.month)
        return month_end == profile_on(h.ngay.replace(day=1), h.the_thuc)

    # -- body -----------------------------------------------------------------------------

    def _numbering(self) -> bool:
        part = self.doc.part.numbering_part.element
        part.append(parse_xml(_ABSTRACT))
        part.append(parse_xml(_NUM))
        return True

    def _numbered(self, text: str, level: int) -> None:
        p = self.doc.add_paragraph()
        num = p._p.get_or_add_pPr().get_or_add_numPr()
        num.get_or_add_ilvl().val = level
        num.get_or_add_numId().val = 77
        p.add_run(self.text(text)).bold = True

    def body(self) -> None:
        for block in self.ctx["than"]:
            kind, text = block["kieu"], block.get("chu", "")
            if kind == "bang":
                self.table(
                    [c["t"] for c in block["cot"]],
                    [[c["t"] for c in r["o"]] for r in block["dong"]],
                )
                continue
            if kind == "gach":
                lead = f"{block['dan']}: " if block["dan"] else ""
                text = f"{block['dau']} {lead}{block['chu']}"
            section, item = _SECTION.match(text), _ITEM.match(text)
            if self.numbered and kind == "muc" and section:
                self._numbered(section.group(2), 0)
            elif self.numbered and kind == "tieu_muc" and item:
                self._numbered(item.group(2), 1)
            else:
                self.paragraph(self.doc, [text], bold=kind in ("muc", "tieu_muc"))

    def table(self, columns: list[str], rows: list[list[str]]) -> None:
        width = max([len(columns)] + [len(r) for r in rows])
        table = self.doc.add_table(rows=1 + len(rows), cols=width)
        table.style = "Table Grid"
        for r, cells in enumerate([columns, *rows]):
            for c in range(width):
                value = cells[c] if c < len(cells) else ""
                if not value and self.h.nbsp_cells:
                    value = NBSP
                table.cell(r, c).paragraphs[0].add_run(value)

    # -- signature and appendices -----------------------------------------------------------

    def signature(self) -> None:
        signer = self.ctx["chu_ky"]
        lines = [signer[k] for k in ("quyen_han", "chuc_vu", "ghi_chu") if signer.get(k)]
        lines = [x for line in lines for x in line.split("\n")]
        name = [signer["ho_ten"]] if signer.get("ho_ten") else []
        under = signer.get("duoi_ten", "").split("\n") if signer.get("duoi_ten") else []
        recipients = list(self.ctx["noi_nhan"])
        grid = self.h.signature_grid
        self.doc.add_paragraph()  # Word keeps a paragraph between two tables
        table = self.doc.add_table(rows=2 if grid else 1, cols=2)
        heading_cell, authority_cell = table.cell(0, 0), table.cell(0, 1)
        list_cell = table.cell(1, 0) if grid else heading_cell
        rest_cell = table.cell(1, 1) if grid else authority_cell
        self.paragraph(heading_cell, [self.profile.noi_nhan.chu], bold=True)
        if self.h.recipient_wrapped:
            recipients = _wrapped(recipients)
        self.paragraph(list_cell, recipients, breaks=self.h.recipients_breaks)
        self.paragraph(authority_cell, lines[:1], bold=True, center=True)
        self.paragraph(rest_cell, [*lines[1:], "", "", "", *name, *under], center=True)
        self.doc.add_paragraph()  # a Word document never ends with a table

    def appendices(self) -> None:
        for appendix in self.ctx["phu_luc"]:
            self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            heading = [appendix["tieu_de"]] + ([appendix["ten"]] if appendix["ten"] else [])
            self.paragraph(self.doc, heading, bold=True, center=True)
            self.paragraph(self.doc, [appendix["chu_thich"]], center=True)
            rows = [[c["t"] for c in row["o"]] for row in appendix["dong"]]
            self.table([c["t"] for c in appendix["cot"]], rows)

    def write(self) -> bytes:
        self.header()
        self.body()
        self.signature()
        self.appendices()
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def _wrapped(recipients: list[str]) -> list[str]:
    """The longest recipient of three words or more typed on two paragraphs, the second
    without its dash (as Word's Enter leaves it)."""
    candidates = [r for r in recipients[:-1] if len(r.split()) >= 4]
    if not candidates:
        return recipients
    longest = max(candidates, key=len)
    words = longest.split(" ")
    cut = len(words) // 2
    at = recipients.index(longest)
    first, second = " ".join(words[:cut]), " ".join(words[cut:])
    return [*recipients[:at], first, second, *recipients[at + 1 :]]


def typed_docx(plan: Plan, habits: Habits | None = None) -> bytes:
    """The plan as a clerk would have typed it in Word, with `habits`."""
    return _Writer(plan, habits or Habits()).write()


def has_numbering(data: bytes) -> bool:
    """Whether a DOCX numbers paragraphs with Word's automatic numbering."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return qn("w:numPr").split("}")[1] in package.read("word/document.xml").decode()
