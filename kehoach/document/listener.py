"""One LibreOffice kept running for many conversions: the web editor's preview after a save.

`soffice --convert-to` starts LibreOffice for each call (seconds; more with a new profile),
while a running one converts a plan's DOCX in about 0.2 s. So the server starts one
LibreOffice, listening on a free port of 127.0.0.1 with a profile of its own, and drives it
through `uno_bridge.py` run by LibreOffice's own Python (the only one with the `uno`
module), speaking JSON lines over the bridge's standard input and output.

Lifecycle, the same on every system (processes and pipes only, no signal handler):
- started in the background (`start`) or at the first conversion, waited for by it;
- started again when found dead (LibreOffice killed or crashed);
- stopped by `stop` (the server's end, and at the interpreter's exit): LibreOffice is asked
  to quit, then its processes are ended; its profile is removed. Should kehoach itself be
  killed, the bridge reads the end of its input and closes LibreOffice.
When it cannot start (no LibreOffice Python with `uno`, LibreOffice failing), `pdf`
answers False and the caller converts the old way (`pdf.to_pdf`, one soffice per call);
a failed start is not tried again for `RETRY_S`.

Anyone on this computer can connect to the port, as to the web server itself: the
listener serves the same single user, on 127.0.0.1 only.
"""

from __future__ import annotations

import atexit
import json
import os
import queue
import shutil
import socket
import subprocess
import threading
import time
import weakref
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import IO

from kehoach.errors import KehoachError
from kehoach.system.office import office_binary, pythons, soffice
from kehoach.system.processes import NO_WINDOW

BRIDGE = Path(__file__).with_name("uno_bridge.py")
START_S = 90.0  # a first start makes the profile; a loaded machine takes long
CONVERT_S = 60.0
STOP_S = 10.0
RETRY_S = 60.0
RESTART = 81  # LibreOffice's exit code asking its launcher to start it again
_SCRUBBED = ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "PYTHONSAFEPATH")
_PROBE = "import uno; from com.sun.star.beans import PropertyValue"
_running: weakref.WeakSet[Listener] = weakref.WeakSet()


def _environment() -> dict[str, str]:
    """This process's environment without what points Python at kehoach's own
    interpreter (LibreOffice's Python sets its own paths)."""
    return {k: v for k, v in os.environ.items() if k not in _SCRUBBED}


@cache
def uno_python(program: str) -> str | None:
    """The first Python that imports `uno` and LibreOffice's classes, or None."""
    for python in pythons(program):
        try:
            probe = subprocess.run([python, "-c", _PROBE], capture_output=True, timeout=30,
                                   env=_environment(), creationflags=NO_WINDOW, check=False)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if probe.returncode == 0:
            return python
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Unavailable(Exception):
    """The listener could not start or answer; the reason is its message."""


