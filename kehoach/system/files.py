"""Putting a finished file in place, on any system.

- Replacing: POSIX replaces a file whoever holds it open; Windows refuses while Word or
  Excel has it open (PermissionError, winerror 32 "used by another process") or when it
  is read-only (winerror 5), and a virus scanner may hold a new file for a moment. So
  every target of a batch is opened for writing before the first is replaced (`check`:
  a refusal names the file and nothing is replaced), and a replace that Windows refuses
  is tried again for about a second before the file is named.
- Permissions: `os.chmod` by path exists everywhere (`os.fchmod` is missing on Windows
  before Python 3.13); on Windows it only sets or clears the read-only flag.
- Hidden files: a leading dot hides a file on POSIX; Windows hides by an attribute, set
  through kernel32 where there is one (`hide`).
- Names: Windows keeps CON, PRN, AUX, NUL, COM1–9 and LPT1–9 for devices, whatever the
  extension (`con.yaml` is the console): a file kehoach names after a unit or an upload
  never takes one, on any system, so that the folder still opens on Windows (`device`).
"""

from __future__ import annotations

import functools
import os
import stat
import time
from collections.abc import Callable
from pathlib import Path

from kehoach.errors import KehoachError, Problem

_BINARY = getattr(os, "O_BINARY", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # a FIFO where a file goes must not hang us
DEVICES = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                     *(f"lpt{i}" for i in range(1, 10))})
_IN_USE = {32, 33}  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
_REFUSED = {5, 32, 33}  # … and ERROR_ACCESS_DENIED
PAUSES_S = (0.05, 0.1, 0.2, 0.4, 0.8)  # a scanner's hold on a new file passes within these


def check(target: Path) -> None:
    """Refuse, before anything is replaced, a target that another program holds open
    (Windows) or that is read-only. Opening for writing without truncating changes
    nothing; a missing target, a folder or a FIFO is left to the caller."""
    try:
        fd = os.open(target, os.O_WRONLY | _NONBLOCK | _BINARY)
    except PermissionError as error:
        if not target.is_dir():  # Windows opens no folder: the caller names that
            raise held(target, error) from None
        return
    except OSError:
        return
    os.close(fd)


def replace(tmp: Path, target: Path) -> None:
    """`os.replace`, tried again for about a second while Windows says the target is in
    use (a scanner, an indexer); still refused, the file is named."""
    for pause in (*PAUSES_S, None):
        try:
            os.replace(tmp, target)
            return
        except PermissionError as error:
            if getattr(error, "winerror", None) not in _REFUSED:
                raise  # POSIX: the folder's permissions, said as such by the CLI
            if pause is None:
                raise held(target, error) from None
            time.sleep(pause)


def held(target: Path, error: OSError) -> KehoachError:
    """The file is open in another program or read-only: what to do, in Vietnamese."""
    if getattr(error, "winerror", None) in _IN_USE:
        reason = ("tệp đang mở trong một chương trình khác (Word, Excel…): hãy đóng tệp "
                  "rồi chạy lại")
    else:
        reason = ("không ghi đè được: tệp chỉ cho đọc hoặc đang mở trong một chương trình "
                  "khác (Word, Excel…); hãy đóng tệp hoặc bỏ thuộc tính chỉ đọc rồi chạy lại")
    return KehoachError([Problem(str(target), reason + "; chưa ghi tệp nào")])


def device(stem: str) -> bool:
    """Whether a file named `stem`.<anything> would be a Windows device, not a file."""
    return stem.split(".")[0].strip().lower() in DEVICES


def mode_for(target: Path) -> int:
    """The permissions a new version of `target` gets: the existing file's, else what a
    plain new file would get."""
    try:
        return target.stat().st_mode & 0o777
    except FileNotFoundError:
        return 0o666 & ~_umask()


def set_mode(path: Path, mode: int) -> None:
    os.chmod(path, mode)


@functools.cache
def _umask() -> int:
    """Read once: reading it means setting it, which another thread must not see twice."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def hide(path: Path) -> None:
    """Give `path` Windows' hidden attribute; elsewhere its leading dot hides it."""
    attributes = _windows_attributes()
    if attributes is None:
        return
    get, set_ = attributes
    current = get(str(path)) & 0xFFFFFFFF
    if current != 0xFFFFFFFF:  # INVALID_FILE_ATTRIBUTES: left visible, nothing lost
        set_(str(path), current | stat.FILE_ATTRIBUTE_HIDDEN)


@functools.cache
def _windows_attributes() -> tuple[Callable[[str], int], Callable[[str, int], int]] | None:
    """kernel32's GetFileAttributesW and SetFileAttributesW, where files have attributes."""
    try:
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    except (ImportError, AttributeError, OSError):
        return None
    return kernel32.GetFileAttributesW, kernel32.SetFileAttributesW
