"""`kehoach forms` and `kehoach aggregate`: blank report forms, and the summary of
the filled ones."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import click

from kehoach.commands.common import (
    Command,
    existing_file,
    output_option,
    pdf_option,
    registry_path,
    templates_option,
    units_option,
    write_pdfs,
)
from kehoach.errors import KehoachError, Problem

MAX_PERIOD = 120  # "sơ kết 5 năm thực hiện Nghị quyết …" fits; a title line, not prose


def period_name(value: str | None) -> str | None:
    """`--ky` as it goes into the forms' titles: one line of visible text (a blank or a
    pasted control character made a title with nothing, or a broken cell, in it)."""
    if value is None:
        return None
    text = " ".join(unicodedata.normalize("NFC", value).split())
    bad = next((c for c in text if unicodedata.category(c) in ("Cc", "Cf", "Cs")), None)
    if not text:
        raise click.BadParameter("kỳ báo cáo không được để trống")
    if bad is not None:
        raise click.BadParameter(f"có ký tự điều khiển hoặc ẩn U+{ord(bad):04X}; hãy xóa nó")
    if len(text) > MAX_PERIOD:
        raise click.BadParameter(f"quá dài ({len(text)} ký tự, tối đa {MAX_PERIOD})")
    return text


@click.command(cls=Command)
@click.argument("plan", type=click.Path(path_type=Path))
@output_option
@click.option(
    "--ky",
    default=None,
    metavar="KỲ",
    callback=lambda ctx, param, value: period_name(value),
    help='Kỳ báo cáo, ví dụ "sơ kết 5 năm" (mặc định: sơ kết).',
)
@click.option(
    "--nam",
    type=click.IntRange(1900, 2100),
    default=None,
    metavar="NĂM",
    help="Năm báo cáo (mặc định: năm của kế hoạch).",
)
@units_option
@templates_option
@pdf_option
def forms(
    plan: Path,
    out_dir: Path,
    ky: str | None,
    nam: int | None,
    units_file: Path | None,
    templates_dir: Path | None,
    pdf: bool,
) -> None:
    """Sinh đề cương báo cáo (DOCX) và biểu chỉ tiêu (DOCX, XLSX) trống từ kế hoạch PLAN."""
    from kehoach.document.render import renderer_for
    from kehoach.forms import report as report_forms
    from kehoach.forms import workbook
    from kehoach.plan.loader import load_plan
    from kehoach.safewrite import Batch

    model = load_plan(existing_file(plan))
    period = report_forms.Period(
        ky or report_forms.outline().ky_mac_dinh, model.van_ban.year if nam is None else nam
    )
    units, own = _form_units(plan, model, units_file)
    outline_docx = renderer_for("de_cuong_bao_cao.docx", templates_dir).render_context(
        report_forms.outline_context(model, period),
        report_forms.properties(model, "Đề cương báo cáo", period),
    )
    table_docx = renderer_for("bieu_chi_tieu.docx", templates_dir).render_context(
        report_forms.table_context(model, period, own[1] if own else ""),
        report_forms.properties(model, "Biểu chỉ tiêu", period),
    )
    table_xlsx = workbook.build(model, period, units, own)
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
    for target in files:
        click.echo(f"đã ghi {target}")
    if pdf:
        write_pdfs([out_dir / f"{plan.stem}_de_cuong_bao_cao.docx",
                    out_dir / f"{plan.stem}_bieu_chi_tieu.docx"])
    if not units and own is None:
        click.echo(
            "lưu ý: không có danh sách đơn vị; ô 'Đơn vị báo cáo' của biểu Excel không có "
            "danh sách chọn, bảng tổng hợp sẽ không nhận ra đơn vị",
            err=True,
        )


def _form_units(plan_path: Path, model, units_file: Path | None):
    """(registry units for the drop-down, the plan's own unit for a unit's derived plan)."""
    from kehoach.plan.units import load_registry

    if model.don_vi is not None:
        return [], (model.don_vi, model.van_ban.dia_danh)
    path = registry_path(plan_path, model, units_file)
    if path is None:
        return [], None
    registry = load_registry(existing_file(path)).registry
    return [(u.id, u.ten) for u in registry.don_vi], None


@click.command(cls=Command)
@click.argument("plan", type=click.Path(path_type=Path))
@click.argument("filled", nargs=-1, required=True, type=click.Path(path_type=Path))
@output_option
@units_option
@templates_option
def aggregate(
    plan: Path,
    filled: tuple[Path, ...],
    out_dir: Path,
    units_file: Path | None,
    templates_dir: Path | None,
) -> None:
    """Tổng hợp các biểu chỉ tiêu (XLSX) các đơn vị gửi về theo kế hoạch PLAN.

    Ghi <tên kế hoạch>_tong_hop.xlsx và _tong_hop.docx. Mọi số liệu đều được kiểm tra; mã
    thoát 1 khi có biểu lỗi (bảng tổng hợp vẫn được ghi từ các biểu tốt)."""
    from kehoach.document.render import renderer_for
    from kehoach.forms import aggregate as summing
    from kehoach.forms import report as report_forms
    from kehoach.forms.reading import read_forms
    from kehoach.plan.loader import load_plan
    from kehoach.plan.units import load_registry
    from kehoach.safewrite import Batch

    model = load_plan(existing_file(plan))
    path = registry_path(plan, model, units_file)
    registry = load_registry(existing_file(path)).registry if path else None
    absent = [Problem(str(name), "không có tệp này") for name in filled if not name.exists()]
    if absent:  # a name typed wrong is no broken workbook to skip: nothing is summed
        raise KehoachError(absent)
    reading = read_forms(model, registry, list(filled))
    for note in reading.notes:
        click.echo(f"ghi chú: {note}", err=True)
    for error in reading.errors:
        click.echo(f"lỗi: {error}", err=True)
    if not reading.reports:
        raise KehoachError("không có biểu nào dùng được; chưa ghi bảng tổng hợp")
    summary = summing.Summary(model, registry, reading)
    period = report_forms.Period(report_forms.outline().ky_mac_dinh, summary.year)
    docx = renderer_for("tong_hop.docx", templates_dir).render_context(
        summing.summary_context(summary, report_forms.subtitle(model, period)),
        report_forms.properties(model, "Tổng hợp chỉ tiêu", period),
    )
    files = {
        out_dir / f"{plan.stem}_tong_hop.xlsx": summing.summary_workbook(summary),
        out_dir / f"{plan.stem}_tong_hop.docx": docx,
    }
    with Batch([plan, path, *filled]) as batch:
        for target, data in files.items():
            batch.write(target, data)
    for target in files:
        click.echo(f"đã ghi {target}")
    click.echo(
        f"đã tổng hợp {len(summary.units)} đơn vị"
        + (f"; chưa báo cáo: {', '.join(summary.missing)}" if summary.missing else "")
    )
    if reading.errors:
        click.echo(f"bảng tổng hợp chưa đủ: {len(reading.errors)} lỗi ở trên", err=True)
        sys.exit(1)
