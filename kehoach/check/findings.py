"""What a check reports: one finding per problem, with where it is and how to fix it."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import cache

from kehoach.rules.profile import load_profile

ERROR = "lỗi"
WARNING = "cảnh báo"
_LEVELS = {"loi": ERROR, "canh_bao": WARNING}


@dataclass(frozen=True)
class Finding:
    file: str
    where: str
    rule: str
    severity: str
    message: str
    fix: str = ""

    def __str__(self) -> str:
        fix = f" → {self.fix}" if self.fix else ""
        return f"{self.file}: {self.where}: [{self.rule}] {self.severity}: {self.message}{fix}"

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass(frozen=True)
class Segment:
    """A piece of text and where it is: a line, a paragraph, a YAML value."""

    where: str
    text: str
    line: int = 0  # YAML or text line, for fixes


@cache
def severities(profile: str) -> dict[str, str | None]:
    """Rule id → lỗi / cảnh báo, or None for a rule the profile leaves open."""
    return {rule: _LEVELS.get(level) for rule, level in load_profile(profile).kiem_tra.items()}


class Collector:
    """Findings of one file, with the severity the profile gives each rule."""

    def __init__(self, file: str, profile: str) -> None:
        self.file = file
        self.levels = severities(profile)
        self.findings: list[Finding] = []
        self._seen: set[Finding] = set()

    def add(self, where: str, rule: str, message: str, fix: str = "") -> None:
        level = self.levels.get(rule)
        finding = Finding(self.file, where, rule, level or "", message, fix)
        if level is not None and finding not in self._seen:
            self._seen.add(finding)
            self.findings.append(finding)
