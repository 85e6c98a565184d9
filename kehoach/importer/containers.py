"""Every place Word keeps a plan's text, read once.

A paragraph may sit in a content control (`w:sdt`) or custom XML markup: it is read in
its place. A text box is kept twice by Word (the DrawingML box and its VML fallback,
`mc:AlternateContent`): its paragraphs are read once, after the paragraph that anchors
it, and marked. A table nested in a cell is read once, as lines of that cell. A SmartArt
graphic keeps its text in a part of its own (`word/diagrams/data*.xml`): read at the
drawing's place, marked. Footnotes and endnotes are kept as review notes on the header,
each with the paragraph that refers to it. (Moved-away text, `w:moveFrom`, and the boxes'
fallbacks are left out of a paragraph's text by `document.wordxml.paragraph_text`.)"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from lxml import etree

from kehoach.document.wordxml import MC, R, paragraph_text, w, xml_part
from kehoach.errors import PlanError, Problem
from kehoach.importer.ledger import clean
from kehoach.rules.data import type_codes
from kehoach.rules.profile import Profile
from kehoach.vn import closing

DGM = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_WRAPPERS = {w("sdt"), w("sdtContent"), w("customXml"), w("smartTag")}
_FALLBACK = f"{{{MC}}}Fallback"


def blocks(container: etree._Element) -> Iterator[etree._Element]:
    """The paragraphs and tables of `container` (a body, a cell) in reading order, those
    inside content controls and custom XML markup in their place."""
    for child in container:
        if child.tag in (w("p"), w("tbl")):
            yield child
        elif child.tag in _WRAPPERS:
            yield from blocks(child)


def in_fallback(element: etree._Element) -> bool:
    """Whether `element` is inside the second copy Word keeps of a text box or drawing."""
    return any(node.tag == _FALLBACK for node in element.iterancestors())


def boxed(paragraph: etree._Element) -> list[str]:
    """The lines of the text boxes anchored in `paragraph`, once each."""
    return [
        paragraph_text(p)
        for box in paragraph.iter(w("txbxContent"))
        if not in_fallback(box)
        for p in blocks(box)
        if p.tag == w("p") and paragraph_text(p).strip()
    ]


class Package:
    """What paragraphs refer to elsewhere in the package, read while it is open: the
    footnotes' and endnotes' texts, and each SmartArt graphic's lines."""

    def __init__(self, path: Path, package: zipfile.ZipFile) -> None:
        self.notes = {
            (kind, note.get(w("id"))): "".join(paragraph_text(p) for p in note.iter(w("p")))
            for kind in ("footnote", "endnote")
            for note in _part(path, package, f"word/{kind}s.xml").iter(w(kind))
            if note.get(w("type")) in (None, "normal")
        }
        self.diagrams: dict[str | None, list[str]] = {}
        relations = _part(path, package, "word/_rels/document.xml.rels")
        for rel in relations.iter(f"{{{RELS}}}Relationship"):
            if rel.get("Type", "").endswith("/diagramData"):
                target = posixpath.normpath(posixpath.join("word", rel.get("Target", "")))
                self.diagrams[rel.get("Id")] = _lines(_part(path, package, target))

    def notes_of(self, paragraph: etree._Element) -> list[str]:
        """The texts of the footnotes and endnotes `paragraph` refers to."""
        found = []
        for kind in ("footnote", "endnote"):
            for ref in paragraph.iter(w(f"{kind}Reference")):
                text = self.notes.get((kind, ref.get(w("id"))), "").strip()
                if text:
                    found.append(text)
        return found

    def smartart(self, paragraph: etree._Element) -> list[str]:
        """The lines of the SmartArt graphics drawn in `paragraph`."""
        return [line for ids in paragraph.iter(f"{{{DGM}}}relIds") if not in_fallback(ids)
                for line in self.diagrams.get(ids.get(f"{{{R}}}dm"), [])]


def _lines(data: etree._Element) -> list[str]:
    """A diagram's texts, a line per DrawingML paragraph."""
    found = ("".join(t.text or "" for t in point.iter(f"{{{A}}}t")).strip()
             for point in data.iter(f"{{{A}}}p"))
    return [text for text in found if text]


def _part(path: Path, package: zipfile.ZipFile, name: str) -> etree._Element:
    found = xml_part(path, package, name)
    return found if found is not None else etree.Element("empty")


def refuse_two_documents(body: Sequence[object], after: Sequence[object], profile: Profile,
                         path: Path) -> None:
    """One file holding two documents (a plan pasted under another): a second tên loại
    line (`KẾ HOẠCH` alone) in the body, or a second 'Nơi nhận' after the signature, is
    refused with that said (their lines would have been read as the first plan's parts
    or as a phụ lục)."""
    names = set(type_codes().values())
    titled = any(isinstance(x, str) and clean(x) in names for x in body)
    cells = (c for x in after if isinstance(x, list) for row in x for c in row)
    texts = [*(x for x in after if isinstance(x, str)), *cells]
    signed = any(closing.is_recipients_heading(line.strip(), profile)
                 for text in texts if isinstance(text, str) for line in text.split("\n"))
    if titled or signed:
        where = "một dòng tên loại nữa" if titled else "một phần 'Nơi nhận' nữa"
        raise PlanError([Problem(str(path), (
            f"tệp có hai văn bản: sau văn bản thứ nhất còn {where}; tách mỗi văn bản thành "
            "một tệp rồi nhập từng tệp"))])
