"""The wording rewrite: each phrase the upper level uses for itself becomes the unit's
own phrase, outside citations and quoted titles, which are never rewritten. An upper staff
organ becomes the commune body that plays its role (`ban_tuong_ung`) before the level's
words are replaced, so "Ban Tuyên giáo và Dân vận Thành ủy" never turns into an organ the
commune lacks; one with no counterpart keeps its name and is flagged."""

from __future__ import annotations

import re

from kehoach.rules.data import type_codes
from kehoach.rules.levels import Level, Levels
from kehoach.vn.citations import citation

ORGAN_RULE = "ban-tuong-ung"
SOURCE_RULE = "ke-hoach-tren"
NO_COUNTERPART = "cơ quan của cấp trên, cấp xã không có cơ quan tương ứng: xem lại nhiệm vụ này"


def fold(text: str) -> str:
    """Text as one line: the level data's templates span several YAML lines."""
    return " ".join(text.split())


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


class Wording:
    """Replaces the upper level's phrases in running text, sparing citations and titles."""

    def __init__(
        self,
        levels: Levels,
        upper: Level,
        lower_words: dict[str, str],
        reviews: list[tuple[str, str]],
        organs: dict[str, str],
        sources: dict[str, str],
        place: str,
    ) -> None:
        words = [
            (variant(getattr(upper.noi, key)), variant(value), key)
            for key, value in lower_words.items()
            if getattr(upper.noi, key) not in (None, value)
            for variant in (str, upper_first)  # at a sentence start too
        ]
        mapped = [
            (variant(before), variant(after), ORGAN_RULE)
            for before, after in organs.items()
            for variant in ((str, lower_first) if before.startswith("Các") else (str,))
        ]
        self.rules = sorted(set(words + mapped), key=lambda rule: (-len(rule[0]), rule))
        unmatched = [o for o in upper.co_quan_giup_viec.values() if o not in organs]
        self.reviews = [
            (re.compile(rf"\b{re.escape(phrase)}\b", re.IGNORECASE), why)
            for phrase, why in reviews + [(organ, NO_COUNTERPART) for organ in unmatched]
        ]
        self.sources = [
            (re.compile(rf"\b({_kinds()})( số)? {re.escape(code)}(?![\w/-])"), after)
            for code, after in sources.items()
        ]
        self._done: dict[str, tuple[str, list[str], list[tuple[str, str]]]] = {}
        self.area = upper.tu_dia_ban
        self.area_word = re.compile(rf"\b{re.escape(self.area)}\b", re.IGNORECASE)
        self.protected = _protected(levels, upper, unmatched, place)

    def free_parts(self, text: str) -> list[tuple[bool, str]]:
        """`text` cut into (rewritable?, part)."""
        parts, last = [], 0
        for match in self.protected.finditer(text):
            parts += [(True, text[last : match.start()]), (False, match.group())]
            last = match.end()
        return [*parts, (True, text[last:])]

    def apply(self, text: str) -> tuple[str, list[str], list[tuple[str, str]]]:
        """The rewritten text, the rules used, and what needs a look: (words, reason)."""
        if text not in self._done:
            self._done[text] = self._apply(text)
        return self._done[text]

    def _apply(self, text: str) -> tuple[str, list[str], list[tuple[str, str]]]:
        used: list[str] = []
        for pattern, after in self.sources:
            text, count = pattern.subn(after, text)
            used += [SOURCE_RULE] * bool(count)
        out = []
        for free, part in self.free_parts(text):
            if free:
                for before, after, rule in self.rules:
                    if before in part:
                        part = part.replace(before, after)
                        used.append(rule)
            out.append(part)
        result = "".join(out)
        flagged = [
            (found.group(), why)
            for pattern, why in self.reviews
            for found in [pattern.search(result)]
            if found
        ]
        free_text = " ".join(p for free, p in self.free_parts(result) if free)
        area = self.area_word.search(free_text)
        if area and not flagged:
            why = f"còn chữ '{self.area}': chỉ đúng khi đơn vị làm việc với cơ quan cấp đó"
            flagged.append((area.group(), why))
        return result, sorted(set(used)), flagged


def _kinds() -> str:
    """The document kinds a citation starts with (`Nghị quyết|Kế hoạch|…`)."""
    return "|".join(re.escape(name.capitalize()) for name in type_codes().values())


def _protected(levels: Levels, upper: Level, organs: list[str], place: str) -> re.Pattern[str]:
    """Quoted titles; citations with their date, issuer (`… của Ban Thường vụ Huyện ủy`,
    the upper body, so it stays) and subject (`về …` to the end of the citation, quoted or
    not); the upper bodies named with their place (`Huyện ủy Phụng Hiệp`); and the upper
    `organs` the commune has no counterpart of."""
    issuers = {
        w
        for lv in levels.cap.values()
        for w in (lv.noi.ban_thuong_vu, lv.noi.ban_chap_hanh, lv.noi.cap_uy)
    }
    issuers |= set(levels.co_quan_khac)
    who = "|".join(re.escape(i) for i in sorted(issuers, key=len, reverse=True))
    named = (upper.noi.ban_thuong_vu, upper.noi.ban_chap_hanh, upper.noi.cap_uy)
    bodies = "|".join(re.escape(f"{body} {place}") for body in named)
    kept = "".join(f"|{re.escape(organ)}" for organ in organs)
    subject = r"(?: về (?:“[^”]*”|\"[^\"]*\"|[^.;:()“\"]*[^.;:()“\"\s,]))?"
    return re.compile(
        rf"“[^”]*”|\"[^\"]*\"|{citation().pattern}"
        rf"(?: ngày (?:\d{{1,2}}|…)/(?:\d{{1,2}}|…)/\d{{4}})?"
        rf"(?: của (?:{who})(?: {re.escape(place)})?)?"
        rf"{subject}|{bodies}{kept}"
    )
