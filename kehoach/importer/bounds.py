"""How long a document import takes on, known before it is read whole.

A DOCX's paragraphs are counted as its XML streams by, each one dropped once counted,
so that a small file that unpacks to millions of empty paragraphs (a 263 KB file holding
30 million) is refused with memory that does not grow with it, before any tree of it is
built (building it took 4.2 GB). A text's lines with words are counted the same way,
stopping at the limit, and its runs of blank lines are made one before it is split (50 MB
of blank lines took 49 s and 2 GB to be found empty)."""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from kehoach.document.wordxml import MAX_PART, W
from kehoach.errors import PlanError, Problem
from kehoach.vn import numbers as vnformat

_PARAGRAPH = f"{{{W}}}p"


def paragraphs_within(path: Path, package: zipfile.ZipFile, limit: int) -> None:
    """Refuse the DOCX `package` when its main part holds more than `limit` paragraphs
    (table cells' included), counting while streaming; a part that does not parse is left
    to the reader, which names what is wrong with it."""
    try:
        info = package.getinfo("word/document.xml")
    except KeyError:
        return
    if info.file_size > MAX_PART:
        return  # the reader refuses it by its size, without reading it
    count = 0
    try:
        with package.open(info) as stream:
            events = etree.iterparse(
                stream, events=("end",), tag=_PARAGRAPH, resolve_entities=False,
                no_network=True, huge_tree=False,
            )
            for _, element in events:
                count += 1
                if count > limit:
                    raise PlanError([Problem(str(path), too_long(limit))])
                element.clear()
                while element.getprevious() is not None:
                    del element.getparent()[0]  # what was counted is not kept
    except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError, EOFError, zlib.error):
        return


_WORDED = re.compile(r"^[^\S\n]*\S", re.MULTILINE)
_BLANKS = re.compile(r"\n\s*\n")  # no group: a repeated group costs memory per repeat


def lines_within(path: Path, text: str, limit: int) -> str:
    """`text` with each run of blank lines made one blank line, once it is known to hold
    at most `limit` lines with words (counted without splitting it)."""
    for count, _ in enumerate(_WORDED.finditer(text), start=1):
        if count > limit:
            raise PlanError([Problem(str(path), too_long(limit))])
    return _BLANKS.sub("\n\n", text)


def too_long(limit: int) -> str:
    return f"văn bản quá dài để nhập (quá {vnformat.number(limit)} đoạn)"
