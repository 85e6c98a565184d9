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

from lxml import etree

from kehoach.check.files import (
    MAX_PARAGRAPHS,
    W,
    decode_text,
    other_format,
    paragraph_text,
    xml_part,
)
from kehoach.check.numbering import Numbering
from kehoach.errors import PlanError, Problem
from kehoach.importer.ledger import default_profile
from kehoach.vn import closing
from kehoach.vn.numbers import number

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
    try:
        text = decode_text(raw)  # UTF-8, or UTF-16 as Notepad saves "Unicode"
        raw = text.encode("utf-8")
    except UnicodeDecodeError:
        text = None
    _refuse_empty_or_binary(path, raw)
    if text is None:
        latin = raw.decode("cp1252", errors="replace")
        if sum(c in _TCVN3 for c in latin) > len(latin) / 50:
            raise _legacy(path, "TCVN3/ABC hoặc VNI")
        raise PlanError([Problem(str(path), "tệp không phải văn bản UTF-8 hoặc UTF-16")])
    _refuse_legacy(path, text)
    return Source(body=text.split("\n"))


def _refuse_legacy(path: Path, text: str) -> None:
    """Text typed with a TCVN3 (.VnTime) or VNI font reads as Latin-1 junk in Unicode."""
    vietnamese = sum(1 for c in text if "\u1ea0" <= c <= "\u1ef9" or c in "đĐ")
    if vietnamese:
        return
    if sum(c in _TCVN3 for c in text) > max(5, len(text) / 50):
        raise _legacy(path, "TCVN3/ABC")
    if len(_VNI.findall(text)) > 5:
        raise _legacy(path, "VNI")


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
        numbering = Numbering(package, styles)
    body = document.find(f"{{{W}}}body")
    if body is None:
        raise PlanError([Problem(str(path), "word/document.xml: thiếu thân văn bản <w:body>")])
    if len(body) > MAX_PARAGRAPHS:
        raise PlanError(
            [Problem(str(path), f"văn bản quá dài để nhập (quá {number(MAX_PARAGRAPHS)} đoạn)")]
        )
    return _lines(path, body, numbering)


def _lines(path: Path, body: etree._Element, numbering: Numbering) -> Source:
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


def _table(table, first: bool, source: Source, profile) -> None:
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
    other = other_format(raw)
    if other is not None:
        message = f"đây là {other[0]}, không nhập được; hãy {other[1]} rồi nhập lại"
        raise PlanError([Problem(str(path), message)])
    if raw.startswith(b"PK\x03\x04") or path.suffix.lower() == ".docx":
        return read_docx(path)
    return read_text(path, raw)
