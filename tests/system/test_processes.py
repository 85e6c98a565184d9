"""Whether a process is alive is never asked with os.kill(pid, 0) where signal 0 is
Ctrl+C (Windows); a killed run's temporaries are then swept by their age."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from kehoach import safewrite
from kehoach.system import processes


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid  # reaped: no process has this id until the system reuses it


def test_alive_where_signal_zero_is_a_probe():
    if hasattr(signal, "CTRL_C_EVENT"):  # the simulated Windows: see the next test
        assert processes.alive(_dead_pid()) is None
        return
    assert processes.alive(os.getpid()) is True
    assert processes.alive(_dead_pid()) is False


def test_windows_is_never_sent_signal_zero(monkeypatch):
    monkeypatch.setattr(signal, "CTRL_C_EVENT", 0, raising=False)
    sent = []
    monkeypatch.setattr(os, "kill", lambda pid, sig: sent.append((pid, sig)))
    assert processes.alive(os.getpid()) is True
    assert processes.alive(12345) is None
    assert sent == []


def test_with_no_way_to_ask_a_day_old_temporary_goes_a_younger_one_stays(tmp_path,
                                                                        monkeypatch):
    monkeypatch.setattr(processes, "alive", lambda pid: None if pid != os.getpid() else True)
    old = tmp_path / ".a.docx.kehoach-123-x.tmp"
    young = tmp_path / ".b.docx.kehoach-123-y.tmp"
    # Ages count from when this run started (the sweep's clock), not from now: in a suite
    # that has run for over ten minutes (a loaded machine), "a day and ten minutes before
    # now" was no longer a day before the start, and the old temporary stayed.
    started = safewrite._STARTED
    for path, age in ((old, safewrite.UNKNOWN_OWNER_AGE_S + 600), (young, 3600)):
        path.write_bytes(b"half")
        os.utime(path, (started - age, started - age))
    safewrite.write_atomic(tmp_path / "c.docx", b"new")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["c.docx", young.name])


def test_workers_start_the_platforms_way():
    import multiprocessing

    context = processes.pool_context()
    assert context.get_start_method() == multiprocessing.get_start_method()
    assert processes.inherits(context) == (context.get_start_method() == "fork")
