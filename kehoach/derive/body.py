"""The body of a unit's plan (sections I–III and the extra sections): the scope filter,
which leaves out what is not meant for the unit's level (`cap`), what the unit gives up
(`bo_nhiem_vu`) and, clause by clause, what the words say is the upper level's alone
(`derive/scope.py`); then the wording rewrite of what stays. All go over the one walk of
the upper plan and give replacements by element id for `walk.rebuild`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from pydantic import BaseModel

from kehoach.derive import scope
from kehoach.derive.changes import Record
from kehoach.derive.target import Target
from kehoach.derive.wording import BELOW_RULE, lower_first, upper_first
from kehoach.document.prose import indicator_text
from kehoach.plan.blocks import TableBlock
from kehoach.plan.indicators import (
    BASE_SLOT,
    VALUE_SLOT,
    Indicator,
    IndicatorGroup,
    IndicatorParagraph,
)
from kehoach.plan.model import Item, Objectives, Paragraph
from kehoach.plan.walk import Node, PathPart
from kehoach.rules.levels import reaches
from kehoach.rules.scope import fill

Part = tuple[PathPart, ...]
M = TypeVar("M", bound=BaseModel)

# The parts before section IV, in the order their changes are listed (the vision before
# the indicators, as drafting has always listed them), and the parts after it.
BEFORE_SECTION_IV: tuple[Part, ...] = (
    ("muc_dich_yeu_cau",),
    ("muc_tieu_chi_tieu", "doan"),
    ("muc_tieu_chi_tieu", "muc_tieu_tong_quat"),
    ("muc_tieu_chi_tieu", "tam_nhin"),
    ("muc_tieu_chi_tieu", "chi_tieu"),
    ("muc_tieu_chi_tieu", "muc"),
    ("nhiem_vu_giai_phap",),
)
AFTER_SECTION_IV: tuple[Part, ...] = (("to_chuc_thuc_hien", "doan"), ("phan_khac",))
# Where a plan's paragraphs state targets (not the general objective, not the vision).
_PROSE_OBJECTIVES = ("muc_tieu_tong_quat", "tam_nhin", "doan")
SCOPE_RULE = "pham-vi"
NO_INDICATORS = (
    "không chỉ tiêu nào của kế hoạch cấp trên áp dụng cho {dv}, nên kế hoạch này không có "
    "mục các chỉ tiêu"
)


class Body:
    """The body of one unit's plan, rewritten part by part; `replacements()` is what the
    upper plan's body becomes (an element, or None where it is left out)."""

    def __init__(self, nodes: Sequence[Node], target: Target, record: Record) -> None:
        self.nodes = nodes
        self.target = target
        self.record = record
        self.replaced: dict[str, BaseModel | None] = {}
        self.out: set[str] = set()  # left out, with everything under them
        self._by_id = {node.id: node for node in nodes}

    def rewrite(self, parts: Sequence[Part]) -> None:
        """Filter and reword every element of `parts`, in document order within each."""
        for part in parts:
            for node in self.nodes:
                if node.path[: len(part)] == part:
                    self._visit(node)

    def replacements(self) -> dict[str, BaseModel | None]:
        """What changed, by id, once each sentence of indicators reads right again, a
        heading whose every paragraph and sub-item went is left out too, and an indicator
        block with no target left for the unit goes."""
        for node in self.nodes:
            element = node.element
            kept = node.id not in self.out
            if (
                isinstance(element, IndicatorParagraph)
                and kept
                and not self._rejoin(element.noi_dung)
            ):
                self.out.add(node.id)
                self.replaced[node.id] = None  # nothing of it is left for the unit
        for node in reversed(self.nodes):  # children before their parents
            element = node.element
            if node.id in self.out or not isinstance(node.path[-1], int):
                continue
            if isinstance(element, Item) and element.tieu_de is not None:
                children = [c.id for c in element.doan] + [c.id for c in element.muc]
                if children and all(c in self.out for c in children):
                    self.out.add(node.id)
                    self.replaced[node.id] = None
                    self.record.change(node.id, element.tieu_de, "", SCOPE_RULE)
        for node in self.nodes:
            element = node.element
            if isinstance(element, Objectives) and element.chi_tieu is not None:
                block = element.chi_tieu
                if all(p.id in self.out for p in block.doan):
                    current = self.replaced.get(node.id) or element
                    self.replaced[node.id] = current.model_copy(update={"chi_tieu": None})
                    self.record.change(block.id, block.tieu_de or "", "", SCOPE_RULE)
                    self.record.flag(node.id, NO_INDICATORS.format(**self.target.fields))
        return self.replaced

    def _visit(self, node: Node) -> None:
        if node.parent is not None and node.parent.id in self.out:
            self.out.add(node.id)
        elif self._left_out(node):
            self.out.add(node.id)
            self.replaced[node.id] = None
        else:
            new = self._reworded(node)
            if new is None:
                self.out.add(node.id)
                self.replaced[node.id] = None
            elif new is not node.element:
                self.replaced[node.id] = new

    def _left_out(self, node: Node) -> bool:
        """A listed element the unit gives up, or one whose `cap` leaves out its level."""
        element = node.element
        if not isinstance(node.path[-1], int):
            return False  # a single element (the general objective …) is always kept
        if node.id in self.target.unit.bo_nhiem_vu:
            self.record.change(node.id, element_text(element), "", "don-vi:bo_nhiem_vu")
            return True
        levels: list[str] | None = getattr(element, "cap", None)
        if levels is not None and not reaches(levels, self.target.level_id, self.target.unit.loai):
            self.record.change(node.id, element_text(element), "", f"cap:{'/'.join(levels)}")
            return True
        return False

    def _reworded(self, node: Node) -> BaseModel | None:
        """The element for the unit, or None where nothing of it is the unit's. A single
        element (the general objective) and one whose `cap` names the unit's level are
        the plan's own word for the unit: only reworded."""
        element = node.element
        judged = isinstance(node.path[-1], int) and getattr(element, "cap", None) is None
        targets = node.path[0] == "muc_tieu_chi_tieu" and node.path[1] not in _PROSE_OBJECTIVES
        if isinstance(element, Item) and element.noi_dung is None:  # a heading
            verdict = self.target.scope.title(element.title) if judged else None
            if verdict is not None:
                self._drop(node, verdict, element.title)
                return None
            return _with(element, tieu_de=self._text(element.id, element.title, heading=True))
        if isinstance(element, Item | Paragraph):  # a paragraph, an inline item
            text: str | None = element.noi_dung
            if judged and text is not None:
                text = self._scoped(node, text, targets)
                if text is None:
                    return None
            return _with(element, noi_dung=self._text(element.id, text or ""))
        if isinstance(element, Indicator):
            return self._indicator(node, element, judged)
        if isinstance(element, TableBlock) and judged:
            self.record.flag(node.id, self.target.scope.table_note())
        return element

    def _scoped(self, node: Node, text: str, targets: bool) -> str | None:
        """`text` without the clauses that are the upper level's alone (None when nothing
        is left), with those that are the unit's part in an upper task reworded."""
        reader, unit = self.target.scope, self.target.unit
        kept: list[tuple[str, str]] = []
        dropped: list[tuple[scope.Verdict, str]] = []
        last_dropped = changed = False
        subject: scope.Verdict | None = None  # an upper body, subject of the clauses after
        for sep, clause in reader.clauses(text):
            first = not sep or sep.startswith(".")
            if last_dropped and sep.startswith(";") and reader.depends(clause):
                dropped.append((dropped[-1][0], clause))  # "…; ưu tiên …" goes with its head
                continue
            if subject is not None and sep.startswith(";") and reader.shares_subject(clause):
                if subject.kind == scope.UPPER:  # "Sở Y tế …; thực hiện …": the Sở's act
                    dropped.append((subject, clause))
                elif kept:  # "Phối hợp với Sở … kiểm tra …, định kỳ công khai …"
                    kept[-1] = (kept[-1][0], f"{kept[-1][1].rstrip('.;: ')}, {clause}")
                    changed = True
                continue
            states = targets and _states_target(clause)
            verdict = reader.judge(clause, unit, targets=states, first=first)
            subject = verdict if verdict.subject else None
            last_dropped = verdict.kind == scope.UPPER
            if last_dropped:
                dropped.append((verdict, clause))
                continue
            for words, why in verdict.flags:
                self.record.flag(node.id, why, words)
            self._given_above(node, verdict.text)
            if verdict.target:
                self.record.kept_value(node.id, verdict.text)
            kept.append((sep, verdict.text))
            changed = changed or verdict.text != clause
        for verdict, clause in dropped:
            self.record.left_out(verdict.loai, verdict.why, node.id, clause, verdict.action)
        kept = [(sep, clause) for sep, clause in kept if clause.strip(" .;:,")]
        if not kept:
            self.record.change(node.id, text, "", SCOPE_RULE)
            return None
        if not dropped and not changed:
            return text  # the text as the upper plan has it
        new = scope.joined(kept, text)
        if new != text:
            self.record.change(node.id, text, new, SCOPE_RULE)
        return new

    def _given_above(self, node: Node, clause: str) -> None:
        """A note on a kept clause stating a task the upper plan's phụ lục gives to its own
        bodies alone (`Tuyển dụng giáo viên` | Sở Nội vụ): the upper level's, said nowhere
        in the clause itself."""
        task = next((t for t in self.target.upper_tasks if t.said_in(clause)), None)
        if task is None:
            return
        rule = self.target.scope.scope.bang_phan_cong.cua_tren
        words = {"tren": self.target.upper.tu_dia_ban, "dv": str(self.target.fields["dv"]),
                 "name": task.appendix, "viec": task.task, "ai": task.body}
        self.record.flag(node.id, fill(rule, words), " ".join(clause.split()[:6]))

    def _drop(self, node: Node, verdict: scope.Verdict, text: str) -> None:
        self.record.left_out(verdict.loai, verdict.why, node.id, text)
        self.record.change(node.id, text, "", SCOPE_RULE)

    def has(self, element: str) -> bool:
        """Whether `element` is one of the upper plan's elements the body went over."""
        return element in self._by_id

    def kept(self, element: str) -> str:
        """`element`, or the nearest element above it the unit keeps and that shows words
        of its own (a sentence of indicators shows none: its part's title does): where a
        note on what was left out of it goes (once the walk is done)."""
        nodes = self._by_id.get(element)
        for node in [nodes, *(nodes.ancestors() if nodes else [])]:
            if node is not None and node.id not in self.out and _shows_words(node.element):
                return node.id
        return element

    def _indicator(self, node: Node, indicator: Indicator, judged: bool) -> Indicator | None:
        """Reworded, with the unit's own value where the registry gives one. Otherwise
        (unless `cap` settles it) left out when it is an upper-level aggregate (a measure
        said to be the upper area's among them) or a count the upper level totals; the
        unit's share when it counts the units (`100% xã, phường … có`); kept with the
        upper value as the unit's own target (a rate; the upper area's rate is the unit
        area's: `trong tỉnh` → `trong xã`)."""
        own = self.target.unit.chi_tieu.get(indicator.id)
        if own is not None:
            self.record.change(indicator.id, str(indicator.gia_tri), str(own), "don-vi:chi_tieu")
            reworded = _with(indicator, cau=self._text(indicator.id, indicator.cau))
            return reworded.model_copy(update={"gia_tri": own})
        value = indicator.gia_tri
        words = {"cau": indicator.cau, "nhan": indicator.nhan}
        if judged:
            reader = self.target.scope
            probe = indicator.cau.replace(VALUE_SLOT, "100" if value == 100 else "…")
            shared = reader.shared(probe) if value in (None, 100) else None
            if shared is not None:
                return self._share(node, indicator, shared)
            counted = indicator.tong_hop is not None and indicator.tong_hop.cach == "cong"
            area = reader.area_scoped(indicator.cau)
            verdict = None
            if reader.aggregated(indicator.cau) or (area and indicator.don_vi != "%"):
                verdict = reader.aggregate_verdict()
            elif value is None:  # a target in words (`xây dựng ít nhất 04 khu …`): as prose
                judged_words = reader.judge(indicator.cau, self.target.unit, targets=True)
                verdict = judged_words if judged_words.kind == scope.UPPER else None
            elif value is not None and (
                counted or reader.is_count(indicator.don_vi, indicator.nhan)
            ):
                verdict = reader.count_verdict()
            if verdict is not None:
                sentence = indicator_text(indicator)
                self.record.left_out(verdict.loai, verdict.why, node.id, sentence, verdict.action)
                self.record.change(indicator.id, sentence, "", SCOPE_RULE)
                return None
            if area:  # the upper area's rate, kept as the unit's floor: in its own area
                words = {k: reader.to_unit_area(v) for k, v in words.items()}
                self.record.change(indicator.id, indicator.cau, words["cau"], SCOPE_RULE)
            words["cau"] = self._besides(node, words["cau"])
        nhan = self.target.wording.apply(words["nhan"])[0]
        reworded = _with(indicator, cau=self._text(indicator.id, words["cau"]), nhan=nhan)
        if value is not None and indicator.moc_cua is None:  # its milestones: one name
            self.record.kept_value(indicator.id, reworded.nhan)
        return reworded

    def _besides(self, node: Node, cau: str) -> str:
        """An indicator's sentence without the clauses besides its value's that are the
        upper level's (`Tỷ lệ … đạt {gt}%; mỗi cơ quan giúp việc Thành ủy có ít nhất 02 cán
        bộ …`: a count of the province's bodies held in one indicator by import)."""
        reader = self.target.scope
        clauses = reader.clauses(cau)
        if len(clauses) < 2:
            return cau
        kept = []
        for sep, clause in clauses:
            if VALUE_SLOT in clause or BASE_SLOT in clause:
                kept.append((sep, clause))
                continue
            verdict = reader.judge(clause, self.target.unit, targets=True, first=not sep)
            if verdict.kind == scope.UPPER:
                self.record.left_out(verdict.loai, verdict.why, node.id, clause, verdict.action)
            else:
                kept.append((sep, clause))
        new = scope.joined(kept, cau)
        if new != cau:
            self.record.change(node.id, cau, new, SCOPE_RULE)
        return new

    def _share(self, node: Node, indicator: Indicator, shared: str) -> Indicator:
        """The indicator as the unit's share, a qualitative target: `Xã có …`, in lower
        case inside a sentence of indicators (`…; trạm y tế xã có …`)."""
        around = node.parent.element if node.parent is not None else None
        inside = node.path[-1] != 0 and not getattr(around, "dau", None)
        text = self._text(indicator.id, lower_first(shared) if inside else shared)
        self.record.change(indicator.id, indicator.cau, text, SCOPE_RULE)
        cleared = dict.fromkeys(("gia_tri", "don_vi", "so_sanh", "huong", "mau_so", "tong_hop"))
        name = upper_first(text.rstrip(".;: "))
        return indicator.model_copy(update={**cleared, "cau": text, "nhan": name})

    def _text(self, element: str, text: str, heading: bool = False) -> str:
        """`text` in the unit's words, with the notes on what wording cannot settle (not,
        on a `heading`, those on acts: a heading names a topic, its items say the acts)."""
        wording = self.target.wording
        after, rules, reasons = wording.apply(text)
        if after != text:
            self.record.change(element, text, after, ",".join(rules))
        specific = bool(self.record.notes.get(element))  # the scope said what to do here
        for words, reason in reasons:
            if heading and wording.is_act_note(reason):
                continue
            if not (specific and wording.is_area_note(reason)):
                self.record.flag(element, reason, words)
        if BELOW_RULE in rules:  # the upper level's deadline, now given to the chi bộ
            for words, reason in self.target.scope.deadlines_below(after):
                self.record.flag(element, reason, words)
        return after

    def _rejoin(self, phrases: Sequence[Indicator | IndicatorGroup]) -> bool:
        """Phrases left out of a sentence of indicators: the kept phrase before them keeps
        its own joiner (`noi`) when a kept phrase follows, and takes the joiner of the
        last one left out when none does, so the sentence still reads right; a group with
        nothing kept is left out. True if any phrase is kept."""
        last: Indicator | IndicatorGroup | None = None
        trailing: str | None = None
        dropped_after = False
        for phrase in phrases:
            if isinstance(phrase, IndicatorGroup) and not self._rejoin(phrase.chi_tieu):
                self.out.add(phrase.id)
                self.replaced[phrase.id] = None
            if phrase.id not in self.out:
                last, dropped_after = phrase, False
            elif last is not None:
                trailing, dropped_after = phrase.noi, True
        if last is not None and dropped_after:
            current = self.replaced.get(last.id) or last
            self.replaced[last.id] = current.model_copy(update={"noi": trailing})
        return last is not None


def _with(element: M, **texts: str) -> M:
    """`element` with new texts, or itself when none changed (so rebuilding shares it)."""
    if all(getattr(element, key) == text for key, text in texts.items()):
        return element
    return element.model_copy(update=texts)


def _states_target(clause: str) -> bool:
    """Whether a clause of the objectives states a target: it holds a number."""
    return any(c.isdigit() for c in clause) or VALUE_SLOT in clause


def _shows_words(element: BaseModel) -> bool:
    """Whether an element prints words of its own (a title, a text, a wording), where a
    Word comment can be anchored."""
    return any(isinstance(getattr(element, k, None), str) for k in ("tieu_de", "noi_dung", "cau"))


def element_text(element: BaseModel) -> str:
    """The text that stands for an element: in `--explain` when left out, in a note."""
    for key in ("tieu_de", "noi_dung", "cau", "nhan"):
        value = getattr(element, key, None)
        if isinstance(value, str):
            return value
    return str(element.id)  # type: ignore[attr-defined]  # a left-out element has an id
