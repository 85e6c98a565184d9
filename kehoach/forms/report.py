"""Blank report forms made from a plan: the report outline (đề cương báo cáo) and the
indicator table (biểu chỉ tiêu). Their sections and rows come from the plan itself, so
they always match it; the rows carry the indicators' stable ids."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from kehoach.document.context import document_properties
from kehoach.forms import evaluation, milestones
from kehoach.plan.indicators import Indicator
from kehoach.plan.model import Plan
from kehoach.plan.references import plan_reference, standing_committee
from kehoach.rules.data import type_codes
from kehoach.rules.levels import Levels, load_levels
from kehoach.rules.outline import Outline, load_outline
from kehoach.rules.profile import Labels, load_profile
from kehoach.vn import dates, docnumber, labels
from kehoach.vn.closing import recipients

FORM_SHEET = "Biểu chỉ tiêu"


@cache
def outline() -> Outline:
    """The usual outline of a report on a plan (kehoach/data/de_cuong.yaml)."""
    return load_outline()


@dataclass(frozen=True)
class Period:
    """Which report: `sơ kết 5 năm`, and the year it is written."""

    ky: str
    nam: int


@dataclass(frozen=True)
class Row:
    """One row of an indicator table: a group heading, or an indicator."""

    stt: str
    chi_tieu: str
    indicator: Indicator | None = None
    written: str | None = None  # a phụ lục's written milestone (`Đạt chuẩn`)

    @property
    def is_group(self) -> bool:
        return self.indicator is None

    @property
    def target(self) -> str:
        """The `Chỉ tiêu kế hoạch` cell: the written milestone, else the record's target."""
        if self.written is not None:
            return self.written
        return evaluation.target_text(self.indicator) if self.indicator else ""


def indicator_rows(plan: Plan, year: int) -> list[Row]:
    """Groups (I., II. …, by paragraph of II.2) and their indicators (1., 2. …), then the
    phụ lục's groups, their rows numbered through each appendix as its table numbers them,
    with the targets of the report `year`. An indicator stated at several milestones is one
    row, where it is first stated (a group left with none is no row)."""
    found = milestones.measures(plan)
    rows: list[Row] = []
    groups = 0
    block = plan.muc_tieu_chi_tieu.chi_tieu if plan.muc_tieu_chi_tieu else None
    for g, paragraph in enumerate(block.doan if block else [], start=1):
        own = [i for i in paragraph.indicators() if i.id in found]
        if not own:
            continue
        groups += 1
        rows.append(Row(labels.roman(groups), paragraph.nhan or f"Nhóm chỉ tiêu {g}"))
        for i, indicator in enumerate(own, start=1):
            record, written = milestones.for_year(indicator.id, found[indicator.id], year)
            rows.append(Row(str(i), indicator.nhan, record, written))
    for appendix in plan.phu_luc:
        count = 0
        for group in appendix.chi_tieu:
            own_rows = [item for item in group.chi_tieu if item.id in found]
            if group.tieu_de and own_rows:
                groups += 1
                rows.append(Row(labels.roman(groups), group.tieu_de))
            for item in own_rows:
                count += 1
                record, written = milestones.for_year(item.id, found[item.id], year)
                rows.append(Row(str(count), item.nhan, record, written))
    return rows


def row_cells(row: Row, *blank: str) -> dict[str, Any]:
    """A row's fixed cells as the DOCX tables get them, with the `blank` columns empty."""
    cells: dict[str, Any] = {
        "stt": row.stt,
        "chi_tieu": row.chi_tieu,
        "nhom": row.is_group,
        "don_vi": "",
        "ke_hoach": "",
    } | dict.fromkeys(blank, "")
    if row.indicator is not None:
        cells["don_vi"] = row.indicator.don_vi or ""
        cells["ke_hoach"] = row.target
    return cells


def table_rows(plan: Plan, year: int) -> list[dict[str, Any]]:
    """The rows of the blank indicator table for the report `year`; results and
    evaluation left blank."""
    blank = ("ket_qua", "ty_le", "danh_gia", "ghi_chu")
    return [row_cells(row, *blank) for row in indicator_rows(plan, year)]


def report_words(plan: Plan, period: Period) -> dict[str, str]:
    """The values the outline's templates are filled with (`{ky}`, `{ke_hoach}` …)."""
    trich_yeu = " ".join(plan.van_ban.trich_yeu.split())
    return {
        "ky": period.ky,
        "nam": str(period.nam),
        "ke_hoach": plan_reference(plan),
        "ban_thuong_vu": standing_committee(plan),
        "ban_thuong_vu_bao_cao": standing_committee(plan),
        "trich_yeu": trich_yeu[:1].lower() + trich_yeu[1:],
        "ma_co_quan": plan.van_ban.ma_co_quan,
    }


def subtitle(plan: Plan, period: Period) -> str:
    """`(Kèm theo … sơ kết năm 2028 thực hiện Kế hoạch số … của Ban Thường vụ Huyện ủy)`."""
    words = report_words(plan, period)
    return (
        f"(Báo cáo {words['ky']} năm {words['nam']} thực hiện {words['ke_hoach']} "
        f"của {words['ban_thuong_vu']})"
    )


