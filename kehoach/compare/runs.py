"""Paragraph contents as tokens with their run formatting, and the revision runs built
from them: every revision run copies the `w:rPr` of the run it came from."""

from __future__ import annotations

import copy
import datetime as dt

from lxml import etree

from kehoach.compare.words import opcodes, tokens
from kehoach.document.wordxml import XML, w

Element = etree._Element
Token = tuple[bytes, str, str]
"""(the run's rPr as XML, `t`/`br`/`tab`, the text)."""
_XML_SPACE = f"{{{XML}}}space"


class Marks:
    """Revision marks: one author and one date for all, ids counted up from 1."""

    def __init__(self, author: str, day: dt.date) -> None:
        self.author = author
        self.date = f"{day.isoformat()}T00:00:00Z"
        self.count = 0

    def make(self, tag: str) -> Element:
        self.count += 1
        mark = etree.Element(w(tag))
        mark.set(w("id"), str(self.count))
        mark.set(w("author"), self.author)
        mark.set(w("date"), self.date)
        return mark


def paragraph_tokens(paragraph: Element) -> list[Token]:
    out: list[Token] = []
    for run in paragraph.iter(w("r")):
        rpr = run.find(w("rPr"))
        key = etree.tostring(rpr) if rpr is not None else b""
        for child in run:
            if child.tag in (w("t"), w("delText")):
                out.extend((key, "t", token) for token in tokens(child.text or ""))
            elif child.tag in (w("br"), w("tab")):
                out.append((key, child.tag, ""))
    return out


def _texts(found: list[Token]) -> list[str]:
    """What is compared: the words, a break or tab as a mark no word can be."""
    return [content if kind == "t" else f"\x00{kind}" for _, kind, content in found]


def same_text(old: Element, new: Element) -> bool:
    return _texts(paragraph_tokens(old)) == _texts(paragraph_tokens(new))


def _runs(found: list[Token], deleted: bool) -> list[Element]:
    """Runs for `found`, one per stretch of the same formatting."""
    out: list[Element] = []
    current = None
    for rpr, kind, content in found:
        if current is None or current[0] != rpr:
            run = etree.Element(w("r"))
            if rpr:
                run.append(etree.fromstring(rpr))
            out.append(run)
            current = (rpr, run)
        run = current[1]
        if kind != "t":
            etree.SubElement(run, kind)
            continue
        last = run[-1] if len(run) else None
        tag = w("delText") if deleted else w("t")
        if last is None or last.tag != tag:
            last = etree.SubElement(run, tag)
            last.set(_XML_SPACE, "preserve")
            last.text = ""
        last.text = (last.text or "") + content
    return out


def _wrapped(found: list[Token], tag: str | None, marks: Marks) -> list[Element]:
    """Plain runs (`tag` None), or runs inside one `w:ins` / `w:del`."""
    runs = _runs(found, deleted=tag == "del")
    if tag is None or not runs:
        return runs
    wrapper = marks.make(tag)
    wrapper.extend(runs)
    return [wrapper]


def _shell(paragraph: Element, mark: str | None, marks: Marks) -> Element:
    """An empty copy of `paragraph` keeping its pPr; `mark` revises its paragraph mark."""
    out = etree.Element(w("p"))
    ppr = paragraph.find(w("pPr"))
    out.append(copy.deepcopy(ppr) if ppr is not None else etree.Element(w("pPr")))
    if mark is not None:
        mark_paragraph(out, mark, marks)
    return out


def mark_paragraph(paragraph: Element, tag: str, marks: Marks) -> None:
    """Mark the paragraph mark itself as inserted or deleted (`w:pPr/w:rPr/w:ins|del`)."""
    ppr = paragraph.find(w("pPr"))
    if ppr is None:
        ppr = etree.Element(w("pPr"))
        paragraph.insert(0, ppr)
    rpr = ppr.find(w("rPr"))
    if rpr is None:
        rpr = etree.Element(w("rPr"))
        following = [c for c in ppr if c.tag in (w("sectPr"), w("pPrChange"))]
        if following:
            following[0].addprevious(rpr)
        else:
            ppr.append(rpr)
    ahead = [c for c in rpr if c.tag == w("ins")] if tag == "del" else []
    rpr.insert(len(ahead), marks.make(tag))  # schema order: ins, then del


def unmark_paragraph(paragraph: Element, tag: str) -> None:
    found = paragraph.find(f"{w('pPr')}/{w('rPr')}/{w(tag)}")
    parent = found.getparent() if found is not None else None
    if found is not None and parent is not None:
        parent.remove(found)


def whole(paragraph: Element, tag: str, marks: Marks) -> Element:
    """A paragraph only one side has: all its runs and its mark inserted or deleted."""
    out = _shell(paragraph, tag, marks)
    out.extend(_wrapped(paragraph_tokens(paragraph), tag, marks))
    return out


def edited(old: Element, new: Element, marks: Marks) -> Element:
    """NEW's paragraph with the words OLD had deleted and the words it lacks inserted."""
    a, b = paragraph_tokens(old), paragraph_tokens(new)
    out = _shell(new, None, marks)
    for op, i1, i2, j1, j2 in opcodes(_texts(a), _texts(b)):
        if op == "equal":
            out.extend(_wrapped(b[j1:j2], None, marks))
            continue
        out.extend(_wrapped(a[i1:i2], "del", marks))
        out.extend(_wrapped(b[j1:j2], "ins", marks))
    return out
