"""The `kehoach` command. Only click is imported here: each command imports what it needs,
so `kehoach --help` starts as fast as click itself."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import ClassVar

import click

from kehoach.errors import KehoachError

TEMPLATE = "ke_hoach.docx"

_templates_option = click.option(
    "--templates",
    "templates_dir",
    metavar="THƯ_MỤC",
    type=click.Path(file_okay=False, path_type=Path),
    help="Thư mục mẫu của người dùng, được tìm trước thư mục mẫu của kehoach.",
)
_output_option = click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    metavar="THƯ_MỤC",
    help="Thư mục ghi văn bản (mặc định: output).",
)
_pdf_option = click.option("--pdf", is_flag=True, help="Xuất thêm PDF bằng LibreOffice.")


class _Formatter(click.HelpFormatter):
    """click's help headings, in Vietnamese."""

    HEADINGS: ClassVar[dict[str, str]] = {
        "Options": "Tùy chọn",
        "Commands": "Lệnh",
        "Arguments": "Đối số",
    }

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix="Cách dùng: ")

    def section(self, name: str):
        return super().section(self.HEADINGS.get(name, name))


class _Context(click.Context):
    formatter_class = _Formatter


class _Vietnamese:
    """Vietnamese help for a click command or group."""

    context_class = _Context

    def get_help_option(self, ctx: click.Context):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "Hiện hướng dẫn này rồi thoát."
        return option


class _Command(_Vietnamese, click.Command):
    pass


def _registry_path(plan_path: Path, plan, given: Path | None) -> Path | None:
    """The units file: `--units`, else the one the plan names (relative to the plan)."""
    if given is not None:
        return given
    return plan_path.parent / plan.danh_sach_don_vi if plan.danh_sach_don_vi else None


def _existing_file(path: Path) -> Path:
    if not path.is_file():
        raise KehoachError(f"không có tệp {path}")
    return path


def _fail(error: KehoachError) -> None:
    for problem in error.problems:
        click.echo(f"lỗi: {problem}", err=True)
    count = len(error.problems)
    if count > 1:
        click.echo(f"có {count} lỗi, chưa ghi tệp nào cho phần lỗi.", err=True)
    sys.exit(error.exit_code)


class _Group(_Vietnamese, click.Group):
    """Turns every `KehoachError` into its message and exit code, never a traceback."""

    command_class = _Command

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KehoachError as error:
            _fail(error)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    package_name="kehoach", message="kehoach %(version)s", help="Hiện phiên bản rồi thoát."
)
def main() -> None:
    """kehoach: soạn Kế hoạch của cấp ủy từ một tệp YAML, ra văn bản đúng thể thức.

    Mỗi kế hoạch là một tệp YAML trong thư mục plans/; các lệnh dưới đây kiểm tra
    và sinh văn bản DOCX (và PDF) vào thư mục output/.
    """


def _render_one(renderer, plan_path: Path, target: Path, pdf: bool) -> None:
    from kehoach.loader import load_plan
    from kehoach.safewrite import write_atomic

    plan = load_plan(plan_path)
    write_atomic(target, renderer.render(plan))
    click.echo(f"đã ghi {target}")
    if pdf:
        from kehoach.pdf import to_pdf

        click.echo(f"đã ghi {to_pdf(target)}")


@main.command()
@click.argument("plan", type=click.Path(path_type=Path))
@_output_option
@_templates_option
@_pdf_option
def render(plan: Path, out_dir: Path, templates_dir: Path | None, pdf: bool) -> None:
    """Sinh văn bản Kế hoạch (DOCX) từ tệp PLAN, ghi vào OUTPUT/<tên tệp>.docx."""
    from kehoach.render import renderer_for

    renderer = renderer_for(TEMPLATE, templates_dir)
    _render_one(renderer, _existing_file(plan), out_dir / f"{plan.stem}.docx", pdf)


