"""Draft a unit's plan (xã, thị trấn) from the plan of the level above.

The result is a new `Plan`, plus every change made (element id, before, after, rule)
and a review list for the clerk. Wording changes come from the level data: each
phrase the upper level uses for itself is replaced by the unit's own phrase, outside
citations and quoted titles, which are never rewritten. Section IV is generated
from the unit level's roles; items not meant for the unit's level are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from kehoach.errors import PlanError, Problem
from kehoach.plan.model import Plan
from kehoach.plan.references import is_issued, plan_reference
from kehoach.plan.units import LoadedRegistry, Unit
from kehoach.rules.levels import Level, Levels, load_levels
from kehoach.vn.citations import citation


@dataclass(frozen=True)
class Change:
    element: str
    before: str
    after: str
    rule: str


@dataclass
class Derived:
    """A unit's drafted plan, what changed, and what the clerk must review (by element id)."""

    unit: Unit
    plan: Plan
    changes: list[Change] = field(default_factory=list)
    review: dict[str, list[str]] = field(default_factory=dict)


def _fold(text: str) -> str:
    return " ".join(text.split())


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


class _Wording:
    """Replaces the upper level's phrases in running text, sparing citations and titles."""

    def __init__(
        self,
        levels: Levels,
        upper: Level,
        lower_words: dict[str, str],
        reviews: list[tuple[str, str]],
    ) -> None:
        self.rules = sorted(
            (
                (getattr(upper.noi, key), value, key)
                for key, value in lower_words.items()
                if getattr(upper.noi, key) != value
            ),
            key=lambda rule: -len(rule[0]),
        )
        self.reviews = reviews
        self._done: dict[str, tuple[str, list[str], list[str]]] = {}  # units repeat texts
        self.area = upper.tu_dia_ban
        self.area_word = re.compile(rf"\b{re.escape(self.area)}\b", re.IGNORECASE)
        issuers = {
            w
            for lv in levels.cap.values()
            for w in (lv.noi.ban_thuong_vu, lv.noi.ban_chap_hanh, lv.noi.cap_uy)
        }
        issuers |= set(levels.co_quan_khac)
        who = "|".join(re.escape(i) for i in sorted(issuers, key=len, reverse=True))
        self.protected = re.compile(
            rf"“[^”]*”|\"[^\"]*\"|{citation().pattern}"
            rf"(?: ngày \d{{1,2}}/\d{{1,2}}/\d{{4}})?(?: của (?:{who}))?"
        )

    def free_parts(self, text: str) -> list[tuple[bool, str]]:
        """`text` cut into (rewritable?, part)."""
        parts, last = [], 0
        for match in self.protected.finditer(text):
            parts += [(True, text[last : match.start()]), (False, match.group())]
            last = match.end()
        return [*parts, (True, text[last:])]

    def apply(self, text: str) -> tuple[str, list[str], list[str]]:
        """The rewritten text, the rules used, and the reasons it needs a look."""
        if text not in self._done:
            self._done[text] = self._apply(text)
        return self._done[text]

    def _apply(self, text: str) -> tuple[str, list[str], list[str]]:
        used: list[str] = []
        out = []
        for free, part in self.free_parts(text):
            if free:
                for before, after, rule in self.rules:
                    if before in part:
                        part = part.replace(before, after)
                        used.append(rule)
            out.append(part)
        result = "".join(out)
        reasons = [why for phrase, why in self.reviews if phrase in result]
        free_text = " ".join(p for free, p in self.free_parts(result) if free)
        if self.area_word.search(free_text) and not reasons:
            reasons.append(
                f"còn chữ '{self.area}': chỉ đúng khi đơn vị làm việc với cơ quan cấp đó"
            )
        return result, sorted(set(used)), reasons


