"""Units of the province named in a clause (`xã Óc Eo`, `đặc khu Kiên Hải, Thổ Châu`), and
what that makes of the clause in one unit's draft: another unit's task there (left out),
the unit's own place (its area), or a clause to check (flagged)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

from kehoach.derive.verdict import OTHER_UNIT, OWN, UPPER, Verdict
from kehoach.plan.units import Unit
from kehoach.rules.scope import fill

OTHER_UNIT_WHY = "việc của đơn vị khác của {tinh} ({names}), không phải của {dv} {ten}"
OTHER_UNIT_FLAG = (
    "câu này nêu {names}, đơn vị khác của {tinh}: chỉ giữ phần việc cũng là của {dv} {ten}, "
    "bỏ phần chỉ nói về đơn vị khác"
)
OTHER_WORKS = (
    "đã bỏ phần việc ở {names} (đơn vị khác của {tinh}); phần còn lại nói về nơi khác của "
    "{tinh}: giữ nếu {dv} {ten} thuộc nơi đó (viết 'trên địa bàn {dv}'), bỏ câu nếu không"
)
OWN_NAME = (
    "câu này nêu “{names}”, tức chính {dv} {ten}: kiểm tra câu còn đúng khi là việc của {dv} "
    "(chỗ nói 'trên địa bàn {dv}' cùng tên đó có thể thừa)"
)
_SYLLABLE = re.compile(r"[^\W\d_]+")
QUALIFIER_WORDS = 4
"""Lower-case words at most between a kind and the names (`biên giới`, `đặc biệt khó khăn`)."""


@dataclass(frozen=True)
class Mention:
    """Units named in a text: `xã Óc Eo`, `đặc khu Kiên Hải, Thổ Châu` (one mention)."""

    start: int
    end: int
    kind: str
    names: tuple[str, ...]

    @property
    def text(self) -> str:
        return f"{self.kind} {', '.join(self.names)}"


class UnitNames:
    """The unit names a clause holds and the verdict they give, for one upper level."""

    def __init__(self, words: dict[str, str], kind_word: re.Pattern[str],
                 heads: re.Pattern[str], works: re.Pattern[str],
                 after_words: tuple[str, ...], known: frozenset[str]) -> None:
        self.words, self.kind_word, self.heads, self.works = words, kind_word, heads, works
        self.after_words, self.known = after_words, known
        self._known_longest = sorted(known, key=len, reverse=True)
        # places listed after one of those words, the unit last: "tại các xã …, … và"
        placing = "|".join(re.escape(w) for w in after_words)
        self.listed_places = re.compile(
            rf" (?:{placing}) (?:(?!\b(?:{placing})\b)[^;])*?(?:,| và)$"
        )

    def works_here(self, text: str, own: set[str]) -> str | None:
        """A clause that builds works in several places (`Đầu tư xây dựng Khu xử lý … tại
        phường A và nhà máy … của đặc khu B`) with only the works in the unit itself or in
        no named unit; None when every work stands in another unit; `text` as it was when
        it does not open with such an act or names one place only."""
        head = self.works.match(text)
        if head is None:
            return text
        pieces: list[str] = []
        for piece in re.split(r",? và |, ", text[head.end() :]):
            if pieces and not any(True for _ in self.mentions(piece)):
                pieces[-1] += f", {piece}" if piece[:1].islower() else f" và {piece}"
            else:
                pieces.append(piece)
        if len(pieces) < 2:
            return text
        kept = [p for p in pieces if self.not_others(p, own)]
        if not kept:
            return None
        if len(kept) == len(pieces):
            return text
        return text[: head.end()] + " và ".join(kept)

    def not_others(self, text: str, own: set[str]) -> bool:
        """Whether `text` names the unit itself or no unit at all."""
        names = [n.casefold() for m in self.mentions(text) for n in m.names]
        return not names or any(n in own for n in names)

    @staticmethod
    def own(unit: Unit) -> set[str]:
        return {unit.ten.casefold(), *(f.ten.casefold() for f in unit.tien_than)}

    def verdict(self, text: str, unit: Unit) -> Verdict:
        """Left out when it is another unit's task there (`… tại đặc khu Phú Quốc`); the
        unit's own place as its area (`trên địa bàn đặc khu`); flagged otherwise."""
        found = list(self.mentions(text))
        if not found:
            return Verdict(OWN, text)
        own = self.own(unit)
        works = self.works_here(text, own)
        if works is None:  # every work it names stands in another unit
            names = ", ".join(m.text for m in found)
            why = self._fill(OTHER_UNIT_WHY, unit).replace("{names}", names)
            return Verdict(UPPER, "", OTHER_UNIT, why)
        if works != text:  # the works in other units left out of the clause
            rest = self.verdict(works, unit)
            if any(n.casefold() in own for m in self.mentions(works) for n in m.names):
                return rest
            names = ", ".join(m.text for m in found if m.text not in works)
            why = self._fill(OTHER_WORKS, unit).replace("{names}", names)
            head = self.works.match(works)
            words = works[head.end() :] if head else works
            words = words if len(words) <= 40 else words[:40].rsplit(" ", 1)[0]
            return Verdict(rest.kind, rest.text, flags=(*rest.flags, (words, why)))
        strange = [m for m in found if any(n.casefold() not in own for n in m.names)]
        first, last = found[0], found[-1]
        before = text[: first.start].rstrip()
        after = text[last.end :].strip(" .;,")
        between = [text[a.end : b.start] for a, b in pairwise(found)]
        together = all(re.fullmatch(r",? |,? và ", gap) for gap in between)
        placed = next((w for w in self.after_words if before.endswith(f" {w}")), None)
        placed = placed if together else None
        names = ", ".join(  # the other units only: the unit is no "đơn vị khác"
            f"{m.kind} {', '.join(n for n in m.names if n.casefold() not in own)}"
            for m in strange)
        mine = any(n.casefold() in own for m in found for n in m.names)
        if placed is not None and not after:  # "… tại đặc khu X": the task is X's there
            if not mine:
                why = self._fill(OTHER_UNIT_WHY, unit).replace("{names}", names)
                return Verdict(UPPER, "", OTHER_UNIT, why)
            if len(found) == 1 and len(first.names) > 2:  # one of several units listed:
                others = [n for n in first.names if n.casefold() not in own]  # its share
                why = self._fill(OTHER_UNIT_FLAG, unit).replace(  # is not clear
                    "{names}", f"{first.kind} {', '.join(others)}")
                return Verdict(OWN, text, flags=((text[first.start : first.end], why),))
            area = f"trên địa bàn {self.words['dv']}"
            return Verdict(OWN, f"{before[: -len(placed)].rstrip()} {area}")
        if not strange and not after:  # "… tại các xã vùng sâu và đặc khu X", X's draft
            listed = self.listed_places.search(before)
            if listed is not None:
                area = f"trên địa bàn {self.words['dv']}"
                return Verdict(OWN, f"{before[: listed.start()]} {area}")
        if not strange:
            return Verdict(OWN, text)
        why = self._fill(OTHER_UNIT_FLAG, unit).replace("{names}", names)
        named = text[strange[0].start : strange[-1].end]  # every other unit under the note
        return Verdict(OWN, text, flags=((named, why),))

    def own_name(self, text: str, unit: Unit) -> tuple[tuple[str, str], ...]:
        """A note on a kept clause that names the unit itself otherwise than as `<kind>
        <name>` (`huyện đảo Trường Sa` in đặc khu Trường Sa's draft, its old name): a
        sentence written about it from the province's side may not read right as its own."""
        upper = self.words.get("ten_tren", "").casefold()  # xã Phụng Hiệp of huyện Phụng Hiệp:
        names = [n for n in (unit.ten, *(f.ten for f in unit.tien_than))  # the upper's name
                 if " " in n.strip() and n.casefold() != upper]  # has a note of its own
        for name in names:
            for found in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
                before = text[: found.start()]
                kinds = list(self.kind_word.finditer(before))
                if kinds and kinds[-1].end() == len(before):
                    continue  # `đặc khu Trường Sa`: the unit as the plan names it
                if before.count('"') % 2 or before.count("“") > before.count("”"):
                    continue  # in a quoted title (`chương trình "Trường Sa trong …"`)
                around = [*before.split()[-1:], *text[found.end() :].split()[:1]]
                if any(w[:1].isupper() for w in around):
                    continue  # in a longer name (`Báo Sài Gòn Giải Phóng`)
                words = " ".join([*before.split()[-2:], name])
                why = self._fill(OWN_NAME, unit).replace("{names}", words)
                return ((words, why),)
        return ()

    def mentions(self, text: str) -> Iterator[Mention]:
        """Every unit named in `text`: a kind word then names whose syllables start with a
        capital, several names joined by `, ` or ` và `; after `các`, a few words may
        qualify the kind before the names (`các xã biên giới Ia Dom, Ia O`)."""
        for m in self.kind_word.finditer(text):
            names: list[str] = []
            start, at = m.start(), m.end()
            if text[max(0, start - 4) : start].casefold() == "các ":
                past = _qualified(text, at)
                if past != at and self._name(text, past)[0]:
                    start, at = start - 4, past
            while True:
                name, end = self._name(text, at)
                if not name:
                    break
                names.append(name)
                joined = re.match(r", | và ", text[end:])
                if joined is None or not self._name(text, end + joined.end())[0]:
                    at = end
                    break
                at = end + joined.end()
            if names:
                yield Mention(start, at, m.group(1), tuple(names))

    def _name(self, text: str, at: int) -> tuple[str, int]:
        """The unit name starting at `at`, and where it ends; empty when none starts there.
        A name the registry knows is taken whole; otherwise capitalised syllables one
        space apart, up to a common noun that opens the name of a body or a work
        (`phường Bảo Lộc và Trung tâm Y tế …`: the name is `Bảo Lộc`)."""
        if text[at : at + 1].isupper():  # a known name whole, even one opening with a
            for known in self._known_longest:  # common noun (`đặc khu Trường Sa`)
                end = at + len(known)
                if text[at:end].casefold() == known and not text[end : end + 1].isalpha():
                    return text[at:end], end
        words, end, pos = [], at, at
        while (m := _SYLLABLE.match(text, pos)) and m.group()[0].isupper():
            if self.heads.match(text, pos):
                break
            words.append(m.group())
            end = m.end()
            if text[end : end + 1] != " ":
                break
            pos = end + 1
        for k in range(len(words), 0, -1):  # the longest known name it starts with
            name = " ".join(words[:k])
            if name.casefold() in self.known:
                return name, at + len(name)
        return " ".join(words), end

    def _fill(self, template: str, unit: Unit) -> str:
        return fill(template, {**self.words, "ten": unit.ten})


def _qualified(text: str, at: int) -> int:
    """Past the lower-case words that qualify a kind at `at` (`biên giới `), up to
    `QUALIFIER_WORDS`; `at` itself where there are none (never `xã hội`)."""
    end = at
    for count in range(QUALIFIER_WORDS):
        word = _SYLLABLE.match(text, end)
        if word is None or not word.group().islower() or text[word.end() : word.end() + 1] != " ":
            break
        if count == 0 and word.group() == "hội":
            return at
        end = word.end() + 1
    return end
