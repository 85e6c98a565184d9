"""The LibreOffice kept running for the preview: it converts as `soffice --convert-to`
does, is started again when killed (LibreOffice or its bridge), survives a file it cannot
open, leaves no process and no profile once stopped, leaves no process when kehoach itself
is killed, and says why when it cannot start (the caller then converts the old way)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from kehoach.document import listener as module
from kehoach.document.listener import Listener
from kehoach.document.pdf import to_pdf


def _running(pid: int) -> bool:
    """Whether `pid` is a live process (a zombie is not), read from /proc."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _gone(pids: list[int], seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while any(_running(p) for p in pids):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]


needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").is_file(),
                                reason="đọc tiến trình qua /proc (Linux)")


@needs_proc
def test_it_converts_as_soffice_does_comes_back_when_killed_and_stops_clean(
        office_python, rendered, tmp_path):
    listener = Listener(tmp_path / "nghe")
    listener.start()
    assert listener.pdf(rendered, tmp_path / "nghe.pdf"), listener.reason
    assert _pages(tmp_path / "nghe.pdf") == _pages(to_pdf(rendered, tmp_path / "rieng.pdf"))
    office, _bridge = listener.pids()
    assert "soffice" in Path(f"/proc/{office}/cmdline").read_text()  # LibreOffice itself
    assert "--accept=socket,host=127.0.0.1,port=" in Path(f"/proc/{office}/cmdline").read_text()

    os.kill(office, signal.SIGKILL)  # LibreOffice dies: the next conversion starts another
    assert _gone([office])
    assert listener.pdf(rendered, tmp_path / "sau-khi-giet.pdf"), listener.reason
    assert listener.pids()[0] != office
    os.kill(listener.pids()[1], signal.SIGKILL)  # so does its bridge
    assert listener.pdf(rendered, tmp_path / "cau-noi.pdf"), listener.reason

    for request in ({"pdf": 1}, {"khac": True}):  # a request it cannot read is answered
        assert "error" in listener._ask(request)
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"PK\x03\x04 not a document")
    assert not listener.pdf(broken, tmp_path / "hong.pdf")
    assert listener.reason and not (tmp_path / "hong.pdf").exists()
    assert listener.alive() and listener.pdf(rendered, tmp_path / "van-chay.pdf")

    pids = listener.pids()
    listener.stop()
    assert _gone(pids, 5)
    assert not listener.profile.exists()
    assert not listener.pdf(rendered, tmp_path / "da-dung.pdf")  # stopped for good


@needs_proc
def test_no_libreoffice_is_left_when_kehoach_is_killed(office_python, rendered, tmp_path):
    script = textwrap.dedent(f"""
        import json, sys, time
        from pathlib import Path
        from kehoach.document.listener import Listener
        listener = Listener(Path({str(tmp_path / "nghe")!r}))
        assert listener.pdf(Path({str(rendered)!r}), Path({str(tmp_path / "a.pdf")!r}))
        print(json.dumps(listener.pids()), flush=True)
        time.sleep(120)
    """)
    kehoach = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                               text=True)
    try:
        pids = json.loads(kehoach.stdout.readline())
    finally:
        kehoach.kill()  # no cleanup of its own runs: the bridge reads the end of its input
        kehoach.wait()
    assert len(pids) == 2 and _gone(pids), "LibreOffice còn chạy sau khi kehoach bị tắt"


def test_without_libreoffice_it_says_so_and_does_not_try_again_at_once(tmp_path, monkeypatch):
    listener = Listener(tmp_path / "nghe", lambda: None)
    assert not listener.pdf(tmp_path / "a.docx", tmp_path / "a.pdf")
    assert "không tìm thấy LibreOffice" in listener.reason
    launches = []
    monkeypatch.setattr(Listener, "_launch", lambda self: launches.append(1))
    assert not listener.pdf(tmp_path / "a.docx", tmp_path / "a.pdf")
    assert launches == []  # a failed start waits RETRY_S before the next


def test_without_a_python_that_has_uno_it_says_so(soffice, tmp_path, monkeypatch):
    monkeypatch.setattr(module, "uno_python", lambda program: None)
    listener = Listener(tmp_path / "nghe")
    assert not listener.pdf(tmp_path / "a.docx", tmp_path / "a.pdf")
    assert "mô-đun uno" in listener.reason and listener.pids() == []


@needs_proc
def test_a_libreoffice_that_fails_at_start_is_said_and_ended(office_python, tmp_path):
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\necho hỏng >&2\nexit 1\n", encoding="utf-8")
    fake.chmod(0o755)
    listener = Listener(tmp_path / "nghe", lambda: str(fake))
    started = time.monotonic()
    assert not listener.pdf(tmp_path / "a.docx", tmp_path / "a.pdf")
    assert "dừng ngay khi khởi động (mã 1)" in listener.reason
    assert time.monotonic() - started < 30 and listener.pids() == []
    assert "hỏng" in (tmp_path / "nghe" / "soffice.log").read_text(encoding="utf-8")
