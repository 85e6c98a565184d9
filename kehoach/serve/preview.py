"""The document as it will print: the saved plan rendered to DOCX, converted by
LibreOffice, its pages drawn by pdftoppm, or, where there is no pdftoppm (Windows), the
PDF itself shown by the browser. The download gives the very bytes the pages were drawn
from; everything is kept per file content, so a save refreshes it."""

from __future__ import annotations

import shutil
import subprocess
import threading
from pathlib import Path

from flask import Blueprint, abort, render_template, request, send_file
from flask.typing import ResponseReturnValue

from kehoach.errors import ConversionError
from kehoach.serve.files import digest, plan_path, work_dir

blueprint = Blueprint("preview", __name__)
_lock = threading.Lock()
DPI = 60


def _docx(path: Path) -> Path:
    """The DOCX of the plan file as it is now (rendered once per content, by the stage
    `kehoach render` calls)."""
    from kehoach.stages.render import render

    folder = work_dir("preview", digest(path.read_bytes()))
    target = folder / f"{path.stem}.docx"
    with _lock:
        if not target.is_file():
            render(path, folder)
    return target


def _pdf(docx: Path) -> Path:
    from kehoach.document.pdf import to_pdf

    pdf = docx.with_suffix(".pdf")
    with _lock:
        if not pdf.is_file():
            to_pdf(docx, pdf)
    return pdf


def _pages(pdf: Path) -> list[Path]:
    """PNG images of the PDF's pages, drawn once."""
    folder = pdf.parent / "pages"
    with _lock:
        if not folder.is_dir():
            if shutil.which("pdftoppm") is None:
                raise ConversionError("không có pdftoppm (Poppler) để vẽ các trang")
            work = pdf.parent / "pages.tmp"
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir()
            subprocess.run(
                ["pdftoppm", "-png", "-r", str(DPI), str(pdf), str(work / "trang")],
                check=True,
                capture_output=True,
                timeout=120,
            )
            work.rename(folder)
    return sorted(folder.glob("trang-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


@blueprint.get("/plan/<path:name>/preview")
def preview(name: str) -> ResponseReturnValue:
    from kehoach.check.pdf_fonts import note

    path = plan_path(name)
    docx = _docx(path)
    pdf = _pdf(docx)
    fonts = note([(docx, pdf)])
    if shutil.which("pdftoppm") is None:  # the browser shows the PDF itself
        return render_template("preview.html", name=name, pages=None, fonts=fonts)
    pages = _pages(pdf)
    sha = docx.parent.name
    return render_template("preview.html", name=name, sha=sha, pages=range(1, len(pages) + 1),
                          fonts=fonts)


@blueprint.get("/plan/<path:name>/page/<sha>/<int:number>.png")
def page(name: str, sha: str, number: int) -> ResponseReturnValue:
    plan_path(name)
    if len(sha) != 64 or not all(c in "0123456789abcdef" for c in sha):
        abort(404, "không có trang này")
    pdf = work_dir("preview", sha) / f"{Path(name).stem}.pdf"
    if not pdf.is_file():
        abort(404, "bản xem trước đã cũ; hãy mở lại trang xem trước")
    pages = _pages(pdf)
    if not 1 <= number <= len(pages):
        abort(404, "không có trang này")
    return send_file(pages[number - 1], mimetype="image/png")


@blueprint.get("/plan/<path:name>/download.<kind>")
def download(name: str, kind: str) -> ResponseReturnValue:
    path = plan_path(name)
    docx = _docx(path)
    if kind == "docx":
        return send_file(docx, as_attachment=True, download_name=f"{path.stem}.docx")
    if kind == "pdf":  # ?xem=1: shown in the page, not saved
        return send_file(_pdf(docx), as_attachment=request.args.get("xem") != "1",
                         download_name=f"{path.stem}.pdf")
    abort(404, "chỉ tải được DOCX hoặc PDF")
