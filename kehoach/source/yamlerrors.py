"""The YAML parser's syntax errors in Vietnamese, at the place where the mistake starts.

libyaml (the C parser) and PyYAML word their errors differently and point at where they
gave up, which is often far from the mistake: a quote left open on line 18 is reported on
line 79, where the next quote closed it. Each kind of error is told here in the words of a
clerk's mistake, at the mark that shows it (the opening quote, the unclosed '[', the line
without ':'); a quoted value that ran over several lines into the error is blamed first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import yaml

from kehoach.errors import Problem

_QUOTE_WORDS = "đặt cả giá trị trong ngoặc kép"
_TAB = "có ký tự tab; YAML chỉ cho phép thụt lề bằng dấu cách (thay tab bằng dấu cách)"
_INDENT = (
    "dòng này thụt lề không thẳng hàng với các trường cùng cấp ở trên (các trường cùng cấp "
    "bắt đầu ở cùng một cột, thụt bằng dấu cách)"
)


@dataclass(frozen=True)
class _Kind:
    """One kind of error: any of `says` in the parser's problem or context words; the
    message, and the mark it is shown at ('context': where the construct opened)."""

    says: tuple[str, ...]
    message: str
    at: Literal["problem", "context"] = "problem"


# In order: the first kind whose words are in the error's words explains it. Words of
# both parsers (libyaml first, then PyYAML) so either gives the same message.
_KINDS = (
    _Kind(("tab character",), _TAB),
    _Kind(
        ("unknown escape character", "hexdecimal number", "hexadecimal numbers"),
        "trong ngoặc kép, dấu '\\' mở đầu một mã thoát (như '\\n'); muốn có chính dấu '\\' "
        "thì viết '\\\\', hoặc đặt giá trị trong ngoặc đơn ('…') thay cho ngoặc kép",
    ),
    _Kind(
        ("invalid Unicode character escape",),
        "mã thoát '\\u…' trong ngoặc kép không phải một ký tự (nửa cặp UTF-16?); "
        "hãy gõ thẳng ký tự đó",
    ),
    _Kind(
        ("unexpected document indicator", "unexpected document separator"),
        "dấu ngoặc kép mở chưa đóng: dấu {quote} mở ở đây chạy tới dòng {line} (dòng '---' "
        "hoặc '...'); hãy thêm dấu {quote} đóng ở cuối giá trị",
        "context",
    ),
    _Kind(
        ("found unexpected end of stream",),
        "dấu ngoặc kép mở chưa đóng: dấu {quote} mở ở đây không có dấu {quote} đóng trước "
        "cuối tệp; hãy thêm dấu đóng ở cuối giá trị",
        "context",
    ),
    _Kind(
        ("sequence entries are not allowed",),
        "dấu '- ' đứng ngay sau 'tên_trường:' trên cùng một dòng nên YAML hiểu là bắt đầu một "
        "danh sách: nếu là văn bản có gạch đầu dòng, " + _QUOTE_WORDS + " (noi_dung: \"- Về "
        "y tế …\"); nếu là danh sách, xuống dòng rồi thụt lề từng dòng '- '",
    ),
    _Kind(
        ("mapping values are not allowed",),
        "dòng này có dấu ': ' mà YAML hiểu là tên trường và giá trị: nếu dấu ': ' nằm trong "
        "văn bản (ví dụ '- Về y tế: …'), " + _QUOTE_WORDS + " hoặc viết thành khối (ghi "
        "'noi_dung: >-' rồi xuống dòng, thụt lề và viết văn bản); nếu không, dòng này thụt "
        "lề sâu hơn các trường cùng cấp",
    ),
    _Kind(
        ("could not find expected ':'",),
        "dòng này thiếu dấu ':' sau tên trường (hoặc là phần tiếp của văn bản dòng trên mà "
        "thụt lề ít hơn nó)",
        "context",
    ),
    _Kind(
        ("expected ',' or ']'",),
        "danh sách mở bằng '[' ở đây chưa đóng bằng ']' (hoặc thiếu ',' giữa hai phần tử); "
        "nếu là văn bản bắt đầu bằng '[', " + _QUOTE_WORDS,
        "context",
    ),
    _Kind(
        ("expected ',' or '}'",),
        "khối mở bằng '{' ở đây chưa đóng bằng '}' (hoặc thiếu ',' giữa hai trường); nếu "
        "là văn bản bắt đầu bằng '{', " + _QUOTE_WORDS,
        "context",
    ),
    _Kind(
        ("found unexpected ':'",),
        "có dấu ':' trong giá trị viết giữa '[ ]' hoặc '{ }'; " + _QUOTE_WORDS,
    ),
    _Kind(
        ("did not find expected node content", "expected the node content"),
        "thiếu giá trị (sau '[', '{', ',' hay '-')",
    ),
    _Kind(
        ("while scanning an alias", "found undefined alias"),
        "giá trị bắt đầu bằng '*' bị YAML hiểu là bí danh; " + _QUOTE_WORDS + " (\"* …\")",
        "context",
    ),
    _Kind(
        ("while scanning an anchor", "found duplicate anchor"),
        "giá trị bắt đầu bằng '&' bị YAML hiểu là tên neo; " + _QUOTE_WORDS,
        "context",
    ),
    _Kind(
        ("while parsing a tag", "while scanning a tag", "undefined tag handle",
         "non-specific tag"),
        "giá trị bắt đầu bằng '!' bị YAML hiểu là kiểu dữ liệu; " + _QUOTE_WORDS,
        "context",
    ),
    _Kind(
        ("indicator equal to 0", "in the range 1-9"),
        "số thụt lề viết sau '|' hoặc '>' phải từ 1 đến 9 (thường không cần: bỏ nó đi)",
    ),
    _Kind(
        ("while scanning a block scalar",),
        "sau '|' hoặc '>' (khối văn bản) không viết chữ trên cùng dòng: xuống dòng rồi thụt "
        "lề văn bản; nếu văn bản bắt đầu bằng '|' hay '>', " + _QUOTE_WORDS,
        "context",
    ),
    _Kind(
        ("directive", "incompatible YAML document"),
        "dòng bắt đầu bằng '%' ở cột đầu bị YAML hiểu là chỉ thị; thụt lề dòng này, hoặc "
        + _QUOTE_WORDS,
        "context",
    ),
    _Kind(
        ("but found another document", "expected a single document"),
        "tệp chỉ được chứa một tài liệu YAML: xóa dòng '---' này (hoặc thụt lề nếu nó thuộc "
        "văn bản)",
    ),
    _Kind(
        ("document start>",),
        "có nội dung sau dòng '...' hoặc '---' (dòng kết thúc một tài liệu YAML): xóa dòng đó, "
        "hoặc thụt lề nếu nó thuộc văn bản",
    ),
    _Kind(
        ("mapping keys are not allowed",),
        "dấu '?' ở đầu giá trị bị YAML hiểu là khóa phức; " + _QUOTE_WORDS,
    ),
    _Kind(("expected '-' indicator", "found '?'"), _INDENT.replace("trường", "phần tử '- '")),
    _Kind(("did not find expected key", "expected <block end>"), _INDENT),
)
_UNKNOWN = (
    "YAML không đọc được chỗ này: xem lại dấu ngoặc, dấu ':' và thụt lề của dòng này và "
    "các dòng trên"
)


def syntax_problem(text: str, file: str, error: yaml.MarkedYAMLError) -> Problem:
    """The error as a clerk's mistake, at the line:column where it starts."""
    problem, context = error.problem or "", error.context or ""
    mark = error.problem_mark or error.context_mark
    runaway = _runaway_quote(text, mark)
    if runaway is not None:
        return _at(file, runaway, _runaway_message(text, runaway, mark))
    if "cannot start any token" in problem:
        char = _char_at(text, mark)
        if char == "\t":
            return _at(file, mark, _TAB)
        message = (
            f"giá trị không được bắt đầu bằng '{char}' (YAML để dành ký tự này); "
            + _QUOTE_WORDS
        )
        return _at(file, mark, message)
    if "did not find expected key" in problem or "expected <block end>" in problem:
        found = _text_after_closing(text, mark)
        if found is not None:
            return _at(file, *found)
    if "document start>" in problem:  # a directive or an end-of-document line above
        mark = _marker_line_above(text, mark) or mark
        problem = "directive" if _char_at(text, mark) == "%" else problem
    words = f"{problem} {context}"
    kind = next((k for k in _KINDS if any(said in words for said in k.says)), None)
    if kind is None:
        return _at(file, mark, _UNKNOWN)
    at = error.context_mark if kind.at == "context" and error.context_mark else mark
    quote = _char_at(text, at) if _char_at(text, at) in "\"'" else '"'
    line = mark.line + 1 if mark else "?"
    return _at(file, at, kind.message.replace("{quote}", quote).replace("{line}", str(line)))


