"""What every job asks of the files it is given: that they are there, that an output's
name says what it holds, and where a plan's units list is."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from kehoach.errors import KehoachError, Problem

if TYPE_CHECKING:
    from kehoach.plan.model import Plan
    from kehoach.plan.units import LoadedRegistry


class NoUnitsList(KehoachError):
    """The plan names no units list (`danh_sach_don_vi`) and the caller gave none. The
    message names the command's `--units`; a page says it in its own words."""


def existing_file(path: Path) -> Path:
    """`path`, if it is a file; a folder or nothing there is a clear error."""
    if path.is_dir():
        raise KehoachError(f"{path}: đây là một thư mục, cần một tệp")
    if not path.is_file():
        raise KehoachError(f"không có tệp {path}")
    return path


def readable_document(path: Path) -> Path:
    """`path`, once a DOCX given to import or compare has passed the checks made before
    anything parses it (sizes, parts, paragraphs: `forms.archive`); a text file as is."""
    from kehoach.errors import Unreadable
    from kehoach.forms import archive

    with path.open("rb") as stream:
        zipped = stream.read(4) == b"PK\x03\x04"
    if zipped:
        refused = archive.problem(path, archive.DOCX)
        if refused:
            raise Unreadable([Problem(str(path), refused)])
    return path


def registry_path(plan_path: Path, plan: Plan, given: Path | None) -> Path | None:
    """The units file: the one given, else the one the plan names (relative to the plan)."""
    if given is not None:
        return given
    return plan_path.parent / plan.danh_sach_don_vi if plan.danh_sach_don_vi else None


def units_list(plan_path: Path, plan: Plan, given: Path | None) -> tuple[Path, LoadedRegistry]:
    """The units file and the units in it; `NoUnitsList` when there is none to read."""
    from kehoach.plan.units import load_registry

    path = registry_path(plan_path, plan, given)
    if path is None:
        raise NoUnitsList(
            f"{plan_path}: kế hoạch không chỉ định danh sách đơn vị (danh_sach_don_vi); "
            "dùng --units TỆP"
        )
    return path, load_registry(existing_file(path))


def named_as(target: Path, suffixes: tuple[str, ...], what: str, inputs: Iterable[Path]) -> Path:
    """`target` if its name says it holds `what` (a YAML never goes over a Word document
    typed by mistake, nor a DOCX over a plan). An input given as the target is left to
    `safewrite`, which refuses it whatever its name."""
    an_input = target.resolve() in {path.resolve() for path in inputs}
    if target.suffix.lower() not in suffixes and not an_input:
        raise KehoachError(
            f"{target}: tệp ghi ra là {what}, tên phải có đuôi {' hoặc '.join(suffixes)}"
        )
    return target
