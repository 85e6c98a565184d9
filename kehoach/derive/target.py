"""Whom a draft is for: the unit, its level and the level above, checked against the upper
plan, with the values the level's templates are filled with."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from kehoach.derive.upper import (
    cited_sources,
    proper_name,
    report_route,
    short_citation,
    signing_body,
)
from kehoach.derive.wording import Wording, fold, lower_first
from kehoach.errors import PlanError, Problem
from kehoach.plan.indicators import Indicator
from kehoach.plan.model import Plan
from kehoach.plan.references import plan_reference
from kehoach.plan.units import LoadedRegistry, Unit
from kehoach.plan.walk import Node
from kehoach.rules.levels import Level, Levels, load_levels, unit_kinds
from kehoach.rules.profile import Profile, load_profile
from kehoach.rules.profile_dates import profile_on
from kehoach.vn.citations import DRAFT_MARK, citation
from kehoach.vn.dates import short_date


@dataclass(frozen=True)
class Target:
    """The unit, its level (`level_id`, `level`, as it stands for the unit's kind), the
    level above (`upper`), the day the upper plan speaks of, the template values (`{dv}`,
    `{ten}`, `{ke_hoach_tren}` …), the profile the draft follows (by its year) and the
    province's proper name when the upper plan is the province's (`Cần Thơ`)."""

    unit: Unit
    level_id: str
    level: Level
    upper: Level
    day: dt.date
    fields: Mapping[str, object]
    wording: Wording
    profile: Profile
    province: str | None


def target_for(
    parent: Plan,
    loaded: LoadedRegistry,
    unit: Unit,
    nodes: list[Node],
    wordings: dict[str, Wording],
) -> Target:
    """The checked target; `wordings` caches one rewrite per kind of unit (xã, thị trấn)."""
    levels = load_levels()
    day = parent.van_ban.day
    upper_id, upper, level_id = _levels(parent, loaded, levels)
    level = levels.cap[level_id].on(day, unit.loai)
    kind = unit_kind(levels.cap[level_id], loaded, unit, parent)
    implemented = implemented_document(parent)
    if kind not in wordings:
        values = {"dv": kind, "noi_tren": parent.van_ban.dia_danh}
        words = {k: v.format(**values) for k, v in level.noi.model_dump().items() if v}
        reviews = [(r.cum.format(**values), r.ly_do) for r in level.xem_lai]
        organs = {k: v.format(**values) for k, v in levels.organ_map(day, unit.loai).items()}
        sources = dict.fromkeys(cited_sources(parent, implemented or ""), short_citation(parent))
        wordings[kind] = Wording(
            levels, upper, words, reviews, organs, sources, proper_name(parent, upper)
        )
    _check_unit_ids(parent, loaded, unit, nodes)
    fields = {
        "dv": kind,
        "DV": kind.upper(),
        "ten": unit.ten,
        "TEN": unit.ten.upper(),
        "ca_tren": upper.noi,
        "noi_tren": parent.van_ban.dia_danh,
        "ke_hoach_tren": plan_reference(parent),
        "trich_yeu_tren": lower_first(fold(parent.van_ban.trich_yeu)),
        "ban_hanh_tren": signing_body(parent, upper),
        "ten_tren": proper_name(parent, upper),
        "goi_tat_tren": short_citation(parent),
        "van_kien": implemented or "các văn bản của cấp trên",
        **_reporting(parent, upper, level),
    }
    profile = load_profile(profile_on(day.year))  # the draft is dated by its year
    province = proper_name(parent, upper) if levels.above(upper_id, day) is None else None
    return Target(unit, level_id, level, upper, day, fields, wordings[kind], profile, province)


def implemented_document(parent: Plan) -> str | None:
    """The document the plans implement, as the upper trích yếu names it."""
    found = citation().search(parent.van_ban.trich_yeu)
    return found.group() if found else None


def target_year(parent: Plan) -> int | None:
    """The year the upper plan's targets are for: its indicators' year, else the last
    milestone of its appendices; None for a plan without targets (a plan of tasks)."""
    block = parent.muc_tieu_chi_tieu.chi_tieu if parent.muc_tieu_chi_tieu else None
    if block is not None:
        return block.nam
    years = [year for appendix in parent.phu_luc for year in appendix.years()]
    return max(years) if years else None


def _reporting(parent: Plan, upper: Level, level: Level) -> dict[str, object]:
    """The reporting schedule's values: route, days, sơ kết and tổng kết years (left
    blank, `…`, when the upper plan sets no target year)."""
    end = target_year(parent)
    values: dict[str, object] = {
        "bao_cao_qua": report_route(parent, upper),
        "tong_ket": DRAFT_MARK if end is None else end,
    }
    if level.bao_cao is not None:
        schedule = level.bao_cao
        values |= {
            "sau_thang": schedule.sau_thang,
            "hang_nam": schedule.hang_nam,
            "so_ket": DRAFT_MARK if end is None else schedule.review_year(parent.van_ban.year, end),
        }
    return values


def unit_kind(level: Level, loaded: LoadedRegistry, unit: Unit, parent: Plan) -> str:
    """The name of the unit's kind (xã, phường …) if the level has that kind on the upper
    plan's day, under its issuer; else an error at the unit's `loai` naming the unit (a thị
    trấn after 1/7/2025, a phường under a huyện)."""
    day, issuer = parent.van_ban.day, parent.van_ban.co_quan
    kinds = level.on(day).kinds_under(issuer)
    if unit.loai in kinds:
        return kinds[unit.loai]
    name = unit_kinds()[unit.loai]
    period = next((p for p in level.theo_ky if p.valid_on(day)), None)
    rule = load_profile(profile_on(day)).dia_danh_ngay
    if period is not None and period.tu is not None and unit.loai in level.loai_don_vi:
        message = f"đơn vị '{unit.id}' là {name}: từ {short_date(period.tu, rule)} không còn {name}"
    elif unit.loai in level.on(day).loai_don_vi:
        message = f"đơn vị '{unit.id}' là {name}: {' '.join(issuer.split())} không có {name}"
    else:
        message = f"đơn vị '{unit.id}' là {name}: ngày {short_date(day, rule)} chưa có {name}"
    message += f"; có: {', '.join(kinds)}"
    raise PlanError([loaded.source.problem(loaded.where(unit, "loai"), message)])


def _levels(parent: Plan, loaded: LoadedRegistry, levels: Levels) -> tuple[str, Level, str]:
    """The upper plan's level (id and data) and the registry's level, which must come
    right below it in the chain of levels of the plan's year."""
    day = parent.van_ban.day
    upper_id = levels.of_body(parent.van_ban.ma_co_quan, parent.van_ban.co_quan)
    lower_id = loaded.registry.cap
    expected = levels.below(upper_id, day) if upper_id else None
    if upper_id is None or expected != lower_id or not levels.cap[lower_id].derivable:
        issuer = f"{parent.van_ban.co_quan} ({parent.van_ban.ma_co_quan}, {day.year})"
        message = (
            f"không soạn được kế hoạch cấp '{lower_id}' từ kế hoạch của {issuer}; "
            f"cấp dưới theo chuỗi cấp lúc đó là '{expected}'"
        )
        raise PlanError([loaded.source.problem(("cap",), message)])
    return upper_id, levels.cap[upper_id].on(day), lower_id


