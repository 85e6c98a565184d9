"""An existing plan's lines → plan data, review notes and a summary for the terminal.

Recognised: the header block (even when its two columns ran together on one line), tên
loại (also OCR-spaced), trích yếu, the opening, the parts (`I.`/`I-`, any number, the usual
four by their headings), items at any depth (`1.`/`1-`, `a)`, `1.1.`, headings and inline),
bullets and `Về …:` leads, the indicators, a closing sentence, the signature, nơi nhận and
the appendices after it. A text with one paragraph of body is a plan: what is missing
becomes a placeholder with a review note, and no line is dropped.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from pydantic import ValidationError

from kehoach.document.appendix import caption
from kehoach.errors import KehoachError, PlanError, Problem
from kehoach.importer import appendix, containers, lines
from kehoach.importer.header import parse_header
from kehoach.importer.ledger import Data, Ledger, clean, default_profile, slug
from kehoach.importer.milestones import link_milestones
from kehoach.importer.outline import is_end, read_body
from kehoach.importer.reporting import read_reporting
from kehoach.importer.signature import co_signers, read_signature
from kehoach.importer.sources import Grid, Source
from kehoach.plan.model import Header, Signature
from kehoach.rules.profile import load_profile
from kehoach.rules.profile_dates import profile_on

_PLACEHOLDERS: dict[str, Any] = {
    "co_quan": "(CƠ QUAN BAN HÀNH)",
    "ma_co_quan": "ĐU",
    "loai": "KH",
    "dia_danh": "(Địa danh)",
    "trich_yeu": "(Trích yếu)",
}


_BODIES = (("HUYỆN ỦY", "HU"), ("TỈNH ỦY", "TU"), ("THÀNH ỦY", "TU"), ("ĐẢNG ỦY", "ĐU"))


@dataclass
class Imported:
    data: dict[str, Any]
    review: dict[str, list[str]] = field(default_factory=dict)
    found: list[str] = field(default_factory=list)


def _placeholders(header: Data, body: list[str], ledger: Ledger) -> None:
    """What the header lacks, as marked placeholders; the date falls back to a year the
    text names (a draft's date)."""
    missing = [k for k in (*_PLACEHOLDERS, "ngay") if not header.get(k)]
    if header.get("the_thuc") == "nha_nuoc":
        header.setdefault("ma_co_quan", "UBND")  # a placeholder like the others, noted
    if "ma_co_quan" not in header and "co_quan" in header:
        named = next((c for w, c in _BODIES if header["co_quan"].startswith(w)), None)
        if named:
            header["ma_co_quan"] = named
    for key, value in _PLACEHOLDERS.items():
        header.setdefault(key, value)
    header.setdefault("so", None)
    if "ngay" not in header:
        years = re.findall(r"\b(?:năm|đến) (\d{4})\b", " ".join(body))
        header["ngay"] = int(years[0]) if years else dt.date.today().year
    if missing:
        ledger.note(
            "van_ban", f"không có trong văn bản gốc, đã điền chỗ trống: {', '.join(missing)}"
        )


def _head(body: list[Entry], ledger: Ledger) -> tuple[Data, list[Entry]]:
    """The header fields and the lines after the trích yếu."""
    found = lines.title(body, ledger)
    if found is None:
        ledger.note("van_ban", "không thấy tên loại văn bản: kiểm tra đầu văn bản")
        start = next((i for i, x in enumerate(body) if _text(x)), 0)
        return {}, body[start:]
    at, code, written = found
    before = [x for x in body[:at] if isinstance(x, str)]
    header = parse_header(before, ledger) if any(clean(x) for x in before) else {}
    header.setdefault("loai", code)
    if written != _type_name(header["loai"]):
        header["ten_loai"] = written
    header["trich_yeu"], rest = lines.summary(body[at + 1 :], ledger)
    ledger.found.append(f"trích yếu ({header['trich_yeu'].count(chr(10)) + 1} dòng)")
    return header, rest


def _type_name(code: str) -> str:
    from kehoach.rules.data import type_codes

    return type_codes()[code]


def _caption(data: Data) -> str:
    """The `(Kèm theo …)` line render prints under a phụ lục's title, in the profile the
    plan will be rendered with (a State plan's number is written its way)."""
    try:
        header = Header(**data["van_ban"])
        signer = Signature(**data.get("chu_ky", {}))
        profile = load_profile(profile_on(header.day, header.the_thuc))
    except (ValidationError, TypeError, KehoachError):
        return ""
    return caption(header, signer, profile)


Entry = str | Grid


def _text(entry: Entry) -> str:
    """A line's text without its blanks; a table is no line."""
    return clean(entry) if isinstance(entry, str) else ""


def parse(source: Source, path: Path) -> Imported:
    """The plan data of the document at `path` (see the module docstring); its id comes
    from the file's name."""
    ledger = Ledger(default_profile())
    body: list[Entry] = [
        unicodedata.normalize("NFC", x) if isinstance(x, str) else x for x in source.body
    ]
    if source.header:
        header_fields = parse_header(source.header, ledger, source.header_bold)
    header, rest = _head(body, ledger)
    if source.header:
        header = {**header_fields, **header}
    if source.after:
        after = source.after
    else:  # a text file, or a DOCX with no signature table: tables may come anywhere
        lines_only, after = appendix.split(rest)
        rest = [*lines_only]
    containers.refuse_two_documents(rest, after, ledger.profile, path)
    ends = (i for i, x in enumerate(rest) if _text(x) and is_end(cast(str, x), ledger))
    end = next(ends, len(rest))
    text: list[Entry]
    if source.header or source.signature:  # a DOCX: its paragraphs are real paragraphs
        kept = [x for x in rest[:end] if isinstance(x, Grid) or clean(x)]
        text = [x if isinstance(x, Grid) else clean(x) for x in kept]
    else:
        text = list(lines.unwrap([x for x in rest[:end] if isinstance(x, str)], ledger))
    if not text:
        raise PlanError([Problem(str(path), "không có đoạn thân văn bản nào: không nhập được")])
    _placeholders(header, [x for x in text if isinstance(x, str)], ledger)
    header = {k: header[k] for k in Header.model_fields if k in header}  # the model's order
    data: Data = {"id": slug(path.stem, 6), "van_ban": header}
    read_body(text, data, ledger)
    tail = [x for x in rest[end:] if isinstance(x, str) and x.strip()]
    columns = source.signature
    if columns:
        signer_below, after = appendix.signer_below(after)
        columns = [*columns[:-1], columns[-1] + signer_below] if signer_below else columns
    read_signature(columns, tail, data, ledger)
    after = co_signers(after, data, ledger)
    if source.tracked:
        ledger.note("van_ban", "văn bản gốc có thay đổi được theo dõi: đã chấp nhận tất cả")
    for note in source.notes:
        ledger.note("van_ban", note)
    appendix.read_appendices(after, data, _caption(data), ledger)
    read_reporting(data, ledger)
    link_milestones(data, ledger)
    return Imported(data, ledger.review, ledger.found)
