"""Read YAML into plain Python while remembering where every value came from.

PyYAML's own constructor forgets positions and silently accepts duplicate keys
and `10.000` (read as 10). We compose the node tree (C parser when available),
then build the Python values ourselves: each value's path gets its line and
column, and the traps are reported as problems instead of becoming data.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kehoach.errors import PlanError, Problem
from kehoach.source.encoding import decode_text
from kehoach.source.yamlerrors import syntax_problem

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path_ = tuple[str | int, ...]

_THOUSANDS = re.compile(r"[-+]?\d{1,3}(\.\d{3})+")
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
# Zero-width and bidi characters: invisible in an editor, they reorder or split what the
# DOCX shows (U+202E turns text around). `check` calls them errors; plans refuse them.
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
MAX_NUMBER = 10**15  # no figure of a plan comes near; past it, formatting breaks
MAX_DEPTH = 32  # plans nest 9 deep; YAML nested deeper is an attack or a mistake


@dataclass
class Source:
    """Plain data of a YAML file plus the position of every value and key."""

    file: str
    data: Any
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    spans: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    """Where each scalar's text starts and ends in the file (character offsets)."""
    problems: list[Problem] = field(default_factory=list)
    """What reading found wrong with values (a day that does not exist, `10.000`, a key
    twice); loaded with `keep_going`, the model check adds its own to these."""
    refused: set[Path_] = field(default_factory=set)
    """The values reading refused: kept as written, so the model says nothing more of them
    (nor of their block, as it would of a value left out)."""

    def where(self, path: Path_, *, key: bool = False) -> tuple[int, int] | None:
        """Position of `path` (its key with `key=True`), else of its nearest ancestor."""
        table = self.key_marks if key else self.marks
        while path not in table and path:
            path = path[:-1]
        return table.get(path) or self.marks.get(path)

    def problem(self, path: Path_, message: str, *, key: bool = False) -> Problem:
        pos = self.where(path, key=key)
        return Problem(
            file=self.file,
            message=message,
            line=pos[0] if pos else None,
            column=pos[1] if pos else None,
            field=format_path(path),
        )


def looks_like_thousands(written: str) -> bool:
    """`10.000` unquoted: YAML reads 10.0, a clerk meant ten thousand; refused on reading
    (the writer writes such a float `43.7050`)."""
    return _THOUSANDS.fullmatch(written) is not None


