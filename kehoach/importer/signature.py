"""The end of an existing plan → `noi_nhan` and `chu_ky`, from the signature table's two
cells or, in a text file, from the lines after the body (whose two columns may stand on
one line, apart by a TAB or a run of spaces)."""

from __future__ import annotations

import re

from kehoach.importer.ledger import Data, Ledger, clean
from kehoach.rules.levels import load_levels
from kehoach.vn import closing

_COLUMNS = re.compile(r"\t| {3,}")
_NOTE = re.compile(r"^\(.*\)$")


def _columns(
    cells: list[list[str]], tail: list[str], ledger: Ledger
) -> tuple[list[str], list[str]]:
    """The recipients' column and the signer's column."""
    if cells:
        left = [clean(x) for x in cells[0] if clean(x)]
        right = [clean(x) for c in cells[1:] for x in c if clean(x)]
        return left, right
    left, right = [], []
    for line in tail:
        for piece in (clean(x) for x in _COLUMNS.split(line)):
            if not piece:
                continue
            heading = closing.is_recipients_heading(piece, ledger.profile)
            (left if heading or piece.startswith(("-", "+")) else right).append(piece)
    return left, right


def _recipients(left: list[str], data: Data, ledger: Ledger) -> None:
    """The recipients; without the filing line, the issuer's office is added, noted."""
    recipients = [r for r in (closing.parse_recipient(x) for x in left) if r is not None]
    if recipients and closing.is_filing(recipients[-1]):
        data["noi_nhan"] = recipients
        ledger.found.append(f"nơi nhận ({len(recipients)} dòng)")
        return
    levels = load_levels()
    level = levels.of_body(data["van_ban"].get("ma_co_quan", ""))
    office = levels.cap[level].noi.van_phong if level else "Văn phòng"
    filing = closing.filing(office)
    data["noi_nhan"] = [*recipients, filing]
    ledger.note("noi_nhan", f"văn bản gốc không có dòng lưu: đã thêm '{filing}'; sửa cho đúng")


def read_signature(cells: list[list[str]], tail: list[str], data: Data, ledger: Ledger) -> None:
    """Fill `noi_nhan` and `chu_ky` (authority, title, a note such as `(đã ký)`, name)."""
    left, right = _columns(cells, tail, ledger)
    _recipients(left, data, ledger)
    if not right:
        ledger.note("chu_ky", "văn bản gốc không có phần ký: điền quyền hạn, chức vụ, họ tên")
        return
    # An organ's head signs with the title alone: no authority line (T/M …, K/T …).
    authority = bool(closing.SIGNING.match(right[0]))
    signer = {"quyen_han": right[0]} if authority else {}
    rest = right[1:] if authority else right
    if rest and rest[0] == rest[0].upper() and not _NOTE.match(rest[0]):
        signer["chuc_vu"] = rest.pop(0)
    if rest and not _NOTE.match(rest[-1]):  # `(đã ký)` with no name after it is a note
        signer["ho_ten"] = rest.pop()
    if rest:
        signer["ghi_chu"] = "\n".join(rest)
        ledger.note("chu_ky", f"dòng {', '.join(rest)} trong phần ký: giữ nguyên, kiểm tra")
    data["chu_ky"] = signer
    ledger.found.append("khối ký")
