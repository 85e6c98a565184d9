"""`kehoach check`: the text and the format of plans, DOCX and text files."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kehoach.commands.common import (
    Command,
    existing_file,
    format_option,
)
from kehoach.errors import KehoachError


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
def check(
    paths: tuple[Path, ...], output_format: str, profile: str | None, fix: bool, in_place: bool
) -> None:
    """Kiểm tra thể thức và chữ viết của kế hoạch YAML, văn bản DOCX hoặc tệp chữ.

    Mã thoát 1 khi có lỗi, 2 khi có tệp không đọc được."""
    import json

    from kehoach.errors import Unreadable
    from kehoach.check.findings import ERROR
    from kehoach.check.run import check_file, fix_file
    from kehoach.rules.profile import load_profile
    from kehoach.safewrite import Batch

    if in_place and not fix:
        raise KehoachError("--in-place chỉ dùng cùng --fix (sửa ngay trong tệp); chưa sửa gì")
    if profile is not None:
        load_profile(profile)
    findings, unreadable = [], []
    batch = Batch()  # all fixes land together; a fix never lands on another input
    try:
        for path in paths:
            try:
                checked = check_file(existing_file(path), profile)
            except (Unreadable, KehoachError) as error:
                unreadable += error.problems
                continue
            findings += checked.findings
            click.echo(f"{path}: hồ sơ thể thức {checked.profile} ({checked.why})", err=True)
            if fix:
                if path.suffix.lower() == ".docx":
                    click.echo(f"{path}: --fix chỉ sửa tệp YAML và tệp chữ", err=True)
                    continue
                fixed, changes = fix_file(path, checked.profile)
                target = path if in_place else path.with_name(f"{path.stem}.da_sua{path.suffix}")
                batch.inputs = [p for p in paths if not (in_place and p == target)]
                if changes:
                    batch.write(target, fixed.encode("utf-8"))
                for change in changes:
                    click.echo(f"đã sửa {target}: {change}", err=True)
        batch.commit()
    finally:
        batch.discard()
    if output_format == "json":
        click.echo(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            click.echo(str(finding))
    for problem in unreadable:
        click.echo(f"lỗi: {problem}", err=True)
    if output_format != "json":
        errors = sum(1 for f in findings if f.severity == ERROR)
        files = len({problem.file for problem in unreadable})
        skipped = f"; {files} tệp không đọc được" if unreadable else ""
        click.echo(f"{errors} lỗi, {len(findings) - errors} cảnh báo{skipped}", err=True)
    if unreadable:
        sys.exit(2)
    if any(f.severity == ERROR for f in findings):
        sys.exit(1)
