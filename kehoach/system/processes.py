"""Processes, on any system: whether one is alive, cleaning up when this one is told to
stop, and how a batch starts its worker processes.

- Alive: POSIX answers `os.kill(pid, 0)` without touching the process. On Windows
  signal 0 is `signal.CTRL_C_EVENT`: the same call sends Ctrl+C to every console process
  of that group. Where that constant exists the question is not asked (`alive` answers
  None) and the caller decides by the age of what the process left.
- Told to stop: SIGTERM (POSIX), SIGBREAK (Windows: Ctrl+Break, closing the console);
  each handler is set only where the signal exists, in the main thread, and only over
  the default one.
- Workers: the platform's default start method. Where it is fork (Linux up to Python
  3.13) workers inherit the loaded batch; where it is spawn (Windows; macOS, where fork
  is unsafe) or forkserver (Linux from 3.14), what they are given is pickled and loaded
  again, which costs each worker a start of Python (`inherits` tells which).
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

_STOP_SIGNALS = ("SIGTERM", "SIGBREAK")


def alive(pid: int) -> bool | None:
    """Whether process `pid` runs; None where that cannot be asked without harm."""
    if pid == os.getpid():
        return True
    if hasattr(signal, "CTRL_C_EVENT"):
        return None  # Windows: os.kill(pid, 0) would send Ctrl+C
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, owned by someone else
    return True


def on_stop(cleanup: Callable[[], None]) -> None:
    """Run `cleanup` when this process is told to stop, then stop as it would have."""
    if threading.current_thread() is not threading.main_thread():
        return
    for name in _STOP_SIGNALS:
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) in (signal.SIG_DFL, None):
            signal.signal(number, partial(_stop, cleanup))


def _stop(cleanup: Callable[[], None], number: int, frame: object) -> None:
    cleanup()
    signal.signal(number, signal.SIG_DFL)
    signal.raise_signal(number)


def pool_context() -> BaseContext:
    """How a batch starts its workers: the platform's default start method."""
    import multiprocessing

    return multiprocessing.get_context()


def inherits(context: BaseContext) -> bool:
    """Whether workers started this way inherit the parent's memory (fork)."""
    return context.get_start_method() == "fork"


NO_WINDOW = getattr(subprocess, "CREATE_NO_WINDOW", 0)
"""Popen's creationflags for a helper process: on Windows it opens no console window
(a server started from a shortcut would flash one per LibreOffice); elsewhere nothing."""
