"""What every command shares: options, Vietnamese help, printing what a job wrote.

Only click is imported here, so `kehoach --help` starts as fast as click itself; the jobs
themselves are the stage functions of `kehoach/stages/`."""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import click

if TYPE_CHECKING:
    from kehoach.stages.outcome import Outcome

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
    type=click.Path(path_type=Path),  # a file given here is refused when writing, in Vietnamese
    default=Path("output"),
    metavar="THƯ_MỤC",
    help="Thư mục ghi văn bản (mặc định: output).",
)
format_option = click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    help="Cách in kết quả: text (mỗi dòng một mục, mặc định) hoặc json (cho máy đọc).",
)
def _office_first(_ctx: click.Context, _param: click.Parameter, pdf: bool) -> bool:
    """`--pdf` finds LibreOffice before the command writes anything: without it the
    command stops at once, with nothing written, and says how to make the PDFs later."""
    if pdf:
        from kehoach.document.pdf import office
        from kehoach.errors import ConversionError

        try:
            office()
        except ConversionError as error:
            later = (
                "; chưa ghi tệp nào. Bỏ --pdf để chỉ ghi DOCX; có LibreOffice rồi thì xuất PDF "
                "bằng 'kehoach render KẾ_HOẠCH.yaml --pdf' hoặc 'kehoach build THƯ_MỤC -o "
                "THƯ_MỤC --pdf' (mọi kế hoạch của thư mục, như các kế hoạch đơn vị derive đã soạn)"
            )
            raise ConversionError(error.problems[0].message + later) from None
    return pdf


pdf_option = click.option(
    "--pdf",
    is_flag=True,
    callback=_office_first,
    help="Xuất thêm PDF cạnh mỗi DOCX (LibreOffice, một lần chạy cho mỗi 200 tệp).",
)


@contextmanager
def one_document() -> Iterator[None]:
    """No cycle collection while one document is made (about 25 ms of a 270 ms `render`:
    start-up builds many long-lived objects and the collector walks them again and again).
    One plan's garbage is bounded; batches keep collecting."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # Everything made so far joins the oldest generation without being walked (else
        # the first young collection after this walks all of it), then collection resumes.
        gc.freeze()
        gc.unfreeze()
        if enabled:
            gc.enable()


def write_pdfs(docx_files: list[Path]) -> None:
    """`--pdf`: every DOCX of the command converted by LibreOffice, started once per
    chunk of files; a PDF not set in its document's font is said once."""
    from kehoach.check.pdf_fonts import note
    from kehoach.document.pdf import to_pdfs

    pdfs = to_pdfs(docx_files)
    for pdf in pdfs:
        click.echo(f"đã ghi {pdf}")
    said = note(zip(docx_files, pdfs, strict=True))
    if said:
        click.echo(f"lưu ý: {said}", err=True)


def show_written(done: Outcome, pdf: bool = False) -> None:
    """`đã ghi …` for each file the job wrote; with `--pdf`, its documents converted."""
    for target in done.written:
        click.echo(f"đã ghi {target}")
    if pdf:
        write_pdfs(done.documents)


class _Formatter(click.HelpFormatter):
    """click's help headings, in Vietnamese."""

    HEADINGS: ClassVar[dict[str, str]] = {
        "Options": "Tùy chọn",
        "Commands": "Lệnh",
        "Arguments": "Đối số",
    }

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix="Cách dùng: ")

    @contextmanager
    def section(self, name: str) -> Iterator[None]:
        with super().section(self.HEADINGS.get(name, name)):
            yield


class _Context(click.Context):
    formatter_class = _Formatter


class Vietnamese(click.Command):
    """Vietnamese help for a click command or group."""

    context_class: type[click.Context] = _Context

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[TÙY_CHỌN]")
        if isinstance(self, click.Group):
            kwargs.setdefault("subcommand_metavar", "LỆNH [ĐỐI_SỐ]...")
        super().__init__(*args, **kwargs)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "Hiện hướng dẫn này rồi thoát."
        return option


class Command(Vietnamese):
    """A command that leaves its parameters where the CLI's error boundary finds them."""

    def invoke(self, ctx: click.Context) -> Any:
        ctx.meta["kehoach.params"] = dict(ctx.params)
        return super().invoke(ctx)


# click's own messages (click 8.x wording) → Vietnamese; the rest of a message is kept.
_CLICK_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), text)
    for pattern, text in (
        (r"Invalid value for (.+?): (.*)", r"giá trị không hợp lệ cho \1: \2"),
        (r"'([^']*)' is not a valid integer( range)?\.", r"'\1' không phải số nguyên"),
        (r"'([^']*)' is not a valid float( range)?\.", r"'\1' không phải số"),
        (r"'([^']*)' is not one of (.*)\.", r"'\1' không phải một trong: \2"),
        (r"'([^']*)' is not a valid boolean\.", r"'\1' không phải có/không (true/false)"),
        (r"(.*) is not in the range (.*)\.", r"\1 nằm ngoài khoảng \2"),
        (r"(?:File|Directory|Path) '([^']*)' does not exist\.", r"không có '\1'"),
        (r"(?:File|Directory|Path) '([^']*)' is a directory\.", r"'\1' là thư mục, cần một tệp"),
        (r"(?:File|Directory|Path) '([^']*)' is a file\.", r"'\1' là tệp, cần một thư mục"),
        (
            r"(?:File|Directory|Path) '([^']*)' is not (?:readable|writable)\.",
            r"không có quyền với '\1'",
        ),
        (r"Missing argument '([^']*)'\.", r"thiếu đối số \1"),
        (r"Missing option '([^']*)'\.", r"thiếu tùy chọn \1"),
        (r"Missing parameter '([^']*)'\.", r"thiếu \1"),
        (r"Missing command\.", "thiếu tên lệnh"),
        (r"Option '([^']*)' requires an argument\.", r"tùy chọn \1 cần một giá trị"),
        (r"Option '([^']*)' requires (\d+) arguments\.", r"tùy chọn \1 cần \2 giá trị"),
        (r"No such option '([^']*)'\.", r"không có tùy chọn \1"),
        (r"No such option: (.*)", r"không có tùy chọn \1"),
        (r"No such command '([^']*)'\.", r"không có lệnh '\1'"),
        (r"\s*Did you mean (.*)\?", r"; có phải ý bạn là \1?"),
        (r"\(Possible options: (.*)\)", r"(các tùy chọn gần giống: \1)"),
        (r"Got unexpected extra arguments? \((.*)\)", r"thừa đối số: \1"),
        (r"Option '([^']*)' does not take a value\.", r"tùy chọn \1 không nhận giá trị"),
    )
)


def click_message(message: str) -> str:
    """click's English message, phrase by phrase, in Vietnamese."""
    for pattern, text in _CLICK_MESSAGES:
        message = pattern.sub(text, message)
    return message


def show_usage_error(error: click.ClickException) -> None:
    """What click's `UsageError.show` prints, in Vietnamese."""
    ctx = getattr(error, "ctx", None)
    if ctx is not None:
        click.echo(ctx.get_usage(), err=True)
        name = ctx.command_path
        help_name = ctx.help_option_names[0] if ctx.help_option_names else "--help"
        click.echo(f"Xem '{name} {help_name}' để biết cách dùng.\n", err=True)
    click.echo(f"lỗi: {click_message(error.format_message())}", err=True)


units_option = click.option(
    "--units",
    "units_file",
    type=click.Path(path_type=Path),
    metavar="TỆP",
    help="Danh sách đơn vị thay cho tệp mà kế hoạch chỉ định.",
)
