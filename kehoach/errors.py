"""Error types the CLI catches once, and the problem records they carry.

Every user mistake becomes a `Problem` with a location; a stage collects all
problems of a file and raises one `KehoachError`, so the user sees them together.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One mistake in one file, in Vietnamese, with where it is."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    field: str = ""

    def __str__(self) -> str:
        if not self.file:
            return self.message
        where = self.file
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class KehoachError(Exception):
    """A failure the user can fix; `exit_code` follows the CLI's convention."""

    exit_code = 2

    def __init__(self, problems: list[Problem] | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(file="", message=problems)]
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class PlanError(KehoachError):
    """The plan file cannot be read or does not follow the plan format."""


class TemplateFailure(KehoachError):
    """A template is missing or its Jinja code is wrong."""


class ConversionError(KehoachError):
    """LibreOffice is missing or did not produce the PDF."""
