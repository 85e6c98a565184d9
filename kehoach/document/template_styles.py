"""The named styles of the templates, written from the profile. The renderer and the
checker find paragraphs by these names; a clerk restyles them in Word."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from kehoach.document import ooxml
from kehoach.rules.profile import Profile

if TYPE_CHECKING:
    from docx.document import Document
    from docx.styles.style import ParagraphStyle

CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
LEFT = WD_ALIGN_PARAGRAPH.LEFT

# Names of the styles the renderer and the checker rely on.
STYLE = {
    "cap_tren": "KH Cap tren",
    "co_quan": "KH Co quan",
    "dau_sao": "KH Dau sao",
    "so_ky_hieu": "KH So ky hieu",
    "du_thao": "KH Du thao",
    "tieu_de": "KH Tieu de",
    "duong_ke": "KH Duong ke",
    "dia_danh_ngay": "KH Dia danh ngay",
    "ten_loai": "KH Ten loai",
    "trich_yeu": "KH Trich yeu",
    "gach_ngang": "KH Gach ngang",
    "van_ban": "KH Van ban",
    "ket_luan": "KH Ket luan",
    "muc": "KH Muc",
    "tieu_muc": "KH Tieu muc",
    "gach": "KH Gach dau dong",
    "dan": "KH Dan",
    "quyen_han": "KH Quyen han",
    "chuc_vu": "KH Chuc vu",
    "ho_ten": "KH Ho ten",
    "noi_nhan": "KH Noi nhan",
    "noi_nhan_dong": "KH Noi nhan dong",
    "so_trang": "KH So trang",
    "huong_dan": "KH Huong dan",
    "tieu_muc_con": "KH Tieu muc con",
    "phu_luc": "KH Phu luc",
    "chu_thich": "KH Chu thich",
    "bang": "KH Bang",
    "bang_giua": "KH Bang giua",
    "bang_dau": "KH Bang tieu de",
    "dong_trai": "KH Dong trai",
    # State documents (Nghị định 30): the Tiêu ngữ and the rules under issuer and trích yếu.
    "tieu_ngu": "KH Tieu ngu",
    "ke_co_quan": "KH Duong ke co quan",
}


def paragraph_style(
    doc: Document,
    key: str,
    *,
    size: float,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    align: WD_ALIGN_PARAGRAPH = CENTER,
    base: str = "Normal",
) -> ParagraphStyle:
    style = doc.styles.add_style(STYLE[key], WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles[base]
    style.quick_style = True
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    style.font.underline = underline
    style.paragraph_format.alignment = align
    return style


# python-docx's default document brings 160 styles; a clerk should see only ours.
_KEEP = {
    "Normal",
    "Default Paragraph Font",
    "Normal Table",
    "No List",
    "Header",
    "Header Char",
    "Footer",
    "Footer Char",
}


def add_styles(doc: Document, p: Profile) -> None:
    """Every style of the templates, in a fixed order (the order is in the bytes)."""
    _base_styles(doc, p)
    _heading_styles(doc, p)
    _body_styles(doc, p)
    _closing_styles(doc, p)
    _report_styles(doc, p)


def _base_styles(doc: Document, p: Profile) -> None:
    """Only our styles; Normal and the document defaults carry the profile's font."""
    for style in list(doc.styles):
        if style.name not in _KEEP:
            style.element.getparent().remove(style.element)
    normal = doc.styles["Normal"]
    normal.font.name = p.phong_chu
    normal.font.size = Pt(p.than.co)
    normal.font.color.rgb = RGBColor(0, 0, 0)
    ooxml.explicit_fonts(normal.element.get_or_add_rPr(), p.phong_chu)
    fmt = normal.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    default_run = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    ooxml.explicit_fonts(default_run, p.phong_chu)
    default_run.find(qn("w:lang")).set(qn("w:val"), "vi-VN")


def _heading_styles(doc: Document, p: Profile) -> None:
    """The header block: issuer, number, date, title and trích yếu."""
    paragraph_style(doc, "cap_tren", size=p.cap_tren.co, bold=p.cap_tren.dam)
    paragraph_style(doc, "co_quan", size=p.co_quan.co, bold=p.co_quan.dam)
    paragraph_style(doc, "dau_sao", size=p.dau_sao.co)
    paragraph_style(doc, "so_ky_hieu", size=p.so_ky_hieu.co)
    paragraph_style(doc, "du_thao", size=p.du_thao.co, italic=p.du_thao.nghieng)
    paragraph_style(doc, "tieu_de", size=p.tieu_de.co, bold=p.tieu_de.dam)
    motto = p.tieu_ngu or p.tieu_de  # the line the rule is drawn under
    if p.tieu_ngu:
        paragraph_style(doc, "tieu_ngu", size=p.tieu_ngu.co, bold=p.tieu_ngu.dam)
    _rule(doc, "duong_ke", p.bang_dau.cot_phai_mm, motto.duong_ke_mm)
    if p.co_quan.duong_ke_mm:
        _rule(doc, "ke_co_quan", p.bang_dau.cot_trai_mm, p.co_quan.duong_ke_mm)
    date = paragraph_style(
        doc, "dia_danh_ngay", size=p.dia_danh_ngay.co, italic=p.dia_danh_ngay.nghieng
    )
    date.paragraph_format.space_before = Pt(6)

    title = paragraph_style(doc, "ten_loai", size=p.ten_loai.co, bold=p.ten_loai.dam)
    title.paragraph_format.space_before = Pt(p.ten_loai.cach_tren_pt)
    title.paragraph_format.keep_with_next = True
    summary = paragraph_style(doc, "trich_yeu", size=p.trich_yeu.co, bold=p.trich_yeu.dam)
    summary.paragraph_format.keep_with_next = True
    if p.gach_ngang.duong_ke_mm:  # a State document rules a line under the trích yếu
        width = p.trang.rong_mm - p.trang.le_trai_mm - p.trang.le_phai_mm + 2 * ooxml.CELL_MARGIN_MM
        rule = _rule(doc, "gach_ngang", width, p.gach_ngang.duong_ke_mm)
        # Clear of the trích yếu's descenders: drawn at the top of its own line it sat on
        # them and read as the title underlined (review finding 31).
        rule.paragraph_format.space_before = Pt(RULE_GAP_PT)
    else:
        paragraph_style(doc, "gach_ngang", size=p.gach_ngang.co)


