"""Whom a draft is for: the unit, its level and the level above, checked against the upper
plan, with the values the level's templates are filled with."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from kehoach.derive.assignments import UpperTask, upper_tasks
from kehoach.derive.reports import Reporting, reporting
from kehoach.derive.scope import Reader, reader
from kehoach.derive.upper import (
    bare_name,
    cited_sources,
    proper_name,
    short_citation,
    signing_body,
)
from kehoach.derive.wording import Speech, Wording, fold, lower_first
from kehoach.errors import PlanError, Problem
from kehoach.forms.evaluation import out_of_range
from kehoach.plan.appendix import Milestones
from kehoach.plan.indicators import Indicator
from kehoach.plan.model import Plan
from kehoach.plan.references import plan_reference
from kehoach.plan.units import LoadedRegistry, Unit
from kehoach.plan.walk import Node
from kehoach.rules.levels import Level, Levels, load_levels, unit_kinds
from kehoach.rules.profile import Profile, load_profile
from kehoach.rules.profile_dates import profile_on
from kehoach.rules.scope import Scope, fill, load_scope
from kehoach.vn.citations import citation, named_document
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
    scope: Reader
    profile: Profile
    province: str | None
    report_notes: tuple[tuple[str, str], ...] = ()  # days, years not the upper plan's: why
    upper_tasks: tuple[UpperTask, ...] = ()  # phụ lục rows given to upper bodies alone


Voice = tuple[Wording, Reader, Reporting]


def target_for(
    parent: Plan,
    loaded: LoadedRegistry,
    unit: Unit,
    nodes: list[Node],
    wordings: dict[str, Voice],
) -> Target:
    """The checked target; `wordings` caches one rewrite and one scope reader per kind of
    unit (xã, thị trấn)."""
    levels = load_levels()
    day = parent.van_ban.day
    upper_id, upper, level_id = _levels(parent, loaded, levels)
    level = levels.cap[level_id].on(day, unit.loai)
    kind = unit_kind(levels.cap[level_id], loaded, unit, parent)
    implemented = implemented_document(parent)
    if kind not in wordings:
        units = loaded.registry.don_vi
        names = [u.ten for u in units] + [f.ten for u in units for f in u.tien_than]
        wordings[kind] = _voice(parent, levels, upper, level, unit, kind, implemented, names)
    wording, scope_reader, (report_values, report_notes) = wordings[kind]
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
        # a plan that implements no named document is itself what the unit carries out
        "van_kien": implemented or short_citation(parent),
        "dan_cu": loaded.registry.residential(unit) or level.dan_cu,
        "cac_viec": level.cac_viec.get(
            "co_chi_tieu" if parent.muc_tieu_chi_tieu or parent.milestones() else "khong_chi_tieu",
            "",
        ),
        **report_values,
    }
    profile = load_profile(profile_on(day.year))  # the draft is dated by its year
    province = bare_name(parent, upper) if levels.above(upper_id, day) is None else None
    return Target(unit, level_id, level, upper, day, fields, wording, scope_reader, profile,
                  province, tuple(report_notes), tuple(upper_tasks(scope_reader, parent.phu_luc)))


def _voice(
    parent: Plan,
    levels: Levels,
    upper: Level,
    level: Level,
    unit: Unit,
    kind: str,
    implemented: str | None,
    names: list[str],
) -> Voice:
    """The rewrite of the upper plan's words for a unit of `kind`, and the scope reader
    (the upper level's words filled into the scope data, the rewrite's protected spans;
    `names`: the registry's unit names, which the reader knows whole)."""
    day = parent.van_ban.day
    values = {"dv": kind, "noi_tren": parent.van_ban.dia_danh}
    words = {k: v.format(**values) for k, v in level.noi.model_dump().items() if v}
    reviews = [(r.cum.format(**values), r.ly_do.format(**values)) for r in level.xem_lai]
    organs = {k: v.format(**values) for k, v in levels.organ_map(day, unit.loai).items()}
    sources = dict.fromkeys(cited_sources(parent, implemented or ""), short_citation(parent))
    name = proper_name(parent, upper)
    upper_words = {"tinh": upper.tu_dia_ban, "cap_uy": upper.noi.cap_uy, "ten_tren": name,
                   "dv": kind}
    scope = load_scope()
    kinds = list(level.loai_don_vi.values())
    scope_reader = reader(scope, upper_words, _NONE, kinds, names)
    speech = _speech(scope, upper_words, scope_reader)
    wording = Wording(levels, upper, words, reviews, organs, sources, name, speech)
    scope_reader.protected = wording.protected
    return wording, scope_reader, reporting(parent, upper, level)


_NONE = re.compile(r"(?!)")  # protects nothing, until the wording's pattern is known


def _speech(scope: Scope, words: dict[str, str], found: Reader) -> Speech:
    """The scope data's phrases for the wording: the area's, the organisations' below, and
    the upper names the unit keeps (`Công an tỉnh`, `Nghị quyết Đại hội Đảng bộ tỉnh …`)."""
    lower = {**words, "tinh": words["dv"]}
    area = {fill(p, words): fill(p, lower) for p in scope.noi_dia_ban}
    below = {
        fill(before, {**words, "cac_dv": listing}): fill(after, words)
        for before, after in scope.goi_cap_duoi.items()
        for listing in scope.cac_don_vi
    }
    names = (found.regex["co_quan_tren"], *(fill(n, found.regex) for n in scope.giu_nguyen))
    return Speech(words["dv"], area, below, tuple(scope.giu_cap_uy_sau), names,
                  found.regex["cac_dv"], tuple(scope.goi_chung_giu_sau))


def implemented_document(parent: Plan) -> str | None:
    """The document the plans implement, as the upper trích yếu names it: by its number
    (`Nghị quyết số 57-NQ/TW`), else by its name (`Nghị quyết Đại hội … của Đảng`)."""
    summary = fold(parent.van_ban.trich_yeu)
    found = citation().search(summary) or named_document().search(summary)
    return found.group() if found else None


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
    indicators = {node.id: node.element for node in nodes
                  if isinstance(node.element, Indicator | Milestones)}
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
    for key, value in unit.chi_tieu.items():
        wrong = _out_of_range(indicators.get(key), value)
        if wrong:
            problems.append(loaded.source.problem(loaded.where(unit, "chi_tieu", key), wrong))
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


def _out_of_range(indicator: Indicator | Milestones | None, value: float) -> str | None:
    """Why a unit's own value cannot be its indicator's (a rate over 100 …), or None."""
    if indicator is None:
        return None
    if isinstance(indicator, Indicator) and indicator.gia_tri is None:
        return (f"chỉ tiêu '{indicator.id}' là chỉ tiêu định tính (không có giá trị) nên đơn "
                "vị không có giá trị riêng cho nó: bỏ dòng này")
    return out_of_range(indicator, value)
