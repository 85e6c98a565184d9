"""DOCX → PDF through LibreOffice: every file of a command in one `soffice` process.

Starting LibreOffice costs seconds, so a batch starts it once. soffice exits 0 even when
it converts nothing, so each PDF is checked (present, starts with `%PDF`). Files of the
same name from different folders are copied under distinct names into one private work
folder, so their PDFs cannot collide; each PDF is then written beside its DOCX.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from kehoach.errors import ConversionError, Problem
from kehoach.safewrite import write_atomic
from kehoach.soffice import convert, soffice

MISSING = "không tìm thấy LibreOffice (lệnh soffice); cài gói libreoffice-writer-nogui để xuất PDF"


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
        detail = convert(program, work, copies, "pdf", work / "pdf")
        for copy, docx in zip(copies, docx_files, strict=True):
            detail = detail.replace(str(copy), str(docx))  # soffice speaks of the copies
        produced = [work / "pdf" / f"{copy.stem}.pdf" for copy in copies]
        failed = [docx for docx, pdf in zip(docx_files, produced, strict=True) if not _is_pdf(pdf)]
        if failed:
            raise ConversionError(
                [Problem(str(docx), f"LibreOffice không chuyển được tệp này sang PDF{detail}")
                 for docx in failed]
            )
        targets = list(targets) if targets else [d.with_suffix(".pdf") for d in docx_files]
        for pdf, target in zip(produced, targets, strict=True):
            write_atomic(target, pdf.read_bytes())
    return targets


def to_pdf(docx: Path, target: Path | None = None) -> Path:
    """The PDF of one DOCX, beside it unless `target` is given."""
    return to_pdfs([docx], [target] if target else None)[0]
