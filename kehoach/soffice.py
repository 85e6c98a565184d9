"""LibreOffice's command line, shared by the PDF export and the import of `.doc`, `.odt`
and `.rtf`: found on PATH, run headless with a private profile (a running LibreOffice of
the user's, or a parallel conversion, must not share its lock) and a time limit."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from kehoach.errors import ConversionError

TIMEOUT_S = 120  # for starting LibreOffice, plus PER_FILE_S for each file
PER_FILE_S = 5


def soffice() -> str | None:
    """Path of LibreOffice's command, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(program: str, work: Path, sources: list[Path], to: str, outdir: Path) -> str:
    """One soffice call converting `sources` to the format `to` (`pdf`, `docx`) in
    `outdir`, its profile in `work`; soffice's last words (it exits 0 even when it converts
    nothing: callers check what it wrote)."""
    profile = (work / "profile").as_uri()
    argv = [
        program,
        f"-env:UserInstallation={profile}",
        "--headless",
        "--convert-to",
        to,
        "--outdir",
        str(outdir),
        *map(str, sources),
    ]
    timeout = TIMEOUT_S + PER_FILE_S * len(sources)
    try:
        result = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise ConversionError(
            f"LibreOffice không chuyển xong {len(sources)} tệp sau {timeout} giây"
        ) from None
    detail = (result.stderr or result.stdout).strip().splitlines()
    return f": {detail[-1]}" if detail else ""
