"""A save refused because the file changed since the page was opened: the clerk's edits
put back on the newest version, so nothing typed is lost.

The edits are the fields whose text differs from the version the page showed (its
`base`, found by the page's version token). Each is placed where its element now stands
(by the element's id, so a paragraph added above it elsewhere does not shift it onto
another one). Where the newest version changed the same field too, its text is shown
beside the clerk's. Without the base (a page from before the server started, whose
version is not in the history), every field that differs is shown the other way round:
the newest text in the field, the clerk's beside it, to be taken with one click."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from werkzeug.datastructures import MultiDict

from kehoach.errors import KehoachError
from kehoach.serve.edits import ABSENT, current, parse_path
from kehoach.serve.form import show
from kehoach.source.yamlsource import Path_, values


@dataclass(frozen=True)
class Kept:
    """What a field shows on the refused page: the text in the field, the text beside it
    (empty: none), and whether the text in the field is the clerk's."""

    value: str
    beside: str
    mine: bool


@dataclass
class Rebased:
    fields: dict[Path_, Kept] = field(default_factory=dict)
    lost: list[tuple[Path_, str]] = field(default_factory=list)  # edits whose element is gone


_MISSING = object()


def _text(value: Any) -> str:
    return "" if value is _MISSING else show(value)


def _at(data: Any, path: Path_) -> Any:
    try:
        found = current(data, path)
    except KehoachError:
        return _MISSING
    return _MISSING if found is ABSENT else found


def _ids(data: Any) -> dict[str, Path_]:
    return {v["id"]: p for p, v in values(data) if isinstance(v, dict) and isinstance(
        v.get("id"), str)}


def relocate(path: Path_, base: Any, newest: Any, newest_ids: dict[str, Path_]) -> Path_ | None:
    """Where the field at `path` of `base` stands in `newest`: under the same element (the
    nearest one with an id), at the same place below it; None when that element is gone."""
    for cut in range(len(path) - 1, -1, -1):
        element = _at(base, path[:cut])
        if isinstance(element, dict) and isinstance(element.get("id"), str):
            moved = newest_ids.get(element["id"])
            return None if moved is None else (*moved, *path[cut:])
    return path


def rebase(form: MultiDict, base: Any | None, newest: Any) -> Rebased:
    done = Rebased()
    newest_ids = _ids(newest)
    for name, sent in form.items():
        if not name.startswith("v:"):
            continue
        path = parse_path(name[2:])
        typed = sent.replace("\r\n", "\n")
        if base is not None:
            before = _text(_at(base, path))
            if typed == before or (typed.strip() == "" and before == ""):
                continue  # not edited on this page
            where = relocate(path, base, newest, newest_ids)
        else:
            before, where = None, path
        if where is None or (base is None and _at(newest, where[:-1]) is _MISSING):
            done.lost.append((path, typed))
            continue
        now = _text(_at(newest, where))
        if typed == now:
            continue
        if base is None:
            done.fields[where] = Kept(now, typed, mine=False)
        else:
            done.fields[where] = Kept(typed, now if now != before else "", mine=True)
    return done
