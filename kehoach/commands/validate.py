"""`kehoach validate` and `kehoach schema`: the plan format (and the units files)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kehoach.commands.common import Command


@click.command(cls=Command)
@click.argument("plans", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate(plans: tuple[Path, ...]) -> None:
    """Kiểm tra các tệp kế hoạch (và danh sách đơn vị) và liệt kê mọi lỗi (dòng:cột,
    trường, điều cần sửa)."""
    from kehoach.stages.validate import validate as stage

    done = stage(plans)
    for one in done.valid:
        if one.units is not None:
            click.echo(f"hợp lệ: {one.path} (danh sách {one.units} đơn vị)")
            continue
        click.echo(f"hợp lệ: {one.path} ({one.indicators} chỉ tiêu, {one.tasks} nhiệm vụ)")
        if one.unknown_body is not None:
            click.echo(
                f"cảnh báo: {one.path}: mã cơ quan '{one.unknown_body}' không có trong danh mục"
            )
        if one.review_left:
            click.echo(
                f"cảnh báo: {one.path}: còn {one.review_left} chỗ cần xem lại (xem_lai); "
                "xóa từng ghi chú khi đã xem xong",
                err=True,
            )
    for problem in done.problems:  # validate writes nothing: no word of files not written
        click.echo(f"lỗi: {problem}", err=True)
    if len(done.problems) > 1:
        click.echo(f"có {len(done.problems)} lỗi.", err=True)
    if done.problems:
        sys.exit(2)


@click.command(cls=Command)
def schema() -> None:
    """In JSON Schema của định dạng kế hoạch (để trình soạn thảo gợi ý và kiểm tra)."""
    import json

    from kehoach.plan.model import Plan

    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **Plan.model_json_schema(),
    }
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))
