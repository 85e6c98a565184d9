"""Evaluation of a result against its target: one rule table (kehoach/data/danh_gia.yaml)
read by both the Excel formulas of the report form and the summary's own computation."""

from __future__ import annotations

import math
import operator
from functools import cache
from typing import cast

from kehoach.plan.fields import Comparison, Direction
from kehoach.plan.indicators import Indicator
from kehoach.rules import assessment
from kehoach.rules.assessment import Assessment, Labels, load_assessment
from kehoach.vn import numbers as vnformat

_PYTHON = {
    ">": operator.gt,
    "<": operator.lt,
    ">=": operator.ge,
    "<=": operator.le,
    "=": operator.eq,
}


@cache
def _rules() -> Assessment:
    return load_assessment()


def labels() -> Labels:
    """Result key → its word (vuot → Vượt)."""
    return _rules().nhan


def reached_labels() -> set[str]:
    """The words that count as reaching the target (Vượt, Đạt)."""
    words = labels()
    return {words["vuot"], words["dat"]}


def target_text(indicator: Indicator) -> str:
    """The planned value as the form shows it: `> 95`, `≥ 95`, `khoảng 49`, `80`."""
    if indicator.gia_tri is None:
        return _rules().dinh_tinh
    mark = _rules().so_sanh[indicator.comparison.value]["tren_bieu"]
    value = vnformat.number(indicator.gia_tri)
    return f"{mark} {value}" if mark else value


def highest(indicator: Indicator) -> float | None:
    """The largest result a unit can report: 100 for a rate in %, else no limit."""
    return _rules().ty_le_toi_da if (indicator.don_vi or "").startswith("%") else None


def tolerance(indicator: Indicator) -> float:
    """The absolute tolerance of an indicator ('khoảng'), 0 for the others."""
    if indicator.so_sanh is not Comparison.khoang or indicator.gia_tri is None:
        return 0.0
    return indicator.gia_tri * _rules().khoang_dung_sai_phan_tram / 100


def rule_code(indicator: Indicator) -> str:
    """`<so_sanh>/<huong>`: the key of the indicator's rule, stored in the form's hidden cell."""
    return f"{indicator.comparison.value}/{indicator.direction.value}"


def _steps(code: str) -> list[assessment.Step]:
    # The keys of the rule table are the names of plan.fields' Comparison and Direction.
    comparison, direction = code.split("/")
    by_direction = _rules().quy_tac[cast("assessment.Comparison", comparison)]
    return by_direction[cast("assessment.Direction", direction)]


def evaluate(code: str, target: float, result: float, tol: float) -> str | None:
    """The word for `result` against `target` (Vượt, Đạt, Không đạt); None when either is
    not a finite number (nothing exceeds an infinite target, nor reaches it)."""
    if not all(math.isfinite(x) for x in (target, result, tol)):
        return None
    for op, offset, key in _steps(code):
        if _PYTHON[op](result, target + offset * tol):
            return labels()[key]
    return labels()["khong_dat"]


def excel_evaluation(code: str, result: str, target: str, tol: str) -> str:
    """The same evaluation as an Excel formula over the given cell references."""
    formula = f'"{labels()["khong_dat"]}"'
    for op, offset, key in reversed(_steps(code)):
        bound = target if offset == 0 else f"{target}{'+' if offset > 0 else '-'}{tol}"
        formula = f'IF({result}{op}{bound},"{labels()[key]}",{formula})'
    return f'=IF(ISNUMBER({result}),{formula},"")'


def excel_ratio(code: str, result: str, target: str) -> str:
    """Tỷ lệ % as an Excel formula."""
    lower_better = code.endswith(f"/{Direction.giam.value}")
    numerator, denominator = (target, result) if lower_better else (result, target)
    return (
        f"=IF(AND(ISNUMBER({result}),ISNUMBER({target})),"
        f'IF({denominator}=0,"",ROUND({numerator}/{denominator}*100,2)),"")'
    )
