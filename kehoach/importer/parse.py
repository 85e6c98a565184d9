"""An existing plan's lines → plan data, review notes and a summary for the terminal.

Recognised: the header block (even when its two columns ran together on one line), tên
loại, trích yếu, the opening, the outline (`I.`/`I-`, `1.`/`1-`/`1.1.`, `a)`, `-`/`+`,
bulleted leads `- Về …:`), the four usual parts by their headings (anything else becomes
an extra part), the indicators of the chỉ tiêu item, the signature and nơi nhận. What is
not classified stays in place as a plain paragraph with a review note: no text is dropped.
The written forms (số và ký hiệu, dates, labels, `*`, nơi nhận) are read with `kehoach.vn`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from kehoach.errors import PlanError, Problem
from kehoach.importer.header import parse_header
from kehoach.importer.ledger import Data, Ledger, clean, default_profile, slug
from kehoach.importer.outline import read_body
from kehoach.importer.signature import read_signature
from kehoach.importer.sources import Source
from kehoach.rules.data import type_codes


@dataclass
class Imported:
    data: dict[str, Any]
    review: dict[str, list[str]] = field(default_factory=dict)
    found: list[str] = field(default_factory=list)


def _title(body: list[str], name: str) -> int:
    """Where the tên loại (KẾ HOẠCH …) stands; without one the file is not a plan."""
    names = set(type_codes().values())
    title = next((i for i, line in enumerate(body) if clean(line) in names), None)
    if title is None:
        message = (
            "không thấy tên loại văn bản (KẾ HOẠCH, BÁO CÁO …): tệp này không phải "
            "một kế hoạch nhập được"
        )
        raise PlanError([Problem(name, message)])
    return title


def _summary(rest: list[str], header: Data, ledger: Ledger) -> list[str]:
    """The trích yếu up to the `-----` line; returns the lines of the body after it."""
    separator = next(
        (i for i, line in enumerate(rest) if re.fullmatch(r"-{3,}", clean(line))), None
    )
    if separator is None:
        separator = 1
        ledger.note("van_ban", "không thấy dòng gạch ngang sau trích yếu; lấy một đoạn")
    header["trich_yeu"] = "\n".join(clean(x) for x in rest[:separator] if clean(x))
    ledger.found.append(f"trích yếu ({header['trich_yeu'].count(chr(10)) + 1} dòng)")
    return [clean(x) for x in rest[separator + 1 :] if clean(x)]


def parse(source: Source, name: str) -> Imported:
    """The plan data of an existing document (see the module docstring)."""
    ledger = Ledger(default_profile())
    body = [unicodedata.normalize("NFC", line) for line in source.body]
    title = _title(body, name)
    header = parse_header(source.header or body[:title], ledger)
    kind = next(code for code, word in type_codes().items() if word == clean(body[title]))
    header.setdefault("loai", kind)
    lines = _summary(body[title + 1 :], header, ledger)
    data: Data = {"id": slug(name, 6), "van_ban": header}
    read_body(lines, data, ledger)
    read_signature(source, lines, data, ledger)
    return Imported(data, ledger.review, ledger.found)
