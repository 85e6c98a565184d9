"""Build the DOCX templates in `templates/` from a format profile.

The template owns the formatting (named styles a clerk can restyle in Word); the
profile owns the numbers. This builder writes the profile into the template, so the
two never drift: `python -m kehoach.document.template_builder` after a profile change.
"""

from __future__ import annotations

import copy
import datetime as dt
import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from kehoach.document import ooxml
from kehoach.forms.report import BIEU_COLUMNS, TONG_HOP_COLUMNS
from kehoach.rules.profile import Profile, load_profile

TEMPLATE_DATE = dt.datetime(2018, 4, 3)  # fixed, so rebuilding gives the same bytes

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
}


def _para_style(
    doc,
    key: str,
    *,
    size: float,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    align=CENTER,
    base: str = "Normal",
):
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


def _styles(doc, p: Profile) -> None:
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

    _para_style(doc, "cap_tren", size=p.cap_tren.co, bold=p.cap_tren.dam)
    _para_style(doc, "co_quan", size=p.co_quan.co, bold=p.co_quan.dam)
    _para_style(doc, "dau_sao", size=p.dau_sao.co)
    _para_style(doc, "so_ky_hieu", size=p.so_ky_hieu.co)
    _para_style(doc, "du_thao", size=p.du_thao.co, italic=p.du_thao.nghieng)
    _para_style(doc, "tieu_de", size=p.tieu_de.co, bold=True)
    rule = _para_style(doc, "duong_ke", size=1)
    cell_mm = p.bang_dau.cot_phai_mm - 2 * 1.9  # Word's default cell margins
    side = max((cell_mm - p.tieu_de.duong_ke_mm) / 2, 0)
    rule.paragraph_format.left_indent = rule.paragraph_format.right_indent = Mm(side)
    ooxml.paragraph_border(rule.element.get_or_add_pPr(), "top", size_eighths=8)
    date = _para_style(
        doc, "dia_danh_ngay", size=p.dia_danh_ngay.co, italic=p.dia_danh_ngay.nghieng
    )
    date.paragraph_format.space_before = Pt(6)

    title = _para_style(doc, "ten_loai", size=p.ten_loai.co, bold=p.ten_loai.dam)
    title.paragraph_format.space_before = Pt(p.ten_loai.cach_tren_pt)
    title.paragraph_format.keep_with_next = True
    summary = _para_style(doc, "trich_yeu", size=p.trich_yeu.co, bold=p.trich_yeu.dam)
    summary.paragraph_format.keep_with_next = True
    _para_style(doc, "gach_ngang", size=p.gach_ngang.co)

    body = _para_style(doc, "van_ban", size=p.than.co, align=JUSTIFY)
    bf = body.paragraph_format
    bf.first_line_indent = Mm(p.than.thut_dau_dong_mm)
    bf.space_before = Pt(p.than.cach_tren_pt)
    bf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    bf.line_spacing = Pt(p.than.dong_chinh_xac_pt)
    bf.widow_control = True
    for key in ("muc", "tieu_muc"):
        heading = _para_style(
            doc, key, size=p.than.co, bold=True, align=JUSTIFY, base=STYLE["van_ban"]
        )
        heading.paragraph_format.keep_with_next = True
    _para_style(doc, "gach", size=p.than.co, align=JUSTIFY, base=STYLE["van_ban"])
    lead = doc.styles.add_style(STYLE["dan"], WD_STYLE_TYPE.CHARACTER)
    lead.font.italic = p.than.dan_nghieng

    signer = _para_style(doc, "quyen_han", size=p.chu_ky.co, bold=True)
    signer.paragraph_format.space_before = Pt(p.chu_ky.cach_tren_pt)
    _para_style(doc, "chuc_vu", size=p.chu_ky.co)
    name = _para_style(doc, "ho_ten", size=p.chu_ky.co, bold=True)
    name.paragraph_format.space_before = Pt(p.chu_ky.dong_trong * p.than.dong_chinh_xac_pt)
    recipients = _para_style(
        doc, "noi_nhan", size=p.noi_nhan.co, underline=p.noi_nhan.gach_chan, align=LEFT
    )
    recipients.paragraph_format.space_before = Pt(p.chu_ky.cach_tren_pt)
    _para_style(doc, "noi_nhan_dong", size=p.noi_nhan.co_dong, align=LEFT)
    _para_style(doc, "so_trang", size=p.so_trang.co)

    guide = _para_style(
        doc,
        "huong_dan",
        size=p.huong_dan.co,
        italic=p.huong_dan.nghieng,
        align=JUSTIFY,
        base=STYLE["van_ban"],
    )
    guide.paragraph_format.space_before = Pt(0)
    sub = _para_style(
        doc,
        "tieu_muc_con",
        size=p.tieu_muc_con.co,
        bold=p.tieu_muc_con.dam,
        italic=p.tieu_muc_con.nghieng,
        align=JUSTIFY,
        base=STYLE["van_ban"],
    )
    sub.paragraph_format.keep_with_next = True
    appendix = _para_style(doc, "phu_luc", size=p.phu_luc.co, bold=p.phu_luc.dam)
    appendix.paragraph_format.keep_with_next = True
    caption = _para_style(doc, "chu_thich", size=p.phu_luc.co, italic=True)
    caption.paragraph_format.space_after = Pt(6)
    _para_style(doc, "dong_trai", size=p.than.co, align=LEFT)
    _para_style(doc, "bang", size=p.bang.co, align=LEFT)
    _para_style(doc, "bang_giua", size=p.bang.co)
    _para_style(doc, "bang_dau", size=p.bang.co, bold=True)


