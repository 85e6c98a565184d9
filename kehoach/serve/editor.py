"""The editor page: the plan as a form, saved through `PlanFile` (only the changed lines
change). A save is checked against the version the page showed and written under the
folder's write lock, so a page older than the file is refused, never written over the
newer file; the refused page keeps what the clerk typed beside the newer text. Every
change keeps the version it replaces in the plan's history."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from flask import Blueprint, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.datastructures import MultiDict

from kehoach.errors import KehoachError, PlanError, Problem, failure_message
from kehoach.plan import history
from kehoach.plan.edit import FileChanged, PlanFile
from kehoach.plan.loader import plan_from_text
from kehoach.serve import conflict, edits, form, made, marks
from kehoach.serve.files import digest, plan_path, recall, remember
from kehoach.source import yamlsource
from kehoach.source.yamlsource import Path_, format_path

if TYPE_CHECKING:
    from kehoach.plan.model import Plan

blueprint = Blueprint("editor", __name__)

STALE = ("Chưa lưu: tệp kế hoạch đã được lưu ở nơi khác (cửa sổ khác, hoặc ngoài trình "
         "duyệt) từ khi trang này được mở, nên không ghi đè lên đó. Trang này là bản mới "
         "nhất; những chỗ bạn đã sửa vẫn nằm trong ô của nó (tô vàng), bản mới nhất hiện bên "
         "cạnh nếu nơi kia cũng sửa chỗ đó. Xem lại rồi bấm Lưu.")
STALE_UNKNOWN = ("Chưa lưu: tệp kế hoạch đã được lưu ở nơi khác từ khi trang này được mở, nên "
                 "không ghi đè lên đó. Trang này là bản mới nhất; chữ bạn đã gõ ở những ô khác "
                 "bản mới nhất hiện bên cạnh ô (tô vàng), bấm “Dùng chữ của tôi” để đưa vào ô. "
                 "Xem lại rồi bấm Lưu.")
MESSAGES = {"saved": "Đã lưu. Chỉ những dòng đã sửa trong tệp thay đổi; bản trước được giữ "
                     "trong lịch sử.",
            "unchanged": "Không có gì thay đổi.",
            "restored": "Đã khôi phục bản cũ; bản vừa thay được giữ trong lịch sử.",
            "created": "Đã tạo kế hoạch mới: hãy điền từng phần rồi bấm Lưu.",
            "imported": "Đã nhập thành kế hoạch mới; không có chỗ nào cần xem lại.",
            "imported_review": "Đã nhập thành kế hoạch mới. Có chỗ cần xem lại (đánh dấu "
                               "XEM LẠI bên dưới): hãy đối chiếu với bản gốc rồi lưu."}
ACTIONS = {"add": "them", "remove": "xoa", "up": "chuyen", "down": "chuyen", "clear": "da_xem",
           "clearall": "da_xem"}
"""Each button's change as the history names it; a plain save is `luu`."""


def problems_of(pf: PlanFile) -> list[Problem]:
    """Every problem of the plan as it stands in the editor (none when it is valid)."""
    return _loaded(pf)[1]


def _loaded(pf: PlanFile) -> tuple[Plan | None, list[Problem]]:
    """The plan the editor's text makes, or its problems (read once per page)."""
    try:
        return plan_from_text(pf.text, pf.file), []
    except PlanError as error:
        return None, error.problems


def _printed(plan: Plan | None) -> tuple[dict[str, str], dict[Path_, str], list[tuple[str, str]]]:
    """The printed number of each element, the sentence of each indicator paragraph and
    the levels an element may be meant for, when the plan loads (an invalid plan shows
    its headings without numbers, and every level)."""
    from kehoach.document.context import printed_numbers
    from kehoach.document.prose import bullet_lines, paragraph_text
    from kehoach.plan.indicators import NUMBERED, IndicatorParagraph
    from kehoach.plan.walk import walk
    from kehoach.rules.levels import load_levels
    from kehoach.rules.profile import load_profile

    if plan is None:
        return {}, {}, []
    try:
        numbers = printed_numbers(plan, load_profile(plan.profile_id()))
    except KehoachError:
        return {}, {}, []
    head = plan.van_ban
    levels = form.level_choices(head.day, load_levels().of_body(head.ma_co_quan, head.co_quan))
    sentences = {}
    for node in walk(plan):
        if isinstance(node.element, IndicatorParagraph):
            p = node.element
            marks = [numbers.get(phrase.id, "") if p.dau == NUMBERED else p.dau
                     for phrase in p.noi_dung]
            shown = "\n".join(f"{mark} {line}" for mark, line in zip(
                marks, bullet_lines(p), strict=True)) if p.dau else paragraph_text(p)
            sentences[(*node.path, "noi_dung")] = shown
    return numbers, sentences, levels


def page(name: str, pf: PlanFile, sha: str, problems: list[Problem] | None = None,
         message: str = "", status: int = 200, kept: conflict.Rebased | None = None,
         ) -> tuple[str, int]:
    plan, own = _loaded(pf)
    problems = own if problems is None else problems
    try:
        review = marks.review_marks(pf.text, pf.file, pf.data)
    except PlanError:
        review = {}
    numbers, sentences, levels = _printed(plan)
    context = form.Context(problems, review, numbers, sentences, kept.fields if kept else {},
                           levels)
    root, loose = form.build(pf.data, context)
    lost = [(form.spoken(format_path(path)), text) for path, text in (kept.lost if kept else [])]
    path = pf.path
    body = render_template(
        "editor.html", name=name, root=root, loose=loose, sha=sha, message=message,
        problems=problems, review_count=sum(len(m) for m in review.values()),
        warning=status >= 400, outline=form.outline(root), lost=lost,
        versions=history.versions(path)[:1], made=made.listing(path),
        title=_title(pf.data),
    )
    return body, status


