"""DOCX → PDF through LibreOffice, which exits 0 even when it converts nothing."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from kehoach.errors import ConversionError
from kehoach.safewrite import write_atomic

TIMEOUT_S = 180


def soffice() -> str | None:
    """Path of LibreOffice's command, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(source: Path, target_format: str, target: Path) -> Path:
    """Convert `source` with `soffice --convert-to target_format` into `target`, atomically."""
    program = soffice()
    if program is None:
        raise ConversionError(
            "không tìm thấy LibreOffice (lệnh soffice); cài gói libreoffice-writer-nogui "
            "để xuất PDF"
        )
    with tempfile.TemporaryDirectory(prefix="kehoach-soffice-") as work:
        work_dir = Path(work)
        # A private profile: parallel conversions must not share LibreOffice's lock.
        profile = (work_dir / "profile").as_uri()
        try:
            result = subprocess.run(
                [
                    program,
                    f"-env:UserInstallation={profile}",
                    "--headless",
                    "--convert-to",
                    target_format,
                    "--outdir",
                    str(work_dir),
                    str(source),
                ],
                capture_output=True,
                text=True,
                timeout=TIMEOUT_S,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise ConversionError(
                f"LibreOffice không chuyển xong {source} sau {TIMEOUT_S} giây"
            ) from None
        produced = work_dir / f"{source.stem}.{target_format.split(':')[0]}"
        if not produced.is_file() or produced.stat().st_size == 0:
            detail = (result.stderr or result.stdout).strip().splitlines()
            raise ConversionError(
                f"LibreOffice không tạo được tệp {target.name} từ {source}"
                + (f": {detail[-1]}" if detail else "")
            )
        write_atomic(target, produced.read_bytes())
    return target


def to_pdf(docx: Path, target: Path | None = None) -> Path:
    """The PDF of `docx`, written beside it unless `target` is given."""
    return convert(docx, "pdf", target or docx.with_suffix(".pdf"))
