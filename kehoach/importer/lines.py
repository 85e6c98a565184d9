"""The lines of a text before they are read: the tên loại (also as OCR spaced it), the
trích yếu, and the body with hard-wrapped lines joined back and page numbers taken out."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

from kehoach.importer.ledger import Ledger, clean
from kehoach.rules.data import type_codes
from kehoach.vn import labels
from kehoach.vn.typenames import type_of_title

T = TypeVar("T")
_SENTENCE_END = (".", ":", ";", "!", "?", "”", '"', ")")
_WRAPPED = 60  # a line this long that stops mid-sentence was cut by the page width
_PAGE_NUMBER = re.compile(r"^\d{1,3}$")


def _squeezed(line: str) -> str:
    return re.sub(r"\s+", "", line)


def title(body: Sequence[object], ledger: Ledger) -> tuple[int, str, str] | None:
    """Where the tên loại stands, its code and the tên loại as written (OCR spaces in
    `K Ế HOẠCH` taken out, with a review note); None when the text has none. Entries that
    are no line (a table) are passed over."""
    names = sorted(type_codes().items(), key=lambda kv: -len(kv[1]))
    for i, raw in enumerate(body[:40]):
        if not isinstance(raw, str):
            continue
        line = clean(raw)
        code = type_of_title(line)
        if code is not None:
            return i, code, line
        if not line or line != line.upper() or labels.parse(line):
            continue
        for code, name in names:
            if _squeezed(line) == _squeezed(name):
                ledger.note("van_ban", f"tên loại '{line}' (chữ nhận dạng sai) đọc là '{name}'")
                return i, code, name
    return None


def summary(rest: list[T], ledger: Ledger) -> tuple[str, list[T]]:
    """The trích yếu up to the `-----` line, or without one up to a blank line, a table or
    the body's first paragraph; returns it and the lines after it."""
    lines = [clean(x) if isinstance(x, str) else "" for x in rest]
    start = next((i for i, x in enumerate(lines) if x), len(lines))
    separator = next(
        (i for i, x in enumerate(lines[: start + 8]) if re.fullmatch(r"-{3,}", x)), None
    )
    if separator is not None:
        taken = [x for x in lines[:separator] if x]
        return "\n".join(taken), rest[separator + 1 :]
    end = start
    while end < len(lines) and lines[end] and end - start < 4:
        if end > start and (
            lines[end].startswith(("Căn cứ", "Thực hiện")) or labels.parse(lines[end])
        ):
            break
        end += 1
    if ledger.profile.gach_ngang.chu:  # a State document rules a line instead
        ledger.note("van_ban", "không thấy dòng gạch ngang sau trích yếu: kiểm tra trích yếu")
    return "\n".join(lines[start:end]), rest[end:]


def unwrap(lines: list[str], ledger: Ledger) -> list[str]:
    """Non-blank lines, hard wraps joined: a long line that does not end a sentence,
    followed by one that does not start a new one (lower case, or a digit that is no
    label). A lone page number between two such lines is taken out, noted."""
    out: list[str] = []
    pending_page = False
    for raw in lines:
        line = clean(raw)
        if not line:
            continue
        if _PAGE_NUMBER.match(line) and out and not out[-1].endswith(_SENTENCE_END):
            ledger.note("van_ban", f"dòng '{line}' giữa đoạn là số trang: đã bỏ")
            pending_page = True
            continue
        if out and _continues(out[-1], line, pending_page):
            words = out[-1].split()[-3:]
            ledger.note("van_ban", f"đã nối dòng bị ngắt: '… {' '.join(words)}' + '{line[:30]} …'")
            out[-1] += " " + line
        else:
            out.append(line)
        pending_page = False
    return out


def _continues(before: str, line: str, after_page: bool) -> bool:
    if before.endswith(_SENTENCE_END) or (len(before) < _WRAPPED and not after_page):
        return False
    if labels.parse(line) is not None:
        return False
    return line[:1].islower() or line[:1].isdigit()
