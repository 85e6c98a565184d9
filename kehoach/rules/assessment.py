"""How a result is judged against its target (`kehoach/data/danh_gia.yaml`): the one rule
table read by the Excel formulas of the report form, by `kehoach aggregate`, and by the
sentences of `kehoach report`."""

from __future__ import annotations

from functools import cache
from typing import Annotated, Literal, get_args

from pydantic import Field, field_validator, with_config
from typing_extensions import TypedDict

from kehoach.rules.source import FORBID, Data, Number, read, shipped

# The comparisons and directions of an indicator (kehoach.plan.fields.Comparison, Direction).
Comparison = Literal["tren", "toi_thieu", "khoang", "duoi", "toi_da", "dat"]
Direction = Literal["tang", "giam"]
Operator = Literal[">", "<", ">=", "<=", "="]
Verdict = Literal["vuot", "dat"]

# [phép, độ lệch, kết quả]: the result PHÉP (target + độ lệch × tolerance) gives kết quả.
Step = tuple[Operator, Number, Verdict]


@with_config(FORBID)
class Way(TypedDict):
    """One comparison written: its word (`trên`), its sign (`>`), how the report form
    writes a target of it (`> 95`, `khoảng 49`: the mark before the value), and how a
    report's sentence does (`trên {gt}`: {gt} the value with its unit)."""

    chu: str
    dau: str
    tren_bieu: str
    bao_cao: str




@with_config(FORBID)
class Labels(TypedDict):
    """The words of the verdicts."""

    vuot: str
    dat: str
    khong_dat: str


@with_config(FORBID)
class ByDirection(TypedDict):
    tang: list[Step]
    giam: list[Step]


@with_config(FORBID)
class Steps(TypedDict):
    """Comparison → direction → the conditions tried in turn."""

    tren: ByDirection
    duoi: ByDirection
    toi_thieu: ByDirection
    toi_da: ByDirection
    dat: ByDirection
    khoang: ByDirection


@with_config(FORBID)
class Verbs(TypedDict):
    """The verb before a reported figure, by the indicator's direction."""

    tang: str
    giam: str


@with_config(FORBID)
class Outcomes(TypedDict):
    """How a report's sentence says each verdict; `chua_dat` is `khong_dat` before the year
    the target is for."""

    vuot: str
    dat: str
    khong_dat: str
    chua_dat: str


@with_config(FORBID)
class Sentences(TypedDict):
    """The report's sentences about an indicator (str.format templates)."""

    so_lieu: str
    tu_danh_gia: str
    chua_co: str
    toan_dia_ban: str
    don_vi_dat: str
    don_vi_danh_gia: str
    trong_do_vuot: str
    don_vi_chua_dat: str
    don_vi_chua_co: str
    khong_don_vi_nao: str


@with_config(FORBID)
class Wording(TypedDict):
    """How the report on a plan (`kehoach report`) words a result: its verb, the verdict,
    and the sentences themselves (the target: `so_sanh`'s `bao_cao`)."""

    dong_tu: Verbs
    ket_qua: Outcomes
    cau: Sentences


class Assessment(Data):
    khoang_dung_sai_phan_tram: Annotated[Number, Field(ge=0)]
    so_sanh: dict[Comparison, Way]  # each comparison's written forms, defined here only
    dinh_tinh: str
    ty_le_toi_da: Annotated[Number, Field(ge=0)]
    nhan: Labels
    quy_tac: Steps
    bao_cao: Wording

    @field_validator("so_sanh")
    @classmethod
    def _every_comparison(cls, ways: dict[Comparison, Way]) -> dict[Comparison, Way]:
        missing = [c for c in get_args(Comparison) if c not in ways]
        if missing:
            raise ValueError(f"thiếu cách viết của: {', '.join(missing)}")
        return ways


@cache
def load_assessment() -> Assessment:
    return read(Assessment, shipped("danh_gia.yaml"))
