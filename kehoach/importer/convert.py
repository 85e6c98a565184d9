"""Word 97–2003 (`.doc`), OpenDocument (`.odt`) and RTF files become a DOCX through
LibreOffice when it is installed, in a private temporary folder (the source is only read);
without LibreOffice the clerk is told what to install or how to save the file as .docx."""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from pathlib import Path

from kehoach.errors import PlanError, Problem
from kehoach.soffice import convert, soffice
from kehoach.system.office import SETTING

CONVERTED = (".doc", ".odt", ".rtf")
_NAMES = {".doc": "Word 97–2003 (.doc)", ".odt": "OpenDocument (.odt)", ".rtf": "RTF"}


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORD_STREAM = "WordDocument".encode("utf-16-le")


def kind(path: Path, raw: bytes) -> str | None:
    """The suffix of a format LibreOffice turns into DOCX, by content (a `.doc` may well
    be named `.docx`), else None. An old Office file that holds no Word document (an Excel
    `.xls`) is refused by name."""
    if raw.startswith(_OLE):
        if _WORD_STREAM not in raw:
            raise PlanError(
                [
                    Problem(
                        str(path),
                        "tệp Office cũ nhưng không phải văn bản Word 97–2003 (.doc)"
                        " (có thể là bảng Excel .xls): không nhập được",
                    )
                ]
            )
        return ".doc"
    if raw.startswith(b"{\\rtf"):
        return ".rtf"
    if raw.startswith(b"PK\x03\x04") and b"application/vnd.oasis.opendocument.text" in raw[:200]:
        return ".odt"
    return None


def to_docx(path: Path, suffix: str | None = None) -> bytes:
    """The DOCX bytes LibreOffice makes of `path` (its format `suffix`, else by its name)."""
    suffix = suffix or path.suffix.lower()
    what = _NAMES.get(suffix, suffix)
    program = soffice()
    if program is None:
        raise PlanError(
            [
                Problem(
                    str(path),
                    f"đây là tệp {what}: cần LibreOffice để đọc (cài LibreOffice, hoặc đặt biến"
                    f" môi trường {SETTING} là đường dẫn tới soffice; hoặc mở tệp bằng Word, lưu"
                    " thành .docx rồi nhập lại)",
                )
            ]
        )
    with tempfile.TemporaryDirectory(prefix="kehoach-nhap-") as tmp:
        work = Path(tmp)
        copy = work / f"nguon{suffix}"
        shutil.copyfile(path, copy)
        detail = convert(program, work, [copy], "docx", work / "docx")
        produced = work / "docx" / "nguon.docx"
        if not produced.is_file() or not zipfile.is_zipfile(produced):
            detail = detail.replace(str(copy), str(path))
            raise PlanError(
                [
                    Problem(
                        str(path), f"LibreOffice không chuyển được tệp {what} này sang DOCX{detail}"
                    )
                ]
            )
        return produced.read_bytes()
