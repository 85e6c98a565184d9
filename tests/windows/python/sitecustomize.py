"""A Python without what Windows lacks, for running kehoach's tests as on Windows.

Python imports this module at start-up when its folder is on PYTHONPATH (see
tests/windows/test_as_on_windows.py, which runs a part of the suite so, and every
process that run starts inherits it). What it removes, and why each:

| removed / changed                        | because on Windows …                                  |
|------------------------------------------|-------------------------------------------------------|
| signal.SIGALRM, alarm, setitimer,        | there are no timer signals (the render time limit     |
| getitimer, ITIMER_*                      | must work without them)                               |
| signal.SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2,| these signals do not exist                            |
| pause, siginterrupt, sigwait,            |                                                       |
| pthread_sigmask, pthread_kill            |                                                       |
| signal.CTRL_C_EVENT = 0, CTRL_BREAK_EVENT| they exist, and signal 0 *is* Ctrl+C: os.kill(pid, 0) |
| = 1 added; os.kill(pid, 0) fails         | is no "is it alive?" probe but interrupts the process |
| os.fchmod, os.fchown                     | missing before Python 3.13 (fchown: always)           |
| os.fork, os.forkpty, os.register_at_fork | processes cannot be forked                            |
| os.sync                                  | Unix only                                             |
| os.killpg, getpgid, getloadavg           | Unix only                                             |
| os.fsync of a read-only descriptor:      | _commit (FlushFileBuffers) needs a handle open for    |
| OSError EBADF                            | writing                                               |
| modules fcntl, resource, pwd, grp        | Unix only: importing one is an ImportError            |
| ctypes.CDLL(None): TypeError             | there is no "this process" library (CDLL tests       |
|                                          | `'/' in name`); ctypes.pythonapi still exists        |
| multiprocessing: spawn only, the default | fork and forkserver do not exist                      |

Linux's own machinery under the stdlib and the libraries stays (subprocess still forks
in C; signal constants the stdlib needs, such as SIGKILL, remain; what libraries import
after choosing by sys.platform remains: termios and tty for click, os.getuid for
platformdirs): only what kehoach's code could call is taken away. What cannot be taken
away here (a file held open by Word, the hidden attribute, soffice.com) is exercised by
stand-ins in tests/hostile/test_held_files.py and tests/system/.
"""

from __future__ import annotations

import errno
import os
import signal
import sys

_SIGNAL = ("SIGALRM", "alarm", "setitimer", "getitimer", "ITIMER_REAL", "ITIMER_VIRTUAL",
           "ITIMER_PROF", "ItimerError", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2", "pause",
           "siginterrupt", "sigwait", "pthread_sigmask", "pthread_kill")
_OS = ("fchmod", "fchown", "fork", "forkpty", "register_at_fork", "sync", "killpg",
       "getpgid", "getloadavg")
_MODULES = ("fcntl", "resource", "pwd", "grp")


def _without_unix() -> None:
    import fcntl  # kept here only, to tell a read-only descriptor

    for name in _SIGNAL:
        if hasattr(signal, name):
            delattr(signal, name)
    signal.CTRL_C_EVENT = 0  # type: ignore[attr-defined]
    signal.CTRL_BREAK_EVENT = 1  # type: ignore[attr-defined]
    for name in _OS:
        if hasattr(os, name):
            delattr(os, name)
    for name in _MODULES:
        sys.modules[name] = None  # type: ignore[assignment]  # import → ImportError

    real_kill, real_fsync = os.kill, os.fsync

    def kill(pid: int, sig: int) -> None:
        if sig == 0:
            raise AssertionError(f"os.kill({pid}, 0) gửi Ctrl+C trên Windows, không hỏi "
                                 "tiến trình còn chạy không")
        real_kill(pid, sig)

    def fsync(fd) -> None:
        number = fd if isinstance(fd, int) else fd.fileno()
        if fcntl.fcntl(number, fcntl.F_GETFL) & os.O_ACCMODE == os.O_RDONLY:
            raise OSError(errno.EBADF, "Bad file descriptor")
        real_fsync(fd)

    os.kill, os.fsync = kill, fsync


def _without_self_library() -> None:
    import ctypes

    real_init = ctypes.CDLL.__init__

    def init(self, name, *args, **kwargs) -> None:
        if name is None:
            raise TypeError("argument of type 'NoneType' is not iterable")
        real_init(self, name, *args, **kwargs)

    ctypes.CDLL.__init__ = init  # type: ignore[method-assign]


def _spawn_only() -> None:
    import multiprocessing
    from multiprocessing import context

    spawn = context._concrete_contexts["spawn"]  # type: ignore[attr-defined]
    context._concrete_contexts = {"spawn": spawn}  # type: ignore[attr-defined]
    default = context.DefaultContext(spawn)
    default.get_all_start_methods = lambda: ["spawn"]  # type: ignore[method-assign]
    context._default_context = default  # type: ignore[attr-defined]
    for name in multiprocessing.__all__:
        setattr(multiprocessing, name, getattr(default, name))


if os.environ.get("KEHOACH_SIMULATE_WINDOWS") == "1":
    _without_unix()
    _without_self_library()
    _spawn_only()
