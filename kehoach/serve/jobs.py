"""The other jobs on a plan, from the same pages: derive the units' plans, blank report
forms, the summary of filled forms. Each calls what the command calls; what it makes
goes to a job folder of the server, offered for download."""

from __future__ import annotations

import io
import secrets
from pathlib import Path

from flask import Blueprint, abort, current_app, render_template, request, send_file

from kehoach.errors import KehoachError
from kehoach.serve.files import check_upload, name_of, plan_path, work_dir

blueprint = Blueprint("jobs", __name__)


def _registry(path: Path, plan):
    from kehoach.commands.common import existing_file, registry_path
    from kehoach.plan.units import load_registry

    units_file = registry_path(path, plan, None)
    if units_file is None:
        return None
    return load_registry(existing_file(units_file))


@blueprint.get("/plan/<path:name>/jobs")
def jobs(name: str):
    from kehoach.plan.loader import load_plan

    path = plan_path(name)
    plan = load_plan(path)
    loaded = _registry(path, plan)
    units = [(u.id, u.ten) for u in loaded.registry.don_vi] if loaded else []
    return render_template("jobs.html", name=name, units=units)


def _job() -> tuple[str, Path]:
    token = secrets.token_hex(8)
    return token, work_dir("jobs", token)


@blueprint.post("/plan/<path:name>/derive")
def derive(name: str):
    """`kehoach derive` for the chosen units (or all): YAML beside the plan, DOCX here;
    with a values sheet, its values drafted in (existing plans: only their values)."""
    from kehoach.commands.common import TEMPLATE, registry_path
    from kehoach.document.lookup import find_template
    from kehoach.plan.loader import load_plan

    path = plan_path(name)
    parent = load_plan(path)
    loaded = _registry(path, parent)
    if loaded is None:
        raise KehoachError("kế hoạch không chỉ định danh sách đơn vị (danh_sach_don_vi)")
    every = request.form.get("tat_ca") == "1"
    chosen = request.form.getlist("don_vi")
    if not every and not chosen:
        abort(400, "chưa chọn đơn vị nào")
    units = [u.id for u in loaded.registry.don_vi] if every else [
        loaded.unit(u).id for u in chosen]
    yaml_dir = path.parent / path.stem
    existing = [u for u in units if (yaml_dir / f"{u}.yaml").exists()]
    again = request.form.get("ghi_de") == "1"
    token, out = _job()
    template = find_template(TEMPLATE, None)
    sheet = _values_sheet(token)
    updated: list[str] = []
    if sheet is not None:
        loaded, updated = _with_sheet(sheet, parent, loaded, existing if not again else [],
                                      (yaml_dir, out), template)
        units = [u for u in units if u not in updated]
    elif existing and not again:
        raise KehoachError("không ghi đè kế hoạch đơn vị đã có (có thể đã được sửa tay): "
                           + ", ".join(existing) + " — đánh dấu 'Soạn lại' nếu muốn ghi đè")
    inputs = (path, registry_path(path, parent, None), sheet)
    results = [*_drafted(parent, loaded, template, units, (yaml_dir, out, True, inputs)),
               *({"unit": u, "updated": (out / f"{u}.docx").exists(), "review": [],
                  "changes": [], "plan": name_of(yaml_dir / f"{u}.yaml"), "docx": f"{u}.docx"}
                 for u in updated)]
    return render_template("derived.html", name=name, token=token, results=results)


def _drafted(parent, loaded, template: Path, units: list[str], where: tuple) -> list[dict]:
    """The units drafted through derive's `write_all` (every unit checked first, all
    files put in place together), in this thread: a threaded server must not fork."""
    from kehoach.derive.batch import Drafter, Targets, write_all

    targets = Targets(*where)
    results = []
    for written in write_all(Drafter(parent, loaded, template), units, targets, parallel=False):
        review = [line for line in written.explained if "[xem lại]" in line]
        results.append({
            "unit": written.unit, "review": review, "changes": written.explained[1:],
            "plan": name_of(targets.yaml_dir / f"{written.unit}.yaml"),
            "docx": f"{written.unit}.docx",
        })
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


