"""The sentence on each indicator's result: words, verbs and comparisons from the rule
table that judges the forms (`danh_gia.yaml`, `bao_cao`), figures written the Vietnamese
way, and for each figure the comment naming the file and cell it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from kehoach.forms import evaluation
from kehoach.forms.report import outline
from kehoach.plan.indicators import Indicator
from kehoach.report.results import REACHED, Result, Results
from kehoach.rules.outline import Phrases
from kehoach.vn.numbers import quantity


@dataclass
class Said:
    """A paragraph's text and its comments: (words of the text, the comment on them)."""

    text: str
    remarks: list[tuple[str, str]] = field(default_factory=list)


@cache
def phrases() -> Phrases:
    """The report draft's own wording (de_cuong.yaml, `bao_cao`)."""
    return outline().bao_cao


def _shown(result: Result, indicator: Indicator) -> str:
    """A unit's figure (`78%`), or its own verdict (Đạt) on a qualitative indicator."""
    if result.value is not None:
        return quantity(result.value, indicator.don_vi)
    return evaluation.label_of(result.verdict) if result.verdict else ""


class Sentences:
    """The sentences of one report: a unit's own (`area` None), or the level above's over
    its units (`area`: thành phố, huyện …)."""

    def __init__(self, results: Results, area: str | None) -> None:
        self.results = results
        self.area = area

    def indicator(self, indicator: Indicator) -> Said:
        """`Tỷ lệ lao động qua đào tạo đạt 78%, chưa đạt chỉ tiêu đến năm 2030 (80%).`"""
        found = self.results.of(indicator)
        if self.area is None:
            said = self._unit(indicator, found[0])
        else:
            said = self._units(indicator, found)
        said.text += "."
        return said

    def opening(self) -> list[Said]:
        """The level above's report first says who sent their forms, and names once the
        units that did not."""
        if self.area is None:
            return []
        summary, words = self.results.summary, phrases()
        total = len(summary.units) + len(summary.missing)
        said = Said(words["bao_cao_don_vi"].format(so=len(summary.units), tong=total))
        if summary.missing:
            tail = words["chua_bao_cao"].format(don_vi=", ".join(summary.missing))
            said.text += tail
            said.remarks.append((tail.lstrip("; "), " ".join(words["ly_do_chua_bao_cao"].split())))
        said.text += "."
        return [said]

    def named(self, indicator: Indicator) -> str:
        """An indicator as a list names it; the level above's with its units reached."""
        name = indicator.nhan[:1].lower() + indicator.nhan[1:]
        if self.area is None:
            return name
        given = [r for r in self.results.of(indicator) if r.verdict is not None]
        reached = sum(r.reached for r in given)
        return phrases()["don_vi_dat_cua"].format(
            ten=name, so_dat=reached, so_don_vi=len(given)
        )

    @staticmethod
    def outcome_word(key: str) -> str:
        """How a sentence says a verdict (`chua_dat` → chưa đạt)."""
        return evaluation.said("ket_qua", key)

    def source(self, indicator: Indicator) -> str | None:
        """The comment that traces the indicator's figures to their cells; None when no
        unit gave any."""
        found = [r for r in self.results.of(indicator) if r.verdict is not None]
        if not found:
            return None
        if self.area is None:
            return self._own_source(found[0])
        return phrases()["nguon_don_vi"].format(nguon=self._listing(found, indicator))

    def state(self, indicator: Indicator) -> str | None:
        """`dat` (reached), the key of a miss (`khong_dat`, `chua_dat`), or None (no
        figure): the unit's verdict, the area's own figure's, else every unit's."""
        found = [r for r in self.results.of(indicator) if r.verdict is not None]
        overall = self.results.overall(indicator) if self.area is not None else None
        if overall is not None:
            reached = overall[1] in REACHED
        elif not found:
            return None
        else:
            reached = all(r.reached for r in found)
        return "dat" if reached else self.results.outcome("khong_dat", indicator)

    def _own_source(self, result: Result) -> str:
        words = phrases()
        if result.value is None:
            return words["nguon_dinh_tinh"].format(nguon=result.source)
        note = words["nguon"].format(nguon=result.source)
        if result.remark:
            note += words["nguon_ghi_chu"].format(ghi_chu=result.remark)
        return note

    def _unit(self, indicator: Indicator, result: Result) -> Said:
        cau = evaluation.wording()["cau"]
        if result.verdict is None:
            text = cau["chua_co"].format(ten=indicator.nhan)
            if result.source.cell is None:
                why = phrases()["nguon_khong_dong"].format(tep=result.source.file.name)
            else:
                why = phrases()["nguon_trong"].format(nguon=result.source)
            return Said(text, [(text, why)])
        outcome = evaluation.said("ket_qua", self.results.outcome(result.verdict, indicator))
        if result.value is None:  # qualitative: as the unit judged itself
            text = cau["tu_danh_gia"].format(ten=indicator.nhan, ket_qua=outcome)
            return Said(text, [(text, self._own_source(result))])
        figure = quantity(result.value, indicator.don_vi)
        text = cau["so_lieu"].format(
            ten=indicator.nhan,
            dong_tu=evaluation.said("dong_tu", indicator.direction.value),
            so_lieu=figure,
            ket_qua=outcome,
            nam=self.results.target_year(indicator),
            chi_tieu=evaluation.target_words(indicator),
        )
        return Said(text, [(figure, self._own_source(result))])

    def _units(self, indicator: Indicator, found: list[Result]) -> Said:
        cau = evaluation.wording()["cau"]
        given = [r for r in found if r.verdict is not None]
        if not given:
            text = cau["khong_don_vi_nao"].format(ten=indicator.nhan)
            return Said(text, [(text, phrases()["khong_ai"])])
        reached = [r for r in given if r.reached]
        count = f"{len(reached)}/{len(given)}"
        common = {"ten": indicator.nhan, "so_dat": len(reached), "so_don_vi": len(given)}
        said = Said("", [(count, self.source(indicator) or "")])
        overall = self.results.overall(indicator)
        if indicator.gia_tri is None:
            said.text = cau["don_vi_danh_gia"].format(**common)
        elif overall is None:
            year = self.results.target_year(indicator)
            goal = evaluation.target_words(indicator)
            said.text = cau["don_vi_dat"].format(nam=year, chi_tieu=goal, **common)
        else:
            figure = quantity(overall[0], indicator.don_vi)
            said.text = cau["toan_dia_ban"].format(
                dia_ban=self.area,
                dong_tu=evaluation.said("dong_tu", indicator.direction.value),
                so_lieu=figure,
                ket_qua=self.outcome_word(self.results.outcome(overall[1], indicator)),
                nam=self.results.target_year(indicator),
                chi_tieu=evaluation.target_words(indicator),
                **common,
            )
            said.remarks.insert(0, (figure, self._overall_source(indicator, given)))
        said.text += self._who(indicator, found, given)
        return said

    def _who(self, indicator: Indicator, found: list[Result], given: list[Result]) -> str:
        """`(trong đó 2 đơn vị vượt); chưa đạt: Hòa An (78%); chưa có số liệu: Tân Long`."""
        cau = evaluation.wording()["cau"]
        text = ""
        beyond = sum(r.verdict == "vuot" for r in given)
        if beyond:
            text += cau["trong_do_vuot"].format(so_vuot=beyond)
        missed = [r for r in given if not r.reached]
        if missed:
            named = ", ".join(
                r.name if r.value is None else f"{r.name} ({_shown(r, indicator)})"
                for r in missed
            )
            miss = self.outcome_word(self.results.outcome("khong_dat", indicator))
            text += cau["don_vi_chua_dat"].format(ket_qua=miss, don_vi=named)
        blank = [r.name for r in found if r.verdict is None]
        if blank:
            text += cau["don_vi_chua_co"].format(don_vi=", ".join(blank))
        return text

    def _listing(self, given: list[Result], indicator: Indicator) -> str:
        """`Hòa An: 78% (hoa_an.xlsx, Biểu chỉ tiêu, ô E12); …`"""
        return "; ".join(f"{r.name}: {_shown(r, indicator)} ({r.source})" for r in given)

    def _overall_source(self, indicator: Indicator, given: list[Result]) -> str:
        rule = indicator.tong_hop
        assert rule is not None, "an overall figure comes from the indicator's tong_hop"
        way = phrases()["cach"][rule.cach].format(trong_so=rule.trong_so or "")
        return phrases()["nguon_chung"].format(cach=way, nguon=self._listing(given, indicator))
