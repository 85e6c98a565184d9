"""The end of an existing plan → `noi_nhan` and `chu_ky`, from the signature table's columns
or, in a text file, from the lines after the body (whose two columns may stand on one line,
apart by a TAB or a run of spaces).

Recipients are read as typed: lines a Shift+Enter separates are separate recipients, a line
that does not open with a dash continues the recipient before it (Word wrapped it with
Enter). The signer's column is read top down: the signing authority (lines opening with a
mark of the profile: `T/M`, `KT.` …), the office title, notes such as `(đã ký)`, the name
(the last line not in capitals) and a title printed under the name."""

from __future__ import annotations

import re
from typing import Any

from kehoach.importer.ledger import Data, Ledger, clean
from kehoach.rules.levels import load_levels
from kehoach.vn import closing

_COLUMNS = re.compile(r"\t| {3,}")
_NOTE = re.compile(r"^\(.*\)$")


_PADDED = re.compile(r"\s{3,}(?=-\s?\S)")
"""Spaces typed to push the next recipient onto the next line: `- A;        - B;`."""


def _lines(texts: list[str]) -> list[str]:
    """Every line of a column: paragraphs, split at Shift+Enter and at a run of spaces
    before a dash."""
    pieces = [p for text in texts for line in text.split("\n") for p in _PADDED.split(line)]
    return [clean(p) for p in pieces if clean(p)]


def _columns(
    columns: list[list[str]], tail: list[str], ledger: Ledger
) -> tuple[list[str], list[str]]:
    """The recipients' column and the signer's lines."""
    if columns:
        heading = next(
            (
                i
                for i, column in enumerate(columns)
                if any(closing.is_recipients_heading(x, ledger.profile) for x in _lines(column))
            ),
            0,
        )
        left = _lines(columns[heading])
        right = [line for i, c in enumerate(columns) if i != heading for line in _lines(c)]
        return left, right
    left, right = [], []
    for line in tail:
        for piece in (clean(x) for x in _COLUMNS.split(line)):
            if not piece:
                continue
            heading = closing.is_recipients_heading(piece, ledger.profile)
            (left if heading or piece.startswith(("-", "+")) else right).append(piece)
    return left, right


def recipients(lines: list[str], ledger: Ledger) -> list[str]:
    """The recipients as typed: a line without a dash continues the one before it."""
    out: list[str] = []
    for line in lines:
        if closing.is_recipients_heading(line, ledger.profile):
            rest = line.split(":", 1)[1].strip() if ":" in line else ""
            if rest:
                out.append(rest)
            continue
        if line.startswith("-") or not out:
            out.append(line.removeprefix("-").strip())
        else:
            ledger.note("noi_nhan", f"dòng '{line}' nối vào nơi nhận trước nó (Word xuống dòng)")
            out[-1] = f"{out[-1]} {line}"
    return [r for r in (x.strip().rstrip(",.;").strip() for x in out) if r]


def _recipients(left: list[str], data: Data, ledger: Ledger) -> None:
    """The recipients; a source without the filing line keeps none (`khong_dong_luu`)."""
    found = recipients(left, ledger)
    if found and closing.is_filing(found[-1]):
        data["noi_nhan"] = found
        ledger.found.append(f"nơi nhận ({len(found)} dòng)")
        return
    if found:
        data["noi_nhan"] = found
        data["khong_dong_luu"] = True
        ledger.found.append(f"nơi nhận ({len(found)} dòng, không có dòng lưu)")
        ledger.note("noi_nhan", "văn bản gốc không có dòng lưu (Lưu …): giữ như bản gốc")
        return
    levels = load_levels()
    level = levels.of_body(data["van_ban"].get("ma_co_quan", ""))
    office = levels.cap[level].noi.van_phong if level else "Văn phòng"
    filing = closing.filing(office)
    data["noi_nhan"] = [filing]
    ledger.note("noi_nhan", f"văn bản gốc không có nơi nhận: đã điền chỗ trống '{filing}'")


