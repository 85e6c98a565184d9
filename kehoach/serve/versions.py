"""The plan's history: the versions kept before each change (`kehoach.plan.history`),
what each change did (the element-level compare, named in the clerk's words), and a
version put back in one click (the version it replaces is kept too)."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from kehoach.errors import KehoachError
from kehoach.plan import history
from kehoach.serve import naming
from kehoach.serve.files import digest, plan_path, work_dir

blueprint = Blueprint("versions", __name__)


def _version(path: Path, number: int) -> history.Version:
    found = history.find(path, number)
    if found is None:
        abort(404, "không còn bản này trong lịch sử (chỉ giữ "
                   f"{history.LIMIT} bản gần nhất)")
    return found


@blueprint.get("/plan/<path:name>/lich-su")
def listing(name: str) -> ResponseReturnValue:
    path = plan_path(name)
    return render_template("history.html", name=name, versions=history.versions(path),
                           sha=digest(path.read_bytes()), limit=history.LIMIT)


def _side(version: history.Version | None, path: Path) -> Path:
    """A file the compare stage can read: a kept version is named after the plan (the
    stage reads plans by path; the history file's own name is its number)."""
    if version is None:
        return path
    folder = work_dir("versions", digest(version.read()))
    copy = folder / path.name
    if not copy.exists():
        copy.write_bytes(version.read())
    return copy


@blueprint.get("/plan/<path:name>/lich-su/<int:number>")
def changes(name: str, number: int) -> ResponseReturnValue:
    """What changed from kept version `number` to the one after it (the change that
    replaced it), or to the plan as it is now (`?voi=hien-tai`)."""
    from kehoach.stages.compare import compare

    path = plan_path(name)
    version = _version(path, number)
    later = [v for v in history.versions(path) if v.number > number]
    to_now = request.args.get("voi") == "hien-tai" or not later
    after = None if to_now else later[-1]
    try:
        done = compare(_side(version, path), _side(after, path))
    except KehoachError as error:
        return render_template("problem.html", problems=error.problems,
                               failure="Không so sánh được: một trong hai bản không đọc "
                                       "được như một kế hoạch."), 400
    return render_template(
        "version.html", name=name, version=version, after=after, to_now=to_now,
        rows=naming.rows(done.comparison, done.old, done.new), sha=digest(path.read_bytes()))


@blueprint.post("/plan/<path:name>/khoi-phuc")
def restore(name: str) -> ResponseReturnValue:
    path = plan_path(name)
    number = request.form.get("ban", "")
    if not number.isdecimal():
        abort(400, "chưa chọn bản để khôi phục")
    version = _version(path, int(number))
    raw = path.read_bytes()
    if request.form.get("sha") != digest(raw):
        abort(409, "tệp đã được lưu ở nơi khác từ khi trang này mở; chưa khôi phục gì — hãy "
                   "mở lại lịch sử rồi làm lại")
    history.restore(path, version, raw)
    return redirect(url_for("editor.show", name=name, msg="restored"))
