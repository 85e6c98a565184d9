"""What drafting a unit's plan changed and what the clerk must look at: the record that
`--explain` prints, that becomes the `# XEM LẠI` comments of the YAML and the review
notes (`xem_lai`) on the elements concerned."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from kehoach.derive.wording import upper_first
from kehoach.plan.review import ReviewNote

KEPT_VALUE = (
    "{n} chỉ tiêu giữ mức của {tren} làm mức phải đạt của {dv}: sửa nếu {dv} đặt mức riêng "
    "(hoặc điền bảng giá trị chỉ tiêu của mọi đơn vị rồi soạn lại với bảng đó)"
)
LEFT_OUT = "{why}. Đã bỏ: {texts}. {action}"
SHORT = 12  # words of a sentence quoted in a note


@dataclass(frozen=True)
class Change:
    """One element's text (or value) before and after, and the rule that changed it."""

    element: str
    before: str
    after: str
    rule: str


@dataclass
class Record:
    """Changes in the order the steps made them; review notes by element id, each once;
    the indicators that keep the upper value (summarised in one note)."""

    changes: list[Change] = field(default_factory=list)
    notes: dict[str, list[ReviewNote]] = field(default_factory=dict)
    kept: list[tuple[str, str]] = field(default_factory=list)  # (element, its name)
    # kind of signal → (element it was noted on, why, what to do, the left-out texts)
    left: dict[str, tuple[str, str, str, list[str]]] = field(default_factory=dict)

    def change(self, element: str, before: str, after: str, rule: str) -> None:
        self.changes.append(Change(element, before, after, rule))

    def flag(self, element: str, reason: str, words: str | None = None) -> None:
        found = self.notes.setdefault(element, [])
        note = ReviewNote(cum=words, ly_do=reason)
        if note not in found:
            found.append(note)

    def kept_value(self, element: str, name: str) -> None:
        """A target kept with the upper value (`name`: how the note names it)."""
        if all(element != known for known, _ in self.kept):
            self.kept.append((element, name))

    def left_out(
        self, kind: str, why: str, element: str, text: str, action: str = ""
    ) -> None:
        """A clause of `element` (or the element) left out as the upper level's; noted
        once per kind, near the first one left out (see `summarise_left_out`); `action`
        says what the clerk may do (else the general advice)."""
        self.left.setdefault(kind, (element, why, action, []))[3].append(text)

    def summarise_left_out(self, advice: str, kept: Callable[[str], str]) -> None:
        """One note per kind of left-out clause: why, which ones, what to do; on the
        element `kept` gives for the first one (the nearest element the draft keeps)."""
        for element, why, action, texts in self.left.values():
            quoted = "; ".join(f"“{_short(t)}”" for t in texts)
            todo = upper_first(action or advice)
            self.flag(kept(element), LEFT_OUT.format(why=why, texts=quoted, action=todo))

    def summarise_kept(
        self, block: tuple[str, str | None] | None, upper: str, kind: str
    ) -> None:
        """One note for all the targets kept with the upper value: on the indicator block
        (`block`: its id and title) when the unit has one, else on the first of them."""
        if self.kept:
            reason = KEPT_VALUE.format(n=len(self.kept), tren=upper, dv=kind)
            element, words = block or (self.kept[0][0], None)
            names = "; ".join(_short(name) for _, name in self.kept)
            self.flag(element, f"{reason}: {names}", words)

    def group_repeated(self, text_of: Callable[[str], str]) -> None:
        """A reason given on several elements becomes one note, on the first, that quotes
        where else it applies (`text_of`: an element's words in the draft)."""
        first: dict[str, tuple[str, ReviewNote]] = {}
        also: dict[str, list[str]] = {}
        for element, found in self.notes.items():
            for note in found:
                if note.ly_do in first:
                    also[note.ly_do].append(_around(text_of(element), note.cum))
                else:
                    first[note.ly_do] = (element, note)
                    also[note.ly_do] = []
        for reason, places in also.items():
            if not places:
                continue
            element, note = first[reason]
            quoted = "; ".join(f"“{p}”" for p in places)
            grouped = note.model_copy(update={"ly_do": f"{reason}. Cũng ở: {quoted}"})
            self.notes[element] = [grouped if n == note else n for n in self.notes[element]]
            for other in list(self.notes):
                if other != element:
                    self.notes[other] = [n for n in self.notes[other] if n.ly_do != reason]
                    if not self.notes[other]:
                        del self.notes[other]

    @property
    def review(self) -> dict[str, list[str]]:
        """The reasons by element id (the YAML's `# XEM LẠI` comments, `--explain`)."""
        return {element: [_line(note) for note in found] for element, found in self.notes.items()}


def _short(text: str) -> str:
    words = text.rstrip(".;: ").split()
    return " ".join(words[:SHORT]) + ("…" if len(words) > SHORT else "")


def _around(text: str, words: str | None, wide: int = 6) -> str:
    """`words` in `text` with a few words either side (the start of `text` without them)."""
    at = text.find(words) if words else -1
    if at < 0 or words is None:
        return _short(text)
    starts = [m.start() for m in re.finditer(r"\S+", text[:at])]
    ends = [m.end() for m in re.finditer(r"\S+", text[at + len(words) :])]
    start = starts[-wide] if len(starts) >= wide else 0
    end = at + len(words) + (ends[wide - 1] if len(ends) >= wide else len(text) - at - len(words))
    head = "…" if start > 0 else ""
    tail = "…" if end < len(text) else ""
    return f"{head}{text[start:end].strip()}{tail}"


def _line(note: ReviewNote) -> str:
    return f"{note.ly_do} ('{note.cum}')" if note.cum else note.ly_do
