"""The plans page: every plan in the folder with its number, date, level, state and review
marks; a new plan from an uploaded DOCX/TXT (the importer) or from a blank skeleton."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from kehoach.errors import KehoachError
from kehoach.plan.loader import yaml_files
from kehoach.serve import marks
from kehoach.serve.files import check_upload, name_of, plans_dir, safe_stem
from kehoach.source import yamlsource

blueprint = Blueprint("listing", __name__)


@dataclass(frozen=True)
class Entry:
    name: str
    title: str
    number: str = ""
    date: str = ""
    level: str = ""
    state: str = ""
    review: int = 0
    problems: int = 0
    body: str = ""
    reason: str = ""


def reason(error: KehoachError) -> str:
    """The first problem of a file that cannot be listed, in words, and how many more."""
    first = error.problems[0]
    where = ", ".join(x for x in (first.field, f"dòng {first.line}" if first.line else "") if x)
    text = first.message + (f" ({where})" if where else "")
    more = len(error.problems) - 1
    return text + (f" và {more} lỗi khác" if more else "")


def entry(path: Path) -> Entry | None:
    """What the list shows of one file; None for a units registry."""
    from kehoach.plan.loader import plan_from_source
    from kehoach.plan.units import is_registry
    from kehoach.rules.data import levels
    from kehoach.rules.levels import load_levels
    from kehoach.rules.profile import load_profile
    from kehoach.vn import docnumber
    from kehoach.vn.dates import short_date

    name = name_of(path)
    try:
        text = yamlsource.read_text(path)
        source = yamlsource.load(text, str(path))
    except KehoachError as error:
        return Entry(
            name,
            "(tệp YAML không đọc được)",
            problems=len(error.problems),
            reason="Không mở được: " + reason(error),
        )
    if is_registry(source.data):
        return None
    try:
        plan = plan_from_source(source)
    except KehoachError as error:
        head = source.data.get("van_ban") if isinstance(source.data, dict) else None
        title = head.get("trich_yeu") if isinstance(head, dict) else None
        return Entry(
            name,
            " ".join(str(title or "(kế hoạch còn lỗi: mở để sửa)").split()),
            problems=len(error.problems),
            review=marks.total(text, str(path)),
            reason="Còn lỗi: " + reason(error),
        )
    head = plan.van_ban
    level = load_levels().of_body(head.ma_co_quan)
    rule = load_profile(plan.profile_id())  # written as the document writes them
    if head.so:
        number = docnumber.codes(head.so, head.loai, head.ma_co_quan, rule.so_ky_hieu)
    else:
        number = f"(chưa cấp số) {head.loai}/{head.ma_co_quan}"
    if isinstance(head.ngay, int):
        date = str(head.ngay)
    else:
        date = short_date(head.ngay, rule.dia_danh_ngay)
    return Entry(
        name,
        " ".join(head.trich_yeu.split()),
        number,
        date,
        levels().get(level or "", "") or head.co_quan,
        "dự thảo" if head.du_thao else "ban hành",
        marks.total(text, str(path)),
        body=" ".join(head.co_quan.split()),
    )


@blueprint.get("/")
def plans() -> ResponseReturnValue:
    root = plans_dir()
    entries = [e for e in (entry(p) for p in yaml_files(root)) if e is not None]
    from kehoach.serve.form import choices

    return render_template(
        "plans.html",
        entries=entries,
        folder=str(root),
        codes=choices()["ma_co_quan"],
        message=request.args.get("msg", ""),
    )


def _target(stem: str) -> Path:
    target = plans_dir() / f"{stem}.yaml"
    if target.exists():
        abort(400, f"đã có kế hoạch {target.name}; đặt tên khác (không ghi đè)")
    return target


@blueprint.post("/import")
def import_plan() -> ResponseReturnValue:
    """The uploaded DOCX/TXT through the import stage, into a new plan file; places to
    review are pointed to by the editor it opens."""
    from kehoach.stages.importing import import_plan

    storage = request.files.get("tep")
    if storage is None or not storage.filename:
        abort(400, "chưa chọn tệp để nhập")
    upload = check_upload(storage, (".docx", ".txt"))
    target = _target(upload.stem)
    with tempfile.TemporaryDirectory(prefix="kehoach-import-") as work:
        source = Path(work) / f"{upload.stem}{upload.suffix}"
        source.write_bytes(upload.data)
        done = import_plan(source, target)
    message = "imported_review" if done.review else "imported"
    return redirect(url_for("editor.show", name=name_of(target), msg=message))


@blueprint.post("/new")
def new_plan() -> ResponseReturnValue:
    """A blank plan: the header the clerk gives, every part with one placeholder line."""
    from kehoach.plan import yamlwrite
    from kehoach.plan.loader import plan_from_source
    from kehoach.safewrite import write_atomic
    from kehoach.serve.blank import skeleton

    if not request.form.get("ten", "").strip():  # the server says it, in Vietnamese
        abort(400, "chưa đặt tên tệp cho kế hoạch mới")
    stem = safe_stem(request.form["ten"])
    target = _target(stem)
    data = skeleton(stem.replace("_", "-"), request.form)
    text = yamlwrite.dump(data, None, ["Kế hoạch mới soạn bằng `kehoach serve`.", ""])
    plan_from_source(yamlsource.load(text, str(target)))
    write_atomic(target, text.encode("utf-8"))
    return redirect(url_for("editor.show", name=name_of(target)))
