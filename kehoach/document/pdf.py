"""DOCX → PDF through LibreOffice: every file of a command in one `soffice` process.

Starting LibreOffice costs seconds, so a batch starts it once. soffice exits 0 even when
it converts nothing, so each PDF is checked (present, starts with `%PDF`). Files of the
same name from different folders are copied under distinct names into one private work
folder, so their PDFs cannot collide; each PDF is then written beside its DOCX.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from kehoach.errors import ConversionError, Problem
from kehoach.safewrite import write_atomic

TIMEOUT_S = 120  # for starting LibreOffice, plus PER_FILE_S for each file
PER_FILE_S = 5
MISSING = "không tìm thấy LibreOffice (lệnh soffice); cài gói libreoffice-writer-nogui để xuất PDF"


def soffice() -> str | None:
    """Path of LibreOffice's command, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def _run(program: str, work: Path, sources: list[Path]) -> str:
    """One soffice call on `sources`, with a private profile (a running LibreOffice of the
    user's, or a parallel conversion, must not share its lock); soffice's last words."""
    profile = (work / "profile").as_uri()
    argv = [
        program,
        f"-env:UserInstallation={profile}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(work / "pdf"),
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


def _is_pdf(path: Path) -> bool:
    if not path.is_file():
        return False
    with path.open("rb") as stream:
        return stream.read(5) == b"%PDF-"


def to_pdfs(docx_files: Sequence[Path], targets: Sequence[Path] | None = None) -> list[Path]:
    """The PDF of every DOCX, written to `targets` (default: beside it, same name, `.pdf`),
    from one soffice call.

    Nothing is written unless every file converted: the error names each that failed."""
    if not docx_files:
        return []
    program = soffice()
    if program is None:
        raise ConversionError(MISSING)
    with tempfile.TemporaryDirectory(prefix="kehoach-soffice-") as tmp:
        work = Path(tmp)
        (work / "in").mkdir()
        copies = []
        for i, docx in enumerate(docx_files):
            copy = work / "in" / f"{i:05d}.docx"  # distinct names: no two PDFs collide
            shutil.copyfile(docx, copy)
            copies.append(copy)
        detail = _run(program, work, copies)
        for copy, docx in zip(copies, docx_files, strict=True):
            detail = detail.replace(str(copy), str(docx))  # soffice speaks of the copies
        produced = [work / "pdf" / f"{copy.stem}.pdf" for copy in copies]
        failed = [docx for docx, pdf in zip(docx_files, produced, strict=True) if not _is_pdf(pdf)]
        if failed:
            raise ConversionError(
                [
                    Problem(str(docx), f"LibreOffice không chuyển được tệp này sang PDF{detail}")
                    for docx in failed
                ]
            )
        targets = list(targets) if targets else [d.with_suffix(".pdf") for d in docx_files]
        for pdf, target in zip(produced, targets, strict=True):
            write_atomic(target, pdf.read_bytes())
    return targets


def to_pdf(docx: Path, target: Path | None = None) -> Path:
    """The PDF of one DOCX, beside it unless `target` is given."""
    return to_pdfs([docx], [target] if target else None)[0]
