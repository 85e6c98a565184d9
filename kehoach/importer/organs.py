"""Tổ chức thực hiện: where a duty's acting organ ends and its task begins.

The organs are data: every organ, body and standing committee named in the level data
(`kehoach/data/cap.yaml`: what each level calls its committees, staff organs and bodies,
the organ map, the issuers outside the chain) and the other organs import knows
(`kehoach/data/nhap.yaml`, `co_quan`: the Mặt trận, mass organisations, State bodies). A
duty is cut, in this order: after a lead ending in a colon (`Đồng chí Trưởng Ban Xây dựng
Đảng - Trưởng Tiểu ban: Phụ trách …`); after a known organ that opens it when a task's verb
follows (`Ủy ban Kiểm tra Tỉnh ủy | đưa nội dung …`); else before the first verb of the data
that is not inside an organ's name and leaves at least two words (and at most fourteen)
before it, best right after an organ or a name's end (`Các tổ chức thành viên … phường |
tham gia …`)."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from kehoach.importer.ledger import vocabulary
from kehoach.rules.levels import load_levels, unit_kinds

_LEAD = re.compile(r"^([^:;.]{3,140}?):\s+\S")
_MOST_WORDS = 14  # an acting organ longer than this is a sentence, not a name
_SKIP = {"dia_ban", "phat_trien", "truc_thuoc", "so_nganh", "tu_dia_ban"}


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).lower()


@cache
def organ_names() -> tuple[str, ...]:
    """Every organ name the data knows, lower case, longest first."""
    levels = load_levels()
    names: set[str] = set(levels.co_quan_khac) | set(vocabulary().co_quan)
    for level in levels.cap.values():
        names |= {v for k, v in level.noi.model_dump().items() if k not in _SKIP and v}
        names |= set(level.co_quan_giup_viec.values()) | set(level.to_chuc.values())
        for change in level.theo_ky:
            names |= set((change.co_quan_giup_viec or {}).values())
            names |= set((change.to_chuc or {}).values())
            names |= {v for k, v in change.noi.items() if k not in _SKIP}
    for organ_map in levels.ban_tuong_ung:
        names |= set(organ_map.map) | set(organ_map.map.values())
    kinds = sorted(set(unit_kinds().values()))
    expanded = set()
    for name in names:
        if "{dv}" in name:
            expanded |= {name.replace("{dv}", kind) for kind in kinds}
            expanded.add(name.replace(" {dv}", ""))
        elif "{" not in name:
            expanded.add(name)
    return tuple(sorted({_fold(n) for n in expanded}, key=len, reverse=True))


def _spans(folded: str) -> list[tuple[int, int]]:
    """Where known organs stand in a (lower-cased) text."""
    spans: list[tuple[int, int]] = []
    for name in organ_names():
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", folded):
            if not any(s <= m.start() < e for s, e in spans):
                spans.append(m.span())
    return spans


def _verbs(text: str) -> list[int]:
    """Where a task's verb of the data starts (after a space)."""
    acts = "|".join(re.escape(a) for a in sorted(vocabulary().viec_lam, key=len, reverse=True))
    return sorted(m.start() + 1 for m in re.finditer(rf"\s(?:{acts})(?!\w)", text))


def cut(text: str) -> int | None:
    """Where the acting organ ends in a duty (see the module docstring), or None."""
    lead = _LEAD.match(text)
    if lead:
        return lead.end(1) + 1
    folded = _fold(text)
    spans = _spans(folded)
    verbs = _verbs(text)
    opening = next((e for s, e in spans if s == 0), None)
    if opening is not None and opening + 1 in verbs:
        return opening
    ends = "|".join(re.escape(w) for w in vocabulary().cuoi_ten_co_quan)
    valid = [
        v
        for v in verbs
        if not any(s < v < e for s, e in spans) and len(text[:v].split()) >= 2
    ]
    short = [v for v in valid if len(text[:v].split()) <= _MOST_WORDS] or valid
    marked = [
        v
        for v in short
        if any(e == v - 1 for _s, e in spans) or re.search(rf"(?:{ends}),?$", text[: v - 1])
    ]
    best = marked or short
    return best[0] - 1 if best else None
