"""`kehoach derive`: the units' plans drafted from the plan above them."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import click

from kehoach.commands.common import (
    TEMPLATE,
    Command,
    existing_file,
    pdf_option,
    registry_path,
    templates_option,
    units_option,
    write_pdfs,
)
from kehoach.errors import KehoachError

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
@click.option("--explain", is_flag=True, help="In mọi thay đổi so với văn bản cấp trên.")
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
    explain: bool,
    pdf: bool,
    values_template: Path | None,
    values_file: Path | None,
) -> None:
    """Soạn kế hoạch của xã, phường (trước 2025: xã, thị trấn) từ kế hoạch cấp trên PLAN."""
    from kehoach.derive.derivation import require_parts
    from kehoach.document.lookup import find_template
    from kehoach.plan.loader import load_plan
    from kehoach.plan.units import load_registry

    parent = load_plan(existing_file(plan))
    units_file = registry_path(plan, parent, units_file)
    if units_file is None:
        raise KehoachError(
            f"{plan}: kế hoạch không chỉ định danh sách đơn vị (danh_sach_don_vi); dùng --units TỆP"
        )
    registry = load_registry(existing_file(units_file))
    if values_file is not None:
        from kehoach.derive import values  # openpyxl, only when a sheet is asked for
    if values_template is not None:
        return _write_values_template(values_template, parent, registry,
                                      (plan, units_file, values_file), force)
    require_parts(parent, str(plan))
    units = _chosen(registry, unit_ids, all_units)
    yaml_dir = out_dir or plan.parent / plan.stem
    docx_dir = out_dir or Path("output") / plan.stem
    if update:
        clash = force or values_file is not None or explain
        _update(parent, registry, templates_dir, units, (yaml_dir, docx_dir),
                (plan, units_file), pdf, clash)
        return
    existing = [u for u in units if (yaml_dir / f"{u}.yaml").exists()]
    template = find_template(TEMPLATE, templates_dir)
    edits: list = []  # existing plans' new values, saved once the new drafts are written
    if values_file is not None:
        given = values.read(existing_file(values_file), parent, registry)
        registry = values.with_values(registry, given)
        if existing and not force:
            edits = edited_values(existing, given, yaml_dir, template)
            units = [u for u in units if u not in existing]
    elif existing and not force:
        raise _kept(existing, yaml_dir)
    if units:
        _draft(parent, registry, template, units, (yaml_dir, docx_dir), explain, all_units,
               (plan, units_file, values_file), pdf)
    if existing and values_file is not None and not force:
        save_values(edits, len(existing), docx_dir)


def _kept(existing: list[str], yaml_dir: Path) -> KehoachError:
    return KehoachError(
        "không ghi đè kế hoạch đơn vị đã có (có thể đã được sửa tay): "
        + ", ".join(str(yaml_dir / f"{u}.yaml") for u in existing)
        + " — dùng --force nếu muốn soạn lại"
    )


def _write_values_template(target: Path, parent, registry, inputs: tuple[Path | None, ...],
                           force: bool) -> None:
    """The blank values sheet, never over an input (the filled sheet included), over a
    sheet already there unless forced (it may hold the clerk's figures) nor under a name
    that is not a workbook's (a unit's plan typed by mistake)."""
    from kehoach.derive import values
    from kehoach.safewrite import write_atomic

    if target.suffix.lower() != ".xlsx":
        raise KehoachError(f"{target}: bảng giá trị là tệp Excel, tên phải có đuôi .xlsx")
    an_input = target.resolve() in {path.resolve() for path in inputs if path is not None}
    if target.exists() and not force and not an_input:  # an input: write_atomic says so
        raise KehoachError(
            f"{target}: đã có bảng giá trị (có thể đã điền số liệu); không ghi đè bằng bảng "
            "trống — chọn tên khác, hoặc dùng --force nếu muốn ghi lại"
        )
    write_atomic(target, values.template(parent, registry), inputs)
    click.echo(f"đã ghi bảng giá trị chỉ tiêu: {target}")


def _chosen(registry, unit_ids: tuple[str, ...], all_units: bool) -> list[str]:
    """The units asked for: by id, or all of the registry's."""
    if bool(unit_ids) == all_units:
        raise KehoachError("chọn đơn vị bằng --unit MÃ hoặc --all (một trong hai)")
    if all_units:
        return [u.id for u in registry.registry.don_vi]
    return list(dict.fromkeys(registry.unit(u).id for u in unit_ids))  # each unit once


