"""The report on a plan's implementation from the page: the clerk uploads the filled forms,
or picks ones already in the plans folder, and gets the draft BÁO CÁO that `kehoach report`
writes (the same stage function, the same rules), with its pages drawn as it will print."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask import Blueprint, abort, current_app, render_template, request, send_file
from flask.typing import ResponseReturnValue

from kehoach.errors import KehoachError, Problem
from kehoach.serve.files import (
    check_upload,
    form_year,
    keep_uploads,
    plan_path,
    plans_dir,
    work_dir,
)

blueprint = Blueprint("reporting", __name__)

PICKABLE = 300
"""Workbooks of the plans folder the page offers to pick, at most."""


def _workbooks() -> list[str]:
    """The `.xlsx` files of the plans folder, by name from the folder down: links and
    hidden folders are not followed."""
    root, found = plans_dir(), []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for file in sorted(files):
            path = Path(folder) / file
            if path.suffix.lower() == ".xlsx" and not file.startswith(".") \
                    and not path.is_symlink():
                found.append(path.relative_to(root).as_posix())
                if len(found) == PICKABLE:
                    return found
    return found


def _picked(name: str) -> Path:
    """A workbook the page listed, as a file inside the plans folder, or a 400."""
    root = plans_dir()
    path = (root / name).resolve()
    if (not name.lower().endswith(".xlsx") or name.startswith("/") or "\\" in name
            or not path.is_relative_to(root) or not path.is_file()):
        abort(400, f"không có biểu '{name}' trong thư mục kế hoạch")
    return path


@blueprint.get("/plan/<path:name>/report")
def page(name: str) -> ResponseReturnValue:
    plan_path(name)
    return render_template("report.html", name=name, workbooks=_workbooks(), done=None)


def _forms(token: str) -> dict[str, str]:
    """The forms of the request, uploaded (kept in the job's folder) and picked: where each
    is read → the name the clerk knows it by."""
    uploads = [check_upload(f, (".xlsx",)) for f in request.files.getlist("bieu") if f.filename]
    names = keep_uploads(uploads, work_dir("jobs", token, "bieu"))
    for picked in request.form.getlist("chon"):
        names.setdefault(str(_picked(picked)), picked)
    if not names:
        abort(400, "chưa chọn biểu nào (tệp XLSX đã điền) để soạn báo cáo")
    return names


@blueprint.post("/plan/<path:name>/report")
def make(name: str) -> ResponseReturnValue:
    """`kehoach report` on the chosen forms; the draft, its PDF and its pages."""
    from kehoach.stages.report import report

    path = plan_path(name)
    year = form_year()
    token = secrets.token_hex(8)
    out = work_dir("jobs", token)
    names = _forms(token)

    def shown(said: Problem | str) -> str:
        text = str(said)
        if isinstance(said, Problem) and not said.file and said.field:  # --ky, --nam
            text = f"{said.field}: {said.message}"
        for where, known in names.items():  # the server's copies by the clerk's names
            text = text.replace(where, known)
        return text

    try:
        done = report(path, [Path(p) for p in names], out,
                      period=request.form.get("ky", "").strip() or None,
                      year=year)
    except KehoachError as refused:  # nothing usable, or a period or a year refused
        return render_template("report.html", name=name, workbooks=_workbooks(), done=None,
                               problems=[shown(p) for p in refused.problems]), 400
    docx = done.written[0]
    return render_template(
        "report.html", name=name, workbooks=_workbooks(), done=done, token=token,
        docx=docx.name, problems=[shown(p) for p in done.problems],
        notes=[shown(n) for n in done.notes], **_drawn(docx),
    )


def _drawn(docx: Path) -> dict[str, object]:
    """The draft as the preview shows a plan: its PDF and its pages (none where they cannot
    be drawn: the browser shows the PDF), the note on fonts LibreOffice replaced; without
    LibreOffice, why there is no preview."""
    from kehoach.check.pdf_fonts import note
    from kehoach.serve.preview import as_printed

    try:
        pdf, count = as_printed(docx)
    except KehoachError as failed:
        return {"pdf": None, "pages": None, "fonts": "",
                "unseen": "; ".join(p.message for p in failed.problems)}
    return {"pdf": pdf.name, "pages": None if count is None else list(range(1, count + 1)),
            "fonts": note([(docx, pdf)]), "unseen": ""}


def _job(token: str) -> Path:
    """The folder of one report job, by its token; a 404 for any other name."""
    if not (len(token) == 16 and token.isalnum()):
        abort(404, "không có tệp này")
    return Path(current_app.config["WORK_DIR"]) / "jobs" / token


@blueprint.get("/report/<token>/<filename>")
def download(token: str, filename: str) -> ResponseReturnValue:
    """The draft or its PDF, only from its job's folder, never through a link."""
    path = _job(token) / filename
    if "/" in filename or "\\" in filename or path.is_symlink() or not path.is_file():
        abort(404, "không có tệp này")
    return send_file(path, as_attachment=True, download_name=path.name)


@blueprint.get("/report/<token>/<int:number>.png")
def page_image(token: str, number: int) -> ResponseReturnValue:
    from kehoach.serve.preview import page_png

    folder = _job(token)
    found = sorted(folder.glob("*_bao_cao.pdf")) if folder.is_dir() else []
    page = page_png(found[0], number) if found else None
    if page is None:
        abort(404, "không có trang này")
    return send_file(page, mimetype="image/png", max_age=86400)
