"""Reading any file `kehoach check` accepts into text segments with locations."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kehoach.check.findings import Segment
from kehoach.document.wordxml import (
    open_docx,
    other_format,
    paragraph_text,
    w,
    xml_part,
)
from kehoach.errors import Unreadable, os_problem
from kehoach.plan.indicators import BASE_SLOT, VALUE_SLOT
from kehoach.source.encoding import decode_text
from kehoach.vn.numbers import number

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
    "moc_cua",
    "thu_tu",
    "the_thuc",
    # labels and marks, not text: `nhan_con: a)` is no unbalanced bracket
    "nhan_con",
    "nhan_goc",
    "danh_so",
    "dau",
}
NOTE_KEYS = {"xem_lai"}
"""kehoach's own review notes: their reasons quote ids, their phrases copy the text (checked
where it stands; fixing the copy would detach the note), and the clerk deletes them."""
TOP_CODE_KEYS = {"don_vi"}
"""Keys that hold an id only at the top of a plan: a derived plan's `don_vi` names its
unit, while an indicator's `don_vi` is its unit of measure, prose to be checked."""


def _is_code(key: str, trail: tuple) -> bool:
    return key in CODE_KEYS or key in NOTE_KEYS or (not trail and key in TOP_CODE_KEYS)


MAX_TEXT = 10 * 2**20
"""Bytes of a text or YAML file, characters of a DOCX's text, that `check` reads: a plan
is some 50 KB; ten megabytes are checked in a few seconds (bench/), more is refused."""


def too_large(path: Path, what: str) -> Unreadable:
    return Unreadable(
        f"{path}: {what} quá lớn để kiểm tra (quá {number(MAX_TEXT // 2**20)} MB chữ); "
        "một kế hoạch thường dưới 1 MB — hãy tách thành các tệp nhỏ hơn"
    )


def text_segments(path: Path) -> list[Segment]:
    text = read_text(path)
    return [Segment(f"dòng {i}", line, i) for i, line in enumerate(text.split("\n"), start=1)]


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
    from kehoach.source import yamlsource

    source = yamlsource.load(read_text(path), str(path))
    out: list[Segment] = []
    for trail, value in text_values(source.data):
        line, column = source.where(trail) or (0, 0)
        text = value.replace(VALUE_SLOT, "0").replace(BASE_SLOT, "0")
        where = f"{line}:{column} {yamlsource.format_path(trail)}"
        out.append(Segment(where, text, line))
    return out


def where_paragraph(number: int, text: str) -> str:
    words = " ".join(re.sub(r"\s+", " ", text).strip().split(" ")[:6])
    return f"đoạn {number} «{words}…»" if words else f"đoạn {number}"


def docx_segments(path: Path) -> list[Segment]:
    """Every paragraph with text, with the label Word's automatic numbering shows before
    it (`2.` of `2. Yêu cầu` may be Word's, not typed)."""
    from kehoach.document.numbering import Numbering

    with open_docx(path) as package:
        body = xml_part(path, package, "word/document.xml", required=True)
        numbering = Numbering(package, xml_part(path, package, "word/styles.xml"))
    out, size = [], 0
    for i, p in enumerate(body.iter(w("p")), start=1):
        text = paragraph_text(p)
        label = numbering.label(p)
        if text.strip():
            text = f"{label} {text}" if label else text
            out.append(Segment(where_paragraph(i, text), text, i))
            size += len(text)
            if size > MAX_TEXT:
                raise too_large(path, "chữ của văn bản")
    return out
