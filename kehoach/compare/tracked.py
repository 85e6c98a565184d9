"""The NEW document with the differences from OLD as Word revisions.

Both plans are rendered; the body paragraphs are aligned (by element id where the
walk gives one, else by style and text), and a changed paragraph is diffed word by
word: `w:ins` runs, `w:del` runs with `w:delText`, and a deleted or inserted paragraph
carries the same mark on its paragraph mark, so accepting every revision gives NEW's
text and rejecting every one gives OLD's."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from lxml import etree

from kehoach.compare import sequence
from kehoach.compare.align import BUDGET, WINDOW
from kehoach.compare.paragraphs import element_ids, style, text
from kehoach.compare.runs import Marks, edited, mark_paragraph, same_text, unmark_paragraph, whole
from kehoach.compare.tables import merged_table, whole_table
from kehoach.compare.words import similarity
from kehoach.document.ooxml import ZIP_EPOCH, ZIP_LEVEL
from kehoach.document.wordxml import w
from kehoach.errors import KehoachError
from kehoach.plan.model import Plan

PAIR_THRESHOLD = 0.5
"""Two paragraphs without ids, of the same style, this alike are one edited paragraph."""
_PART = "word/document.xml"

Element = etree._Element


def _body(docx: bytes) -> tuple[Element, Element]:
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read(_PART))
    body = root.find(w("body"))
    assert body is not None  # a document kehoach rendered
    return root, body


def tracked(
    old_docx: bytes,
    new_docx: bytes,
    old_plan: Plan,
    new_plan: Plan,
    marks: Marks,
    matched: dict[str, str],
) -> bytes:
    """`new_docx` with the revisions from `old_docx`; `matched` maps each old id to the new
    id of the same element (an old element without a match can never pair by id)."""
    _, old_body = _body(old_docx)
    root, new_body = _body(new_docx)
    old_ids = {p: matched.get(i, f"~cu:{i}") for p, i in element_ids(old_plan, old_body).items()}
    _merge(old_body, new_body, _Context(old_ids, element_ids(new_plan, new_body), marks))
    document = etree.tostring(root, xml_declaration=True, standalone=True, encoding="UTF-8")
    return _package(new_docx, document)


class _Context:
    """What every container's merge needs: which paragraph shows which id, and the marks."""

    def __init__(
        self, old_ids: dict[Element, str], new_ids: dict[Element, str], marks: Marks
    ) -> None:
        self.old_ids, self.new_ids, self.marks = old_ids, new_ids, marks


def _blocks(container: Element) -> list[Element]:
    return [c for c in container if c.tag in (w("p"), w("tbl"))]


def _keys(blocks: list[Element], ids: dict[Element, str]) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    tables = 0
    for block in blocks:
        if block.tag == w("tbl"):
            out.append(("tbl", tables))
            tables += 1
        elif block in ids:
            out.append(("id", ids[block]))
        else:
            out.append(("p", style(block), text(block)))
    return out


def _merge(old: Element, new: Element, ctx: _Context) -> None:
    """Rewrite the container `new` (body or cell) to hold both sides as revisions."""
    old_blocks, new_blocks = _blocks(old), _blocks(new)
    if not new_blocks:
        return
    anchor = new_blocks[0].getprevious()  # tcPr, or None at the start of the body
    for block in new_blocks:
        new.remove(block)
    pairs = _join_before_tables(list(_aligned(old_blocks, new_blocks, ctx)))
    out = [_combine(before, after, ctx) for before, after in pairs]
    _hold_last_marks(out, [after is None for _, after in pairs], "del", ctx.marks)
    _hold_last_marks(out, [before is None for before, _ in pairs], "ins", ctx.marks)
    if anchor is None:
        for position, block in enumerate(out):
            new.insert(position, block)
    else:
        for block in reversed(out):
            anchor.addnext(block)


def _hold_last_marks(out: list[Element], only: list[bool], tag: str, marks: Marks) -> None:
    """A deleted (or, on rejecting, an inserted) paragraph's mark joins it to the next
    paragraph; before a table or at the end of a cell there is none, so (as Word does)
    the paragraph before such a run takes the mark and the run's last one keeps its own."""
    i = 0
    while i < len(out):
        if not only[i]:
            i += 1
            continue
        end = i
        while end + 1 < len(out) and only[end + 1]:
            end += 1
        followed = end + 1 < len(out) and out[end + 1].tag == w("p")
        if not followed and i > 0 and out[i - 1].tag == w("p"):
            mark_paragraph(out[i - 1], tag, marks)
            unmark_paragraph(out[end], tag)
        i = end + 1


