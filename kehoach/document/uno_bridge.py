"""Run by LibreOffice's own Python (the one that has `uno`), never imported by kehoach:
it connects to a LibreOffice listening on 127.0.0.1 and converts files it is asked to,
one JSON line per request on standard input, one JSON line per answer on standard output.

kehoach itself runs on any Python, which usually cannot load LibreOffice's `uno` module
(it is built for LibreOffice's Python: the one bundled on Windows and macOS, Debian's
python3 with the python3-uno package), so this small script is the only code that speaks
UNO. It stays compatible with the oldest Python a supported LibreOffice bundles (3.8).

    python uno_bridge.py PORT PIDFILE SECONDS

Answers `{"ready": true}` once connected (trying for SECONDS), then for each request
`{"pdf": [DOCX, PDF]}` answers `{"ok": true}` or `{"error": "…"}` (with `"lost": true`
when the connection to LibreOffice is lost: the bridge then exits 3). At `{"stop": true}`
or the end of its input (kehoach stopped, even killed) it closes LibreOffice and exits: no
LibreOffice outlives the server that started it.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from typing import Any

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]
from com.sun.star.lang import DisposedException  # type: ignore[import-not-found]
from com.sun.star.uno import RuntimeException  # type: ignore[import-not-found]

NEVER_EXECUTE = 0  # com.sun.star.document.MacroExecMode: macros never run
LOST = 3


def _props(**values: Any) -> tuple[Any, ...]:
    found = []
    for name, value in values.items():
        prop = PropertyValue()
        prop.Name, prop.Value = name, value
        found.append(prop)
    return tuple(found)


def _say(**answer: Any) -> None:
    sys.stdout.write(json.dumps(answer) + "\n")
    sys.stdout.flush()


def connect(port: int, seconds: float) -> Any:
    """LibreOffice's Desktop, once the listener on `port` answers (it takes a few seconds
    to start, more with a new profile)."""
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    address = f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext"
    deadline = time.monotonic() + seconds
    while True:
        try:
            context = resolver.resolve(address)
            break
        except NoConnectException:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    return context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop",
                                                            context)


def to_pdf(desktop: Any, source: str, target: str) -> None:
    """What `soffice --convert-to pdf` does: open hidden, export with Writer's PDF filter."""
    document = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(os.path.abspath(source)), "_blank", 0,
        _props(Hidden=True, ReadOnly=True, MacroExecutionMode=NEVER_EXECUTE))
    if document is None:
        raise ValueError("LibreOffice không mở được tệp")
    try:
        document.storeToURL(uno.systemPathToFileUrl(os.path.abspath(target)),
                            _props(FilterName="writer_pdf_Export"))
    finally:
        document.close(True)


def close(desktop: Any, pidfile: str) -> None:
    """Ask LibreOffice to quit; if it refuses, end its process (its pid from the file it
    wrote at start). The connection dropping while it quits is the normal end."""
    try:
        if desktop.terminate():
            return
    except (DisposedException, RuntimeException):
        return
    try:
        with open(pidfile, encoding="ascii") as stream:
            os.kill(int(stream.read().strip()), signal.SIGTERM)  # TerminateProcess on Windows
    except (OSError, ValueError):
        pass


def answer(desktop: Any, request: dict) -> dict:
    try:
        source, target = request["pdf"]
        to_pdf(desktop, source, target)
    except (DisposedException, RuntimeException):
        raise  # the connection is lost: not this document's fault
    except Exception as error:  # any failure is answered, never fatal
        return {"error": f"{type(error).__name__}: {getattr(error, 'Message', error)}"}
    return {"ok": True}


def serve(desktop: Any, pidfile: str) -> int:
    """Answer until told to stop or until kehoach is gone (end of input, or its end of
    the pipe closed while answering), then close LibreOffice."""
    try:
        for line in sys.stdin:
            try:
                request = json.loads(line)
            except ValueError:
                request = None
            if not isinstance(request, dict):
                _say(error="yêu cầu không đọc được")
                continue
            if request.get("stop"):
                break
            try:
                _say(**answer(desktop, request))
            except (DisposedException, RuntimeException) as error:
                _say(error=f"mất kết nối tới LibreOffice: {error.Message}", lost=True)
                return LOST
    except OSError:
        pass  # kehoach is gone
    close(desktop, pidfile)
    return 0


def main() -> int:
    port, pidfile, seconds = int(sys.argv[1]), sys.argv[2], float(sys.argv[3])
    try:
        desktop = connect(port, seconds)
    except Exception as error:  # said to kehoach, which falls back
        _say(error=f"không kết nối được tới LibreOffice: {getattr(error, 'Message', error)}")
        return 1
    try:
        _say(ready=True)
    except OSError:  # kehoach is gone while LibreOffice started
        close(desktop, pidfile)
        return 0
    return serve(desktop, pidfile)


if __name__ == "__main__":
    sys.exit(main())
