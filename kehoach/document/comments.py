"""Review notes as Word comments: each note of the plan (`xem_lai`) becomes a comment
anchored on exactly the words concerned (runs are split at the phrase), dated with the
plan's date, never the clock. A document that is no plan (a report) gives its own
`Remark`s. The comments part lives only while the document is saved, so a renderer
reused across a batch starts every document without one."""

from __future__ import annotations

import bisect
import copy
import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

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
from kehoach.plan.review import ReviewNote
from kehoach.plan.walk import nested_fields

AUTHOR = "kehoach"
INITIALS = "KH"
ANCHOR = 40  # characters of an element's own text that find its paragraph
_LABEL = 6  # characters of a label before an element's own text (`IV. `, `1.1. `, `b) `)
_AHEAD = 40  # paragraphs looked at past a first match, for the element's own one
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


@dataclass(frozen=True)
class Remark:
    """A comment on a rendered document that is no plan: on `words`, in the first paragraph
    that also shows `near` (with `whole`: whose whole text is `near`) where an earlier
    remark has not already put one on those words."""

    words: str
    text: str
    near: str = ""
    whole: bool = False


@contextmanager
def annotated(
    document: Document,
    plan: Plan | None,
    remarks: Sequence[Remark] = (),
    day: dt.date | None = None,
) -> Iterator[None]:
    """`document` with the plan's notes, then the `remarks`, as comments while the block
    runs; dated `day` (default: the plan's date)."""
    found: list[tuple[ReviewNote, Owns]] = []
    if plan is not None:
        title = own_text(plan.van_ban)
        found = list(_placed(plan, ((title, title),)))
    if not found and not remarks:
        yield
        return
    before = set(document.part.rels)
    day = day or (plan.van_ban.day if plan is not None else dt.date(2000, 1, 1))
    when = f"{day:%Y-%m-%d}T00:00:00Z"
    # read from the element: a reused document's cached body proxy would still show
    # the previous render; splitting keeps the texts, so they are read once
    paragraphs = [(paragraph_text(p), p) for p in document.element.body.iter(_P)]
    texts = [text for text, _ in paragraphs]
    finder = _Finder(texts)
    places = [finder.place(owns, note.cum) for note, owns in found]
    places += _remark_places(texts, remarks)
    said = [note.ly_do for note, _ in found] + [remark.text for remark in remarks]
    wanted: dict[int, list[tuple[int, int]]] = {}
    for place in places:
        if place is not None:
            wanted.setdefault(place[0], []).append(place[1:])
    runs = {index: dict(zip(ranges, _split_all(paragraphs[index][1], ranges), strict=True))
            for index, ranges in wanted.items()}  # each paragraph split once, at every cut
    part = document.part._comments_part.element
    number = max((int(c.get(_W + "id", -1)) for c in part), default=-1) + 1
    for text, place in zip(said, places, strict=True):
        covered = runs[place[0]][place[1:]] if place is not None else []
        if covered:
            _comment(part, covered, text, when, str(number))
            number += 1
    try:
        yield
    finally:
        for key in set(document.part.rels) - before:
            if document.part.rels[key].reltype == RT.COMMENTS:
                document.part.rels.pop(key)


Owns = tuple[tuple[str, str], ...]
"""Where a note may go, best first: (text that finds the paragraph, first words there)."""


def _placed(model: BaseModel, above: Owns) -> Iterator[tuple[ReviewNote, Owns]]:
    """Every note under `model` (in `review.notes`' order), with where it may go: its
    element's whole own text (what tells it from another element beginning alike), then
    its first words, then each ancestor's (for an element not shown as a paragraph of its
    own), then `above`."""
    whole = _shown(model)
    start = whole[:ANCHOR].strip()
    owns = ((whole, start), (start, start), *above) if whole else above
    for note in getattr(model, "xem_lai", None) or []:
        yield note, owns
    for name in nested_fields(type(model)):
        value = getattr(model, name)
        for child in value if isinstance(value, list) else [value]:
            if isinstance(child, BaseModel) and not isinstance(child, ReviewNote):
                yield from _placed(child, owns)