@main.command()
@click.argument("plans_dir", required=False, default=Path("plans"), type=click.Path(path_type=Path))
@_output_option
@_templates_option
@_pdf_option
def build(plans_dir: Path, out_dir: Path, templates_dir: Path | None, pdf: bool) -> None:
    """Sinh văn bản cho mọi kế hoạch trong PLANS_DIR (mặc định plans/) vào output/."""
    from kehoach.render import renderer_for

    if not plans_dir.is_dir():
        raise KehoachError(f"không có thư mục {plans_dir}")
    from kehoach import yamlsource
    from kehoach.units import is_registry

    plans = []
    for path in sorted(plans_dir.rglob("*.yaml")):
        try:
            data = yamlsource.load(yamlsource.read_text(path), str(path)).data
        except KehoachError:
            data = None  # rendering reports it
        if is_registry(data):
            click.echo(f"bỏ qua {path}: danh sách đơn vị, không phải kế hoạch")
        else:
            plans.append(path)
    if not plans:
        raise KehoachError(f"không có tệp kế hoạch (*.yaml) nào trong {plans_dir}")
    renderer = renderer_for(TEMPLATE, templates_dir)
    failed: list[KehoachError] = []
    for plan in plans:
        target = out_dir / plan.relative_to(plans_dir).with_suffix(".docx")
        try:
            _render_one(renderer, plan, target, pdf)
        except KehoachError as error:
            failed.append(error)
    if failed:
        problems = [p for error in failed for p in error.problems]
        raise KehoachError(problems)


@main.command()
@click.argument("plans", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate(plans: tuple[Path, ...]) -> None:
    """Kiểm tra các tệp kế hoạch và liệt kê mọi lỗi (dòng:cột, trường, điều cần sửa)."""
    from kehoach.loader import load_plan

    problems = []
    for path in plans:
        try:
            plan = load_plan(_existing_file(path))
        except KehoachError as error:
            problems += error.problems
            continue
        count = len(plan.muc_tieu_chi_tieu.chi_tieu.indicators())
        tasks = len(plan.nhiem_vu_giai_phap.muc)
        click.echo(f"hợp lệ: {path} ({count} chỉ tiêu, {tasks} nhiệm vụ)")
    if problems:
        raise KehoachError(problems)


@main.command()
def schema() -> None:
    """In JSON Schema của định dạng kế hoạch (để trình soạn thảo gợi ý và kiểm tra)."""
    import json

    from kehoach.model import Plan

    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **Plan.model_json_schema(),
    }
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))


@main.command()
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
@click.option(
    "--units",
    "units_file",
    type=click.Path(path_type=Path),
    metavar="TỆP",
    help="Danh sách đơn vị thay cho tệp mà kế hoạch chỉ định.",
)
@_templates_option
@click.option("--force", is_flag=True, help="Ghi đè kế hoạch đơn vị đã có.")
@click.option("--explain", is_flag=True, help="In mọi thay đổi so với văn bản cấp trên.")
def derive(
    plan: Path,
    unit_ids: tuple[str, ...],
    all_units: bool,
    out_dir: Path | None,
    units_file: Path | None,
    templates_dir: Path | None,
    force: bool,
    explain: bool,
) -> None:
    """Soạn kế hoạch của xã, thị trấn từ kế hoạch cấp trên PLAN (YAML để sửa và DOCX)."""
    from kehoach.drafts import Drafter, Targets, write_all
    from kehoach.loader import load_plan
    from kehoach.templates import find_template
    from kehoach.units import load_registry

    if bool(unit_ids) == all_units:
        raise KehoachError("chọn đơn vị bằng --unit MÃ hoặc --all (một trong hai)")
    parent = load_plan(_existing_file(plan))
    units_file = _registry_path(plan, parent, units_file)
    if units_file is None:
        raise KehoachError(
            f"{plan}: kế hoạch không chỉ định danh sách đơn vị (danh_sach_don_vi); dùng --units TỆP"
        )
    registry = load_registry(_existing_file(units_file))
    units = (
        [u.id for u in registry.registry.don_vi]
        if all_units
        else [registry.unit(u).id for u in unit_ids]
    )
    yaml_dir = out_dir or plan.parent / plan.stem
    docx_dir = out_dir or Path("output") / plan.stem
    existing = [yaml_dir / f"{u}.yaml" for u in units if (yaml_dir / f"{u}.yaml").exists()]
    if existing and not force:
        raise KehoachError(
            "không ghi đè kế hoạch đơn vị đã có (có thể đã được sửa tay): "
            + ", ".join(str(p) for p in existing)
            + " — dùng --force nếu muốn soạn lại"
        )
    drafter = Drafter(parent, registry, find_template(TEMPLATE, templates_dir))
    targets = Targets(yaml_dir, docx_dir, explain)
    review = 0
    shown = sys.stderr if all_units else io.StringIO()  # a bar only for a whole batch
    with click.progressbar(length=len(units), label="Đang soạn", file=shown) as bar:
        for written in write_all(drafter, units, targets):
            review += written.review
            for line in written.explained:
                click.echo(line)
            bar.update(1)
    click.echo(
        f"đã soạn {len(units)} kế hoạch: YAML trong {yaml_dir}, DOCX trong {docx_dir}; "
        f"{review} chỗ cần xem lại (tìm 'XEM LẠI' trong tệp YAML)"
    )


