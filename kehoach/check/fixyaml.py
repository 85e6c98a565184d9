"""`check --fix` on a YAML plan: only string values change, each at the position the
loader recorded for it; ids, codes, keys and comments stay byte for byte, and nothing is
written unless the result loads back with exactly the fixed values (and still validates)."""

from __future__ import annotations

import copy
import unicodedata
from typing import Any

from kehoach.check.files import text_values
from kehoach.errors import KehoachError
from kehoach.source import yamlsource
from kehoach.source.yamlsource import Path_, Source, format_path


def shown_change(before: str, after: str) -> str:
    from kehoach.check.run import shown_change

    return shown_change(before, after)


def fix_value(value: str, profile: str) -> str:
    from kehoach.check.run import fix_line

    return "\n".join(fix_line(line, profile) for line in value.split("\n"))


def _fix_raw(raw: str, value: str, profile: str) -> str:
    """The scalar's text as written (quotes, folding, indent), with its value's fixes."""
    from kehoach.check.run import fix_line

    raw = unicodedata.normalize("NFC", raw)
    return "\n".join(fix_line(line, profile, value) for line in raw.split("\n"))


def _valid(source: Source) -> bool:
    from kehoach.plan.loader import plan_from_source
    from kehoach.plan.units import Registry, is_registry
    from kehoach.source.validation import validate

    try:
        if is_registry(source.data):
            validate(source, Registry, "danh sách đơn vị")
        else:
            plan_from_source(source)
    except KehoachError:
        return False
    return True


def _set(data: Any, path: Path_, value: str) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _get(data: Any, path: Path_) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _splice(text: str, edits: dict[Path_, tuple[int, int, str]]) -> str:
    out, last = [], len(text)
    for start, end, new in sorted(edits.values(), reverse=True):
        out.append(text[end:last])
        out.append(new)
        last = start
    out.append(text[:last])
    return "".join(reversed(out))


def fix_yaml(text: str, file: str, profile: str) -> tuple[str, list[str]]:
    """The plan's text with every safe fix its string values allow, and a line per change."""
    source = yamlsource.load(text, file)
    was_valid = _valid(source)
    edits: dict[Path_, tuple[int, int, str]] = {}
    expected = copy.deepcopy(source.data)
    for path, value in text_values(source.data):
        fixed = fix_value(value, profile)
        start, end = source.spans[path]
        new_raw = _fix_raw(text[start:end], value, profile)
        if fixed != value or new_raw != text[start:end]:
            edits[path] = (start, end, new_raw)
            _set(expected, path, fixed)
    for _attempt in range(2):  # a value whose raw text took its fixes wrongly is left alone
        result = yamlsource.load(_splice(text, edits), file) if edits else source
        wrong = [p for p in edits if _get(result.data, p) != _get(expected, p)]
        if not wrong:
            break
        for path in wrong:
            del edits[path]
            _set(expected, path, _get(source.data, path))
    if not edits or result.data != expected or (was_valid and not _valid(result)):
        return text, []
    changes = []
    for path in sorted(edits, key=lambda p: edits[p][0]):
        line, _column = source.where(path) or (0, 0)
        before, after = _get(source.data, path), _get(result.data, path)
        changes.append(f"dòng {line} {format_path(path)}: {shown_change(before, after)}")
    return _splice(text, edits), changes
