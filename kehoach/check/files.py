"""Reading any file `kehoach check` accepts into text segments with locations."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, overload

from kehoach.check.findings import Segment
from kehoach.errors import KehoachError
from kehoach.plan.indicators import BASE_SLOT, VALUE_SLOT

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


def text_segments(path: Path) -> list[Segment]:
    text = _utf8(path)
    return [Segment(f"dòng {i}", line, i) for i, line in enumerate(text.split("\n"), start=1)]


def _utf8(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Unreadable(f"{path}: không phải văn bản UTF-8") from None
    except OSError as exc:
        raise Unreadable(f"{path}: không đọc được ({exc.strerror})") from None


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

    source = yamlsource.load(_utf8(path), str(path))
    out: list[Segment] = []
    for trail, value in text_values(source.data):
        line, column = source.where(trail) or (0, 0)
        text = value.replace(VALUE_SLOT, "0").replace(BASE_SLOT, "0")
        where = f"{line}:{column} {yamlsource.format_path(trail)}"
        out.append(Segment(where, text, line))
    return out


MAX_PART = 200 * 2**20  # bytes of one XML part of a DOCX, once unpacked


def open_docx(path: Path) -> zipfile.ZipFile:
    """The DOCX package, or `Unreadable` when it is no zip at all."""
    import zipfile

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
    return list(body.iter(f"{{{W}}}p"))


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


def docx_segments(path: Path) -> list[Segment]:
    out = []
    for i, p in enumerate(docx_paragraphs(path), start=1):
        text = paragraph_text(p)
        if text.strip():
            out.append(Segment(where_paragraph(i, text), text, i))
    return out
