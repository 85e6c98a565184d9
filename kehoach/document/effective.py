"""The formatting Word actually applies to a paragraph or a run.

python-docx answers None for anything inherited, so a file that sets everything in
styles would look unformatted. Here a property is looked up the way Word does it:
direct formatting, then the character style chain, then the paragraph style chain
(or the default paragraph style), then the document defaults; theme fonts
(`asciiTheme="minorHAnsi"`) are resolved through the document's theme.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from kehoach.document.wordxml import A, w, xml_part

_OFF = {"0", "false", "off", "none"}
_POINTS = {"pt": 1.0, "pc": 12.0, "pi": 12.0, "in": 72.0, "mm": 72 / 25.4, "cm": 72 / 2.54}
_MEASURE = re.compile(r"\s*(-?\d+(?:\.\d+)?)\s*(pt|pc|pi|in|mm|cm)?\s*")


def points(value: str | None, per_point: float) -> float | None:
    """A length in points: `value` counted in 1/`per_point` of a point (twips: 20, a
    font size's half-points: 2) or written with its unit (`2cm`, `12pt`, as OOXML also
    allows); None when absent or not a length (a hand-edited `w:sz="abc"`)."""
    found = _MEASURE.fullmatch(value or "")
    if found is None:
        return None
    number, unit = float(found.group(1)), found.group(2)
    return number * _POINTS[unit] if unit else number / per_point


@dataclass(frozen=True)
class RunFormat:
    font: str | None
    size: float | None
    bold: bool
    italic: bool
    underline: bool


class Formats:
    """Styles, defaults and theme of one DOCX package."""

    def __init__(self, package: zipfile.ZipFile, path: Path) -> None:
        names = set(package.namelist())
        styles = xml_part(path, package, "word/styles.xml")
        if styles is None:
            styles = etree.Element(w("styles"))
        self.styles = {s.get(w("styleId")): s for s in styles.iter(w("style"))}
        self.default_paragraph = next(
            (
                sid
                for sid, s in self.styles.items()
                if s.get(w("type")) == "paragraph" and s.get(w("default")) in ("1", "true")
            ),
            None,
        )
        defaults = styles.find(w("docDefaults"))
        self.default_rpr = (
            defaults.find(f"{w('rPrDefault')}/{w('rPr')}") if (defaults is not None) else None
        )
        self.default_ppr = (
            defaults.find(f"{w('pPrDefault')}/{w('pPr')}") if (defaults is not None) else None
        )
        self.theme: dict[str, str | None] = {}
        theme_name = next((n for n in names if n.startswith("word/theme/")), None)
        if theme_name:
            theme = xml_part(path, package, theme_name, required=True)  # listed: there
            for kind in ("major", "minor"):
                latin = theme.find(f".//{{{A}}}{kind}Font/{{{A}}}latin")
                if latin is not None:
                    self.theme[kind] = latin.get("typeface")

    def _chain(self, style_id: str | None) -> list[etree._Element]:
        """The style and its basedOn ancestors, root first."""
        chain, seen = [], set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            chain.append(style)
            based = style.find(w("basedOn"))
            style_id = based.get(w("val")) if based is not None else None
        return list(reversed(chain))

    def style_of(self, paragraph: etree._Element) -> str | None:
        ppr = paragraph.find(w("pPr"))
        pstyle = ppr.find(w("pStyle")) if ppr is not None else None
        return pstyle.get(w("val")) if pstyle is not None else self.default_paragraph

    def _rpr_layers(
        self, paragraph: etree._Element, run: etree._Element | None
    ) -> list[etree._Element]:
        layers = [self.default_rpr]
        layers += [s.find(w("rPr")) for s in self._chain(self.style_of(paragraph))]
        rpr = run.find(w("rPr")) if run is not None else None
        if rpr is not None:
            rstyle = rpr.find(w("rStyle"))
            if rstyle is not None:
                layers += [s.find(w("rPr")) for s in self._chain(rstyle.get(w("val")))]
        layers.append(rpr)
        return [layer for layer in layers if layer is not None]

    def run(self, paragraph: etree._Element, run: etree._Element | None = None) -> RunFormat:
        """The effective font, size and emphasis of `run` (or of the paragraph mark)."""
        font = size = None
        bold = italic = underline = False
        for layer in self._rpr_layers(paragraph, run):
            fonts = layer.find(w("rFonts"))
            if fonts is not None:
                theme = fonts.get(w("asciiTheme"))
                if theme:
                    font = self.theme.get("major" if theme.startswith("major") else "minor")
                elif fonts.get(w("ascii")):
                    font = fonts.get(w("ascii"))
            sz = layer.find(w("sz"))
            if sz is not None and points(sz.get(w("val")), 2) is not None:
                size = points(sz.get(w("val")), 2)
            for tag, _name in (("b", "bold"), ("i", "italic")):
                node = layer.find(w(tag))
                if node is not None:
                    value = node.get(w("val"), "1") not in _OFF
                    bold, italic = (value, italic) if tag == "b" else (bold, value)
            u = layer.find(w("u"))
            if u is not None:
                underline = u.get(w("val"), "single") not in _OFF
        return RunFormat(font, size, bold, italic, underline)

    def paragraph(self, paragraph: etree._Element, tag: str) -> etree._Element | None:
        """The nearest definition of a pPr child (jc, ind, spacing …), or None."""
        layers = [self.default_ppr]
        layers += [s.find(w("pPr")) for s in self._chain(self.style_of(paragraph))]
        layers.append(paragraph.find(w("pPr")))
        found = None
        for layer in layers:
            if layer is not None and layer.find(w(tag)) is not None:
                found = layer.find(w(tag))
        return found

    def alignment(self, paragraph: etree._Element) -> str:
        jc = self.paragraph(paragraph, "jc")
        return jc.get(w("val"), "left") if jc is not None else "left"

    def has_border(self, paragraph: etree._Element, side: str) -> bool:
        borders = self.paragraph(paragraph, "pBdr")
        edge = borders.find(w(side)) if borders is not None else None
        return edge is not None and edge.get(w("val")) not in ("nil", "none")
