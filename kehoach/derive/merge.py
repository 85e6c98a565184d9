"""The three-way merge of a unit's plan by element id, for `derive --update`: the base is
the draft as derive first wrote it, theirs a fresh draft from the new upper plan, ours
the unit's plan as the clerk edited it.

Each element's own fields (its texts, value, unit … not its child elements) are merged
field by field: a field only one side changed takes that side's value, a field both
changed differently keeps ours and gets a review note with theirs beside it. Elements
theirs added are inserted after the element they follow there; those theirs removed go,
unless ours changed something in them (then they stay, marked). An element changes
parent or place the way the side that moved it says. The header and the signature,
which have no id, merge as elements of their own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from kehoach.plan.fields import free_id
from kehoach.plan.labels import field_name
from kehoach.plan.model import Plan
from kehoach.plan.review import notes
from kehoach.plan.walk import rebuild, walk
from kehoach.source.validation import validate
from kehoach.source.yamlsource import Source

ROOT = ""  # the plan itself: id, goc, noi_nhan …
PSEUDO = {"van_ban": "@van_ban", "chu_ky": "@chu_ky"}  # no id in the model; '@' is never one
NOTE_ON = {ROOT: "@van_ban"}  # the plan has no notes: its conflicts go on the header
Slot = tuple[str, str]  # (parent id, field of the parent)

# The paths an element can take, in the order the summary lists them.
PATHS = {
    "khong_doi": "không đổi",
    "theo_tren": "theo cấp trên",
    "giu_xa": "giữ bản của xã",
    "gop": "gộp sửa của cả hai",
    "xung_dot": "xã và cấp trên cùng sửa (xem lại)",
    "tren_them": "cấp trên thêm",
    "xa_them": "xã thêm",
    "tren_bo": "cấp trên bỏ",
    "xa_bo": "xã đã bỏ",
    "giu_du_bo": "cấp trên bỏ nhưng xã đã sửa nên giữ (xem lại)",
    "khac": "khác bản soạn mới, không có bản gốc (xem lại)",
    "chi_xa": "chỉ có ở bản của xã, không có bản gốc (xem lại)",
    "chi_tren": "chỉ có ở bản soạn mới, không có bản gốc (xem lại)",
}
KEPT_REMOVED = "cấp trên đã bỏ phần tử này; xã đã sửa nên vẫn giữ (xóa nếu không cần)"
BOTH = "xã và cấp trên cùng sửa {what}; bản mới của cấp trên: {value}"
# Without a base (`--no-base`) no side can be told from the other: every difference says so.
UNLIKE = (
    "{what} khác bản soạn mới từ kế hoạch cấp trên (không có bản gốc để biết bên nào "
    "sửa); bản mới của cấp trên: {value}"
)
ONLY_OURS = (
    "phần tử này có ở kế hoạch của xã nhưng không có ở bản soạn mới từ kế hoạch cấp trên "
    "(không có bản gốc để biết xã thêm hay cấp trên bỏ): xóa nếu không cần"
)
ONLY_THEIRS = (
    "phần tử này có ở bản soạn mới từ kế hoạch cấp trên nhưng không có ở kế hoạch của xã "
    "(không có bản gốc để biết cấp trên thêm hay xã đã bỏ): xóa nếu xã đã bỏ"
)
CONFLICTS = ("xã và cấp trên cùng sửa ", " khác bản soạn mới từ kế hoạch cấp trên (không có "
             "bản gốc", KEPT_REMOVED, ONLY_OURS, ONLY_THEIRS)
"""Words only the notes a merge writes hold: while one is left in a plan, the update exits 1."""


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


@dataclass
class Flat:
    """A plan taken apart by element id: each element's own fields, notes and place."""

    data: dict[str, dict] = field(default_factory=dict)
    own: dict[str, dict] = field(default_factory=dict)
    notes: dict[str, list[dict]] = field(default_factory=dict)
    slot: dict[str, Slot] = field(default_factory=dict)
    children: dict[Slot, list[str]] = field(default_factory=dict)
    single: set[Slot] = field(default_factory=set)


def flatten(plan: Plan) -> Flat:
    """`plan` as dumped data, element by element (the walk gives ids, paths, parents)."""
    dump = plan.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    entries: list[tuple[str, dict, str | None, tuple]] = [(ROOT, dump, None, ())]
    for node in walk(plan):
        above = node.parent.path if node.parent else ()
        upper = node.parent.id if node.parent else ROOT
        entries.append((node.id, _dig(dump, node.path), upper, node.path[len(above) :]))
    for key, ident in PSEUDO.items():
        entries.append((ident, dump.get(key, {}), ROOT, (key,)))
    flat = Flat()
    for ident, data, parent, rel in entries:
        flat.data[ident] = data
        flat.notes[ident] = list(data.get("xem_lai", []))
        if parent is not None:
            slot = (parent, str(rel[0]))
            flat.slot[ident] = slot
            flat.children.setdefault(slot, []).append(ident)
            if len(rel) == 1:
                flat.single.add(slot)
    fields: dict[str, set[str]] = {}
    for parent, name in flat.children:
        fields.setdefault(parent, set()).add(name)
    for ident, data in flat.data.items():
        skip = fields.get(ident, set()) | {"xem_lai"}
        flat.own[ident] = {k: v for k, v in data.items() if k not in skip}
    return flat


