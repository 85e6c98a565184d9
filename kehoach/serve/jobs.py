"""The other jobs on a plan, from the same pages: derive the units' plans (update those
already there, after the clerk confirms), blank report forms, the summary of filled forms.
Each calls the stage function the command calls (`kehoach/stages/`), with the same rules;
what it makes is kept beside the plans (`made`), listed on the plan's page."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flask import Blueprint, abort, render_template, request
from flask.typing import ResponseReturnValue

from kehoach.errors import KehoachError, Problem
from kehoach.serve import made
from kehoach.serve.files import check_upload, form_year, keep_uploads, name_of, plan_path

if TYPE_CHECKING:
    from kehoach.plan.units import Unit
    from kehoach.stages.derive import Drafted
    from kehoach.stages.update import UpdatedPlans

blueprint = Blueprint("jobs", __name__)

NO_UNITS_LIST = "kế hoạch không chỉ định danh sách đơn vị (tệp danh sách các xã, phường)"
MODES = {"cap_nhat": "Cập nhật theo kế hoạch cấp trên, giữ những chỗ đơn vị đã sửa",
         "cap_nhat_khong_goc": "Cập nhật không dùng bản gốc (khi bản gốc bị mất): giữ kế hoạch "
                               "đơn vị, đánh dấu xem lại mọi chỗ khác bản soạn mới",
         "soan_lai": "Soạn lại từ đầu (kế hoạch đang có được giữ trong lịch sử)",
         "bo_qua": "Bỏ qua các đơn vị này"}
_OPTIONS = ((re.compile(r"(?:derive )?--update --no-base"), "“Cập nhật không dùng bản gốc”"),
            (re.compile(r"(?:derive )?--force"), "“Soạn lại từ đầu”"),
            (re.compile(r"derive --unit \S+ \(không --update\)"), "“Soạn” (chưa có kế hoạch)"),
            (re.compile(r"--update"), "“Cập nhật”"))
"""The command's options named in a stage's message, as the page's buttons say them."""


def page_words(message: str) -> str:
    for option, words in _OPTIONS:
        message = option.sub(words, message)
    return message


def _units(path: Path) -> list[Unit]:
    from kehoach.stages.derive import units_of

    return units_of(path)


def _unit_plans(path: Path) -> Path:
    from kehoach.stages.derive import folders

    return folders(path, None, None)[0]


@blueprint.get("/plan/<path:name>/jobs")
def jobs(name: str) -> ResponseReturnValue:
    path = plan_path(name)
    folder = _unit_plans(path)
    units = []
    for unit in _units(path):
        plan = folder / f"{unit.id}.yaml"
        when = dt.datetime.fromtimestamp(plan.stat().st_mtime) if plan.is_file() else None
        units.append((unit.id, unit.ten, when.strftime("%H:%M %d/%m/%Y") if when else ""))
    return render_template("jobs.html", name=name, units=units, made=made.listing(path))


def _problems(error: KehoachError) -> KehoachError:
    return KehoachError([Problem(p.file, page_words(p.message), p.line, p.column, p.field)
                         for p in error.problems])


@blueprint.post("/plan/<path:name>/derive")
def derive(name: str) -> ResponseReturnValue:
    """`kehoach derive` for the chosen units (or all): YAML beside the plan, DOCX kept
    with the made files. Units that already have a plan are not redrafted before the
    clerk chooses, on a page that lists them: update them (`derive --update`: the
    stage merges, keeping their edits), redraft them (`--force`), or leave them; every
    plan replaced is kept in its history. With a values sheet, plans already there only
    have their values changed. The units are drafted in this thread: a threaded server
    must not fork."""
    from kehoach.stages.inputs import NoUnitsList

    path = plan_path(name)
    every = request.form.get("tat_ca") == "1"
    chosen = request.form.getlist("don_vi")
    if not every and not chosen:
        abort(400, "chưa chọn đơn vị nào")
    try:
        units = _units(path)
        if not units:
            raise NoUnitsList(NO_UNITS_LIST)
        known = {u.id for u in units}
        wanted = [u.id for u in units] if every else [u for u in dict.fromkeys(chosen)]
        unknown = [u for u in wanted if u not in known]
        if unknown:
            abort(400, "không có đơn vị " + ", ".join(unknown) + " trong danh sách")
        folder = _unit_plans(path)
        existing = [u for u in wanted if (folder / f"{u}.yaml").exists()]
        mode = request.form.get("cach", "")
        sheet = request.files.get("gia_tri")
        if existing and not mode and (sheet is None or not sheet.filename):
            names = {u.id: u.ten for u in units}
            return render_template("derive_confirm.html", name=name, wanted=wanted,
                                   existing=[(u, names[u]) for u in existing], modes=MODES)
        if mode and mode not in MODES:
            abort(400, "cách làm với kế hoạch đơn vị đã có không hợp lệ")
        return _run(name, path, wanted, existing, mode, units)
    except NoUnitsList:
        raise KehoachError(NO_UNITS_LIST) from None
    except KehoachError as error:
        raise _problems(error) from None


