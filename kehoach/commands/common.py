"""What every command shares: options, Vietnamese help, file and registry look-ups.

Only click is imported here, so `kehoach --help` starts as fast as click itself."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import click

from kehoach.errors import KehoachError

TEMPLATE = "ke_hoach.docx"

templates_option = click.option(
    "--templates",
    "templates_dir",
    metavar="THƯ_MỤC",
    type=click.Path(file_okay=False, path_type=Path),
    help="Thư mục mẫu của người dùng, được tìm trước thư mục mẫu của kehoach.",
)
output_option = click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    metavar="THƯ_MỤC",
    help="Thư mục ghi văn bản (mặc định: output).",
)
pdf_option = click.option(
    "--pdf",
    is_flag=True,
    help="Xuất thêm PDF cạnh mỗi DOCX (LibreOffice, một lần chạy cho cả lô).",
)


def write_pdfs(docx_files: list[Path]) -> None:
    """`--pdf`: every DOCX of the command converted in one LibreOffice process."""
    from kehoach.document.pdf import to_pdfs

    for pdf in to_pdfs(docx_files):
        click.echo(f"đã ghi {pdf}")


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


class Vietnamese:
    """Vietnamese help for a click command or group."""

    context_class = _Context

    def get_help_option(self, ctx: click.Context):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "Hiện hướng dẫn này rồi thoát."
        return option


class Command(Vietnamese, click.Command):
    pass


def registry_path(plan_path: Path, plan, given: Path | None) -> Path | None:
    """The units file: `--units`, else the one the plan names (relative to the plan)."""
    if given is not None:
        return given
    return plan_path.parent / plan.danh_sach_don_vi if plan.danh_sach_don_vi else None


def existing_file(path: Path) -> Path:
    if not path.is_file():
        raise KehoachError(f"không có tệp {path}")
    return path


units_option = click.option(
    "--units",
    "units_file",
    type=click.Path(path_type=Path),
    metavar="TỆP",
    help="Danh sách đơn vị thay cho tệp mà kế hoạch chỉ định.",
)
