"""The reports a unit's draft promises, as the upper plan asks them: the periods and their
days, a single deadline, the sơ kết and tổng kết years. Where the upper plan's words do
not give a day, the level's usual day stands in with a note; the note quotes the upper
plan's own sentence about reports when it has one, rather than say it has none; a period
the upper plan does not ask for is never added."""

from __future__ import annotations

from kehoach.derive.upper import report_route, report_words, schedule
from kehoach.plan.model import Plan
from kehoach.rules.levels import Level
from kehoach.vn.citations import DRAFT_MARK

Note = tuple[str, str]  # (words, reason)
Reporting = tuple[dict[str, object], list[Note]]  # the schedule's values, notes on them

PERIOD_NAMES = {"sau_thang": "6 tháng", "hang_quy": "hằng quý", "hang_nam": "hằng năm"}
NO_DAYS = (
    "kế hoạch cấp trên không nêu hạn báo cáo: hạn {hien} là hạn thường gặp ở cấp xã; sửa theo "
    "hạn cấp trên giao"
)
QUOTED = (
    "kế hoạch cấp trên viết: “{cau}”, không nêu rõ hạn: hạn {hien} ở đây là hạn thường gặp ở "
    "cấp xã; sửa theo câu đó"
)
USUAL_REVIEW = (
    "kế hoạch cấp trên không nêu năm sơ kết: năm {so_ket} là giữa kỳ đến năm {tong_ket} (năm của "
    "các chỉ tiêu); sửa nếu cấp trên định năm khác"
)
USUAL_END = (
    "kế hoạch cấp trên không nêu năm tổng kết: năm {tong_ket} là năm của các chỉ tiêu; sửa nếu "
    "cấp trên định năm khác"
)


def reporting(parent: Plan, upper: Level, level: Level) -> Reporting:
    """The reporting schedule's values (the route, the periods with their days, the sơ kết
    and tổng kết) as the upper plan states them; the level's usual days and the middle of
    the plan's span where it states none, each with a review note (the second value)."""
    asked, end = schedule(parent), target_year(parent)
    values: dict[str, object] = {"bao_cao_qua": report_route(parent, upper)}
    notes: list[Note] = []
    rules = level.bao_cao
    if rules is None:
        return values, notes
    words = rules.viet
    days: dict[str, str] = dict(asked.days)
    missing = [k for k in asked.ky if k not in days]
    if not days and asked.han is None and not missing:
        missing = ["sau_thang", "hang_nam"]  # nothing asked: the usual periods, marked
    usual = {"sau_thang": rules.sau_thang, "hang_nam": rules.hang_nam}
    for key in missing:
        days[key] = usual.get(key) or DRAFT_MARK
    days = {k: days[k] for k in PERIOD_NAMES if k in days}
    if missing:
        notes.append(_usual_note(parent, {k: days[k] for k in missing}))
    periods = [getattr(words, k).format(ngay=d) for k, d in days.items()]
    said = [words.dinh_ky.format(cac_ky=" và ".join(periods))] if periods else []
    if asked.han is not None:
        said.append(words.han.format(ngay=asked.han))
    tong_ket = asked.tong_ket or end
    so_ket = asked.so_ket
    if tong_ket is not None and so_ket is None and tong_ket > parent.van_ban.year:
        so_ket = rules.review_year(parent.van_ban.year, tong_ket)
        notes.append((f"năm {so_ket}", USUAL_REVIEW.format(so_ket=so_ket, tong_ket=tong_ket)))
    elif asked.tong_ket is None and tong_ket is not None:
        notes.append((f"năm {tong_ket}", USUAL_END.format(tong_ket=tong_ket)))
    if so_ket is not None and tong_ket is not None and so_ket < tong_ket:
        review = words.so_ket_tong_ket.format(so_ket=so_ket, tong_ket=tong_ket)
    elif tong_ket is not None:
        review = words.tong_ket.format(tong_ket=tong_ket)
    else:
        review = ""
    values |= {
        "ky_bao_cao": " ".join(said),
        "so_ket_tong_ket": review,
        "so_ket": so_ket if so_ket is not None else DRAFT_MARK,
        "tong_ket": tong_ket if tong_ket is not None else DRAFT_MARK,
    }
    return values, notes


def _usual_note(parent: Plan, stand_in: dict[str, str]) -> Note:
    """The note on the first day that stands in for one the upper plan does not give:
    what the upper plan says about reports, quoted, or that it says nothing."""
    first = next(iter(stand_in.values()))
    shown = " và ".join(f"{d} ({PERIOD_NAMES[k]})" for k, d in stand_in.items())
    quoted = report_words(parent)
    if quoted:
        reason = QUOTED.format(cau="; ".join(quoted), hien=shown)
    else:
        reason = NO_DAYS.format(hien=shown)
    return f"trước ngày {first}", reason


def target_year(parent: Plan) -> int | None:
    """The year the upper plan's targets are for: its indicators' year, else the last
    milestone of its appendices; None for a plan without targets (a plan of tasks)."""
    block = parent.muc_tieu_chi_tieu.chi_tieu if parent.muc_tieu_chi_tieu else None
    if block is not None:
        return block.nam
    years = [year for appendix in parent.phu_luc for year in appendix.years()]
    return max(years) if years else None
