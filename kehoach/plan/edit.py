"""Edit a plan file in place, the way a clerk would: change a value where it stands and
leave every other byte alone (comments, blank lines, key order, `>-`/`|-` blocks, flow
`[a, b]`).

Why not ruamel.yaml: its round trip re-emits the whole document, so keeping "one value
changed → only its lines changed" would mean pinning its line width, indentation and
quoting rules against the house style and still trusting it with long folded prose.
kehoach's reader already composes the file with PyYAML, whose nodes carry the exact
character span of every value; an edit here is a splice of that span, so nothing
outside it can move, and positions for error messages stay those of `yamlsource`.
Every splice is checked by reading the whole file back: the data must equal the
intended data exactly (types included), else the next written form is tried (the old
style first, then plain, block, quoted). Saving re-validates the plan and writes
atomically; a refused save leaves the file untouched.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kehoach.errors import KehoachError, PlanError, Problem
from kehoach.plan import history
from kehoach.plan.edit_forms import item_lines, nfc, same, scalar_forms
from kehoach.plan.edit_text import (
    child,
    content_end,
    dash,
    ensure_break,
    flow_span,
    key_name,
    scalars,
)
from kehoach.plan.loader import plan_from_text
from kehoach.plan.yamlwrite import key_text
from kehoach.safewrite import write_atomic
from kehoach.source import yamlsource
from kehoach.source.yamlsource import Path_, format_path
from kehoach.system.lock import folder_lock

_BOM = b"\xef\xbb\xbf"


class FileChanged(KehoachError):
    """The file is no longer the one opened: another writer saved it meanwhile."""


class PlanFile:
    """A plan file open for editing. Each change is applied to the text at once and
    checked; `save()` writes it back only if the result is still a valid plan."""

    def __init__(self, path: Path, raw: bytes) -> None:
        self.path = path
        self.file = str(path)
        self._raw = raw
        self.text = raw.decode("utf-8-sig")
        self.data = yamlsource.load(self.text, self.file).data
        self.newline = "\r\n" if "\r\n" in self.text else "\n"

    @classmethod
    def open(cls, path: str | Path) -> PlanFile:
        path = Path(path)
        yamlsource.read_text(path)  # a missing or non-Unicode file fails here, in Vietnamese
        raw = path.read_bytes()
        try:
            raw.decode("utf-8-sig")
        except UnicodeDecodeError:  # UTF-16: edited in place, it would be written back whole
            message = (
                "tệp lưu bằng UTF-16 (Notepad: \"Unicode\"); chỉ sửa tại chỗ được tệp UTF-8: "
                "mở bằng Notepad, Lưu thành… → Mã hóa: UTF-8, rồi mở lại"
            )
            raise PlanError([Problem(str(path), message)]) from None
        return cls(path, raw)

    @property
    def changed(self) -> bool:
        return self.text != self._raw.decode("utf-8-sig")

    # ---- look-ups -------------------------------------------------------------------
    def path_of(self, ident: str) -> Path_:
        """The YAML path of the element whose `id` is `ident`."""
        found = next((p for p, v in yamlsource.values(self.data) if _has_id(v, ident)), None)
        if found is None:
            raise self._error(f"không có phần tử nào có mã '{ident}'")
        return found

    def get(self, path: Path_) -> Any:
        value = self.data
        for part in path:
            try:
                if isinstance(value, str) or (isinstance(part, int) and part < 0):
                    raise TypeError  # a letter of a text, or a place counted from the end
                value = value[part]
            except (KeyError, IndexError, TypeError):
                raise self._error("không có trường này trong tệp", path) from None
        return value

    # ---- changes --------------------------------------------------------------------
    def set(self, path: Path_, value: Any) -> None:
        """Give the scalar at `path` a new value (a missing key is added to its block, with
        a scalar or a list of words)."""
        value = nfc(value)
        expected = copy.deepcopy(self.data)
        parent = _at(expected, path[:-1])
        new_key = isinstance(parent, dict) and path[-1] not in parent
        words = isinstance(value, list) and all(isinstance(v, str) for v in value)
        if isinstance(value, dict) or (isinstance(value, list) and not (new_key and words)):
            raise self._error("chỉ sửa được một giá trị đơn (văn bản, số, ngày)", path)
        if new_key:
            parent[path[-1]] = value
            self._try(self._add_key(path, value), expected, path)
            return
        if isinstance(self.get(path), dict | list):
            raise self._error("trường này là một khối, không phải một giá trị đơn", path)
        parent[path[-1]] = value
        node, indent, flow = self._scalar_place(path)
        self._try(
            (
                self._splice(node, head, body)
                for head, body in scalar_forms(value, node.style, indent, flow)
            ),
            expected,
            path,
        )

    def set_by_id(self, ident: str, key: str, value: Any) -> None:
        self.set((*self.path_of(ident), key), value)

    def insert(self, path: Path_, index: int, value: Any) -> None:
        """Put `value` into the list at `path` so that it becomes element `index`."""
        value = nfc(value)
        items = self.get(path)
        if not isinstance(items, list) or not 0 <= index <= len(items):
            raise self._error(f"không chèn được phần tử thứ {index} vào danh sách", path)
        expected = copy.deepcopy(self.data)
        _at(expected, path).insert(index, value)
        seq = self._node(path)
        if not isinstance(seq, SequenceNode) or not seq.value:
            raise self._error("danh sách rỗng hoặc không phải danh sách", path)
        self._try(self._inserts(seq, index, value), expected, path)

    def remove(self, path: Path_) -> None:
        """Take the element at `path` out, with the comment lines above it: an element of a
        list, or a field of a block (`xem_lai` once its last note is dealt with)."""
        if not path or not isinstance(self.get(path[:-1]), dict | list):
            raise self._error("chỉ xóa được một phần tử của danh sách hay một trường", path)
        self.get(path)
        parent = self._node(path[:-1])
        if isinstance(parent, MappingNode) and len(parent.value) < 2:
            raise self._error("không xóa được trường duy nhất của khối: hãy xóa cả khối", path)
        fields = parent.value if isinstance(parent, MappingNode) else []
        i = (
            path[-1]
            if isinstance(parent, SequenceNode)
            else next((n for n, (k, _) in enumerate(fields) if key_name(k) == path[-1]), None)
        )
        if not isinstance(i, int):
            raise self._error("chỉ xóa được một phần tử của danh sách hay một trường", path)
        expected = copy.deepcopy(self.data)
        del _at(expected, path[:-1])[path[-1]]
        if isinstance(parent, MappingNode | SequenceNode) and parent.flow_style:
            start, end = flow_span(self.text, parent, i)
        elif isinstance(parent, MappingNode):
            return self._try(self._key_removals(parent, i, len(path) == 1), expected, path)
        else:
            start = self._comments_start(self._line_start(self._anchor(path)))
            end = self._next_line(content_end(self.text, parent.value[i]))
        self._try(iter([self.text[:start] + self.text[end:]]), expected, path)

    def add_comment(self, path: Path_, comment: str) -> None:
        """Write `# comment` on its own line directly above the element at `path`."""
        comment = nfc(comment)
        if "\n" in comment or "\r" in comment:
            raise self._error("ghi chú chỉ được một dòng", path)
        self.get(path)
        line = self._line_start(self._anchor(path))
        pad = self.text[line : len(self.text) - len(self.text[line:].lstrip(" "))]
        new = f"{self.text[:line]}{pad}# {comment}".rstrip(" ") + self.newline
        self._try(iter([new + self.text[line:]]), self.data, path)

    def remove_comments(self, path: Path_, prefix: str = "", whole: bool = False) -> int:
        """Remove the comment lines directly above `path` that start with `prefix`; with
        `whole`, only the first line that is exactly `prefix` (one review note's mark)."""
        prefix = nfc(prefix)
        self.get(path)
        line = self._line_start(self._anchor(path))
        start = self._comments_start(line)
        block = self.text[start:line].splitlines(keepends=True)
        texts = [nfc(c.strip().lstrip("#").strip()) for c in block]
        gone = {n for n, c in enumerate(texts) if c.startswith(prefix)}
        if whole:
            gone = {texts.index(prefix)} if prefix in texts else set()
        if not gone:
            return 0
        kept = "".join(c for n, c in enumerate(block) if n not in gone)
        self._try(iter([self.text[:start] + kept + self.text[line:]]), self.data, path)
        return len(gone)

    def save(self, action: str | None = None) -> bool:
        """Write the edited text back if it is still a valid plan; False if unchanged. Under
        the folder's lock: a file saved since it was opened is refused (`FileChanged`); with
        `action` (`history.ACTIONS`) the version replaced is kept in the plan's history."""
        if not self.changed:
            return False
        try:
            plan_from_text(self.text, self.file)
        except PlanError as exc:
            head = Problem(
                self.file,
                "không ghi lại tệp: sau khi sửa, kế hoạch không còn hợp lệ (tệp giữ nguyên)",
            )
            raise PlanError([head, *exc.problems]) from None
        raw = (_BOM if self._raw.startswith(_BOM) else b"") + self.text.encode("utf-8")
        with folder_lock(self.path.parent):
            try:
                on_disk = self.path.read_bytes()
            except OSError:
                on_disk = None
            if on_disk != self._raw:
                raise FileChanged([Problem(self.file, "tệp đã bị thay đổi từ khi mở; hãy mở "
                                           "lại rồi sửa (tệp giữ nguyên)")])
            if action is not None:
                history.keep(self.path, self._raw, action)
            write_atomic(self.path, raw)
        self._raw = raw
        return True

    # ---- the splices ----------------------------------------------------------------
    def _try(self, texts: Iterator[str], expected: Any, path: Path_) -> None:
        """Keep the first candidate text that reads back as exactly `expected`."""
        for text in texts:
            try:
                data = yamlsource.load(text, self.file).data
            except PlanError:
                continue
            if same(data, expected):
                self.text, self.data = text, data
                return
        raise self._error("không ghi được giá trị này vào tệp mà đọc lại vẫn đúng", path)

    def _splice(self, node: ScalarNode, head: str, body: list[str]) -> str:
        """The text with `node` written as `head` (after `key:`) and `body` lines below."""
        text, start, end = self.text, node.start_mark.index, content_end(self.text, node)
        before, after = text[:start], text[end:]
        rest_of_line = after.split("\n", 1)[0].strip()
        if not head and not rest_of_line:
            before = before.rstrip(" ")
        elif head and before[-1:] in (":", "-"):
            head = " " + head
        new = before + head + after
        if body:
            cut = new.find("\n", len(before) + len(head))
            cut = len(new) if cut < 0 else cut - (new[cut - 1] == "\r")
            new = new[:cut] + "".join(self.newline + line for line in body) + new[cut:]
        return new

    def _add_key(self, path: Path_, value: Any) -> Iterator[str]:
        block = self._node(path[:-1])
        if not isinstance(block, MappingNode) or block.flow_style or not block.value:
            raise self._error("chỉ thêm được trường vào một khối viết theo dòng", path)
        column = block.value[0][0].start_mark.column
        at = self._next_line(content_end(self.text, block))
        for head, body in scalar_forms(value, None, column + 2, False):
            line = f"{' ' * column}{key_text(path[-1])}: {head}".rstrip(" ")
            lines = "".join(x + self.newline for x in [line, *body])
            yield (
                self.text[:at] + ensure_break(self.text[:at], self.newline) + lines + self.text[at:]
            )

    def _key_removals(self, block: MappingNode, i: int, root: bool) -> Iterator[str]:
        """Field `i` out with its lines and the comments above them (above the file's first
        key they are its header, and stay). The first field of a `- ` item leaves the dash
        to the next field; the comment and blank lines between the two go above the dash."""
        text, (key, value) = self.text, block.value[i]
        line = self._line_start(key.start_mark.index)
        end = self._next_line(content_end(text, value))
        lead = text[line : key.start_mark.index]
        if not lead.strip():
            start = line if root and i == 0 else self._comments_start(line)
            yield text[:start] + text[end:]
        elif i + 1 < len(block.value):
            after = block.value[i + 1][0].start_mark.index
            pad = lead[: len(lead) - len(lead.lstrip(" "))]
            between = text[end : self._line_start(after)].splitlines(keepends=True)
            moved = "".join(pad + x.lstrip(" ") if x.strip() else x for x in between)
            yield text[:line] + moved + lead + text[after:]

    def _inserts(self, seq: SequenceNode, index: int, value: Any) -> Iterator[str]:
        items, text = seq.value, self.text
        if seq.flow_style:
            at = (
                items[index].start_mark.index
                if index < len(items)
                else content_end(text, items[-1])
            )
            for head, body in scalar_forms(value, None, 0, True):
                if not body:
                    piece = f"{head}, " if index < len(items) else f", {head}"
                    yield text[:at] + piece + text[at:]
            return
        first = dash(text, items[0])
        column = first - self._line_start(first)
        if index < len(items):
            at = self._comments_start(self._line_start(dash(text, items[index])))
        else:
            at = self._next_line(content_end(text, items[-1]))
        prefix = text[:at] + ensure_break(text[:at], self.newline)
        for lines in item_lines(value, column):
            yield prefix + "".join(x + self.newline for x in lines) + text[at:]

    # ---- positions ------------------------------------------------------------------
    def _root(self) -> Node:
        root = yaml.compose(self.text, Loader=yamlsource.Loader)
        if root is None:
            raise self._error("tệp rỗng: không có nội dung kế hoạch")
        return root

    def _node(self, path: Path_) -> Node:
        node = self._root()
        for part in path:
            found = child(node, part)
            if found is None:
                raise self._error("không có trường này trong tệp", path)
            node = found
        return node

    def _scalar_place(self, path: Path_) -> tuple[ScalarNode, int, bool]:
        """The scalar at `path`, the indentation its block content takes, and whether it
        sits in a flow collection."""
        parent = self._node(path[:-1])
        node = child(parent, path[-1])
        if not isinstance(node, ScalarNode):
            raise self._error("trường này không phải một giá trị đơn", path)
        anchor = self._anchor(path)
        indent = anchor - self._line_start(anchor) + 2
        if node.style in ("|", ">"):
            body = self.text[node.start_mark.index :].split("\n", 2)
            first = body[1] if len(body) > 1 else ""
            indent = len(first) - len(first.lstrip(" ")) or indent
        return node, indent, bool(getattr(parent, "flow_style", False))

    def _anchor(self, path: Path_) -> int:
        """Where the element at `path` is introduced: its key, or its `-` in a list."""
        parent = self._node(path[:-1])
        part = path[-1]
        if isinstance(parent, MappingNode):
            key = next(k for k, _ in parent.value if key_name(k) == part)
            return key.start_mark.index
        item = parent.value[part]
        flow = isinstance(parent, SequenceNode) and parent.flow_style
        return item.start_mark.index if flow else dash(self.text, item)

    def _comments_start(self, line: int) -> int:
        """The first of the comment lines right above the line starting at `line`."""
        spans = [(n.start_mark.index, n.end_mark.index) for n in scalars(self._root())]
        while line > 0:
            prev = self._line_start(line - 1)
            hash_at = prev + len(self.text[prev:line]) - len(self.text[prev:line].lstrip())
            if self.text[hash_at : hash_at + 1] != "#" or any(s <= hash_at < e for s, e in spans):
                break
            line = prev
        return line

    def _line_start(self, offset: int) -> int:
        return self.text.rfind("\n", 0, offset) + 1

    def _next_line(self, offset: int) -> int:
        cut = self.text.find("\n", offset)
        return len(self.text) if cut < 0 else cut + 1

    def _error(self, message: str, path: Path_ = ()) -> KehoachError:
        return KehoachError([Problem(self.file, message, field=format_path(path))])


def _at(data: Any, path: Path_) -> Any:
    for part in path:
        data = data[part]
    return data


def _has_id(value: Any, ident: str) -> bool:
    return isinstance(value, dict) and value.get("id") == ident
