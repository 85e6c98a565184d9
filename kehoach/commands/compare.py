"""`kehoach compare`: what changed between two drafts, by element id; with `--docx`, the
new draft as a Word document with the changes as tracked revisions."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kehoach.commands.common import Command, format_option, templates_option


@click.command(name="compare", cls=Command)
@click.argument("old", metavar="BẢN_CŨ", type=click.Path(path_type=Path))
@click.argument("new", metavar="BẢN_MỚI", type=click.Path(path_type=Path))
@format_option
@click.option(
    "--docx",
    "docx_path",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="TỆP.docx",
    help="Ghi bản mới thành DOCX, các chỗ khác bản cũ là thay đổi được theo dõi (Review).",
)
@templates_option
def compare(
    old: Path, new: Path, output_format: str, docx_path: Path | None, templates_dir: Path | None
) -> None:
    """So sánh hai bản kế hoạch (YAML; DOCX hoặc TXT thì nhập trước), theo mã phần tử
    khi tin được mã, nếu không theo câu chữ.

    Mã thoát: 0 khi hai bản như nhau, 1 khi khác nhau, 2 khi có lỗi.
    """
    from kehoach.stages.compare import compare as stage

    done = stage(old, new, docx=docx_path, templates_dir=templates_dir)
    result = done.comparison
    if output_format == "json":
        out = {
            "giong_nhau": not result.changes,
            "ghep": [vars(p) for p in result.pairings],
            "thay_doi": [c.as_json() for c in result.changes],
        }
        click.echo(json.dumps(out, ensure_ascii=False, indent=2, default=str))
    else:
        changed = {change.id for change in result.changes}
        for pairing in (p for p in result.pairings if p.moi in changed):  # the rest: same
            click.echo(f"ghép: {pairing.cu} ↔ {pairing.moi} (giống {round(pairing.giong * 100)}%)")
        for change in result.changes:
            click.echo(change.line())
        count = len(result.changes)
        click.echo(f"khác nhau: {count} thay đổi" if count else "hai bản như nhau")
    for target in done.written:
        click.echo(f"đã ghi {target}", err=output_format == "json")
    sys.exit(1 if result.changes else 0)
