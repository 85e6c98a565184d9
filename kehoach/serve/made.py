"""What the pages make for a plan (blank forms, summaries, the units' documents,
comparisons) is kept beside the plans, in a folder the page names, so it is still there
after the server stops: `<plans>/Tệp đã làm/<plan's name>/<date time> <job>/`, with the
files the clerk uploaded for the job. The plan's page lists them."""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from flask import Blueprint, abort, send_file
from flask.typing import ResponseReturnValue

from kehoach.serve.files import inside, plans_dir

blueprint = Blueprint("made", __name__)

FOLDER = "Tệp đã làm"
SHOWN = 12
"""Jobs the plan's page lists, newest first."""


def root() -> Path:
    return plans_dir() / FOLDER


def _plan_folder(plan: Path) -> Path:
    relative = plan.resolve().relative_to(plans_dir())
    return root() / relative.with_suffix("")


def new_job(plan: Path, job: str) -> Path:
    """A new folder for one job on `plan`, named by when it ran and what it is."""
    base = _plan_folder(plan)
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H.%M.%S")
    for n in range(1, 100):
        folder = base / (f"{stamp} {job}" + (f" ({n})" if n > 1 else ""))
        try:
            folder.mkdir(parents=True)
            return folder
        except FileExistsError:
            continue
    raise FileExistsError(str(base))


@contextlib.contextmanager
def job(plan: Path, title: str) -> Iterator[Path]:
    """A new job folder for the block; a job that fails or makes nothing leaves none (the
    files it was given are the clerk's: they still have them)."""
    folder = new_job(plan, title)
    try:
        yield folder
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    if not any(p.is_file() for p in folder.rglob("*")):
        shutil.rmtree(folder, ignore_errors=True)


def name(path: Path) -> str:
    """How a page names a made file or folder: from the plans folder down."""
    return path.relative_to(plans_dir()).as_posix()


@dataclass(frozen=True)
class Job:
    folder: str  # from the plans folder down
    title: str
    files: list[str]  # each from the plans folder down


def listing(plan: Path) -> list[Job]:
    """The jobs kept for `plan`, newest first, each with its files (links not followed)."""
    base = _plan_folder(plan)
    try:
        folders = sorted((p for p in base.iterdir() if p.is_dir() and not p.is_symlink()),
                         key=lambda p: p.name, reverse=True)
    except OSError:
        return []
    jobs = []
    for folder in folders[:SHOWN]:
        files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
        jobs.append(Job(name(folder), folder.name, [name(f) for f in files]))
    return jobs


@blueprint.get("/made/<path:where>")
def download(where: str) -> ResponseReturnValue:
    """A made file, only from the made folder, never through a link."""
    path = plans_dir() / where
    if (not where.startswith(FOLDER + "/") or ".." in Path(where).parts
            or not inside(path, root()) or path.is_symlink() or not path.is_file()):
        abort(404, "không có tệp này")
    return send_file(path, as_attachment=True, download_name=path.name)
