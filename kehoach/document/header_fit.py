"""The header table fitted to its lines: a long place name's date line
(`Phường Ngô Quyền, ngày 15 tháng 10 năm 2026`, 97 mm at 14 pt italic) must print on one
line, as must the Quốc hiệu, the Tiêu ngữ and a city's cấp trên (`ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ
MINH`, 85 mm). The profile's column widths suit most headers; where a line would break,
the split between the columns moves, as a clerk drags it in Word, and only when the two
columns cannot share the table does it reach further into the right margin (the profile
says how far). The cơ quan may break at a word, but is kept whole when there is room."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple, cast

from docx.oxml.ns import qn

from kehoach.document import ooxml
from kehoach.document.metrics import width_mm
from kehoach.document.template_styles import STYLE
from kehoach.rules.profile import Profile, Text

if TYPE_CHECKING:
    from docx.document import Document
    from docx.oxml.text.parfmt import CT_PPr
    from lxml.etree import _Element

SLACK_MM = 0.5  # rounding between the widths here and Word's or LibreOffice's line breaking


def _needed(lines: list[tuple[str, Text]]) -> float:
    """The column width that prints every line on one line (a field's own line breaks, as
    in a State issuer `ỦY BAN MTTQ VIỆT NAM` / `XÃ LƯƠNG MINH`, are lines of their own)."""
    longest = max((width_mm(line, s.co, s.dam, s.nghieng)
                   for text, s in lines for line in text.splitlines() if line), default=0)
    return longest + 2 * ooxml.CELL_MARGIN_MM + SLACK_MM


class Geometry(NamedTuple):
    """Where the header table starts (its indent from the left margin) and its columns."""

    indent_mm: float
    left_mm: float
    right_mm: float


def geometry(header: dict[str, str], profile: Profile) -> Geometry:
    """The header table for this document's lines: the profile's when every line fits;
    otherwise the right column's lines (date, Quốc hiệu, Tiêu ngữ) and the left column's
    unbreakable ones (cấp trên, số) get their width first, the cơ quan next, the table
    growing (right, then left) only when the two cannot share its width."""
    p, table = profile, profile.bang_dau
    left, right = table.cot_trai_mm, table.cot_phai_mm
    right_need = _needed([
        (header.get("dia_danh_ngay", ""), p.dia_danh_ngay),
        (header.get("quoc_hieu") or p.tieu_de.chu, p.tieu_de),
        *([(header.get("tieu_ngu") or p.tieu_ngu.chu, p.tieu_ngu)] if p.tieu_ngu else []),
    ])
    unbreakable = [(header.get("cap_tren", ""), p.cap_tren),
                   (header.get("so_ky_hieu", ""), p.so_ky_hieu)]
    left_need = _needed(unbreakable)
    left_want = max(left_need, _needed([*unbreakable, (header.get("co_quan", ""), p.co_quan)]))
    if left_want <= left and right_need <= right:
        return Geometry(table.lui_trai_mm, left, right)
    short = max(left_need + right_need - left - right, 0)
    grow_right = min(short, table.rong_them_phai_mm)
    grow_left = min(short - grow_right, table.rong_them_trai_mm)
    total = left + right + grow_right + grow_left
    indent = table.lui_trai_mm - grow_left
    if left_need + right_need > total:  # nothing fits whole: both short by the same share
        share = total / (left_need + right_need)
        return Geometry(indent, left_need * share, total - left_need * share)
    new_left = max(min(max(left, left_want), total - right_need), left_need)
    return Geometry(indent, new_left, total - new_left)


def fit(document: Document, header: dict[str, str], profile: Profile) -> None:
    """Give the document's header table (its first block) the geometry its lines need; a
    template without one at the top is left as it is."""
    shape = geometry(header, profile)
    if shape == (profile.bang_dau.lui_trai_mm, profile.bang_dau.cot_trai_mm,
                 profile.bang_dau.cot_phai_mm):
        return
    body = document.element.body
    table = body[0] if len(body) else None
    if table is None or table.tag != qn("w:tbl"):
        return
    grid = table.find(qn("w:tblGrid"))
    columns = grid.findall(qn("w:gridCol")) if grid is not None else []
    if len(columns) != 2:
        return
    widths = (shape.left_mm, shape.right_mm)
    for column, mm in zip(columns, widths, strict=True):
        column.set(qn("w:w"), str(ooxml.twips(mm)))
    for tag, mm in (("w:tblW", shape.left_mm + shape.right_mm), ("w:tblInd", shape.indent_mm)):
        found = table.find(f"{qn('w:tblPr')}/{qn(tag)}")
        if found is not None:
            found.set(qn("w:w"), str(ooxml.twips(mm)))
    rules = _rule_lengths(document, profile)
    for row in table.findall(qn("w:tr")):
        for cell, mm in zip(row.findall(qn("w:tc")), widths, strict=False):
            _set_cell_width(cell, mm, rules)


def _rule_lengths(document: Document, profile: Profile) -> dict[str, float]:
    """Each rule style's id and the length of its line."""
    lengths = {STYLE["duong_ke"]: (profile.tieu_ngu or profile.tieu_de).duong_ke_mm,
               STYLE["ke_co_quan"]: profile.co_quan.duong_ke_mm}
    ids = {style.name: style.style_id for style in document.styles}
    return {ids[name]: length for name, length in lengths.items() if name in ids}


def _set_cell_width(cell: _Element, mm: float, rules: dict[str, float]) -> None:
    width = cell.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
    if width is not None:
        width.set(qn("w:w"), str(ooxml.twips(mm)))
        width.set(qn("w:type"), "dxa")
    for style in cell.iter(qn("w:pStyle")):
        length = rules.get(style.get(qn("w:val"), ""))
        if length is None:
            continue
        p_pr = cast("CT_PPr", style.getparent())
        ind = p_pr.get_or_add_ind()  # python-docx keeps the schema's order
        side = str(ooxml.twips(ooxml.rule_indent_mm(mm, length)))
        ind.set(qn("w:left"), side)
        ind.set(qn("w:right"), side)
