"""`check`: the text and the format of plans, DOCX and text files; with `fix`, the safe
fixes written (beside each file, or in place)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kehoach.errors import KehoachError
from kehoach.stages.inputs import existing_file
from kehoach.stages.outcome import Outcome

if TYPE_CHECKING:
    from kehoach.check.findings import Finding


@dataclass(frozen=True)
class CheckedFile:
    """One file read: the profile it was judged by and why that one; with `fix`, where the
    fixes went and what they were (a DOCX is never fixed: `fixable` False)."""

    path: Path
    profile: str
    why: str
    fixable: bool = True
    fixed: Path | None = None
    changes: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class CheckRun(Outcome):
    """Every finding of every file read; the files that could not be read at all are
    `problems`."""

    files: list[CheckedFile] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> int:
        from kehoach.check.findings import ERROR

        return sum(1 for f in self.findings if f.severity == ERROR)


def check(paths: Sequence[Path], *, profile: str | None = None, fix: bool = False,
          in_place: bool = False, force: bool = False) -> CheckRun:
    """Check every file, judged by `profile` (else the one of each document's date); a
    file that does not read does not stop the others. Fixes are written together, never
    over another input, nor over a `.da_sua` copy already there (the clerk may have gone on
    working in it) unless `force`."""
    from contextlib import ExitStack

    from kehoach.rules.profile import load_profile
    from kehoach.system.lock import folder_lock

    if in_place and not fix:
        raise KehoachError("--in-place chỉ dùng cùng --fix (sửa ngay trong tệp); chưa sửa gì")
    if force and not fix:
        raise KehoachError("--force chỉ dùng cùng --fix (ghi đè tệp .da_sua đã có); chưa sửa gì")
    if profile is not None:
        load_profile(profile)
    with ExitStack() as held:  # fixed in place: no other writer between reading and writing
        folders = sorted({p.resolve().parent for p in paths if p.is_file()}) if in_place else []
        for folder in folders:
            held.enter_context(folder_lock(folder))
        return _checked(paths, profile, fix, in_place, force)


def _checked(paths: Sequence[Path], profile: str | None, fix: bool, in_place: bool,
             force: bool) -> CheckRun:
    from kehoach.check.run import check_file, fix_file
    from kehoach.plan import history
    from kehoach.safewrite import Batch

    done = CheckRun()
    batch = Batch()  # all fixes land together; a fix never lands on another input
    try:
        for path in paths:
            try:
                checked = check_file(existing_file(path), profile)
            except KehoachError as error:
                done.problems += error.problems
                continue
            done.findings += checked.findings
            one = CheckedFile(path, checked.profile, checked.why, path.suffix.lower() != ".docx")
            if fix and one.fixable:
                fixed, changes = fix_file(path, checked.profile)
                target = path if in_place else path.with_name(f"{path.stem}.da_sua{path.suffix}")
                batch.inputs = [p for p in paths if not (in_place and p == target)]
                if changes:
                    if not in_place and not force and target.exists():
                        raise KehoachError(
                            f"đã có {target}; không ghi đè (có thể đã được sửa tiếp) — "
                            "dùng --force để ghi lại, hoặc --in-place để sửa ngay trong tệp"
                        )
                    batch.write(target, fixed.encode("utf-8"))
                    done.written.append(target)
                one = CheckedFile(one.path, one.profile, one.why, fixed=target, changes=changes)
            done.files.append(one)
        plans = [p for p in done.written if in_place and p.suffix.lower() in (".yaml", ".yml")]
        with history.keeping(plans, "sua_loi"):  # each plan fixed in place kept as it was
            batch.commit()
    finally:
        batch.discard()
    return done
