"""`kehoach validate` and `kehoach schema`: the plan format."""

from __future__ import annotations

from pathlib import Path

import click

from kehoach.commands.common import (
    Command,
    existing_file,
)
from kehoach.errors import KehoachError


@click.command(cls=Command)
@click.argument("plans", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate(plans: tuple[Path, ...]) -> None:
    """Kiểm tra các tệp kế hoạch và liệt kê mọi lỗi (dòng:cột, trường, điều cần sửa)."""
    from kehoach.loader import load_plan

    problems = []
    for path in plans:
        try:
            plan = load_plan(existing_file(path))
        except KehoachError as error:
            problems += error.problems
            continue
        count = len(plan.muc_tieu_chi_tieu.chi_tieu.indicators())
        tasks = len(plan.nhiem_vu_giai_phap.muc)
        click.echo(f"hợp lệ: {path} ({count} chỉ tiêu, {tasks} nhiệm vụ)")
    if problems:
        raise KehoachError(problems)


@click.command(cls=Command)
def schema() -> None:
    """In JSON Schema của định dạng kế hoạch (để trình soạn thảo gợi ý và kiểm tra)."""
    import json

    from kehoach.model import Plan

    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **Plan.model_json_schema(),
    }
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))
