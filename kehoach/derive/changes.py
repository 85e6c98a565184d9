"""What drafting a unit's plan changed and what the clerk must look at: the record that
`--explain` prints and that becomes the `# XEM LẠI` comments of the YAML."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Change:
    """One element's text (or value) before and after, and the rule that changed it."""

    element: str
    before: str
    after: str
    rule: str


@dataclass
class Record:
    """Changes in the order the steps made them; review reasons by element id, each once."""

    changes: list[Change] = field(default_factory=list)
    review: dict[str, list[str]] = field(default_factory=dict)

    def change(self, element: str, before: str, after: str, rule: str) -> None:
        self.changes.append(Change(element, before, after, rule))

    def flag(self, element: str, reason: str) -> None:
        reasons = self.review.setdefault(element, [])
        if reason not in reasons:
            reasons.append(reason)
