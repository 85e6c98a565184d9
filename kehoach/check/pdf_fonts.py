"""Whether a PDF is set in the font its document asks for.

LibreOffice without a document's font takes another and says nothing: without Times New
Roman, Liberation Serif (the same widths, so the same line and page breaks; other letter
shapes). Fine for a preview, not for a document to issue. The fonts a PDF uses are named
in its font dictionaries (`/BaseFont`); the one a DOCX asks for is its body text's, as
Word resolves it (`effective.py`). Nothing here changes what `check` judges: a DOCX
is judged by the font it asks for, wherever it is opened.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from pathlib import Path

from lxml import etree

from kehoach.document.effective import Formats
from kehoach.document.wordxml import w
from kehoach.errors import KehoachError

_BASE_FONT = re.compile(rb"/BaseFont\s*/([^\s/\[\]<>(){}%]+)")
_SUBSET = re.compile(r"^[A-Z]{6}\+")
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
# Fonts made with the same widths as the one asked for (key: lower case, letters only).
SAME_WIDTHS = {"timesnewroman": {"liberationserif", "tinos"},
               "arial": {"liberationsans", "arimo"},
               "couriernew": {"liberationmono", "cousine"}}
HOW_TO = "docs/cai-dat-windows.md, mục Phông chữ"
_asked: dict[tuple, str | None] = {}  # styles and theme parts → the body text's font


def used(pdf: bytes) -> set[str]:
    """The families of the fonts a PDF names (`ABCDEF+LiberationSerif-Bold` → `LiberationSerif`)."""
    names = set()
    for raw in _BASE_FONT.findall(pdf):
        name = _ESCAPE.sub(lambda m: bytes([int(m[1], 16)]), raw).decode("latin-1")
        names.add(re.split(r"[-,]", _SUBSET.sub("", name))[0])
    return names


def asked(docx: Path) -> str | None:
    """The font of the document's body text, or None when it cannot be told; worked out
    once per distinct styles and theme (a batch's documents share their template's)."""
    try:
        with zipfile.ZipFile(docx) as package:
            key = tuple((i.filename, i.CRC, i.file_size) for i in package.infolist()
                        if i.filename == "word/styles.xml" or i.filename.startswith("word/theme/"))
            if key not in _asked:
                _asked[key] = Formats(package, docx).run(etree.Element(w("p"))).font
            return _asked[key]
    except (KehoachError, OSError, zipfile.BadZipFile, etree.LxmlError):
        return None


def missing(pairs: Iterable[tuple[Path, Path]]) -> dict[str, set[str]]:
    """Each font some DOCX asks for and none of their PDFs has → the fonts used instead."""
    instead: dict[str, set[str]] = {}
    present: set[str] = set()
    for docx, pdf in pairs:
        font = asked(docx)
        fonts = used(pdf.read_bytes()) if font is not None else set()
        if font is None or not fonts:
            continue  # no font asked, or none named (compressed objects): nothing to say
        if any(_key(f).startswith(_key(font)) for f in fonts):
            present.add(font)
        else:
            instead.setdefault(font, set()).update(fonts)
    return {font: fonts for font, fonts in instead.items() if font not in present}


def note(pairs: Iterable[tuple[Path, Path]]) -> str | None:
    """One sentence for the clerk when a PDF is not set in its document's font."""
    lacking = missing(pairs)
    if not lacking:
        return None
    said = []
    for font, fonts in sorted(lacking.items()):
        same = {f for f in fonts if _key(f) in SAME_WIDTHS.get(_key(font), set())}
        if same:
            said.append(f"{font} (PDF dùng {', '.join(sorted(same))}: cùng độ rộng chữ nên "
                        "dòng và trang ngắt như nhau, nhưng nét chữ khác)")
        else:
            said.append(f"{font} (PDF dùng {', '.join(sorted(fonts))}: dòng và trang có "
                        "thể ngắt khác)")
    return ("LibreOffice trên máy này không có phông " + "; ".join(said) + ". PDF này dùng "
            "để xem trước được, chưa nên ban hành: cài phông rồi xuất PDF lại (xem "
            f"{HOW_TO}). Tệp DOCX vẫn dùng đúng phông khi mở bằng Word.")


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())
