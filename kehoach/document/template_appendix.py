"""The phụ lục part of the Kế hoạch template: each appendix on a new page (or a landscape
section of its own when wide), its title, name, caption, a table whose columns are as
many as the context gives, then its own paragraphs and tables."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn

from kehoach.document import ooxml
from kehoach.document.template_parts import add, bullet, grid
from kehoach.rules.profile import Profile

if TYPE_CHECKING:
    from docx.document import Document
    from docx.oxml.section import CT_SectPr


def appendices(doc: Document, p: Profile) -> None:
    """Each phụ lục on a new page: title, name, caption, then its table (`{%tc %}`)."""
    add(doc, "phu_luc", "{%p for pl in phu_luc %}")
    portrait, landscape = _page_settings(doc, p)
    # A break closes the section before it: the body's, or the previous phụ lục's, which
    # is numbered from 1 when the profile numbers each phụ lục on its own (`pl.so_lai`).
    for settings in (portrait, landscape):
        ooxml.restart_page_numbers(settings, "pl.so_lai")
    add(doc, "phu_luc", "{%p if pl.ngat == 'doc' %}")
    add(doc, "phu_luc")._p.get_or_add_pPr().append(copy.deepcopy(portrait))
    add(doc, "phu_luc", "{%p elif pl.ngat == 'ngang' %}")
    add(doc, "phu_luc")._p.get_or_add_pPr().append(copy.deepcopy(landscape))
    add(doc, "phu_luc", "{%p else %}")
    add(doc, "phu_luc").add_run().add_break(WD_BREAK.PAGE)
    add(doc, "phu_luc", "{%p endif %}")
    add(doc, "phu_luc", "{{ pl.tieu_de }}")
    add(doc, "phu_luc", "{%p if pl.ten %}")
    add(doc, "phu_luc", "{{ pl.ten }}")
    add(doc, "phu_luc", "{%p endif %}")
    add(doc, "chu_thich", "{{ pl.chu_thich }}")
    add(doc, "phu_luc", "{%p if pl.cot %}")
    grid(doc, "pl", p)
    add(doc, "phu_luc", "{%p endif %}")
    _own_blocks(doc, p)
    add(doc, "phu_luc", "{%p endfor %}")
    _last_section_follows(doc, portrait, landscape)
    ooxml.restart_page_numbers(doc.element.body.sectPr, "so_trang_phu_luc")


def _own_blocks(doc: Document, p: Profile) -> None:
    """The phụ lục's own paragraphs and tables (`pl.doan`), after its table: a form's text."""
    add(doc, "van_ban", "{%p for b in pl.doan %}")
    add(doc, "van_ban", "{%p if b.kieu == 'bang' %}")
    grid(doc, "b", p)
    add(doc, "van_ban", "{%p elif b.kieu == 'gach' %}")
    bullet(doc)
    add(doc, "van_ban", "{%p else %}")
    add(doc, "van_ban", "{{ b.chu }}")
    add(doc, "van_ban", "{%p endif %}")
    add(doc, "van_ban", "{%p endfor %}")


def _page_settings(doc: Document, p: Profile) -> tuple[CT_SectPr, CT_SectPr]:
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


def _last_section_follows(doc: Document, portrait: CT_SectPr, landscape: CT_SectPr) -> None:
    """The document's last section takes the turned size and margins when the last phụ
    lục is wide (`trang_ngang`); rendered upright, it is byte for byte the body's."""
    body = doc.element.body.sectPr
    sizes = (portrait.get_or_add_pgSz(), landscape.get_or_add_pgSz(), body.get_or_add_pgSz())
    margins = (portrait.get_or_add_pgMar(), landscape.get_or_add_pgMar(), body.get_or_add_pgMar())
    for upright, turned, node in (sizes, margins):  # every one there: the default template's
        for key in upright.attrib:
            if upright.get(key) != turned.get(key):
                choice = f"{turned.get(key)}{{% else %}}{upright.get(key)}"
                node.set(key, f"{{% if trang_ngang %}}{choice}{{% endif %}}")
