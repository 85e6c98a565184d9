"""`kehoach forms` and `kehoach aggregate`: blank report forms, and the summary of
the filled ones."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from kehoach.commands.common import (
    Command,
    output_option,
    pdf_option,
    show_written,
    templates_option,
    units_option,
)
from kehoach.errors import KehoachError
from kehoach.stages.forms import YEARS, period_name

F = TypeVar("F", bound=Callable[..., Any])


def period_value(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """`--ky` by the stage's rule, refused the way click refuses a value."""
    try:
        return period_name(value)
    except KehoachError as error:
        raise click.BadParameter(error.problems[0].message) from None


def period_option(example: str) -> Callable[[F], F]:
    """`--ky`: the reporting period, read by the stage's rule (forms and report)."""
    return click.option("--ky", default=None, metavar="KỲ", callback=period_value,
                        help=f'Kỳ báo cáo, ví dụ "{example}" (mặc định: sơ kết).')


def year_option(default: str) -> Callable[[F], F]:
    """`--nam`: the reporting year, within the years kehoach reads (forms and report)."""
    return click.option("--nam", type=click.IntRange(*YEARS), default=None, metavar="NĂM",
                        help=f"Năm báo cáo (mặc định: {default}).")


@click.command(cls=Command)
@click.argument("plan", type=click.Path(path_type=Path))
@output_option
@period_option("sơ kết 5 năm")
@year_option("năm của kế hoạch")
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
    from kehoach.stages.forms import forms as stage

    done = stage(plan, out_dir, period=ky, year=nam, units_file=units_file,
                 templates_dir=templates_dir)
    show_written(done, pdf)
    for note in done.notes:
        click.echo(f"lưu ý: {note}", err=True)


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
    from kehoach.stages import aggregate as stage

    read = stage.read_filled(plan, filled, units_file)
    for note in read.notes:
        click.echo(f"ghi chú: {note}", err=True)
    for error in read.problems:
        click.echo(f"lỗi: {error}", err=True)
    done = stage.aggregate(read, out_dir, templates_dir)
    show_written(done)
    click.echo(
        f"đã tổng hợp {len(done.units)} đơn vị"
        + (f"; chưa báo cáo: {', '.join(done.missing)}" if done.missing else "")
    )
    if done.problems:
        click.echo(f"bảng tổng hợp chưa đủ: {len(done.problems)} lỗi ở trên", err=True)
        sys.exit(1)
