"""Two plans → the list of what changed, element by element, in document order.

Elements are matched by id through the one walk; labels (I., 1.) are computed from
order, so they are never compared. When a side was imported its ids come from its
words, so the elements left unmatched are paired by kind and text similarity."""

from __future__ import annotations

import difflib
from dataclasses import asdict, dataclass, field
from typing import Any

from pydantic import BaseModel

from kehoach.compare import describe as say
from kehoach.compare.words import describe as describe_words
from kehoach.compare.words import word_changes
from kehoach.plan.indicators import Indicator
from kehoach.plan.model import Plan
from kehoach.plan.walk import Node, walk

PAIRING_THRESHOLD = 0.6
"""How alike two texts must be (difflib ratio) for an imported element to be paired."""


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
    """One plan's walk, indexed."""

    def __init__(self, plan: Plan) -> None:
        self.nodes = list(walk(plan))
        self.index = {node.id: i for i, node in enumerate(self.nodes)}
        self.node = {node.id: node for node in self.nodes}

    def place(self, node: Node) -> str:
        return node.parent.id if node.parent else str(node.path[0])  # a part: its key

    def siblings(self, node: Node) -> list[str]:
        where = self.place(node)
        return [n.id for n in self.nodes if self.place(n) == where and n.depth == node.depth]


def compare(old: Plan, new: Plan, pair_by_text: bool = False) -> Comparison:
    """What changed from `old` to `new`; `pair_by_text` for imported sides."""
    a, b = _Side(old), _Side(new)
    result = Comparison()
    if pair_by_text:  # an imported plan's ids are positions: a shifted one means nothing
        pairings = _pair(a, b)
        mapping = {p.cu: p.moi for p in pairings}
        result.pairings = [p for p in pairings if p.cu != p.moi]
    else:
        mapping = {i: i for i in a.node if i in b.node}
    result.mapping = mapping
    result.changes = _header(old, new, include_id=not pair_by_text)
    result.changes += _elements(a, b, mapping, pair_by_text)
    return result


def _pair(a: _Side, b: _Side) -> list[Pairing]:
    """Same kind and same wording pair first, in document order; then, greedily, the most
    alike of the rest (the nearer in the document on ties), if at least
    `PAIRING_THRESHOLD` alike."""
    out: list[Pairing] = []
    exact: dict[tuple[str, str], list[str]] = {}
    for node in b.nodes:
        exact.setdefault((node.kind, say.wording(node.element) or ""), []).append(node.id)
    rest = []
    for node in a.nodes:
        same = exact.get((node.kind, say.wording(node.element) or ""))
        if same:
            out.append(Pairing(node.id, same.pop(0), 1.0))
        else:
            rest.append(node)
    taken = {p.moi for p in out}
    out += _alike(a, b, rest, [n for n in b.nodes if n.id not in taken])
    return sorted(out, key=lambda p: b.index[p.moi])


def _alike(a: _Side, b: _Side, olds: list[Node], news: list[Node]) -> list[Pairing]:
    scored = []
    for n_old in olds:
        for n_new in news:
            if n_old.kind != n_new.kind:
                continue
            old_text, new_text = say.wording(n_old.element) or "", say.wording(n_new.element) or ""
            matcher = difflib.SequenceMatcher(None, old_text, new_text, False)
            if matcher.real_quick_ratio() < PAIRING_THRESHOLD:
                continue
            if matcher.quick_ratio() < PAIRING_THRESHOLD or matcher.ratio() < PAIRING_THRESHOLD:
                continue
            distance = abs(a.index[n_old.id] / len(a.nodes) - b.index[n_new.id] / len(b.nodes))
            scored.append((-matcher.ratio(), distance, n_old.id, n_new.id))
    out: list[Pairing] = []
    used: set[str] = set()
    for score, _, old_id, new_id in sorted(scored):
        if old_id not in used and new_id not in used:
            used.update((old_id, new_id))
            out.append(Pairing(old_id, new_id, round(-score, 2)))
    return out


