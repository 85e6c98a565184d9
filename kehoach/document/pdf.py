"""DOCX → PDF through LibreOffice: a command's files in as few `soffice` calls as it takes.

Starting LibreOffice costs seconds, so a batch starts it once per chunk of files. A
chunk stays below what LibreOffice's launcher takes (it silently drops every file past
the 247th argument: LibreOffice 7.4) and below Windows' command-line length (32,767
characters): each file is passed by a short relative name from a private work folder.
soffice exits 0 even when it converts nothing, so each PDF is checked (present, starts
with `%PDF`). Files of the same name from different folders are copied under distinct
names, so their PDFs cannot collide; each PDF is then written beside its DOCX.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from kehoach.errors import ConversionError, Problem
from kehoach.safewrite import Batch
from kehoach.soffice import argv, convert
from kehoach.system.office import SETTING, soffice

FILES_PER_CALL = 200  # the launcher drops files past its 247th (LibreOffice 7.4)
COMMAND_CHARS = 30_000  # Windows: 32,767 characters per command line, all arguments
MISSING = ("không tìm thấy LibreOffice (lệnh soffice) để xuất PDF; cài LibreOffice "
           "(https://www.libreoffice.org/download/) hoặc đặt biến môi trường "
           f"{SETTING} là đường dẫn tới soffice")


def office() -> str:
    """LibreOffice's command, or the error that says how to install it or point to it."""
    program = soffice()
    if program is None:
        raise ConversionError(MISSING)
    return program


def to_pdfs(docx_files: Sequence[Path], targets: Sequence[Path] | None = None) -> list[Path]:
    """The PDF of every DOCX, written to `targets` (default: beside it, same name, `.pdf`).

    Nothing is written unless every file converted: the error names each that failed."""
    if not docx_files:
        return []
    program = office()
    targets = list(targets) if targets else [d.with_suffix(".pdf") for d in docx_files]
    with tempfile.TemporaryDirectory(prefix="kehoach-soffice-",
                                     ignore_cleanup_errors=True) as tmp:
        work = Path(tmp)
        (work / "in").mkdir()
        names = []
        for i, docx in enumerate(docx_files):
            names.append(f"{i:05d}.docx")  # distinct names: no two PDFs collide
            shutil.copyfile(docx, work / "in" / names[-1])
        failed: list[Problem] = []
        fixed = len(" ".join(argv(program, work, "pdf", work / "pdf", [])))
        for chunk in chunks(names, fixed):
            detail = _run(program, work, chunk)
            failed += [_failure(docx_files[int(name[:5])], detail, work, docx_files)
                       for name in chunk if not _is_pdf(_pdf(work, name))]
        if failed:
            raise ConversionError(failed)
        with Batch() as batch:  # a `.pdf` target is never one of the DOCX
            for name, target in zip(names, targets, strict=True):
                batch.write(target, _pdf(work, name).read_bytes())
    return targets


def to_pdf(docx: Path, target: Path | None = None) -> Path:
    """The PDF of one DOCX, beside it unless `target` is given."""
    return to_pdfs([docx], [target] if target else None)[0]


def chunks(names: list[str], fixed_chars: int) -> Iterator[list[str]]:
    """`names` in runs of at most `FILES_PER_CALL`, and of at most `COMMAND_CHARS`
    characters with the command's own `fixed_chars`, sized evenly (300 files: 150 + 150)."""
    calls = max(-(-len(names) // FILES_PER_CALL),
                -(-sum(len(n) + 3 for n in names) // max(COMMAND_CHARS - fixed_chars, 1)))
    size = -(-len(names) // calls)
    for start in range(0, len(names), size):
        yield names[start:start + size]


def _run(program: str, work: Path, names: list[str]) -> str:
    """One soffice call on `names` (in work/in); soffice's last words."""
    return convert(program, work, names, "pdf", work / "pdf", cwd=work / "in")


def _failure(docx: Path, detail: str, work: Path, docx_files: Sequence[Path]) -> Problem:
    for i, original in enumerate(docx_files):  # soffice speaks of the copies
        detail = detail.replace(str(work / "in" / f"{i:05d}.docx"), str(original))
    return Problem(str(docx), f"LibreOffice không chuyển được tệp này sang PDF{detail}")


def _pdf(work: Path, name: str) -> Path:
    return work / "pdf" / f"{Path(name).stem}.pdf"


def _is_pdf(path: Path) -> bool:
    if not path.is_file():
        return False
    with path.open("rb") as stream:
        return stream.read(5) == b"%PDF-"
