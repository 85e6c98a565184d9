"""The wording rewrite: each phrase the upper level uses for itself becomes the unit's
own phrase, outside citations and quoted titles, which are never rewritten. An upper staff
organ becomes the commune body that plays its role (`ban_tuong_ung`) before the level's
words are replaced, so "Ban Tuyên giáo và Dân vận Thành ủy" never turns into an organ the
commune lacks; one with no counterpart keeps its name and is flagged."""

from __future__ import annotations

import re

from kehoach.rules.levels import Level, Levels
from kehoach.vn.citations import citation

ORGAN_RULE = "ban-tuong-ung"
NO_COUNTERPART = "cơ quan của cấp trên, cấp xã không có cơ quan tương ứng: xem lại nhiệm vụ này"


def fold(text: str) -> str:
    """Text as one line: the level data's templates span several YAML lines."""
    return " ".join(text.split())


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


class Wording:
    """Replaces the upper level's phrases in running text, sparing citations and titles."""

    def __init__(
        self,
        levels: Levels,
        upper: Level,
        lower_words: dict[str, str],
        reviews: list[tuple[str, str]],
        organs: dict[str, str],
    ) -> None:
        words = [
            (getattr(upper.noi, key), value, key)
            for key, value in lower_words.items()
            if getattr(upper.noi, key) not in (None, value)
        ]
        mapped = [
            (variant(before), variant(after), ORGAN_RULE)
            for before, after in organs.items()
            for variant in ((str, lower_first) if before.startswith("Các") else (str,))
        ]
        self.rules = sorted(words + mapped, key=lambda rule: -len(rule[0]))
        unmatched = [o for o in upper.co_quan_giup_viec.values() if o not in organs]
        self.reviews = reviews + [(organ, NO_COUNTERPART) for organ in unmatched]
        self._done: dict[str, tuple[str, list[str], list[str]]] = {}  # units repeat texts
        self.area = upper.tu_dia_ban
        self.area_word = re.compile(rf"\b{re.escape(self.area)}\b", re.IGNORECASE)
        self.protected = _protected(levels, unmatched)

    def free_parts(self, text: str) -> list[tuple[bool, str]]:
        """`text` cut into (rewritable?, part)."""
        parts, last = [], 0
        for match in self.protected.finditer(text):
            parts += [(True, text[last : match.start()]), (False, match.group())]
            last = match.end()
        return [*parts, (True, text[last:])]

    def apply(self, text: str) -> tuple[str, list[str], list[str]]:
        """The rewritten text, the rules used, and the reasons it needs a look."""
        if text not in self._done:
            self._done[text] = self._apply(text)
        return self._done[text]

    def _apply(self, text: str) -> tuple[str, list[str], list[str]]:
        used: list[str] = []
        out = []
        for free, part in self.free_parts(text):
            if free:
                for before, after, rule in self.rules:
                    if before in part:
                        part = part.replace(before, after)
                        used.append(rule)
            out.append(part)
        result = "".join(out)
        reasons = [why for phrase, why in self.reviews if phrase in result]
        free_text = " ".join(p for free, p in self.free_parts(result) if free)
        if self.area_word.search(free_text) and not reasons:
            reasons.append(
                f"còn chữ '{self.area}': chỉ đúng khi đơn vị làm việc với cơ quan cấp đó"
            )
        return result, sorted(set(used)), reasons


def _protected(levels: Levels, organs: list[str]) -> re.Pattern[str]:
    """Quoted titles, citations with their date and issuer (`… của Ban Thường vụ
    Huyện ủy`): the issuer named there is the upper body, so it stays; and the upper
    `organs` the commune has no counterpart of."""
    issuers = {
        w
        for lv in levels.cap.values()
        for w in (lv.noi.ban_thuong_vu, lv.noi.ban_chap_hanh, lv.noi.cap_uy)
    }
    issuers |= set(levels.co_quan_khac)
    who = "|".join(re.escape(i) for i in sorted(issuers, key=len, reverse=True))
    kept = "".join(f"|{re.escape(organ)}" for organ in organs)
    return re.compile(
        rf"“[^”]*”|\"[^\"]*\"|{citation().pattern}"
        rf"(?: ngày \d{{1,2}}/\d{{1,2}}/\d{{4}})?(?: của (?:{who}))?{kept}"
    )
