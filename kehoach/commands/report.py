"""`kehoach report`: the draft of a báo cáo sơ kết / tổng kết from the plan and the filled
indicator forms."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kehoach.commands.common import (
    Command,
    output_option,
    pdf_option,
    show_written,
    templates_option,
    units_option,
)
from kehoach.commands.forms import period_option, year_option


@click.command(cls=Command)
@click.argument("plan", type=click.Path(path_type=Path))
@click.argument("filled", nargs=-1, required=True, type=click.Path(path_type=Path))
@output_option
@period_option("sơ kết 2 năm")
@year_option("năm của các biểu")
@units_option
@templates_option
@pdf_option
def report(
    plan: Path,
    filled: tuple[Path, ...],
    out_dir: Path,
    ky: str | None,
    nam: int | None,
    units_file: Path | None,
    templates_dir: Path | None,
    pdf: bool,
) -> None:
    """Soạn dự thảo báo cáo sơ kết, tổng kết thực hiện kế hoạch PLAN từ các biểu chỉ tiêu
    (XLSX) đã điền.

    Kế hoạch của một xã, phường (soạn bằng derive) với biểu của chính đơn vị đó: báo cáo
    của đơn vị. Kế hoạch có danh sách đơn vị với biểu các đơn vị gửi về: báo cáo của cấp
    trên, số liệu toàn địa bàn và số đơn vị đạt. Ghi <tên kế hoạch>_bao_cao.docx; chỗ cần
    viết và nguồn của mọi số liệu là chú thích trong Word. Mã thoát 1 khi có biểu lỗi (báo
    cáo vẫn được soạn từ các biểu tốt)."""
    from kehoach.stages.report import report as stage

    done = stage(plan, filled, out_dir, period=ky, year=nam, units_file=units_file,
                 templates_dir=templates_dir)
    for note in done.notes:
        click.echo(f"ghi chú: {note}", err=True)
    for error in done.problems:
        click.echo(f"lỗi: {error}", err=True)
    show_written(done, pdf)
    line = f"{done.review} chỗ cần xem lại (chú thích trong Word)"
    if done.missing:
        line += f"; chưa báo cáo: {', '.join(done.missing)}"
    click.echo(line)
    if done.problems:
        click.echo(f"báo cáo chưa đủ số liệu: {len(done.problems)} lỗi ở trên", err=True)
        sys.exit(1)
