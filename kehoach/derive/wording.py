"""The wording rewrite: each phrase the upper level uses for itself becomes the unit's
own phrase, outside citations and quoted titles, which are never rewritten. An upper staff
organ becomes the commune body that plays its role (`ban_tuong_ung`) before the level's
words are replaced, so "Ban Tuyên giáo và Dân vận Thành ủy" never turns into an organ the
commune lacks; one with no counterpart keeps its name and is flagged."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kehoach.rules.data import type_codes
from kehoach.rules.levels import Level, Levels
from kehoach.vn.citations import citation

ORGAN_RULE = "ban-tuong-ung"
SOURCE_RULE = "ke-hoach-tren"
AREA_RULE = "dia-ban"
BELOW_RULE = "cap-duoi"
NO_COUNTERPART = "cơ quan của cấp trên, cấp xã không có cơ quan tương ứng: xem lại nhiệm vụ này"
LISTING_RULE = "don-vi-chung"
AREA_LEFT = (
    "còn chữ '{tren}' trong “{cum}”: nếu cụm này nói về {dv}, đổi thành “{moi}”; nếu nói về "
    "{tren} (cơ quan, văn bản, địa bàn của {tren}), giữ"
)
AREA_WHOLE = (
    "“{cum}” nói về cả {tren}: nếu câu này là việc riêng của {dv}, đổi thành “{moi}”; nếu là "
    "việc chung của {tren} mà {dv} tham gia, giữ và nói rõ phần của {dv}"
)
# The words before the area word that make it the whole upper area (`trong tỉnh`), and
# those a phrase quoted around it starts after (`giữa | các cơ sở y tế trong tỉnh`).
_WHOLE = ("trong", "của", "toàn", "cả", "khắp", "bàn")
_OPENS = ("giữa", "cho", "với", "tại", "ở", "đến", "từ", "và", "về", "theo", "để")


@dataclass(frozen=True)
class Speech:
    """What the scope data adds to a level's words for a unit of one kind: upper phrases
    of the area (`trong tỉnh` → `trong xã`) and of the organisations below (`các đảng ủy
    trực thuộc Tỉnh ủy` → `các chi bộ, đảng bộ trực thuộc`), the words after which the
    upper committee's bare name stays (`của Tỉnh ủy`), and names (regex) that stay as the
    upper level's and are not the area word left behind (`Công an tỉnh`)."""

    kind: str = "xã"
    area: dict[str, str] = field(default_factory=dict)
    below: dict[str, str] = field(default_factory=dict)
    keep_after: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    listing: str = ""  # regex: how the upper plan names all units at once (`xã, phường`)
    listing_kept_after: tuple[str, ...] = ()  # after these, the listing is all the units


_EACH = {"mỗi", "từng"}
"""Before all the units listed: each of them, which in one unit's plan is the unit."""


def fold(text: str) -> str:
    """Text as one line: the level data's templates span several YAML lines."""
    return " ".join(text.split())


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]



