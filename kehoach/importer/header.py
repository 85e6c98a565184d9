"""The header block of an existing plan → `van_ban` fields: issuing bodies, số và ký hiệu,
(Dự thảo), place and date. The two columns may have run together on one line.

A State header (the Quốc hiệu `CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM` and the Tiêu ngữ in the
right column, `Số: 16/KH-UBND`) makes the plan a State one (`the_thuc: nha_nuoc`), read and
noted by the State profile; mottos typed otherwise than the profile's are kept as typed.
When the DOCX says which issuer lines are bold, the plain lines before them are the body
above (`cap_tren`: ỦY BAN MTTQ VIỆT NAM / XÃ LƯƠNG MINH) and the bold ones the issuer."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from kehoach.importer.ledger import Data, Ledger, vocabulary
from kehoach.rules.data import body_codes
from kehoach.rules.profile import Motto, load_profile
from kehoach.rules.profile_dates import load_profile_table
from kehoach.vn import closing, dates, docnumber, mottos
from kehoach.vn.mottos import kind_of_header

# `(Dự thảo)`, `(Dự thảo lần 2)`, `Dự thảo lần 2` (HD 05: chỉ dẫn thứ tự lần dự thảo), in any case.
DRAFT = re.compile(r"\(\s*(?i:Dự thảo)[^)\t]*\)|(?i:Dự thảo)(?:\s+(?:(?i:lần)\s+)?\d{1,2}\b)?")
_ROUND = re.compile(r"\b(\d{1,2})\b")
_NEEDED = ("co_quan", "ma_co_quan", "loai", "dia_danh", "ngay")
_REPORTED = ("the_thuc", "cap_tren", "co_quan", "so", "du_thao", "dia_danh", "ngay", "thang")


@cache
def _issuer() -> re.Pattern[str]:
    names = "|".join(re.escape(n) for n in vocabulary().co_quan_ban_hanh)
    return re.compile(rf"\s(?=(?:{names})\b)")


def _take_number(line: str, out: Data, ledger: Ledger) -> str:
    found = docnumber.parse(line, ledger.profile.so_ky_hieu)
    if found is None:
        return line
    out["so"] = found.number
    out["loai"], out["ma_co_quan"] = found.type_code, found.body_code
    written = " ".join(found.text.split())
    rule = ledger.profile.so_ky_hieu
    printed = docnumber.doc_number(found.number, found.type_code, found.body_code, rule)
    if not found.in_profile_form(rule) and written != " ".join(printed.split()):
        ledger.note(
            "van_ban", f"'{written}' in theo thể thức; `kehoach check` trên bản gốc báo chỗ này"
        )
    return line[: found.start] + "\t" + line[found.end :]


def _take_draft(line: str, out: Data) -> str:
    found = DRAFT.search(line)
    if found is None:
        return line
    which = _ROUND.search(found.group())
    out["du_thao"] = int(which.group(1)) if which and int(which.group(1)) else True
    return DRAFT.sub("\t", line)


def _take_date(line: str, out: Data, ledger: Ledger) -> str:
    found = dates.parse_date_line(line)
    if found is None:
        return line
    out["dia_danh"] = found.place.lstrip("*").strip()
    out["ngay"] = found.date.value()
    if found.date.month_only:
        out["thang"] = found.date.month_only
    written = " ".join(line[found.start : found.end].split()).lstrip("* ")
    rule = ledger.profile.dia_danh_ngay
    printed = dates.date_line(out["dia_danh"], out["ngay"], rule, out.get("thang"))
    if not written.endswith(" ".join(printed.split()).split(", ", 1)[-1]):
        ledger.note("van_ban", f"'{written}' in theo thể thức: '{printed}'")
    return line[: found.start] + "\t" + line[found.end :]


def _body_names(line: str, ledger: Ledger) -> list[str]:
    """What is left of a line in capitals: the names of the issuing bodies."""
    names = []
    for piece in re.split(r"\t| {3,}", line):
        piece = " ".join(piece.split())  # no-break spaces typed between words
        star = closing.is_star(piece, ledger.profile)
        if piece and not star and piece == piece.upper() and re.search(r"\w", piece):
            names += [p.strip() for p in _issuer().split(piece) if p.strip()]
    return names


def _place_names(names: list[tuple[str, bool | None]], out: Data) -> None:
    """Issuer lines: bold ones are the issuer, plain ones before them the body above; without
    that mark a first `ĐẢNG BỘ …` line is the body above."""
    bold = [b for _, b in names]
    if any(bold) and not all(bold) and bold.index(True) > 0:
        first = bold.index(True)
        out["cap_tren"] = "\n".join(n for n, _ in names[:first])
        names = names[first:]
    elif names and names[0][0].startswith("ĐẢNG BỘ") and len(names) > 1:
        out["cap_tren"] = names.pop(0)[0]
    if names:
        out["co_quan"] = "\n".join(n for n, _ in names)


def _mottos(ledger: Ledger) -> list[tuple[str, Motto]]:
    """The motto lines of the profile read with: (field if typed otherwise, motto)."""
    p = ledger.profile
    found = [("quoc_hieu" if p.tieu_ngu else "", p.tieu_de)]
    return found + ([("tieu_ngu", p.tieu_ngu)] if p.tieu_ngu else [])


def _take_mottos(line: str, out: Data, ledger: Ledger) -> str:
    """The motto lines taken out of `line` (as TABs); one typed otherwise is kept as typed."""
    for key, motto in _mottos(ledger):
        where = mottos.span(line, motto.chu)
        if where is None:
            continue
        typed = " ".join(line[where[0] : where[1]].split())
        if key and typed != motto.chu:
            out[key] = typed
        line = line[: where[0]] + "\t" + line[where[1] :]
    return line


def state_profile() -> str:
    """The State profile import reads a State header with (the first of its table)."""
    return load_profile_table().nha_nuoc[0].id


def parse_header(lines: list[str], ledger: Ledger, bold: list[bool] | None = None) -> Data:
    """The header's fields; what is missing or odd becomes a review note on `van_ban`.
    `bold` says, line by line, which lines the DOCX prints bold."""
    out: Data = {}
    if kind_of_header(lines) == "nha_nuoc":
        ledger.profile = load_profile(state_profile())
        out["the_thuc"] = "nha_nuoc"
    names: list[tuple[str, bool | None]] = []
    for i, paragraph in enumerate(lines):
        mark = bold[i] if bold and i < len(bold) else None
        for raw in paragraph.split("\n"):  # lines a Shift+Enter separates
            line = _take_mottos(unicodedata.normalize("NFC", raw), out, ledger)
            line = _take_date(_take_draft(_take_number(line, out, ledger), out), out, ledger)
            names += [(name, mark) for name in _body_names(line, ledger)]
    _place_names(names, out)
    missing = [k for k in _NEEDED if k not in out]
    if missing:
        ledger.note("van_ban", f"không nhận ra trong đầu văn bản: {', '.join(missing)}")
    if out.get("ma_co_quan") and out["ma_co_quan"] not in body_codes():
        ledger.note(
            "van_ban",
            f"mã cơ quan '{out['ma_co_quan']}' không có trong danh mục: giữ nguyên, kiểm tra",
        )
    ledger.found.append("đầu văn bản: " + ", ".join(k for k in _REPORTED if k in out))
    return out