def _add(container, key: str, text: str = ""):
    return container.add_paragraph(text, style=STYLE[key])


def _header_table(doc, p: Profile) -> None:
    table = doc.add_table(rows=1, cols=2)
    ooxml.borderless_table(
        table, [p.bang_dau.cot_trai_mm, p.bang_dau.cot_phai_mm], p.bang_dau.lui_trai_mm
    )
    left, right = table.rows[0].cells
    left.paragraphs[0].text = "{%p if van_ban.cap_tren %}"
    left.paragraphs[0].style = doc.styles[STYLE["cap_tren"]]
    _add(left, "cap_tren", "{{ van_ban.cap_tren }}")
    _add(left, "cap_tren", "{%p endif %}")
    _add(left, "co_quan", "{{ van_ban.co_quan }}")
    _add(left, "dau_sao", p.dau_sao.chu)
    _add(left, "so_ky_hieu", "{{ van_ban.so_ky_hieu }}")
    _add(left, "du_thao", "{%p if van_ban.du_thao %}")
    _add(left, "du_thao", "{{ van_ban.du_thao }}")
    _add(left, "du_thao", "{%p endif %}")
    right.paragraphs[0].text = p.tieu_de.chu
    right.paragraphs[0].style = doc.styles[STYLE["tieu_de"]]
    _add(right, "duong_ke")
    _add(right, "dia_danh_ngay", "{{ van_ban.dia_danh_ngay }}")


def _body(doc) -> None:
    _add(doc, "ten_loai", "{{ van_ban.ten_loai }}")
    _add(doc, "trich_yeu", "{{ van_ban.trich_yeu }}")
    _add(doc, "gach_ngang", "{{ gach_ngang }}")
    _add(doc, "van_ban", "{%p for b in than %}")
    _add(doc, "van_ban", "{%p if b.kieu == 'muc' %}")
    _add(doc, "muc", "{{ b.chu }}")
    _add(doc, "van_ban", "{%p elif b.kieu == 'tieu_muc' %}")
    _add(doc, "tieu_muc", "{{ b.chu }}")
    _add(doc, "van_ban", "{%p elif b.kieu == 'tieu_muc_con' %}")
    _add(doc, "tieu_muc_con", "{{ b.chu }}")
    _add(doc, "van_ban", "{%p elif b.kieu == 'huong_dan' %}")
    _add(doc, "huong_dan", "{{ b.chu }}")
    _add(doc, "van_ban", "{%p elif b.kieu == 'gach' %}")
    bullet = _add(doc, "gach", "{{ b.dau }} ")
    bullet.add_run("{% if b.dan %}{{ b.dan }}:{% endif %}", style=STYLE["dan"])
    bullet.add_run("{% if b.dan %} {% endif %}{{ b.chu }}")
    _add(doc, "van_ban", "{%p else %}")
    _add(doc, "van_ban", "{{ b.chu }}")
    _add(doc, "van_ban", "{%p endif %}")
    _add(doc, "van_ban", "{%p endfor %}")


