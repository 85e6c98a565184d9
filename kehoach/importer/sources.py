"""An existing plan's text, line by line, from a text file or a DOCX.

A DOCX is read from its XML: tracked insertions are kept and deletions dropped (which
python-docx's `Paragraph.text` gets wrong), runs split mid-word are joined, and Word's
automatic numbering is turned back into the labels the reader sees (`I.`, `1.`, `a)`).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lxml import etree

from kehoach.document.wordxml import MAX_PARAGRAPHS, W, paragraph_text, xml_part
from kehoach.errors import PlanError, Problem
from kehoach.importer.ledger import default_profile
from kehoach.vn import closing
from kehoach.vn.labels import roman

if TYPE_CHECKING:
    from kehoach.rules.profile import Profile

Row = list[str]
"""A table row: its cells' text."""


@dataclass
class Source:
    """The header block's lines (when the file keeps them apart), the body's lines, the
    signature table's cells, and what follows the signature (lines and tables)."""

    header: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    signature: list[list[str]] = field(default_factory=list)  # cells of a signature table
    after: list[str | list[Row]] = field(default_factory=list)
    tracked: bool = False  # the DOCX had tracked changes (accepted on reading)


def _refuse_empty_or_binary(path: Path, raw: bytes) -> None:
    """A text file with no letters, or a binary file, has nothing to import: say so."""
    if not raw.strip():
        raise PlanError([Problem(str(path), "tệp trống: không có chữ nào để nhập")])
    if b"\x00" in raw[:4096]:
        raise PlanError([Problem(str(path), "tệp nhị phân, không phải văn bản: lưu thành .docx")])


MAX_FILE = 50 * 2**20  # bytes of the file given to import

