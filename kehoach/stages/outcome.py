"""What a job did, as data a caller shows in its own way: the command line prints it, a web
page lists it (files to download, notes, problems, places to review) without parsing text."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kehoach.errors import Problem

Progress = Callable[[int, int], None]
"""Told (done, total) as a batch goes: (0, total) when the work starts, then once a unit."""


@dataclass(kw_only=True)
class Outcome:
    """Files written (in the order written), the documents a `--pdf` converts, notes for
    the clerk, problems that did not stop the job, and how many places await review."""

    written: list[Path] = field(default_factory=list)
    documents: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    review: int = 0