class Listener:
    """One LibreOffice and its bridge, owned by one server; its files in `folder`."""

    def __init__(self, folder: Path, program: Callable[[], str | None] = soffice) -> None:
        self.folder = folder
        self.program = program
        self.reason = ""  # why the last start or conversion failed, for the log
        self._lock = threading.Lock()
        self._office: subprocess.Popen[bytes] | None = None
        self._bridge: subprocess.Popen[bytes] | None = None
        self._answers: queue.Queue[dict[str, object] | None] = queue.Queue()
        self._failed_at: float | None = None
        self._closed = False
        self._connected = False  # the bridge said it is ready

    @property
    def profile(self) -> Path:
        return self.folder / "profile"

    def start(self) -> None:
        """Start LibreOffice in the background; a conversion meanwhile waits for it."""
        threading.Thread(target=self._start, daemon=True, name="kehoach-listener").start()

    def pdf(self, docx: Path, target: Path) -> bool:
        """`docx` converted to `target` by the running LibreOffice (started, or started
        again, if need be); False when there is none to use or it failed."""
        with self._lock:
            for attempt in (1, 2):  # a LibreOffice found dead is started once more
                try:
                    self._ensure()
                    answer = self._ask({"pdf": [str(docx), str(target)]})
                except Unavailable as error:
                    self.reason = str(error)
                    self._end()
                    if attempt == 2 or self._failed_at is not None:
                        return False
                    continue
                if "error" in answer:
                    self.reason = str(answer["error"])
                return bool(answer.get("ok")) and target.is_file()
        return False

    def alive(self) -> bool:
        return all(p is not None and p.poll() is None for p in (self._office, self._bridge))

    def pids(self) -> list[int]:
        """The process ids of LibreOffice and of the bridge, while they run."""
        return [p.pid for p in (self._office, self._bridge) if p is not None and p.poll() is None]

    def stop(self) -> None:
        """LibreOffice asked to quit, then ended; its profile removed. Final. A start or
        a conversion under way is cut short."""
        self._closed = True
        if not self._lock.acquire(timeout=1):
            for process in (self._bridge, self._office):
                if process is not None:
                    process.kill()  # the waiting thread then finds the bridge gone
            self._lock.acquire()
        try:
            self._end()
            shutil.rmtree(self.profile, ignore_errors=True)
        finally:
            self._lock.release()
        _running.discard(self)

    def _start(self) -> None:
        with self._lock:
            try:
                self._ensure()
            except Unavailable as error:
                self.reason = str(error)
                self._end()

    def _ensure(self) -> None:
        if self._closed:
            raise Unavailable("máy chủ đã dừng")
        if self.alive():
            return
        if self._failed_at is not None and time.monotonic() - self._failed_at < RETRY_S:
            raise Unavailable(self.reason)
        self._end()
        try:
            self._launch()
        except Unavailable:
            self._failed_at = time.monotonic()
            raise
        self._failed_at = None

    def _launch(self) -> None:
        try:
            program = self.program()
        except KehoachError as error:  # a setting pointing nowhere: said by the fallback too
            raise Unavailable(str(error)) from None
        if program is None:
            raise Unavailable("không tìm thấy LibreOffice (soffice)")
        python = uno_python(program)
        if python is None:
            raise Unavailable("không có Python nào của LibreOffice nạp được mô-đun uno")
        self.folder.mkdir(parents=True, exist_ok=True)
        pidfile = self.folder / "soffice.pid"
        port = free_port()
        office = [office_binary(program), f"-env:UserInstallation={self.profile.as_uri()}",
                  "--headless", "--invisible", "--nocrashreport", "--nodefault", "--nologo",
                  "--norestore", f"--pidfile={pidfile}",
                  f"--accept=socket,host=127.0.0.1,port={port},tcpNoDelay=1;urp;"]
        self._office = self._spawn(office)
        self._bridge = self._spawn([python, str(BRIDGE), str(port), str(pidfile),
                                    str(START_S)], bridge=True)
        _running.add(self)
        self._answers = queue.Queue()
        threading.Thread(target=_read, args=(self._bridge.stdout, self._answers),
                         daemon=True, name="kehoach-listener-read").start()
        answer = self._ready(office)
        if answer is None or not answer.get("ready"):
            said = answer.get("error") if answer else "cầu nối đã dừng"
            raise Unavailable(f"LibreOffice không sẵn sàng: {said}")
        self._connected = True

    def _ready(self, office: list[str]) -> dict[str, object] | None:
        """The bridge's first answer. LibreOffice exits 81 once it has made a new profile,
        asking to be started again: it is."""
        deadline = time.monotonic() + START_S + 5
        while True:
            try:
                return self._answers.get(timeout=0.5)
            except queue.Empty:
                pass
            if self._closed or time.monotonic() > deadline:
                raise Unavailable(f"LibreOffice không sẵn sàng sau {START_S:.0f} giây")
            code = self._office.poll() if self._office else None
            if code == RESTART:
                self._office = self._spawn(office)
            elif code is not None:
                raise Unavailable(f"LibreOffice dừng ngay khi khởi động (mã {code})")

    def _spawn(self, argv: list[str], bridge: bool = False) -> subprocess.Popen[bytes]:
        """A process of the listener, its diagnostics appended to the folder's log."""
        with (self.folder / "soffice.log").open("ab") as log:
            if bridge:
                return subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=log, env=_environment(),
                                        creationflags=NO_WINDOW)
            return subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                    creationflags=NO_WINDOW)

    def _ask(self, request: dict[str, object]) -> dict[str, object]:
        """The bridge's answer; Unavailable when the bridge or LibreOffice is gone."""
        bridge = self._bridge
        if bridge is None or bridge.stdin is None:
            raise Unavailable("chưa chạy")
        try:
            bridge.stdin.write((json.dumps(request) + "\n").encode("ascii"))
            bridge.stdin.flush()
            answer = self._answers.get(timeout=CONVERT_S)
        except OSError as error:
            raise Unavailable(f"cầu nối tới LibreOffice đã dừng: {error}") from None
        except queue.Empty:
            raise Unavailable(f"LibreOffice không trả lời sau {CONVERT_S:.0f} giây") from None
        if answer is None or answer.get("lost"):
            raise Unavailable(str(answer.get("error") if answer else "cầu nối đã dừng"))
        return answer

    def _end(self) -> None:
        """Ask LibreOffice to quit through the bridge; then end whatever still runs, at
        once when nothing could ask it (the bridge never connected, or is gone)."""
        bridge, office, connected = self._bridge, self._office, self._connected
        self._bridge = self._office = None
        self._connected = False
        asked = False
        if bridge is not None and bridge.stdin is not None:
            try:
                if connected and bridge.poll() is None:
                    bridge.stdin.write(b'{"stop": true}\n')
                    asked = True
                bridge.stdin.close()
            except OSError:
                asked = False
        for process in (bridge, office):
            if process is not None:
                _finish(process, STOP_S if asked else 0)


def _finish(process: subprocess.Popen[bytes], seconds: float) -> None:
    """Wait `seconds` for `process` to end, end it otherwise."""
    try:
        process.wait(seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _read(stream: IO[bytes] | None, answers: queue.Queue[dict[str, object] | None]) -> None:
    """The bridge's answers into `answers`; None when it has ended."""
    if stream is not None:
        with stream:
            for line in stream:
                try:
                    answers.put(json.loads(line))
                except ValueError:
                    continue  # not ours: a library writing to standard output
    answers.put(None)


@atexit.register
def _stop_all() -> None:
    for listener in list(_running):
        listener.stop()
