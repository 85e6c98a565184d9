"""The header block of an existing plan → `van_ban` fields: issuing bodies, số và ký hiệu,
(Dự thảo), place and date. The two columns may have run together on one line."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from kehoach.importer.ledger import Data, Ledger, vocabulary
from kehoach.rules.data import body_codes
from kehoach.vn import closing, dates, docnumber

# `(Dự thảo)`, `(Dự thảo lần 2)`, `Dự thảo lần 2` (HD 05: chỉ dẫn thứ tự lần dự thảo).
DRAFT = re.compile(r"\(\s*Dự thảo[^)\t]*\)|Dự thảo(?:\s+(?:lần\s+)?\d{1,2}\b)?")
_ROUND = re.compile(r"\b(\d{1,2})\b")
_NEEDED = ("co_quan", "ma_co_quan", "loai", "dia_danh", "ngay")
_REPORTED = ("cap_tren", "co_quan", "so", "du_thao", "dia_danh", "ngay")


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
    if found.colon or written != " ".join(
        docnumber.doc_number(
            found.number, found.type_code, found.body_code, ledger.profile.so_ky_hieu
        ).split()
    ):
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
    written = " ".join(line[found.start : found.end].split()).lstrip("* ")
    printed = dates.date_line(out["dia_danh"], out["ngay"], ledger.profile.dia_danh_ngay)
    if not written.endswith(" ".join(printed.split()).split(", ", 1)[-1]):
        ledger.note("van_ban", f"'{written}' in theo thể thức: '{printed}'")
    return line[: found.start] + "\t" + line[found.end :]


def _body_names(line: str, ledger: Ledger) -> list[str]:
    """What is left of a line in capitals: the names of the issuing bodies."""
    names = []
    for piece in re.split(r"\t| {3,}", line):
        piece = piece.strip()
        star = closing.is_star(piece, ledger.profile)
        if piece and not star and piece == piece.upper() and re.search(r"\w", piece):
            names += [p.strip() for p in _issuer().split(piece) if p.strip()]
    return names


_ORGANS = ("BAN ", "VĂN PHÒNG", "ỦY BAN KIỂM TRA")  # an organ issues under its committee


def _place_names(names: list[str], out: Data) -> None:
    above = len(names) > 1 and names[0].startswith("ĐẢNG BỘ")
    above |= len(names) == 2 and names[1].startswith(_ORGANS)  # HUYỆN ỦY … / BAN TUYÊN GIÁO
    if above:
        out["cap_tren"] = names.pop(0)
    if names:
        out["co_quan"] = "\n".join(names)


def parse_header(lines: list[str], ledger: Ledger) -> Data:
    """The header's fields; what is missing or odd becomes a review note on `van_ban`."""
    out: Data = {}
    names: list[str] = []
    motto = ledger.profile.tieu_de.chu
    for raw in lines:
        line = unicodedata.normalize("NFC", raw)
        if motto in line:
            line = line.replace(motto, "\t")
        line = _take_date(_take_draft(_take_number(line, out, ledger), out), out, ledger)
        names += _body_names(line, ledger)
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
