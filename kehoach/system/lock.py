"""One writer at a time in a folder of plans: the web server's threads, and any other
kehoach (a command run while the server runs) through a lock file in the folder.

Every writer of a plan folder holds its lock from the check of what is there (the page's
version, "no unit plan is there yet") to the last rename, so no acknowledged change is
written over. The lock is reentrant within a thread (a stage that holds it may save a
plan, which takes it again).

Between processes the operating system holds the lock, so it is released if the holder
dies: `fcntl.flock` (POSIX) or `msvcrt.locking` (Windows), chosen by what the running
Python has, on a file `.kehoach.lock` that exists only while the lock is held. A Python
with neither (none that kehoach supports, but the simulated-Windows tests remove fcntl)
falls back on a lock folder made with `mkdir`, atomic everywhere, taken over once it is
older than `ABANDONED_S`.
"""

from __future__ import annotations

import contextlib
import errno
import importlib
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kehoach.errors import KehoachError, Problem

LOCK_NAME = ".kehoach.lock"
FALLBACK_NAME = ".kehoach.lock.d"
WAIT_S = 60.0
"""How long a writer waits for the folder before it gives up and says so."""
ABANDONED_S = 3600.0
"""A fallback lock folder older than this is a crashed run's (no batch runs an hour)."""
_PAUSES = (0.005, 0.01, 0.02, 0.05, 0.1)
_HELD_ELSEWHERE = {errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, errno.EDEADLK}
"""What flock (EWOULDBLOCK) and msvcrt.locking (EACCES, EDEADLOCK) answer for a lock
another process holds."""



def _module(name: str) -> Any:
    """The system's module `name`, or None where this Python has none."""
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


_fcntl = _module("fcntl")  # POSIX
_msvcrt = _module("msvcrt")  # Windows


class FolderBusy(KehoachError):
    """Another writer held the folder for longer than a writer waits."""


class _Held:
    """A folder's lock in this process: the threads' lock and the file's handle."""

    def __init__(self) -> None:
        self.threads = threading.RLock()
        self.depth = 0
        self.handle: Any = None


_held: dict[str, _Held] = {}
_registry = threading.Lock()


def _key(folder: Path) -> str:
    return os.path.normcase(str(folder.resolve()))


@contextlib.contextmanager
def folder_lock(folder: Path, wait: float = WAIT_S) -> Iterator[None]:
    """Hold `folder`'s lock for the block. A folder that is missing is made for the block
    and taken away after it if nothing was written there (a refused job leaves no empty
    folder). A folder that cannot be written is an OSError, said by the caller as every
    write failure is."""
    with _registry:
        held = _held.setdefault(_key(folder), _Held())
    deadline = time.monotonic() + wait
    if not held.threads.acquire(timeout=wait):
        raise _busy(folder)
    try:
        made = False
        if held.depth == 0:
            made = not folder.exists()
            held.handle = _acquire(folder, deadline)
        held.depth += 1
        try:
            yield
        finally:
            held.depth -= 1
            if held.depth == 0:
                _release(folder, held.handle, made)
                held.handle = None
    finally:
        held.threads.release()


def _busy(folder: Path) -> FolderBusy:
    return FolderBusy([Problem(str(folder), (
        f"thư mục đang được một việc khác ghi (quá {WAIT_S:.0f} giây): có thể một lệnh "
        "kehoach khác đang chạy; hãy chờ nó xong rồi làm lại; chưa ghi tệp nào"))])


def _pauses(deadline: float) -> Iterator[None]:
    """Yield until the deadline, sleeping a little longer each time."""
    n = 0
    while True:
        yield
        if time.monotonic() >= deadline:
            return
        time.sleep(_PAUSES[min(n, len(_PAUSES) - 1)])
        n += 1


def _acquire(folder: Path, deadline: float) -> Any:
    if _fcntl is None and _msvcrt is None:
        folder.mkdir(parents=True, exist_ok=True)
        return _acquire_folder(folder, deadline)
    path = folder / LOCK_NAME
    for _ in _pauses(deadline):
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o666)
        try:
            if _try_lock(fd) and _still_there(fd, path):
                return fd
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)  # held elsewhere, or removed by its last holder: try again
    raise _busy(folder)


def _still_there(fd: int, path: Path) -> bool:
    """Whether the locked file is still the one at `path` (its last holder may have
    removed it with its folder while this one waited)."""
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except OSError:
        return False


def _try_lock(fd: int) -> bool:
    try:
        if _fcntl is not None:
            _fcntl.flock(fd, _fcntl.LOCK_EX | _fcntl.LOCK_NB)
        else:
            os.lseek(fd, 0, os.SEEK_SET)
            _msvcrt.locking(fd, _msvcrt.LK_NBLCK, 1)
    except OSError as error:
        if error.errno in _HELD_ELSEWHERE:
            return False
        raise
    return True


def _release(folder: Path, handle: Any, made: bool) -> None:
    """Let the lock go. Its file goes first, while still held, so that no lock file is
    left in the folder (a writer waiting on it sees it gone and takes a new one); the
    folder goes too if it was made for the lock and nothing was written there."""
    if isinstance(handle, Path):
        with contextlib.suppress(OSError):
            handle.rmdir()
    else:
        with contextlib.suppress(OSError):  # Windows keeps a file another process has open
            (folder / LOCK_NAME).unlink()
    if made:
        with contextlib.suppress(OSError):  # not empty: the job wrote there
            folder.rmdir()
    if isinstance(handle, Path):
        return
    try:
        if _fcntl is not None:
            _fcntl.flock(handle, _fcntl.LOCK_UN)
        elif _msvcrt is not None:
            os.lseek(handle, 0, os.SEEK_SET)
            _msvcrt.locking(handle, _msvcrt.LK_UNLCK, 1)
    finally:
        os.close(handle)


def _acquire_folder(folder: Path, deadline: float) -> Path:
    """The fallback: a folder only one process can make."""
    marker = folder / FALLBACK_NAME
    for _ in _pauses(deadline):
        try:
            marker.mkdir()
            return marker
        except FileExistsError:
            try:
                if time.time() - marker.stat().st_mtime > ABANDONED_S:
                    marker.rmdir()
            except OSError:
                pass
    raise _busy(folder)