def _title(data: Any) -> str:
    """The plan as the bar names it: its trích yếu on one line."""
    head = data.get("van_ban") if isinstance(data, dict) else None
    text = head.get("trich_yeu") if isinstance(head, dict) else None
    return " ".join(text.split()) if isinstance(text, str) else "(chưa có trích yếu)"


@blueprint.get("/plan/<path:name>")
def show(name: str) -> ResponseReturnValue:
    path = plan_path(name)
    raw = path.read_bytes()
    pf = PlanFile(path, raw)
    remember(raw)
    message = MESSAGES.get(request.args.get("msg", ""), "")
    return page(name, pf, digest(raw), message=message)


@blueprint.post("/plan/<path:name>/check")
def check(name: str) -> ResponseReturnValue:
    """The problems the form would have if saved now, for the page to show as the clerk
    types: field id → messages, and those no field shows. Nothing is written."""
    path = plan_path(name)
    raw = path.read_bytes()
    if request.form.get("sha") != digest(raw):
        return jsonify(fields={}, other=[], stale=True)
    pf = PlanFile(path, raw)
    problems = edits.apply_fields(pf, request.form)
    problems += problems_of(pf)
    ids = {}
    for key in request.form:
        if key.startswith(("v:", "c:")):
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
    return jsonify(fields=fields, other=other, stale=False)


def refused(name: str, raw: bytes, sent: MultiDict) -> tuple[str, int]:
    """The page of a save refused because the file changed: the newest version, with
    the clerk's edits kept (see `conflict`)."""
    path = plan_path(name)
    base_raw = recall(sent.get("sha", "")) or _in_history(path, sent.get("sha", ""))
    pf = PlanFile(path, raw)
    base: Any = None
    if base_raw is not None:
        try:
            base = yamlsource.load(base_raw.decode("utf-8-sig"), pf.file).data
        except (KehoachError, UnicodeDecodeError):
            base = None
    kept = conflict.rebase(sent, base, pf.data)
    message = STALE if base is not None else STALE_UNKNOWN
    return page(name, pf, digest(raw), message=message, status=409, kept=kept)


def _in_history(path: Path, sha: str) -> bytes | None:
    found = next((v for v in history.versions(path) if v.digest() == sha), None)
    return found.read() if found else None


def _anchor(op: str, pf: PlanFile) -> str | None:
    """Where the page opens after a button: the element added, moved or cleared, or the
    list an element left; a plain save comes back to where the clerk was."""
    verb, _, ref = op.partition("|")
    if not ref or verb == "clearall":
        return None
    path = edits.parse_path(ref)
    if verb in ("add", "up", "down") and isinstance(path[-1], int):
        step = {"add": 1, "up": -1, "down": 1}[verb]
        size = len(pf.get(path[:-1]))
        return form.anchor((*path[:-1], min(max(path[-1] + step, 0), size - 1)))
    if verb == "remove":
        parent = edits.current(pf.data, path[:-1])
        return form.anchor(path[:-1] if isinstance(parent, list) else path[:-2])
    return form.anchor(path)


@blueprint.post("/plan/<path:name>")
def save(name: str) -> ResponseReturnValue:
    path = plan_path(name)
    raw = path.read_bytes()
    if request.form.get("sha") != digest(raw):
        return refused(name, raw, request.form)
    pf = PlanFile(path, raw)
    refused_fields = edits.apply_fields(pf, request.form)
    if refused_fields:
        return page(name, pf, digest(raw), [*refused_fields, *problems_of(pf)],
                    "Chưa lưu: có giá trị không ghi được vào tệp.", 400)
    op = request.form.get("op", "")
    try:
        if op:
            edits.apply_op(pf, op)
        written = pf.save(ACTIONS.get(op.partition("|")[0], "luu"))
    except FileChanged:
        return refused(name, path.read_bytes(), request.form)
    except KehoachError as error:
        if op:  # show the clerk's edits without the refused operation
            pf = PlanFile(path, raw)
            edits.apply_fields(pf, request.form)
        # PlanFile heads the model's problems with "not saved"; the page says that itself.
        located = [p for p in error.problems if p.field or p.line is not None]
        said = ("kế hoạch còn lỗi, xem các dòng đỏ bên dưới. Tệp giữ nguyên."
                if isinstance(error, PlanError) else error.problems[0].message)
        return page(name, pf, digest(raw), located or error.problems, f"Chưa lưu: {said}", 400)
    except OSError as error:  # a read-only or full folder: the command line's words
        return page(name, pf, digest(raw), None,
                    f"Chưa lưu {name}: {failure_message(error)}. Những gì bạn đã sửa vẫn còn "
                    "trên trang này.", 500)
    anchor = _anchor(op, pf) if written else None
    return redirect(url_for("editor.show", name=name, msg="saved" if written else "unchanged",
                            _anchor=anchor))