def _replacements(upper: Level, lower_words: dict[str, str], organs: dict[str, str],
                  extra: Speech) -> list[tuple[str, str, str]]:
    """(before, after, rule) of every rewording, longest first: the upper level's words as
    the unit's (at a sentence start and written as a name too), its organs as the unit's,
    its area and the level below as the unit's."""
    area_word = upper.tu_dia_ban

    def named(text: str) -> str:  # the area word written as a name: "Đảng bộ Thành phố"
        return text.replace(area_word, upper_first(area_word))

    cases = (str, upper_first, named)  # at a sentence start too, and as a name
    words = [
        (variant(getattr(upper.noi, key)), upper_first(value) if variant is upper_first
         else value, key)
        for key, value in lower_words.items()
        if getattr(upper.noi, key) not in (None, value)
        for variant in cases
    ]
    mapped = [
        (variant(before), variant(after), ORGAN_RULE)
        for before, after in organs.items()
        for variant in ((str, lower_first) if before.startswith("Các") else (str,))
    ]
    area = [
        (variant(before), after if variant is named else variant(after), AREA_RULE)
        for before, after in extra.area.items()
        for variant in cases
    ]
    below = [
        (variant(before), after if variant is named else variant(after), BELOW_RULE)
        for before, after in extra.below.items()
        for variant in cases
    ]
    return sorted(set(words + mapped + area + below), key=lambda r: (-len(r[0]), r))


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
        extra: Speech | None = None,
    ) -> None:
        extra = extra or Speech()
        found = _replacements(upper, lower_words, organs, extra)
        self.rules = [(_compiled(b, rule, upper, extra), a, rule) for b, a, rule in found]
        unmatched = [o for o in upper.co_quan_giup_viec.values() if o not in organs]
        self.reviews = [
            (re.compile(rf"\b{re.escape(phrase)}\b", re.IGNORECASE), why)
            for phrase, why in reviews + [(organ, NO_COUNTERPART) for organ in unmatched]
        ]
        self._act_notes = {why for _phrase, why in reviews}
        self.sources = [
            (re.compile(rf"\b({_kinds()})( số)? {re.escape(code)}(?![\w/-])"), after)
            for code, after in sources.items()
        ]
        self._done: dict[str, tuple[str, list[str], list[tuple[str, str]]]] = {}
        self._area_notes: set[str] = set()
        self.area = upper.tu_dia_ban
        self.kind = extra.kind
        # the area word left behind, not the upper committee's name (`Tỉnh ủy`)
        self.area_word = re.compile(rf"\b{re.escape(self.area)}\b(?! ủy)", re.IGNORECASE)
        self.protected = _protected(levels, upper, unmatched, place, extra.names)
        self.listing = (
            re.compile(rf"(?<!\w)([^\W\d_]+) ({extra.listing})(?!\w)") if extra.listing else None
        )
        # all the units as the subject of a clause: the unit itself ("Các xã, phường lập …")
        self.listing_subject = (
            re.compile(rf"(^|; )[Cc]ác (?:{extra.listing}) (?=[^\W\d_])") if extra.listing else None
        )
        self.listing_kept_after = {w.casefold() for w in extra.listing_kept_after}

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
                for pattern, after, rule in self.rules:
                    named = rule == AREA_RULE

                    def swap(found: re.Match[str], new: str = after, named: bool = named) -> str:
                        return found.group() if named and _before_name(found) else new

                    new_part = pattern.sub(swap, part)
                    used += [rule] * (new_part != part)
                    part = new_part
                new_part = self._own_listing(part)
                used += [LISTING_RULE] * (new_part != part)
                part = new_part
            out.append(part)
        result = "".join(out)
        flagged = [
            (found.group(), why)
            for pattern, why in self.reviews
            for found in [pattern.search(result)]
            if found
        ]
        left = self._area_left(result)
        if left and not flagged:
            flagged.append(left)
        return result, sorted(set(used)), flagged

    def is_act_note(self, reason: str) -> bool:
        """Whether a note is on an act the unit does not do itself (`phát triển mạng
        lưới`: the level data's phrases): said of a task, not of a heading naming a topic."""
        return reason in self._act_notes

    def is_area_note(self, reason: str) -> bool:
        """Whether a note is the one on the upper area's word left in a text: it gives way
        where a note on the same sentence says more precisely what to do."""
        return reason in self._area_notes

    def _own_listing(self, part: str) -> str:
        """`trạm y tế xã, phường, đặc khu` → `trạm y tế xã`, `Các xã, phường lập …` → `Xã
        lập …`: all the units named after a noun or as a clause's subject, in a sentence the
        unit keeps, are the unit itself; not after words that make them all the units
        (`tại các xã, phường`, `đến 100% xã, phường`)."""
        if self.listing is None:
            return part

        def own(found: re.Match[str]) -> str:
            before = re.split(r"[,;.:()]", found.string[: found.start()])[-1].split()[-3:]
            plural = {w.casefold() for w in before} & {"các", "những", "mọi"}
            if plural or found.group(1).casefold() in self.listing_kept_after:
                return found.group()
            if found.group(1).casefold() in _EACH:  # "bảo đảm mỗi xã, phường có …": the unit
                return self.kind if found.group(1).islower() else upper_first(self.kind)
            return f"{found.group(1)} {self.kind}"

        def subject(found: re.Match[str]) -> str:
            kind = self.kind if found.group(1) else upper_first(self.kind)
            return f"{found.group(1)}{kind} "

        assert self.listing_subject is not None
        return self.listing.sub(own, self.listing_subject.sub(subject, part))

    def _area_left(self, text: str) -> tuple[str, str] | None:
        """The upper area's word left in the rewritable words of `text` (not `Tỉnh ủy`,
        not in a kept name): the phrase it stands in and what to do with it."""
        for free, part in self.free_parts(text):
            found = self.area_word.search(part) if free else None
            if found is None:
                continue
            clause = re.split(r"[,;.:()“”\"]", part[: found.start()])[-1].split()
            words: list[str] = []
            for word in reversed(clause[-10:]):
                if word.casefold() in _OPENS and words:
                    break
                words.insert(0, word)
                if word.casefold() in ("các", "những", "mọi"):
                    break
            phrase = " ".join([*words, found.group()])
            new = " ".join([*words, self.kind])
            whole = bool(words) and words[-1].casefold() in _WHOLE
            rule = AREA_WHOLE if whole else AREA_LEFT
            reason = rule.format(tren=self.area, dv=self.kind, cum=phrase, moi=new)
            self._area_notes.add(reason)
            return phrase, reason
        return None


