"""The phụ lục's title line: the profile's word (`PHỤ LỤC`; Nghị định 30: `Phụ lục`),
numbered (`PHỤ LỤC 2`) when a document has two or more; the reader finds it whatever
its case, so a State document's `Phụ lục` is one too."""

from __future__ import annotations

import re

from kehoach.rules.profile import Text


def title(written: str | None, n: int, many: bool, rule: Text) -> str:
    """The title an appendix is printed under: its own, else the profile's word; the bare
    word gets the appendix's number when there are two or more."""
    line = written or rule.chu
    return f"{line} {n}" if many and line.strip().upper() == rule.chu.upper() else line


def is_title(line: str, rule: Text) -> bool:
    """A line that opens a phụ lục: the profile's word, then nothing or a number or mark
    (`PHỤ LỤC`, `PHỤ LỤC 2`, `Phụ lục I`), whatever its case."""
    word = re.escape(rule.chu.upper())
    return re.match(rf"{word}(?!\w)", line.strip().upper()) is not None
