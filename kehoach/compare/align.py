"""Which element of OLD is which element of NEW.

Ids pair elements only where they can be trusted: both sides are plans (not documents
imported for the comparison), and within each list of siblings no pair by id is
contradicted by the texts (an id whose old text now stands under another id: ids
swapped, or the positional ids of two imported drafts shifted by an inserted paragraph).
Where ids are trusted, elements whose ids the other side lacks pair only by equal texts
(a deleted element and a new one are not one edited element). Everywhere else elements
pair by content, list by list from the top of the plan down: a sequence alignment of the
siblings' texts (equal texts in order, then, in each stretch between them, the alike ones
in order); then, across the whole plan, equal texts left over (an element moved
elsewhere) and, while few enough to compare, the most alike of the rest. Texts compare
as bags of words (`words.share`), and an element is compared with its few neighbours,
not with every other, so the cost stays near linear in the size of the plans."""

from __future__ import annotations

from collections import Counter, defaultdict, deque
from dataclasses import dataclass

from kehoach.compare import describe as say
from kehoach.compare import sequence, words
from kehoach.plan.walk import Node

THRESHOLD = 0.6
"""How alike two texts must be (share of their words) to be one edited element."""
WINDOW = 8
"""How far ahead, in a long stretch of unpaired siblings, an alike one is looked for."""
BUDGET = 20_000
"""Pairs of texts compared at most for one stretch or for the elements left over."""
ROOT = "~"
"""The plan itself, as the parent of its parts (never an id: ids have no '~')."""

Slot = tuple[str, str]  # (parent id or ROOT, the parent's field that holds the element)


@dataclass(frozen=True)
class Pair:
    """An old element matched to a new one, and how alike their own texts are (0–1)."""

    old: str
    new: str
    alike: float


class _Item:
    """One element as the alignment sees it: kind, own text, where it stands."""

    __slots__ = ("_bag", "id", "key", "kind", "slot", "text")

    def __init__(self, node: Node) -> None:
        self.id, self.kind = node.id, node.kind
        self.text = say.wording(node.element) or ""
        self.key = (self.kind, self.text)
        parent = node.parent
        field = node.path[len(parent.path)] if parent else node.path[0]
        self.slot: Slot = (parent.id if parent else ROOT, str(field))
        self._bag: Counter[str] | None = None

    @property
    def bag(self) -> Counter[str]:
        if self._bag is None:
            self._bag = words.bag(self.text)
        return self._bag


def alike(a: _Item, b: _Item) -> float:
    """How alike two elements' texts are (`words.share`); 0 across kinds."""
    if a.kind != b.kind:
        return 0.0
    return 1.0 if a.text == b.text else words.share(a.bag, b.bag)


class _Side:
    def __init__(self, nodes: list[Node]) -> None:
        self.items = [_Item(node) for node in nodes]
        self.by_id = {item.id: item for item in self.items}
        self.order = {item.id: i for i, item in enumerate(self.items)}
        self.lists: dict[Slot, list[_Item]] = defaultdict(list)
        for item in self.items:
            self.lists[item.slot].append(item)
        self.fields: dict[str, list[str]] = defaultdict(list)
        for parent, field in self.lists:
            self.fields[parent].append(field)


def align(old: list[Node], new: list[Node], trust_ids: bool) -> list[Pair]:
    """Every pair of OLD and NEW elements that are the same element, in NEW's order."""
    return _Aligner(_Side(old), _Side(new), trust_ids).run()


