"""`kehoach check`: the text and the format of plans, DOCX and text files."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kehoach.commands.common import Command, format_option


@click.command(cls=Command)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@format_option
@click.option(
    "--profile",
    "profile",
    default=None,
    metavar="HỒ_SƠ",
    help="Hồ sơ thể thức dùng để kiểm tra (mặc định: hồ sơ có hiệu lực vào ngày của văn bản).",
)
@click.option(
    "--fix",
    is_flag=True,
    help="Sửa các lỗi an toàn (NFC, dấu cách, chữ Telex) vào tệp mới <tên>.da_sua.",
)
@click.option("--in-place", is_flag=True, help="Với --fix: sửa ngay trong tệp.")
@click.option("--force", is_flag=True, help="Với --fix: ghi đè tệp <tên>.da_sua đã có.")
def check(
    paths: tuple[Path, ...],
    output_format: str,
    profile: str | None,
    fix: bool,
    in_place: bool,
    force: bool,
) -> None:
    """Kiểm tra thể thức và chữ viết của kế hoạch YAML, văn bản DOCX hoặc tệp chữ.

    Mã thoát 1 khi có lỗi, 2 khi có tệp không đọc được."""
    import json

    from kehoach.stages.check import check as stage

    done = stage(paths, profile=profile, fix=fix, in_place=in_place, force=force)
    for one in done.files:
        click.echo(f"{one.path}: hồ sơ thể thức {one.profile} ({one.why})", err=True)
        if fix and not one.fixable:
            click.echo(f"{one.path}: --fix chỉ sửa tệp YAML và tệp chữ", err=True)
        for change in one.changes:
            click.echo(f"đã sửa {one.fixed}: {change}", err=True)
    if output_format == "json":
        click.echo(json.dumps([f.as_dict() for f in done.findings], ensure_ascii=False, indent=2))
    else:
        for finding in done.findings:
            click.echo(str(finding))
    for problem in done.problems:
        click.echo(f"lỗi: {problem}", err=True)
    if output_format != "json":
        files = len({problem.file for problem in done.problems})
        skipped = f"; {files} tệp không đọc được" if done.problems else ""
        warnings = len(done.findings) - done.errors
        click.echo(f"{done.errors} lỗi, {warnings} cảnh báo{skipped}", err=True)
    if done.problems:
        sys.exit(2)
    if done.errors:
        sys.exit(1)