def _dig(data: Any, path: tuple) -> dict:
    for part in path:
        data = data[part]
    return data


def bare(data: Any) -> Any:
    """`data` without its review notes, at every depth: notes are not edits."""
    if isinstance(data, dict):
        return {k: bare(v) for k, v in data.items() if k != "xem_lai"}
    if isinstance(data, list):
        return [bare(v) for v in data]
    return data


@dataclass
class Merged:
    """The merged plan, how many elements took each path, and the notes it added."""

    plan: Plan
    counts: Counter[str]

    @property
    def review(self) -> int:
        """The merge's notes left in the plan: this run's and earlier runs' not yet cleared."""
        return sum(is_conflict(note.ly_do) for _, note in notes(self.plan))


def is_conflict(reason: str) -> bool:
    return any(mark in reason for mark in CONFLICTS)


def merge(base: Plan | None, ours: Plan, theirs: Plan, name: str) -> Merged:
    """Ours with what theirs changed since base (see the module docstring); without a
    base, ours with every difference from theirs marked for review. `name` is the file an
    impossible result is reported on."""
    if base is not None:
        base, ours = _apart(base, ours, theirs)
    flat = flatten(base) if base is not None else Flat()
    state = _Merge(flat, flatten(ours), flatten(theirs), blind=base is None)
    # Checked like a file (every problem, in Vietnamese), at the fields of the merged plan.
    plan = validate(Source(f"{name} (bản gộp)", state.run()), Plan, "kế hoạch")
    return Merged(plan, state.counts)


def _apart(base: Plan, ours: Plan, theirs: Plan) -> tuple[Plan, Plan]:
    """An id that names another kind of element in theirs (a paragraph's id given to a new
    item; a draft's own id that moved when the upper plan freed it) is another element:
    base's and ours' take a new id, so the merge removes or keeps it as its own."""
    kinds = {n.id: n.kind for n in walk(theirs)}
    moved = {n.id for n in walk(base) if n.depth and kinds.get(n.id, n.kind) != n.kind}
    if not moved:
        return base, ours
    taken = {*kinds, *(n.id for plan in (base, ours) for n in walk(plan))}
    new: dict[str, str] = {}
    for ident in sorted(moved):
        new[ident] = free_id(ident, taken)
        taken.add(new[ident])

    def renamed(plan: Plan) -> Plan:
        found = [n.element for n in walk(plan) if n.id in new]
        return rebuild(plan, {e.id: e.model_copy(update={"id": new[e.id]}) for e in found})  # type: ignore[attr-defined]

    return renamed(base), renamed(ours)


