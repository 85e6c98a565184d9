"""The body of a unit's plan (sections I–III and the extra sections): the scope filter,
which leaves out what is not meant for the unit's level (`cap`) or what the unit gives up
(`bo_nhiem_vu`), and the wording rewrite of what stays. Both go over the one walk of the
upper plan and give replacements by element id for `walk.rebuild`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from pydantic import BaseModel

from kehoach.derive.changes import Record
from kehoach.derive.target import Target
from kehoach.plan.indicators import Indicator, IndicatorGroup, IndicatorParagraph
from kehoach.plan.model import Item, Paragraph
from kehoach.plan.walk import Node, PathPart
from kehoach.rules.levels import reaches

Part = tuple[PathPart, ...]
M = TypeVar("M", bound=BaseModel)

# The parts before section IV, in the order their changes are listed (the vision before
# the indicators, as drafting has always listed them), and the parts after it.
BEFORE_SECTION_IV: tuple[Part, ...] = (
    ("muc_dich_yeu_cau",),
    ("muc_tieu_chi_tieu", "muc_tieu_tong_quat"),
    ("muc_tieu_chi_tieu", "tam_nhin"),
    ("muc_tieu_chi_tieu", "chi_tieu"),
    ("nhiem_vu_giai_phap",),
)
AFTER_SECTION_IV: tuple[Part, ...] = (("phan_khac",),)


class Body:
    """The body of one unit's plan, rewritten part by part; `replacements()` is what the
    upper plan's body becomes (an element, or None where it is left out)."""

    def __init__(self, nodes: Sequence[Node], target: Target, record: Record) -> None:
        self.nodes = nodes
        self.target = target
        self.record = record
        self.replaced: dict[str, BaseModel | None] = {}
        self.out: set[str] = set()  # left out, with everything under them

    def rewrite(self, parts: Sequence[Part]) -> None:
        """Filter and reword every element of `parts`, in document order within each."""
        for part in parts:
            for node in self.nodes:
                if node.path[: len(part)] == part:
                    self._visit(node)

    def replacements(self) -> dict[str, BaseModel | None]:
        """What changed, by id, once each sentence of indicators reads right again."""
        for node in self.nodes:
            element = node.element
            kept = node.id not in self.out
            if (
                isinstance(element, IndicatorParagraph)
                and kept
                and not self._rejoin(element.noi_dung)
            ):
                self.replaced[node.id] = None  # nothing of it is left for the unit
        return self.replaced

    def _visit(self, node: Node) -> None:
        if node.parent is not None and node.parent.id in self.out:
            self.out.add(node.id)
        elif self._left_out(node):
            self.out.add(node.id)
            self.replaced[node.id] = None
        else:
            new = self._reworded(node.element)
            if new is not node.element:
                self.replaced[node.id] = new

    def _left_out(self, node: Node) -> bool:
        """A listed element the unit gives up, or one whose `cap` leaves out its level."""
        element = node.element
        if not isinstance(node.path[-1], int):
            return False  # a single element (the general objective …) is always kept
        if node.id in self.target.unit.bo_nhiem_vu:
            self.record.change(node.id, _summary(element), "", "don-vi:bo_nhiem_vu")
            return True
        levels: list[str] | None = getattr(element, "cap", None)
        if levels is not None and not reaches(levels, self.target.level_id, self.target.unit.loai):
            self.record.change(node.id, _summary(element), "", f"cap:{'/'.join(levels)}")
            return True
        return False

    def _reworded(self, element: BaseModel) -> BaseModel:
        if isinstance(element, Item) and element.noi_dung is not None:  # an inline item
            return _with(element, noi_dung=self._text(element.id, element.noi_dung))
        if isinstance(element, Item):
            return _with(element, tieu_de=self._text(element.id, element.title))
        if isinstance(element, Paragraph):
            return _with(element, noi_dung=self._text(element.id, element.noi_dung))
        if isinstance(element, Indicator):
            return self._indicator(element)
        return element

    def _indicator(self, indicator: Indicator) -> Indicator:
        """Reworded; with the unit's own value where the registry gives one."""
        reworded = _with(indicator, cau=self._text(indicator.id, indicator.cau))
        own = self.target.unit.chi_tieu.get(indicator.id)
        if own is not None:
            self.record.change(indicator.id, str(indicator.gia_tri), str(own), "don-vi:chi_tieu")
            return reworded.model_copy(update={"gia_tri": own})
        if indicator.gia_tri is not None:
            self.record.kept_value(indicator.nhan)  # named as the report form names it
        return reworded

    def _text(self, element: str, text: str) -> str:
        after, rules, reasons = self.target.wording.apply(text)
        if after != text:
            self.record.change(element, text, after, ",".join(rules))
        for words, reason in reasons:
            self.record.flag(element, reason, words)
        return after

    def _rejoin(self, phrases: Sequence[Indicator | IndicatorGroup]) -> bool:
        """A left-out phrase hands its joiner (`noi`) to the kept phrase before it, so the
        sentence still reads right; a group with nothing kept is left out. True if any
        phrase is kept."""
        last: Indicator | IndicatorGroup | None = None
        for phrase in phrases:
            if isinstance(phrase, IndicatorGroup) and not self._rejoin(phrase.chi_tieu):
                self.out.add(phrase.id)
                self.replaced[phrase.id] = None
            if phrase.id not in self.out:
                last = phrase
            elif last is not None:
                current = self.replaced.get(last.id) or last
                self.replaced[last.id] = current.model_copy(update={"noi": phrase.noi})
        return last is not None


def _with(element: M, **texts: str) -> M:
    """`element` with new texts, or itself when none changed (so rebuilding shares it)."""
    if all(getattr(element, key) == text for key, text in texts.items()):
        return element
    return element.model_copy(update=texts)


def _summary(element: BaseModel) -> str:
    """The text that stands for a left-out element in `--explain`."""
    for key in ("tieu_de", "noi_dung", "cau", "nhan"):
        value = getattr(element, key, None)
        if isinstance(value, str):
            return value
    return str(element.id)  # type: ignore[attr-defined]  # a left-out element has an id
