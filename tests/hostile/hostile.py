"""What every hostile case checks: the exit code, a fragment of the Vietnamese message,
no traceback, and which files exist afterwards (nothing new, old files intact)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from kehoach.cli import main


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (temporaries included) with its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def run(args: list[str], code: int, fragment: str) -> Result:
    """Run `kehoach args`; its exit code and message must be the expected ones, cleanly."""
    result = CliRunner().invoke(main, [str(a) for a in args])
    text = result.output  # stdout and stderr together
    assert result.exit_code == code, text
    assert fragment in text, text
    assert "Traceback" not in text and not isinstance(result.exception, AssertionError), text
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def unchanged(folder: Path, before: dict[str, bytes]) -> None:
    assert snapshot(folder) == before
