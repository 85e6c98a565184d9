"""`kehoach compare`: what changed between two drafts, by element id; with `--docx`, the
new draft as a Word document with the changes as tracked revisions."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kehoach.commands.common import (
    TEMPLATE,
    Command,
    format_option,
    named_as,
    templates_option,
)

if TYPE_CHECKING:
    from kehoach.compare.changes import Comparison
    from kehoach.plan.model import Plan


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
    """So sánh hai bản kế hoạch (YAML; DOCX hoặc TXT thì nhập trước) theo mã phần tử.

    Mã thoát: 0 khi hai bản như nhau, 1 khi khác nhau, 2 khi có lỗi.
    """
    from kehoach.compare.changes import compare as compare_plans
    from kehoach.compare.sides import is_imported, load_side

    if docx_path is not None:
        named_as(docx_path, (".docx",), "văn bản Word", (old, new))
    old_plan, new_plan = load_side(old), load_side(new)
    result = compare_plans(old_plan, new_plan, pair_by_text=is_imported(old) or is_imported(new))
    if docx_path is not None:
        write_tracked_docx(
            old_plan, new_plan, result, docx_path, templates_dir, inputs=(old, new)
        )
    if output_format == "json":
        out = {
            "giong_nhau": not result.changes,
            "ghep": [vars(p) for p in result.pairings],
            "thay_doi": [c.as_json() for c in result.changes],
        }
        click.echo(json.dumps(out, ensure_ascii=False, indent=2, default=str))
    else:
        for pairing in result.pairings:
            click.echo(f"ghép: {pairing.cu} ↔ {pairing.moi} (giống {round(pairing.giong * 100)}%)")
        for change in result.changes:
            click.echo(change.line())
        count = len(result.changes)
        click.echo(f"khác nhau: {count} thay đổi" if count else "hai bản như nhau")
    if docx_path is not None:
        click.echo(f"đã ghi {docx_path}", err=output_format == "json")
    sys.exit(1 if result.changes else 0)


def write_tracked_docx(
    old_plan: Plan,
    new_plan: Plan,
    result: Comparison,
    target: Path,
    templates_dir: Path | None,
    inputs: tuple[Path, ...] = (),
) -> None:
    """Render both sides with one renderer and write NEW with the revisions, atomically."""
    from kehoach.compare.runs import Marks
    from kehoach.compare.tracked import tracked
    from kehoach.document.render import renderer_for
    from kehoach.safewrite import write_atomic

    renderer = renderer_for(TEMPLATE, templates_dir)
    old_docx, new_docx = renderer.render(old_plan), renderer.render(new_plan)
    header = new_plan.van_ban
    marks = Marks(" ".join(header.co_quan.split()), header.day)
    data = tracked(old_docx, new_docx, old_plan, new_plan, marks, result.mapping)
    write_atomic(target, data, inputs)
