"""`forms`: the blank report forms of a plan (the report outline as DOCX, the indicator
table as DOCX and XLSX), and the rules on the period and the year they are for (which the
command's options use too: this module stays light for `kehoach --help`)."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from kehoach.errors import KehoachError, Problem
from kehoach.stages.inputs import existing_file, registry_path

if TYPE_CHECKING:
    from kehoach.plan.model import Plan
    from kehoach.stages.outcome import Outcome

MAX_PERIOD = 120  # "sơ kết 5 năm thực hiện Nghị quyết …" fits; a title line, not prose
YEARS = (1900, 2100)
"""The report years a form may be for, first and last."""


def _refused(what: str, message: str) -> KehoachError:
    return KehoachError([Problem("", message, field=what)])


def period_name(value: str | None) -> str | None:
    """The report period as it goes into the forms' titles: one line of visible text (a
    blank or a pasted control character made a title with nothing, or a broken cell, in
    it). None: the outline's usual period."""
    if value is None:
        return None
    text = " ".join(unicodedata.normalize("NFC", value).split())
    bad = next((c for c in text if unicodedata.category(c) in ("Cc", "Cf", "Cs")), None)
    if not text:
        raise _refused("kỳ báo cáo", "kỳ báo cáo không được để trống")
    if bad is not None:
        raise _refused("kỳ báo cáo", f"có ký tự điều khiển hoặc ẩn U+{ord(bad):04X}; hãy xóa nó")
    if len(text) > MAX_PERIOD:
        raise _refused("kỳ báo cáo", f"quá dài ({len(text)} ký tự, tối đa {MAX_PERIOD})")
    return text


def report_year(value: int | None) -> int | None:
    """The report year, within `YEARS`. None: the plan's year."""
    if value is not None and not YEARS[0] <= value <= YEARS[1]:
        raise _refused("năm báo cáo", f"năm báo cáo phải từ {YEARS[0]} đến {YEARS[1]}")
    return value


NO_UNITS = (
    "không có danh sách đơn vị (kế hoạch không ghi danh_sach_don_vi, lệnh không có --units "
    "TỆP): ô 'Đơn vị báo cáo' của biểu Excel không có danh sách chọn, bảng tổng hợp sẽ không "
    "nhận ra đơn vị"
)
NO_INDICATORS = (
    "kế hoạch không có chỉ tiêu nào (phần II không có mục chỉ tiêu, phụ lục không có bảng chỉ "
    "tiêu): biểu chỉ tiêu và phụ lục của đề cương chỉ có hàng tiêu đề — thêm chỉ tiêu vào kế "
    "hoạch (muc_tieu_chi_tieu.chi_tieu) rồi làm lại biểu, hoặc bỏ biểu và phụ lục đó"
)


def forms(
    plan: Path,
    out_dir: Path,
    *,
    period: str | None = None,
    year: int | None = None,
    units_file: Path | None = None,
    templates_dir: Path | None = None,
) -> Outcome:
    """The three blank forms, `out_dir/<plan>_de_cuong_bao_cao.docx`, `_bieu_chi_tieu.docx`
    and `.xlsx`, written together; a note when no units list fills the unit drop-down, and
    when the plan has no indicator to fill the table with."""
    from kehoach.document.render import renderer_for
    from kehoach.forms import report as report_forms
    from kehoach.forms import workbook
    from kehoach.plan.loader import load_plan
    from kehoach.rules.profile import load_profile
    from kehoach.safewrite import Batch
    from kehoach.stages.outcome import Outcome

    period, year = period_name(period), report_year(year)
    model = load_plan(existing_file(plan))
    when = report_forms.Period(
        period or report_forms.outline().ky_mac_dinh, model.van_ban.year if year is None else year
    )
    units, own = _form_units(plan, model, units_file)
    outline_docx = renderer_for("de_cuong_bao_cao.docx", templates_dir).render_context(
        report_forms.outline_context(model, when),
        report_forms.properties(model, "Đề cương báo cáo", when),
        header=load_profile(model.profile_id()),
    )
    table_docx = renderer_for("bieu_chi_tieu.docx", templates_dir).render_context(
        report_forms.table_context(model, when, own[1] if own else ""),
        report_forms.properties(model, "Biểu chỉ tiêu", when),
    )
    table_xlsx = workbook.build(model, when, units, own)
    files = {
        out_dir / f"{plan.stem}{suffix}": data
        for suffix, data in (
            ("_de_cuong_bao_cao.docx", outline_docx),
            ("_bieu_chi_tieu.docx", table_docx),
            ("_bieu_chi_tieu.xlsx", table_xlsx),
        )
    }
    with Batch([plan, registry_path(plan, model, units_file)]) as batch:
        for target, data in files.items():
            batch.write(target, data)
    written = list(files)
    notes = [NO_UNITS] if not units and own is None else []
    if not report_forms.table_rows(model, when.nam):
        notes.append(NO_INDICATORS)
    return Outcome(written=written, documents=written[:2], notes=notes)


def _form_units(
    plan_path: Path, model: Plan, units_file: Path | None
) -> tuple[list[tuple[str, str]], tuple[str, str] | None]:
    """(registry units for the drop-down, the plan's own unit for a unit's derived plan)."""
    from kehoach.plan.units import load_registry

    if model.don_vi is not None:
        return [], (model.don_vi, model.van_ban.dia_danh)
    path = registry_path(plan_path, model, units_file)
    if path is None:
        return [], None
    registry = load_registry(existing_file(path)).registry
    return [(u.id, u.ten) for u in registry.don_vi], None
