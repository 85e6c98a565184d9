"""The checks a returned workbook passes before openpyxl opens it: a zip at all, no more
members than a workbook has, no member that would unpack beyond the limits (the sizes the
zip declares bound what is read, so nothing is unpacked to find out), XML that parses.
Each failure is one Vietnamese sentence naming the part."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError, XMLPullParser

MAX_MEMBERS = 1_000
MAX_MEMBER_BYTES = 50 * 1024 * 1024
MAX_TOTAL_BYTES = 200 * 1024 * 1024
_MB = 1024 * 1024
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_CHUNK = 1 << 16


def problem(path: Path) -> str | None:
    """Why the workbook at `path` must not be opened, or None when it may."""
    try:
        with zipfile.ZipFile(path) as archive:
            return _sizes(archive.infolist()) or _xml(archive)
    except zipfile.BadZipFile:
        return "không phải tệp Excel (.xlsx) đọc được: không phải tệp nén zip"
    except IsADirectoryError:
        return "đây là một thư mục, cần một tệp Excel (.xlsx)"
    except (OSError, EOFError, zlib.error, NotImplementedError, RuntimeError):
        return "không phải tệp Excel (.xlsx) đọc được: tệp nén hỏng hoặc được mã hóa"


def _sizes(members: list[zipfile.ZipInfo]) -> str | None:
    if len(members) > MAX_MEMBERS:
        return f"tệp nén có {len(members)} phần, quá giới hạn {MAX_MEMBERS} phần của một biểu"
    for member in members:
        if member.file_size > MAX_MEMBER_BYTES:
            return (
                f"phần {member.filename} giải nén ra {member.file_size // _MB} MB, quá giới hạn "
                f"{MAX_MEMBER_BYTES // _MB} MB (có thể là bom nén); không mở tệp"
            )
    total = sum(m.file_size for m in members)
    if total > MAX_TOTAL_BYTES:
        return (
            f"các phần giải nén ra {total // _MB} MB, quá giới hạn {MAX_TOTAL_BYTES // _MB} MB "
            "(có thể là bom nén); không mở tệp"
        )
    return None


def _xml(archive: zipfile.ZipFile) -> str | None:
    """The first XML part that does not parse, named with its line and column."""
    for member in archive.infolist():
        if not member.filename.lower().endswith(_XML_SUFFIXES):
            continue
        parser: XMLPullParser[Element] = XMLPullParser()
        try:
            with archive.open(member) as stream:
                while chunk := stream.read(_CHUNK):
                    parser.feed(chunk)
                    parser.read_events()
            parser.close()
        except ParseError as error:
            line, column = error.position
            return f"phần {member.filename}: XML hỏng ở dòng {line}, cột {column + 1}"
        except (zipfile.BadZipFile, zlib.error, EOFError):
            return f"phần {member.filename} hỏng trong tệp nén"
    return None
