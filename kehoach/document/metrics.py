"""How wide a line of text prints in Times New Roman, from the advance widths of its four
faces (`metrics_times.json`, written by `metrics_build.py`): enough to fit a header line
on one line before Word or LibreOffice would break it."""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from pathlib import Path

_POINT_MM = 25.4 / 72


@cache
def _faces() -> tuple[int, dict[str, dict[str, int]]]:
    data = json.loads(Path(__file__).with_name("metrics_times.json").read_text("utf-8"))
    return data["don_vi_em"], data["mat"]


def _face(bold: bool, italic: bool) -> str:
    return {(False, False): "thuong", (True, False): "dam", (False, True): "nghieng"}.get(
        (bold, italic), "dam_nghieng"
    )


def width_mm(text: str, size_pt: float, bold: bool = False, italic: bool = False) -> float:
    """The printed width of `text` on one line; a character the table lacks counts as its
    base letter, or as an 'n' when it has none."""
    units, faces = _faces()
    face = faces[_face(bold, italic)]
    fallback = face["n"]
    total = 0
    for ch in text:
        advance = face.get(ch)
        if advance is None:
            advance = face.get(unicodedata.normalize("NFD", ch)[0], fallback)
        total += advance
    return total * size_pt / units * _POINT_MM
