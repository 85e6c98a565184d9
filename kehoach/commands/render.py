"""`kehoach render` and `kehoach build`: plans into their Kế hoạch DOCX (and PDF)."""

from __future__ import annotations

from pathlib import Path

import click

from kehoach.commands.common import (
    Command,
    one_document,
    output_option,
    pdf_option,
    show_written,
    templates_option,
)
from kehoach.errors import KehoachError


@click.command(cls=Command)
@click.argument("plan", type=click.Path(path_type=Path))
@output_option
@templates_option
@pdf_option
@one_document()
def render(plan: Path, out_dir: Path, templates_dir: Path | None, pdf: bool) -> None:
    """Sinh văn bản Kế hoạch (DOCX) từ tệp PLAN, ghi vào OUTPUT/<tên tệp>.docx."""
    from kehoach.stages import render as stage

    show_written(stage.render(plan, out_dir, templates_dir), pdf)


@click.command(cls=Command)
@click.argument("plans_dir", required=False, default=Path("plans"), type=click.Path(path_type=Path))
@output_option
@templates_option
@pdf_option
def build(plans_dir: Path, out_dir: Path, templates_dir: Path | None, pdf: bool) -> None:
    """Sinh văn bản cho mọi kế hoạch trong PLANS_DIR (mặc định plans/) vào output/."""
    from kehoach.stages import render as stage

    found = stage.plans_in(plans_dir)
    for path in found.registries:
        click.echo(f"bỏ qua {path}: danh sách đơn vị, không phải kế hoạch")
    done = stage.build(found, out_dir, templates_dir)
    show_written(done, pdf)
    if done.problems:
        raise KehoachError(done.problems)
