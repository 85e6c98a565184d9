"""The report draft as the template's context: the header of a BÁO CÁO from the plan's
issuer (`Số -BC/…`, the period's trích yếu), the body, the signature and Nơi nhận of the
plan, and the indicator table as a phụ lục, with every comment to put on it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kehoach.document.appendix import Sheet, laid_out
from kehoach.document.columns import BIEU_COLUMNS, TONG_HOP_COLUMNS
from kehoach.document.comments import Remark
from kehoach.forms import aggregate, evaluation
from kehoach.forms.report import Period, indicator_rows, report_recipients, report_words
from kehoach.forms.report import outline as report_outline
from kehoach.plan.model import Plan
from kehoach.plan.references import is_issued, plan_reference
from kehoach.report.body import Body
from kehoach.report.results import Results
from kehoach.report.sentences import Sentences, phrases
from kehoach.rules.data import type_codes
from kehoach.rules.profile import Profile
from kehoach.vn import closing, dates, docnumber
from kehoach.vn import numbers as vnformat


def sentence(text: str) -> str:
    """`text` closed with a full stop (a review note is written without one)."""
    return text if text.endswith((".", "!", "?")) else f"{text}."


@dataclass(frozen=True)
class Draft:
    """The template's context and the comments on the rendered document."""

    context: dict[str, Any]
    remarks: list[Remark]


def recipients(plan: Plan) -> list[str]:
    """Where the plan reports to (its `(b/c)` lines) and its filing line: the report goes
    the same way; a plan without such lines, the outline's (the standing committee above)."""
    upward = [line for line in plan.noi_nhan if closing.reports_to(line)]
    if not upward:
        return report_recipients(plan)
    return [*upward, plan.noi_nhan[-1]]


def _header(plan: Plan, period: Period, profile: Profile) -> dict[str, str]:
    data, h = report_outline(), plan.van_ban
    words = report_words(plan, period)
    return {
        "cap_tren": h.cap_tren or "",
        "co_quan": h.co_quan,
        "so_ky_hieu": docnumber.doc_number(None, data.loai, h.ma_co_quan, profile.so_ky_hieu),
        "du_thao": profile.du_thao.mark(True),
        "dia_danh_ngay": dates.date_line(h.dia_danh, period.nam, profile.dia_danh_ngay),
        "ten_loai": type_codes()[data.loai],
        "trich_yeu": profile.trich_yeu.written(data.trich_yeu.format(**words)),
    }


def _own_rows(results: Results, sentences: Sentences) -> list[tuple[list[str], bool]]:
    """The unit's table: each indicator's target, result, Tỷ lệ %, verdict and note."""
    rows = []
    for row in indicator_rows(results.summary.plan, results.summary.year):
        indicator = row.indicator
        if indicator is None:
            rows.append(([row.stt, row.chi_tieu, "", "", "", "", "", ""], True))
            continue
        result = results.of(indicator)[0]
        figure = ratio = verdict = ""
        if result.value is not None and indicator.gia_tri is not None:
            figure = vnformat.number(result.value)
            rate = evaluation.ratio(
                evaluation.rule_code(indicator), result.value, indicator.gia_tri
            )
            ratio = "" if rate is None else vnformat.number(rate)
        if result.verdict is not None:
            verdict = evaluation.label_of(result.verdict)
        cells = [row.stt, row.chi_tieu, indicator.don_vi or "", row.target, figure, ratio,
                 verdict, result.remark or ""]
        rows.append((cells, False))
    return rows


def _area_rows(results: Results) -> list[tuple[list[str], bool]]:
    """The level above's table: the summary's rows (area figure, units reached, not)."""
    found = aggregate.summary_context(results.summary, "")["dong"]
    keys = [key for _title, key, _centred in TONG_HOP_COLUMNS]
    return [([str(row[key]) for key in keys], bool(row["nhom"])) for row in found]


def _appendix(
    results: Results, sentences: Sentences, words: dict[str, str], profile: Profile
) -> tuple[Sheet, list[Remark]]:
    """The phụ lục and a comment on each indicator's row naming its sources."""
    data = report_outline().phu_luc
    if sentences.area is None:
        columns = [title for title, _key, _centred in BIEU_COLUMNS]
        rows, widths = _own_rows(results, sentences), profile.bang.cot_bieu_mm
    else:
        label = results.summary.overall_label()
        columns = [label if "{{" in t else t for t, _key, _centred in TONG_HOP_COLUMNS]
        rows, widths = _area_rows(results), profile.bang.cot_tong_hop_mm
    caption = data["chu_thich"].format(**words)
    sheet = Sheet(profile.phu_luc.chu, data["ten"], caption, columns, rows, list(widths))
    remarks = []
    for indicator in results.indicators:
        note = sentences.source(indicator)
        if note is not None:
            remarks.append(Remark(indicator.nhan, note, indicator.nhan, whole=True))
    return sheet, remarks


def _closing_remarks(plan: Plan) -> list[Remark]:
    """The plan's number not yet known, and the signer taken from the plan."""
    remarks = []
    if not is_issued(plan.van_ban):
        reference = plan_reference(plan)
        remarks.append(Remark(reference, " ".join(phrases()["ly_do_so"].split()), reference))
    signer = plan.chu_ky.chuc_vu or plan.chu_ky.quyen_han
    if signer:
        why = [note.ly_do for note in plan.chu_ky.xem_lai] + [phrases()["ly_do_ky"]]
        text = " ".join(sentence(" ".join(w.split())) for w in why)
        remarks.append(Remark(signer, text, signer, whole=True))
    return remarks


def draft(
    plan: Plan, results: Results, area: str | None, period: Period, profile: Profile
) -> Draft:
    """The whole report: `area` None for a unit's report on its own figures, else the
    level above's (`thành phố`, `huyện` …) on its units'."""
    sentences = Sentences(results, area)
    body = Body(plan, sentences, period, profile.nhan)
    body.build()
    words = report_words(plan, period)
    sheet, table_remarks = _appendix(results, sentences, words, profile)
    context = {
        "van_ban": _header(plan, period, profile),
        "gach_ngang": profile.gach_ngang.chu,
        "than": body.blocks,
        "chu_ky": plan.chu_ky.model_dump(),
        "cung_ky": [],  # a report is the committee's own, whoever signed the plan with it
        "noi_nhan": closing.recipients(recipients(plan), profile),
        "phu_luc": laid_out([sheet], profile),
        "trang_ngang": sheet.landscape,
        "so_trang_phu_luc": profile.so_trang.phu_luc_rieng,
    }
    return Draft(context, [*_closing_remarks(plan), *body.remarks, *table_remarks])
