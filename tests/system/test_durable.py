"""Written files are made durable on any system: Windows' fsync needs a descriptor open
for writing, and syncfs exists only on Linux."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from kehoach.system import durable


def _files(folder: Path, count: int) -> list[Path]:
    paths = []
    for i in range(count):
        paths.append(folder / f"{i}.docx")
        paths[-1].write_bytes(b"x" * 100)
    return paths


@pytest.fixture
def windows_fsync(monkeypatch):
    """fsync as Windows' _commit does it: EBADF through a read-only descriptor."""
    real, seen = os.fsync, []

    def fsync(fd: int) -> None:
        mode = os.O_RDONLY if _read_only(fd) else os.O_RDWR
        seen.append(mode)
        if mode == os.O_RDONLY:
            raise OSError(errno.EBADF, "Bad file descriptor")
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(durable, "_write_to_sync", False)
    return seen


def _read_only(fd: int) -> bool:
    """Whether `fd` was opened read-only: it refuses a write of nothing?"""
    try:
        os.write(fd, b"")
    except OSError:
        return True
    return False


def test_a_few_files_are_synced_through_a_writable_descriptor_where_needed(tmp_path,
                                                                           windows_fsync):
    paths = _files(tmp_path, 3)
    durable.sync_files(paths)
    assert windows_fsync == [os.O_RDONLY, os.O_RDWR, os.O_RDWR, os.O_RDWR]
    assert all(p.read_bytes() == b"x" * 100 for p in paths)


def test_a_batch_without_syncfs_syncs_each_file(tmp_path, windows_fsync, monkeypatch):
    monkeypatch.setattr(durable, "_syncfs", lambda: None)
    durable.sync_files(_files(tmp_path, durable.SYNCFS_FROM + 2))
    assert windows_fsync.count(os.O_RDWR) == durable.SYNCFS_FROM + 2


def test_no_syncfs_where_ctypes_has_no_library_of_this_process(monkeypatch):
    import ctypes

    def no_self(name, *args, **kwargs):
        if name is None:  # what ctypes.CDLL(None) does on Windows
            raise TypeError("argument of type 'NoneType' is not iterable")
        raise OSError(name)

    monkeypatch.setattr(ctypes, "CDLL", no_self)
    assert durable._syncfs.__wrapped__() is None


def test_a_folder_that_cannot_be_opened_is_left_alone(tmp_path, monkeypatch):
    real = os.open

    def no_folders(path, flags, *args):
        if Path(path).is_dir():
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path, flags, *args)

    monkeypatch.setattr(os, "open", no_folders)
    durable.sync_folders([tmp_path, tmp_path / "khong-co"])  # no error: the files are synced
