"""Two plans → the list of what changed, element by element, in document order.

Elements are matched by `align`: by id where the ids can be trusted, else by their
texts; labels (I., 1.) are computed from order, so they are never compared."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from pydantic import BaseModel

from kehoach.compare import describe as say
from kehoach.compare import sequence
from kehoach.compare.align import align
from kehoach.compare.words import describe as describe_words
from kehoach.compare.words import word_changes
from kehoach.plan.indicators import Indicator
from kehoach.plan.model import Plan
from kehoach.plan.walk import Node, models_in, walk
from kehoach.vn.labels import roman


@dataclass(frozen=True)
class Change:
    """One difference: `loai` is them, bo, chuyen, sua_chu, gia_tri, truong or van_ban."""

    loai: str
    id: str
    mo_ta: str
    truong: str = ""
    cu: Any = None
    moi: Any = None
    id_cu: str = ""

    def line(self) -> str:
        """`nv-2: …` for an element; a field of the plan by its name (`đầu văn bản: …`)."""
        if self.loai == "van_ban":
            return f"{say.field(self.id)}: {self.mo_ta}"
        old = f" (bản cũ: {self.id_cu})" if self.id_cu and self.id_cu != self.id else ""
        return f"{self.id}{old}: {self.mo_ta}"

    def as_json(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v not in (None, "")}


@dataclass(frozen=True)
class Pairing:
    """An old element matched to a new one with another id, and how alike they are."""

    cu: str
    moi: str
    giong: float


@dataclass
class Comparison:
    """The changes, the pairings shown to the user, and every old id → new id matched."""

    changes: list[Change] = field(default_factory=list)
    pairings: list[Pairing] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)


class _Side:
    """One plan's walk, indexed: each element's place, its siblings, its descendants."""

    def __init__(self, plan: Plan) -> None:
        self.nodes = list(walk(plan))
        self.index = {node.id: i for i, node in enumerate(self.nodes)}
        self.node = {node.id: node for node in self.nodes}
        self._siblings: dict[tuple[str, int], list[str]] = {}
        self.inner: dict[str, int] = dict.fromkeys(self.node, 0)
        for node in self.nodes:
            self._siblings.setdefault((self.place(node), node.depth), []).append(node.id)
            for above in node.ancestors():
                self.inner[above.id] += 1
        self.position = {i: at for ids in self._siblings.values() for at, i in enumerate(ids)}

    def place(self, node: Node) -> str:
        return node.parent.id if node.parent else str(node.path[0])  # a part: its key

    def siblings(self, node: Node) -> list[str]:
        return self._siblings[(self.place(node), node.depth)]

    def after(self, node: Node) -> str:
        """`sau nv2`, or `đứng đầu` for the first of its siblings."""
        position = self.position[node.id]
        return f"sau {self.siblings(node)[position - 1]}" if position else "đứng đầu"


def compare(old: Plan, new: Plan, pair_by_text: bool = False) -> Comparison:
    """What changed from `old` to `new`; `pair_by_text` when a side was imported for the
    comparison (its ids are positions, so only the texts pair its elements)."""
    a, b = _Side(old), _Side(new)
    result = Comparison()
    pairs = align(a.nodes, b.nodes, trust_ids=not pair_by_text)
    result.mapping = {p.old: p.new for p in pairs}
    result.pairings = [Pairing(p.old, p.new, round(p.alike, 2)) for p in pairs if p.old != p.new]
    result.changes = _plan_fields(old, new, result.mapping, include_id=not pair_by_text)
    result.changes += _elements(a, b, result.mapping, pair_by_text)
    return result


def _plan_fields(old: Plan, new: Plan, mapping: dict[str, str], include_id: bool) -> list[Change]:
    """Every field of the plan that is not an element (elements are compared one by one), in
    the model's order: the header, numbering style, order of the parts, closing sentence,
    signature, recipients … A new field of `Plan` is compared without changing this."""
    out: list[Change] = []
    for name in Plan.model_fields:
        if name in _ELEMENT_FIELDS or (name == "id" and not include_id):
            continue
        before, after = getattr(old, name), getattr(new, name)
        if name == "noi_nhan":
            out += _recipients(before, after)
        elif name == "thu_tu":
            out += _part_order(old, new, mapping)
        elif isinstance(before, BaseModel) or isinstance(after, BaseModel):  # van_ban, chu_ky …
            model = type(after if isinstance(after, BaseModel) else before)
            for key in model.model_fields:
                found = say.differences(
                    getattr(before, key, None), getattr(after, key, None), key, model.__name__
                )
                out += [Change("van_ban", name, line, key, _plain(a), _plain(b))
                        for line, a, b in found]
        else:
            out += [Change("van_ban", "ke_hoach", line, name, _plain(a), _plain(b))
                    for line, a, b in say.differences(before, after, name)]
    return out


_ELEMENT_FIELDS = {
    name for name, info in Plan.model_fields.items()
    if any("id" in cls.model_fields for cls in models_in(info.annotation))
}
"""The parts, can_cu, phu_luc, goc: fields holding elements with an id, which `walk` yields."""


def _recipients(old: list[str], new: list[str]) -> list[Change]:
    out: list[Change] = []
    for tag, i1, i2, j1, j2 in sequence.opcodes(old, new):
        for line in old[i1:i2] if tag != "equal" else []:
            out.append(Change("van_ban", "noi_nhan", f"bỏ “{line}”", "noi_nhan", line))
        for line in new[j1:j2] if tag != "equal" else []:
            out.append(Change("van_ban", "noi_nhan", f"thêm “{line}”", "noi_nhan", None, line))
    return out


def _part_order(old: Plan, new: Plan, mapping: dict[str, str]) -> list[Change]:
    """The parts that print in another place (`thu_tu`), each named by its title: the parts
    that kept their order among themselves stay, the others moved."""
    parts = new.parts()
    kept = {p.id for p in parts} & {mapping.get(p.id, "") for p in old.parts()}
    before = [mapping[p.id] for p in old.parts() if mapping.get(p.id) in kept]
    after = [p.id for p in parts if p.id in kept]  # a part added or removed is an element's
    if before == after:
        return []
    was = {mapping.get(p.id): roman(at) for at, p in enumerate(old.parts(), start=1)}
    now = {p.id: (roman(at), p.tieu_de) for at, p in enumerate(parts, start=1)}
    out: list[Change] = []
    for tag, _, _, j1, j2 in sequence.opcodes(before, after):
        for part_id in after[j1:j2] if tag != "equal" else []:
            at, title = now[part_id]
            line = f"phần “{say.short(title)}” in ở phần {at} (trước là phần {was[part_id]})"
            out.append(Change("van_ban", "thu_tu", line, "thu_tu", was[part_id], at))
    return out


def _elements(a: _Side, b: _Side, mapping: dict[str, str], paired: bool) -> list[Change]:
    """Every element change, sorted by where it stands in NEW (removed ones where they
    stood in OLD, after the nearest element both sides have). With `paired` sides an old
    id may name another element in NEW, so a removed one is shown as the old draft's."""
    keyed: list[tuple[tuple[int, int, int], Change]] = []
    kept = set(mapping.values())
    moved = _moved(a, b, mapping)
    anchor = -1
    for node in a.nodes:
        if node.id in mapping:
            if not any(mapping.get(n.id) in moved for n in (node, *node.ancestors())):
                anchor = b.index[mapping[node.id]]  # what moved away is no landmark
        elif node.parent is None or node.parent.id in mapping:
            keyed.append(((anchor, 1, a.index[node.id]), _removed(node, paired)))
    back = {n: o for o, n in mapping.items()}
    for node in b.nodes:
        key = (b.index[node.id], 0, 0)
        if node.id not in kept:
            if node.parent is None or node.parent.id in kept:
                keyed.append((key, _added(node, b)))
            continue
        old_id = back[node.id]
        found = _moves(a, b, old_id, node) if node.id in moved else []
        found += _own(a.node[old_id].element, node.element)
        keyed += [(key, _with_old_id(c, node.id, old_id)) for c in found]
    return [change for _, change in sorted(keyed, key=lambda kc: kc[0])]