RULE_GAP_PT = 6
"""Between the trích yếu and the rule under it: below the descenders of its last line."""


def _rule(doc: Document, key: str, column_mm: float, length_mm: float) -> ParagraphStyle:
    """A centred solid line `length_mm` long in a column `column_mm` wide: an empty
    paragraph with a top border, indented from both sides."""
    rule = paragraph_style(doc, key, size=1)
    side = ooxml.rule_indent_mm(column_mm, length_mm)
    rule.paragraph_format.left_indent = rule.paragraph_format.right_indent = Mm(side)
    ooxml.paragraph_border(rule.element.get_or_add_pPr(), "top", size_eighths=8)
    return rule


def _body_styles(doc: Document, p: Profile) -> None:
    """The body: paragraphs, headings, bullets and their lead-ins."""
    body = paragraph_style(doc, "van_ban", size=p.than.co, align=JUSTIFY)
    bf = body.paragraph_format
    bf.first_line_indent = Mm(p.than.thut_dau_dong_mm)
    bf.space_before = Pt(p.than.cach_tren_pt)
    bf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    bf.line_spacing = Pt(p.than.dong_chinh_xac_pt)
    bf.widow_control = True
    for key in ("muc", "tieu_muc"):
        heading = paragraph_style(
            doc, key, size=p.than.co, bold=True, align=JUSTIFY, base=STYLE["van_ban"]
        )
        heading.paragraph_format.keep_with_next = True
    paragraph_style(doc, "gach", size=p.than.co, align=JUSTIFY, base=STYLE["van_ban"])
    # The closing sentence stays whole and on the signature's page: the signature block
    # never sits alone on the last page.
    closing = paragraph_style(doc, "ket_luan", size=p.than.co, align=JUSTIFY, base=STYLE["van_ban"])
    closing.paragraph_format.keep_with_next = True
    closing.paragraph_format.keep_together = True
    lead = doc.styles.add_style(STYLE["dan"], WD_STYLE_TYPE.CHARACTER)
    lead.font.italic = p.than.dan_nghieng


def _closing_styles(doc: Document, p: Profile) -> None:
    """The signature, the Nơi nhận block and the page number."""
    signer = paragraph_style(doc, "quyen_han", size=p.chu_ky.co, bold=p.chu_ky.dam)
    signer.paragraph_format.space_before = Pt(p.chu_ky.cach_tren_pt)
    paragraph_style(doc, "chuc_vu", size=p.chu_ky.co, bold=p.chu_ky.chuc_vu_dam)
    name = paragraph_style(doc, "ho_ten", size=p.chu_ky.co, bold=p.chu_ky.dam)
    name.paragraph_format.space_before = Pt(p.chu_ky.dong_trong * p.than.dong_chinh_xac_pt)
    recipients = paragraph_style(
        doc,
        "noi_nhan",
        size=p.noi_nhan.co,
        bold=p.noi_nhan.dam,
        italic=p.noi_nhan.nghieng,
        underline=p.noi_nhan.gach_chan,
        align=LEFT,
    )
    recipients.paragraph_format.space_before = Pt(p.chu_ky.cach_tren_pt)
    paragraph_style(doc, "noi_nhan_dong", size=p.noi_nhan.co_dong, align=LEFT)
    paragraph_style(doc, "so_trang", size=p.so_trang.co)


def _report_styles(doc: Document, p: Profile) -> None:
    """The report outline, the appendix and its tables."""
    guide = paragraph_style(
        doc,
        "huong_dan",
        size=p.huong_dan.co,
        italic=p.huong_dan.nghieng,
        align=JUSTIFY,
        base=STYLE["van_ban"],
    )
    guide.paragraph_format.space_before = Pt(0)
    sub = paragraph_style(
        doc,
        "tieu_muc_con",
        size=p.tieu_muc_con.co,
        bold=p.tieu_muc_con.dam,
        italic=p.tieu_muc_con.nghieng,
        align=JUSTIFY,
        base=STYLE["van_ban"],
    )
    sub.paragraph_format.keep_with_next = True
    appendix = paragraph_style(doc, "phu_luc", size=p.phu_luc.co, bold=p.phu_luc.dam)
    appendix.paragraph_format.keep_with_next = True
    caption = paragraph_style(doc, "chu_thich", size=p.phu_luc.co, italic=True)
    caption.paragraph_format.space_after = Pt(6)
    paragraph_style(doc, "dong_trai", size=p.than.co, align=LEFT)
    paragraph_style(doc, "bang", size=p.bang.co, align=LEFT)
    paragraph_style(doc, "bang_giua", size=p.bang.co)
    paragraph_style(doc, "bang_dau", size=p.bang.co, bold=True)
