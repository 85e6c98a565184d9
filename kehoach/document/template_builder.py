"""Build the DOCX templates in `templates/` from a format profile.

The template owns the formatting (named styles a clerk can restyle in Word); the
profile owns the numbers. This builder writes the profile into the template, so the
two never drift: `python -m kehoach.document.template_builder` after a profile change.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from docx import Document
from docx.enum.section import WD_SECTION_START
from docx.oxml.ns import qn

from kehoach.document import ooxml
from kehoach.document import template_parts as parts
from kehoach.document.columns import BIEU_COLUMNS, TONG_HOP_COLUMNS
from kehoach.document.template_appendix import appendices
from kehoach.document.template_styles import add_styles
from kehoach.rules.profile import Profile, load_profile

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

TEMPLATE_DATE = dt.datetime(2018, 4, 3)  # fixed, so rebuilding gives the same bytes


def _new_document(profile: Profile) -> DocxDocument:
    doc = Document()
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    add_styles(doc, profile)
    parts.page(doc, profile)
    return doc


def _finish(doc: DocxDocument, profile: Profile, title: str) -> DocxDocument:
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


def _with_appendices(profile: Profile, title: str) -> DocxDocument:
    """Header (the Party's, or the State's when the profile has a Tiêu ngữ: `nd30-2020`),
    body of blocks, signature, then the phụ lục (each on its page, landscape when wide):
    a Kế hoạch, and a báo cáo with its indicator table."""
    doc = _new_document(profile)
    if profile.tieu_ngu:
        parts.header_table_state(doc, profile)
    else:
        parts.header_table(doc, profile)
    parts.body(doc, profile)
    parts.signature_table(doc, profile)
    parts.co_signers_table(doc, profile)
    appendices(doc, profile)
    return _finish(doc, profile, title)


def build(profile: Profile) -> DocxDocument:
    """The Kế hoạch template."""
    return _with_appendices(profile, "Mẫu Kế hoạch")


def build_bao_cao(profile: Profile) -> DocxDocument:
    """The report on a plan (`kehoach report`): the Kế hoạch's parts, its own file so a
    clerk can restyle one without the other."""
    return _with_appendices(profile, "Mẫu báo cáo")


def build_de_cuong(profile: Profile) -> DocxDocument:
    """The report outline: a BÁO CÁO with guidance lines, the indicator table appended on a
    landscape page."""
    doc = _new_document(profile)
    parts.header_table(doc, profile)
    parts.body(doc, profile)
    parts.signature_table(doc, profile)
    parts.landscape(doc.add_section(WD_SECTION_START.NEW_PAGE), profile)
    parts.add(doc, "phu_luc", "{{ phu_luc.tieu_de }}")
    parts.add(doc, "phu_luc", "{{ phu_luc.ten }}")
    parts.add(doc, "chu_thich", "{{ phu_luc.chu_thich }}")
    parts.rows_table(doc, BIEU_COLUMNS, profile.bang.cot_bieu_mm)
    ooxml.restart_page_numbers(doc.element.body.sectPr, "so_trang_phu_luc")
    return _finish(doc, profile, "Mẫu đề cương báo cáo")


def _landscape_sheet(doc: DocxDocument, profile: Profile) -> None:
    parts.landscape(doc.sections[0], profile)
    parts.add(doc, "phu_luc", "{{ tieu_de }}")
    parts.add(doc, "chu_thich", "{{ phu_de }}")
    parts.add(doc, "dong_trai", "{%p for dong_dau in dau %}")
    parts.add(doc, "dong_trai", "{{ dong_dau }}")
    parts.add(doc, "dong_trai", "{%p endfor %}")


def build_bieu(profile: Profile) -> DocxDocument:
    """The indicator table of a plan, on a landscape page."""
    doc = _new_document(profile)
    _landscape_sheet(doc, profile)
    parts.rows_table(doc, BIEU_COLUMNS, profile.bang.cot_bieu_mm)
    return _finish(doc, profile, "Mẫu biểu chỉ tiêu")


def build_tong_hop(profile: Profile) -> DocxDocument:
    """The summary of the units' filled tables, on a landscape page."""
    doc = _new_document(profile)
    _landscape_sheet(doc, profile)
    parts.rows_table(doc, TONG_HOP_COLUMNS, profile.bang.cot_tong_hop_mm)
    parts.add(doc, "dong_trai", "{%p for dong_cuoi in cuoi %}")
    parts.add(doc, "dong_trai", "{{ dong_cuoi }}")
    parts.add(doc, "dong_trai", "{%p endfor %}")
    return _finish(doc, profile, "Mẫu tổng hợp chỉ tiêu")


TEMPLATES: dict[str, Callable[[Profile], DocxDocument]] = {
    "ke_hoach.docx": build,
    "de_cuong_bao_cao.docx": build_de_cuong,
    "bieu_chi_tieu.docx": build_bieu,
    "tong_hop.docx": build_tong_hop,
    "bao_cao.docx": build_bao_cao,
}


PROFILE_TEMPLATES: dict[str, dict[str, Callable[[Profile], DocxDocument]]] = {
    "nd30-2020": {"ke_hoach.docx": build}
}
"""Profiles with a template of their own (`mau`): it ships as `<name>_<mau>.docx`."""


def shipped() -> dict[str, tuple[str, Callable[[Profile], DocxDocument]]]:
    """Every template kehoach ships: file name → (the profile it is built from, builder)."""
    out = {name: ("hd36-2018", builder) for name, builder in TEMPLATES.items()}
    for profile_id, builders in PROFILE_TEMPLATES.items():
        suffix = load_profile(profile_id).mau
        for name, builder in builders.items():
            out[name.replace(".docx", f"_{suffix}.docx")] = (profile_id, builder)
    return out


def main(argv: list[str]) -> None:
    """`[PROFILE [FOLDER]]`: without a profile, every shipped template; with one, the
    shared templates built from it (an office's own profile)."""
    folder = Path(argv[1]) if len(argv) > 1 else Path("templates")
    chosen = shipped()
    if argv:
        chosen = {name: (argv[0], builder) for name, builder in TEMPLATES.items()}
    for name, (profile_id, builder) in chosen.items():
        with (folder / name).open("wb") as out:
            ooxml.save_package(builder(load_profile(profile_id)), out)
        print(f"đã ghi {folder / name}")


if __name__ == "__main__":
    main(sys.argv[1:])
