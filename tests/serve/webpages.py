"""What the web tests share: the address, and reading pages as a browser would."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from werkzeug.datastructures import MultiDict

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


class _Fields(HTMLParser):
    """Every field of a page's forms with the value a browser would send."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._select: str | None = None
        self._chosen: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        kind = a.get("type", "text")
        if tag == "input" and kind in ("text", "hidden", "search") and "name" in a:
            self.fields.append((a["name"], a.get("value", "")))
        elif tag == "input" and kind in ("checkbox", "radio") and "checked" in a and "name" in a:
            self.fields.append((a["name"], a.get("value", "on")))
        elif tag == "textarea":
            self._textarea, self._text = a["name"], ""
        elif tag == "select":
            self._select, self._chosen = a["name"], None
        elif tag == "option" and self._select is not None and (
                "selected" in a or self._chosen is None):
            self._chosen = a.get("value", "")

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self._textarea is not None:
            # A browser drops the one newline right after <textarea> and sends CRLF.
            text = self._text.removeprefix("\n").replace("\n", "\r\n")
            self.fields.append((self._textarea, text))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            self.fields.append((self._select, self._chosen or ""))
            self._select = None


def all_fields(html: str) -> MultiDict[str, str]:
    """Every field a browser would send, a name given as often as it is sent (the ticked
    boxes of one list)."""
    parser = _Fields()
    parser.feed(html)
    return MultiDict(parser.fields)
