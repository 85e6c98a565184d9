"""Reading a Word document's XML, for every stage that reads DOCX (`check`, `import`,
`compare`): each part's unpacked size checked before it is read, parsed without entities
or network, and a paragraph's text as Word shows it. The OOXML namespaces are declared
here, once."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Literal, overload

from kehoach.errors import Unreadable

if TYPE_CHECKING:
    from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML = "http://www.w3.org/XML/1998/namespace"

MAX_PART = 200 * 2**20  # bytes of one XML part of a DOCX, once unpacked
MAX_PARAGRAPHS = 20_000
"""Paragraphs of a DOCX kehoach reads: the longest real plan has a few hundred; a file of
290,000 empty paragraphs (48 KB zipped) is refused instead of read for minutes."""


def w(tag: str) -> str:
    """`w:tag` in Clark notation, as lxml names it."""
    return f"{{{W}}}{tag}"


def open_docx(path: Path) -> zipfile.ZipFile:
    """The DOCX package, or `Unreadable` when it is no zip at all."""
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise Unreadable(f"{path}: không phải tệp DOCX đọc được") from None


@overload
def xml_part(
    path: Path, package: zipfile.ZipFile, name: str, *, required: Literal[True]
) -> etree._Element: ...
@overload
def xml_part(
    path: Path, package: zipfile.ZipFile, name: str, *, required: bool = False
) -> etree._Element | None: ...
def xml_part(
    path: Path, package: zipfile.ZipFile, name: str, *, required: bool = False
) -> etree._Element | None:
    """One XML part of a DOCX, its unpacked size checked before it is read (zip bombs),
    parsed without entities or network; None when the package has no such part."""
    from zlib import error as zlib_error

    from lxml import etree

    try:
        info = package.getinfo(name)
    except KeyError:
        if required:
            raise Unreadable(f"{path}: không phải tệp DOCX (thiếu {name})") from None
        return None
    if info.file_size > MAX_PART:
        raise Unreadable(f"{path}: {name}: phần này quá lớn khi giải nén")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        with package.open(info) as member:
            data = member.read(MAX_PART + 1)
        return etree.fromstring(data, parser)
    except (zipfile.BadZipFile, OSError, EOFError, zlib_error) as exc:
        raise Unreadable(f"{path}: {name}: tệp nén hỏng ({exc})") from None
    except etree.XMLSyntaxError as exc:
        raise Unreadable(f"{path}: {name}: XML hỏng ({exc})") from None


def docx_paragraphs(path: Path) -> list[etree._Element]:
    """The body's paragraphs in order (tables included), as lxml elements."""
    with open_docx(path) as package:
        body = xml_part(path, package, "word/document.xml", required=True)
    return list(body.iter(w("p")))


def paragraph_text(p: etree._Element) -> str:
    """The text Word shows: runs, tabs and breaks, tracked insertions kept, deletions not."""
    parts = []
    for node in p.iter(w("t"), w("tab"), w("br")):
        if node.tag == w("t"):
            parts.append(node.text or "")
        else:
            parts.append("\t" if str(node.tag).endswith("tab") else "\n")
    return "".join(parts)
