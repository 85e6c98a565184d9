"""Writes `metrics_times.json`: the advance widths of Times New Roman's four faces for the
characters a Vietnamese document prints, so the header can be fitted without a font.

The widths come from Liberation Serif, made metric-compatible with Times New Roman (the
same advance width for every character: Word with Times and LibreOffice with Liberation
break lines in the same places). Run once when the character set changes:
`pip install fonttools && python -m kehoach.document.metrics_build [FONT_DIR]`.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

FACES = {"thuong": "Regular", "dam": "Bold", "nghieng": "Italic", "dam_nghieng": "BoldItalic"}
DEFAULT_DIR = Path("/usr/share/fonts/truetype/liberation2")
TARGET = Path(__file__).with_name("metrics_times.json")
_PUNCTUATION = "\u00a0–—‘’“”…•"
# grave, acute, circumflex, tilde, breve, hook above, horn, dot below
_VIETNAMESE_MARKS = set("\u0300\u0301\u0302\u0303\u0306\u0309\u031b\u0323")


def _vietnamese(letter: str) -> bool:
    parts = unicodedata.normalize("NFD", letter)
    return parts[0].isascii() and len(parts) > 1 and set(parts[1:]) <= _VIETNAMESE_MARKS


def characters() -> str:
    """Printable ASCII, every precomposed Latin letter Vietnamese uses, and the typographic
    punctuation clerks type."""
    ascii_ = "".join(chr(c) for c in range(32, 127))
    latin = "".join(
        chr(c)
        for c in range(0xC0, 0x1EFA)
        if unicodedata.category(chr(c)).startswith("L") and _vietnamese(chr(c))
    )
    return ascii_ + "ĐđƠơƯư" + latin + _PUNCTUATION


def widths(font_dir: Path) -> dict[str, object]:
    from fontTools.ttLib import TTFont  # a build-time tool, not a dependency

    chars = characters()
    faces: dict[str, dict[str, int]] = {}
    units = 0
    for key, face in FACES.items():
        font = TTFont(font_dir / f"LiberationSerif-{face}.ttf")
        units = font["head"].unitsPerEm
        cmap, metrics = font.getBestCmap(), font["hmtx"].metrics
        faces[key] = {ch: metrics[cmap[ord(ch)]][0] for ch in chars if ord(ch) in cmap}
    return {"don_vi_em": units, "phong": "Times New Roman (Liberation Serif)", "mat": faces}


def main() -> None:
    font_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DIR
    TARGET.write_text(
        json.dumps(widths(font_dir), ensure_ascii=False, sort_keys=True, indent=0) + "\n",
        encoding="utf-8",
    )
    print(TARGET)


if __name__ == "__main__":
    main()