def _at(file: str, mark: yaml.Mark | None, message: str) -> Problem:
    line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
    return Problem(file, f"lỗi cú pháp YAML: {message}", line, column)


def _tokens_before(text: str, mark: yaml.Mark) -> list[yaml.Token]:
    """The tokens the scanner read before `mark` (it stops at its own error)."""
    from kehoach.source.yamlsource import Loader

    found: list[yaml.Token] = []
    try:
        for token in yaml.scan(text, Loader=Loader):
            if token.start_mark.index >= mark.index:
                break
            found.append(token)
    except yaml.YAMLError:
        pass
    return found


def _runaway_quote(text: str, mark: yaml.Mark | None) -> yaml.Mark | None:
    """Where a quoted value opened that ran over lines into the error: a quote left open
    takes in the lines below it up to the next quote, and the error comes after that."""
    if mark is None:
        return None
    tokens = _tokens_before(text, mark)
    last = tokens[-1] if tokens else None
    if (
        isinstance(last, yaml.ScalarToken)
        and last.style in ('"', "'")
        and last.start_mark.line < last.end_mark.line
        and last.end_mark.line == mark.line
    ):
        return last.start_mark
    return None


def _runaway_message(text: str, opened: yaml.Mark, mark: yaml.Mark | None) -> str:
    quote = _char_at(text, opened) or '"'
    end = mark.line + 1 if mark else "?"
    return (
        f"dấu ngoặc kép mở chưa đóng: dấu {quote} mở ở đây (dòng {opened.line + 1}) kéo giá "
        f"trị đến dấu {quote} ở dòng {end}; hãy thêm dấu {quote} đóng ở cuối giá trị này"
    )


