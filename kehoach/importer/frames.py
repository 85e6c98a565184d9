"""Whether Word draws a table's lines: a form's Quốc hiệu and signature tables are typed
without them, a data table with them. Read from the table's own borders, its cells', and
its table style's (a table with none of these, Word's `Normal Table`, has no lines)."""

from __future__ import annotations

from lxml import etree

from kehoach.document.wordxml import W

_NO_LINE = {"nil", "none"}
_EDGES = ("top", "left", "bottom", "right", "start", "end", "insideH", "insideV")


def _lines_of(borders: etree._Element | None) -> bool | None:
    """True when a border element draws an edge, False when it removes every edge it
    names, None when there is none."""
    if borders is None:
        return None
    values = [e.get(f"{{{W}}}val") for e in borders if etree.QName(e).localname in _EDGES]
    return any(v not in _NO_LINE for v in values if v is not None)


def framed(table: etree._Element, styles: etree._Element | None) -> bool:
    """Whether the table prints with lines."""
    cells = table.findall(f"{{{W}}}tr/{{{W}}}tc/{{{W}}}tcPr/{{{W}}}tcBorders")
    if any(_lines_of(c) for c in cells):
        return True
    own = _lines_of(table.find(f"{{{W}}}tblPr/{{{W}}}tblBorders"))
    if own is not None:
        return own
    style = table.find(f"{{{W}}}tblPr/{{{W}}}tblStyle")
    if style is None or styles is None:
        return False
    name = style.get(f"{{{W}}}val")
    for node in styles.findall(f"{{{W}}}style"):
        if node.get(f"{{{W}}}styleId") == name:
            return bool(_lines_of(node.find(f"{{{W}}}tblPr/{{{W}}}tblBorders")))
    return False
