"""Running a command the way the properties do: in process through click's CliRunner,
its exit code one of those the README documents, never a traceback."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from click.testing import CliRunner, Result

from kehoach.cli import main


def run(args: list[object], codes: tuple[int, ...] = (0,)) -> Result:
    """`kehoach args`; fails with the output when the exit code is not in `codes`, when a
    Python exception escaped or a traceback was printed."""
    result = CliRunner().invoke(main, [str(a) for a in args])
    text = result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"kehoach {args[0]}: exception\n{text}") from result.exception
    assert "Traceback" not in text, text
    assert result.exit_code in codes, f"kehoach {args[0]}: exit {result.exit_code}\n{text}"
    return result


@contextmanager
def folder() -> Iterator[Path]:
    """A fresh folder for one example (pytest's tmp_path is one per test, not per example)."""
    with tempfile.TemporaryDirectory(prefix="kehoach-prop-") as name:
        yield Path(name)