_units_option = click.option(
    "--units",
    "units_file",
    type=click.Path(path_type=Path),
    metavar="TỆP",
    help="Danh sách đơn vị thay cho tệp mà kế hoạch chỉ định.",
)


@main.command()
@click.argument("plan", type=click.Path(path_type=Path))
@_output_option
@click.option(
    "--ky", default=None, metavar="KỲ", help='Kỳ báo cáo, ví dụ "sơ kết 5 năm" (mặc định: sơ kết).'
)
@click.option(
    "--nam", type=int, default=None, metavar="NĂM", help="Năm báo cáo (mặc định: năm của kế hoạch)."
)
@_units_option
@_templates_option
def forms(
    plan: Path,
    out_dir: Path,
    ky: str | None,
    nam: int | None,
    units_file: Path | None,
    templates_dir: Path | None,
) -> None:
    """Sinh đề cương báo cáo (DOCX) và biểu chỉ tiêu (DOCX, XLSX) trống từ kế hoạch PLAN."""
    from kehoach import forms as report_forms
    from kehoach import workbook
    from kehoach.loader import load_plan
    from kehoach.render import renderer_for
    from kehoach.safewrite import write_atomic

    model = load_plan(_existing_file(plan))
    period = report_forms.Period(
        ky or report_forms.outline()["ky_mac_dinh"], nam or model.van_ban.year
    )
    units, own = _form_units(plan, model, units_file)
    outline_docx = renderer_for("de_cuong_bao_cao.docx", templates_dir).render_context(
        report_forms.outline_context(model, period),
        report_forms.properties(model, "Đề cương báo cáo", period),
    )
    table_docx = renderer_for("bieu_chi_tieu.docx", templates_dir).render_context(
        report_forms.table_context(model, period, own[1] if own else ""),
        report_forms.properties(model, "Biểu chỉ tiêu", period),
    )
    table_xlsx = workbook.build(model, period, units, own)
    for suffix, data in (
        ("_de_cuong_bao_cao.docx", outline_docx),
        ("_bieu_chi_tieu.docx", table_docx),
        ("_bieu_chi_tieu.xlsx", table_xlsx),
    ):
        target = out_dir / f"{plan.stem}{suffix}"
        write_atomic(target, data)
        click.echo(f"đã ghi {target}")
    if not units and own is None:
        click.echo(
            "lưu ý: không có danh sách đơn vị; ô 'Đơn vị báo cáo' của biểu Excel không có "
            "danh sách chọn, bảng tổng hợp sẽ không nhận ra đơn vị",
            err=True,
        )


def _form_units(plan_path: Path, model, units_file: Path | None):
    """(registry units for the drop-down, the plan's own unit for a unit's derived plan)."""
    from kehoach.units import load_registry

    if model.don_vi is not None:
        return [], (model.don_vi, model.van_ban.dia_danh)
    path = _registry_path(plan_path, model, units_file)
    if path is None:
        return [], None
    registry = load_registry(_existing_file(path)).registry
    return [(u.id, u.ten) for u in registry.don_vi], None


