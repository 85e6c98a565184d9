"""Vietnamese on standard output and error, whatever they are.

A Windows console takes Unicode, but output redirected to a file or a pipe is encoded
in the ANSI code page (cp1252; cp1258 has no precomposed Vietnamese letters), where
printing "Việt" is a UnicodeEncodeError. A stream that cannot hold Vietnamese is
switched to UTF-8, which Notepad and every later program read."""

from __future__ import annotations

import sys

_PROBE = "Việt Nam: đ, ệ, ữ"


def readable_output() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            _PROBE.encode(getattr(stream, "encoding", None) or "ascii")
        except (LookupError, UnicodeEncodeError):
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                reconfigure(encoding="utf-8")
