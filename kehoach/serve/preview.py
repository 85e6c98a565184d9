"""The document as it will print: the saved plan rendered to DOCX, converted to PDF by the
server's running LibreOffice (`document/listener.py`; one `soffice` per conversion where it
cannot run), each page drawn when it is first asked for. The download gives the very bytes
the pages were drawn from.

Everything is kept per content of the plan file (its digest names the folder), so a save
makes a new preview and going back to an earlier text finds its old one; the oldest
folders beyond `KEPT` are removed. The editor's panel asks `at` which pages print the
field being edited (`serve/preview_place.py`) and shows those pages."""

from __future__ import annotations

import shutil
import threading
from functools import lru_cache
from pathlib import Path

from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    jsonify,
    render_template,
    request,
    send_file,
    url_for,
)
from flask.typing import ResponseReturnValue

from kehoach.document import page_image, page_words
from kehoach.document.listener import Listener
from kehoach.errors import KehoachError
from kehoach.safewrite import write_atomic
from kehoach.serve.files import digest, plan_path, work_dir
from kehoach.serve.preview_place import place

blueprint = Blueprint("preview", __name__)
_lock = threading.Lock()  # one preview made at a time (LibreOffice converts one anyway)
_making = threading.Lock()
KEPT = 40  # previews (one per content of a plan) kept in the work folder
SHOWN = 3  # pages the panel shows at most for one field
_LISTENER = "kehoach.listener"


def listener(app: Flask) -> Listener:
    """The app's LibreOffice, made at the first call (not yet started)."""
    with _making:
        if _LISTENER not in app.extensions:
            folder = Path(app.config["WORK_DIR"]) / "listener"
            app.extensions[_LISTENER] = Listener(folder)
        return app.extensions[_LISTENER]


def warm(app: Flask) -> None:
    """Start the app's LibreOffice now, so that the first preview finds it running."""
    listener(app).start()


def stop(app: Flask) -> None:
    """Stop the app's LibreOffice, if it was ever made."""
    found = app.extensions.get(_LISTENER)
    if found is not None:
        found.stop()


def _docx(path: Path) -> Path:
    """The DOCX of the plan file as it is now (rendered once per content, by the stage
    `kehoach render` calls)."""
    from kehoach.stages.render import render

    sha = digest(path.read_bytes())
    folder = work_dir("preview", sha)
    target = folder / f"{path.stem}.docx"
    with _lock:
        if not target.is_file():
            _prune(folder.parent, KEPT)
            render(path, folder)
    return target


def _prune(folder: Path, kept: int) -> None:
    previews = sorted((p for p in folder.iterdir() if p.is_dir()),
                      key=lambda p: p.stat().st_mtime, reverse=True)
    for old in previews[kept:]:
        shutil.rmtree(old, ignore_errors=True)


def _pdf(docx: Path) -> Path:
    from kehoach.document.pdf import to_pdf

    pdf = docx.with_suffix(".pdf")
    with _lock:
        if not pdf.is_file():
            work = pdf.with_suffix(".tmp.pdf")
            if listener(current_app).pdf(docx, work):
                work.replace(pdf)
            else:  # no running LibreOffice: one of its own for this conversion
                current_app.logger.info("xem trước không qua LibreOffice đang chạy: %s",
                                        listener(current_app).reason)
                to_pdf(docx, pdf)
    return pdf


@lru_cache(maxsize=16)
def _layout(pdf: str) -> page_words.Layout:
    """The PDF's words; the folder is per content, so its name is a safe key."""
    return page_words.layout(Path(pdf))


def _page(pdf: Path, number: int) -> Path:
    """Page `number` as a PNG, drawn once."""
    target = pdf.parent / "pages" / f"{number}.png"
    if not target.is_file():
        target.parent.mkdir(exist_ok=True)
        write_atomic(target, page_image.page_png(pdf, number))
    return target


def _count(pdf: Path) -> int:
    return len(_layout(str(pdf)).pages)


@blueprint.get("/plan/<path:name>/preview")
def preview(name: str) -> ResponseReturnValue:
    from kehoach.check.pdf_fonts import note

    path = plan_path(name)
    docx = _docx(path)
    pdf = _pdf(docx)
    fonts = note([(docx, pdf)])
    if not page_image.available():  # the browser shows the PDF itself
        return render_template("preview.html", name=name, pages=None, fonts=fonts)
    sha = docx.parent.name
    return render_template("preview.html", name=name, sha=sha,
                           pages=range(1, _count(pdf) + 1), fonts=fonts)


@blueprint.get("/plan/<path:name>/preview/at")
def at(name: str) -> ResponseReturnValue:
    """The pages that print the field at `?path=` (the editor's JSON path of a field), with
    where it is on each, and the note on fonts if any: what the editor's panel shows."""
    from kehoach.check.pdf_fonts import note
    from kehoach.plan.edit import PlanFile
    from kehoach.serve.edits import parse_path

    path = plan_path(name)
    try:
        field = parse_path(request.args.get("path", "")) if request.args.get("path") else ()
        docx = _docx(path)
        pdf = _pdf(docx)
    except KehoachError as error:
        return jsonify(error="; ".join(p.message for p in error.problems)), 200
    fonts = note([(docx, pdf)])
    found = _layout(str(pdf)) if page_words.available() else None
    marks = place(PlanFile.open(path).data, field, found)[:SHOWN] if field and found else []
    if found is None or not page_image.available():  # the browser shows the PDF itself
        shown = url_for("preview.download", name=name, kind="pdf", xem=1)
        return jsonify(pdf=shown + (f"#page={marks[0].page}" if marks else ""), fonts=fonts)
    sha = docx.parent.name
    return jsonify(
        sha=sha, total=len(found.pages), fonts=fonts,
        pages=[url_for("preview.page", name=name, sha=sha, number=n)
               for n in range(1, len(found.pages) + 1)],
        marks=[{"page": m.page, "top": round(m.top, 4), "bottom": round(m.bottom, 4)}
               for m in marks])


@blueprint.get("/plan/<path:name>/page/<sha>/<int:number>.png")
def page(name: str, sha: str, number: int) -> ResponseReturnValue:
    plan_path(name)
    if len(sha) != 64 or not all(c in "0123456789abcdef" for c in sha):
        abort(404, "không có trang này")
    pdf = work_dir("preview", sha) / f"{Path(name).stem}.pdf"
    if not pdf.is_file():
        abort(404, "bản xem trước đã cũ; hãy mở lại trang xem trước")
    if not 1 <= number <= _count(pdf):
        abort(404, "không có trang này")
    # the address names the content, which never changes: the browser may keep it
    return send_file(_page(pdf, number), mimetype="image/png", max_age=86400)


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


def as_printed(docx: Path) -> tuple[Path, int | None]:
    """Any DOCX the server made (a report's draft) as the preview shows a plan: its PDF
    and how many pages are drawn (None: the browser shows the PDF itself)."""
    pdf = _pdf(docx)
    return pdf, _count(pdf) if page_image.available() else None


def page_png(pdf: Path, number: int) -> Path | None:
    """Page `number` of a PDF `as_printed` made, drawn once; None past its pages."""
    return _page(pdf, number) if 1 <= number <= _count(pdf) else None
