"""Review notes as Word comments: each note of the plan (`xem_lai`) becomes a comment
anchored on exactly the words concerned (runs are split at the phrase), dated with the
plan's date, never the clock. The comments part lives only while the document is saved,
so a renderer reused across a batch starts every document without one."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from docx.oxml.text.hyperlink import CT_Hyperlink
from docx.oxml.text.paragraph import CT_P
from docx.oxml.text.run import CT_R
from docx.text.run import Run
from lxml import etree
from pydantic import BaseModel

from kehoach.plan.model import Plan
from kehoach.plan.review import ReviewNote, notes

AUTHOR = "kehoach"
INITIALS = "KH"
ANCHOR = 40  # characters of an element's own text that find its paragraph
_LABEL = 6  # characters of a label before an element's own text (`IV. `, `1.1. `, `b) `)
_P, _R, _T, _RPR = qn("w:p"), qn("w:r"), qn("w:t"), qn("w:rPr")
_SPACE = qn("xml:space")
_W, _ID = qn("w:x")[:-1], qn("w:id")
_DECLARE = f'xmlns:w="{_W[1:-1]}"'
_STYLE = '<w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
_COMMENT = parse_xml(
    f'<w:comment {_DECLARE} w:id="" w:author="{AUTHOR}" w:initials="{INITIALS}" w:date="">'
    f'<w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr><w:r>{_STYLE}<w:annotationRef/></w:r>'
    "</w:p></w:comment>"
)
_START = parse_xml(f'<w:commentRangeStart {_DECLARE} w:id=""/>')
_END = parse_xml(f'<w:commentRangeEnd {_DECLARE} w:id=""/>')
_REFERENCE = parse_xml(f'<w:r {_DECLARE}>{_STYLE}<w:commentReference w:id=""/></w:r>')


@contextmanager
def annotated(document: Document, plan: Plan | None) -> Iterator[None]:
    """`document` with the plan's notes as comments while the block runs."""
    found = list(notes(plan)) if plan is not None else []
    if plan is None or not found:
        yield
        return
    before = set(document.part.rels)
    day = plan.van_ban.day
    when = f"{day:%Y-%m-%d}T00:00:00Z"
    # splitting keeps the texts, so they are read once
    # read from the element: a reused document's cached body proxy would still show
    # the previous render
    paragraphs = [(paragraph_text(p), p) for p in document.element.body.iter(_P)]
    part = document.part._comments_part.element
    number = max((int(c.get(_W + "id", -1)) for c in part), default=-1) + 1
    for element, note in found:
        runs = _anchor(paragraphs, element, note)
        if runs:
            _comment(part, runs, note.ly_do, when, str(number))
            number += 1
    try:
        yield
    finally:
        for key in set(document.part.rels) - before:
            if document.part.rels[key].reltype == RT.COMMENTS:
                document.part.rels.pop(key)


def _comment(part: etree._Element, runs: list[CT_R], text: str, when: str, number: str) -> None:
    """What `Document.add_comment(runs, text, AUTHOR, INITIALS)` writes, the same XML, built
    from copies of ready elements: python-docx's way cost a quarter of a batch unit."""
    comment = copy.deepcopy(_COMMENT)
    comment.set(_ID, number)
    comment.set(_W + "date", when)
    p = comment[0]
    if any(c in text for c in "\t\r\n"):
        Run(etree.SubElement(p, _R), None).text = text  # type: ignore[arg-type]  # as python-docx
    elif text:
        t = etree.SubElement(etree.SubElement(p, _R), _T)
        t.text = text
        if len(text.strip()) < len(text):
            t.set(_SPACE, "preserve")
    part.append(comment)
    start, end, reference = (copy.deepcopy(e) for e in (_START, _END, _REFERENCE))
    for marked in (start, end, reference[1]):
        marked.set(_ID, number)
    runs[0].addprevious(start)
    last = runs[-1]
    last.addnext(reference)
    last.addnext(end)


