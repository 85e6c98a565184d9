"""What the web tests share: the address, and reading pages as a browser would."""

from __future__ import annotations

import re

PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"


def token(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "trang không có mã bảo vệ biểu mẫu"
    return found.group(1)


def form_of(html: str) -> dict[str, str]:
    """The editor's hidden fields, as the browser would send them back."""
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))
    assert {"csrf", "sha"} <= set(fields)
    return fields
