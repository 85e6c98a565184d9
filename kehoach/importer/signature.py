"""The end of an existing plan → `noi_nhan` and `chu_ky`, from the signature table's two
cells or, in a text file, from the lines after the body."""

from __future__ import annotations

from kehoach.importer.ledger import Data, Ledger, clean
from kehoach.importer.outline import is_end
from kehoach.importer.sources import Source
from kehoach.rules.levels import load_levels
from kehoach.vn import closing


def _columns(source: Source, lines: list[str], ledger: Ledger) -> tuple[list[str], list[str]]:
    """The recipients' column and the signer's column."""
    cells = source.signature
    if cells:
        left = [clean(x) for x in cells[0] if clean(x)]
        right = [clean(x) for x in (cells[1] if len(cells) > 1 else []) if clean(x)]
        return left, right
    start = next((i for i, line in enumerate(lines) if is_end(line, ledger)), len(lines))
    tail = lines[start:]
    left = [
        x for x in tail if closing.is_recipients_heading(x, ledger.profile) or x.startswith("-")
    ]
    return left, [x for x in tail if x not in left]


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


def read_signature(source: Source, lines: list[str], data: Data, ledger: Ledger) -> None:
    """Fill `noi_nhan` and `chu_ky` (authority, title, name) in `data`."""
    left, right = _columns(source, lines, ledger)
    _recipients(left, data, ledger)
    if not right:
        ledger.note("chu_ky", "văn bản gốc không có phần ký")
        return
    signer = {"quyen_han": right[0]}
    if len(right) > 1:
        signer["chuc_vu"] = right[1]
    if len(right) > 2:
        signer["ho_ten"] = right[-1]
    data["chu_ky"] = signer
    ledger.found.append("khối ký")
