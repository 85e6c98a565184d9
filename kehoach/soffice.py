"""One LibreOffice conversion for the import of `.doc`, `.odt` and `.rtf` (and the tests
that make such files): LibreOffice found where `system/office.py` finds it, run headless
with a private profile (a running LibreOffice of the user's, or a parallel conversion,
must not share its lock) and a time limit; the PDF export (`document/pdf.py`) makes its
chunked calls through it too."""

from __future__ import annotations

import subprocess
from pathlib import Path

from kehoach.errors import ConversionError
from kehoach.system.office import soffice

__all__ = ["argv", "convert", "soffice"]

TIMEOUT_S = 120  # for starting LibreOffice, plus PER_FILE_S for each file
PER_FILE_S = 5
_NOISE = ("javaldx",)  # soffice's warnings that never explain a failure


def argv(program: str, work: Path, to: str, outdir: Path, names: list[str]) -> list[str]:
    """One soffice call with a private profile in `work` (a running LibreOffice of the
    user's, or a parallel conversion, must not share its lock), reused by a batch's later
    calls."""
    return [program, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
            "--convert-to", to, "--outdir", str(outdir), *names]


def convert(program: str, work: Path, sources: list[Path] | list[str], to: str, outdir: Path,
            cwd: Path | None = None) -> str:
    """One soffice call converting `sources` (paths, or names in `cwd`) to the format `to`
    (`pdf`, `docx`) in `outdir`; soffice's last words (it exits 0 even when it converts
    nothing: callers check what it wrote)."""
    names = [str(source) for source in sources]
    timeout = TIMEOUT_S + PER_FILE_S * len(names)
    try:
        result = subprocess.run(argv(program, work, to, outdir, names), cwd=cwd,
                                capture_output=True, encoding="utf-8", errors="replace",
                                timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise ConversionError(
            f"LibreOffice không chuyển xong {len(names)} tệp sau {timeout} giây") from None
    except OSError as error:
        raise ConversionError(f"không chạy được LibreOffice ({program}): {error}") from None
    said = [line for line in (result.stderr + "\n" + result.stdout).splitlines()
            if line.strip() and not any(noise in line for noise in _NOISE)]
    return f": {said[-1].strip()}" if said else ""
