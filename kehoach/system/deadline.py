"""A time limit on Python code (a user's template), on any system.

In the main thread of a process that has a timer signal (`signal.setitimer` and SIGALRM:
POSIX), the signal interrupts the code. Elsewhere (Windows has neither; any thread of
the web server) one watchdog thread per process raises the exception in the late thread
through CPython's `PyThreadState_SetAsyncExc` (the call CPython's own tests make through
`ctypes.pythonapi`, which exists on every system). Both take effect between two
bytecodes, which is where a template's loop spends its time. A Python without either
has no limit; the sandbox still bounds what a template may produce.
"""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator

Raiser = Callable[[int, "type[BaseException] | None"], object]


@contextlib.contextmanager
def time_limit(seconds: float, error: type[BaseException]) -> Iterator[None]:
    """`error` is raised inside the block once it has run `seconds`."""
    main = threading.current_thread() is threading.main_thread()
    if main and hasattr(signal, "setitimer") and hasattr(signal, "SIGALRM"):
        with _timer_signal(seconds, error):
            yield
        return
    raiser = _raiser()
    if raiser is None:
        yield
        return
    ident = threading.get_ident()
    _watchdog(raiser).arm(ident, seconds, error)
    try:
        yield
    finally:
        _watchdog(raiser).disarm(ident)


@contextlib.contextmanager
def _timer_signal(seconds: float, error: type[BaseException]) -> Iterator[None]:
    def expire(number: int, frame: object) -> None:
        raise error

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@functools.cache
def _raiser() -> Raiser | None:
    """`raiser(thread id, exception type)` raises it in that thread at its next bytecode;
    `raiser(id, None)` takes back one not yet raised. None outside CPython."""
    try:
        import ctypes

        set_async = ctypes.pythonapi.PyThreadState_SetAsyncExc
    except (ImportError, AttributeError, OSError):
        return None

    def raiser(ident: int, error: type[BaseException] | None) -> object:
        return set_async(ctypes.c_ulong(ident), ctypes.py_object(error) if error else None)

    return raiser


class _Watchdog:
    """One thread that raises each armed thread's exception when its time is up."""

    def __init__(self, raiser: Raiser) -> None:
        self.raiser = raiser
        self.reset()

    def reset(self) -> None:
        """Fresh state; also in a forked child, where the thread and lock are the
        parent's."""
        self.wake = threading.Condition()
        self.due: dict[int, tuple[float, type[BaseException]]] = {}
        self.fired: set[int] = set()
        self.thread: threading.Thread | None = None

    def arm(self, ident: int, seconds: float, error: type[BaseException]) -> None:
        with self.wake:
            self.due[ident] = (time.monotonic() + seconds, error)
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._watch, daemon=True,
                                               name="kehoach-deadline")
                self.thread.start()
            self.wake.notify()

    def disarm(self, ident: int) -> None:
        with self.wake:
            self.due.pop(ident, None)
            if ident in self.fired:  # raised, or still pending: never after the block
                self.fired.discard(ident)
                self.raiser(ident, None)

    def _watch(self) -> None:
        with self.wake:
            while True:
                now = time.monotonic()
                for ident, (when, error) in list(self.due.items()):
                    if when <= now:
                        del self.due[ident]
                        self.fired.add(ident)
                        self.raiser(ident, error)
                soonest = min((when for when, _ in self.due.values()), default=None)
                self.wake.wait(None if soonest is None else max(soonest - now, 0))


@functools.cache
def _watchdog(raiser: Raiser) -> _Watchdog:
    watchdog = _Watchdog(raiser)
    if hasattr(os, "register_at_fork"):
        os.register_at_fork(after_in_child=watchdog.reset)
    return watchdog
