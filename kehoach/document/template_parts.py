"""The parts the templates are built from: the header and signature tables, the body's
loop over blocks, the page set-up and the bordered tables of rows. Each writes the
docxtpl tags the context of `document/context.py` fills."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
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


def header_table_state(doc: Document, p: Profile) -> None:
    """The State header (Nghị định 30): issuer and Quốc hiệu with Tiêu ngữ in the first row,
    each ruled; the number and the place and date on one line in the second."""
    table = doc.add_table(rows=2, cols=2)
    ooxml.borderless_table(
        table, [p.bang_dau.cot_trai_mm, p.bang_dau.cot_phai_mm], p.bang_dau.lui_trai_mm
    )
    (left, right), (number, date) = table.rows[0].cells, table.rows[1].cells
    left.paragraphs[0].text = "{%p if van_ban.cap_tren %}"
    left.paragraphs[0].style = doc.styles[STYLE["cap_tren"]]
    add(left, "cap_tren", "{{ van_ban.cap_tren }}")
    add(left, "cap_tren", "{%p endif %}")
    add(left, "co_quan", "{{ van_ban.co_quan }}")
    add(left, "ke_co_quan")
    right.paragraphs[0].text = "{{ van_ban.quoc_hieu }}"
    right.paragraphs[0].style = doc.styles[STYLE["tieu_de"]]
    add(right, "tieu_ngu", "{{ van_ban.tieu_ngu }}")
    add(right, "duong_ke")
    number.paragraphs[0].text = "{{ van_ban.so_ky_hieu }}"
    number.paragraphs[0].style = doc.styles[STYLE["so_ky_hieu"]]
    add(number, "du_thao", "{%p if van_ban.du_thao %}")
    add(number, "du_thao", "{{ van_ban.du_thao }}")
    add(number, "du_thao", "{%p endif %}")
    date.paragraphs[0].text = "{{ van_ban.dia_danh_ngay }}"
    date.paragraphs[0].style = doc.styles[STYLE["dia_danh_ngay"]]


def body(doc: Document, p: Profile) -> None:
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
    add(doc, "van_ban", "{%p elif b.kieu == 'ket' %}")
    add(doc, "ket_luan", "{{ b.chu }}")
    add(doc, "van_ban", "{%p elif b.kieu == 'gach' %}")
    bullet(doc)
    add(doc, "van_ban", "{%p elif b.kieu == 'bang' %}")
    grid(doc, "b", p)
    add(doc, "van_ban", "{%p else %}")
    add(doc, "van_ban", "{{ b.chu }}")
    add(doc, "van_ban", "{%p endif %}")
    add(doc, "van_ban", "{%p endfor %}")


def bullet(doc: Document) -> None:
    """A bullet block `b`: its mark, its lead in italics, its text."""
    line = add(doc, "gach", "{{ b.dau }} ")
    line.add_run("{% if b.dan %}{{ b.dan }}:{% endif %}", style=STYLE["dan"])
    line.add_run("{% if b.dan %} {% endif %}{{ b.chu }}")


def grid(doc: Document, name: str, p: Profile) -> None:
    """A bordered table of as many columns as the context's `name.cot` gives, its widths
    `name.grid` (twips), then the rows `name.dong` (cells `o`, a group row `nhom` in bold);
    without lines where `name.khung` is false."""
    table = doc.add_table(rows=4, cols=3)
    width = p.trang.rong_mm - p.trang.le_trai_mm - p.trang.le_phai_mm
    ooxml.grid_table(table, [width / 3] * 3)
    table._tbl.tblPr.find(qn("w:tblW")).set(qn("w:w"), f"{{{{ {name}.rong }}}}")
    for edge in table._tbl.tblPr.find(qn("w:tblBorders")):  # a form's layout table: none
        edge.set(qn("w:val"), f"{{% if {name}.khung %}}single{{% else %}}nil{{% endif %}}")
    columns = table._tbl.tblGrid  # one gridCol per column of the context's table
    for extra in columns.findall(qn("w:gridCol"))[1:]:
        columns.remove(extra)
    columns.text = f"{{% for w in {name}.grid %}}"
    columns[0].set(qn("w:w"), "{{ w }}")
    columns[0].tail = "{% endfor %}"
    ooxml.repeat_heading(table.rows[0])
    heading, start, row, end = table.rows
    ooxml.keep_row_together(row)
    for cells, loop in ((heading.cells, f"{name}.cot"), (row.cells, "r.o")):
        cells[0].paragraphs[0].text = f"{{%tc for c in {loop} %}}"
        cells[2].paragraphs[0].text = "{%tc endfor %}"
        width_of = cells[1]._tc.get_or_add_tcPr().find(qn("w:tcW"))
        width_of.set(qn("w:w"), "{{ c.w }}")  # each column's width comes from the context
    title = heading.cells[1].paragraphs[0]
    title.text = "{{ c.t }}"
    title.style = doc.styles[STYLE["bang_dau"]]
    start.cells[0].paragraphs[0].text = f"{{%tr for r in {name}.dong %}}"
    end.cells[0].paragraphs[0].text = "{%tr endfor %}"
    body = row.cells[1]  # centred where the context says so (`c.g`: STT, units, numbers)
    body.paragraphs[0].text = "{%p if c.g %}"
    for key in ("bang_giua", "bang"):
        cell = add(body, key)
        cell.add_run("{% if r.nhom %}{{ c.t }}{% endif %}").bold = True
        cell.add_run("{% if not r.nhom %}{{ c.t }}{% endif %}")
        add(body, "bang", "{%p else %}" if key == "bang_giua" else "{%p endif %}")


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
    add(right, "chuc_vu", "{%p if chu_ky.duoi_ten %}")
    add(right, "chuc_vu", "{{ chu_ky.duoi_ten }}")
    add(right, "chuc_vu", "{%p endif %}")


def co_signers_table(doc: Document, p: Profile) -> None:
    """The other signers of a joint plan (`cung_ky`), two by two under the signature: a
    borderless row per pair, each cell a signer's authority, title, note, name."""
    add(doc, "van_ban", "{%p if cung_ky %}")
    table = doc.add_table(rows=3, cols=2)
    half = (p.chu_ky.cot_trai_mm + p.chu_ky.cot_phai_mm) / 2
    ooxml.borderless_table(table, [half, half])
    start, row, end = table.rows
    ooxml.keep_row_together(row)
    start.cells[0].paragraphs[0].text = "{%tr for d in cung_ky %}"
    end.cells[0].paragraphs[0].text = "{%tr endfor %}"
    for cell, side in zip(row.cells, ("trai", "phai"), strict=True):
        s = f"d.{side}"
        cell.paragraphs[0].text = f"{{{{ {s}.quyen_han }}}}"
        cell.paragraphs[0].style = doc.styles[STYLE["quyen_han"]]
        add(cell, "chuc_vu", f"{{{{ {s}.chuc_vu }}}}")
        add(cell, "chuc_vu", f"{{%p if {s}.ghi_chu %}}")
        add(cell, "chuc_vu", f"{{{{ {s}.ghi_chu }}}}")
        add(cell, "chuc_vu", "{%p endif %}")
        add(cell, "ho_ten", f"{{{{ {s}.ho_ten }}}}")
        add(cell, "chuc_vu", f"{{%p if {s}.duoi_ten %}}")
        add(cell, "chuc_vu", f"{{{{ {s}.duoi_ten }}}}")
        add(cell, "chuc_vu", "{%p endif %}")
    add(doc, "van_ban", "{%p endif %}")


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
