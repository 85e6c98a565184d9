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
from kehoach.plan.edit import PlanFile
from kehoach.plan.edit_forms import same
from kehoach.serve import marks
from kehoach.serve.form import KEEP_SPACES, NUMBERS, show
from kehoach.source.yamlsource import Path_, format_path, values

ABSENT = object()
_INT = re.compile(r"[-+]?\d+")
_FLOAT = re.compile(r"[-+]?\d+\.\d+")
_PLACEHOLDER = {"tieu_de": "Tiêu đề mới", "noi_dung": "Nội dung mới.", "nhan": "Chỉ tiêu mới",
                "chu_the": "Cơ quan thực hiện", "dan": "Phần dẫn"}


def parse_path(text: str) -> Path_:
    try:
        path = json.loads(text)
    except ValueError:
        path = None
    if not isinstance(path, list) or not path or not all(
            isinstance(p, str | int) and not isinstance(p, bool) for p in path):
        raise KehoachError("biểu mẫu gửi lên một trường không hợp lệ")
    return tuple(path)


def current(data: Any, path: Path_) -> Any:
    """The value at `path`, `ABSENT` for a missing key of an existing block."""
    for i, part in enumerate(path):
        if isinstance(data, dict) and isinstance(part, str) and (
                part in data or i == len(path) - 1):
            if part not in data:
                return ABSENT
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
        return _date(text)
    if key in NUMBERS or (isinstance(old, int | float) and not isinstance(old, bool)):
        if _INT.fullmatch(text):
            return int(text)
        if _FLOAT.fullmatch(text):
            return float(text)
    return text


_DATE = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")


def _date(text: str) -> dt.date | int | str:
    """A date as a clerk types it: 15/09/2026 (or 15-9-2026, 15.09.2026); a year alone
    (a draft's); 2026-09-15 too. Anything else is left for the model to refuse."""
    if re.fullmatch(r"\d{4}", text):
        return int(text)
    found = _DATE.fullmatch(text)
    try:
        if found:
            day, month, year = (int(g) for g in found.groups())
            return dt.date(year, month, day)
        return dt.date.fromisoformat(text)
    except ValueError:
        if found:
            raise KehoachError(f"ngày '{text}' không có trên lịch; viết ngày/tháng/năm, "
                               "ví dụ 15/09/2026") from None
        return text


def apply_fields(pf: PlanFile, form: MultiDict) -> list[Problem]:
    """Set every field whose value differs from the file; problems of the ones refused.
    A line break typed into a paragraph makes the lines after it paragraphs of their own
    (the document would print them as one)."""
    refused: list[Problem] = []
    groups = {name[2:] for name in form if name.startswith("c:")}
    splits: list[Path_] = []
    for name, text in form.items():
        if not name.startswith(("v:", "c:")) or (name.startswith("v:") and name[2:] in groups):
            continue
        path = parse_path(name[2:])
        old = current(pf.data, path)
        try:
            if name.startswith("c:"):
                _set_words(pf, path, old, form.getlist("v:" + name[2:]))
                continue
            if isinstance(old, list):
                _set_list(pf, path, old, text)
                continue
            if old is ABSENT and text == "":
                continue  # an offered field the clerk left empty: the file stays without it
            if old is not ABSENT and show(old, str(path[-1])) == text.replace("\r\n", "\n"):
                continue
            new = typed(text, None if old is ABSENT else old, str(path[-1]))
            if (old is ABSENT and new is None) or (old is not ABSENT and same(old, new)):
                continue
            pf.set(path, new)
            if _splits(pf, path, old, new):
                splits.append(path)
        except KehoachError as error:
            refused += [Problem(p.file, p.message, field=format_path(path)) for p in error.problems]
    for path in sorted(splits, reverse=True):  # later places first: earlier ones stay valid
        _split(pf, path)
    return refused


def _splits(pf: PlanFile, path: Path_, old: Any, new: Any) -> bool:
    """Whether the clerk broke a paragraph of a list into lines (a paragraph the file
    already kept on several lines is left as it was written)."""
    return (path[-1] == "noi_dung" and isinstance(new, str) and "\n" in new.strip()
            and not (isinstance(old, str) and "\n" in old) and len(path) > 2
            and isinstance(path[-2], int) and isinstance(pf.get(path[:-2]), list)
            and "chu_the" not in pf.get(path[:-1]))


def _split(pf: PlanFile, path: Path_) -> None:
    lines = [line.strip() for line in pf.get(path).split("\n") if line.strip()]
    paragraph = pf.get(path[:-1])
    pf.set(path, lines[0])
    taken = {v.get("id") for v in _dicts(pf.data)}
    index = int(path[-2])
    for n, line in enumerate(lines[1:], start=1):
        new: dict[str, Any] = {"id": _new_id(str(paragraph.get("id", "doan")), taken),
                               "noi_dung": line}
        if paragraph.get("dau"):
            new["dau"] = paragraph["dau"]
        pf.insert(path[:-2], index + n, new)


def _set_words(pf: PlanFile, path: Path_, old: Any, ticked: list[str]) -> None:
    """A list of checkboxes (the levels an element is for): none ticked takes the field
    out (for every level), as the file writes it."""
    ticked = [unicodedata.normalize("NFC", t) for t in ticked]
    if old is ABSENT or old is None:
        if ticked:
            pf.set(path, ticked)
        return
    if not isinstance(old, list):
        raise KehoachError("trường này không phải một danh sách")
    if not ticked:
        pf.remove(path)
        return
    kept = [level for level in old if level in ticked]  # the file's order, then new ones
    ticked = kept + [level for level in ticked if level not in kept]
    if ticked == old:
        return
    _replace_list(pf, path, old, ticked)


def _set_list(pf: PlanFile, path: Path_, old: list[Any], text: str) -> None:
    """A list of words or lines edited as text: set, add or drop elements to match it."""
    parts = text.splitlines() if path[-1] == "noi_nhan" else text.split(",")
    new = [unicodedata.normalize("NFC", p.strip()) for p in parts if p.strip()]
    if new == old:
        return
    if not new:
        raise KehoachError(
            [Problem(pf.file, "danh sách không được để trống", field=format_path(path))])
    _replace_list(pf, path, old, new)


def _replace_list(pf: PlanFile, path: Path_, old: list[Any], new: list[Any]) -> None:
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
            isinstance(path[-1], int) and isinstance(current(pf.data, path[:-1]), list)):
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
