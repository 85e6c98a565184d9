"""The compare page: two plans of the folder, or an uploaded DOCX/TXT for one side, through
the stage `kehoach compare` calls; the change list by element id, and the new side as a DOCX
with the changes as Word revisions, offered for download."""

from __future__ import annotations

import secrets
from pathlib import Path

from flask import Blueprint, abort, render_template, request
from flask.typing import ResponseReturnValue

from kehoach.plan.labels import LABELS
from kehoach.plan.loader import yaml_files
from kehoach.serve.files import check_upload, name_of, plan_path, plans_dir, work_dir

blueprint = Blueprint("comparing", __name__)

SIDES = {"cu": "Bản cũ", "moi": "Bản mới"}
KINDS = {"them": "thêm", "bo": "bỏ", "chuyen": "chuyển chỗ", "sua_chu": "sửa chữ",
         "gia_tri": "giá trị", "truong": "sửa", "van_ban": "đầu, cuối văn bản"}
"""Each kind of change (`Change.loai`) as the list names it."""


def _choices() -> list[tuple[str, str]]:
    """(name, title) of every plan in the folder that loads (registries left out)."""
    from kehoach.serve.listing import entry

    found = (entry(p) for p in yaml_files(plans_dir()))
    return [(e.name, e.title) for e in found if e is not None and not e.problems]


@blueprint.get("/compare")
def choose() -> ResponseReturnValue:
    chosen = {side: request.args.get(side, "") for side in SIDES}
    return render_template("compare.html", plans=_choices(), chosen=chosen, sides=SIDES)


def _side(side: str, job: Path) -> tuple[Path, str]:
    """The file of one side, and how the page names it: an upload (kept in the job folder
    under the clerk's name, since import takes the plan's id from it) or a plan's name."""
    storage = request.files.get(f"tep_{side}")
    if storage is not None and storage.filename:
        upload = check_upload(storage, (".docx", ".txt"))
        target = work_dir("jobs", job.name, side) / f"{upload.stem}{upload.suffix}"
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

    token = secrets.token_hex(8)
    job = work_dir("jobs", token)
    (old, old_name), (new, new_name) = _side("cu", job), _side("moi", job)
    docx = f"so_sanh_{new.stem}.docx"
    result = stage(old, new, docx=job / docx).comparison
    chosen = {"cu": old_name if old.is_relative_to(plans_dir()) else "",
              "moi": new_name if new.is_relative_to(plans_dir()) else ""}
    return render_template(
        "compare.html", plans=_choices(), chosen=chosen, sides=SIDES, kinds=KINDS,
        parts={"ke_hoach": "Kế hoạch", "van_ban": LABELS["van_ban"], "chu_ky": LABELS["chu_ky"],
               "noi_nhan": "Nơi nhận"},
        result=result, names={"cu": old_name, "moi": new_name}, token=token, docx=docx)
