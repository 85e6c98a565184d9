"""The plan's field types: ids, lines, prose, Vietnamese numbers, levels, the comparison
and direction of a target. Shared by the plan model and its appendices."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Collection
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
)

from kehoach.plan.review import ReviewNote
from kehoach.rules.data import levels, profile_names
from kehoach.rules.levels import unit_kinds
from kehoach.source.yamlsource import MAX_NUMBER
from kehoach.vn.numbers import number as written
from kehoach.vn.numbers import parse_number
from kehoach.vn.typenames import title_rule, type_of_title


def _fold(text: str) -> str:
    """Prose is one paragraph: line breaks of a YAML block become spaces."""
    return " ".join(part.strip() for part in text.strip().splitlines() if part.strip())


_SCIENTIFIC = re.compile(r"[-+]?\d+(?:[.,]\d+)?[eE][-+]?\d+")
_KINDS = {list: "một danh sách", dict: "một khối gồm các trường"}


def _vi_number(value: Any) -> Any:
    """Accept `"2,59"` and `"10.000"` (the Vietnamese way) as numbers; say what any other
    value is, and which rule it breaks (a number's rules, not an integer's)."""
    if isinstance(value, str):
        number = parse_number(value)
        if number is None and _SCIENTIFIC.fullmatch(value.strip()):
            number = float(value.strip().replace(",", "."))
            if abs(number) <= MAX_NUMBER:
                raise ValueError(
                    f"'{value}' viết theo kiểu khoa học; hãy viết đủ số: {written(number)}"
                )
        if number is None:
            raise ValueError(f"'{value}' không phải là số (viết 2,59 hoặc 10.000 theo kiểu Việt)")
        value = number
    if isinstance(value, bool):
        raise ValueError("phải là số, không phải đúng/sai")
    if isinstance(value, list | dict):
        raise ValueError(f"phải là một số (2,59 hoặc 10.000), không phải {_KINDS[type(value)]}")
    if isinstance(value, int | float) and abs(value) > MAX_NUMBER:
        raise ValueError(f"số quá lớn (quá {written(MAX_NUMBER)})")
    if isinstance(value, float) and value == int(value):
        return int(value)
    return value


def matching(regex: str, message: str) -> BeforeValidator:
    """A text field's pattern checked with the field's own words (Pydantic's pattern error
    names no rule, so every pattern got the rule for ids); `{value}` in `message` is the
    value given. The pattern stays in the field's `StringConstraints`, for the schema."""
    compiled = re.compile(regex)

    def check(value: Any) -> Any:
        if isinstance(value, str) and not compiled.search(value):
            raise ValueError(message.replace("{value}", value))
        return value

    return BeforeValidator(check)


def _known(table: dict[str, str], what: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        if value not in table:
            raise ValueError(f"{what} '{value}' không có trong danh mục; có: {', '.join(table)}")
        return value

    return check


def _level(value: str) -> str:
    return _known(levels() | unit_kinds(), "cấp hoặc loại đơn vị")(value)


def title_of_its_type(cls: type, value: str | None, info: ValidationInfo) -> str | None:
    """A header's `ten_loai` is its type's name, alone or followed by more words in capitals
    (the model's field validator: what render prints, import and check take for a title)."""
    code = info.data.get("loai")
    if value is not None and code is not None and type_of_title(value) != code:
        raise ValueError(title_rule(code))
    return value


def shipped_profile(name: str) -> str:
    """A profile kehoach ships (render refused an unknown one that validate accepted)."""
    return _known({n: n for n in profile_names()}, "hồ sơ thể thức")(name)


ID_LENGTH = 60


def free_id(base: str, taken: Collection[str]) -> str:
    """A valid id like `base` that `taken` does not hold: `base`, else `base-2`, `base-3` …,
    cut at a hyphen to fit `ID_LENGTH` (an element kehoach adds to a plan whose own ids,
    or their length, leave no room for the usual one)."""
    for n in itertools.count(1):
        tail = "" if n == 1 else f"-{n}"
        head = base[: ID_LENGTH - len(tail)].rstrip("-")
        if len(base) > ID_LENGTH - len(tail) and "-" in head:
            head = head.rsplit("-", 1)[0]  # at a hyphen, not inside a word
        if f"{head}{tail}" not in taken:
            return f"{head}{tail}"
    raise AssertionError("unreachable")


ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=ID_LENGTH),
    matching(
        ID_PATTERN,
        "mã không hợp lệ: chỉ dùng chữ thường không dấu, số và gạch ngang (vd. nv6-giao-duc)",
    ),
    Field(description="Mã ổn định, viết thường không dấu, nối bằng gạch ngang (nv6-giao-duc)."),
]
BODY_CODE = r"^[A-ZĐƯ]{1,10}(-[A-ZĐƯ]{1,10}){0,3}$"
BodyCode = Annotated[
    str,
    StringConstraints(pattern=BODY_CODE),
    matching(
        BODY_CODE,
        "mã cơ quan '{value}' không hợp lệ: chữ in hoa không dấu (được có Đ, Ư), các phần "
        "nối bằng gạch ngang, như HU, ĐU, TU, UBND, MTTQ-BTT",
    ),
]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Prose = Annotated[str, AfterValidator(_fold), StringConstraints(min_length=1)]
Number = Annotated[int | float, BeforeValidator(_vi_number)]
Level = Annotated[str, AfterValidator(_level)]
Levels = Annotated[
    list[Level],
    Field(
        min_length=1,
        description="Các cấp áp dụng (huyen, xa …) hoặc loại đơn vị (thi_tran, phuong …); "
        "bỏ trống là mọi cấp.",
    ),
]


def no_items() -> list[Any]:
    """The default of a list field. Pydantic reads a default factory's signature when it
    builds a schema, and reads a plain function's some 15 times faster than the builtin
    `list`'s (which it parses from text): about 3 ms of every start (issue 14)."""
    return []


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    xem_lai: list[ReviewNote] = Field(
        default_factory=no_items, description="Chỗ cần xem lại (hiện thành chú thích trong Word)."
    )


class Comparison(StrEnum):
    """How a result is compared with the target, as the wording says it."""

    tren = "tren"  # trên 95%  → >
    toi_thieu = "toi_thieu"  # tối thiểu, ít nhất → ≥
    khoang = "khoang"  # khoảng → ≈
    duoi = "duoi"  # dưới 15% → <
    toi_da = "toi_da"  # tối đa, không quá → ≤
    dat = "dat"  # đạt, chiếm, bare number → =


class Direction(StrEnum):
    """Whether a higher or a lower result is better."""

    tang = "tang"
    giam = "giam"


Printed = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20)]
"""A label as the source printed it (`3.2.` twice, `1.3` without its dot, `V.` for IV.)."""


def printed() -> Any:
    """The `nhan_goc` field: kept only where the printed label differs from the counted one."""
    return Field(
        None,
        description="Nhãn như văn bản gốc in (3.2. lặp lại, 1.3 thiếu dấu chấm, V. khi thiếu "
        "IV.), chỉ khi khác nhãn tính theo thứ tự; bỏ trống là tính theo thứ tự.",
    )
