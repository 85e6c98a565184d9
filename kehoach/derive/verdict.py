"""The verdict on one clause of the upper plan for a unit's draft: kept as the unit's own,
rewritten as its part, or the upper level's (left out), with the notes it carries."""

from __future__ import annotations

from dataclasses import dataclass

OWN, PART, UPPER = "rieng", "phan", "cap_tren"
OTHER_UNIT = "don-vi-khac"
LOCAL = "tai-don-vi"  # an upper work in the unit itself, reworded as the unit's part


@dataclass(frozen=True)
class Verdict:
    """What becomes of one clause: `kind` is OWN, PART or UPPER; `text` the clause as the
    draft has it (empty when left out); `loai` and `why` name the signal (for the grouped
    note of a left-out clause); `flags` are (words, reason) to mark on the element;
    `target` says a target clause keeps the upper value as the unit's own."""

    kind: str
    text: str
    loai: str = ""
    why: str = ""
    flags: tuple[tuple[str, str], ...] = ()
    target: bool = False  # a target kept with the upper level's value
    action: str = ""  # what the clerk may do about a left-out clause (else the advice)
    subject: bool = False  # left out for its subject, an upper body: the clauses after it
    # that have no subject of their own are that body's too
