"""`kehoach validate` and `kehoach schema`: the plan format (and the units files)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from kehoach.commands.common import Command, existing_file, registry_path
from kehoach.errors import KehoachError, Problem

if TYPE_CHECKING:
    from kehoach.plan.model import Plan
    from kehoach.plan.yamlsource import Source


@click.command(cls=Command)
@click.argument("plans", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate(plans: tuple[Path, ...]) -> None:
    """Kiểm tra các tệp kế hoạch (và danh sách đơn vị) và liệt kê mọi lỗi (dòng:cột,
    trường, điều cần sửa)."""
    from kehoach.plan import yamlsource
    from kehoach.plan.loader import plan_from_source, validate
    from kehoach.plan.units import Registry, is_registry

    problems = []
    for path in plans:
        try:
            source = yamlsource.load(yamlsource.read_text(existing_file(path)), str(path))
            if is_registry(source.data):
                registry = validate(source, Registry, "danh sách đơn vị")
                click.echo(f"hợp lệ: {path} (danh sách {len(registry.don_vi)} đơn vị)")
                continue
            plan = plan_from_source(source)
        except KehoachError as error:
            problems += error.problems
            continue
        unreadable = named_registry(path, source, plan, plans)
        if unreadable:
            problems += unreadable
            continue
        count = len(plan.indicators())
        tasks = len(plan.nhiem_vu_giai_phap.muc) if plan.nhiem_vu_giai_phap else 0
        click.echo(f"hợp lệ: {path} ({count} chỉ tiêu, {tasks} nhiệm vụ)")
        if not plan.van_ban.known_body:
            code = plan.van_ban.ma_co_quan
            click.echo(f"cảnh báo: {path}: mã cơ quan '{code}' không có trong danh mục")
        review_warning(path, plan)
    if problems:
        raise KehoachError(problems)


def named_registry(
    path: Path, source: Source, plan: Plan, given: tuple[Path, ...]
) -> list[Problem]:
    """The problems of the units file the plan names (`danh_sach_don_vi`): a plan whose
    list is missing or broken is not ready for derive or forms. A list also given on the
    command line is checked there, once."""
    from kehoach.plan.units import load_registry

    units = registry_path(path, plan, None)
    if units is None or units.resolve() in {p.resolve() for p in given}:
        return []
    if not units.is_file():
        message = (
            f"danh sách đơn vị {units} là một thư mục, cần một tệp"
            if units.is_dir()
            else f"không có tệp danh sách đơn vị {units}"
        )
        return [source.problem(("danh_sach_don_vi",), message)]
    try:
        load_registry(units)
    except KehoachError as error:
        return error.problems
    return []


def review_warning(path: Path, plan: Plan) -> None:
    """Warn while the plan still carries review notes (`xem_lai`)."""
    from kehoach.plan.review import notes

    left = len(list(notes(plan)))
    if left:
        click.echo(
            f"cảnh báo: {path}: còn {left} chỗ cần xem lại (xem_lai); "
            "xóa từng ghi chú khi đã xem xong",
            err=True,
        )


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
