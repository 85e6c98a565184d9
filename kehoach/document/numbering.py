"""Word's automatic numbering (`numbering.xml`): the label a numbered paragraph shows
(`I.`, `1.`, `a)`), read the way Word counts it (levels, formats, start values,
overrides, deeper levels restarting under a new item). Both `import` and `check` read
paragraphs with their labels, so a list Word numbers is seen as the reader sees it."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from kehoach.document.wordxml import W, xml_part
from kehoach.vn.labels import roman


class Numbering:
    """Word's automatic numbering: the label each numbered paragraph shows."""

    def __init__(self, package: zipfile.ZipFile, styles: etree._Element | None) -> None:
        self.levels: dict[str, dict[int, dict]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.style_num: dict[str, tuple[str, int]] = {}
        root = xml_part(Path(str(package.filename)), package, "word/numbering.xml")
        if root is not None:
            for abstract in root.iter(f"{{{W}}}abstractNum"):
                levels = {}
                for lvl in abstract.iter(f"{{{W}}}lvl"):
                    levels[_level(lvl.get(f"{{{W}}}ilvl"))] = {
                        "start": _int(_val(lvl, "start"), 1),
                        "fmt": _val(lvl, "numFmt") or "decimal",
                        "text": _val(lvl, "lvlText") or "",
                    }
                self.levels[abstract.get(f"{{{W}}}abstractNumId") or ""] = levels
            for num in root.iter(f"{{{W}}}num"):
                overrides = {
                    _level(o.get(f"{{{W}}}ilvl")): _int(_val(o, "startOverride"), 1)
                    for o in num.iter(f"{{{W}}}lvlOverride")
                    if _val(o, "startOverride") is not None
                }
                abstract_id = _val(num, "abstractNumId") or ""
                self.nums[num.get(f"{{{W}}}numId") or ""] = (abstract_id, overrides)
        if styles is not None:
            for style in styles.iter(f"{{{W}}}style"):
                num_pr = style.find(f"{{{W}}}pPr/{{{W}}}numPr")
                num_id = _val(num_pr, "numId") if num_pr is not None else None
                if num_pr is not None and num_id:
                    level = _level(_val(num_pr, "ilvl"))
                    self.style_num[style.get(f"{{{W}}}styleId") or ""] = (num_id, level)

    def label(self, paragraph: etree._Element) -> str:
        ppr = paragraph.find(f"{{{W}}}pPr")
        num = ppr.find(f"{{{W}}}numPr") if ppr is not None else None
        style = ppr.find(f"{{{W}}}pStyle") if ppr is not None else None
        style_id = (style.get(f"{{{W}}}val") if style is not None else None) or ""
        if num is not None and _val(num, "numId"):
            num_id, level = _val(num, "numId") or "", _level(_val(num, "ilvl"))
        elif style_id in self.style_num:
            num_id, level = self.style_num[style_id]
        else:
            return ""
        if num_id == "0" or num_id not in self.nums:
            return ""
        abstract, overrides = self.nums[num_id]
        levels = self.levels.get(abstract, {})
        counters = self.counters.setdefault(num_id, {})
        start = overrides.get(level, levels.get(level, {}).get("start", 1))
        counters[level] = counters[level] + 1 if level in counters else start
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]  # a new item restarts the levels below it
        text = levels.get(level, {}).get("text", "")
        for i in range(level + 1):
            fmt = levels.get(i, {}).get("fmt", "decimal")
            value = counters.get(i, levels.get(i, {}).get("start", 1))
            text = text.replace(f"%{i + 1}", _format(value, fmt))
        return text if levels.get(level, {}).get("fmt") != "bullet" else "-"


def _val(node: etree._Element, tag: str) -> str | None:
    child = node.find(f"{{{W}}}{tag}")
    return child.get(f"{{{W}}}val") if child is not None else None


LEVELS = 9
"""Word numbers nine levels (ilvl 0–8); any other level is read as the nearest."""


def _int(text: str | None, default: int) -> int:
    """A number attribute as Word would take it; a hand-edited file's junk is the default."""
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _level(text: str | None) -> int:
    return min(max(_int(text, 0), 0), LEVELS - 1)


def _format(value: int, fmt: str) -> str:
    """The counter as `fmt` writes it; Roman numerals past 3,999 and letters past the
    tenth round (`jjjjjjjjjj`) are written in digits, as no real list reaches them."""
    if fmt in ("upperRoman", "lowerRoman") and 0 < value < 4000:
        return roman(value) if fmt == "upperRoman" else roman(value).lower()
    if fmt in ("lowerLetter", "upperLetter") and 0 < value <= 26 * 10:
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter if fmt == "lowerLetter" else letter.upper()
    return str(value)
