"""Tables as Word revisions: a table only one side has is every row inserted or deleted
(`w:trPr/w:ins|del`, its text marked too); two tables whose rows differ are aligned row
by row, rows of the same shape merged cell by cell, the others inserted or deleted. So a
phụ lục that gains a milestone column or a row still gives a tracked document whose
"accept all" is NEW and "reject all" is OLD."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from lxml import etree

from kehoach.compare import sequence
from kehoach.compare.paragraphs import text
from kehoach.compare.runs import Marks, unmark_paragraph, whole
from kehoach.document.wordxml import w

Element = etree._Element
Merge = Callable[[Element, Element], None]
"""Merge an old cell into the new one (the body's own merge, cell as container)."""

_ROW_PROPERTIES_FIRST = ("cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter",
                         "cantSplit", "trHeight", "tblHeader", "tblCellSpacing", "jc", "hidden")


def whole_table(table: Element, tag: str, marks: Marks) -> Element:
    """A table only one side has: each of its rows (and nested tables') marked `tag`."""
    for row in table.findall(w("tr")):
        _mark_row(row, tag, marks)
    return table


def merged_table(old: Element, new: Element, marks: Marks, merge: Merge) -> Element:
    """`new` with `old`'s rows: equal or same-shaped rows merged cell by cell (`merge`),
    the rest deleted (old's, placed where they stood) or inserted."""
    rows = list(_paired_rows(old.findall(w("tr")), new.findall(w("tr"))))
    for row in new.findall(w("tr")):
        new.remove(row)
    for before, after in rows:
        if before is not None and after is not None:
            for old_cell, new_cell in zip(before.findall(w("tc")), after.findall(w("tc")),
                                          strict=True):
                merge(old_cell, new_cell)
            new.append(after)
        elif after is not None:
            new.append(_mark_row(after, "ins", marks))
        elif before is not None:
            new.append(_mark_row(before, "del", marks))
    return new


def _paired_rows(old: list[Element], new: list[Element]) -> Iterator[tuple]:
    """(old, new) rows in order; a side is None for a row only the other has."""
    def key(row: Element) -> tuple[str, ...]:
        return tuple(text(p) for p in row.iter(w("p")))

    def shape(row: Element) -> int:
        return len(row.findall(w("tc")))

    for tag, i1, i2, j1, j2 in sequence.opcodes([key(r) for r in old], [key(r) for r in new]):
        before, after = old[i1:i2], new[j1:j2]
        if tag == "equal":
            yield from zip(before, after, strict=True)
            continue
        same = 0  # an edited stretch: rows of the same shape pair in order
        while same < min(len(before), len(after)) and shape(before[same]) == shape(after[same]):
            same += 1
        yield from zip(before[:same], after[:same], strict=True)
        yield from ((row, None) for row in before[same:])
        yield from ((None, row) for row in after[same:])


def _mark_row(row: Element, tag: str, marks: Marks) -> Element:
    """The row's own mark (`w:trPr/w:ins|del`) and its cells' text marked `tag`; the last
    paragraph of a cell keeps its mark (a cell always ends in one)."""
    properties = row.find(w("trPr"))
    if properties is None:
        properties = etree.Element(w("trPr"))
        exceptions = row.find(w("tblPrEx"))
        row.insert(0 if exceptions is None else 1, properties)
    properties.append(marks.make(tag))  # after the row's own properties (schema order)
    for cell in row.findall(w("tc")):
        blocks = [b for b in cell if b.tag in (w("p"), w("tbl"))]
        for block in blocks:
            if block.tag == w("tbl"):
                whole_table(block, tag, marks)
                continue
            marked = whole(block, tag, marks)
            cell.replace(block, marked)
            if block is blocks[-1]:
                unmark_paragraph(marked, tag)
    return row
