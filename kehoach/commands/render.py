"""`kehoach render` and `kehoach build`: plans into their Kế hoạch DOCX (and PDF)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from kehoach.commands.common import (
    TEMPLATE,
    Command,
    existing_file,
    one_document,
    output_option,
    pdf_option,
    templates_option,
    write_pdfs,
)
from kehoach.errors import KehoachError

if TYPE_CHECKING:
    from kehoach.document.render import Renderer
    from kehoach.safewrite import Batch


def _render_one(renderer: Renderer, plan_path: Path, target: Path, batch: Batch) -> None:
    from kehoach.plan.loader import load_plan

    plan = load_plan(plan_path)
    batch.write(target, renderer.render(plan))


def _written(targets: list[Path], pdf: bool) -> None:
    for target in targets:
        click.echo(f"đã ghi {target}")
    if pdf:
        write_pdfs(targets)


@click.command(cls=Command)
@click.argument("plan", type=click.Path(path_type=Path))
@output_option
@templates_option
@pdf_option
@one_document()
def render(plan: Path, out_dir: Path, templates_dir: Path | None, pdf: bool) -> None:
    """Sinh văn bản Kế hoạch (DOCX) từ tệp PLAN, ghi vào OUTPUT/<tên tệp>.docx."""
    from kehoach.document.render import renderer_for
    from kehoach.safewrite import Batch

    renderer = renderer_for(TEMPLATE, templates_dir)
    target = out_dir / f"{plan.stem}.docx"
    with Batch([plan]) as batch:
        _render_one(renderer, existing_file(plan), target, batch)
    _written([target], pdf)


@click.command(cls=Command)
@click.argument("plans_dir", required=False, default=Path("plans"), type=click.Path(path_type=Path))
@output_option
@templates_option
@pdf_option
def build(plans_dir: Path, out_dir: Path, templates_dir: Path | None, pdf: bool) -> None:
    """Sinh văn bản cho mọi kế hoạch trong PLANS_DIR (mặc định plans/) vào output/."""
    from kehoach.document.render import renderer_for

    if not plans_dir.is_dir():
        raise KehoachError(f"không có thư mục {plans_dir}")
    from kehoach.plan import yamlsource
    from kehoach.plan.loader import yaml_files
    from kehoach.plan.units import is_registry

    plans = []
    for path in yaml_files(plans_dir):
        try:
            data = yamlsource.load(yamlsource.read_text(path), str(path)).data
        except KehoachError:
            data = None  # rendering reports it
        if is_registry(data):
            click.echo(f"bỏ qua {path}: danh sách đơn vị, không phải kế hoạch")
        else:
            plans.append(path)
    if not plans:
        raise KehoachError(f"không có tệp kế hoạch (*.yaml) nào trong {plans_dir}")
    from kehoach.safewrite import Batch

    renderer = renderer_for(TEMPLATE, templates_dir)
    failed: list[KehoachError] = []
    written: list[Path] = []
    with Batch(plans) as batch:
        for plan in plans:
            target = out_dir / plan.relative_to(plans_dir).with_suffix(".docx")
            try:
                _render_one(renderer, plan, target, batch)
            except KehoachError as error:
                failed.append(error)
            else:
                written.append(target)
    _written(written, pdf)
    if failed:
        problems = [p for error in failed for p in error.problems]
        raise KehoachError(problems)
