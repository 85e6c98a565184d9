"""The `kehoach` command group. Each command lives in `kehoach/commands/`; only click is
imported up front, a command's module only when that command runs (or help lists it), and
every command imports what it needs when it runs.

This is the one error boundary: whatever goes wrong below becomes a Vietnamese message
naming the file, exit code 2, never a traceback."""

from __future__ import annotations

import atexit
import gc
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

import click

from kehoach.commands.common import Vietnamese, show_usage_error
from kehoach.errors import KehoachError, Problem, failure_message


def _quick_exit() -> None:
    """No shutdown collection walks every object the command left (~40 ms of a 300 ms
    render): `gc.freeze` at exit sets them aside. Objects left in cycles are then freed
    with the process, not finalised; whatever a command writes is closed and synced before
    it returns. Collection while the command runs is untouched (a batch stays flat)."""
    atexit.unregister(gc.freeze)  # registered once, however often main runs (tests)
    atexit.register(gc.freeze)


def _fail(error: KehoachError) -> NoReturn:
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


# Command name → its module in kehoach/commands/ and the function there, in help's order.
_COMMANDS = {
    "aggregate": ("forms", "aggregate"),
    "build": ("render", "build"),
    "check": ("check", "check"),
    "compare": ("compare", "compare"),
    "derive": ("derive", "derive"),
    "forms": ("forms", "forms"),
    "import": ("import_", "import_"),
    "render": ("render", "render"),
    "report": ("report", "report"),
    "schema": ("validate", "schema"),
    "serve": ("serve", "serve"),
    "validate": ("validate", "validate"),
}


class _Group(Vietnamese, click.Group):
    """Turns every failure into its message and exit code, never a traceback; loads a
    command's module only when the command is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in _COMMANDS:
            return None
        module, name = _COMMANDS[cmd_name]
        return getattr(importlib.import_module(f"kehoach.commands.{module}"), name)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.NoSuchCommand as error:  # suggest among the lazy commands
            raise click.exceptions.NoSuchCommand(
                error.command_name, possibilities=_COMMANDS, ctx=ctx
            ) from None

    def invoke(self, ctx: click.Context) -> Any:
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

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """click's own errors (usage, bad values, missing files), in Vietnamese."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        from kehoach.system.console import readable_output

        readable_output()
        _quick_exit()
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
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


if __name__ == "__main__":
    main()