def _check_unit_ids(parent: Plan, loaded: LoadedRegistry, unit: Unit, nodes: list[Node]) -> None:
    """The unit's own values and dropped tasks must name the upper plan's elements."""
    found = [node.element for node in nodes if isinstance(node.element, Indicator)]
    indicators = {indicator.id for indicator in found}
    qualitative = {indicator.id for indicator in found if indicator.gia_tri is None}
    section = parent.nhiem_vu_giai_phap
    tasks = {task.id for task in section.muc} if section else set()
    problems: list[Problem] = [
        loaded.source.problem(
            loaded.where(unit, "chi_tieu", key),
            f"kế hoạch {parent.id} không có chỉ tiêu '{key}'",
            key=True,
        )
        for key in unit.chi_tieu
        if key not in indicators
    ]
    problems += [
        loaded.source.problem(
            loaded.where(unit, "chi_tieu", key),
            f"chỉ tiêu '{key}' của kế hoạch {parent.id} là chỉ tiêu định tính (không có giá "
            "trị) nên đơn vị không có giá trị riêng cho nó: bỏ dòng này",
            key=True,
        )
        for key in unit.chi_tieu
        if key in qualitative
    ]
    problems += [
        loaded.source.problem(
            loaded.where(unit, "bo_nhiem_vu", i),
            f"kế hoạch {parent.id} không có nhiệm vụ '{key}'",
        )
        for i, key in enumerate(unit.bo_nhiem_vu)
        if key not in tasks
    ]
    if problems:
        raise PlanError(problems)