def _with_sheet(sheet: Path, parent, loaded, existing: list[str], dirs,
                template: Path):
    """The registry with the sheet's values, and the existing unit plans whose values
    derive's `--values` changed in place (their DOCX rendered again into the job)."""
    from kehoach.commands.derive import update_values
    from kehoach.derive import values

    given = values.read(sheet, parent, loaded)  # the problem page shows cell and message
    if existing:
        update_values(existing, given, dirs, template)
    return values.with_values(loaded, given), existing


@blueprint.get("/plan/<path:name>/values-template")
def values_template(name: str):
    """derive's `--values-template`: every unit's indicator values in one sheet to fill."""
    from kehoach.derive import values
    from kehoach.plan.loader import load_plan

    path = plan_path(name)
    parent = load_plan(path)
    loaded = _registry(path, parent)
    if loaded is None:
        abort(404, "kế hoạch không chỉ định danh sách đơn vị (danh_sach_don_vi)")
    return send_file(io.BytesIO(values.template(parent, loaded)), as_attachment=True,
                     download_name=f"{path.stem}_gia_tri_chi_tieu.xlsx")


@blueprint.post("/plan/<path:name>/forms")
def forms(name: str):
    """`kehoach forms`: the report outline and the indicator tables, blank."""
    from kehoach.commands.forms import forms as command

    path = plan_path(name)
    year = request.form.get("nam", "").strip()
    if year and not year.isdigit():
        abort(400, "năm báo cáo phải là số")
    if year and not 1900 <= int(year) <= 2100:  # the command's own range (--nam)
        abort(400, "năm báo cáo phải từ 1900 đến 2100")
    token, out = _job()
    command.callback(plan=path, out_dir=out, ky=request.form.get("ky", "").strip() or None,
                     nam=int(year) if year else None, units_file=None, templates_dir=None,
                     pdf=False)
    files = sorted(p.name for p in out.iterdir())
    return render_template("made.html", name=name, token=token, files=files,
                           title="Biểu mẫu báo cáo trống", problems=[], notes=[])


@blueprint.post("/plan/<path:name>/aggregate")
def aggregate(name: str):
    """`kehoach aggregate`: every uploaded workbook read, its problems listed per file and
    cell, the summary made from the good ones."""
    from kehoach.document.render import renderer_for
    from kehoach.forms import aggregate as summing
    from kehoach.forms import report as report_forms
    from kehoach.forms.reading import read_forms
    from kehoach.plan.loader import load_plan

    path = plan_path(name)
    model = load_plan(path)
    loaded = _registry(path, model)
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

    def shown(problem) -> str:
        return str(problem).replace(problem.file, names.get(problem.file, problem.file), 1)

    reading = read_forms(model, loaded.registry if loaded else None, [Path(p) for p in names])
    problems = [shown(e) for e in reading.errors]
    files: list[str] = []
    if reading.reports:
        summary = summing.Summary(model, loaded.registry if loaded else None, reading)
        period = report_forms.Period(report_forms.outline().ky_mac_dinh, summary.year)
        docx = renderer_for("tong_hop.docx").render_context(
            summing.summary_context(summary, report_forms.subtitle(model, period)),
            report_forms.properties(model, "Tổng hợp chỉ tiêu", period))
        (out / f"{path.stem}_tong_hop.xlsx").write_bytes(summing.summary_workbook(summary))
        (out / f"{path.stem}_tong_hop.docx").write_bytes(docx)
        files = sorted(p.name for p in out.iterdir() if p.is_file())
    else:
        problems.append("không có biểu nào dùng được; chưa làm bảng tổng hợp")
    return render_template("made.html", name=name, token=token, files=files,
                           title="Tổng hợp biểu chỉ tiêu", problems=problems,
                           notes=[shown(n) for n in reading.notes])


@blueprint.get("/out/<token>/<filename>")
def download(token: str, filename: str):
    if not (len(token) == 16 and token.isalnum()) or "/" in filename or filename.startswith("."):
        abort(404, "không có tệp này")
    path = current_app.config["WORK_DIR"] / "jobs" / token / filename
    if not path.is_file():
        abort(404, "không có tệp này")
    return send_file(path, as_attachment=True, download_name=filename)