class _Finder:
    """Each element's paragraph, looked for from where the last one was found (elements
    come in document order, so finding them all is one pass over the document)."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.at = 0
        self.absent: set[str] = set()

    def index(self, own: str) -> int | None:
        """The first paragraph from here showing `own`; one that is the element's own
        (its text after a label of a few characters: `b) Đến năm 2030`) a little further
        is taken instead, so a heading is not found in a sentence starting alike."""
        if own in self.absent:
            return None
        count, first = len(self.texts), None
        for step in range(count):
            i = (self.at + step) % count
            text = self.texts[i]
            if own in text:
                if text.endswith(own) and len(text) - len(own) <= _LABEL:
                    first = i
                    break
                first = i if first is None else first
            if first is not None and step > (first - self.at) % count + _AHEAD:
                break
        if first is None:
            self.absent.add(own)
            return None
        self.at = first
        return first

    def place(self, owns: Owns, phrase: str | None) -> tuple[int, int, int] | None:
        """(paragraph, start, end) of the note's words: its phrase in its element's
        paragraph, else the element's first words there; never a paragraph of another
        element; None when the element is not shown."""
        for search, start_words in owns:
            index = self.index(search)
            if index is None:
                continue
            text = self.texts[index]
            words = phrase if phrase and phrase in text else start_words
            start = text.index(words)
            return index, start, start + len(words)
        return None


def _remark_places(
    texts: list[str], remarks: Sequence[Remark]
) -> list[tuple[int, int, int] | None]:
    """(paragraph, start, end) of each remark's words: in the first paragraph that fits it,
    at a place no earlier remark took; None when none fits."""
    taken: set[tuple[int, int]] = set()
    out: list[tuple[int, int, int] | None] = []
    for remark in remarks:
        found = None
        for index, text in enumerate(texts):
            if not (text == remark.near if remark.whole else remark.near in text):
                continue
            start = text.find(remark.words)
            while start >= 0 and (index, start) in taken:
                start = text.find(remark.words, start + 1)
            if start >= 0:
                taken.add((index, start))
                found = (index, start, start + len(remark.words))
                break
        out.append(found)
    return out


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
    """The first words of `element` that show in its paragraph (of its title, text or
    wording): where a note goes when its phrase is not there."""
    return _shown(element)[:ANCHOR].strip()


def _shown(element: BaseModel) -> str:
    """The longest stretch of `element`'s own text that shows as it is (a wording's part
    between its `{gt}` slots), whole."""
    for key in ("noi_dung", "tieu_de", "cau", "trich_yeu", "chuc_vu", "truoc", "nhan", "ten"):
        value = getattr(element, key, None)
        if isinstance(value, str) and value.strip():
            return max(value.split("{"), key=len).split("}")[-1].strip()
    return ""


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


def _split_all(p: CT_P, ranges: list[tuple[int, int]]) -> list[list[CT_R]]:
    """Split the runs of paragraph `p` at every range's ends, once, and return the runs
    each range covers (each run's text is read once: reading it is most of the cost)."""
    cuts = sorted({at for bounds in ranges for at in bounds})
    offset, starts, pieces = 0, [], []
    for r, text in [(r, _run_text(r)) for r in p.iterchildren(_R) if isinstance(r, CT_R)]:
        low, high = bisect.bisect_right(cuts, offset), bisect.bisect_left(cuts, offset + len(text))
        for piece, at in _pieces(r, text, [c - offset for c in cuts[low:high]]):
            starts.append(offset + at)
            pieces.append(piece)
        offset += len(text)
    first = bisect.bisect_left
    return [pieces[first(starts, start) : first(starts, end)] for start, end in ranges]


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