def _signature_table(doc, p: Profile) -> None:
    table = doc.add_table(rows=1, cols=2)
    ooxml.borderless_table(table, [p.chu_ky.cot_trai_mm, p.chu_ky.cot_phai_mm])
    ooxml.keep_row_together(table.rows[0])
    left, right = table.rows[0].cells
    left.paragraphs[0].text = p.noi_nhan.chu
    left.paragraphs[0].style = doc.styles[STYLE["noi_nhan"]]
    _add(left, "noi_nhan_dong", "{%p for r in noi_nhan %}")
    _add(left, "noi_nhan_dong", "{{ r }}")
    _add(left, "noi_nhan_dong", "{%p endfor %}")
    right.paragraphs[0].text = "{{ chu_ky.quyen_han }}"
    right.paragraphs[0].style = doc.styles[STYLE["quyen_han"]]
    _add(right, "chuc_vu", "{{ chu_ky.chuc_vu }}")
    _add(right, "chuc_vu", "{%p if chu_ky.ghi_chu %}")
    _add(right, "chuc_vu", "{{ chu_ky.ghi_chu }}")
    _add(right, "chuc_vu", "{%p endif %}")
    _add(right, "ho_ten", "{{ chu_ky.ho_ten }}")


def _page(doc, p: Profile) -> None:
    section = doc.sections[0]
    page = p.trang
    section.page_width, section.page_height = Mm(page.rong_mm), Mm(page.cao_mm)
    section.top_margin, section.bottom_margin = Mm(page.le_tren_mm), Mm(page.le_duoi_mm)
    section.left_margin, section.right_margin = Mm(page.le_trai_mm), Mm(page.le_phai_mm)
    section.header_distance = Mm(page.dau_trang_mm)
    section.footer_distance = Mm(page.dau_trang_mm)
    section.gutter = Mm(0)
    if page.le_doi_xung:
        ooxml.mirror_margins(doc)
    # Page numbers from page 2: page 1 has its own, empty, header.
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.style = doc.styles[STYLE["so_trang"]]
    ooxml.page_field(number)
    section.first_page_header.is_linked_to_previous = False


def _landscape(section, p: Profile) -> None:
    page, margins = p.trang, p.trang_ngang
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(page.cao_mm), Mm(page.rong_mm)
    section.top_margin, section.bottom_margin = Mm(margins.le_tren_mm), Mm(margins.le_duoi_mm)
    section.left_margin, section.right_margin = Mm(margins.le_trai_mm), Mm(margins.le_phai_mm)


def _rows_table(doc, columns: list[tuple[str, str, bool]], widths: list[float]) -> None:
    """A bordered table: a repeated heading row, then one row per item of `dong`;
    an item with `nhom` is a group heading, in bold."""
    table = doc.add_table(rows=4, cols=len(columns))
    ooxml.grid_table(table, widths)
    ooxml.repeat_heading(table.rows[0])
    heading, start, row, end = table.rows
    for cell, (title, _key, _centred) in zip(heading.cells, columns, strict=True):
        cell.paragraphs[0].text = title
        cell.paragraphs[0].style = doc.styles[STYLE["bang_dau"]]
    start.cells[0].paragraphs[0].text = "{%tr for r in dong %}"
    end.cells[0].paragraphs[0].text = "{%tr endfor %}"
    for cell, (_title, key, centred) in zip(row.cells, columns, strict=True):
        paragraph = cell.paragraphs[0]
        paragraph.style = doc.styles[STYLE["bang_giua" if centred else "bang"]]
        paragraph.add_run(f"{{% if r.nhom %}}{{{{ r.{key} }}}}{{% endif %}}").bold = True
        paragraph.add_run(f"{{% if not r.nhom %}}{{{{ r.{key} }}}}{{% endif %}}")


def _new_document(profile: Profile):
    doc = Document()
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    _styles(doc, profile)
    _page(doc, profile)
    return doc


