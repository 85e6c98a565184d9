"""A page drawn for the preview: a PNG any reader takes, 16 shades of grey that follow the
drawn ones, small; a PGM whose first pixels are whitespace bytes still reads."""

from __future__ import annotations

import struct
import subprocess
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kehoach.document import page_image
from kehoach.errors import ConversionError


def _decode(png: bytes) -> tuple[int, int, list[list[int]]]:
    """Width, height and the 4-bit levels of a grey PNG, read chunk by chunk."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    at, chunks = 8, {}
    while at < len(png):
        size = struct.unpack(">I", png[at:at + 4])[0]
        kind, data = png[at + 4:at + 8], png[at + 8:at + 8 + size]
        assert struct.unpack(">I", png[at + 8 + size:at + 12 + size])[0] == zlib.crc32(kind + data)
        chunks[kind] = chunks.get(kind, b"") + data
        at += 12 + size
    width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert (depth, colour) == (4, 0)  # 4-bit grey
    raw = zlib.decompress(chunks[b"IDAT"])
    stride = (width + 1) // 2 + 1
    rows = []
    for y in range(height):
        row = raw[y * stride:(y + 1) * stride]
        assert row[0] == 0
        levels = [v for byte in row[1:] for v in (byte >> 4, byte & 15)]
        rows.append(levels[:width])
    return width, height, rows


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 9), st.integers(1, 6), st.data())
def test_each_grey_becomes_its_nearest_of_16_levels(width, height, data):
    pixels = data.draw(st.binary(min_size=width * height, max_size=width * height))
    pgm = b"P5\n%d %d\n255\n" % (width, height) + pixels
    w, h, rows = _decode(page_image.png16(pgm))
    assert (w, h) == (width, height)
    assert [v for row in rows for v in row] == [round(p * 15 / 255) for p in pixels]


def test_whitespace_bytes_after_the_header_are_pixels():
    pixels = bytes([32, 10, 9, 255, 0, 13])  # space, newline, tab … as grey values
    _, _, rows = _decode(page_image.png16(b"P5 3 2 255\n" + pixels))
    assert [v for row in rows for v in row] == [round(p * 15 / 255) for p in pixels]


def test_a_short_or_foreign_image_is_refused():
    for broken in (b"P6 2 2 255\n" + bytes(12), b"P5 4 4 255\n" + bytes(5), b"P5 1 1 65535\n\0\0"):
        with pytest.raises(ConversionError):
            page_image.png16(broken)


def test_a_real_page_is_small_and_reads_back(rendered, soffice, tmp_path):
    from kehoach.document.pdf import to_pdf

    pdf = to_pdf(rendered, tmp_path / "ke_hoach.pdf")
    png = page_image.page_png(pdf, 2)
    width, height, rows = _decode(png)
    assert (width, height) == (794, 1123)  # A4 at 96 dpi
    assert len(png) < 100_000  # pdftoppm's own PNG of the same page: about 150 KB
    inked = sum(1 for row in rows for v in row if v < 8)
    assert inked > 10_000  # a page of text, not a blank
    drawn = subprocess.run(["pdftoppm", "-f", "2", "-l", "2", "-gray", "-r", "96", str(pdf)],
                           capture_output=True, check=True).stdout
    grey = drawn[-width * height:]
    levels = [v for row in rows for v in row]
    assert all(abs(levels[i] * 17 - grey[i]) <= 9 for i in range(0, len(grey), 97))
    with pytest.raises(ConversionError, match="không vẽ được trang 99"):
        page_image.page_png(pdf, 99)
