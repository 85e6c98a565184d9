"""A submitted editor form → changes through `PlanFile`: each changed field set where it
stands, then at most one list operation (add, remove, move, clear review marks)."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from werkzeug.datastructures import MultiDict

from kehoach.errors import KehoachError, Problem
from kehoach.plan.comments import note_mark
from kehoach.plan.edit import PlanFile, same
from kehoach.serve import marks
from kehoach.serve.form import KEEP_SPACES, NUMBERS, show
from kehoach.source.yamlsource import Path_, format_path, values

_ABSENT = object()
_INT = re.compile(r"[-+]?\d+")
_FLOAT = re.compile(r"[-+]?\d+\.\d+")
_PLACEHOLDER = {
    "tieu_de": "Tiêu đề mới",
    "noi_dung": "Nội dung mới.",
    "nhan": "Chỉ tiêu mới",
    "chu_the": "Cơ quan thực hiện",
    "dan": "Phần dẫn",
}


def parse_path(text: str) -> Path_:
    try:
        path = json.loads(text)
    except ValueError:
        path = None
    if (
        not isinstance(path, list)
        or not path
        or not all(isinstance(p, str | int) and not isinstance(p, bool) for p in path)
    ):
        raise KehoachError("biểu mẫu gửi lên một trường không hợp lệ")
    return tuple(path)


def current(data: Any, path: Path_) -> Any:
    """The value at `path`, `_ABSENT` for a missing key of an existing block."""
    for i, part in enumerate(path):
        if (
            isinstance(data, dict)
            and isinstance(part, str)
            and (part in data or i == len(path) - 1)
        ):
            if part not in data:
                return _ABSENT
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            raise KehoachError(f"{format_path(path)}: không còn trường này; hãy tải lại trang")
    return data


def typed(text: str, old: Any, key: str) -> Any:
    """What the clerk typed, as the value the file should hold."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if key not in KEEP_SPACES:
        text = text.strip()
    if text == "" and key not in KEEP_SPACES:
        return None
    if key == "du_thao" and _INT.fullmatch(text):
        return int(text)  # which draft: 2 → "Dự thảo lần 2"
    if isinstance(old, bool) or key == "du_thao":
        return {"true": True, "false": False}.get(text, text)
    if key == "ngay" or isinstance(old, dt.date):
        if re.fullmatch(r"\d{4}", text):
            return int(text)
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text
    if key in NUMBERS or (isinstance(old, int | float) and not isinstance(old, bool)):
        if _INT.fullmatch(text):
            return int(text)
        if _FLOAT.fullmatch(text):
            return float(text)
    return text


def apply_fields(pf: PlanFile, form: MultiDict) -> list[Problem]:
    """Set every field whose value differs from the file; problems of the ones refused."""
    refused: list[Problem] = []
    for name, text in form.items():
        if not name.startswith("v:"):
            continue
        path = parse_path(name[2:])
        old = current(pf.data, path)
        try:
            if isinstance(old, list):
                _set_list(pf, path, old, text)
                continue
            if old is _ABSENT and text == "":
                continue  # an offered field the clerk left empty: the file stays without it
            if old is not _ABSENT and show(old) == text.replace("\r\n", "\n"):
                continue
            new = typed(text, None if old is _ABSENT else old, str(path[-1]))
            if (old is _ABSENT and new is None) or (old is not _ABSENT and same(old, new)):
                continue
            pf.set(path, new)
        except KehoachError as error:
            refused += [Problem(p.file, p.message, field=format_path(path)) for p in error.problems]
    return refused


def _set_list(pf: PlanFile, path: Path_, old: list[Any], text: str) -> None:
    """A list of words or lines edited as text: set, add or drop elements to match it."""
    parts = text.splitlines() if path[-1] == "noi_nhan" else text.split(",")
    new = [unicodedata.normalize("NFC", p.strip()) for p in parts if p.strip()]
    if new == old:
        return
    if not new:
        raise KehoachError(
            [Problem(pf.file, "danh sách không được để trống", field=format_path(path))]
        )
    for i, value in enumerate(new[: len(old)]):
        if old[i] != value:
            pf.set((*path, i), value)
    for i in range(len(old), len(new)):
        pf.insert(path, i, new[i])
    for i in reversed(range(len(new), len(old))):
        pf.remove((*path, i))


