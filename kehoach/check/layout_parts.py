"""What the layout rules share: one DOCX opened with its formats and paragraphs, where a
paragraph is (its number and first words), measures and sizes as findings write them, and
a profile element's required emphasis."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from lxml import etree

from kehoach.check.files import where_paragraph
from kehoach.document.effective import Formats, RunFormat, points
from kehoach.document.wordxml import open_docx, paragraph_text, w, xml_part
from kehoach.errors import Unreadable
from kehoach.rules.profile import Text
from kehoach.vn.numbers import number

Line = tuple[etree._Element, str]
"""A paragraph and its text."""


class Doc:
    """One DOCX package, read once; `close` lets go of the file (Windows locks it)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.package = open_docx(path)
        body = xml_part(path, self.package, "word/document.xml", required=True).find(w("body"))
        if body is None:
            raise Unreadable(f"{path}: word/document.xml: thiếu thân văn bản <w:body>")
        self.body = body
        self.formats = Formats(self.package, path)
        self.paragraphs = list(self.body.iter(w("p")))
        self.number = {id(p): i for i, p in enumerate(self.paragraphs, start=1)}
        rels = xml_part(path, self.package, "word/_rels/document.xml.rels", required=True)
        self.targets = {r.get("Id"): r.get("Target") for r in rels}

    def where(self, p: etree._Element) -> str:
        return where_paragraph(self.number[id(p)], paragraph_text(p))

    def close(self) -> None:
        self.package.close()

    def part(self, rel_id: str | None) -> etree._Element | None:
        target = self.targets.get(rel_id)
        if not target:
            return None
        name = "word/" + target.lstrip("/").removeprefix("word/")
        return xml_part(self.path, self.package, name)


def mm(twips: str | None) -> float | None:
    """A page measure in mm (twips, or a length with its unit); None when unreadable."""
    found = points(twips, 20)
    return None if found is None else found * 25.4 / 72


def size_text(size: float) -> str:
    """A font size as the findings write it: `14`, `10,5`."""
    return number(size)


def sizes_text(rule: Text) -> str:
    low, high = rule.co_cho_phep or (rule.co, rule.co)
    return f"cỡ {size_text(low)}" if low == high else f"cỡ {size_text(low)}–{size_text(high)}"


def emphasis(rule: Text) -> str:
    return ", ".join(
        x
        for x in (sizes_text(rule), "đậm" if rule.dam else "", "nghiêng" if rule.nghieng else "")
        if x
    )


def styled(fmt: RunFormat, rule: Text) -> bool:
    """Size within the profile's sizes, bold and italic as the profile says (an element the
    profile does not bolden may still be bold: only a required emphasis is checked)."""
    sized = fmt.size is None or rule.allows(fmt.size)
    return sized and (fmt.bold or not rule.dam) and (fmt.italic or not rule.nghieng)


def columns(table: etree._Element) -> list[list[etree._Element]]:
    """Each column's paragraphs, top to bottom: a header or signature table of one row, or
    of two (issuer | Quốc hiệu over số | date, as a State header is often laid out)."""
    rows = [tr.findall(w("tc")) for tr in table.findall(w("tr"))]
    width = max((len(cells) for cells in rows), default=0)
    return [
        [q for cells in rows if c < len(cells) for q in cells[c].iter(w("p"))] for c in range(width)
    ]


def texts(paragraphs: Iterable[etree._Element]) -> list[Line]:
    return [(p, paragraph_text(p).strip()) for p in paragraphs if paragraph_text(p).strip()]
