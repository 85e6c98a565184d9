"""Reading any file `kehoach check` accepts into text segments with locations."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, overload

from kehoach.check.findings import Segment
from kehoach.errors import KehoachError, os_problem
from kehoach.plan.indicators import BASE_SLOT, VALUE_SLOT
from kehoach.vn.numbers import number

if TYPE_CHECKING:
    import zipfile

    from lxml import etree

# Plan fields holding codes or ids, not Vietnamese text.
CODE_KEYS = {
    "id",
    "ho_so",
    "ma_co_quan",
    "loai",
    "danh_sach_don_vi",
    "so_sanh",
    "huong",
    "cap",
    "ky_hieu",
    "cach",
    "trong_so",
    "goc",
}
NOTE_KEYS = {"xem_lai"}
"""kehoach's own review notes: their reasons quote ids, their phrases copy the text (checked
where it stands; fixing the copy would detach the note), and the clerk deletes them."""
TOP_CODE_KEYS = {"don_vi"}
"""Keys that hold an id only at the top of a plan: a derived plan's `don_vi` names its
unit, while an indicator's `don_vi` is its unit of measure, prose to be checked."""


def _is_code(key: str, trail: tuple) -> bool:
    return key in CODE_KEYS or key in NOTE_KEYS or (not trail and key in TOP_CODE_KEYS)


class Unreadable(KehoachError):
    """A file `check` cannot read at all (exit code 2)."""


MAX_TEXT = 10 * 2**20
"""Bytes of a text or YAML file, characters of a DOCX's text, that `check` reads: a plan
is some 50 KB; ten megabytes are checked in a few seconds (bench/), more is refused."""
MAX_PARAGRAPHS = 300_000
"""Paragraphs of a DOCX that are read (counted in its XML before it is parsed)."""


def too_large(path: Path, what: str) -> Unreadable:
    return Unreadable(
        f"{path}: {what} quá lớn để kiểm tra (quá {number(MAX_TEXT // 2**20)} MB chữ); "
        "một kế hoạch thường dưới 1 MB — hãy tách thành các tệp nhỏ hơn"
    )


def text_segments(path: Path) -> list[Segment]:
    text = read_text(path)
    return [Segment(f"dòng {i}", line, i) for i, line in enumerate(text.split("\n"), start=1)]


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(raw: bytes) -> str:
    """Text as Windows programs save it: UTF-8 with or without its mark, or UTF-16/32 with
    its byte-order mark (Notepad's "Unicode"), or UTF-16 without one (a NUL beside every
    ASCII letter). Raises UnicodeDecodeError for anything else."""
    for mark, codec in _BOMS:
        if raw.startswith(mark):
            return raw.decode(codec)
    head = raw[:4096]
    odd, even = head[1::2].count(0), head[0::2].count(0)
    if len(head) >= 4 and odd > len(head) // 4 and even <= len(head) // 64:
        return raw.decode("utf-16-le")
    if len(head) >= 4 and even > len(head) // 4 and odd <= len(head) // 64:
        return raw.decode("utf-16-be")
    return raw.decode("utf-8")


def read_text(path: Path) -> str:
    """A text or YAML file's text, refused when too large or not Unicode text."""
    try:
        if path.stat().st_size > MAX_TEXT:
            raise too_large(path, "tệp")
        raw = path.read_bytes()
    except OSError as exc:
        raise Unreadable(f"{path}: không đọc được ({os_problem(exc)})") from None
    other = other_format(raw)
    if other is not None:
        raise Unreadable(f"{path}: đây là {other.kind}, không phải tệp chữ")
    try:
        text = decode_text(raw)
    except UnicodeDecodeError:
        raise Unreadable(
            f"{path}: không phải văn bản Unicode (UTF-8 hoặc UTF-16); nếu gõ bằng bảng mã cũ "
            "(TCVN3, VNI), hãy chuyển mã sang Unicode"
        ) from None
    if "\x00" in text:
        raise Unreadable(f"{path}: tệp nhị phân, không phải văn bản")
    return text


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


def text_values(value: Any, trail: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every string of a plan that is Vietnamese text (not an id or a code), with its path."""
    if isinstance(value, dict):
        for key, child in value.items():
            if not _is_code(key, trail):
                yield from text_values(child, (*trail, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from text_values(child, (*trail, i))
    elif isinstance(value, str):
        yield trail, value


def yaml_segments(path: Path) -> list[Segment]:
    """Every text value of a plan, located by line:column and field path."""
    from kehoach.plan import yamlsource

    source = yamlsource.load(read_text(path), str(path))
    out: list[Segment] = []
    for trail, value in text_values(source.data):
        line, column = source.where(trail) or (0, 0)
        text = value.replace(VALUE_SLOT, "0").replace(BASE_SLOT, "0")
        where = f"{line}:{column} {yamlsource.format_path(trail)}"
        out.append(Segment(where, text, line))
    return out


MAX_PART = 200 * 2**20  # bytes of one XML part of a DOCX, once unpacked


def open_docx(path: Path) -> zipfile.ZipFile:
    """The DOCX package, or `Unreadable` naming what the file is when it is no zip."""
    import zipfile

    try:
        return zipfile.ZipFile(path)
    except OSError as exc:
        raise Unreadable(f"{path}: không đọc được ({os_problem(exc)})") from None
    except zipfile.BadZipFile:
        with open(path, "rb") as file:
            other = other_format(file.read(MAX_TEXT))
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
    import zipfile
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


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def paragraph_text(p: etree._Element) -> str:
    """The text Word shows: runs, tabs and breaks, tracked insertions kept, deletions not."""
    parts = []
    for node in p.iter(f"{{{W}}}t", f"{{{W}}}tab", f"{{{W}}}br"):
        if node.tag == f"{{{W}}}t":
            parts.append(node.text or "")
        else:
            parts.append("\t" if node.tag.endswith("tab") else "\n")
    return "".join(parts)


def where_paragraph(number: int, text: str) -> str:
    words = " ".join(re.sub(r"\s+", " ", text).strip().split(" ")[:6])
    return f"đoạn {number} «{words}…»" if words else f"đoạn {number}"


def _paragraphs(xml: bytes) -> int:
    """The paragraphs of a part, counted in its bytes before a tree is built for them."""
    return xml.count(b"<w:p>") + xml.count(b"<w:p ") + xml.count(b"<w:p/>")


def docx_segments(path: Path) -> list[Segment]:
    """Every paragraph with text, with the label Word's automatic numbering shows before
    it (`2.` of `2. Yêu cầu` may be Word's, not typed)."""
    from kehoach.check.numbering import Numbering

    with open_docx(path) as package:
        body = xml_part(path, package, "word/document.xml", required=True)
        numbering = Numbering(package, xml_part(path, package, "word/styles.xml"))
    out, size = [], 0
    for i, p in enumerate(body.iter(f"{{{W}}}p"), start=1):
        text = paragraph_text(p)
        label = numbering.label(p)
        if text.strip():
            text = f"{label} {text}" if label else text
            out.append(Segment(where_paragraph(i, text), text, i))
            size += len(text)
            if size > MAX_TEXT:
                raise too_large(path, "chữ của văn bản")
    return out
