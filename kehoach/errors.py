"""Error types the CLI catches once, and the problem records they carry.

Every user mistake becomes a `Problem` with a location; a stage collects all
problems of a file and raises one `KehoachError`, so the user sees them together.
"""

from __future__ import annotations

import errno
import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One mistake in one file, in Vietnamese, with where it is."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    field: str = ""

    def __str__(self) -> str:
        if not self.file:
            return self.message
        where = self.file
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class KehoachError(Exception):
    """A failure the user can fix; `exit_code` follows the CLI's convention."""

    exit_code = 2

    def __init__(self, problems: list[Problem] | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(file="", message=problems)]
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class Unreadable(KehoachError):
    """A file that cannot be read at all: no DOCX, a broken or oversized part, not UTF-8
    (`check` exits 2 on it)."""


class PlanError(KehoachError):
    """The plan file cannot be read or does not follow the plan format."""


class TemplateFailure(KehoachError):
    """A template is missing or its Jinja code is wrong."""


class ConversionError(KehoachError):
    """LibreOffice is missing or did not produce the PDF."""


_OS_REASONS = {
    errno.ENOSPC: "hết chỗ trống trên đĩa",
    errno.EDQUOT: "hết hạn mức dung lượng trên đĩa",
    errno.EROFS: "ổ đĩa chỉ cho đọc, không ghi được",
    errno.EACCES: "không có quyền đọc hoặc ghi",
    errno.EPERM: "không được phép thao tác",
    errno.ENOTDIR: "một phần của đường dẫn là tệp, không phải thư mục",
    errno.EISDIR: "đây là một thư mục, không phải tệp",
    errno.EEXIST: "đã có một tệp trùng tên với thư mục cần tạo",
    errno.ENOENT: "không có tệp hoặc thư mục này",
    errno.ENAMETOOLONG: "tên tệp quá dài",
    errno.EIO: "lỗi đọc/ghi của ổ đĩa",
}


def os_problem(error: OSError) -> str:
    """What went wrong with a file, in Vietnamese (the system's own words only when
    there are none here)."""
    reason = _OS_REASONS.get(error.errno or 0)
    if reason is None:
        reason = f"lỗi hệ thống tệp ({error.strerror or error})"
    if error.filename2:
        reason += f" (cùng {error.filename2})"
    return reason


def os_reason(error: OSError) -> str:
    """What went wrong with a file written, in Vietnamese."""
    return os_problem(error) + "; chưa ghi tệp nào"


def failure_message(error: BaseException) -> str | None:
    """The Vietnamese message for a failure of the machine, a library or a user's
    template, or None for a bug in kehoach (which must stay visible)."""
    if isinstance(error, OSError):
        return os_reason(error)
    if isinstance(error, MemoryError):
        return "không đủ bộ nhớ để xử lý tệp này (quá lớn?); chưa ghi tệp nào"
    if isinstance(error, RecursionError):
        return "dữ liệu lồng nhau quá sâu; chưa ghi tệp nào"
    zipfile = sys.modules.get("zipfile")
    if zipfile and isinstance(error, zipfile.BadZipFile | zipfile.LargeZipFile):
        return f"tệp nén (DOCX/XLSX) hỏng hoặc không đọc được: {error}"
    etree = sys.modules.get("lxml.etree")
    if etree and isinstance(error, etree.Error):
        return f"phần XML bên trong tệp bị hỏng: {error}"
    jinja = sys.modules.get("jinja2")
    if jinja and isinstance(error, jinja.TemplateError):
        return f"lỗi trong mẫu (Jinja): {error}"
    if isinstance(error, UnicodeDecodeError):
        return f"tệp không phải văn bản UTF-8 (byte lỗi ở vị trí {error.start})"
    return None
