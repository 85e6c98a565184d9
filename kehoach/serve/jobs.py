"""The other jobs on a plan, from the same pages: derive the units' plans, blank report
forms, the summary of filled forms. Each calls the stage function the command calls
(`kehoach/stages/`), with the same rules; what it makes goes to a job folder of the server,
offered for download."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flask import Blueprint, abort, current_app, render_template, request, send_file
from flask.typing import ResponseReturnValue

from kehoach.errors import KehoachError, Problem
from kehoach.serve.files import check_upload, name_of, plan_path, work_dir

if TYPE_CHECKING:
    from kehoach.stages.derive import Drafted

blueprint = Blueprint("jobs", __name__)

NO_UNITS_LIST = "kế hoạch không chỉ định danh sách đơn vị (danh_sach_don_vi)"


@blueprint.get("/plan/<path:name>/jobs")
def jobs(name: str) -> ResponseReturnValue:
    from kehoach.stages.derive import units_of

    units = [(u.id, u.ten) for u in units_of(plan_path(name))]
    return render_template("jobs.html", name=name, units=units)


def _job() -> tuple[str, Path]:
    token = secrets.token_hex(8)
    return token, work_dir("jobs", token)


@blueprint.post("/plan/<path:name>/derive")
def derive(name: str) -> ResponseReturnValue:
    """`kehoach derive` for the chosen units (or all): YAML beside the plan, DOCX here;
    with a values sheet, its values drafted in (existing plans: only their values). The
    units are drafted in this thread: a threaded server must not fork."""
    from kehoach.stages.derive import UnitPlansExist
    from kehoach.stages.derive import derive as stage
    from kehoach.stages.inputs import NoUnitsList

    path = plan_path(name)
    every = request.form.get("tat_ca") == "1"
    chosen = request.form.getlist("don_vi")
    if not every and not chosen:
        abort(400, "chưa chọn đơn vị nào")
    token, out = _job()
    try:
        done = stage(path, () if every else chosen, all_units=every, docx_dir=out,
                     force=request.form.get("ghi_de") == "1", explain=True,
                     values_file=_values_sheet(token), parallel=False)
    except NoUnitsList:
        raise KehoachError(NO_UNITS_LIST) from None
    except UnitPlansExist as refused:
        raise KehoachError("không ghi đè kế hoạch đơn vị đã có (có thể đã được sửa tay): "
                           + ", ".join(p.stem for p in refused.existing)
                           + " — đánh dấu 'Soạn lại' nếu muốn ghi đè") from None
    return render_template("derived.html", name=name, token=token, results=_results(done))


def _results(done: Drafted) -> list[dict[str, Any]]:
    """Each unit as the page shows it: a new draft with its places to review and its
    changes, or a plan already there whose values the sheet changed (or left)."""
    results: list[dict[str, Any]] = [
        {"unit": d.unit, "review": d.marks, "changes": d.explained[1:], "plan": name_of(d.plan),
         "docx": d.document.name}
        for d in done.units
    ]
    results += [{"unit": e.unit, "updated": True, "plan": name_of(e.plan),
                 "docx": e.document.name} for e in done.edited]
    results += [{"unit": u, "updated": False, "plan": name_of(done.yaml_dir / f"{u}.yaml"),
                 "docx": f"{u}.docx"} for u in done.unchanged]
    return results


def _values_sheet(token: str) -> Path | None:
    """The uploaded values sheet, kept in the job folder."""
    storage = request.files.get("gia_tri")
    if storage is None or not storage.filename:
        return None
    upload = check_upload(storage, (".xlsx",))
    target = work_dir("jobs", token, "gia_tri") / f"{upload.stem}.xlsx"
    target.write_bytes(upload.data)
    return target


@blueprint.get("/plan/<path:name>/values-template")
def values_template(name: str) -> ResponseReturnValue:
    """derive's `--values-template`: every unit's indicator values in one sheet to fill."""
    from kehoach.stages.derive import values_template as stage
    from kehoach.stages.inputs import NoUnitsList

    path = plan_path(name)
    _token, out = _job()
    target = out / f"{path.stem}_gia_tri_chi_tieu.xlsx"
    try:
        stage(path, target)
    except NoUnitsList:
        abort(404, NO_UNITS_LIST)
    return send_file(target, as_attachment=True, download_name=target.name)


@blueprint.post("/plan/<path:name>/forms")
def forms(name: str) -> ResponseReturnValue:
    """`kehoach forms`: the report outline and the indicator tables, blank."""
    from kehoach.stages.forms import forms as stage

    path = plan_path(name)
    year = request.form.get("nam", "").strip()
    if year and not year.isdecimal():
        abort(400, "năm báo cáo phải là số")
    token, out = _job()
    done = stage(path, out, period=request.form.get("ky", "").strip() or None,
                 year=int(year) if year else None)
    return render_template("made.html", name=name, token=token,
                           files=sorted(p.name for p in done.written),
                           title="Biểu mẫu báo cáo trống", problems=[], notes=done.notes)


@blueprint.post("/plan/<path:name>/aggregate")
def aggregate(name: str) -> ResponseReturnValue:
    """`kehoach aggregate`: every uploaded workbook read, its problems listed per file and
    cell, the summary made from the good ones."""
    from kehoach.stages import aggregate as stage

    path = plan_path(name)
    uploads = [check_upload(f, (".xlsx",)) for f in request.files.getlist("bieu") if f.filename]
    if not uploads:
        abort(400, "chưa chọn biểu nào (tệp XLSX) để tổng hợp")
    token, out = _job()
    inbox = work_dir("jobs", token, "bieu")
    names: dict[str, str] = {}  # where each upload is kept → the name the clerk gave it
    for i, upload in enumerate(uploads):
        target = inbox / f"{upload.stem}.xlsx"
        if str(target) in names:
            target = inbox / f"{upload.stem}_{i}.xlsx"
        target.write_bytes(upload.data)
        names[str(target)] = upload.filename

    def shown(problem: Problem) -> str:
        return str(problem).replace(problem.file, names.get(problem.file, problem.file), 1)

    read = stage.read_filled(path, [Path(p) for p in names])
    problems = [shown(e) for e in read.problems]
    files: list[str] = []
    try:
        files = sorted(p.name for p in stage.aggregate(read, out).written)
    except KehoachError as error:  # no form to sum
        problems += [shown(p) for p in error.problems]
    return render_template("made.html", name=name, token=token, files=files,
                           title="Tổng hợp biểu chỉ tiêu", problems=problems,
                           notes=[shown(n) for n in read.notes])


@blueprint.get("/out/<token>/<filename>")
def download(token: str, filename: str) -> ResponseReturnValue:
    if not (len(token) == 16 and token.isalnum()) or "/" in filename or filename.startswith("."):
        abort(404, "không có tệp này")
    path = current_app.config["WORK_DIR"] / "jobs" / token / filename
    if not path.is_file():
        abort(404, "không có tệp này")
    return send_file(path, as_attachment=True, download_name=filename)
