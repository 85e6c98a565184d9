"""An existing plan's text, line by line, from a text file or a DOCX.

A DOCX is read from its XML: tracked insertions are kept and deletions dropped (which
python-docx's `Paragraph.text` gets wrong), runs split mid-word are joined, and Word's
automatic numbering is turned back into the labels the reader sees (`I.`, `1.`, `a)`).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lxml import etree

from kehoach.document.effective import Formats
from kehoach.document.numbering import Numbering
from kehoach.document.wordxml import (
    MAX_PARAGRAPHS,
    W,
    other_format,
    paragraph_text,
    xml_part,
)
from kehoach.errors import PlanError, Problem
from kehoach.importer import bounds, containers, convert, frames
from kehoach.importer.ledger import default_profile
from kehoach.source.encoding import decode_text
from kehoach.vn import closing
from kehoach.vn.numbers import number

if TYPE_CHECKING:
    from kehoach.rules.profile import Profile

Row = list[str]
"""A table row: its cells' text."""


@dataclass(frozen=True)
class Grid:
    """A table of the body, kept as a table: its rows of cell texts (a cell's paragraphs
    and line breaks joined by line breaks)."""

    rows: list[Row]


class Rows(list[Row]):
    """A table after the signature: its rows; `framed` is False when Word draws no lines
    (a form's Quốc hiệu or signature table)."""

    framed: bool = True


@dataclass
class Source:
    """The header block's lines (when the file keeps them apart: the left column's, then
    the right's, each marked bold or not), the body's lines and tables, the signature
    table's columns (the recipients' first), and what follows the signature."""

    header: list[str] = field(default_factory=list)
    header_bold: list[bool] = field(default_factory=list)
    body: list[str | Grid] = field(default_factory=list)
    signature: list[list[str]] = field(default_factory=list)  # columns of a signature table
    after: list[str | list[Row]] = field(default_factory=list)  # tables as `Rows`
    tracked: bool = False  # the DOCX had tracked changes (accepted on reading)
    notes: list[str] = field(default_factory=list)  # where text came from: for review


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
    return Source(body=[*bounds.lines_within(path, text, MAX_PARAGRAPHS).split("\n")])


def _refuse_legacy(path: Path, text: str) -> None:
    """Text typed with a TCVN3 (.VnTime) or VNI font reads as Latin-1 junk in Unicode."""
    vietnamese = sum(1 for c in text if "\u1ea0" <= c <= "\u1ef9" or c in "đĐ")
    if vietnamese:
        return
    if sum(c in _TCVN3 for c in text) > max(5, len(text) / 50):
        raise _legacy(path, "TCVN3/ABC")
    if len(_VNI.findall(text)) > 5:
        raise _legacy(path, "VNI")


def read_docx(path: Path, data: bytes | None = None) -> Source:
    """A DOCX file's lines; `data` is the DOCX when it was converted from another format
    (errors still name `path`)."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data) if data is not None else path)
    except zipfile.BadZipFile:
        raise PlanError([Problem(str(path), "không phải tệp DOCX đọc được")]) from None
    with package:
        bounds.paragraphs_within(path, package, MAX_PARAGRAPHS)
        document = xml_part(path, package, "word/document.xml")
        if document is None:
            raise PlanError([Problem(str(path), "không phải tệp DOCX (thiếu word/document.xml)")])
        styles = xml_part(path, package, "word/styles.xml")
        numbering = Numbering(package, styles)
        formats = Formats(package, path)
        refs = containers.Package(path, package)
    body = document.find(f"{{{W}}}body")
    if body is None:
        raise PlanError([Problem(str(path), "word/document.xml: thiếu thân văn bản <w:body>")])
    if len(body) > MAX_PARAGRAPHS:
        raise PlanError(
            [Problem(str(path), f"văn bản quá dài để nhập (quá {number(MAX_PARAGRAPHS)} đoạn)")]
        )
    return _lines(path, body, numbering, formats, refs, styles)


def _lines(path: Path, body: etree._Element, numbering: Numbering, formats: Formats,
           refs: containers.Package, styles: etree._Element | None) -> Source:
    profile = default_profile()
    source = Source(tracked=body.find(f".//{{{W}}}ins") is not None)
    found = list(containers.blocks(body))  # content controls opened in place
    tables = [child for child in found if child.tag == f"{{{W}}}tbl"]
    for child in found:
        if child.tag == f"{{{W}}}p":
            label = numbering.label(child)
            text = paragraph_text(child)
            line = f"{label} {text}" if label else text
            lines = source.after if source.signature else source.body
            lines.append(line)
            _held(child, text, lines, source, refs)
        elif child.tag == f"{{{W}}}tbl":
            _table(child, child is tables[0], source, profile, formats, styles)
    written = [x for x in source.body if isinstance(x, str)]
    _refuse_legacy(path, "\n".join(source.header + written))
    return source


def _held(paragraph: etree._Element, text: str, lines: list[Any], source: Source,
          refs: containers.Package) -> None:
    """What `paragraph` holds or refers to besides its text: its text boxes' and SmartArt
    graphics' lines after it, its footnotes as notes; each marked for review."""
    words = text.split()
    where = f"«{' '.join(words[:8])}…»" if words else "không có chữ (chỉ có hình)"
    for held, what in ((containers.boxed(paragraph), "hộp văn bản (text box)"),
                       (refs.smartart(paragraph), "SmartArt")):
        if held:
            lines.extend(held)
            source.notes.append(f"{len(held)} dòng lấy từ {what} ở đoạn {where}: kiểm tra")
    for note in refs.notes_of(paragraph):
        source.notes.append(f"chú thích cuối trang của đoạn {where}: {note}")


