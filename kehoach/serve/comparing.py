"""The compare page: two plans of the folder, or an uploaded DOCX/TXT for one side, through
the stage `kehoach compare` calls (in a process of its own with a time budget, since an
upload is parsed); the change list with every element named in the clerk's words, and the
new side as a DOCX with the changes as Word revisions, kept with the made files."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, render_template, request
from flask.typing import ResponseReturnValue

from kehoach.serve import budget, made, naming
from kehoach.serve.files import check_upload, name_of, plan_path, plans_dir

blueprint = Blueprint("comparing", __name__)

SIDES = {"cu": "Bản cũ", "moi": "Bản mới"}


def _choices() -> list[tuple[str, str]]:
    """(name, title) of every plan in the folder that loads (registries left out)."""
    from kehoach.serve.listing import entries

    return [(e.name, e.title) for e in entries() if e.opens and not e.problems]


@blueprint.get("/compare")
def choose() -> ResponseReturnValue:
    chosen = {side: request.args.get(side, "") for side in SIDES}
    return render_template("compare.html", plans=_choices(), chosen=chosen, sides=SIDES)


def _side(side: str, job: Path) -> tuple[Path, str]:
    """The file of one side, and how the page names it: an upload (kept with the job's
    files under the clerk's name, since import takes the plan's id from it) or a plan."""
    storage = request.files.get(f"tep_{side}")
    if storage is not None and storage.filename:
        upload = check_upload(storage, (".docx", ".txt"))
        target = job / "đã tải lên" / SIDES[side].lower() / f"{upload.stem}{upload.suffix}"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(upload.data)
        return target, upload.filename
    name = request.form.get(side, "")
    if not name:
        abort(400, f"chưa chọn {SIDES[side].lower()}: chọn một kế hoạch hoặc tải tệp lên")
    path = plan_path(name)
    return path, name_of(path)


@blueprint.post("/compare")
def compare() -> ResponseReturnValue:
    """`kehoach compare CŨ MỚI --docx`: the same stage, the result as a page."""
    from kehoach.stages.compare import compare as stage

    for side in SIDES:  # said before any folder is made
        given = request.files.get(f"tep_{side}")
        if not request.form.get(side) and (given is None or not given.filename):
            abort(400, f"chưa chọn {SIDES[side].lower()}: chọn một kế hoạch hoặc tải tệp lên")
    name = request.form.get("moi") or request.form.get("cu") or ""
    anchor = plan_path(name) if name else plans_dir() / "so_sanh.yaml"
    with made.job(anchor, "so sánh") as job:
        (old, old_name), (new, new_name) = _side("cu", job), _side("moi", job)
        docx = job / f"so_sanh_{new.stem}.docx"
        done = budget.run(stage, old, new, docx=docx)
    chosen = {"cu": old_name if old.is_relative_to(plans_dir()) and not old.is_relative_to(
        made.root()) else "", "moi": new_name if new.is_relative_to(plans_dir()) and not (
        new.is_relative_to(made.root())) else ""}
    return render_template(
        "compare.html", plans=_choices(), chosen=chosen, sides=SIDES,
        rows=naming.rows(done.comparison, done.old, done.new), result=done.comparison,
        names={"cu": old_name, "moi": new_name}, docx=made.name(docx),
        folder=made.name(job))