def _with_old_id(change: Change, new_id: str, old_id: str) -> Change:
    renamed = old_id if old_id != new_id else ""
    return Change(change.loai, new_id, change.mo_ta, change.truong, change.cu, change.moi, renamed)


def _quoted(node: Node) -> str:
    text = say.wording(node.element)
    return f"{say.kind(node.element)} “{say.short(text)}”" if text else say.kind(node.element)


def _removed(node: Node, paired: bool) -> Change:
    where = node.parent.id if node.parent else node.path[0]
    message = f"bỏ {_quoted(node)} (trong {where}{' của bản cũ' if paired else ''})"
    return Change("bo", node.id, message, cu=say.wording(node.element))


def _added(node: Node, side: _Side) -> Change:
    inner = side.inner[node.id]
    where = f" (trong {side.place(node)}, {side.after(node)})"
    extra = f", gồm {inner} phần tử" if inner else ""
    return Change(
        "them", node.id, f"thêm {_quoted(node)}{where}{extra}", moi=say.wording(node.element)
    )


def _moved(a: _Side, b: _Side, mapping: dict[str, str]) -> set[str]:
    """New ids of the elements that changed parent, or that left the longest run of
    siblings keeping their order (so one moved task is one move, not many)."""
    back = {n: o for o, n in mapping.items()}
    out: set[str] = set()
    stayed: dict[str, list[str]] = {}
    for node in b.nodes:
        if node.id not in back:
            continue
        old_place = a.place(a.node[back[node.id]])
        if mapping.get(old_place, old_place) != b.place(node):
            out.add(node.id)
        else:
            stayed.setdefault(b.place(node), []).append(node.id)
    for ids in stayed.values():
        old_order = sorted(ids, key=lambda i: a.index[back[i]])
        kept = {i for tag, _, _, j1, j2 in sequence.opcodes(old_order, ids) if tag == "equal"
                for i in ids[j1:j2]}
        out.update(set(ids) - kept)
    return out


