"""`kehoach import`: an existing plan (DOCX or text) into plan YAML."""

from __future__ import annotations

from pathlib import Path

import click

from kehoach.commands.common import Command, one_document


@click.command(name="import", cls=Command)
@click.argument("source", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "target",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="KẾ_HOẠCH.yaml",
    help="Tệp YAML ghi ra (mặc định: plans/<tên tệp>.yaml).",
)
@click.option("--force", is_flag=True, help="Ghi đè tệp YAML đã có.")
@one_document()
def import_(source: Path, target: Path | None, force: bool) -> None:
    """Nhập một kế hoạch có sẵn (DOCX hoặc tệp chữ UTF-8) thành tệp kế hoạch YAML.

    Mã thoát: 0 khi không có gì cần xem lại, 1 khi có chỗ cần xem lại (tìm 'XEM LẠI'),
    2 khi không ghi được gì."""
    from kehoach.stages.importing import import_plan

    done = import_plan(source, target, force=force)
    for line in done.found:
        click.echo(f"đã nhận ra: {line}")
    for reason, count in done.reasons:
        click.echo(f"cần xem lại ({count}): {reason}")
    click.echo(f"đã ghi {done.written[0]}; {done.review} chỗ cần xem lại (tìm 'XEM LẠI')")
    if done.review:
        raise SystemExit(1)  # written, but something needs the clerk's eye