# What a file that is not a DOCX nor text starts with, and what to do about it.
_OTHER_FORMATS = (
    (b"%PDF-", "tệp PDF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "tệp Word 97–2003 (.doc) hoặc Excel cũ"),
    (b"{\\rtf", "tệp RTF"),
)
_SAVE_AS = "; hãy mở bằng Word hoặc LibreOffice, lưu thành .docx rồi nhập lại"

# Characters TCVN3 (ABC) and VNI text shows when read as Windows-1252.
_TCVN3 = set("¸µ¶·¹¨»¾¼½ÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõö÷øùúûü§©®ª«¬")
_VNI = re.compile(r"[aeiouyAEIOUY][øùûõïöôä]")


def _legacy(path: Path, text: str) -> PlanError:
    message = (
        f"văn bản có vẻ dùng bảng mã cũ ({text}), không phải Unicode; hãy chuyển mã "
        "sang Unicode (ví dụ Unikey: Công cụ chuyển mã) rồi nhập lại"
    )
    return PlanError([Problem(str(path), message)])


def read_text(path: Path, raw: bytes) -> Source:
    _refuse_empty_or_binary(path, raw)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        latin = raw.decode("cp1252", errors="replace")
        if sum(c in _TCVN3 for c in latin) > len(latin) / 50:
            raise _legacy(path, "TCVN3/ABC hoặc VNI") from None
        raise PlanError([Problem(str(path), "tệp không phải văn bản UTF-8")]) from None
    lines = text.split("\n")
    if len(lines) > MAX_PARAGRAPHS:
        raise PlanError(
            [Problem(str(path), f"văn bản quá dài để nhập (quá {MAX_PARAGRAPHS:,} dòng)")]
        )
    _refuse_legacy(path, text)
    return Source(body=lines)


def _refuse_legacy(path: Path, text: str) -> None:
    """Text typed with a TCVN3 (.VnTime) or VNI font reads as Latin-1 junk in Unicode."""
    vietnamese = sum(1 for c in text if "\u1ea0" <= c <= "\u1ef9" or c in "đĐ")
    if vietnamese:
        return
    if sum(c in _TCVN3 for c in text) > max(5, len(text) / 50):
        raise _legacy(path, "TCVN3/ABC")
    if len(_VNI.findall(text)) > 5:
        raise _legacy(path, "VNI")


class _Numbering:
    """Word's automatic numbering: the label each numbered paragraph shows."""

    def __init__(self, package: zipfile.ZipFile, styles: etree._Element | None) -> None:
        # Keyed as the XML gives them: an id left out is a None key, found by nothing.
        self.levels: dict[str | None, dict[int, dict[str, Any]]] = {}
        self.nums: dict[str | None, tuple[str | None, dict[int, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.style_num: dict[str | None, tuple[str, int]] = {}
        root = xml_part(Path(str(package.filename)), package, "word/numbering.xml")
        if root is not None:
            for abstract in root.iter(f"{{{W}}}abstractNum"):
                levels = {}
                for lvl in abstract.iter(f"{{{W}}}lvl"):
                    levels[int(_attr(lvl, "ilvl"))] = {
                        "start": int(_val(lvl, "start") or 1),
                        "fmt": _val(lvl, "numFmt") or "decimal",
                        "text": _val(lvl, "lvlText") or "",
                    }
                self.levels[abstract.get(f"{{{W}}}abstractNumId")] = levels
            for num in root.iter(f"{{{W}}}num"):
                overrides = {
                    int(_attr(o, "ilvl")): int(start)
                    for o in num.iter(f"{{{W}}}lvlOverride")
                    if (start := _val(o, "startOverride")) is not None
                }
                self.nums[num.get(f"{{{W}}}numId")] = (_val(num, "abstractNumId"), overrides)
        if styles is not None:
            for style in styles.iter(f"{{{W}}}style"):
                num_pr = style.find(f"{{{W}}}pPr/{{{W}}}numPr")
                if num_pr is not None and (num_id := _val(num_pr, "numId")):
                    self.style_num[style.get(f"{{{W}}}styleId")] = (
                        num_id,
                        int(_val(num_pr, "ilvl") or 0),
                    )

    def label(self, paragraph: etree._Element) -> str:
        ppr = paragraph.find(f"{{{W}}}pPr")
        num = ppr.find(f"{{{W}}}numPr") if ppr is not None else None
        style = ppr.find(f"{{{W}}}pStyle") if ppr is not None else None
        style_id = style.get(f"{{{W}}}val") if style is not None else None
        if num is not None and (own := _val(num, "numId")):
            num_id, level = own, int(_val(num, "ilvl") or 0)
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


def _attr(node: etree._Element, name: str) -> str:
    """An attribute numbering.xml must give; without it the numbering is unreadable."""
    value = node.get(f"{{{W}}}{name}")
    if value is None:
        raise TypeError(f"w:{name} missing")  # read_docx names the part
    return value


def _format(value: int, fmt: str) -> str:
    if fmt == "upperRoman":
        return roman(value)
    if fmt == "lowerRoman":
        return roman(value).lower()
    if fmt == "lowerLetter":
        return chr(ord("a") + value - 1)
    if fmt == "upperLetter":
        return chr(ord("A") + value - 1)
    return str(value)


def read_docx(path: Path) -> Source:
    try:
        package = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise PlanError([Problem(str(path), "không phải tệp DOCX đọc được")]) from None
    with package:
        document = xml_part(path, package, "word/document.xml")
        if document is None:
            raise PlanError([Problem(str(path), "không phải tệp DOCX (thiếu word/document.xml)")])
        styles = xml_part(path, package, "word/styles.xml")
        try:
            numbering = _Numbering(package, styles)
        except (TypeError, ValueError):
            raise PlanError(
                [Problem(str(path), "word/numbering.xml: đánh số tự động không đọc được")]
            ) from None
    body = document.find(f"{{{W}}}body")
    if body is None:
        raise PlanError([Problem(str(path), "word/document.xml: thiếu thân văn bản <w:body>")])
    if len(body) > MAX_PARAGRAPHS:
        raise PlanError(
            [Problem(str(path), f"văn bản quá dài để nhập (quá {MAX_PARAGRAPHS:,} đoạn)")]
        )
    return _lines(path, body, numbering)


def _lines(path: Path, body: etree._Element, numbering: _Numbering) -> Source:
    profile = default_profile()
    source = Source(tracked=body.find(f".//{{{W}}}ins") is not None)
    tables = body.findall(f"{{{W}}}tbl")
    for child in body:
        if child.tag == f"{{{W}}}p":
            label = numbering.label(child)
            text = paragraph_text(child)
            line = f"{label} {text}" if label else text
            (source.after if source.signature else source.body).append(line)
        elif child.tag == f"{{{W}}}tbl":
            _table(child, child is tables[0], source, profile)
    _refuse_legacy(path, "\n".join(source.header + source.body))
    return source


def _table(table: etree._Element, first: bool, source: Source, profile: Profile) -> None:
    """A header, a signature, an appendix's table (after the signature), or body lines."""
    cells = [[paragraph_text(p) for p in tc.iter(f"{{{W}}}p")] for tc in table.iter(f"{{{W}}}tc")]
    flat = [line for cell in cells for line in cell]
    if first and not source.body:
        source.header = flat
    elif source.signature:
        rows = [
            [
                " ".join(paragraph_text(p) for p in tc.iter(f"{{{W}}}p"))
                for tc in tr.iter(f"{{{W}}}tc")
            ]
            for tr in table.iter(f"{{{W}}}tr")
        ]
        source.after.append(rows)
    elif any(closing.is_recipients_heading(line.strip(), profile) for line in flat):
        source.signature = cells
    else:
        source.body += flat


def read_source(path: Path) -> Source:
    """The lines of a DOCX or a text file; any other format is named as what it is."""
    if path.stat().st_size > MAX_FILE:
        raise PlanError([Problem(str(path), f"tệp quá lớn để nhập (quá {MAX_FILE // 2**20} MB)")])
    raw = path.read_bytes()
    for magic, kind in _OTHER_FORMATS:
        if raw.startswith(magic):
            raise PlanError([Problem(str(path), f"đây là {kind}, không nhập được{_SAVE_AS}")])
    if raw.startswith(b"PK\x03\x04") or path.suffix.lower() == ".docx":
        return read_docx(path)
    return read_text(path, raw)