class _Merge:
    def __init__(self, base: Flat, ours: Flat, theirs: Flat, blind: bool = False) -> None:
        self.b, self.o, self.t = base, ours, theirs
        self.blind = blind  # no base: every difference is marked
        self.counts: Counter[str] = Counter()
        self.paths: dict[str, str] = {}
        self.own: dict[str, dict] = {}
        self.notes: dict[str, list[dict]] = {}

    def run(self) -> dict:
        members = self._members()
        for ident in members:
            self._element(ident)
        for ident in members:
            self.counts[self.paths[ident]] += 1
        slots = self._placement(members)
        return self._build(ROOT, slots)

    def _changed(self, ident: str) -> bool:
        """Whether ours changed anything in the element or under it since base."""
        return bare(self.b.data[ident]) != bare(self.o.data[ident])

    def _members(self) -> list[str]:
        """The ids the merged plan holds, ours' first, in document order."""
        members: list[str] = []
        kept_removed: set[str] = set()
        for ident in self.o.data:
            parent = self.o.slot.get(ident, (None,))[0]
            if ident not in self.b.data or ident in self.t.data:
                members.append(ident)
            elif parent in kept_removed or self._changed(ident):
                kept_removed.add(ident)
                self.paths[ident] = "giu_du_bo"
                members.append(ident)
            else:
                self.counts["tren_bo"] += 1
        for ident in self.t.data:
            if ident in self.o.data:
                continue
            if ident in self.b.data:
                self.counts["xa_bo"] += 1
            else:
                self.paths[ident] = "chi_tren" if self.blind else "tren_them"
                members.append(ident)
        return members

    def _element(self, ident: str) -> None:
        """The element's own fields and notes, and the path it took."""
        o, t = self.o.own.get(ident), self.t.own.get(ident)
        if o is None or t is None:
            side = self.o if o is not None else self.t
            self.own[ident] = o if o is not None else t  # type: ignore[assignment]  # one side has it
            self.notes[ident] = list(side.notes[ident])
            path = self.paths.setdefault(ident, "chi_xa" if self.blind else "xa_them")
            said = {"giu_du_bo": KEPT_REMOVED, "chi_xa": ONLY_OURS, "chi_tren": ONLY_THEIRS}
            if path in said and self.paths.get(side.slot[ident][0]) != path:
                self.notes[ident].append({"ly_do": said[path]})  # on the topmost only
            return
        b = self.b.own.get(ident, MISSING)
        took: set[str] = set()
        conflicts: list[tuple[str, Any]] = []
        own = _fields(b, o, t, "", took, conflicts)
        self.own[ident] = own
        self.paths[ident] = (
            ("khac" if self.blind else "xung_dot")
            if conflicts
            else {
                frozenset(): "khong_doi",
                frozenset("t"): "theo_tren",
                frozenset("o"): "giu_xa",
            }.get(frozenset(took), "gop")
        )
        self._notes(ident, own, conflicts)

    def _notes(self, ident: str, own: dict, conflicts: list[tuple[str, Any]]) -> None:
        """Ours' notes (a clerk clears a note by deleting it), theirs' new ones, each only
        while its words are still in the text; then one per conflict."""
        texts = list(_strings(own))
        new = [n for n in self.t.notes[ident] if n not in self.b.notes.get(ident, [])]
        notes: list[dict] = []
        for note in [*self.o.notes[ident], *new]:
            here = "cum" not in note or any(note["cum"] in text for text in texts)
            if here and note not in notes:
                notes.append(note)
        target = NOTE_ON.get(ident, ident)
        self.notes.setdefault(target, [])
        self.notes[target] += notes
        for key, value in conflicts:
            shown = value if isinstance(value, str) else "(bỏ)" if value is MISSING else value
            reason = (UNLIKE if self.blind else BOTH).format(what=field_name(key), value=shown)
            self.notes[target].append({"ly_do": reason})

    def _placement(self, members: list[str]) -> dict[Slot, list[str]]:
        """Each member in the slot the side that moved it chose, in merged order."""
        present = set(members)
        grouped: dict[Slot, list[str]] = {}
        for ident in members:
            if ident == ROOT:
                continue
            so, st, sb = self.o.slot.get(ident), self.t.slot.get(ident), self.b.slot.get(ident)
            options = [st, so] if so is None or so == sb else [so, st]
            slot = next((s for s in options if s is not None and s[0] in present), None)
            if slot is not None:
                grouped.setdefault(slot, []).append(ident)
        return {slot: self._order(slot, set(ids)) for slot, ids in grouped.items()}

    def _order(self, slot: Slot, ids: set[str]) -> list[str]:
        """Theirs' order if ours kept base's, else ours'; the other side's own elements
        go after the element they follow on that side."""
        mine = [i for i in self.o.children.get(slot, []) if i in ids]
        yours = [i for i in self.t.children.get(slot, []) if i in ids]
        base = [i for i in self.b.children.get(slot, []) if i in ids and i in mine]
        kept_order = [i for i in mine if i in base] == base and not self.blind
        skeleton, extra = (yours, mine) if kept_order else (mine, yours)
        order = list(skeleton)
        for position, ident in enumerate(extra):
            if ident in order:
                continue
            before = [i for i in extra[:position] if i in order]
            order.insert(order.index(before[-1]) + 1 if before else 0, ident)
        order += sorted(ids - set(order))  # moved here from a slot neither side lists
        return order

    def _build(self, ident: str, slots: dict[Slot, list[str]]) -> dict:
        data = dict(self.own[ident])
        for (parent, name), ids in slots.items():
            if parent != ident or not ids:
                continue
            built = [self._build(child, slots) for child in ids]
            single = any((parent, name) in f.single for f in (self.o, self.t, self.b))
            data[name] = built[0] if single else built
        if self.notes.get(ident):
            data["xem_lai"] = self.notes[ident]
        return data


def _fields(b: Any, o: Any, t: Any, key: str, took: set[str], conflicts: list) -> Any:
    """The three-way merge of one value; dicts key by key."""
    if o == t:
        return o
    if b == o:
        took.add("t")
        return t
    if b == t:
        took.add("o")
        return o
    if all(isinstance(v, dict) for v in (o, t)):
        b = b if isinstance(b, dict) else {}
        keys = [*o, *(k for k in t if k not in o)]
        merged = {}
        for k in keys:
            name = f"{key}.{k}" if key else str(k)
            value = _fields(
                b.get(k, MISSING), o.get(k, MISSING), t.get(k, MISSING), name, took, conflicts
            )
            if value is not MISSING:
                merged[k] = value
        return merged
    took.add("o")
    conflicts.append((key, t))
    return o


def _strings(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)
