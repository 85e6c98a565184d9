"""Where a text of the plan is printed: the words of a PDF with their page and place
(poppler's `pdftotext -bbox`), and the run of words that a text of the plan starts and
ends with.

Words are compared folded (NFKC, case, punctuation at their ends), so the numbering the
document adds ("1.", "a)") and a sentence's capital after "; " do not matter; a `{…}`
placeholder of an indicator's sentence stands for any one printed word. A text that
starts like an earlier one is told apart by more of its words."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from kehoach.errors import ConversionError

TIMEOUT_S = 60
FIRST_WORDS = 8
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                   r"([^<]*)</word>")
_EDGES = "\"'.,;:!?()[]{}“”‘’«»…–—-*•"
ANY = "\x00"  # a placeholder's word: matches any printed word


@dataclass(frozen=True)
class Word:
    page: int  # from 1
    top: float  # points from the page's top
    bottom: float
    text: str  # folded


@dataclass(frozen=True)
class Layout:
    """The PDF's pages (width, height in points) and its words in reading order."""

    pages: list[tuple[float, float]]
    words: list[Word]


@dataclass(frozen=True)
class Mark:
    """Where a text is on one page: page number, top and bottom as fractions of its height."""

    page: int
    top: float
    bottom: float


def available() -> bool:
    return shutil.which("pdftotext") is not None


def layout(pdf: Path) -> Layout:
    if not available():
        raise ConversionError("không có pdftotext (Poppler) để đọc chữ của các trang")
    try:
        read = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                              timeout=TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        raise ConversionError(f"pdftotext không đọc xong sau {TIMEOUT_S} giây") from None
    if read.returncode != 0:
        said = read.stderr.decode(errors="replace").strip()
        raise ConversionError(f"pdftotext không đọc được bản PDF: {said}")
    return parse(read.stdout.decode("utf-8", errors="replace"))


def parse(xhtml: str) -> Layout:
    """pdftotext's `-bbox` page: pages in order, each with its words."""
    pages: list[tuple[float, float]] = []
    words: list[Word] = []
    for number, chunk in enumerate(xhtml.split("<page ")[1:], start=1):
        size = _PAGE.match("<page " + chunk)
        if size is None:
            continue
        pages.append((float(size[1]), float(size[2])))
        for found in _WORD.finditer(chunk):
            text = fold(html.unescape(found[5]))
            if text:
                words.append(Word(number, float(found[2]), float(found[4]), text))
    return Layout(pages, words)


def fold(word: str) -> str:
    return unicodedata.normalize("NFKC", word).casefold().strip(_EDGES)


def words_of(text: str) -> list[str]:
    """A text's words as they are compared; a placeholder's word is `ANY`."""
    folded = (ANY if "{" in w else fold(w) for w in text.split())
    return [w for w in folded if w]


def find(found: Layout, words: list[str], start: int = 0) -> tuple[int, int] | None:
    """(first, last) index of the first run of the document's words, from `start`, that
    begins with `words`: enough of them to be the only such run, when the text has that
    many."""
    if all(w == ANY for w in words):
        return None
    count = min(FIRST_WORDS, len(words))
    while True:
        runs = _runs(found.words, words[:count], start)
        if len(runs) <= 1 or count == len(words):
            return (runs[0], runs[0] + count - 1) if runs else None
        count = min(count * 2, len(words))


def _runs(words: list[Word], wanted: list[str], start: int) -> list[int]:
    return [i for i in range(start, len(words) - len(wanted) + 1)
            if all(w == ANY or words[i + k].text == w for k, w in enumerate(wanted))]


def span(found: Layout, first: str, last: str) -> tuple[int, int] | None:
    """The indexes of the words from where `first` is printed to the end of `last`
    (the end of `first` where `last` is not found after it)."""
    start = find(found, words_of(first))
    if start is None:
        return None
    tail = words_of(last)[-FIRST_WORDS:]
    end = find(found, tail, start[0]) if last != first and tail else None
    return start[0], (end[1] if end else _end_of(found, words_of(first), start[0]))


def _end_of(found: Layout, words: list[str], begin: int) -> int:
    """The last index of a text printed from `begin`, as far as its words are there."""
    end = begin
    for offset, word in enumerate(words):
        i = begin + offset
        if i >= len(found.words) or (word != ANY and found.words[i].text != word):
            break
        end = i
    return end


def marks(found: Layout, first: int, last: int) -> list[Mark]:
    """The band each page of the words `first`…`last` takes, page by page."""
    bands: dict[int, list[float]] = {}
    for word in found.words[first:last + 1]:
        band = bands.setdefault(word.page, [word.top, word.bottom])
        band[0], band[1] = min(band[0], word.top), max(band[1], word.bottom)
    return [Mark(page, top / found.pages[page - 1][1], bottom / found.pages[page - 1][1])
            for page, (top, bottom) in sorted(bands.items())]
