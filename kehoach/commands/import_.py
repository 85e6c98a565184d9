"""`kehoach import`: an existing plan (DOCX or text) into plan YAML."""

from __future__ import annotations

from pathlib import Path

import click

from kehoach.commands.common import (
    Command,
    existing_file,
    named_as,
    one_document,
)
from kehoach.errors import KehoachError


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
    from collections import Counter

    from kehoach.importer.parse import parse
    from kehoach.importer.sources import read_source
    from kehoach.plan import yamlsource, yamlwrite
    from kehoach.plan.loader import plan_from_source
    from kehoach.safewrite import write_atomic

    imported = parse(read_source(existing_file(source)), source)
    target = named_as(target or Path("plans") / f"{source.stem}.yaml", (".yaml", ".yml"),
                      "kế hoạch YAML", (source,))
    if target.exists() and not force:
        raise KehoachError(f"đã có {target}; không ghi đè (dùng --force hoặc -o TỆP khác)")
    comments = {key: [f"XEM LẠI: {r}" for r in reasons] for key, reasons in imported.review.items()}
    text = yamlwrite.dump(
        imported.data,
        comments,
        [
            f"Nhập từ {source.name} bằng `kehoach import`; câu chữ giữ nguyên như bản gốc.",
            f"Còn {sum(len(r) for r in imported.review.values())} chỗ cần xem lại: tìm 'XEM LẠI'.",
            "",
        ],
    )
    plan_from_source(yamlsource.load(text, str(target)))  # what is written must load back
    write_atomic(target, text.encode("utf-8"), inputs=[source])
    for line in imported.found:
        click.echo(f"đã nhận ra: {line}")
    reasons = Counter(r for rs in imported.review.values() for r in rs)
    for reason, count in reasons.most_common():
        click.echo(f"cần xem lại ({count}): {reason}")
    click.echo(f"đã ghi {target}; {reasons.total()} chỗ cần xem lại (tìm 'XEM LẠI')")
    if reasons:
        raise SystemExit(1)  # written, but something needs the clerk's eye