def _run(name: str, path: Path, wanted: list[str], existing: list[str], mode: str,
         units: list[Unit]) -> ResponseReturnValue:
    from kehoach.stages.derive import derive as stage
    from kehoach.stages.update import update

    fresh = [u for u in wanted if u not in existing]
    drafted = updated = None
    with made.job(path, "soạn cho đơn vị") as out:
        values = _values_sheet(out)
        if values is not None or mode == "soan_lai":
            drafted = stage(path, wanted, docx_dir=out, force=mode == "soan_lai",
                            values_file=values, parallel=False)
        else:
            if fresh:
                drafted = stage(path, fresh, docx_dir=out, parallel=False)
            if existing and mode in ("cap_nhat", "cap_nhat_khong_goc"):
                updated = update(path, existing, docx_dir=out,
                                 blind=mode == "cap_nhat_khong_goc")
    names = {u.id: u.ten for u in units}
    return render_template("derived.html", name=name, results=_results(drafted, updated, names),
                           folder=made.name(out), mode=MODES.get(mode, ""))


def _marks(plan: Path, marks: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Each place to review named as the clerk reads it, not by its id."""
    from kehoach.plan.loader import load_plan
    from kehoach.serve.naming import element_names

    try:
        names = element_names(load_plan(plan))
    except KehoachError:
        names = {}
    return [(names.get(element, "phần đầu, cuối văn bản"), why) for element, why in marks]


def _results(drafted: Drafted | None, updated: UpdatedPlans | None,
             names: dict[str, str]) -> list[dict[str, Any]]:
    """Each unit as the page shows it: a new draft with its places to review (its
    changes: a comparison with the upper plan, a button away), a plan updated or whose
    values the sheet changed, or one left as it was."""
    from kehoach.derive.update import summary

    found: list[dict[str, Any]] = []
    if drafted is not None:
        for d in drafted.units:
            found.append({"unit": names.get(d.unit, d.unit), "id": d.unit, "review": _marks(
                d.plan, d.marks), "plan": name_of(d.plan), "docx": made.name(d.document),
                "state": "new"})
        for e in drafted.edited:
            found.append({"unit": names.get(e.unit, e.unit), "id": e.unit, "state": "values",
                          "plan": name_of(e.plan), "docx": made.name(e.document)})
        for u in drafted.unchanged:
            found.append({"unit": names.get(u, u), "id": u, "state": "same",
                          "plan": name_of(drafted.yaml_dir / f"{u}.yaml")})
    if updated is not None:
        for one in updated.units:
            counts = summary(one).split(": ", 1)[1]
            found.append({"unit": names.get(one.unit, one.unit), "id": one.unit,
                          "state": "updated", "plan": name_of(one.path), "counts": counts,
                          "marks": one.review,
                          "docx": made.name(updated.docx_dir / f"{one.unit}.docx")})
    return found


def _values_sheet(out: Path) -> Path | None:
    """The uploaded values sheet, kept with the job's files."""
    storage = request.files.get("gia_tri")
    if storage is None or not storage.filename:
        return None
    upload = check_upload(storage, (".xlsx",))
    target = out / "đã tải lên" / f"{upload.stem}.xlsx"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(upload.data)
    return target


@blueprint.get("/plan/<path:name>/values-template")
def values_template(name: str) -> ResponseReturnValue:
    """derive's `--values-template`: every unit's indicator values in one sheet to fill,
    kept with the made files and sent."""
    from flask import send_file

    from kehoach.stages.derive import values_template as stage
    from kehoach.stages.inputs import NoUnitsList

    path = plan_path(name)
    if not _units(path):
        abort(404, NO_UNITS_LIST)
    with made.job(path, "bảng giá trị chỉ tiêu") as out:
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
    year = form_year()
    period = request.form.get("ky", "").strip() or None
    with made.job(path, "biểu mẫu trống") as out:
        done = stage(path, out, period=period, year=year)
    return render_template("made.html", name=name, folder=made.name(out),
                           files=[made.name(p) for p in sorted(done.written)],
                           title="Biểu mẫu báo cáo trống", problems=[], notes=done.notes)


@blueprint.post("/plan/<path:name>/aggregate")
def aggregate(name: str) -> ResponseReturnValue:
    """`kehoach aggregate`: every uploaded workbook read (in a process of its own, with a
    time budget), its problems listed per file and cell, the summary made from the good
    ones."""
    from kehoach.serve import budget
    from kehoach.stages import aggregate as stage

    path = plan_path(name)
    uploads = [check_upload(f, (".xlsx",)) for f in request.files.getlist("bieu") if f.filename]
    if not uploads:
        abort(400, "chưa chọn biểu nào (tệp XLSX) để tổng hợp")
    with made.job(path, "tổng hợp") as out:
        names = keep_uploads(uploads, out / "biểu đã nhận")  # kept → the clerk's name

        def shown(problem: Problem) -> str:
            return str(problem).replace(problem.file, names.get(problem.file, problem.file), 1)

        read = budget.run(stage.read_filled, path, [Path(p) for p in names])
        problems = [shown(e) for e in read.problems]
        files: list[str] = []
        try:
            files = [made.name(p) for p in sorted(stage.aggregate(read, out).written)]
        except KehoachError as error:  # no form to sum
            problems += [shown(p) for p in error.problems]
    return render_template("made.html", name=name, folder=made.name(out), files=files,
                           title="Tổng hợp biểu chỉ tiêu", problems=problems,
                           notes=[shown(n) for n in read.notes])
