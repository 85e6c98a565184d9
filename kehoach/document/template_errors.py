"""What went wrong in a user's template, in Vietnamese: Jinja's and zipfile's English
messages for the mistakes a clerk editing a template makes, phrase by phrase (a message
not in the table keeps Jinja's words after the Vietnamese head)."""

from __future__ import annotations

import re
import zipfile

_JINJA: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), text)
    for pattern, text in (
        (r"'([^']*)' is undefined", r"không có '\1' trong dữ liệu của mẫu"),
        (r"'([^']*)' has no attribute '([^']*)'", r"'\1' không có '\2'"),
        (r"Encountered unknown tag '([^']*)'\.?", r"thẻ '\1' không có trong Jinja"),
        (r"Unexpected end of template\..*", "mẫu hết mà một khối {% … %} chưa đóng"),
        (r"unexpected end of template.*", "mẫu hết giữa chừng một thẻ"),
        (r"unexpected 'end of print statement'", "thiếu giá trị trước '}}'"),
        (r"unexpected '([^']*)'", r"gặp '\1' không đúng chỗ"),
        (r"expected token '([^']*)', got '([^']*)'", r"cần '\1' nhưng gặp '\2'"),
        (r"Expected an expression, got '([^']*)'", r"cần một biểu thức nhưng gặp '\1'"),
        (r"unhashable type.*|.*object is not iterable", "dùng sai kiểu dữ liệu trong mẫu"),
    )
)


def jinja_message(message: str) -> str:
    for pattern, text in _JINJA:
        if pattern.fullmatch(message):
            return pattern.sub(text, message)
    return message


def unreadable(exc: Exception) -> str:
    """Why a template file is not a DOCX that can be read."""
    if isinstance(exc, zipfile.BadZipFile):
        return "không phải tệp DOCX (không mở được như tệp nén zip)"
    if isinstance(exc, KeyError):
        return "tệp nén không có phần văn bản của Word (word/document.xml)"
    if isinstance(exc, OSError):
        return f"không đọc được tệp ({exc.strerror or exc})"
    return "nội dung XML của tệp bị hỏng"
