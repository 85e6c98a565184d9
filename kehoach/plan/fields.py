"""The plan's field types: ids, lines, prose, Vietnamese numbers, levels, the comparison
and direction of a target. Shared by the plan model and its appendices."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)

from kehoach.plan.review import ReviewNote
from kehoach.rules.data import levels
from kehoach.rules.levels import unit_kinds
from kehoach.vn.numbers import parse_number


def _fold(text: str) -> str:
    """Prose is one paragraph: line breaks of a YAML block become spaces."""
    return " ".join(part.strip() for part in text.strip().splitlines() if part.strip())


def _vi_number(value: Any) -> Any:
    """Accept `"2,59"` and `"10.000"` (the Vietnamese way) as numbers."""
    if isinstance(value, str):
        number = parse_number(value)
        if number is None:
            raise ValueError(f"'{value}' không phải là số (viết 2,59 hoặc 10.000 theo kiểu Việt)")
        return number
    if isinstance(value, bool):
        raise ValueError("phải là số, không phải đúng/sai")
    if isinstance(value, float) and value == int(value):
        return int(value)
    return value


def _known(table: dict[str, str], what: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        if value not in table:
            raise ValueError(f"{what} '{value}' không có trong danh mục; có: {', '.join(table)}")
        return value

    return check


def _level(value: str) -> str:
    return _known(levels() | unit_kinds(), "cấp hoặc loại đơn vị")(value)


Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60),
    Field(description="Mã ổn định, viết thường không dấu, nối bằng gạch ngang (nv6-giao-duc)."),
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
