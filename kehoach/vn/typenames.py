"""The tên loại line: the name of a document's type code (KẾ HOẠCH, BÁO CÁO …), or the
longer name a document gives its kind (CHƯƠNG TRÌNH HÀNH ĐỘNG, KẾ HOẠCH LIÊN TỊCH), read
the same way by import and check."""

from __future__ import annotations

from functools import cache

from kehoach.rules.data import type_codes
from kehoach.vn import labels

LONGEST = 60
"""A tên loại with words after the type's name is a short line: a longer one is a heading."""


@cache
def _names() -> list[tuple[str, str]]:
    """(code, name), longest name first: `CHƯƠNG TRÌNH` before a shorter name it holds."""
    return sorted(type_codes().items(), key=lambda kv: -len(kv[1]))


def type_of_title(line: str) -> str | None:
    """The type code of a tên loại line: a type's name alone, or followed by more words,
    in capitals, under `LONGEST` characters and no outline label; else None."""
    line = " ".join(line.split())
    if not line or line != line.upper() or labels.parse(line):
        return None
    for code, name in _names():
        if line == name or (line.startswith(name + " ") and len(line) < LONGEST):
            return code
    return None


def title_rule(code: str) -> str:
    """What a plan's `ten_loai` of type `code` must be, said to the clerk."""
    return (
        f"tên loại phải là '{type_codes()[code]}' (tên của mã {code}) hoặc bắt đầu bằng nó, viết "
        f"in hoa, dưới {LONGEST} ký tự: văn bản in ra và kehoach check nhận tên loại như vậy"
    )
