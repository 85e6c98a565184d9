"""The `kehoach` command group. Each command lives in `kehoach/commands/`; only click is
imported up front, every command imports what it needs when it runs."""

from __future__ import annotations

import sys

import click

from kehoach.commands import check, derive, forms, import_, render, serve, validate
from kehoach.commands.common import Vietnamese
from kehoach.errors import KehoachError


def _fail(error: KehoachError) -> None:
    for problem in error.problems:
        click.echo(f"lỗi: {problem}", err=True)
    count = len(error.problems)
    if count > 1:
        click.echo(f"có {count} lỗi, chưa ghi tệp nào cho phần lỗi.", err=True)
    sys.exit(error.exit_code)


class _Group(Vietnamese, click.Group):
    """Turns every `KehoachError` into its message and exit code, never a traceback."""

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


for command in (
    render.render,
    render.build,
    validate.validate,
    validate.schema,
    derive.derive,
    forms.forms,
    forms.aggregate,
    check.check,
    import_.import_,
    serve.serve,
):
    main.add_command(command)


if __name__ == "__main__":
    main()
