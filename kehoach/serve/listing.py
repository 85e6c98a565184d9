"""The plans page: every plan in the folder with its number, date, level, state and review
marks (a link that leads outside the folder or nowhere, a file that cannot be read, each
said as such); a new plan from an uploaded DOCX/TXT (the importer) or from a blank
skeleton of today's structure."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from kehoach.errors import KehoachError
from kehoach.serve import marks
from kehoach.serve.files import Found, check_upload, name_of, plan_entries, plans_dir, safe_stem
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
    opens: bool = True  # false: a link outside the folder, a file that cannot be read


def reason(error: KehoachError) -> str:
    """The first problem of a file that cannot be listed, in words, and how many more."""
    first = error.problems[0]
    where = ", ".join(x for x in (first.field, f"dòng {first.line}" if first.line else "") if x)
    text = first.message + (f" ({where})" if where else "")
    more = len(error.problems) - 1
    return text + (f" và {more} lỗi khác" if more else "")


def entry(found: Found | Path) -> Entry | None:
    """What the list shows of one file; None for a units registry."""
    from kehoach.plan.loader import plan_from_source
    from kehoach.plan.units import is_registry
    from kehoach.rules.data import levels
    from kehoach.rules.levels import load_levels
    from kehoach.rules.profile import load_profile
    from kehoach.vn import docnumber
    from kehoach.vn.dates import short_date

    if isinstance(found, Path):
        found = Found(name_of(found), found)
    name, path = found.name, found.path
    if found.problem:
        return Entry(name, "(không mở)", reason=found.problem, opens=False)
    try:
        text = yamlsource.read_text(path)
        source = yamlsource.load(text, str(path), keep_going=True)
    except KehoachError as error:
        return Entry(name, "(tệp YAML không đọc được)", problems=len(error.problems),
                     reason="Không mở được: " + reason(error))
    if is_registry(source.data):
        return None
    try:
        plan = plan_from_source(source)
    except KehoachError as error:
        head = source.data.get("van_ban") if isinstance(source.data, dict) else None
        title = head.get("trich_yeu") if isinstance(head, dict) else None
        return Entry(name, " ".join(str(title or "(kế hoạch còn lỗi: mở để sửa)").split()),
                     problems=len(error.problems), review=marks.total(text, str(path)),
                     reason="Còn lỗi: " + reason(error))
    head = plan.van_ban
    level = load_levels().of_body(head.ma_co_quan, head.co_quan)
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
        name, " ".join(head.trich_yeu.split()), number, date,
        levels().get(level or "", "") or head.co_quan, "dự thảo" if head.du_thao else "ban hành",
        marks.total(text, str(path)), body=" ".join(head.co_quan.split()),
    )


def entries() -> list[Entry]:
    return [e for e in (entry(f) for f in plan_entries(plans_dir())) if e is not None]


@blueprint.get("/")
def plans() -> ResponseReturnValue:
    from kehoach.serve.blank import issuers

    offered = issuers()
    return render_template("plans.html", entries=entries(), folder=str(plans_dir()),
                           issuers=offered, chosen=offered[-1].level,
                           message=request.args.get("msg", ""))


def _free(stem: str) -> Path:
    """A plan file name not taken yet: the stem, else the stem and a number."""
    for n in range(1, 1000):
        target = plans_dir() / (f"{stem}.yaml" if n == 1 else f"{stem}_{n}.yaml")
        if not target.exists():
            return target
    abort(400, f"đã có quá nhiều kế hoạch tên {stem}; đặt tên khác")


@blueprint.post("/import")
def import_plan() -> ResponseReturnValue:
    """The uploaded DOCX/TXT through the import stage, in a process of its own with a time
    budget, into a new plan file (never over one); places to review are pointed to by the
    editor it opens."""
    from kehoach.serve import budget
    from kehoach.stages.importing import import_plan

    storage = request.files.get("tep")
    if storage is None or not storage.filename:
        abort(400, "chưa chọn tệp để nhập")
    upload = check_upload(storage, (".docx", ".txt"))
    with tempfile.TemporaryDirectory(prefix="kehoach-import-") as work:
        source = Path(work) / f"{upload.stem}{upload.suffix}"
        source.write_bytes(upload.data)
        target = _free(upload.stem)
        done = budget.run(import_plan, source, target)
    message = "imported_review" if done.review else "imported"
    return redirect(url_for("editor.show", name=name_of(target), msg=message))


@blueprint.post("/new")
def new_plan() -> ResponseReturnValue:
    """A blank plan: the header the clerk gives, every part with one placeholder line;
    named after the file name given, else its trích yếu."""
    from kehoach.plan import yamlwrite
    from kehoach.plan.loader import plan_from_source
    from kehoach.safewrite import write_atomic
    from kehoach.serve.blank import skeleton
    from kehoach.system.lock import folder_lock

    given = request.form.get("ten", "").strip() or request.form.get("trich_yeu", "").strip()
    stem = safe_stem(given) if given else "ke_hoach_moi"
    with folder_lock(plans_dir()):
        target = _free(stem)
        data = skeleton(target.stem.replace("_", "-"), request.form)
        text = yamlwrite.dump(data, None, ["Kế hoạch mới soạn bằng `kehoach serve`.", ""])
        plan_from_source(yamlsource.load(text, str(target)))
        write_atomic(target, text.encode("utf-8"))
    return redirect(url_for("editor.show", name=name_of(target), msg="created"))
