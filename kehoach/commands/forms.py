"""`kehoach forms` and `kehoach aggregate`: blank report forms, and the summary of
the filled ones."""

from __future__ import annotations

import errno
import os
import sys
import tempfile
from pathlib import Path

import click

from kehoach.commands.common import (
    Command,
    existing_file,
    registry_path,
    templates_option,
    units_option,
)
from kehoach.errors import KehoachError

YEARS = range(1900, 2101)
"""The report years a form may carry (`--nam`)."""

# Checked here, not by click, so that a file given as the folder gets a Vietnamese message.
output_option = click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(path_type=Path),
    default=Path("output"),
    metavar="THƯ_MỤC",
    help="Thư mục ghi văn bản (mặc định: output).",
)


@click.command(cls=Command)
@click.argument("plan", type=click.Path(path_type=Path))
@output_option
@click.option(
    "--ky", default=None, metavar="KỲ", help='Kỳ báo cáo, ví dụ "sơ kết 5 năm" (mặc định: sơ kết).'
)
@click.option(
    "--nam", type=int, default=None, metavar="NĂM", help="Năm báo cáo (mặc định: năm của kế hoạch)."
)
@units_option
@templates_option
def forms(
    plan: Path,
    out_dir: Path,
    ky: str | None,
    nam: int | None,
    units_file: Path | None,
    templates_dir: Path | None,
) -> None:
    """Sinh đề cương báo cáo (DOCX) và biểu chỉ tiêu (DOCX, XLSX) trống từ kế hoạch PLAN."""
    from kehoach.document.render import renderer_for
    from kehoach.forms import report as report_forms
    from kehoach.forms import workbook
    from kehoach.plan.loader import load_plan

    if nam is not None and nam not in YEARS:
        raise KehoachError(f"--nam {nam}: năm báo cáo phải từ {YEARS[0]} đến {YEARS[-1]}")
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
    _write_all(
        out_dir,
        {
            f"{plan.stem}_de_cuong_bao_cao.docx": outline_docx,
            f"{plan.stem}_bieu_chi_tieu.docx": table_docx,
            f"{plan.stem}_bieu_chi_tieu.xlsx": table_xlsx,
        },
    )
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

    model = load_plan(existing_file(plan))
    path = registry_path(plan, model, units_file)
    registry = load_registry(existing_file(path)).registry if path else None
    reading = read_forms(model, registry, list(filled))
    for note in reading.notes:
        click.echo(f"ghi chú: {note}", err=True)
    for error in reading.errors:
        click.echo(f"lỗi: {error}", err=True)
    if not reading.reports:
        raise KehoachError("không có biểu nào dùng được; chưa ghi bảng tổng hợp")
    summary = summing.Summary(model, registry, reading)
    period = report_forms.Period(report_forms.outline().ky_mac_dinh, model.van_ban.year)
    docx = renderer_for("tong_hop.docx", templates_dir).render_context(
        summing.summary_context(summary, report_forms.subtitle(model, period)),
        report_forms.properties(model, "Tổng hợp chỉ tiêu", period),
    )
    _write_all(
        out_dir,
        {
            f"{plan.stem}_tong_hop.xlsx": summing.summary_workbook(summary),
            f"{plan.stem}_tong_hop.docx": docx,
        },
    )
    click.echo(
        f"đã tổng hợp {len(summary.units)} đơn vị"
        + (f"; chưa báo cáo: {', '.join(summary.missing)}" if summary.missing else "")
    )
    if reading.errors:
        click.echo(f"bảng tổng hợp chưa đủ: {len(reading.errors)} lỗi ở trên", err=True)
        sys.exit(1)


_REASONS = {
    errno.ENOSPC: "đĩa đầy",
    errno.EDQUOT: "hết hạn mức đĩa",
    errno.EACCES: "không có quyền ghi",
    errno.EPERM: "không có quyền ghi",
    errno.EROFS: "ổ đĩa chỉ đọc",
    errno.ENOTDIR: "một phần của đường dẫn là tệp, không phải thư mục",
    errno.EISDIR: "đã có một thư mục trùng tên",
    errno.EEXIST: "đã có một tệp trùng tên",
    errno.ENAMETOOLONG: "tên quá dài",
}


def _cannot_write(path: Path, error: OSError) -> KehoachError:
    reason = _REASONS.get(error.errno or 0, error.strerror or type(error).__name__)
    return KehoachError(f"{path}: không ghi được ({reason}); các tệp cũ được giữ nguyên")


def _write_all(out_dir: Path, files: dict[str, bytes]) -> None:
    """Every file to a temporary beside its target first, then all renamed into place: a
    failure (a full disk, a read-only folder) leaves the old files as they were."""
    if out_dir.exists() and not out_dir.is_dir():
        raise KehoachError(f"{out_dir}: thư mục ghi (-o) là một tệp, không phải thư mục")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _cannot_write(out_dir, error) from None
    staged: list[tuple[Path, Path]] = []
    try:
        for name, data in files.items():
            target = out_dir / name
            if target.is_dir():
                raise _cannot_write(target, OSError(errno.EISDIR, "is a directory"))
            staged.append((_stage(target, data), target))
    except OSError as error:
        _discard(staged)
        raise _cannot_write(out_dir / name, error) from None
    except BaseException:
        _discard(staged)
        raise
    for done, (temporary, target) in enumerate(staged):
        try:
            os.replace(temporary, target)
        except OSError as error:
            _discard(staged[done:])
            raise _cannot_write(target, error) from None
        click.echo(f"đã ghi {target}")


def _stage(target: Path, data: bytes) -> Path:
    """`data` in a temporary file beside `target`, with the old file's permissions."""
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(fd, "wb") as out:
            os.fchmod(out.fileno(), _mode(target))
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _mode(target: Path) -> int:
    """The old file's permissions, else what a plain new file gets."""
    if target.exists():
        return target.stat().st_mode & 0o777
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _discard(staged: list[tuple[Path, Path]]) -> None:
    for temporary, _target in staged:
        temporary.unlink(missing_ok=True)
