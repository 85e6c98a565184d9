"""A YAML source checked against a typed model (a plan, a units list, a data file): every
problem at once, at its line:column and field, in Vietnamese."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from kehoach.errors import PlanError, Problem
from kehoach.source import yamlsource
from kehoach.source.yamlsource import Path_, Source

M = TypeVar("M", bound=BaseModel)

# Pydantic error types → what a clerk reads. `{…}` takes values from the error's ctx.
_MESSAGES = {
    "missing": "thiếu trường bắt buộc",
    "extra_forbidden": "trường này không có trong định dạng (gõ sai tên?)",
    "string_type": "phải là văn bản",
    "string_too_short": "không được để trống",
    "string_pattern_mismatch": (
        "mã không hợp lệ: chỉ dùng chữ thường không dấu, số và gạch ngang (vd. nv6-giao-duc)"
    ),
    "string_too_long": "quá dài (tối đa {max_length} ký tự)",
    "int_type": "phải là số nguyên",
    "int_parsing": "phải là số nguyên",
    "int_from_float": "phải là số nguyên",
    "float_type": "phải là số",
    "bool_type": "phải là true (có) hoặc false (không)",
    "bool_parsing": "phải là true (có) hoặc false (không)",
    "list_type": "phải là một danh sách (mỗi phần tử một dòng bắt đầu bằng '- ')",
    "model_type": "phải là một khối gồm các trường",
    "model_attributes_type": "phải là một khối gồm các trường",
    "dict_type": "phải là một khối gồm các trường",
    "too_short": "cần ít nhất {min_length} phần tử",
    "enum": "phải là một trong: {expected}",
    "literal_error": "phải là một trong: {expected}",
    "greater_than_equal": "phải lớn hơn hoặc bằng {ge}",
    "less_than_equal": "phải nhỏ hơn hoặc bằng {le}",
    "date_type": "phải là ngày dạng NĂM-THÁNG-NGÀY (2024-02-05) hoặc chỉ năm (2024)",
    "date_from_datetime_parsing": "phải là ngày dạng NĂM-THÁNG-NGÀY (2024-02-05)",
    "union_tag_invalid": "không đúng dạng",
}

_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
_DATE_TIME = re.compile(r"\s*\d{4}-\d{1,2}-\d{1,2}[ Tt]\d")

_COLON_HINT = (
    "; YAML đọc dòng này thành khóa và giá trị vì có dấu ': ' — hãy viết văn bản "
    "trong ngoặc kép hoặc thành khối ('>-' rồi xuống dòng)"
)


def validate(source: Source, model: type[M], what: str) -> M:
    """`source` as a `model`, or a `PlanError` with every problem and its position: those
    reading found (a source loaded with `keep_going`), the model's, the cross-field ones."""
    if not isinstance(source.data, dict):
        raise PlanError([source.problem((), f"{what} phải là một khối gồm các trường")])
    problems = source.problems + _duplicate_ids(source) + _milestone_links(source)
    try:
        result = model.model_validate(source.data)
        problems += _truths_taken_as_numbers(source, result)
    except ValidationError as exc:
        grouped = _by_field(source.data, exc.errors(include_url=False))
        problems += [
            _problem(source, path, errors)
            for path, errors in grouped.items()
            if not any(path[: len(refused)] == refused for refused in source.refused)
        ]
    if problems:
        raise PlanError(sorted(problems, key=lambda p: (p.line or 0, p.column or 0)))
    return result


def _truths_taken_as_numbers(source: Source, result: BaseModel) -> list[Problem]:
    """`true`/`false` where a number goes: Pydantic reads them as 1 and 0 (`so: true`
    made a plan numbered 1). A value written as true/false must stay one in the model."""
    problems = []
    for path, value in yamlsource.values(source.data):
        if not isinstance(value, bool):
            continue
        found: Any = result
        for part in path:
            if isinstance(found, BaseModel):
                found = getattr(found, str(part), None)
            elif isinstance(found, list):
                found = found[part] if isinstance(part, int) else None
            elif isinstance(found, dict):
                found = found.get(part)
            else:
                found = None
        if isinstance(found, int | float) and not isinstance(found, bool):
            message = f"phải là số, không phải {str(value).lower()} (đúng/sai)"
            problems.append(source.problem(path, message))
    return problems