def _moves(a: _Side, b: _Side, old_id: str, node: Node) -> list[Change]:
    old = a.node[old_id]
    before = f"trong {a.place(old)}, {a.after(old)}"
    after = f"trong {b.place(node)}, {b.after(node)}"
    return [
        Change("chuyen", node.id, f"chuyển chỗ: từ ({before}) đến ({after})", "", before, after)
    ]


def _own(old: BaseModel, new: BaseModel) -> list[Change]:
    """The element's own differences: wording, an indicator's target, other fields."""
    out: list[Change] = []
    id_ = new.id  # type: ignore[attr-defined]  # compared elements come from walk: with an id
    before, after = say.wording(old), say.wording(new)
    if before != after and before is not None and after is not None:
        words = word_changes(before, after)
        out.append(
            Change("sua_chu", id_, f"sửa câu chữ: {describe_words(words)}", "", before, after)
        )
    if (isinstance(new, Indicator) and isinstance(old, Indicator)
            and any(getattr(old, k) != getattr(new, k) for k in say.VALUE_FIELDS)):
        shown = f"{say.target(old)} → {say.target(new)}"
        out.append(Change("gia_tri", id_, shown, "gia_tri", say.target(old), say.target(new)))
    skip = {"id", *say.VALUE_FIELDS, *say.TEXT_FIELDS.get(type(new).__name__, ("tieu_de",))}
    for name in type(new).model_fields:
        value_old, value_new = getattr(old, name, None), getattr(new, name)
        if name in skip or _is_child(value_new) or _is_child(value_old) or value_old == value_new:
            continue
        found = say.differences(value_old, value_new, name, type(new).__name__)
        out += [Change("truong", id_, line, name, _plain(a), _plain(b)) for line, a, b in found]
    return out


def _is_child(value: Any) -> bool:
    """Elements with an id under this one are compared on their own."""
    items = value if isinstance(value, list) else [value]
    return any(isinstance(v, BaseModel) and "id" in type(v).model_fields for v in items)


def _plain(value: Any) -> Any:
    return value.model_dump(mode="json") if isinstance(value, BaseModel) else value
