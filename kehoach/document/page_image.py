"""One page of a PDF as a small PNG: drawn by poppler's pdftoppm in grey, written with 16
shades of grey (4 bits a pixel).

A page of a plan is black text on white: 16 shades keep the letters' smoothed edges, and
the file is about a third of pdftoppm's own PNG (65 KB against 150 KB for an A4 page at
96 dpi, which pdftoppm also takes ten times longer to compress). Only the page asked for
is drawn (`-f N -l N`)."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from functools import cache
from pathlib import Path

from kehoach.errors import ConversionError

DPI = 96
TIMEOUT_S = 60
MISSING = "không có pdftoppm (Poppler) để vẽ trang"
_PGM = re.compile(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s")


def available() -> bool:
    return shutil.which("pdftoppm") is not None


def page_png(pdf: Path, number: int, dpi: int = DPI) -> bytes:
    """Page `number` (from 1) of `pdf` as a 4-bit grey PNG."""
    if not available():
        raise ConversionError(MISSING)
    argv = ["pdftoppm", "-f", str(number), "-l", str(number), "-gray", "-r", str(dpi), str(pdf)]
    try:
        drawn = subprocess.run(argv, capture_output=True, timeout=TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        raise ConversionError(f"pdftoppm không vẽ xong trang {number} sau {TIMEOUT_S} giây") \
            from None
    if drawn.returncode != 0 or not drawn.stdout.startswith(b"P5"):
        said = drawn.stderr.decode(errors="replace").strip()
        raise ConversionError(f"pdftoppm không vẽ được trang {number}: {said}")
    return png16(drawn.stdout)


def png16(pgm: bytes) -> bytes:
    """A binary PGM (P5, 8 bits) as a PNG of 16 grey levels."""
    header = _PGM.match(pgm)
    if header is None or int(header[3]) != 255:
        raise ConversionError("pdftoppm trả về ảnh không đọc được")
    width, height = int(header[1]), int(header[2])
    pixels = memoryview(pgm)[header.end():]  # one whitespace byte ends the header
    if len(pixels) < width * height:
        raise ConversionError("pdftoppm trả về ảnh không đọc được")
    high, low = _nibbles()
    size = (width + 1) // 2
    rows = bytearray()
    for y in range(height):
        row = bytes(pixels[y * width:(y + 1) * width]) + b"\xff" * (width % 2)
        # two pixels a byte: the left one's level in the high half, the right one's low
        packed = (int.from_bytes(row[0::2].translate(high), "big")
                  | int.from_bytes(row[1::2].translate(low), "big"))
        rows += b"\x00" + packed.to_bytes(size, "big")  # filter 0: the row as it is
    kind = struct.pack(">IIBBBBB", width, height, 4, 0, 0, 0, 0)  # 4-bit grey
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", kind)
            + _chunk(b"IDAT", zlib.compress(bytes(rows), 6)) + _chunk(b"IEND", b""))


@cache
def _nibbles() -> tuple[bytes, bytes]:
    """Translation tables: an 8-bit grey → its 4-bit level, in the high or the low half."""
    levels = [(v * 15 + 127) // 255 for v in range(256)]
    return bytes(level << 4 for level in levels), bytes(levels)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
