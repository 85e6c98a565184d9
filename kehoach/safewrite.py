"""Write a command's files so that a failure never leaves half a batch or clobbers a good file.

Every file goes to a temporary beside its target; only when all of them are written are
the targets checked (none open in another program, none read-only), the temporaries
synced (one pass) and renamed into place. When the process is told to stop (SIGTERM;
Windows: SIGBREAK) it removes its temporaries; those of a killed run (its process gone,
or where that cannot be asked, a day old) are removed the next time a file is written
into their folder. No output may be one of the inputs. What each system does its own way
is in `kehoach.system`.
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

from kehoach.errors import KehoachError, Problem
from kehoach.system import durable, files, processes

_STARTED = time.time()
_MARK = ".kehoach-"
_STALE = re.compile(r"^\..+\.kehoach-(\d+)-[^.]*\.tmp$")
UNKNOWN_OWNER_AGE_S = 24 * 3600  # no batch runs a day: its temporaries are a killed run's
_live: dict[Path, int] = {}  # temporaries not yet renamed → the pid that made them
_cleaned: set[Path] = set()  # folders already swept for stale temporaries


class Batch:
    """All of one command's outputs: `write` each, then `commit` (or use `with`)."""

    def __init__(self, inputs: Iterable[Path | None] = ()) -> None:
        self.inputs = [Path(p) for p in inputs if p is not None]
        self.pending: list[tuple[Path, Path]] = []  # (temporary, target)
        processes.on_stop(_remove_own)

    def __enter__(self) -> Batch:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if kind is None:
            self.commit()
        else:
            self.discard()

    def check_target(self, path: Path) -> None:
        """Refuse a target that is one of the inputs or a folder, before anything is written."""
        for source in self.inputs:
            if _same(path, source):
                raise KehoachError(
                    [
                        Problem(
                            str(path),
                            f"tệp ghi ra trùng với tệp đầu vào {source}; không ghi đè "
                            "(kể cả với --force) — chọn thư mục khác bằng -o",
                        )
                    ]
                )
        _not_a_folder(path)
        _no_device(path)

    def write(self, path: Path, data: bytes) -> None:
        """Write `data` to a temporary beside `path`; it takes `path`'s place at commit."""
        self.check_target(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        _sweep(path.parent)
        tmp = _temporary(path)
        try:
            with open(tmp, "wb") as out:
                out.write(data)
            files.set_mode(tmp, files.mode_for(path))  # after writing: it may be read-only
            if path.name.startswith("."):
                files.hide(tmp)  # Windows: hidden as the dot hides it elsewhere; renamed so
        except BaseException:
            _drop(tmp)
            raise
        self.pending.append((tmp, path))

    def adopt(self, pairs: Iterable[tuple[Path, Path]]) -> None:
        """Temporaries another process wrote for this batch."""
        for tmp, path in pairs:
            _live[tmp] = os.getpid()
            self.pending.append((tmp, path))

    def handover(self) -> list[tuple[Path, Path]]:
        """This process's temporaries, for the batch of the process that started it."""
        pairs, self.pending = self.pending, []
        for tmp, _ in pairs:
            _live.pop(tmp, None)
        return pairs

    def commit(self) -> None:
        """Check every target, sync every temporary once, then rename them all into
        place."""
        try:
            for _, path in self.pending:
                _not_a_folder(path)
                files.check(path)
            durable.sync_files(tmp for tmp, _ in self.pending)
            for tmp, path in self.pending:
                try:
                    files.replace(tmp, path)
                except OSError as error:  # a name too long, a folder gone: the target's fault
                    raise OSError(error.errno, error.strerror, str(path)) from None
                _live.pop(tmp, None)
            durable.sync_folders({path.parent for _, path in self.pending})
        finally:
            self.discard()

    def discard(self) -> None:
        for tmp, _ in self.pending:
            _drop(tmp)
        self.pending = []


def write_atomic(path: Path, data: bytes, inputs: Iterable[Path | None] = ()) -> None:
    """One file, on its own: written beside `path`, then moved into place."""
    with Batch(inputs) as batch:
        batch.write(path, data)


def _no_device(path: Path) -> None:
    """Refuse a file, or a folder still to be made for it, named as a Windows device
    (`con.docx`, `nul.xlsx`, a folder `aux` or `con.`): on Windows it is no file, and the
    folder a clerk copies it into no longer opens. Folders already there are left alone."""
    part = path
    while True:
        if files.device(part.name):
            raise KehoachError([Problem(str(path), (
                f"tên '{part.name}' là tên thiết bị dành riêng của Windows (CON, PRN, AUX, "
                "NUL, COM1–COM9, LPT1–LPT9, với đuôi nào cũng vậy): trên Windows không có tệp "
                "hay thư mục nào tên như thế. Hãy chọn tên khác: sau -o, hoặc đổi tên tệp kế "
                "hoạch mà tên tệp ghi ra lấy theo; chưa ghi tệp nào"))])
        if part.parent == part or part.parent.is_dir():
            return
        part = part.parent


def _not_a_folder(path: Path) -> None:
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "đã có một thư mục trùng tên tệp ghi ra", str(path))


def _same(target: Path, source: Path) -> bool:
    try:
        if target.exists() and source.exists():
            return os.path.samefile(target, source)
        return target.resolve() == source.resolve()
    except OSError:
        return False


NAME_BYTES = 180
"""How much of the target's name a temporary keeps: with its mark it stays within the 255
bytes a file name may have, so a long name is judged by its own length, not a hidden one's."""


def _temporary(path: Path) -> Path:
    short = path.name.encode("utf-8")[:NAME_BYTES].decode("utf-8", "ignore")
    try:
        fd, name = tempfile.mkstemp(
            dir=path.parent, prefix=f".{short}{_MARK}{os.getpid()}-", suffix=".tmp"
        )
    except OSError as error:  # said of the file the user asked for, not of the temporary
        raise OSError(error.errno, error.strerror, str(path)) from None
    os.close(fd)
    tmp = Path(name)
    _live[tmp] = os.getpid()
    return tmp


def _drop(tmp: Path) -> None:
    _live.pop(tmp, None)
    tmp.unlink(missing_ok=True)


def _sweep(folder: Path) -> None:
    """Remove the temporaries a killed run left in `folder` (once per folder and run)."""
    if folder in _cleaned:
        return
    _cleaned.add(folder)
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        found = _STALE.match(entry.name)
        if not found:
            continue
        owner = processes.alive(int(found.group(1)))
        older_than = _STARTED if owner is False else _STARTED - UNKNOWN_OWNER_AGE_S
        try:
            if owner is not True and entry.stat(follow_symlinks=False).st_mtime < older_than:
                os.unlink(entry.path)
        except OSError:
            continue


def _remove_own() -> None:
    """This process's temporaries, removed when it is told to stop."""
    me = os.getpid()
    for tmp, pid in list(_live.items()):
        if pid == me:
            tmp.unlink(missing_ok=True)
