"""The checks a Word document or a workbook passes before anything parses it: a zip at
all, no more members than such a file has, no member that would unpack beyond the
limits (the sizes the zip declares bound what is read, so nothing is unpacked to find
out), XML that parses, and no more paragraphs (a DOCX) or cells (an XLSX) than a plan or
a report form has (counted as the XML streams by, nothing kept). A small file that
unpacks into gigabytes or holds 290,000 empty paragraphs is refused here, in one
Vietnamese sentence naming the part, instead of exhausting the machine later."""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast
from xml.etree.ElementTree import Element, ParseError, XMLPullParser

from kehoach.document.wordxml import MAX_PARAGRAPHS, W
from kehoach.vn.numbers import number

MAX_MEMBERS = 1_000
MAX_MEMBER_BYTES = 50 * 1024 * 1024
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_CELLS = 200_000
"""Cells of a workbook: a unit's filled form has a few thousand."""
_MB = 1024 * 1024
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_CHUNK = 1 << 16
_SHEET = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


@dataclass(frozen=True)
class Limits:
    """What one kind of file may hold: its name in a sentence, its members and their
    unpacked sizes, and the elements counted in some of its parts (`counted`: part
    name prefix, element tag, most allowed, what they are called)."""

    what: str
    members: int
    member_bytes: int
    total_bytes: int
    counted: tuple[str, str, int, str]


XLSX = Limits("tệp Excel (.xlsx)", MAX_MEMBERS, MAX_MEMBER_BYTES, MAX_TOTAL_BYTES,
              ("xl/worksheets/", f"{{{_SHEET}}}c", MAX_CELLS, "ô"))
DOCX = Limits("tệp DOCX", 500, 25 * _MB, 100 * _MB,
              ("word/document.xml", f"{{{W}}}p", MAX_PARAGRAPHS, "đoạn"))
LIMITS = {".xlsx": XLSX, ".docx": DOCX}


def problem(path: Path | IO[bytes], limits: Limits = XLSX) -> str | None:
    """Why the file at `path` must not be opened, or None when it may."""
    try:
        with zipfile.ZipFile(path) as archive:
            return _sizes(archive.infolist(), limits) or _xml(archive, limits)
    except zipfile.BadZipFile:
        return f"không phải {limits.what} đọc được: không phải tệp nén zip"
    except IsADirectoryError:
        return f"đây là một thư mục, cần một {limits.what}"
    except (OSError, EOFError, zlib.error, NotImplementedError, RuntimeError):
        return f"không phải {limits.what} đọc được: tệp nén hỏng hoặc được mã hóa"


def _sizes(members: list[zipfile.ZipInfo], limits: Limits) -> str | None:
    if len(members) > limits.members:
        return (f"tệp nén có {len(members)} phần, quá giới hạn {limits.members} phần của một "
                f"{limits.what}")
    for member in members:
        if member.file_size > limits.member_bytes:
            return (
                f"phần {member.filename} giải nén ra {member.file_size // _MB} MB, quá giới hạn "
                f"{limits.member_bytes // _MB} MB (có thể là bom nén); không mở tệp"
            )
    total = sum(m.file_size for m in members)
    if total > limits.total_bytes:
        return (
            f"các phần giải nén ra {total // _MB} MB, quá giới hạn {limits.total_bytes // _MB} MB "
            "(có thể là bom nén); không mở tệp"
        )
    return None


def _xml(archive: zipfile.ZipFile, limits: Limits) -> str | None:
    """The first XML part that does not parse, named with its line and column, or the
    first count beyond its limit."""
    prefix, tag, most, noun = limits.counted
    count = 0
    for member in archive.infolist():
        if not member.filename.lower().endswith(_XML_SUFFIXES):
            continue
        counting = member.filename.startswith(prefix)
        parser: XMLPullParser[Element] = XMLPullParser(events=("start", "end"))
        try:
            with archive.open(member) as stream:
                while chunk := stream.read(_CHUNK):
                    parser.feed(chunk)
                    for found in parser.read_events():
                        event, element = cast("tuple[str, object]", found)
                        if not isinstance(element, Element):
                            continue
                        if event == "end":
                            element.clear()  # nothing kept: the count is all
                        elif counting and element.tag == tag:
                            count += 1
                    if count > most:
                        limit = number(most)
                        return (f"có hơn {limit} {noun}, quá giới hạn {limit} {noun} (có thể là "
                                "tệp được làm ra để phá); không mở tệp")
            parser.close()
        except ParseError as error:
            line, column = error.position
            return f"phần {member.filename}: XML hỏng ở dòng {line}, cột {column + 1}"
        except (zipfile.BadZipFile, zlib.error, EOFError):
            return f"phần {member.filename} hỏng trong tệp nén"
    return None
