"""Reading any file `kehoach check` accepts into text segments with locations."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kehoach.check.findings import Segment
from kehoach.document.wordxml import docx_paragraphs, paragraph_text
from kehoach.errors import Unreadable
from kehoach.plan.indicators import BASE_SLOT, VALUE_SLOT

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
    from kehoach.source import yamlsource

    source = yamlsource.load(_utf8(path), str(path))
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
    out = []
    for i, p in enumerate(docx_paragraphs(path), start=1):
        text = paragraph_text(p)
        if text.strip():
            out.append(Segment(where_paragraph(i, text), text, i))
    return out
