"""What drafting a unit's plan changed and what the clerk must look at: the record that
`--explain` prints, that becomes the `# XEM LẠI` comments of the YAML and the review
notes (`xem_lai`) on the elements concerned."""

from __future__ import annotations

from dataclasses import dataclass, field

from kehoach.plan.review import ReviewNote

KEPT_VALUE = (
    "{n} chỉ tiêu còn giá trị của {tren}: điền giá trị của {dv} "
    "(hoặc điền bảng giá trị chỉ tiêu của mọi đơn vị rồi soạn lại với bảng đó)"
)


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
    kept: list[str] = field(default_factory=list)

    def change(self, element: str, before: str, after: str, rule: str) -> None:
        self.changes.append(Change(element, before, after, rule))

    def flag(self, element: str, reason: str, words: str | None = None) -> None:
        found = self.notes.setdefault(element, [])
        note = ReviewNote(cum=words, ly_do=reason)
        if note not in found:
            found.append(note)

    def kept_value(self, name: str) -> None:
        """An indicator that keeps the upper value, by the name the clerk reads."""
        self.kept.append(name)

    def summarise_kept(self, block: str, block_title: str, upper: str, kind: str) -> None:
        """One note on the indicator block for all the indicators with the upper value."""
        if self.kept:
            reason = KEPT_VALUE.format(n=len(self.kept), tren=upper, dv=kind)
            self.flag(block, f"{reason}: {'; '.join(self.kept)}", block_title)

    @property
    def review(self) -> dict[str, list[str]]:
        """The reasons by element id (the YAML's `# XEM LẠI` comments, `--explain`)."""
        return {element: [_line(note) for note in found] for element, found in self.notes.items()}


def _line(note: ReviewNote) -> str:
    return f"{note.ly_do} ('{note.cum}')" if note.cum else note.ly_do
