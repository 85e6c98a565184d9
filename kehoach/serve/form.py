"""The plan's raw YAML data → the editor's form: blocks, fields, the indicator table.

The form follows the data the file holds (so a new kind of element still shows), with
the model's optional header, signature and indicator fields offered even where the file
leaves them out, and choices taken from the data files (body codes, type codes, levels,
profiles), each shown by its name, never by its key. Element ids are the file's business:
the form never shows them; an element is named by its printed number and its heading."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from kehoach.errors import Problem
from kehoach.plan.indicators import NUMBERED
from kehoach.plan.labels import LABELS
from kehoach.source.yamlsource import Path_, format_path

if TYPE_CHECKING:
    from pydantic import BaseModel

    from kehoach.serve.conflict import Kept

TEXTAREA = {"noi_dung", "trich_yeu", "cau", "noi_nhan"}
CELLS = {"cot": "Cột", "o": "Ô"}
"""A table's headings and a row's cells: one field each, as written (a comma in a cell, an
empty cell are the table's own; a list edited as 'a, b' lost both)."""
KEEP_SPACES = {"truoc", "sau", "noi"}
"""Joiners whose spaces are part of the sentence."""
NUMBERS = {"gia_tri", "mau_so", "so", "nam"}
HIDDEN = {"id"}
"""Keys the form never shows: an element's id is how the file and the other documents
point at it, not something a clerk reads or types (nor a unit's id, `don_vi` at the top)."""
DATES = {"ngay"}
WIDE = {"tieu_de", "chu_the", "nhan", "co_quan", "cap_tren"}
"""Text fields that take the block's whole width (a heading cut off helps no one)."""
STATE_ONLY = ("quoc_hieu", "tieu_ngu", "thang")
"""Header fields offered only to a State plan, or where the file has them."""


@dataclass
class Field:
    path: Path_
    label: str
    value: str
    widget: str  # text, textarea, select, checks, date
    choices: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    beside: str = ""  # a refused save: the other version of this field's text
    mine: bool = False  # a refused save: the text in the field is the clerk's, not saved

    @property
    def name(self) -> str:
        return "v:" + json.dumps(list(self.path), ensure_ascii=False)

    @property
    def group(self) -> str:
        """The marker a checkbox list sends, so that none ticked still says "none"."""
        return "c:" + json.dumps(list(self.path), ensure_ascii=False)

    @property
    def dom_id(self) -> str:
        """`f-van_ban-so`: the keys are ASCII words, so the path makes a plain HTML id."""
        return "f-" + "-".join(str(p) for p in self.path)

    @property
    def ticked(self) -> list[str]:
        return [v.strip() for v in self.value.split(",") if v.strip()]


@dataclass
class Block:
    path: Path_
    label: str
    children: list[Any] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    marks: list[str] = field(default_factory=list)
    item: bool = False  # an element of a list: it can be moved, removed, copied
    kind: str = "block"  # block, list, table, row
    number: str = ""  # the printed label: I., 2., a)
    sentence: str = ""  # an indicator paragraph: the sentence as it will print

    @property
    def ref(self) -> str:
        return json.dumps(list(self.path), ensure_ascii=False)

    @property
    def anchor(self) -> str:
        return anchor(self.path)

    def field(self, key: str) -> Field | None:
        return next((c for c in self.children if isinstance(c, Field) and c.path[-1] == key),
                    None)


def anchor(path: Path_) -> str:
    """The HTML id of the block at `path`, to come back to it after an action."""
    return "b-" + "-".join(str(p) for p in path) if path else "b"


@cache
def choices() -> dict[str, list[tuple[str, str]]]:
    from kehoach.plan.fields import Comparison, Direction
    from kehoach.rules.assessment import load_assessment
    from kehoach.rules.data import body_codes, profile_names, type_codes
    from kehoach.rules.profile import load_profile

    ways = load_assessment().so_sanh
    signs = {code: f"{way['chu']} ({way['dau']})" for code, way in ways.items()}
    return {
        "ma_co_quan": [(k, f"{k} — {v}") for k, v in body_codes().items()],
        "loai": [(k, f"{k} — {v}") for k, v in type_codes().items()],
        "so_sanh": [(c.value, signs.get(c.value, c.value)) for c in Comparison],
        "huong": [(d.value, {"tang": "tăng là tốt", "giam": "giảm là tốt"}.get(d.value, d.value))
                  for d in Direction],
        "dau": [("-", "- (gạch đầu dòng)"), ("+", "+ (dấu cộng)")],
        "du_thao": [("true", "dự thảo"), *((str(n), f"dự thảo lần {n}") for n in range(1, 6)),
                    ("false", "đã ban hành")],
        "ho_so": [(p, load_profile(p).ten) for p in profile_names()],
        "cach": [("cong", "cộng"), ("binh_quan", "bình quân")],
        "nhan_con": [("a)", "a), b), c)"), ("1.1.", "1.1., 1.2."), ("-", "- (gạch đầu dòng)"),
                     ("+", "+ (dấu cộng)")],
        "cap": level_choices(),
        "the_thuc": [("dang", "văn bản của Đảng"),
                     ("nha_nuoc", "văn bản nhà nước (Ủy ban nhân dân, Mặt trận …)")],
    }


def level_choices(day: dt.date | None = None, issuer: str | None = None
                  ) -> list[tuple[str, str]]:
    """What `cap` may name, in words: the levels (`xa` is every unit of the commune
    level), then the kinds of commune unit an element may be meant for alone. Given the
    plan's day and its issuer's level, only the issuer's level and those under it in the
    chain of that day, and the kinds of unit of that day."""
    from kehoach.rules.levels import load_levels, unit_kinds

    data = load_levels()
    keys = list(data.cap)
    if day is not None:
        chain = next((p.cap for p in data.chuoi if p.valid_on(day) and (
            issuer is None or issuer in p.cap)), keys)
        keys = chain[chain.index(issuer):] if issuer in chain else chain
    named = {k: (data.cap[k].on(day) if day else data.cap[k]).ten for k in keys}
    found = [(key, f"cấp {name}") for key, name in named.items()]
    kinds = data.cap[keys[-1]].on(day).loai_don_vi if day else unit_kinds()
    found += [(key, f"chỉ {name}") for key, name in kinds.items() if key not in data.cap]
    return found


@cache
def optional_keys() -> dict[str, tuple[str, ...]]:
    """Model fields a block may leave out but the form offers, by kind of block."""
    from kehoach.plan.model import Header, Indicator, Signature

    def scalars(model: type[BaseModel]) -> tuple[str, ...]:
        blocks = {"tong_hop", "chi_tieu", "doan", "muc", "xem_lai"}  # lists, not fields
        return tuple(k for k in model.model_fields if k not in blocks)

    return {"header": scalars(Header), "signature": scalars(Signature),
            "indicator": scalars(Indicator), "paragraph": ("dau", "dan")}


def show(value: Any, key: str = "") -> str:
    """A value as the form shows it: a date as 15/09/2026, a list of lines one a line
    (the recipients), other lists as words separated by commas."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if key in DATES and isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return show(dt.date.fromisoformat(value))  # a date the file keeps quoted
    if isinstance(value, list):
        return ("\n" if key == "noi_nhan" else ", ").join(show(v) for v in value)
    return str(value)


def _kind(path: Path_, value: dict[str, Any]) -> str:
    if path == ("van_ban",):
        return "header"
    if path == ("chu_ky",):
        return "signature"
    if "cau" in value:
        return "indicator"
    if isinstance(value.get("noi_dung"), str) and "chu_the" not in value:
        return "paragraph"
    return ""


def title(value: Any) -> str:
    """What a block is called in the form: its heading or the start of its text."""
    if not isinstance(value, dict):
        return ""
    for key in ("tieu_de", "chu_the", "dan", "nhan", "noi_dung", "cau", "truoc", "cum"):
        text = value.get(key)
        if isinstance(text, str) and text.strip():
            return text if len(text) <= 90 else text[:88] + "…"
    return "(chưa có nội dung)"


@dataclass(frozen=True)
class Context:
    """What the page knows beyond the file's data: the problems, the review marks, the
    printed numbers and sentences (when the plan loads), a refused save's kept text."""

    problems: list[Problem] = field(default_factory=list)
    marks: dict[Path_, list[str]] = field(default_factory=dict)
    numbers: dict[str, str] = field(default_factory=dict)
    sentences: dict[Path_, str] = field(default_factory=dict)
    kept: dict[Path_, Kept] = field(default_factory=dict)
    levels: list[tuple[str, str]] = field(default_factory=list)  # `cap` of this plan


class Builder:
    """Builds the form once per page from the data and its context."""

    def __init__(self, context: Context) -> None:
        self.errors: dict[str, list[str]] = {}
        for problem in context.problems:
            self.errors.setdefault(problem.field, []).append(where(problem))
        self.context = context
        self.marks = context.marks
        self.shown: set[str] = set()

    def claim(self, path: Path_) -> list[str]:
        key = format_path(path)
        self.shown.add(key)
        return self.errors.get(key, [])

    def unclaimed(self) -> list[str]:
        return [m for key, ms in self.errors.items() if key not in self.shown
                for m in ([f"{spoken(key)}: {x}" for x in ms] if key else ms)]

    def node(self, value: Any, path: Path_, item: bool = False) -> Any:
        key = next((p for p in reversed(path) if isinstance(p, str)), "")
        if isinstance(value, dict):
            return self.block(value, path, item)
        if isinstance(value, list) and key in CELLS and all(isinstance(v, str) for v in value):
            cells = [self.field(v, (*path, i)) for i, v in enumerate(value)]
            for i, cell in enumerate(cells, start=1):
                cell.label = f"{CELLS[key]} {i}"
            return Block(path, LABELS.get(key, key), cells, self.claim(path),
                         self.marks.get(path, []), item, "list")
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            kind = "table" if key == "noi_dung" else "list"
            children = [self.node(v, (*path, i), item=True) for i, v in enumerate(value)]
            return Block(path, LABELS.get(key, key), children, self.claim(path),
                         self.marks.get(path, []), item, kind,
                         sentence=self.context.sentences.get(path, ""))
        return self.field(value, path)

    def block(self, value: dict[str, Any], path: Path_, item: bool) -> Block:
        kind = _kind(path, value)
        offered = optional_keys().get(kind, ())
        if kind == "header" and value.get("the_thuc") != "nha_nuoc":
            offered = tuple(k for k in offered if k not in STATE_ONLY)
        if kind in ("header", "signature"):  # the model's order, as the document prints them
            keys = [*offered, *(k for k in value if k not in offered)]
        else:
            keys = list(value) + [k for k in offered if k not in value]
        hide = HIDDEN | ({"don_vi"} if not path else set())
        children = [self.node(value.get(k), (*path, k)) for k in keys if k not in hide]
        number = self.context.numbers.get(str(value.get("id")), "")
        heading = value.get("tieu_de") if number and isinstance(value.get("tieu_de"), str) else ""
        label = heading or (title(value) if item else LABELS.get(str(path[-1]), str(path[-1]))
                            if path else "")
        row = "row" if kind == "indicator" else "block"
        hidden = [f"{LABELS[k]}: {m}" for k in HIDDEN for m in self.claim((*path, k))]
        errors = self.claim(path) + hidden
        return Block(path, label, children, errors, self.marks.get(path, []), item, row,
                     number, self.context.sentences.get(path, ""))

    def field(self, value: Any, path: Path_) -> Field:
        key = str(path[-1]) if isinstance(path[-1], str) else ""
        options = (self.context.levels or choices()[key]) if key == "cap" else choices().get(
            key, [])
        if key == "dau" and path[-4:-2] == ("chi_tieu", "doan"):  # an indicator paragraph
            options = [*options, (NUMBERED, "1., 2. (đánh số như các mục)")]
        widget = "checks" if key == "cap" else "select" if options else "date" if (
            key in DATES) else "textarea" if key in TEXTAREA or (
            isinstance(value, str) and (len(value) > 80 or "\n" in value)) else "wide" if (
            key in WIDE) else "text"
        label = LABELS["don_vi_tinh"] if key == "don_vi" and len(path) > 1 else LABELS.get(key, key)
        found = Field(path, label, show(value, key), widget, options, self.claim(path))
        if widget == "checks":  # a level the plan's day no longer has, still named in words
            named = dict(choices()["cap"])
            found.choices = [*options, *((k, named.get(k, k)) for k in found.ticked
                                         if k not in dict(options))]
        kept = self.context.kept.get(path)
        if kept is not None:
            found.value, found.beside, found.mine = kept.value, kept.beside, kept.mine
        return found


def outline(root: Block) -> list[tuple[int, str, str, str]]:
    """(depth, printed number, heading, anchor) of every part and numbered element, and
    of the header, the opening and the closing blocks, in the order of the page."""
    found: list[tuple[int, str, str, str]] = []

    def visit(block: Block, depth: int) -> None:
        for child in block.children:
            if not isinstance(child, Block):
                continue
            if child.number or (depth == 0 and child.kind in ("block", "list")):
                found.append((depth, child.number, child.label, child.anchor))
                visit(child, depth + 1)
            else:
                visit(child, depth)

    visit(root, 0)
    return found


def spoken(key: str) -> str:
    """A field path (`van_ban.co_quan`, `doan[0]`) in the form's own labels."""
    words: list[str] = []
    for part in re.findall(r"\[(\d+)\]|([^.\[\]]+)", key):
        index, name = part
        if name:
            words.append(LABELS.get(name, name))
        elif words:
            words[-1] += f" {int(index) + 1}"
    return " › ".join(words)


def where(problem: Problem) -> str:
    return problem.message + (f" (dòng {problem.line})" if problem.line else "")


def build(data: Any, context: Context) -> tuple[Block, list[str]]:
    """The form of the whole plan, and the problems no field of it shows."""
    builder = Builder(context)
    root = builder.block(data if isinstance(data, dict) else {}, (), False)
    return root, root.errors + builder.unclaimed()
