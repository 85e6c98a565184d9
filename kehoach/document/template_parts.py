"""The parts the templates are built from: the header and signature tables, the body's
loop over blocks, the page set-up and the bordered tables of rows. Each writes the
docxtpl tags the context of `document/context.py` fills."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.enum.section import WD_ORIENT
from docx.shared import Mm

from kehoach.document import ooxml
from kehoach.document.template_styles import STYLE
from kehoach.rules.profile import Profile

if TYPE_CHECKING:
    from docx.blkcntnr import BlockItemContainer
    from docx.document import Document
    from docx.section import Section
    from docx.text.paragraph import Paragraph


def add(container: Document | BlockItemContainer, key: str, text: str = "") -> Paragraph:
    return container.add_paragraph(text, style=STYLE[key])


def header_table(doc: Document, p: Profile) -> None:
    table = doc.add_table(rows=1, cols=2)
    ooxml.borderless_table(
        table, [p.bang_dau.cot_trai_mm, p.bang_dau.cot_phai_mm], p.bang_dau.lui_trai_mm
    )
    left, right = table.rows[0].cells
    left.paragraphs[0].text = "{%p if van_ban.cap_tren %}"
    left.paragraphs[0].style = doc.styles[STYLE["cap_tren"]]
    add(left, "cap_tren", "{{ van_ban.cap_tren }}")
    add(left, "cap_tren", "{%p endif %}")
    add(left, "co_quan", "{{ van_ban.co_quan }}")
    add(left, "dau_sao", p.dau_sao.chu)
    add(left, "so_ky_hieu", "{{ van_ban.so_ky_hieu }}")
    add(left, "du_thao", "{%p if van_ban.du_thao %}")
    add(left, "du_thao", "{{ van_ban.du_thao }}")
    add(left, "du_thao", "{%p endif %}")
    right.paragraphs[0].text = p.tieu_de.chu
    right.paragraphs[0].style = doc.styles[STYLE["tieu_de"]]
    add(right, "duong_ke")
    add(right, "dia_danh_ngay", "{{ van_ban.dia_danh_ngay }}")


def body(doc: Document) -> None:
    add(doc, "ten_loai", "{{ van_ban.ten_loai }}")
    add(doc, "trich_yeu", "{{ van_ban.trich_yeu }}")
    add(doc, "gach_ngang", "{{ gach_ngang }}")
    add(doc, "van_ban", "{%p for b in than %}")
    add(doc, "van_ban", "{%p if b.kieu == 'muc' %}")
    add(doc, "muc", "{{ b.chu }}")
    add(doc, "van_ban", "{%p elif b.kieu == 'tieu_muc' %}")
    add(doc, "tieu_muc", "{{ b.chu }}")
    add(doc, "van_ban", "{%p elif b.kieu == 'tieu_muc_con' %}")
    add(doc, "tieu_muc_con", "{{ b.chu }}")
    add(doc, "van_ban", "{%p elif b.kieu == 'huong_dan' %}")
    add(doc, "huong_dan", "{{ b.chu }}")
    add(doc, "van_ban", "{%p elif b.kieu == 'gach' %}")
    bullet = add(doc, "gach", "{{ b.dau }} ")
    bullet.add_run("{% if b.dan %}{{ b.dan }}:{% endif %}", style=STYLE["dan"])
    bullet.add_run("{% if b.dan %} {% endif %}{{ b.chu }}")
    add(doc, "van_ban", "{%p else %}")
    add(doc, "van_ban", "{{ b.chu }}")
    add(doc, "van_ban", "{%p endif %}")
    add(doc, "van_ban", "{%p endfor %}")


def signature_table(doc: Document, p: Profile) -> None:
    table = doc.add_table(rows=1, cols=2)
    ooxml.borderless_table(table, [p.chu_ky.cot_trai_mm, p.chu_ky.cot_phai_mm])
    ooxml.keep_row_together(table.rows[0])
    left, right = table.rows[0].cells
    left.paragraphs[0].text = p.noi_nhan.chu
    left.paragraphs[0].style = doc.styles[STYLE["noi_nhan"]]
    add(left, "noi_nhan_dong", "{%p for r in noi_nhan %}")
    add(left, "noi_nhan_dong", "{{ r }}")
    add(left, "noi_nhan_dong", "{%p endfor %}")
    right.paragraphs[0].text = "{{ chu_ky.quyen_han }}"
    right.paragraphs[0].style = doc.styles[STYLE["quyen_han"]]
    add(right, "chuc_vu", "{{ chu_ky.chuc_vu }}")
    add(right, "chuc_vu", "{%p if chu_ky.ghi_chu %}")
    add(right, "chuc_vu", "{{ chu_ky.ghi_chu }}")
    add(right, "chuc_vu", "{%p endif %}")
    add(right, "ho_ten", "{{ chu_ky.ho_ten }}")


def page(doc: Document, p: Profile) -> None:
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


def landscape(section: Section, p: Profile) -> None:
    page, margins = p.trang, p.trang_ngang
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(page.cao_mm), Mm(page.rong_mm)
    section.top_margin, section.bottom_margin = Mm(margins.le_tren_mm), Mm(margins.le_duoi_mm)
    section.left_margin, section.right_margin = Mm(margins.le_trai_mm), Mm(margins.le_phai_mm)


def rows_table(doc: Document, columns: list[tuple[str, str, bool]], widths: list[float]) -> None:
    """A bordered table: a repeated heading row, then one row per item of `dong`;
    an item with `nhom` is a group heading, in bold."""
    table = doc.add_table(rows=4, cols=len(columns))
    ooxml.grid_table(table, widths)
    ooxml.repeat_heading(table.rows[0])
    heading, start, row, end = table.rows
    ooxml.keep_row_together(row)
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