@main.command()
@click.argument("plan", type=click.Path(path_type=Path))
@click.argument("filled", nargs=-1, required=True, type=click.Path(path_type=Path))
@_output_option
@_units_option
@_templates_option
def aggregate(
    plan: Path,
    filled: tuple[Path, ...],
    out_dir: Path,
    units_file: Path | None,
    templates_dir: Path | None,
) -> None:
    """Tổng hợp các biểu chỉ tiêu (XLSX) các đơn vị gửi về theo kế hoạch PLAN.

    Ghi <tên kế hoạch>_tong_hop.xlsx và _tong_hop.docx. Mọi số liệu đều được kiểm tra; mã
    thoát 1 khi có biểu lỗi (bảng tổng hợp vẫn được ghi từ các biểu tốt)."""
    from kehoach import aggregate as summing
    from kehoach import forms as report_forms
    from kehoach.loader import load_plan
    from kehoach.render import renderer_for
    from kehoach.safewrite import write_atomic
    from kehoach.units import load_registry

    model = load_plan(_existing_file(plan))
    path = _registry_path(plan, model, units_file)
    registry = load_registry(_existing_file(path)).registry if path else None
    reading = summing.read_forms(model, registry, list(filled))
    for note in reading.notes:
        click.echo(f"ghi chú: {note}", err=True)
    for error in reading.errors:
        click.echo(f"lỗi: {error}", err=True)
    if not reading.reports:
        raise KehoachError("không có biểu nào dùng được; chưa ghi bảng tổng hợp")
    summary = summing.Summary(model, registry, reading)
    period = report_forms.Period(report_forms.outline()["ky_mac_dinh"], model.van_ban.year)
    docx = renderer_for("tong_hop.docx", templates_dir).render_context(
        summing.summary_context(summary, report_forms.subtitle(model, period)),
        report_forms.properties(model, "Tổng hợp chỉ tiêu", period),
    )
    for suffix, data in (
        ("_tong_hop.xlsx", summing.summary_workbook(summary)),
        ("_tong_hop.docx", docx),
    ):
        target = out_dir / f"{plan.stem}{suffix}"
        write_atomic(target, data)
        click.echo(f"đã ghi {target}")
    click.echo(
        f"đã tổng hợp {len(summary.units)} đơn vị"
        + (f"; chưa báo cáo: {', '.join(summary.missing)}" if summary.missing else "")
    )
    if reading.errors:
        click.echo(f"bảng tổng hợp chưa đủ: {len(reading.errors)} lỗi ở trên", err=True)
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    help="Cách in kết quả: text (mỗi dòng một phát hiện) hoặc json.",
)
@click.option(
    "--profile",
    "profile",
    default="hd36-2018",
    metavar="HỒ_SƠ",
    help="Hồ sơ thể thức dùng để kiểm tra (mặc định: hd36-2018).",
)
@click.option(
    "--fix",
    is_flag=True,
    help="Sửa các lỗi an toàn (NFC, dấu cách, chữ Telex) vào tệp mới <tên>.da_sua.",
)
@click.option("--in-place", is_flag=True, help="Với --fix: sửa ngay trong tệp.")
def check(
    paths: tuple[Path, ...], output_format: str, profile: str, fix: bool, in_place: bool
) -> None:
    """Kiểm tra thể thức và chữ viết của kế hoạch YAML, văn bản DOCX hoặc tệp chữ.

    Mã thoát 1 khi có lỗi, 2 khi có tệp không đọc được."""
    import json

    from kehoach.check.files import Unreadable
    from kehoach.check.findings import ERROR
    from kehoach.check.run import check_file, fix_text
    from kehoach.profile import load_profile
    from kehoach.safewrite import write_atomic

    load_profile(profile)
    findings, unreadable = [], []
    for path in paths:
        try:
            findings += check_file(_existing_file(path), profile)
        except (Unreadable, KehoachError) as error:
            unreadable += error.problems
            continue
        if fix:
            if path.suffix.lower() == ".docx":
                click.echo(f"{path}: --fix chỉ sửa tệp YAML và tệp chữ", err=True)
                continue
            fixed, changes = fix_text(path.read_text(encoding="utf-8-sig"))
            target = path if in_place else path.with_name(f"{path.stem}.da_sua{path.suffix}")
            if changes:
                write_atomic(target, fixed.encode("utf-8"))
            for change in changes:
                click.echo(f"đã sửa {target}: {change}", err=True)
    if output_format == "json":
        click.echo(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            click.echo(str(finding))
        errors = sum(1 for f in findings if f.severity == ERROR)
        click.echo(f"{errors} lỗi, {len(findings) - errors} cảnh báo", err=True)
    for problem in unreadable:
        click.echo(f"lỗi: {problem}", err=True)
    if unreadable:
        sys.exit(2)
    if any(f.severity == ERROR for f in findings):
        sys.exit(1)


@main.command(name="import")
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
def import_(source: Path, target: Path | None, force: bool) -> None:
    """Nhập một kế hoạch có sẵn (DOCX hoặc tệp chữ UTF-8) thành tệp kế hoạch YAML."""
    from collections import Counter

    from kehoach import yamlsource, yamlwrite
    from kehoach.importer.parse import parse
    from kehoach.importer.sources import read_source
    from kehoach.loader import plan_from_source
    from kehoach.safewrite import write_atomic

    imported = parse(read_source(_existing_file(source)), source.stem)
    target = target or Path("plans") / f"{source.stem}.yaml"
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
    write_atomic(target, text.encode("utf-8"))
    for line in imported.found:
        click.echo(f"đã nhận ra: {line}")
    reasons = Counter(r for rs in imported.review.values() for r in rs)
    for reason, count in reasons.most_common():
        click.echo(f"cần xem lại ({count}): {reason}")
    click.echo(f"đã ghi {target}; {reasons.total()} chỗ cần xem lại (tìm 'XEM LẠI')")