class _Aligner:
    def __init__(self, a: _Side, b: _Side, trust_ids: bool) -> None:
        self.a, self.b = a, b
        self.trusted = trust_ids
        self.by_id: dict[str, str] = {}
        if trust_ids:
            self.by_id = {i: i for i, item in a.by_id.items()
                          if i in b.by_id and b.by_id[i].kind == item.kind}
        self.pairs: dict[str, Pair] = {}  # old id → pair
        self.taken: set[str] = set()  # new ids paired
        self.queue: deque[tuple[str, str]] = deque([(ROOT, ROOT)])

    def run(self) -> list[Pair]:
        while True:
            while self.queue:
                self._lists(*self.queue.popleft())
            before = len(self.pairs)
            self._left_over()
            if len(self.pairs) == before:
                break
        return sorted(self.pairs.values(), key=lambda p: self.b.order[p.new])

    def _pair(self, old: _Item, new: _Item, score: float | None = None) -> None:
        self.pairs[old.id] = Pair(old.id, new.id, alike(old, new) if score is None else score)
        self.taken.add(new.id)
        self.queue.append((old.id, new.id))

    def _free(self, items: list[_Item], side: str) -> list[_Item]:
        if side == "a":
            return [i for i in items if i.id not in self.pairs]
        return [i for i in items if i.id not in self.taken]

    def _lists(self, old_parent: str, new_parent: str) -> None:
        """Pair the children of two paired elements, field by field."""
        fields = dict.fromkeys([*self.a.fields[old_parent], *self.b.fields[new_parent]])
        for field in fields:
            olds = self._free(self.a.lists.get((old_parent, field), []), "a")
            news = self._free(self.b.lists.get((new_parent, field), []), "b")
            loose = not self.trusted
            if self.trusted:
                olds, news, loose = self._by_id(olds, news)
            # under two elements paired by their texts, the ids say as little as theirs
            self._sequence(olds, news, loose or old_parent != new_parent)

    def _by_id(
        self, olds: list[_Item], news: list[_Item]
    ) -> tuple[list[_Item], list[_Item], bool]:
        """Pair by id where the list's ids are not contradicted by its texts; an id whose
        partner stands in another list pairs (a move) only if the texts are alike. What is
        left, and whether it may pair by alike texts (only where the ids said nothing)."""
        here = {item.id for item in news}
        inside = [(o, self.b.by_id[o.id]) for o in olds if self.by_id.get(o.id) in here]
        lists = _List(olds), _List(news)
        if any(_contradicted(o, n, *lists) for o, n in inside if o.text != n.text):
            for o, _ in inside:
                del self.by_id[o.id]  # these ids say nothing here: the texts decide
            return olds, news, True
        for o, n in inside:
            self._pair(o, n)
        mine = {item.id for item in olds}
        elsewhere = [(o, self.b.by_id[o.id]) for o in olds
                     if o.id in self.by_id and o.id not in here]  # moved away from here
        elsewhere += [(self.a.by_id[n.id], n) for n in news
                      if n.id in self.by_id and n.id not in mine]  # moved in from elsewhere
        for o, n in elsewhere:
            if o.id not in self.pairs and n.id not in self.taken and alike(o, n) >= THRESHOLD:
                self._pair(o, n)
        return self._free(olds, "a"), self._free(news, "b"), False

    def _sequence(self, olds: list[_Item], news: list[_Item], loose: bool) -> None:
        """Equal texts in order, then (`loose`) the alike ones in each stretch between."""
        if not olds or not news:
            return
        for tag, i1, i2, j1, j2 in sequence.opcodes([o.key for o in olds], [n.key for n in news]):
            if tag == "equal":
                for o, n in zip(olds[i1:i2], news[j1:j2], strict=True):
                    self._pair(o, n, 1.0)
            elif tag == "replace" and loose:
                self._stretch(olds[i1:i2], news[j1:j2])

    def _stretch(self, olds: list[_Item], news: list[_Item]) -> None:
        """In order: each old element with the first alike new one after the last pair
        (looked for among all of them in a short stretch, among the next WINDOW in a
        long one)."""
        reach = len(news) if len(olds) * len(news) <= BUDGET else WINDOW
        j = 0
        for o in olds:
            for k in range(j, min(j + reach, len(news))):
                score = alike(o, news[k])
                if score >= THRESHOLD:
                    self._pair(o, news[k], score)
                    j = k + 1
                    break

    def _left_over(self) -> None:
        """Across the plan: equal texts left over pair (moves), then, where ids are not
        trusted, the most alike of the rest, kind by kind, while few enough to compare."""
        olds = [o for o in self.a.items if o.id not in self.pairs]
        news = [n for n in self.b.items if n.id not in self.taken]
        waiting: dict[tuple[str, str], deque[_Item]] = defaultdict(deque)
        for n in news:
            waiting[n.key].append(n)
        rest = []
        for o in olds:
            if waiting[o.key]:
                self._pair(o, waiting[o.key].popleft(), 1.0)
            else:
                rest.append(o)
        news = [n for n in news if n.id not in self.taken]
        for kind in {o.kind for o in rest} if not self.trusted else ():
            mine = [o for o in rest if o.kind == kind]
            theirs = [n for n in news if n.kind == kind]
            if len(mine) * len(theirs) <= BUDGET:
                self._best_first(mine, theirs)

    def _best_first(self, olds: list[_Item], news: list[_Item]) -> None:
        scored = []
        for o in olds:
            for n in news:
                score = alike(o, n)
                if score >= THRESHOLD:
                    distance = abs(self.a.order[o.id] / len(self.a.items)
                                   - self.b.order[n.id] / len(self.b.items))
                    scored.append((-score, distance, o.id, n.id))
        for score, _, old, new in sorted(scored):
            if old not in self.pairs and new not in self.taken:
                self._pair(self.a.by_id[old], self.b.by_id[new], -score)


class _List:
    """A list of siblings, indexed for `_contradicted`."""

    def __init__(self, items: list[_Item]) -> None:
        self.items = items
        self.keys = {item.key for item in items}
        self.at = {item.id: i for i, item in enumerate(items)}

    def near(self, item: _Item, reach: int = 2) -> list[_Item]:
        at = self.at[item.id]
        return [x for x in self.items[max(0, at - reach) : at + reach + 1] if x is not item]


def _contradicted(o: _Item, n: _Item, olds: _List, news: _List) -> bool:
    """Whether the texts deny that `o` and `n`, of one id but of different texts, are one
    element: the old text stands under another id of the list, or the new text did, or
    the two are unlike while one of them is like a neighbour of the other."""
    if o.key in news.keys or n.key in olds.keys:
        return True
    if alike(o, n) >= THRESHOLD:
        return False
    return any(alike(o, x) >= THRESHOLD for x in news.near(n)) or any(
        alike(x, n) >= THRESHOLD for x in olds.near(o)
    )
