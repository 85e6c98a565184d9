"""Evaluation of a result against its target: one rule table (kehoach/data/danh_gia.yaml)
read by both the Excel formulas of the report form and the summary's own computation."""

from __future__ import annotations

import math
import operator
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import TypeVar, cast

from kehoach.plan.appendix import Milestones
from kehoach.plan.fields import Comparison, Direction
from kehoach.plan.indicators import Indicator
from kehoach.rules import assessment
from kehoach.rules.assessment import Assessment, Labels, Wording, load_assessment
from kehoach.vn import numbers as vnformat

_T = TypeVar("_T")

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


def label_of(key: str) -> str:
    """The verdict's word for its key (vuot → Vượt)."""
    return cast("dict[str, str]", labels())[key]


def key_of(label: str) -> str:
    """The verdict's key for its word (Vượt → vuot), as the rule table names it."""
    return next(key for key, word in labels().items() if word == label)


def wording() -> Wording:
    """How a report's sentence words a result (the table's `bao_cao`)."""
    return _rules().bao_cao


def said(part: str, key: str) -> str:
    """The word a report's sentence uses for `key` in `part` of the table's `bao_cao`: the
    verb by direction (`dong_tu`), the verdict (`ket_qua`: vuot, dat, khong_dat,
    chua_dat)."""
    return cast("dict[str, dict[str, str]]", _rules().bao_cao)[part][key]


def target_words(indicator: Indicator) -> str:
    """The target as a report's sentence names it: `trên 95%`, `khoảng 49%`, `80%`."""
    if indicator.gia_tri is None:
        raise ValueError(f"chỉ tiêu định tính {indicator.id} không có giá trị")
    words = _rules().so_sanh[indicator.comparison.value]["bao_cao"]
    return words.format(gt=vnformat.quantity(indicator.gia_tri, indicator.don_vi))


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


def highest(indicator: Indicator | Milestones) -> float | None:
    """The largest figure a unit can have: 100 for a rate in %, unless the indicator says
    otherwise (its own target, or a milestone's, above 100: `đạt 120% kế hoạch`); else no
    limit."""
    top = _rules().ty_le_toi_da
    if not (indicator.don_vi or "").startswith("%"):
        return None
    targets = ([indicator.gia_tri] if isinstance(indicator, Indicator)
               else list(indicator.moc.values()))
    over = any(isinstance(t, int | float) and t > top for t in targets)
    return None if over else top


def out_of_range(indicator: Indicator | Milestones, value: float) -> str | None:
    """Why `value` cannot be a unit's figure for `indicator` (not finite, negative, over
    `highest`), in Vietnamese; None when it can."""
    if not math.isfinite(value):
        return "không phải một số hữu hạn"
    top = highest(indicator)
    if value < 0 or (top is not None and value > top):
        allowed = f"từ 0 đến {vnformat.number(top)}" if top is not None else "không âm"
        unit = f" của chỉ tiêu tính bằng '{indicator.don_vi}'" if indicator.don_vi else ""
        return f"{vnformat.number(value)} ngoài khoảng cho phép ({allowed}){unit}"
    return None


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


def _ratio_terms(code: str, result: _T, target: _T) -> tuple[_T, _T]:
    """(numerator, denominator) of Tỷ lệ %: result ÷ target, target ÷ result when lower
    is better."""
    lower_better = code.endswith(f"/{Direction.giam.value}")
    return (target, result) if lower_better else (result, target)


def ratio(code: str, result: float, target: float) -> float | None:
    """Tỷ lệ % as the form's formula computes it (rounded to 2 decimals); None where the
    formula leaves the cell blank (a zero denominator, a number that is not finite)."""
    numerator, denominator = _ratio_terms(code, result, target)
    if denominator == 0 or not all(math.isfinite(x) for x in (result, target)):
        return None
    # ROUND(x, 2) as spreadsheets do it: half away from zero on the shown digits
    shown = Decimal(f"{numerator / denominator * 100:.15g}")
    return float(shown.quantize(Decimal("0.01"), ROUND_HALF_UP))


def excel_ratio(code: str, result: str, target: str) -> str:
    """Tỷ lệ % as an Excel formula."""
    numerator, denominator = _ratio_terms(code, result, target)
    return (
        f"=IF(AND(ISNUMBER({result}),ISNUMBER({target})),"
        f'IF({denominator}=0,"",ROUND({numerator}/{denominator}*100,2)),"")'
    )