def _text_after_closing(
    text: str, mark: yaml.Mark | None
) -> tuple[yaml.Mark, str] | None:
    """Words after a quoted value or a bracket closed on the same line (`"Ngày hội" toàn
    dân`, `[1] và 2`): the value was meant as text; shown where it opens."""
    if mark is None:
        return None
    tokens = _tokens_before(text, mark)
    last = tokens[-1] if tokens else None
    if last is None or last.end_mark.line != mark.line:
        return None
    if isinstance(last, yaml.ScalarToken) and last.style in ('"', "'"):
        return last.start_mark, (
            "sau dấu ngoặc kép đóng còn chữ: giá trị bắt đầu bằng dấu ngoặc thì phải kết thúc "
            "bằng nó; viết thành khối ('>-' rồi xuống dòng, thụt lề) hoặc đặt cả giá trị trong "
            "ngoặc đơn ('\"Ngày hội\" toàn dân')"
        )
    if isinstance(last, yaml.FlowSequenceEndToken | yaml.FlowMappingEndToken):
        depth = 0
        for token in reversed(tokens):
            depth += isinstance(token, yaml.FlowSequenceEndToken | yaml.FlowMappingEndToken)
            depth -= isinstance(token, yaml.FlowSequenceStartToken | yaml.FlowMappingStartToken)
            if depth == 0:
                return token.start_mark, (
                    "giá trị bắt đầu bằng '[' hoặc '{' bị YAML đọc là danh sách; " + _QUOTE_WORDS
                )
    return None


def _marker_line_above(text: str, mark: yaml.Mark | None) -> yaml.Mark | None:
    """The last line at or above `mark` that is a directive (`%…`) or a document's end
    (`---`, `...`): what made the parser look for a new document."""
    if mark is None:
        return None
    lines = text.splitlines()
    for number in range(min(mark.line, len(lines) - 1), -1, -1):
        line = lines[number]
        if line.startswith("%") or line.rstrip() in ("---", "..."):
            return yaml.Mark("", 0, number, 0, None, 0)
    return None


def _char_at(text: str, mark: yaml.Mark | None) -> str:
    if mark is None:
        return ""
    lines = text.splitlines()
    if mark.line < len(lines) and mark.column < len(lines[mark.line]):
        return lines[mark.line][mark.column]
    return ""