def own_text(element: BaseModel) -> str:
    """The words of `element` that show in its paragraph (its title, text or wording)."""
    for key in ("noi_dung", "tieu_de", "cau", "trich_yeu", "chuc_vu"):
        value = getattr(element, key, None)
        if isinstance(value, str):
            return max(value.split("{"), key=len).split("}")[-1][:ANCHOR].strip()
    return ""


def _anchor(paragraphs: list[tuple[str, CT_P]], element: BaseModel, note: ReviewNote) -> list[CT_R]:
    """The runs covering the note's words in the element's paragraph (the element's first
    words when the note names none, or names words no longer shown, so a note is never
    dropped for a phrase the clerk reworded); none when neither is shown."""
    own = own_text(element)
    for words in dict.fromkeys(w for w in (note.cum, own) if w):
        best = _first_showing(paragraphs, words, own)
        if best is not None:
            start = best[0].index(words)
            return _split(best[1], start, start + len(words))
    return []


def _first_showing(
    paragraphs: list[tuple[str, CT_P]], words: str, own: str
) -> tuple[str, CT_P] | None:
    """The first paragraph showing `words` that is the element's own (its text, after a
    label of a few characters: `b) Đến năm 2030`), else the first that also shows `own`,
    else the first showing `words`: one pass, stopping at the best. A heading is thus
    found under its label, not in an earlier sentence that starts with the same words."""
    first = shows_own = None
    for pair in paragraphs:
        text = pair[0]
        if words in text:
            if own and text.endswith(own) and len(text) - len(own) <= _LABEL:
                return pair
            if own and own in text:
                shows_own = shows_own or pair
            first = first or pair
    return shows_own or first


def paragraph_text(p: CT_P) -> str:
    """`Paragraph.text`, read straight from the element (runs of plain `w:t`, as rendered
    runs are, without python-docx's xpath per run)."""
    parts = []
    for child in p:
        if isinstance(child, CT_R):
            parts.append(_run_text(child))
        elif isinstance(child, CT_Hyperlink):
            parts.append(child.text)
    return "".join(parts)


def _run_text(r: CT_R) -> str:
    """`Run.text`: python-docx's own mapping when the run holds more than `w:t`."""
    parts = []
    for child in r:
        if child.tag == _T:
            parts.append(child.text or "")
        elif child.tag != _RPR:
            return r.text
    return "".join(parts)


def _split(p: CT_P, start: int, end: int) -> list[CT_R]:
    """Split runs so that characters `start`–`end` of paragraph `p` are whole runs, and
    return those runs (each run's text is read once: reading it is most of the cost)."""
    offset, inside = 0, []
    for r, text in [(r, _run_text(r)) for r in p.iterchildren(_R) if isinstance(r, CT_R)]:
        cuts = [at - offset for at in (start, end) if offset < at < offset + len(text)]
        for piece, at in _pieces(r, text, cuts):
            if start <= offset + at < end:
                inside.append(piece)
        offset += len(text)
    return inside


def _pieces(r: CT_R, text: str, cuts: list[int]) -> list[tuple[CT_R, int]]:
    """Run `r` cut at `cuts` into copies of itself, each with its part of `text`, and where
    each piece starts in `r`."""
    if not cuts:
        return [(r, 0)]
    bounds = [0, *cuts, len(text)]
    pieces = [(r, 0)]
    for at in bounds[1:-1]:
        copied = copy.deepcopy(r)
        pieces[-1][0].addnext(copied)
        pieces.append((copied, at))
    for (piece, at), until in zip(pieces, bounds[1:], strict=True):
        _set_text(piece, text[at:until])
    return pieces


def _set_text(r: CT_R, text: str) -> None:
    """`Run.text = text`, without python-docx's character-by-character rebuild when the run
    is one plain `w:t` (as rendered runs are): same XML, a fraction of the time."""
    children = [child for child in r if child.tag != _RPR]
    if len(children) != 1 or children[0].tag != _T:
        r.text = text
        return
    t = children[0]
    t.text = text
    if _SPACE in t.attrib:
        del t.attrib[_SPACE]
    if len(text.strip()) < len(text):
        t.set(_SPACE, "preserve")