def _finish(doc, profile: Profile, title: str):
    doc.add_paragraph()  # a table may not end the document body
    # Leftovers of python-docx's default document: a page picture, Word 2010's copy of
    # all 160 styles (430 kB, most of the compression time), an empty custom XML item.
    package = doc.part.package
    for key, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del package.rels[key]
    for key, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith(("/stylesWithEffects", "/customXml")):
            del doc.part.rels[key]
    props = doc.core_properties
    props.author = props.last_modified_by = "kehoach"
    props.title = title
    props.comments = f"Thể thức: {profile.ten}"
    props.revision = 1
    props.created = props.modified = TEMPLATE_DATE
    return doc


def _page_settings(doc, p: Profile):
    """The body's section properties upright and turned (a wide phụ lục's own section)."""
    body = doc.element.body.sectPr
    portrait, landscape = copy.deepcopy(body), copy.deepcopy(body)
    page, margins = p.trang, p.trang_ngang
    size = landscape.find(qn("w:pgSz"))
    size.set(qn("w:w"), str(ooxml.twips(page.cao_mm)))
    size.set(qn("w:h"), str(ooxml.twips(page.rong_mm)))
    size.set(qn("w:orient"), "landscape")
    margin = landscape.find(qn("w:pgMar"))
    for key, mm in (
        ("top", margins.le_tren_mm),
        ("bottom", margins.le_duoi_mm),
        ("left", margins.le_trai_mm),
        ("right", margins.le_phai_mm),
    ):
        margin.set(qn(f"w:{key}"), str(ooxml.twips(mm)))
    return portrait, landscape


def _last_section_follows(doc, portrait, landscape) -> None:
    """The document's last section takes the turned size and margins when the last phụ
    lục is wide (`trang_ngang`); rendered upright, it is byte for byte the body's."""
    body = doc.element.body.sectPr
    for tag in ("w:pgSz", "w:pgMar"):
        upright, turned, node = portrait.find(qn(tag)), landscape.find(qn(tag)), body.find(qn(tag))
        for key in upright.attrib:
            if upright.get(key) != turned.get(key):
                choice = f"{turned.get(key)}{{% else %}}{upright.get(key)}"
                node.set(key, f"{{% if trang_ngang %}}{choice}{{% endif %}}")


def _appendices(doc, p: Profile) -> None:
    """Each phụ lục on a new page: title, name, caption, then its table, whose columns
    are as many as the context gives (`{%tc %}`)."""
    _add(doc, "phu_luc", "{%p for pl in phu_luc %}")
    portrait, landscape = _page_settings(doc, p)
    _add(doc, "phu_luc", "{%p if pl.ngat == 'doc' %}")
    _add(doc, "phu_luc")._p.get_or_add_pPr().append(copy.deepcopy(portrait))
    _add(doc, "phu_luc", "{%p elif pl.ngat == 'ngang' %}")
    _add(doc, "phu_luc")._p.get_or_add_pPr().append(copy.deepcopy(landscape))
    _add(doc, "phu_luc", "{%p else %}")
    _add(doc, "phu_luc").add_run().add_break(WD_BREAK.PAGE)
    _add(doc, "phu_luc", "{%p endif %}")
    _add(doc, "phu_luc", "{{ pl.tieu_de }}")
    _add(doc, "phu_luc", "{%p if pl.ten %}")
    _add(doc, "phu_luc", "{{ pl.ten }}")
    _add(doc, "phu_luc", "{%p endif %}")
    _add(doc, "chu_thich", "{{ pl.chu_thich }}")
    table = doc.add_table(rows=4, cols=3)
    width = p.trang.rong_mm - p.trang.le_trai_mm - p.trang.le_phai_mm
    ooxml.grid_table(table, [width / 3] * 3)
    table._tbl.tblPr.find(qn("w:tblW")).set(qn("w:w"), "{{ pl.rong }}")
    grid = table._tbl.tblGrid  # one gridCol per column of the context's table
    for extra in grid.findall(qn("w:gridCol"))[1:]:
        grid.remove(extra)
    grid.text = "{% for w in pl.grid %}"
    grid[0].set(qn("w:w"), "{{ w }}")
    grid[0].tail = "{% endfor %}"
    ooxml.repeat_heading(table.rows[0])
    heading, start, row, end = table.rows
    for cells, loop in ((heading.cells, "pl.cot"), (row.cells, "r.o")):
        cells[0].paragraphs[0].text = f"{{%tc for c in {loop} %}}"
        cells[2].paragraphs[0].text = "{%tc endfor %}"
        width_of = cells[1]._tc.get_or_add_tcPr().find(qn("w:tcW"))
        width_of.set(qn("w:w"), "{{ c.w }}")  # each column's width comes from the context
    title = heading.cells[1].paragraphs[0]
    title.text = "{{ c.t }}"
    title.style = doc.styles[STYLE["bang_dau"]]
    start.cells[0].paragraphs[0].text = "{%tr for r in pl.dong %}"
    end.cells[0].paragraphs[0].text = "{%tr endfor %}"
    cell = row.cells[1].paragraphs[0]
    cell.style = doc.styles[STYLE["bang"]]
    cell.add_run("{% if r.nhom %}{{ c.t }}{% endif %}").bold = True
    cell.add_run("{% if not r.nhom %}{{ c.t }}{% endif %}")
    _add(doc, "phu_luc", "{%p endfor %}")
    _last_section_follows(doc, portrait, landscape)