def _is_name(line: str) -> bool:
    """A person's name: not all in capitals (`Nguyễn Văn A`)."""
    return line != line.upper() and not _NOTE.match(line)


def read_signature(cells: list[list[str]], tail: list[str], data: Data, ledger: Ledger) -> None:
    """Fill `noi_nhan` and `chu_ky` (authority, title, a note such as `(đã ký)`, name, a
    title under the name)."""
    left, right = _columns(cells, tail, ledger)
    _recipients(left, data, ledger)
    if not right:
        ledger.note("chu_ky", "văn bản gốc không có phần ký: điền quyền hạn, chức vụ, họ tên")
        return
    signer, above = _signer(right, _marks(ledger))
    if above:
        ledger.note("chu_ky", f"dòng {', '.join(above)} trong phần ký: giữ nguyên, kiểm tra")
    data["chu_ky"] = signer
    ledger.found.append("khối ký")


def _marks(ledger: Ledger) -> tuple[str, ...]:
    marks = tuple(m.upper() for m in ledger.profile.chu_ky.quyen_han)
    return marks + tuple(m.upper() for m in _other_marks(ledger))


def _signer(right: list[str], marks: tuple[str, ...]) -> tuple[Data, list[str]]:
    """A signer's lines → its fields, and the lines kept as a note (between title and name)."""
    right = list(right)
    authority = []
    while right and right[0].upper().startswith(marks):
        authority.append(right.pop(0))
    name_at = max((i for i, line in enumerate(right) if _is_name(line)), default=None)
    above = right if name_at is None else right[:name_at]
    titles = []
    while above and above[0] == above[0].upper() and not _NOTE.match(above[0]):
        titles.append(above.pop(0))
    signer = {"quyen_han": "\n".join(authority), "chuc_vu": "\n".join(titles)}
    if name_at is not None:
        signer["ho_ten"] = right[name_at]
        below = right[name_at + 1 :]
        if below:
            signer["duoi_ten"] = "\n".join(below)
    if above:
        signer["ghi_chu"] = "\n".join(above)
    return {k: v for k, v in signer.items() if v}, above


def co_signers(after: list[Any], data: Data, ledger: Ledger) -> list[Any]:
    """A table right after the signature whose every filled cell is a signer's block (a
    signing mark, a title, a name: `T/M ỦY BAN NHÂN DÂN XÃ / CHỦ TỊCH / Lê Thị Cúc`): the
    other signers of a joint plan (`cung_ky`), never a phụ lục. What follows is returned."""
    at = next((i for i, x in enumerate(after) if not isinstance(x, str) or clean(x)), None)
    if at is None or isinstance(after[at], str):
        return after
    marks = _marks(ledger)
    cells = [_lines([cell]) for row in after[at] for cell in row]
    cells = [lines for lines in cells if lines]
    signs = all(
        lines[0].upper().startswith(marks) and any(_is_name(x) for x in lines) for lines in cells
    )
    if not cells or not signs:
        return after
    signers = [_signer(lines, marks)[0] for lines in cells]
    data["cung_ky"] = signers
    names = ", ".join(s.get("ho_ten", "") for s in signers)
    ledger.note("cung_ky", f"bảng ký thứ hai sau phần ký ({names}): giữ là chữ ký cùng ký")
    ledger.found.append(f"{len(signers)} chữ ký cùng ký")
    return after[at + 1 :]


def _other_marks(ledger: Ledger) -> list[str]:
    """The signing marks of both kinds of document (a State plan typed `T/M`)."""
    from kehoach.importer.header import state_profile
    from kehoach.importer.ledger import default_profile
    from kehoach.rules.profile import load_profile

    state = load_profile(state_profile())
    return [*default_profile().chu_ky.quyen_han, *state.chu_ky.quyen_han]
