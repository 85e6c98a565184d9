"""Random edits of a generated plan's data, as a clerk makes them between two drafts:
wording changed, a value changed, an element removed, a paragraph added, a header field
changed. `edits(plan)` draws `(edited copy, ids of what was edited)`; every edit keeps the
plan valid (one that would not is not made), so the ids are exactly what changed."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st
from pydantic import ValidationError

from kehoach.plan.model import Plan

Data = dict[str, Any]
TEXT_KEYS = ("noi_dung", "tieu_de", "cau", "chu_the")
SUFFIX = " (đã sửa)"


@dataclass(frozen=True)
class Element:
    """A dict with an id in the plan data, where it stands and the ids above it."""

    path: tuple[str | int, ...]
    data: Data
    above: tuple[str, ...]


def elements(data: Any, path: tuple = (), above: tuple = ()) -> list[Element]:
    """Every element with an id under the plan (not the plan itself, not `goc`)."""
    found: list[Element] = []
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(
        data, list) else []
    for key, child in items:
        if path == () and key == "goc":
            continue
        here = (*path, key)
        if isinstance(child, dict) and isinstance(child.get("id"), str):
            found.append(Element(here, child, above))
            found += elements(child, here, (*above, child["id"]))
        elif isinstance(child, dict | list):
            found += elements(child, here, above)
    return found


def _at(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data


def _valid(data: Data) -> bool:
    try:
        Plan.model_validate(data)
    except ValidationError:
        return False
    return True


def _text_key(element: Data) -> str | None:
    return next((k for k in TEXT_KEYS if isinstance(element.get(k), str)), None)


@st.composite
def edits(
    draw, plan: Data, most: int = 4, tag: str = "them", prefer: frozenset[str] = frozenset()
) -> tuple[Data, set[str]]:
    """`plan` edited up to `most` times, and the ids the edits touched (`van_ban` for the
    header, `noi_nhan` for the recipients); added paragraphs' ids start with `tag`; the
    elements `prefer` names are edited more often (the other side's edits, for conflicts)."""
    new = copy.deepcopy(plan)
    touched: set[str] = set()
    removed: set[str] = set()
    counter = 0
    for _ in range(draw(st.sampled_from([0, 1, 2, 3, most]))):
        kind = draw(st.sampled_from(["text", "text", "value", "remove", "add", "header"]))
        found = [e for e in elements(new) if not removed & {e.data["id"], *e.above}]
        trial = copy.deepcopy(new)
        if kind == "header":
            field = draw(st.sampled_from(["trich_yeu", "so", "noi_nhan"]))
            if field == "trich_yeu":
                trial["van_ban"]["trich_yeu"] += SUFFIX
            elif field == "so":
                trial["van_ban"]["so"] = (trial["van_ban"].get("so") or 0) + 1
            else:
                trial["noi_nhan"].insert(0, "Ban Tổ chức (b/c)")
            name = "noi_nhan" if field == "noi_nhan" else "van_ban"
            if _valid(trial):
                new, touched = trial, touched | {name}
            continue
        if not found:
            continue
        preferred = [e for e in found if e.data["id"] in prefer]
        element = draw(st.sampled_from(preferred if preferred and draw(st.booleans()) else found))
        ident = element.data["id"]
        target = _at(trial, element.path)
        if kind == "text" and _text_key(target):
            target[_text_key(target)] += SUFFIX
        elif kind == "value" and "gia_tri" in target:
            target["gia_tri"] = draw(st.sampled_from([7, 42.5, 99]))
            if target["gia_tri"] == element.data["gia_tri"]:
                continue
        elif kind == "value" and "moc" in target:
            year = next(iter(target["moc"]))
            target["moc"][year] = "đã sửa"
        elif kind == "remove" and isinstance(element.path[-1], int):
            container = _at(trial, element.path[:-1])
            del container[element.path[-1]]
            if ident in trial.get("thu_tu", []):
                trial["thu_tu"].remove(ident)
        elif kind == "add" and isinstance(target.get("doan", []), list) and "cau" not in target:
            counter += 1
            ident = f"{tag}-moi-{counter}"
            target.setdefault("doan", []).insert(
                draw(st.integers(0, len(target.get("doan", [])))),
                {"id": ident, "noi_dung": "Đoạn mới thêm vào bản sau."})
        else:
            continue
        if _valid(trial):
            new = trial
            touched.add(ident)
            if kind == "remove":
                removed.add(ident)
    # What an edit touched inside an element removed later is no change of its own.
    above = {e.data["id"]: set(e.above) for e in elements(plan)}
    present = {e.data["id"] for e in elements(new)}
    kept = {
        ident for ident in touched
        if ident in ("van_ban", "noi_nhan") or ident in present
        or (ident in removed and not above.get(ident, set()) & removed)
    }
    return new, kept
