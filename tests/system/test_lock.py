"""One writer at a time in a folder: threads of one process, and other processes, by the
system's lock (flock here) or, where a Python has neither flock nor msvcrt, by a lock
folder. Reentrant in a thread; no lock file is left; a folder made for the lock and left
empty is taken away."""

from __future__ import annotations

import itertools
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from kehoach.system import lock

HOLDER = """
import sys, time
from pathlib import Path
from kehoach.system.lock import folder_lock
with folder_lock(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


@pytest.fixture(params=["system", "folder"])
def way(request, monkeypatch) -> str:
    """Both ways: the system's lock, and the lock folder of a Python without one."""
    if request.param == "folder" or (lock._fcntl is None and lock._msvcrt is None):
        monkeypatch.setattr(lock, "_fcntl", None)
        monkeypatch.setattr(lock, "_msvcrt", None)
        return "folder"
    return "system"


def _crowd(folder: Path, count: int) -> list[tuple[float, float]]:
    """`count` threads each hold the lock a little while: (start, end) of each hold."""
    spans: list[tuple[float, float]] = []
    start = threading.Barrier(count)

    def hold() -> None:
        start.wait()
        with lock.folder_lock(folder):
            began = time.monotonic()
            time.sleep(0.02)
            spans.append((began, time.monotonic()))

    threads = [threading.Thread(target=hold) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return sorted(spans)


def test_threads_take_turns(tmp_path: Path, way: str) -> None:
    spans = _crowd(tmp_path, 8)
    assert len(spans) == 8
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in itertools.pairwise(spans))
    assert list(tmp_path.iterdir()) == []  # no lock file left behind


def test_reentrant_within_a_thread(tmp_path: Path, way: str) -> None:
    with lock.folder_lock(tmp_path), lock.folder_lock(tmp_path):
        (tmp_path / "ke_hoach.yaml").write_text("id: x\n", encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["ke_hoach.yaml"]


def test_a_folder_made_for_the_lock_goes_if_nothing_was_written(tmp_path: Path, way: str) -> None:
    with lock.folder_lock(tmp_path / "moi"):
        assert (tmp_path / "moi").is_dir()
    assert not (tmp_path / "moi").exists()
    with lock.folder_lock(tmp_path / "co"):
        (tmp_path / "co" / "a.yaml").write_text("a\n", encoding="utf-8")
    assert [p.name for p in (tmp_path / "co").iterdir()] == ["a.yaml"]


def test_another_process_is_waited_for_then_named_if_it_holds_too_long(
        tmp_path: Path, monkeypatch) -> None:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(tmp_path), "1.5"],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    with (pytest.raises(lock.FolderBusy, match="thư mục đang được một việc khác ghi"),
          lock.folder_lock(tmp_path, wait=0.3)):
        pass
    started = time.monotonic()
    with lock.folder_lock(tmp_path, wait=60):  # waits for the other process to finish
        waited = time.monotonic() - started
    assert holder.wait(60) == 0
    assert waited > 0.2


@pytest.mark.skipif(lock._fcntl is None and lock._msvcrt is None,
                    reason="không có khóa của hệ điều hành: thư mục khóa được lấy lại sau một giờ")
def test_a_crashed_holders_lock_is_released(tmp_path: Path) -> None:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(tmp_path), "60"],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    holder.kill()  # the system lets go of a dead process's lock
    holder.wait(60)
    with lock.folder_lock(tmp_path, wait=10):
        pass


def test_an_abandoned_lock_folder_is_taken_over(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(lock, "_fcntl", None)
    monkeypatch.setattr(lock, "_msvcrt", None)
    marker = tmp_path / lock.FALLBACK_NAME
    marker.mkdir()  # left by a run that was killed
    with pytest.raises(lock.FolderBusy), lock.folder_lock(tmp_path, wait=0.2):
        pass
    monkeypatch.setattr(lock, "ABANDONED_S", 0.0)
    with lock.folder_lock(tmp_path, wait=5):
        pass
    assert not marker.exists()