class _Deriver:
    def __init__(
        self, parent: Plan, loaded: LoadedRegistry, unit: Unit, wordings: dict[str, _Wording]
    ) -> None:
        self.parent = parent
        self.unit = unit
        self.levels = load_levels()
        self.day = parent.van_ban.day
        upper_id = self.levels.of_body(parent.van_ban.ma_co_quan)
        lower_id = loaded.registry.cap
        expected = self.levels.below(upper_id, self.day) if upper_id else None
        if expected != lower_id or not self.levels.cap[lower_id].derivable:
            issuer = f"{parent.van_ban.co_quan} ({parent.van_ban.ma_co_quan}, {self.day.year})"
            message = (
                f"không soạn được kế hoạch cấp '{lower_id}' từ kế hoạch của {issuer}; "
                f"cấp dưới theo chuỗi cấp lúc đó là '{expected}'"
            )
            raise PlanError([loaded.source.problem(("cap",), message)])
        self.level_id = lower_id
        self.upper = self.levels.cap[upper_id]
        self.level = self.levels.cap[lower_id]
        if unit.loai not in self.level.loai_don_vi:
            kinds = ", ".join(self.level.loai_don_vi)
            message = f"loại đơn vị '{unit.loai}' không có; có: {kinds}"
            raise PlanError([loaded.source.problem(loaded.where(unit, "loai"), message)])
        kind = self.level.loai_don_vi[unit.loai]
        self.fields: dict[str, Any] = {
            "dv": kind,
            "DV": kind.upper(),
            "ten": unit.ten,
            "TEN": unit.ten.upper(),
            "ca_tren": self.upper.noi,
            "noi_tren": parent.van_ban.dia_danh,
        }
        if kind not in wordings:
            fields = {"dv": kind, "noi_tren": parent.van_ban.dia_danh}
            words = {k: v.format(**fields) for k, v in self.level.noi.model_dump().items()}
            reviews = [(r.cum.format(**fields), r.ly_do) for r in self.level.xem_lai]
            wordings[kind] = _Wording(self.levels, self.upper, words, reviews)
        self.wording = wordings[kind]
        self.result = Derived(unit=unit, plan=parent)
        self._check_unit_ids(loaded)

    def _check_unit_ids(self, loaded: LoadedRegistry) -> None:
        indicators = {i.id for i in self.parent.muc_tieu_chi_tieu.chi_tieu.indicators()}
        tasks = {t.id for t in self.parent.nhiem_vu_giai_phap.muc}
        problems: list[Problem] = []
        for key in self.unit.chi_tieu:
            if key not in indicators:
                problems.append(
                    loaded.source.problem(
                        loaded.where(self.unit, "chi_tieu", key),
                        f"kế hoạch {self.parent.id} không có chỉ tiêu '{key}'",
                        key=True,
                    )
                )
        for i, key in enumerate(self.unit.bo_nhiem_vu):
            if key not in tasks:
                problems.append(
                    loaded.source.problem(
                        loaded.where(self.unit, "bo_nhiem_vu", i),
                        f"kế hoạch {self.parent.id} không có nhiệm vụ '{key}'",
                    )
                )
        if problems:
            raise PlanError(problems)

    # -- recording ---------------------------------------------------------------------

    def change(self, element: str, before: str, after: str, rule: str) -> None:
        self.result.changes.append(Change(element, before, after, rule))

    def flag(self, element: str, reason: str) -> None:
        reasons = self.result.review.setdefault(element, [])
        if reason not in reasons:
            reasons.append(reason)

    def text(self, element: str, text: str) -> str:
        after, rules, reasons = self.wording.apply(text)
        if after != text:
            self.change(element, text, after, ",".join(rules))
        for reason in reasons:
            self.flag(element, reason)
        return after

    def applies(self, item: dict[str, Any]) -> bool:
        levels = item.get("cap")
        if levels is not None and self.level_id not in levels:
            self.change(item["id"], _summary(item), "", f"cap:{'/'.join(levels)}")
            return False
        return True

    # -- parts of the plan ---------------------------------------------------------------

    def header(self, data: dict[str, Any], registry: LoadedRegistry) -> None:
        upper = self.parent.van_ban
        if not is_issued(upper):
            self.flag("van_ban", "kế hoạch cấp trên chưa có số, ngày: điền khi cấp trên ban hành")
        self.fields["ke_hoach_tren"] = plan_reference(self.parent)
        self.fields["trich_yeu_tren"] = _lower_first(_fold(upper.trich_yeu))
        issuer = self.level.co_quan.format(**self.fields)
        if len(issuer) > self.level.co_quan_mot_dong and self.level.co_quan_hai_dong:
            issuer = self.level.co_quan_hai_dong.format(**self.fields)
        header = {
            "cap_tren": registry.registry.cap_tren,
            "co_quan": issuer,
            "ma_co_quan": self.level.ma_co_quan[0],
            "loai": upper.loai,
            "du_thao": True,
            "dia_danh": self.unit.ten,
            "ngay": self.day.year,
            "trich_yeu": self.level.trich_yeu.format(**self.fields),
        }
        for key, value in header.items():
            before = data["van_ban"].get(key)
            if before != value:
                self.change(f"van_ban.{key}", str(before or ""), str(value), "dau-van-ban")
        data["van_ban"] = header

    def opening(self, data: dict[str, Any]) -> None:
        text = _fold(self.level.mo_dau.format(**self.fields))
        before = " ".join(p["noi_dung"] for p in data["can_cu"])
        self.change("can_cu", before, text, "mo-dau")
        data["can_cu"] = [{"id": "can-cu", "noi_dung": text}]

    def paragraphs(self, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        kept = []
        for p in items:
            if self.applies(p):
                kept.append(p | {"noi_dung": self.text(p["id"], p["noi_dung"])})
        return kept

    def item(self, item: dict[str, Any]) -> dict[str, Any]:
        title = self.text(item["id"], item["tieu_de"])
        return item | {"tieu_de": title, "doan": self.paragraphs(item.get("doan", []))}

    def items(self, items: list[dict[str, Any]], dropped: set[str] = frozenset()) -> list:
        out = []
        for item in items:
            if item["id"] in dropped:
                self.change(item["id"], item["tieu_de"], "", "don-vi:bo_nhiem_vu")
            elif self.applies(item):
                out.append(self.item(item))
        return out

    def indicator(self, record: dict[str, Any]) -> dict[str, Any]:
        record = record | {"cau": self.text(record["id"], record["cau"])}
        own = self.unit.chi_tieu.get(record["id"])
        if own is not None:
            self.change(record["id"], str(record["gia_tri"]), str(own), "don-vi:chi_tieu")
            return record | {"gia_tri": own}
        if record.get("gia_tri") is not None:
            self.flag(record["id"], "giữ giá trị của cấp trên: điền giá trị của đơn vị")
        return record

    def phrases(self, phrases: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Keep what applies; a dropped phrase hands its joiner to the one before it,
        so the sentence still reads right."""
        out: list[dict[str, Any]] = []
        for phrase in phrases:
            kept: dict[str, Any] | None
            if "chi_tieu" in phrase:
                inner = self.phrases(phrase["chi_tieu"])
                kept = phrase | {"chi_tieu": inner} if inner else None
            else:
                kept = self.indicator(phrase) if self.applies(phrase) else None
            if kept is not None:
                out.append(kept)
            elif out:
                out[-1] = {k: v for k, v in out[-1].items() if k != "noi"}
                if "noi" in phrase:
                    out[-1]["noi"] = phrase["noi"]
        return out

    def objectives(self, data: dict[str, Any]) -> None:
        block = data["muc_tieu_chi_tieu"]
        block["muc_tieu_tong_quat"] = self.item(block["muc_tieu_tong_quat"])
        if "tam_nhin" in block:
            block["tam_nhin"] = self.item(block["tam_nhin"])
        kept = []
        for paragraph in block["chi_tieu"]["doan"]:
            if self.applies(paragraph):
                phrases = self.phrases(paragraph["noi_dung"])
                if phrases:
                    kept.append(paragraph | {"noi_dung": phrases})
        block["chi_tieu"]["doan"] = kept

    def organisation(self, data: dict[str, Any]) -> None:
        section = data["to_chuc_thuc_hien"]
        fields = self.fields | {"van_kien": self._subject()}
        duties = [
            {
                "id": role.id,
                "chu_the": role.chu_the.format(**fields),
                "noi_dung": _fold(role.noi_dung.format(**fields)),
            }
            for role in self.level.to_chuc_thuc_hien
            if role.valid_on(self.day)
        ]
        before = " | ".join(f"{d['chu_the']} {d['noi_dung']}" for d in section["muc"])
        after = " | ".join(f"{d['chu_the']} {d['noi_dung']}" for d in duties)
        self.change(section["id"], before, after, "to-chuc-thuc-hien")
        section["muc"] = duties

    def _subject(self) -> str:
        """The document the plans implement, as the upper trích yếu names it."""
        found = citation().search(self.parent.van_ban.trich_yeu)
        if found:
            return found.group()
        self.flag("to_chuc_thuc_hien", "không nhận ra văn kiện được triển khai trong trích yếu")
        return "các văn bản của cấp trên"

    def closing(self, data: dict[str, Any]) -> None:
        if self.unit.ky is not None:
            data["chu_ky"] = self.unit.ky.model_dump()
        else:
            data["chu_ky"] = self.level.chu_ky.model_dump() | {"ho_ten": ""}
            self.flag("chu_ky", "chưa có người ký trong danh sách đơn vị")
        data["noi_nhan"] = [line.format(**self.fields) for line in self.level.noi_nhan]


def _summary(item: dict[str, Any]) -> str:
    for key in ("tieu_de", "noi_dung", "cau", "nhan"):
        if isinstance(item.get(key), str):
            return item[key]
    return item["id"]


class Derivation:
    """Drafts the plans of a registry's units from one upper plan. The upper plan is read
    into plain data once, so a batch of units shares that work."""

    def __init__(self, parent: Plan, loaded: LoadedRegistry) -> None:
        self.parent = parent
        self.loaded = loaded
        data = parent.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
        data.pop("danh_sach_don_vi", None)
        when = parent.van_ban.ngay
        data["goc"] = {
            "id": parent.id,
            "ngay": when if isinstance(when, int) else when.isoformat(),
            "ky_hieu": f"{parent.van_ban.loai}/{parent.van_ban.ma_co_quan}",
        }
        if parent.van_ban.so is not None:
            data["goc"]["so"] = parent.van_ban.so
        self.data = data
        self.wordings: dict[str, _Wording] = {}  # by kind of unit (xã, thị trấn)

    def derive(self, unit: Unit) -> Derived:
        """The draft plan of `unit` (see the module docstring)."""
        d = _Deriver(self.parent, self.loaded, unit, self.wordings)
        # Shallow copies of every dict the steps below assign into; the rest is rebuilt.
        data = dict(self.data, id=f"{self.parent.id}-{unit.id}", don_vi=unit.id)
        for key in ("muc_dich_yeu_cau", "nhiem_vu_giai_phap", "to_chuc_thuc_hien"):
            data[key] = dict(data[key])
        objectives = data["muc_tieu_chi_tieu"] = dict(data["muc_tieu_chi_tieu"])
        objectives["chi_tieu"] = dict(objectives["chi_tieu"])
        d.header(data, self.loaded)
        d.opening(data)
        section = data["muc_dich_yeu_cau"]
        section["muc"] = d.items(section["muc"])
        d.objectives(data)
        tasks = data["nhiem_vu_giai_phap"]
        tasks["muc"] = d.items(tasks["muc"], set(unit.bo_nhiem_vu))
        d.organisation(data)
        data["phan_khac"] = [
            extra
            | {"doan": d.paragraphs(extra.get("doan", [])), "muc": d.items(extra.get("muc", []))}
            for extra in data.get("phan_khac", [])
        ]
        d.closing(data)
        d.result.plan = Plan.model_validate(data)
        return d.result


def derive(parent: Plan, loaded: LoadedRegistry, unit: Unit) -> Derived:
    """The draft plan of one `unit` of `loaded`, from `parent`."""
    return Derivation(parent, loaded).derive(unit)
