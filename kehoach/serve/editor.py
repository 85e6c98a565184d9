"""The editor page: the plan as a form, saved through `PlanFile` (only the changed lines
change; a page older than the file is refused, never written over the newer file)."""

from __future__ import annotations

from flask import Blueprint, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from kehoach.errors import KehoachError, PlanError, Problem
from kehoach.plan.edit import PlanFile
from kehoach.plan.loader import plan_from_source
from kehoach.serve import edits, form, marks
from kehoach.serve.files import digest, plan_path
from kehoach.source import yamlsource
from kehoach.source.yamlsource import format_path

blueprint = Blueprint("editor", __name__)

STALE = (
    "Tệp kế hoạch đã bị thay đổi (ở cửa sổ khác hoặc ngoài trình duyệt) từ khi trang này "
    "được mở, nên chưa lưu gì để khỏi ghi đè. Dưới đây là nội dung mới nhất của tệp; "
    "hãy sửa lại rồi lưu."
)
MESSAGES = {
    "saved": "Đã lưu. Chỉ những dòng đã sửa trong tệp thay đổi.",
    "unchanged": "Không có gì thay đổi.",
    "imported": "Đã nhập thành kế hoạch mới; không có chỗ nào cần xem lại.",
    "imported_review": "Đã nhập thành kế hoạch mới. Có chỗ cần xem lại (đánh dấu "
    "XEM LẠI bên dưới): hãy đối chiếu với bản gốc rồi lưu.",
}


def problems_of(pf: PlanFile) -> list[Problem]:
    """Every problem of the plan as it stands in the editor (none when it is valid)."""
    try:
        plan_from_source(yamlsource.load(pf.text, pf.file))
    except PlanError as error:
        return error.problems
    return []


def page(name: str, pf: PlanFile, sha: str, problems: list[Problem] | None = None,
         message: str = "", status: int = 200) -> tuple[str, int]:
    problems = problems_of(pf) if problems is None else problems
    try:
        review = marks.review_marks(pf.text, pf.file)
    except PlanError:
        review = {}
    root, loose = form.build(pf.data, problems, review)
    body = render_template(
        "editor.html",
        name=name,
        root=root,
        loose=loose,
        sha=sha,
        message=message,
        problems=problems,
        review_count=sum(len(m) for m in review.values()),
        warning=status >= 400,
    )
    return body, status


@blueprint.get("/plan/<path:name>")
def show(name: str) -> ResponseReturnValue:
    path = plan_path(name)
    pf = PlanFile.open(path)
    message = MESSAGES.get(request.args.get("msg", ""), "")
    return page(name, pf, digest(path.read_bytes()), message=message)


@blueprint.post("/plan/<path:name>/check")
def check(name: str) -> ResponseReturnValue:
    """The problems the form would have if saved now, for the page to show as the clerk
    types: field id → messages, and those no field shows. Nothing is written."""
    path = plan_path(name)
    raw = path.read_bytes()
    if request.form.get("sha") != digest(raw):
        return jsonify(fields={}, other=[STALE])
    pf = PlanFile(path, raw)
    problems = edits.apply_fields(pf, request.form)
    problems += problems_of(pf)
    ids = {}
    for key in request.form:
        if key.startswith("v:"):
            field_path = edits.parse_path(key[2:])
            ids[format_path(field_path)] = "f-" + "-".join(map(str, field_path))
    fields: dict[str, list[str]] = {}
    other: list[str] = []
    for problem in problems:
        message = form.where(problem)
        if problem.field in ids:
            fields.setdefault(ids[problem.field], []).append(message)
        elif problem.field or problem.line is not None:
            other.append(f"{form.spoken(problem.field)}: {message}" if problem.field else message)
    return jsonify(fields=fields, other=other)


@blueprint.post("/plan/<path:name>")
def save(name: str) -> ResponseReturnValue:
    path = plan_path(name)
    raw = path.read_bytes()
    if request.form.get("sha") != digest(raw):
        return page(name, PlanFile.open(path), digest(raw), message=STALE, status=409)
    pf = PlanFile.open(path)
    refused = edits.apply_fields(pf, request.form)
    if refused:
        return page(
            name,
            pf,
            digest(raw),
            [*refused, *problems_of(pf)],
            "Chưa lưu: có giá trị không ghi được vào tệp.",
            400,
        )
    op = request.form.get("op", "")
    try:
        if op:
            edits.apply_op(pf, op)
        written = pf.save()
    except KehoachError as error:
        if op:  # show the clerk's edits without the refused operation
            pf = PlanFile.open(path)
            edits.apply_fields(pf, request.form)
        # PlanFile heads the model's problems with "not saved"; the page says that itself.
        located = [p for p in error.problems if p.field or p.line is not None]
        return page(
            name,
            pf,
            digest(raw),
            located or error.problems,
            "Chưa lưu: kế hoạch còn lỗi, xem các dòng đỏ bên dưới. Tệp giữ nguyên.",
            400,
        )
    return redirect(url_for("editor.show", name=name, msg="saved" if written else "unchanged"))
