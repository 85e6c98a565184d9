"""The lines around the body: the `*` under the issuer, the signing mark (`T/M`), `Nơi
nhận:` and its lines (`- Tỉnh ủy Hậu Giang (b/c),` … `- Lưu Văn phòng Huyện ủy.`)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from kehoach.rules.profile import Profile

FILING = "Lưu"
"""The word that opens the last recipient line: where the issuer files its copy."""
REPORTED = "(b/c)"
"""The mark of a recipient the document reports to (the levels above)."""
_RECIPIENT = re.compile(r"^-\s*(.+?)[,.;]?$")


def is_star(line: str, profile: Profile) -> bool:
    """The `*` line under the issuing body's name (a State profile has none)."""
    return bool(profile.dau_sao.chu) and line.strip() == profile.dau_sao.chu


def recipients(lines: list[str], profile: Profile) -> list[str]:
    """Each recipient with the profile's dash and its `,`; the last ends with `.`."""
    rule = profile.noi_nhan
    last = len(lines) - 1
    return [
        f"{rule.dau_dong}{line}{rule.cuoi_cung if i == last else rule.cuoi_dong}"
        for i, line in enumerate(lines)
    ]


def recipient_ending(line: str, last: bool, profile: Profile) -> str | None:
    """The ending the profile wants on a recipient line (`,`/`;`, `.` on the last one) when
    `line` does not have it, else None: the written form `recipients` produces, judged."""
    want = profile.noi_nhan.cuoi_cung if last else profile.noi_nhan.cuoi_dong
    return None if line.rstrip().endswith(want) else want


def parse_recipient(line: str) -> str | None:
    """The recipient a `- … ,` line names, whatever its punctuation; None for other lines."""
    found = _RECIPIENT.match(line)
    return found.group(1) if found else None


def is_recipients_heading(line: str, profile: Profile) -> bool:
    """`Nơi nhận:` (also written without its colon)."""
    return line.startswith(profile.noi_nhan.chu.rstrip(":"))


def filing(office: str) -> str:
    """`Lưu Văn phòng Huyện ủy`: the issuer's own copy."""
    return f"{FILING} {office}"


def reports_to(recipient: str) -> bool:
    """`Tỉnh ủy Hậu Giang (b/c)`: a body above, which the document reports to."""
    return recipient.rstrip().endswith(REPORTED)


def is_filing(recipient: str) -> bool:
    return recipient.startswith(FILING)


def signing_mark(line: str, marks: Iterable[str]) -> str | None:
    """The signing mark a `quyền hạn` line opens with (`T/M`, `K/T`; a State profile's
    `TM.`, `KT.`: the profile's `chu_ky.quyen_han`), or None."""
    head = line.strip().upper()
    return next(
        (m for m in sorted(marks, key=len, reverse=True) if re.match(rf"{re.escape(m)}\s", head)),
        None,
    )


def signed_for(line: str, marks: Iterable[str]) -> str:
    """Whom a `quyền hạn` line signs for, its mark left out: `BAN THƯỜNG VỤ` of
    `T/M BAN THƯỜNG VỤ`; the line itself (upper case) when it has no mark."""
    head = " ".join(line.upper().split())
    mark = signing_mark(head, marks)
    return head[len(mark) :].strip() if mark else head