def _level_above(levels: Levels, level: str, plan: Plan) -> str | None:
    """The level over `level` on the plan's day; where chains differ there (a tỉnh or a
    thành phố over a xã), the one the header's upper line names (ĐẢNG BỘ THÀNH PHỐ …)."""
    day = plan.van_ban.day
    found = [
        p.cap[p.cap.index(level) - 1]
        for p in levels.chuoi
        if p.valid_on(day) and level in p.cap and p.cap.index(level) > 0
    ]
    upper = (plan.van_ban.cap_tren or "").upper()
    named = [k for k in found if upper.startswith(f"ĐẢNG BỘ {levels.cap[k].ten.upper()} ")]
    return next(iter(named or found), None)


def report_recipients(plan: Plan) -> list[str]:
    """The report goes up (de_cuong.yaml `noi_nhan`): the standing committee above, then
    the filing line; a line that names a level the chain lacks is left out."""
    levels = load_levels()
    level = levels.of_body(plan.van_ban.ma_co_quan, plan.van_ban.co_quan)
    above = _level_above(levels, level, plan) if level else None
    words = {
        "tren": levels.cap[above].noi if above else None,
        "cap": levels.cap[level].noi if level else None,
    }
    lines = []
    for line in outline().noi_nhan:
        try:
            lines.append(line.format(**words))
        except AttributeError:  # {tren.…} for a plan at the top of the chain
            continue
    return lines


def _outline_blocks(
    plan: Plan, data: Outline, words: dict[str, str], rule: Labels
) -> list[dict[str, str]]:
    """The outline's body: opening, parts, items and a sub-item per task, each with its
    italic guide."""
    blocks: list[dict[str, str]] = [
        {"kieu": "doan", "chu": " ".join(data.mo_dau.format(**words).split())}
    ]
    for s, part in enumerate(data.phan, start=1):
        blocks.append(
            {
                "kieu": "muc",
                "chu": f"{labels.section(s, rule)} {part['tieu_de']}",
            }
        )
        if part.get("huong_dan"):
            blocks.append({"kieu": "huong_dan", "chu": " ".join(part["huong_dan"].split())})
        for i, item in enumerate(part.get("muc", []), start=1):
            blocks.append({"kieu": "tieu_muc", "chu": f"{labels.item(i, rule)} {item['tieu_de']}"})
            blocks.append({"kieu": "huong_dan", "chu": " ".join(item["huong_dan"].split())})
            if "theo_nhiem_vu" in item:
                guide = " ".join(item["theo_nhiem_vu"].split())
                tasks = plan.nhiem_vu_giai_phap.muc if plan.nhiem_vu_giai_phap else []
                for t, task in enumerate(tasks):
                    letter = labels.sub_item(t + 1, rule)
                    blocks.append({"kieu": "tieu_muc_con", "chu": f"{letter} {task.title}"})
                    blocks.append({"kieu": "huong_dan", "chu": guide})
    return blocks


def outline_context(plan: Plan, period: Period) -> dict[str, Any]:
    """The context of `templates/de_cuong_bao_cao.docx`."""
    profile = load_profile(plan.profile_id())
    data = outline()
    words = report_words(plan, period)
    h = plan.van_ban
    blocks = _outline_blocks(plan, data, words, profile.nhan)
    summary = profile.trich_yeu.written(data.trich_yeu.format(**words))
    appendix = data.phu_luc
    return {
        "van_ban": {
            "cap_tren": h.cap_tren or "",
            "co_quan": h.co_quan,
            "so_ky_hieu": docnumber.doc_number(None, data.loai, h.ma_co_quan, profile.so_ky_hieu),
            "du_thao": "",
            "dia_danh_ngay": dates.date_line(h.dia_danh, period.nam, profile.dia_danh_ngay),
            "ten_loai": type_codes()[data.loai],
            "trich_yeu": summary,
        },
        "gach_ngang": profile.gach_ngang.chu,
        "than": blocks,
        "chu_ky": plan.chu_ky.model_dump() | {"ho_ten": ""},
        "noi_nhan": recipients(report_recipients(plan), profile),
        "phu_luc": {
            "tieu_de": profile.phu_luc.chu,
            "ten": appendix["ten"],
            "chu_thich": appendix["chu_thich"].format(**words),
        },
        "dong": table_rows(plan, period.nam),
        "so_trang_phu_luc": profile.so_trang.phu_luc_rieng,
    }


def table_context(plan: Plan, period: Period, unit_name: str) -> dict[str, Any]:
    """The context of `templates/bieu_chi_tieu.docx`."""
    return {
        "tieu_de": outline().phu_luc["ten"],
        "phu_de": subtitle(plan, period),
        "dau": [
            f"Đơn vị báo cáo: {unit_name or '.' * 40}",
            f"Kỳ báo cáo: {period.ky} năm {period.nam}",
        ],
        "dong": table_rows(plan, period.nam),
    }


def properties(plan: Plan, title: str, period: Period) -> dict[str, Any]:
    """Document properties of a form: from the plan and the report year, never the clock."""
    return document_properties(plan, title, period.nam)