def _join_before_tables(pairs: list[tuple]) -> list[tuple]:
    """A stretch of deleted and inserted paragraphs right before a table or the end of the
    container ends in one paragraph that both sides keep: its last deleted and last
    inserted paragraph become one edited paragraph. (A paragraph mark that is both
    inserted and deleted there leaves LibreOffice an empty paragraph on rejecting.)"""
    out = list(pairs)
    end = len(out)
    while end > 0:
        start = end
        while start > 0 and (out[start - 1][0] is None) != (out[start - 1][1] is None):
            start -= 1
        run = out[start:end]
        olds = [i for i, (before, _) in enumerate(run) if before is not None]
        news = [i for i, (_, after) in enumerate(run) if after is not None]
        last = end == len(out) or out[end][1].tag == w("tbl")
        if last and olds and news and run[olds[-1]][0].tag == run[news[-1]][1].tag == w("p"):
            joined = (run[olds[-1]][0], run[news[-1]][1])
            run = [pair for i, pair in enumerate(run) if i not in (olds[-1], news[-1])]
            out[start:end] = [*run, joined]
        end = start - 1
    return out


def _aligned(old: list[Element], new: list[Element], ctx: _Context) -> Iterator[tuple]:
    """Pairs `(old, new)`, `(old, None)` (deleted), `(None, new)` (inserted), in order."""
    keys = (_keys(old, ctx.old_ids), _keys(new, ctx.new_ids))
    for tag, i1, i2, j1, j2 in sequence.opcodes(*keys):
        if tag == "equal":
            yield from zip(old[i1:i2], new[j1:j2], strict=True)
        else:
            yield from _same_text_first(old[i1:i2], new[j1:j2], ctx)


def _same_text_first(old: list[Element], new: list[Element], ctx: _Context) -> Iterator[tuple]:
    """In a stretch the ids did not align, paragraphs of the same style and text pair
    first (in order), so identical text is never marked as changed."""
    def seen(blocks: list[Element]) -> list[tuple]:
        return [(b.tag, style(b), text(b)) if b.tag == w("p") else (b.tag,) for b in blocks]

    for tag, i1, i2, j1, j2 in sequence.opcodes(seen(old), seen(new)):
        if tag == "equal":
            yield from zip(old[i1:i2], new[j1:j2], strict=True)
        else:
            yield from _loose(old[i1:i2], new[j1:j2], ctx)


def _loose(old: list[Element], new: list[Element], ctx: _Context) -> Iterator[tuple]:
    """In a changed stretch, paragraphs without id pair up when both sides hold the same
    styles in the same order (a header line edited), else one pairs with the next of the
    same style that reads alike or is empty; everything else is deleted, then inserted."""

    def plain(block: Element, ids: dict) -> bool:
        return block.tag == w("p") and block not in ids

    def pairable(a: Element, b: Element) -> bool:
        if not (plain(a, ctx.old_ids) and plain(b, ctx.new_ids)) or style(a) != style(b):
            return False
        before, after = text(a), text(b)
        return not before or not after or similarity(before, after) >= PAIR_THRESHOLD

    if len(old) == len(new) and all(
        plain(a, ctx.old_ids) and plain(b, ctx.new_ids) and style(a) == style(b)
        for a, b in zip(old, new, strict=True)
    ):
        yield from zip(old, new, strict=True)
        return
    reach = len(new) if len(old) * len(new) <= BUDGET else WINDOW  # near linear when long
    j = 0
    for a in old:
        match = next((k for k in range(j, min(j + reach, len(new))) if pairable(a, new[k])), None)
        if match is None:
            yield a, None
            continue
        yield from ((None, b) for b in new[j:match])
        yield a, new[match]
        j = match + 1
    yield from ((None, b) for b in new[j:])


def _combine(old: Element | None, new: Element | None, ctx: _Context) -> Element:
    if old is not None and new is not None and w("tbl") in (old.tag, new.tag):
        if old.tag == new.tag:
            return merged_table(old, new, ctx.marks, lambda a, b: _merge(a, b, ctx))
        raise KehoachError("một bảng đứng đúng chỗ một đoạn văn; không so sánh thành bản theo "
                           "dõi được")  # the pairing never pairs a table with a paragraph
    table = next((b for b in (old, new) if b is not None and b.tag == w("tbl")), None)
    if table is not None:  # a table only one side has
        return whole_table(table, "ins" if old is None else "del", ctx.marks)
    if old is None:
        assert new is not None  # the pairing never gives two empty sides
        return whole(new, "ins", ctx.marks)
    if new is None:
        return whole(old, "del", ctx.marks)
    return new if same_text(old, new) else edited(old, new, ctx.marks)


def _package(docx: bytes, document: bytes) -> bytes:
    """`docx` with its main part replaced, entries in the same order, fixed timestamps."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=ZIP_LEVEL) as target:
        for entry in source.infolist():
            data = document if entry.filename == _PART else source.read(entry.filename)
            info = zipfile.ZipInfo(entry.filename, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, data)
    return out.getvalue()