def _update(parent, registry, templates_dir: Path | None, units: list[str], dirs,
            inputs: tuple[Path | None, ...], pdf: bool, clash: bool) -> None:
    """`--update`: merge each unit's plan with the new upper plan; exit 1 when some
    element awaits review."""
    from kehoach.derive.update import summary, update_all
    from kehoach.document.lookup import find_template

    if clash:
        raise KehoachError("--update không dùng cùng --force, --values hay --explain")
    template = find_template(TEMPLATE, templates_dir)
    done = update_all(parent, registry, template, units, dirs, inputs)
    for updated in done:
        click.echo(summary(updated))
    review = sum(updated.review for updated in done)
    yaml_dir, docx_dir = dirs
    click.echo(
        f"đã cập nhật {len(done)} kế hoạch: YAML trong {yaml_dir} (bản trước: *.yaml.bak), "
        f"DOCX trong {docx_dir}; {review} phần tử cần xem lại (tìm 'XEM LẠI' trong tệp YAML)"
    )
    if pdf:
        write_pdfs([docx_dir / f"{u}.docx" for u in units])
    sys.exit(1 if review else 0)


def update_values(existing: list[str], given: dict, dirs, template: Path) -> None:
    """Existing unit plans: only their indicator values change, in place; the DOCX of
    each changed plan is rendered again from its YAML."""
    yaml_dir, docx_dir = dirs
    save_values(edited_values(existing, given, yaml_dir, template), len(existing), docx_dir)


def edited_values(existing: list[str], given: dict, yaml_dir: Path, template: Path) -> list:
    """Every existing plan read, its values changed and its DOCX rendered, nothing saved:
    a broken plan (or a new unit's draft failing after this) leaves all as they were."""
    from kehoach.derive.values import edit_values
    from kehoach.document.render import Renderer
    from kehoach.plan import yamlsource
    from kehoach.plan.loader import plan_from_source

    renderer = Renderer(template)
    edits = []
    for unit in existing:
        plan_file, count = edit_values(yaml_dir / f"{unit}.yaml", given.get(unit, {}))
        if count:
            edited = plan_from_source(yamlsource.load(plan_file.text, plan_file.file))
            edits.append((unit, plan_file, count, renderer.render(edited)))
    return edits


def save_values(edits: list, existing: int, docx_dir: Path) -> None:
    from kehoach.safewrite import write_atomic

    for unit, plan_file, count, docx in edits:
        plan_file.save()
        write_atomic(docx_dir / f"{unit}.docx", docx)
        click.echo(f"đã sửa {count} giá trị chỉ tiêu: {plan_file.path} (và {unit}.docx)")
    if existing - len(edits):
        click.echo(f"{existing - len(edits)} kế hoạch đơn vị đã có không đổi giá trị")


def _draft(parent, registry, template: Path, units: list[str], dirs, explain: bool,
           all_units: bool, inputs: tuple[Path | None, ...], pdf: bool) -> None:
    """Draft and write `units`, with the progress bar for a whole batch."""
    from kehoach.derive.batch import Drafter, Targets, write_all

    yaml_dir, docx_dir = dirs
    drafter = Drafter(parent, registry, template)
    targets = Targets(yaml_dir, docx_dir, explain, inputs)
    review = 0
    explained: list[list[str]] = []
    shown = sys.stderr if all_units else io.StringIO()  # a bar only for a whole batch
    with click.progressbar(length=len(units), label="Đang soạn", file=shown) as bar:
        for written in write_all(drafter, units, targets):
            review += written.review
            explained.append(written.explained)
            bar.update(1)
    for line in grouped(explained):
        click.echo(line)
    click.echo(
        f"đã soạn {len(units)} kế hoạch: YAML trong {yaml_dir}, DOCX trong {docx_dir}; "
        f"{review} chỗ cần xem lại (tìm 'XEM LẠI' trong tệp YAML)"
    )
    if pdf:
        write_pdfs([docx_dir / f"{u}.docx" for u in units])
