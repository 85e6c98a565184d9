"""Reading a Word document's XML, for every stage that reads DOCX (`check`, `import`,
`compare`): each part's unpacked size checked before it is read, its paragraphs counted
before a tree is built, parsed without external entities or network, and a paragraph's
text as Word shows it; and what a file given as a document is when it is no DOCX (a
password-protected Word file, Word 97, PDF, RTF). The OOXML
namespaces are declared here, once."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, overload

from kehoach.errors import Unreadable, os_problem
from kehoach.vn.numbers import number

if TYPE_CHECKING:
    from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML = "http://www.w3.org/XML/1998/namespace"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"

MAX_PART = 200 * 2**20  # bytes of one XML part of a DOCX, once unpacked
MAX_PARAGRAPHS = 20_000
"""Paragraphs of a DOCX that are read (counted in its XML before it is parsed): the longest
real plan has a few hundred; a file of 290,000 empty paragraphs (48 KB zipped) is refused
instead of read for minutes and listed for a minute more."""


def w(tag: str) -> str:
    """`w:tag` in Clark notation, as lxml names it."""
    return f"{{{W}}}{tag}"


def open_docx(path: Path) -> zipfile.ZipFile:
    """The DOCX package, or `Unreadable` naming what the file is when it is no zip."""
    try:
        return zipfile.ZipFile(path)
    except OSError as exc:
        raise Unreadable(f"{path}: không đọc được ({os_problem(exc)})") from None
    except zipfile.BadZipFile:
        with open(path, "rb") as file:
            other = other_format(file.read(MAX_PART))
        found = f": đây là {other.kind}; hãy {other.todo}" if other else ""
        raise Unreadable(f"{path}: không phải tệp DOCX đọc được{found}") from None


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
    parsed without external entities or network; None when the package has no such part."""
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
    # Entities the part declares itself are expanded (Word users' tools write them: the text
    # is theirs); an external one (a file, a URL) is never read.
    parser = etree.XMLParser(
        resolve_entities="internal",  # type: ignore[arg-type]  # lxml ≥ 5; stubs say bool
        no_network=True,
        huge_tree=False,
    )
    try:
        with package.open(info) as member:
            data = member.read(MAX_PART + 1)
        if name == "word/document.xml" and _paragraphs(data) > MAX_PARAGRAPHS:
            raise Unreadable(f"{path}: văn bản quá dài để đọc (quá {number(MAX_PARAGRAPHS)} đoạn)")
        return etree.fromstring(data, parser)
    except (zipfile.BadZipFile, OSError, EOFError, zlib_error):
        raise Unreadable(f"{path}: {name}: phần nén bị hỏng, không giải nén được") from None
    except etree.XMLSyntaxError as exc:
        line, column = exc.position
        raise Unreadable(
            f"{path}: {name}: XML hỏng ở dòng {line}, cột {column} (hoặc dẫn tới tệp bên ngoài)"
        ) from None


def paragraph_text(p: etree._Element) -> str:
    """The text Word shows: runs, tabs and breaks, tracked insertions kept, deletions and
    text moved away (`w:moveFrom`) not; the paragraphs of a text box anchored here are no
    part of it (they are paragraphs of their own, read once, not with their fallback copy)."""
    parts: list[str] = []
    _shown(p, parts)
    return "".join(parts)


_HIDDEN = {w("del"), w("moveFrom"), w("txbxContent"), f"{{{MC}}}Fallback"}


def _shown(node: etree._Element, parts: list[str]) -> None:
    for child in node:
        tag = child.tag
        if tag == w("t"):
            parts.append(child.text or "")
        elif tag == w("tab"):
            parts.append("\t")
        elif tag == w("br"):
            parts.append("\n")
        elif tag not in _HIDDEN:
            _shown(child, parts)


def _paragraphs(xml: bytes) -> int:
    """The paragraphs of a part, counted in its bytes before a tree is built for them."""
    return xml.count(b"<w:p>") + xml.count(b"<w:p ") + xml.count(b"<w:p/>")


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


_SAVE_AS = "mở bằng Word hoặc LibreOffice, lưu thành .docx"


@dataclass(frozen=True)
class Other:
    """A file that is neither DOCX nor text: what it is, what the clerk can do, and whether
    LibreOffice can turn it into a DOCX (`import` does so when it is installed)."""

    kind: str
    todo: str
    convertible: bool = False


def other_format(raw: bytes) -> Other | None:
    """What a file that is neither DOCX nor text is, by its first bytes: a password-protected
    Word file (an OLE container holding an `EncryptedPackage`) is told from a Word 97 one."""
    if raw.startswith(_OLE):
        if _ENCRYPTED in raw:
            return Other(
                "tệp Word có đặt mật khẩu (đã mã hóa)",
                "mở bằng Word, bỏ mật khẩu (Tệp → Thông tin → Bảo vệ tài liệu), lưu lại",
            )
        return Other("tệp Word 97–2003 (.doc) hoặc Excel cũ", _SAVE_AS, convertible=True)
    if raw.startswith(b"%PDF-"):
        return Other("tệp PDF", _SAVE_AS)
    if raw.startswith(b"{\\rtf"):
        return Other("tệp RTF", _SAVE_AS, convertible=True)
    return None