def build(profile: Profile):
    """The Kế hoạch template."""
    doc = _new_document(profile)
    _header_table(doc, profile)
    _body(doc)
    _signature_table(doc, profile)
    _appendices(doc, profile)
    return _finish(doc, profile, "Mẫu Kế hoạch")


def build_de_cuong(profile: Profile):
    """The report outline: a BÁO CÁO with guidance lines, the indicator table appended on a
    landscape page."""
    doc = _new_document(profile)
    _header_table(doc, profile)
    _body(doc)
    _signature_table(doc, profile)
    _landscape(doc.add_section(WD_SECTION_START.NEW_PAGE), profile)
    _add(doc, "phu_luc", "{{ phu_luc.tieu_de }}")
    _add(doc, "phu_luc", "{{ phu_luc.ten }}")
    _add(doc, "chu_thich", "{{ phu_luc.chu_thich }}")
    _rows_table(doc, BIEU_COLUMNS, profile.bang.cot_bieu_mm)
    return _finish(doc, profile, "Mẫu đề cương báo cáo")


def _landscape_sheet(doc, profile: Profile) -> None:
    _landscape(doc.sections[0], profile)
    _add(doc, "phu_luc", "{{ tieu_de }}")
    _add(doc, "chu_thich", "{{ phu_de }}")
    _add(doc, "dong_trai", "{%p for dong_dau in dau %}")
    _add(doc, "dong_trai", "{{ dong_dau }}")
    _add(doc, "dong_trai", "{%p endfor %}")


def build_bieu(profile: Profile):
    """The indicator table of a plan, on a landscape page."""
    doc = _new_document(profile)
    _landscape_sheet(doc, profile)
    _rows_table(doc, BIEU_COLUMNS, profile.bang.cot_bieu_mm)
    return _finish(doc, profile, "Mẫu biểu chỉ tiêu")


def build_tong_hop(profile: Profile):
    """The summary of the units' filled tables, on a landscape page."""
    doc = _new_document(profile)
    _landscape_sheet(doc, profile)
    _rows_table(doc, TONG_HOP_COLUMNS, profile.bang.cot_tong_hop_mm)
    _add(doc, "dong_trai", "{%p for dong_cuoi in cuoi %}")
    _add(doc, "dong_trai", "{{ dong_cuoi }}")
    _add(doc, "dong_trai", "{%p endfor %}")
    return _finish(doc, profile, "Mẫu tổng hợp chỉ tiêu")


TEMPLATES = {
    "ke_hoach.docx": build,
    "de_cuong_bao_cao.docx": build_de_cuong,
    "bieu_chi_tieu.docx": build_bieu,
    "tong_hop.docx": build_tong_hop,
}


def main(argv: list[str]) -> None:
    profile = load_profile(argv[0] if argv else "hd36-2018")
    folder = Path(argv[1]) if len(argv) > 1 else Path("templates")
    for name, builder in TEMPLATES.items():
        with (folder / name).open("wb") as out:
            ooxml.save_package(builder(profile), out)
        print(f"đã ghi {folder / name}")


if __name__ == "__main__":
    main(sys.argv[1:])
