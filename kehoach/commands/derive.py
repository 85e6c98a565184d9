"""`kehoach derive`: the units' plans drafted from the plan above them."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kehoach.commands.common import (
    Command,
    pdf_option,
    templates_option,
    units_option,
    write_pdfs,
)
from kehoach.errors import KehoachError

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar

    from kehoach.stages.derive import Drafted
    from kehoach.stages.outcome import Progress

COMMON = "== chung cho mọi đơn vị"


def grouped(explained: list[list[str]]) -> list[str]:
    """The units' `--explain` entries: with several units, those every unit shares once,
    then under each unit only what differs."""
    if len(explained) < 2 or not all(explained):
        return [line for unit in explained for line in unit]
    bodies = [unit[1:] for unit in explained]
    common = [entry for entry in bodies[0] if all(entry in other for other in bodies[1:])]
    shared = set(common)
    lines = [COMMON, *common]
    for unit, body in zip(explained, bodies, strict=True):
        lines += [unit[0], *(entry for entry in body if entry not in shared)]
    return lines


@click.command(cls=Command)
@click.argument("plan", type=click.Path(path_type=Path))
@click.option(
    "--unit",
    "unit_ids",
    multiple=True,
    metavar="MÃ",
    help="Mã đơn vị (hoa-an …); dùng nhiều lần cho nhiều đơn vị.",
)
@click.option("--all", "all_units", is_flag=True, help="Soạn cho mọi đơn vị trong danh sách.")
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="THƯ_MỤC",
    help="Ghi cả YAML và DOCX vào đây (mặc định: YAML cạnh kế hoạch, DOCX vào output/).",
)
@units_option
@templates_option
@click.option("--force", is_flag=True, help="Ghi đè kế hoạch đơn vị (và bảng giá trị) đã có.")
@click.option(
    "--update",
    is_flag=True,
    help="Cập nhật kế hoạch đơn vị đã có theo kế hoạch cấp trên mới, giữ các chỗ đơn vị đã sửa.",
)
@click.option(
    "--no-base",
    "no_base",
    is_flag=True,
    help="Với --update, khi không dùng được bản gốc: giữ kế hoạch đơn vị, đánh dấu XEM LẠI mọi "
    "chỗ khác bản soạn mới.",
)
@click.option(
    "--explain",
    is_flag=True,
    help="Chỉ in mọi thay đổi so với văn bản cấp trên và các chỗ cần xem lại; không ghi tệp nào.",
)
@pdf_option
@click.option(
    "--values-template",
    "values_template",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="TỆP.xlsx",
    help="Ghi bảng giá trị chỉ tiêu của mọi đơn vị (mỗi chỉ tiêu một dòng, mỗi đơn vị một cột).",
)
@click.option(
    "--values",
    "values_file",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="TỆP.xlsx",
    help="Soạn với giá trị chỉ tiêu trong bảng; kế hoạch đơn vị đã có chỉ được sửa giá trị.",
)
def derive(
    plan: Path,
    unit_ids: tuple[str, ...],
    all_units: bool,
    out_dir: Path | None,
    units_file: Path | None,
    templates_dir: Path | None,
    force: bool,
    update: bool,
    no_base: bool,
    explain: bool,
    pdf: bool,
    values_template: Path | None,
    values_file: Path | None,
) -> None:
    """Soạn kế hoạch của xã, phường (trước 2025: xã, thị trấn) từ kế hoạch cấp trên PLAN."""
    from kehoach.stages import derive as stage

    if values_template is not None:
        stage.values_template(plan, values_template, units_file=units_file, force=force,
                              values_file=values_file)
        click.echo(f"đã ghi bảng giá trị chỉ tiêu: {values_template}")
        return
    if no_base and not update:
        raise KehoachError("--no-base chỉ dùng cùng --update")
    if update:
        if force or values_file is not None or explain:
            raise KehoachError("--update không dùng cùng --force, --values hay --explain")
        _update(plan, unit_ids, all_units, out_dir, units_file, templates_dir, pdf, no_base)
        return
    if explain and (force or pdf):
        raise KehoachError("--explain chỉ in các thay đổi, không ghi tệp nào: không dùng cùng "
                           "--force hay --pdf (bỏ --explain để soạn)")
    with _progress(all_units and not explain) as progress:
        done = stage.derive(plan, unit_ids, all_units=all_units, yaml_dir=out_dir,
                            docx_dir=out_dir, units_file=units_file,
                            templates_dir=templates_dir, force=force, explain=explain,
                            dry_run=explain, values_file=values_file, progress=progress)
    _show(done, pdf)


@contextmanager
def _progress(whole_batch: bool) -> Iterator[Progress]:
    """The bar of a whole batch (`--all`), shown once drafting starts."""
    with ExitStack() as stack:
        bar: list[ProgressBar[int]] = []

        def tell(done: int, total: int) -> None:
            if not bar:
                shown = sys.stderr if whole_batch else io.StringIO()
                bar.append(stack.enter_context(
                    click.progressbar(length=total, label="Đang soạn", file=shown)))
            else:
                bar[0].update(1)

        yield tell


def _show(done: Drafted, pdf: bool) -> None:
    if done.dry_run:
        for line in grouped([unit.explained for unit in done.units]):
            click.echo(line)
        click.echo(
            f"--explain: {len(done.units)} kế hoạch, {done.review} chỗ cần xem lại; chưa ghi "
            "tệp nào (bỏ --explain để soạn)"
        )
        return
    if done.units:
        for line in grouped([unit.explained for unit in done.units]):
            click.echo(line)
        click.echo(
            f"đã soạn {len(done.units)} kế hoạch: YAML trong {done.yaml_dir}, DOCX trong "
            f"{done.docx_dir}; {done.review} chỗ cần xem lại (tìm 'XEM LẠI' trong tệp YAML)"
        )
        if pdf:
            write_pdfs(done.documents)
    for edit in done.edited:
        click.echo(f"đã sửa {edit.count} giá trị chỉ tiêu: {edit.plan} (và {edit.unit}.docx)")
    if done.unchanged:
        click.echo(f"{len(done.unchanged)} kế hoạch đơn vị đã có không đổi giá trị")


def _update(plan: Path, unit_ids: tuple[str, ...], all_units: bool, out_dir: Path | None,
            units_file: Path | None, templates_dir: Path | None, pdf: bool,
            blind: bool) -> None:
    """`--update`: merge each unit's plan with the new upper plan; exit 1 while a merge's
    note awaits review."""
    from kehoach.derive.update import summary
    from kehoach.stages.update import update

    done = update(plan, unit_ids, all_units=all_units, yaml_dir=out_dir, docx_dir=out_dir,
                  units_file=units_file, templates_dir=templates_dir, blind=blind)
    for updated in done.units:
        click.echo(summary(updated))
    click.echo(
        f"đã cập nhật {len(done.units)} kế hoạch: YAML trong {done.yaml_dir} (bản trước: "
        f"*.yaml.bak), DOCX trong {done.docx_dir}; {done.review} chỗ gộp cần xem lại "
        "(tìm 'XEM LẠI' trong tệp YAML)"
    )
    if pdf:
        write_pdfs(done.documents)
    sys.exit(1 if done.review else 0)