def _by_field(data: Any, errors: list[Any]) -> dict[Path_, list[Any]]:
    """Pydantic's errors by the field they are about. A union (a date or a year) reports
    once per branch, under labels like 'date' and 'constrained-int' that are no key of the
    file: they are dropped from the path and the field's errors kept together."""
    grouped: dict[Path_, list[Any]] = {}
    for err in errors:
        path: list[str | int] = []
        node, loc = data, err["loc"]
        for i, part in enumerate(loc):
            inside = isinstance(node, dict) and part in node
            inside |= isinstance(node, list) and isinstance(part, int) and part < len(node)
            if inside:
                node = node[part]
            elif isinstance(part, str) and not (i == len(loc) - 1 and err["type"] == "missing"):
                continue  # a union branch's label (or a `~` tag), not a key of the file
            path.append(part)
        grouped.setdefault(tuple(path), []).append(err)
    return grouped


def _one_of(errors: list[Any]) -> Any:
    """One message for a field every branch of its union refused: a date-or-year field
    says what is wrong with the date written (a message), other unions their first branch's
    error."""
    given = errors[0].get("input")
    if not any(err["type"].startswith("date") for err in errors):
        return errors[0]
    if isinstance(given, int) and not isinstance(given, bool):  # a year out of range
        return next((err for err in errors if not err["type"].startswith("date")), errors[0])
    if isinstance(given, dt.datetime) or (isinstance(given, str) and _DATE_TIME.match(given)):
        return "chỉ ghi ngày dạng NĂM-THÁNG-NGÀY (2024-02-05), không ghi giờ"
    if isinstance(given, str) and _DATE.fullmatch(given.strip()):
        return f"ngày '{given.strip()}' không có thật (viết NĂM-THÁNG-NGÀY: 2024-02-05)"
    return {**errors[0], "type": "date_type", "ctx": {}}


def _problem(source: Source, path: Path_, errors: list[Any]) -> Problem:
    err = _one_of(errors) if len(errors) > 1 else errors[0]
    if isinstance(err, str):
        return source.problem(path, err)
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "value_error":
        message = str(ctx.get("error", err["msg"]))
    elif kind in _MESSAGES:
        message = _MESSAGES[kind].format(**{k: _show(v) for k, v in ctx.items()})
    else:
        message = err["msg"]
    given = err.get("input")
    if kind == "string_type" and isinstance(given, dict) and len(given) == 1:
        message += _COLON_HINT
    # An unknown key is shown at the key; a missing one at the key of the block lacking it.
    return source.problem(path, message, key=kind in ("extra_forbidden", "missing"))


def _show(value: Any) -> str:
    return str(value).replace("'", "")


def _milestone_links(source: Source) -> list[Problem]:
    """`moc_cua` names another indicator (or phụ lục row) of the plan, one that is no
    milestone of a third itself: an indicator's milestones hang on one record."""
    records: dict[str, dict[str, Any]] = {}
    links: list[tuple[Path_, str, str]] = []  # (where, own id, the id named)
    for path, value in yamlsource.values(source.data):
        if isinstance(value, dict) and isinstance(value.get("id"), str):
            records[value["id"]] = value
            if isinstance(value.get("moc_cua"), str):
                links.append((path, value["id"], value["moc_cua"]))
    problems = []
    for path, own, target in links:
        found = records.get(target)
        if found is None or target == own or not ("cau" in found or "moc" in found):
            message = f"không có chỉ tiêu '{target}' trong kế hoạch (moc_cua chỉ tới mã chỉ tiêu)"
        elif isinstance(found.get("moc_cua"), str):
            message = f"'{target}' đã là mốc của '{found['moc_cua']}': chỉ tới '{found['moc_cua']}'"
        else:
            continue
        problems.append(source.problem((*path, "moc_cua"), message))
    return problems


def _duplicate_ids(source: Source) -> list[Problem]:
    """Every `id` must be unique in the plan: forms and derived plans point at them."""
    seen: dict[str, Path_] = {}
    problems: list[Problem] = []

    for path, value in yamlsource.values(source.data):
        ident = value.get("id") if isinstance(value, dict) else None
        if not isinstance(ident, str):
            continue
        if ident in seen:
            first = source.where((*seen[ident], "id"))
            message = (
                f"mã '{ident}' đã dùng ở dòng {first[0] if first else '?'}; "
                "mỗi mã phải là duy nhất trong tệp"
            )
            problems.append(source.problem((*path, "id"), message))
        else:
            seen[ident] = path
    return problems