def format_path(path: Path_) -> str:
    """`muc[2].doan[0]` style, as a clerk sees it in the file."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def values(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    """Every value of plain YAML data with its path, pre-order (before any model exists:
    the loader's id check and the in-place editor go through raw data this way)."""
    yield path, data
    if isinstance(data, dict):
        for key, child in data.items():
            yield from values(child, (*path, key))
    elif isinstance(data, list):
        for i, child in enumerate(data):
            yield from values(child, (*path, i))


def read_text(path: Path) -> str:
    """The text of a YAML file saved as Unicode (UTF-8, with or without its mark, or UTF-16
    as Notepad's "Unicode"); anything else is refused at the first byte that is not."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PlanError([Problem(str(path), f"không đọc được tệp: {exc.strerror}")]) from None
    try:
        return decode_text(raw)
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        message = (
            "tệp không phải văn bản Unicode (UTF-8 hoặc UTF-16): có chữ gõ bằng bảng mã cũ "
            "(Windows-1258, TCVN3, VNI?); hãy lưu lại tệp bằng UTF-8 (Notepad: Lưu thành… → "
            "Mã hóa: UTF-8) hoặc chuyển mã sang Unicode (Unikey)"
        )
        raise PlanError([Problem(str(path), message, line, column)]) from None


def load(text: str, file: str, *, keep_going: bool = False) -> Source:
    """Parse one YAML document into a `Source`; raise `PlanError` with every problem, or
    with `keep_going` keep the problems of its values in `Source.problems` for the model
    check to report with its own (a syntax error always stops: nothing after it reads)."""
    try:
        _refuse_aliases_and_depth(text, file)
        root = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as exc:
        raise PlanError([syntax_problem(text, file, exc)]) from None
    except yaml.reader.ReaderError as exc:
        raise PlanError([_unreadable_character(text, file, exc)]) from None
    except yaml.YAMLError:  # every error the parsers raise is marked: this is a safety net
        raise PlanError([Problem(file, "lỗi cú pháp YAML: tệp không đọc được như YAML")]) from None
    if root is None:
        raise PlanError([Problem(file, "tệp rỗng: không có nội dung kế hoạch")])
    source = Source(file=file, data=None)
    source.data = _Builder(source, source.problems).build(root, ())
    if source.problems and not keep_going:
        raise PlanError(source.problems)
    return source


def _refuse_aliases_and_depth(text: str, file: str) -> None:
    """Aliases (never needed in a plan: a billion-laughs file expands them without end) and
    nesting deeper than `MAX_DEPTH`, found in the parser's events before any tree is built.
    Only a text that could hold either (an anchor `&`, deep brackets or indents) is scanned."""
    deep = re.search(rf"^ {{{2 * MAX_DEPTH},}}\S", text, re.MULTILINE)
    if "&" not in text and not deep and text.count("[") + text.count("{") <= MAX_DEPTH:
        return
    depth = 0
    for event in yaml.parse(text, Loader=Loader):
        if isinstance(event, yaml.AliasEvent):
            message = "bí danh YAML (*…) không được dùng trong kế hoạch; hãy viết giá trị ra"
        elif isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth <= MAX_DEPTH:
                continue
            message = f"các khối lồng nhau quá sâu (quá {MAX_DEPTH} tầng)"
        else:
            depth -= isinstance(event, yaml.CollectionEndEvent)
            continue
        mark = event.start_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise PlanError([Problem(file, message, line, col)])


def _unreadable_character(text: str, file: str, exc: yaml.reader.ReaderError) -> Problem:
    """A control character written straight into the file (a NUL from a broken copy): its
    line and column, in the words the rest of the plan's messages use."""
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
    # libyaml counts bytes, PyYAML characters: the first such character is where both stopped.
    at = text.find(chr(code))
    before = text[: at if at >= 0 else 0]
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    message = f"có ký tự điều khiển U+{code:04X} trong tệp (YAML không cho phép); hãy xóa nó"
    return Problem(file, message, line, column)


def _finite(value: float) -> bool:
    return value == value and abs(value) != float("inf")


class _Builder:
    def __init__(self, source: Source, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        self.constructor = SafeConstructor()

    def build(self, node: Node, path: Path_) -> Any:
        self.source.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)  # the composer makes no other kind of node
        self.source.spans[path] = (node.start_mark.index, node.end_mark.index)
        return self._scalar(node, path)

    def _mapping(self, node: MappingNode, path: Path_) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_pos = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if not isinstance(key_node, ScalarNode) or key_node.tag.endswith(":merge"):
                self.problems.append(
                    Problem(
                        self.source.file,
                        "khóa phải là một tên trường đơn giản",
                        *key_pos,
                        format_path(path),
                    )
                )
                continue
            key = unicodedata.normalize("NFC", str(key_node.value))
            child = (*path, key)
            if key in out:
                self.problems.append(
                    Problem(
                        self.source.file,
                        f"khóa '{key}' bị lặp lại trong cùng một khối",
                        *key_pos,
                        format_path(child),
                    )
                )
                continue
            self.source.key_marks[child] = key_pos
            out[key] = self.build(value_node, child)
        return out

    def _scalar(self, node: ScalarNode, path: Path_) -> Any:
        if node.tag.endswith(":float") and not node.style and looks_like_thousands(node.value):
            self.problems.append(
                self.source.problem(
                    path,
                    (
                        f"'{node.value}' bị YAML đọc là số thập phân {float(node.value):g}; "
                        f"nếu là số nghìn hãy viết {node.value.replace('.', '')} "
                        f'hoặc đặt trong ngoặc kép: "{node.value}"'
                    ),
                )
            )
            return self._refused(node, path)
        try:
            value = self.constructor.construct_object(node)
        except (ValueError, yaml.constructor.ConstructorError):
            if node.tag.endswith(":timestamp"):
                message = f"ngày '{node.value}' không có thật (viết NĂM-THÁNG-NGÀY: 2024-02-05)"
            elif node.tag.startswith("!"):
                message = (
                    f"giá trị bắt đầu bằng '{node.tag}' bị YAML hiểu là kiểu dữ liệu; "
                    "đặt cả giá trị trong ngoặc kép"
                )
            else:
                message = f"giá trị '{node.value}' không đọc được"
            self.problems.append(self.source.problem(path, message))
            return self._refused(node, path)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return self._number(value, node, path)
        if isinstance(value, str):
            value = unicodedata.normalize("NFC", value)
            bad = _CONTROL.search(value)
            if bad:
                self.source.refused.add(path)
                self.problems.append(
                    self.source.problem(
                        path, f"có ký tự điều khiển U+{ord(bad.group()):04X} trong văn bản"
                    )
                )
            hidden = _INVISIBLE.search(value)
            if hidden:
                self.source.refused.add(path)
                self.problems.append(
                    self.source.problem(
                        path,
                        f"có ký tự ẩn U+{ord(hidden.group()):04X} (ở ký tự thứ "
                        f"{hidden.start() + 1} của giá trị); hãy xóa nó",
                    )
                )
        return value

    def _refused(self, node: ScalarNode, path: Path_) -> str:
        self.source.refused.add(path)
        return str(node.value)

    def _number(self, value: float, node: ScalarNode, path: Path_) -> float | str:
        """`.inf`, `.nan` and numbers beyond any plan's figures are mistakes, not data."""
        if not _finite(value):
            message = f"'{node.value}' không phải một số dùng được (vô hạn hoặc không xác định)"
        elif abs(value) > MAX_NUMBER:
            message = f"số quá lớn (quá {MAX_NUMBER:_})".replace("_", ".")
        else:
            return value
        self.problems.append(self.source.problem(path, message))
        return self._refused(node, path)