def _compiled(before: str, rule: str, upper: Level, extra: Speech) -> re.Pattern[str]:
    """A rule's phrase as a pattern: whole words only; the upper committee's bare name and
    the organisations below not after the words that make them a third party (`của Tỉnh
    ủy`, `đến các đảng ủy xã, phường`); an area phrase not when a proper name follows
    (`trong tỉnh Quảng Ninh`, see `_before_name`)."""
    pattern = rf"(?<!\w){re.escape(before)}(?!\w)"
    if (rule == "cap_uy" and before == upper.noi.cap_uy) or rule == BELOW_RULE:
        pattern = "".join(f"(?<!{re.escape(w)} )" for w in extra.keep_after) + pattern
    return re.compile(pattern)


def _before_name(found: re.Match[str]) -> bool:
    """Whether a proper name follows the match (`trong tỉnh Quảng Ninh`)."""
    after = found.string[found.end() : found.end() + 2]
    return len(after) == 2 and after[0] == " " and after[1].isupper()


def _kinds() -> str:
    """The document kinds a citation starts with (`Nghị quyết|Kế hoạch|…`)."""
    return "|".join(re.escape(name.capitalize()) for name in type_codes().values())


def _protected(
    levels: Levels, upper: Level, organs: list[str], place: str, names: tuple[str, ...] = ()
) -> re.Pattern[str]:
    """Quoted titles; citations with their date, issuer (`… của Ban Thường vụ Huyện ủy`,
    the upper body, so it stays) and subject (`về …` to the end of the citation, quoted or
    not); the upper bodies named with their place (`Huyện ủy Phụng Hiệp`); and the upper
    `organs` the commune has no counterpart of; other `names` (regex) the unit keeps as
    the upper level's (`Công an tỉnh`, `cấp tỉnh`)."""
    issuers = {
        w
        for lv in levels.cap.values()
        for w in (lv.noi.ban_thuong_vu, lv.noi.ban_chap_hanh, lv.noi.cap_uy)
    }
    issuers |= set(levels.co_quan_khac)
    who = "|".join(re.escape(i) for i in sorted(issuers, key=len, reverse=True))
    named = [upper.noi.ban_thuong_vu, upper.noi.ban_chap_hanh, upper.noi.cap_uy]
    named += [upper.noi.dang_bo] if upper.noi.dang_bo else []
    bodies = "|".join(re.escape(f"{body} {place}") for body in named)
    kept = "".join(f"|{re.escape(organ)}" for organ in organs)
    kept += "".join(f"|(?:{name})" for name in names)
    subject = r"(?: về (?:“[^”]*”|\"[^\"]*\"|[^.;:()“\"]*[^.;:()“\"\s,]))?"
    return re.compile(
        rf"“[^”]*”|\"[^\"]*\"|{citation().pattern}"
        rf"(?: ngày (?:\d{{1,2}}|…)/(?:\d{{1,2}}|…)/\d{{4}})?"
        rf"(?: của (?:{who})(?: {re.escape(place)})?)?"
        rf"{subject}|{bodies}{kept}"
    )
