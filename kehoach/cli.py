"""The `kehoach` command group. Each command lives in `kehoach/commands/`; only click is
imported up front, every command imports what it needs when it runs.

This is the one error boundary: whatever goes wrong below becomes a Vietnamese message
naming the file, exit code 2, never a traceback."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kehoach.commands import check, compare, derive, forms, import_, render, serve, validate
from kehoach.commands.common import Vietnamese, show_usage_error
from kehoach.errors import KehoachError, Problem, failure_message


def _fail(error: KehoachError) -> None:
    for problem in error.problems:
        click.echo(f"lỗi: {problem}", err=True)
    count = len(error.problems)
    if count > 1:
        click.echo(f"có {count} lỗi, chưa ghi tệp nào cho phần lỗi.", err=True)
    sys.exit(error.exit_code)


def _inputs(ctx: click.Context) -> str:
    """The files the failed command was given, to name them when the error does not."""
    params = ctx.meta.get("kehoach.params", {})
    found: list[str] = []
    for value in params.values():
        values = value if isinstance(value, tuple | list) else [value]
        found += [str(v) for v in values if isinstance(v, Path)]
    return ", ".join(found)


class _Group(Vietnamese, click.Group):
    """Turns every failure into its message and exit code, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KehoachError as error:
            _fail(error)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as error:  # only the kinds `failure_message` knows; others re-raised
            message = failure_message(error)
            if message is None:
                raise
            file = getattr(error, "filename", None) or _inputs(ctx)
            _fail(KehoachError([Problem(str(file or ""), message)]))

    def main(self, *args, standalone_mode: bool = True, **extra):
        """click's own errors (usage, bad values, missing files), in Vietnamese."""
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **extra)
        try:
            code = super().main(*args, standalone_mode=False, **extra)
        except click.ClickException as error:
            show_usage_error(error)
            sys.exit(error.exit_code)
        except click.Abort:
            click.echo("đã dừng.", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


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
    compare.compare,
    serve.serve,
):
    main.add_command(command)


if __name__ == "__main__":
    main()
