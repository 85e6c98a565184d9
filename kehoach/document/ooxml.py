"""The OOXML details python-docx has no API for, kept in one place away from the domain.

Borders, fields, table geometry, mirror margins, and a package writer with fixed
zip timestamps so the same document always gives the same bytes.
"""

from __future__ import annotations

import zipfile
from os import PathLike
from typing import IO, TYPE_CHECKING, cast

from docx.opc.packuri import PACKAGE_URI, PackURI
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from lxml import etree

if TYPE_CHECKING:
    from _typeshed import SizedBuffer
    from docx.document import Document
    from docx.opc.phys_pkg import PhysPkgWriter
    from docx.table import Table, _Row
    from docx.text.paragraph import Paragraph

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
ZIP_LEVEL = 1  # fastest deflate: 40% of the save time, files a few kB larger


CELL_MARGIN_MM = 1.9  # Word's default left and right margin of a table cell


def twips(mm: float) -> int:
    return round(Mm(mm).twips)


def rule_indent_mm(column_mm: float, length_mm: float) -> float:
    """The indent from each side that centres a rule `length_mm` long in a table column."""
    return max((column_mm - 2 * CELL_MARGIN_MM - length_mm) / 2, 0)


# Schema order of children we add: CT_TblPr, and CT_Settings up to mirrorMargins.
_TBL_PR_ORDER = (
    "w:tblStyle",
    "w:tblpPr",
    "w:tblOverlap",
    "w:bidiVisual",
    "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize",
    "w:tblW",
    "w:jc",
    "w:tblCellSpacing",
    "w:tblInd",
    "w:tblBorders",
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
)
_SETTINGS_ORDER = (
    "w:writeProtection",
    "w:view",
    "w:zoom",
    "w:removePersonalInformation",
    "w:removeDateAndTime",
    "w:doNotDisplayPageBoundaries",
    "w:displayBackgroundShape",
    "w:printPostScriptOverText",
    "w:printFractionalCharacterWidth",
    "w:printFormsData",
    "w:embedTrueTypeFonts",
    "w:embedSystemFonts",
    "w:saveSubsetFonts",
    "w:saveFormsData",
    "w:mirrorMargins",
)


def _child(parent: etree._Element, tag: str, order: tuple[str, ...] = ()) -> etree._Element:
    """The child `tag` of `parent`; created if missing, right after the children that
    `order` (the schema sequence up to `tag`) puts before it, else at the end."""
    found = parent.find(qn(tag))
    if found is not None:
        return found
    found = OxmlElement(tag)
    if tag not in order:
        parent.append(found)
        return found
    earlier = {qn(t) for t in order[: order.index(tag)]}
    before = [c for c in parent if c.tag in earlier]
    if before:
        before[-1].addnext(found)
    else:
        parent.insert(0, found)
    return found


def paragraph_border(p_pr: etree._Element, side: str, size_eighths: int = 8) -> None:
    """A single solid line on one side of a paragraph (`top`, `bottom`)."""
    borders = p_pr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        # pBdr sits after keepNext/keepLines/pageBreakBefore/…; before spacing/ind/jc.
        anchor = next(
            (
                p_pr.find(qn(t))
                for t in ("w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc")
                if p_pr.find(qn(t)) is not None
            ),
            None,
        )
        if anchor is not None:
            anchor.addprevious(borders)
        else:
            p_pr.append(borders)
    line = OxmlElement(f"w:{side}")
    for key, value in (
        ("w:val", "single"),
        ("w:sz", str(size_eighths)),
        ("w:space", "1"),
        ("w:color", "000000"),
    ):
        line.set(qn(key), value)
    borders.append(line)


def borderless_table(table: Table, widths_mm: list[float], indent_mm: float = 0) -> None:
    """Fixed column widths, no borders, optional indent (negative reaches into the margin)."""
    tbl_pr = table._tbl.tblPr
    style = tbl_pr.find(qn("w:tblStyle"))
    if style is not None:
        tbl_pr.remove(style)
    width = _child(tbl_pr, "w:tblW", _TBL_PR_ORDER)
    width.set(qn("w:w"), str(sum(twips(w) for w in widths_mm)))
    width.set(qn("w:type"), "dxa")
    ind = _child(tbl_pr, "w:tblInd", _TBL_PR_ORDER)
    ind.set(qn("w:w"), str(twips(indent_mm)))
    ind.set(qn("w:type"), "dxa")
    borders = _child(tbl_pr, "w:tblBorders", _TBL_PR_ORDER)
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = _child(borders, f"w:{side}")
        edge.set(qn("w:val"), "nil")
    layout = _child(tbl_pr, "w:tblLayout", _TBL_PR_ORDER)
    layout.set(qn("w:type"), "fixed")
    for col, w in zip(table.columns, widths_mm, strict=True):
        col.width = Mm(w)
        for cell in col.cells:
            cell.width = Mm(w)