def _header(old: Plan, new: Plan, include_id: bool) -> list[Change]:
    out: list[Change] = []
    tops = ("ho_so", "danh_sach_don_vi", "don_vi") + (("id",) if include_id else ())
    for model_old, model_new, name in (
        (old, new, "ke_hoach"),
        (old.van_ban, new.van_ban, "van_ban"),
        (old.chu_ky, new.chu_ky, "chu_ky"),
    ):
        keys = tops if name == "ke_hoach" else type(model_new).model_fields
        for key in keys:
            before, after = getattr(model_old, key), getattr(model_new, key)
            if before != after or type(before) is not type(after):  # du_thao: true → 1
                shown = f"{_header_value(key, before)} → {_header_value(key, after)}"
                label = say.field(key)
                out.append(Change("van_ban", name, f"{label}: {shown}", key, before, after))
    lines = difflib.SequenceMatcher(None, old.noi_nhan, new.noi_nhan, autojunk=False)
    for tag, i1, i2, j1, j2 in lines.get_opcodes():
        for line in old.noi_nhan[i1:i2] if tag != "equal" else []:
            out.append(Change("van_ban", "noi_nhan", f"bỏ nơi nhận “{line}”", "noi_nhan", line))
        for line in new.noi_nhan[j1:j2] if tag != "equal" else []:
            message = f"thêm nơi nhận “{line}”"
            out.append(Change("van_ban", "noi_nhan", message, "noi_nhan", None, line))
    return out


def _header_value(key: str, data: Any) -> str:
    if key == "ngay" and isinstance(data, int):
        return f"năm {data}"
    if key == "du_thao" and not isinstance(data, bool):
        return f"lần {data}"
    return say.value(data)


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


def _descendants(node: Node, side: _Side) -> int:
    return sum(1 for n in side.nodes if node in n.ancestors())


def _quoted(node: Node) -> str:
    text = say.wording(node.element)
    return f"{say.kind(node.element)} “{say.short(text)}”" if text else say.kind(node.element)


def _removed(node: Node, paired: bool) -> Change:
    where = node.parent.id if node.parent else node.path[0]
    message = f"bỏ {_quoted(node)} (trong {where}{' của bản cũ' if paired else ''})"
    return Change("bo", node.id, message, cu=say.wording(node.element))


def _added(node: Node, side: _Side) -> Change:
    inner = _descendants(node, side)
    where = f" (trong {side.place(node)}"
    siblings = side.siblings(node)
    position = siblings.index(node.id)
    where += f", sau {siblings[position - 1]})" if position else ", đứng đầu)"
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
        matcher = difflib.SequenceMatcher(None, old_order, ids, autojunk=False)
        kept = {i for m in matcher.get_matching_blocks() for i in ids[m.b : m.b + m.size]}
        out.update(set(ids) - kept)
    return out


def _moves(a: _Side, b: _Side, old_id: str, node: Node) -> list[Change]:
    def where(side: _Side, n: Node) -> str:
        siblings = side.siblings(n)
        position = siblings.index(n.id)
        after = f"sau {siblings[position - 1]}" if position else "đứng đầu"
        return f"trong {side.place(n)}, {after}"

    before, after = where(a, a.node[old_id]), where(b, node)
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
        label = say.field(name)
        shown = f"{label}: {say.value(value_old)} → {say.value(value_new)}"
        out.append(Change("truong", id_, shown, name, _plain(value_old), _plain(value_new)))
    return out


def _is_child(value: Any) -> bool:
    """Elements with an id under this one are compared on their own."""
    items = value if isinstance(value, list) else [value]
    return any(isinstance(v, BaseModel) and "id" in type(v).model_fields for v in items)


def _plain(value: Any) -> Any:
    return value.model_dump(mode="json") if isinstance(value, BaseModel) else value