def _cell_paragraphs(tc: etree._Element) -> list[etree._Element]:
    """A cell's paragraphs, those of a table nested in it and of its text boxes included,
    each once (not a box's fallback copy)."""
    return [p for p in tc.iter(f"{{{W}}}p") if not containers.in_fallback(p)]


def _grid(table: etree._Element) -> list[list[list[etree._Element]]]:
    """The table's rows of cells, each cell its paragraphs; a cell spanning columns
    (`gridSpan`) stands once, at its first column."""
    rows = []
    for tr in table.findall(f"{{{W}}}tr"):
        rows.append([_cell_paragraphs(tc) for tc in tr.findall(f"{{{W}}}tc")])
    return rows


def _columns(rows: list[list[list[etree._Element]]]) -> list[list[etree._Element]]:
    """The paragraphs of each column, top to bottom (a 2×2 header or signature table)."""
    width = max((len(r) for r in rows), default=0)
    return [[p for r in rows if c < len(r) for p in r[c]] for c in range(width)]


def _bold(paragraph: etree._Element, formats: Formats) -> bool:
    runs = [
        r
        for r in paragraph.iter(f"{{{W}}}r")
        if "".join(t.text or "" for t in r.iter(f"{{{W}}}t")).strip()
    ]
    return bool(runs) and all(formats.run(paragraph, r).bold for r in runs)


def cell_text(paragraphs: list[etree._Element]) -> str:
    """A table cell as one text: its paragraphs and line breaks as `\\n`, a cell holding
    only no-break spaces or blanks as empty."""
    text = "\n".join(paragraph_text(p) for p in paragraphs)
    lines = [" ".join(line.replace("\u00a0", " ").split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def _table(
    table: etree._Element,
    first: bool,
    source: Source,
    profile: Profile,
    formats: Formats,
    styles: etree._Element | None,
) -> None:
    """A header, a signature, an appendix's table (after the signature), or a body table."""
    rows = _grid(table)
    columns = _columns(rows)
    flat = [paragraph_text(p) for column in columns for p in column]
    if first and not any(isinstance(x, Grid) or x.strip() for x in source.body):
        source.header = flat
        source.header_bold = [_bold(p, formats) for column in columns for p in column]
    elif source.signature:
        after = Rows([cell_text(cell) for cell in row] for row in rows)
        after.framed = frames.framed(table, styles)
        source.after.append(after)
    elif any(
        closing.is_recipients_heading(line.strip(), profile)
        for column in columns
        for p in column
        for line in paragraph_text(p).split("\n")
    ):
        source.signature = [[paragraph_text(p) for p in column] for column in columns]
    else:
        source.body.append(Grid([[cell_text(cell) for cell in row] for row in rows]))


def read_source(path: Path) -> Source:
    """The lines of a DOCX or a text file; any other format is named as what it is."""
    if path.stat().st_size > MAX_FILE:
        raise PlanError([Problem(str(path), f"tệp quá lớn để nhập (quá {MAX_FILE // 2**20} MB)")])
    raw = path.read_bytes()
    other = other_format(raw)
    if other is not None and not other.convertible:
        message = f"đây là {other.kind}, không nhập được; hãy {other.todo} rồi nhập lại"
        raise PlanError([Problem(str(path), message)])
    converted = convert.kind(path, raw)
    if converted is not None:
        return read_docx(path, convert.to_docx(path, converted))
    if raw.startswith(b"PK\x03\x04") or path.suffix.lower() == ".docx":
        return read_docx(path)
    return read_text(path, raw)
