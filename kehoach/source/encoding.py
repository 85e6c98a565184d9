"""The text of a file as Windows programs save it, whatever Unicode form they chose: YAML
plans, units lists and text files are read alike (Notepad's "Unicode" is UTF-16)."""

from __future__ import annotations

import codecs

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(raw: bytes) -> str:
    """Text as Windows programs save it: UTF-8 with or without its mark, or UTF-16/32 with
    its byte-order mark (Notepad's "Unicode"), or UTF-16 without one (a NUL beside every
    ASCII letter). Raises UnicodeDecodeError for anything else."""
    for mark, codec in _BOMS:
        if raw.startswith(mark):
            return raw.decode(codec)
    head = raw[:4096]
    odd, even = head[1::2].count(0), head[0::2].count(0)
    if len(head) >= 4 and odd > len(head) // 4 and even <= len(head) // 64:
        return raw.decode("utf-16-le")
    if len(head) >= 4 and even > len(head) // 4 and odd <= len(head) // 64:
        return raw.decode("utf-16-be")
    return raw.decode("utf-8")
