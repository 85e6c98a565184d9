"""A job that reads what a clerk uploaded (import, compare, the summary of filled forms)
runs the stage function in a process of its own, with a time budget and, where the
system can set one, a memory cap. A crafted file that passes the checks made before
parsing (`forms.archive`) then costs that process, never the server: past the budget
the process is ended and the clerk told so, in Vietnamese, with nothing written.

The process is started with `spawn` on every system: a threaded server must not fork,
and Windows has nothing else."""

from __future__ import annotations

import contextlib
import multiprocessing
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from kehoach.errors import KehoachError, Problem, failure_message

SECONDS = 120.0
"""A job's time: the largest real plan imports in about a second on a loaded machine."""
MEMORY = 3 * 2**30
"""Bytes of address space a job may take where the system can cap it (POSIX)."""
T = TypeVar("T")


def run(function: Callable[..., T], *args: Any, seconds: float = SECONDS, **named: Any) -> T:
    """`function(*args, **named)` in its own process; its `KehoachError` comes back as
    one."""
    context = multiprocessing.get_context("spawn")
    receiving, sending = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(sending, function, args, named),
                              daemon=True)
    process.start()
    sending.close()
    try:
        if not receiving.poll(seconds):
            raise KehoachError(
                f"việc này chạy quá {seconds:.0f} giây nên đã dừng, chưa ghi tệp nào; tệp tải "
                "lên có thể quá lớn hoặc được làm ra để phá")
        kind, value = receiving.recv()
    except EOFError:  # the process died: out of memory, or killed
        raise KehoachError("việc này dùng quá nhiều bộ nhớ nên đã dừng, chưa ghi tệp nào; tệp "
                           "tải lên có thể quá lớn hoặc được làm ra để phá") from None
    finally:
        receiving.close()
        if process.is_alive():
            process.kill()
        process.join()
    if kind == "problems":
        raise KehoachError(value)
    if kind == "bug":
        raise RuntimeError(value)
    result: T = value
    return result


def _child(sending: Connection, function: Callable[..., Any], args: tuple[Any, ...],
           named: dict[str, Any]) -> None:
    _cap_memory()
    try:
        sending.send(("ok", function(*args, **named)))
    except KehoachError as error:
        sending.send(("problems", error.problems))
    except Exception as error:  # a failure of the machine said as the command says it
        said = failure_message(error)
        if said is None:
            sending.send(("bug", traceback.format_exc()))
        else:
            file = getattr(error, "filename", None)
            sending.send(("problems", [Problem(str(file or ""), said)]))
    finally:
        sending.close()


def _cap_memory() -> None:
    try:
        import resource
    except ImportError:
        return  # Windows: the time budget still holds
    with contextlib.suppress(ValueError, OSError):  # a lower limit already set stays
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