def apply_op(pf: PlanFile, op: str) -> None:
    """One list operation named by the button pressed: `remove|[path]`, `up|…`, …"""
    verb, _, ref = op.partition("|")
    if verb == "clearall":
        for path in list(marks.review_marks(pf.text, pf.file)):
            pf.remove_comments(path, marks.REVIEW)
        noted = [p for p, v in values(pf.data) if isinstance(v, dict) and "xem_lai" in v]
        for path in reversed(noted):  # inner elements first: outer paths stay valid
            pf.remove((*path, "xem_lai"))
        return
    path = parse_path(ref)
    if verb in ("remove", "up", "down", "add") and not (
        isinstance(path[-1], int) and isinstance(current(pf.data, path[:-1]), list)
    ):
        raise KehoachError("chỉ thêm, xóa, chuyển được một phần tử của danh sách")
    if verb == "clear":  # seen: the `# XEM LẠI` line and the notes that make Word comments
        pf.remove_comments(path, marks.REVIEW)
        if isinstance(pf.get(path), dict) and "xem_lai" in pf.get(path):
            pf.remove((*path, "xem_lai"))
    elif verb == "remove":
        pf.get(path)  # a stale place is refused, not taken for the list's only element
        last = len(pf.get(path[:-1])) == 1
        if last and path[-2:-1] != ("xem_lai",):
            message = "không xóa được phần tử duy nhất của danh sách: hãy thêm một phần tử trước"
            raise KehoachError([Problem(pf.file, message, field=format_path(path))])
        if path[-2:-1] == ("xem_lai",):
            _drop_mark(pf, path)
        pf.remove(path[:-1] if last else path)  # the last note goes with its list
    elif verb in ("up", "down"):
        _move(pf, path, -1 if verb == "up" else 1)
    elif verb == "add":
        pf.insert(path[:-1], int(path[-1]) + 1, fresh(pf.data, pf.get(path)))
    else:
        raise KehoachError("thao tác không hợp lệ")


def _drop_mark(pf: PlanFile, path: Path_) -> None:
    """A note dealt with takes its `# XEM LẠI: …` line above the element along (else the
    mark outlives it, and `derive --update` would keep it as the clerk's own words)."""
    note = pf.get(path)
    if isinstance(note, dict) and isinstance(note.get("ly_do"), str):
        cum = note.get("cum")
        mark = note_mark(note["ly_do"].strip(), cum.strip() if isinstance(cum, str) else None)
        pf.remove_comments(path[:-2], mark, whole=True)


def _move(pf: PlanFile, path: Path_, step: int) -> None:
    """Move a list element by one place, with the comment lines above it."""
    index = path[-1]
    siblings = pf.get(path[:-1])
    if not isinstance(index, int) or not 0 <= index + step < len(siblings):
        return
    notes = marks.comments(pf.text, pf.file).get(path, [])
    value = copy.deepcopy(pf.get(path))
    pf.remove(path)
    target = (*path[:-1], index + step)
    pf.insert(path[:-1], index + step, value)
    for note in notes:
        pf.add_comment(target, note)


def fresh(data: Any, like: Any) -> Any:
    """A new element shaped like `like`: new ids, placeholder text, one of each child."""
    taken = {v.get("id") for v in _dicts(data)}

    def renew(value: Any) -> Any:
        if isinstance(value, list):
            kids = [renew(value[0])] if value and isinstance(value[0], dict) else value
            return copy.deepcopy(kids)
        if not isinstance(value, dict):
            return value
        out = {}
        for key, child in value.items():
            if key == "id" and isinstance(child, str):
                out[key] = _new_id(child, taken)
            elif key == "cau" and isinstance(child, str):
                out[key] = "Chỉ tiêu mới" + "".join(f" {s}" for s in ("{gt}", "{ms}") if s in child)
            elif key in _PLACEHOLDER and isinstance(child, str):
                out[key] = _PLACEHOLDER[key]
            else:
                out[key] = renew(child)
        return out

    return renew(like)


def _new_id(base: str, taken: set[Any]) -> str:
    stem = base[:48]
    for n in range(1, 1000):
        candidate = f"{stem}-moi" + (f"-{n}" if n > 1 else "")
        if candidate not in taken:
            taken.add(candidate)
            return candidate
    raise KehoachError("không tạo được mã mới")


def _dicts(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, dict):
        yield data
        for v in data.values():
            yield from _dicts(v)
    elif isinstance(data, list):
        for v in data:
            yield from _dicts(v)