def grid_table(table: Table, widths_mm: list[float]) -> None:
    """Fixed column widths and single black lines around every cell."""
    borderless_table(table, widths_mm)
    borders = _child(table._tbl.tblPr, "w:tblBorders", _TBL_PR_ORDER)
    for edge in borders:
        edge.set(qn("w:val"), "single")
        edge.set(qn("w:sz"), "4")
        edge.set(qn("w:space"), "0")
        edge.set(qn("w:color"), "000000")


def repeat_heading(row: _Row) -> None:
    """A heading row Word and LibreOffice repeat at the top of every page."""
    _child(row._tr.get_or_add_trPr(), "w:tblHeader")


def keep_row_together(row: _Row) -> None:
    """A row that must not break across pages (the signature block, a table's item)."""
    tr_pr = row._tr.get_or_add_trPr()
    _child(tr_pr, "w:cantSplit")


def page_field(paragraph: Paragraph) -> None:
    """Append a PAGE field: Word and LibreOffice show the page number there."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


# CT_SectPr's children up to pgNumType (headers, notes, type, size, margins …).
_SECT_PR_ORDER = (
    "w:headerReference",
    "w:footerReference",
    "w:footnotePr",
    "w:endnotePr",
    "w:type",
    "w:pgSz",
    "w:pgMar",
    "w:paperSrc",
    "w:pgBorders",
    "w:lnNumType",
    "w:pgNumType",
)


def restart_page_numbers(sect_pr: etree._Element, condition: str) -> None:
    """The section's pages numbered from 1 when the template's Jinja `condition` holds
    (a phụ lục numbered on its own): a `w:pgNumType w:start="1"` between `{% if %}` tags."""
    restart = _child(sect_pr, "w:pgNumType", _SECT_PR_ORDER)
    restart.set(qn("w:start"), "1")
    before = restart.getprevious()
    if before is None:
        sect_pr.text = (sect_pr.text or "") + f"{{% if {condition} %}}"
    else:
        before.tail = (before.tail or "") + f"{{% if {condition} %}}"
    restart.tail = "{% endif %}" + (restart.tail or "")


def mirror_margins(document: Document) -> None:
    """Word's "mirror margins": left and right swap on even pages for duplex printing."""
    _child(document.settings.element, "w:mirrorMargins", _SETTINGS_ORDER)


def explicit_fonts(r_pr: etree._Element, font: str) -> None:
    """Name the font for every script and drop theme fonts, which would override it."""
    fonts = _child(r_pr, "w:rFonts")
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for key in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(key), font)


class FixedTimeZipFile(zipfile.ZipFile):
    """A zip archive whose members all carry one fixed time, whatever writes them
    (python-docx's package writer, openpyxl's ExcelWriter)."""

    def __init__(self, stream: IO[bytes]) -> None:
        super().__init__(stream, "w", compression=zipfile.ZIP_DEFLATED)

    # compress_type and compresslevel keep ZipFile's signature; the fixed level always applies.
    def writestr(
        self,
        name: str | zipfile.ZipInfo,
        data: SizedBuffer | str,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        if not isinstance(name, zipfile.ZipInfo):
            name = zipfile.ZipInfo(str(name), date_time=ZIP_EPOCH)
            name.compress_type = zipfile.ZIP_DEFLATED
            name.external_attr = 0o644 << 16
        super().writestr(name, data, compresslevel=ZIP_LEVEL)

    def write(
        self,
        filename: str | PathLike[str],
        arcname: str | PathLike[str] | None = None,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        with open(filename, "rb") as source:
            self.writestr(str(arcname or filename), source.read())


class _PackageZip:
    """The writer python-docx's PackageWriter expects (pack URIs, not names)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._zip = FixedTimeZipFile(stream)

    def write(self, pack_uri: PackURI, blob: bytes) -> None:
        self._zip.writestr(pack_uri.membername, blob)

    def close(self) -> None:
        self._zip.close()


def save_package(document: Document, stream: IO[bytes]) -> None:
    """Write `document` like `Document.save`, but byte-identical for identical content.

    Uses PackageWriter's steps (content types, package rels, parts) with our zip writer.
    """
    package = document.part.package
    parts = list(package.iter_parts())
    writer = _PackageZip(stream)
    # _PackageZip has the two methods of python-docx's zip writer that these steps call.
    physical = cast("PhysPkgWriter", writer)
    PackageWriter._write_content_types_stream(physical, parts)
    writer.write(PACKAGE_URI.rels_uri, package.rels.xml)
    PackageWriter._write_parts(physical, parts)
    writer.close()
