"""How the change list names elements, fields and values, in Vietnamese."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel

from kehoach.compare import sequence
from kehoach.compare.words import describe as describe_words
from kehoach.compare.words import pair_alike, word_changes
from kehoach.plan.appendix import Appendix, Milestones
from kehoach.plan.blocks import TableRow
from kehoach.plan.indicators import VALUE_SLOT, Indicator, IndicatorGroup
from kehoach.plan.labels import field_name
from kehoach.plan.model import Assignment, Paragraph
from kehoach.rules.assessment import load_assessment
from kehoach.vn import numbers as vnformat

KINDS = {
    "Paragraph": "đoạn",
    "Item": "mục",
    "Section": "phần",
    "Objectives": "phần",
    "Organisation": "phần",
    "ExtraSection": "phần",
    "IndicatorBlock": "mục chỉ tiêu",
    "IndicatorParagraph": "đoạn chỉ tiêu",
    "Indicator": "chỉ tiêu",
    "IndicatorGroup": "nhóm chỉ tiêu",
    "Assignment": "nhiệm vụ",
    "Parent": "kế hoạch cấp trên",
    "Appendix": "phụ lục",
    "Milestones": "dòng chỉ tiêu",
    "MilestoneGroup": "nhóm chỉ tiêu",
    "TableBlock": "bảng",
}

FIELDS = {
    "quyen_han": "quyền hạn ký",
    "chuc_vu": "chức vụ người ký",
    "ho_ten": "người ký",
    "danh_sach_don_vi": "danh sách đơn vị",
    "don_vi": "đơn vị",
    "id": "mã kế hoạch",
    "nam": "năm phải đạt",
    "ke_hoach": "kế hoạch",
    "chu_thich": "dòng kèm theo",
    "ngang": "in trên trang ngang",
    "moc": "mốc",
}
"""Where a change list, which names a field without its block, says more than its label."""

OWN_FIELDS = {
    ("Numbering", "muc"): "nhãn phần",
    ("Numbering", "tieu_muc"): "nhãn mục",
    ("Milestones", "don_vi"): "đơn vị tính",
    ("Table", "cot"): "tiêu đề cột",
    ("Table", "dong"): "dòng",
    ("TableRow", "o"): "ô",
}
"""A field whose name means another thing in another block (`don_vi`, `muc`)."""

ITEMS = {"cot": "cột", "dong": "dòng", "o": "ô", "noi_nhan": "dòng", "moc": "năm"}
"""How one item of a list (or a key of a mapping) is named: `dòng 3`, `ô 2`, `năm 2030`."""


def field(key: str, owner: str = "") -> str:
    return OWN_FIELDS.get((owner, key)) or FIELDS.get(key) or field_name(key)


VALUE_FIELDS = ("gia_tri", "mau_so", "don_vi", "so_sanh")
"""An indicator's measurable target: one change `trên 95% → trên 96%`."""

TEXT_FIELDS = {
    "Paragraph": ("noi_dung", "dan"),
    "Assignment": ("chu_the", "noi_dung"),
    "Indicator": ("cau",),
    "IndicatorGroup": ("truoc", "sau"),
    "Milestones": ("nhan",),
    "Appendix": ("tieu_de", "ten"),
}
"""The fields that make an element's wording; other kinds are worded by `tieu_de`."""


def kind(element: BaseModel) -> str:
    return KINDS.get(type(element).__name__, "phần tử")


def wording(element: BaseModel) -> str | None:
    """What the reader reads of the element itself (not its children); None if nothing.
    An indicator's value is left out (`trên …%`): a value change is reported apart."""
    if isinstance(element, Paragraph):
        return f"{element.dan}: {element.noi_dung}" if element.dan else element.noi_dung
    if isinstance(element, Assignment):
        return f"{element.chu_the} {element.noi_dung}"
    if isinstance(element, Indicator):
        return element.cau.replace(VALUE_SLOT, "…")
    if isinstance(element, IndicatorGroup):
        return f"{element.truoc}…{element.sau}".strip()
    if isinstance(element, Milestones):  # a row of a phụ lục table, by its name
        return element.nhan
    if isinstance(element, Appendix):  # `PHỤ LỤC 2` alone says little: its name too
        return " ".join(t for t in (element.tieu_de, element.ten) if t) or None
    return getattr(element, "tieu_de", None)


def target(indicator: Indicator) -> str:
    """`trên 95%`, `tối thiểu 30 giường bệnh`; `định tính` without a value."""
    if indicator.gia_tri is None:
        return "định tính"
    unit = indicator.don_vi or ""
    value = vnformat.number(indicator.gia_tri)
    way = load_assessment().so_sanh[indicator.so_sanh.value]["chu"] if indicator.so_sanh else ""
    text = f"{way} {value}" if way else value
    text += unit if unit == "%" else f" {unit}"
    if indicator.mau_so is not None:
        text += f" (mẫu số {vnformat.number(indicator.mau_so)})"
    return text.strip()


def value(data: Any, key: str = "") -> str:
    """A header or field value as the clerk writes it: `05/02/2024`, `năm 2026: 80; năm
    2030: 90`, a table row as its cells; `key` names the field (`ngay` as a year alone)."""
    if data is None or data == "" or data == [] or data == {}:
        return "(trống)"
    if isinstance(data, bool):
        return "có" if data else "không"
    if key == "ngay" and isinstance(data, int):
        return f"năm {data}"
    if key == "du_thao" and isinstance(data, int):
        return f"lần {data}"
    if isinstance(data, dt.date):
        return f"{data.day:02d}/{data.month:02d}/{data.year}"
    if isinstance(data, int):
        return str(data)  # numbers, years: 2030, not 2.030
    if isinstance(data, float):
        return vnformat.number(data)
    if isinstance(data, list):
        return ", ".join(value(item) for item in data)
    if isinstance(data, dict):
        return "; ".join(f"{_item(key, k)}: {value(v)}" for k, v in data.items())
    if isinstance(data, TableRow):
        return f"“{short(' | '.join(data.o), ROW_LIMIT)}”"
    if isinstance(data, BaseModel):
        owner = type(data).__name__
        return ", ".join(
            f"{field(k, owner)}: {value(v, k)}"
            for k, v in data if v is not None and v != [] and v != {}
        )
    return f"“{LINE_BREAK.join(str(data).splitlines())}”"


LINE_BREAK = " ↵ "
"""A line break inside a value (Shift+Enter in a cell), as Word shows it: one output line
per change."""

ROW_LIMIT = 80
"""A whole table row or a long text is shown to this many characters; its changes, cell by
cell and word by word, are shown in full."""


def _item(key: str, at: object) -> str:
    """`năm 2030` for a milestone's year, `dòng 3` for a row (counted from 1), `Cơ quan …`
    for a column named by its title."""
    if isinstance(at, int) and key != "moc":
        at += 1
    return f"{ITEMS[key]} {at}" if key in ITEMS else str(at)


Found = list[tuple[list[str], str, Any, Any]]
"""Changes inside one field: where (labels from the field down), what, old and new value."""


def differences(old: Any, new: Any, key: str, owner: str = "") -> list[tuple[str, Any, Any]]:
    """What changed in field `key` (of a block of kind `owner`), each as the clerk reads it
    with the part that changed: a block field by field, a list (rows, columns, cells) item by
    item, a mapping (milestones, other columns) key by key, a long text by its changed words.
    Each comes with the old and new value it shows; [] when nothing changed."""
    found = _changes(old, new, key, owner)
    return [(f"{', '.join([field(key, owner), *where])}: {what}", a, b)
            for where, what, a, b in found]


def _changes(old: Any, new: Any, key: str, owner: str = "") -> Found:
    if old == new and type(old) is type(new):  # du_thao: true → 1 is a change
        return []
    model = new if isinstance(new, BaseModel) else old
    if isinstance(old, TableRow) and isinstance(new, TableRow) and old.xem_lai == new.xem_lai:
        return _changes(old.o, new.o, "o")
    if (isinstance(model, BaseModel) and not isinstance(model, TableRow)
            and all(x is None or type(x) is type(model) for x in (old, new))):
        owner, out = type(model).__name__, []
        for name in type(model).model_fields:
            inner = _changes(getattr(old, name, None), getattr(new, name, None), name, owner)
            here = [] if name in ITEMS else [field(name, owner)]  # `bảng, dòng 3`
            out += [([*here, *where], what, a, b) for where, what, a, b in inner]
        return out
    if key in ITEMS and all(x is None or isinstance(x, list) for x in (old, new)):
        return _list(old or [], new or [], key)
    if all(x is None or isinstance(x, dict) for x in (old, new)):
        return _mapping(old or {}, new or {}, key)
    if isinstance(old, str) and isinstance(new, str) and old.split() == new.split():
        text = short(" ".join(new.split()), ROW_LIMIT)
        return [([], f"“{text}”: chỉ khác khoảng trắng, xuống dòng", old, new)]
    if isinstance(old, str) and isinstance(new, str) and max(len(old), len(new)) > ROW_LIMIT:
        return [([], describe_words(word_changes(old, new)), old, new)]
    sides = [value(x, key) if x is not None else EMPTY.get(owner, value(x)) for x in (old, new)]
    return [([], " → ".join(sides), old, new)]


EMPTY = {"Numbering": "theo hồ sơ thể thức"}
"""What an empty field of these blocks means, where it is not just empty."""


def _within(label: str, found: Found) -> Found:
    return [([label, *where], what, a, b) for where, what, a, b in found]


def _list(old: list[Any], new: list[Any], key: str) -> Found:
    """Items that stayed are passed over; an edited item (a row that reads alike, a cell or a
    column at the same place in a changed run) is shown by what changed in it; the rest as
    added or removed, a run of empty ones (a ragged row filled out) in one line."""
    out: Found = []
    shown_old, shown_new = [value(x) for x in old], [value(x) for x in new]
    for tag, i1, i2, j1, j2 in sequence.opcodes(shown_old, shown_new):
        if tag == "equal":
            continue
        if key in ROWS:  # a row is known by its words, a cell or a column by its place
            pairs = [(None if i is None else i1 + i, None if j is None else j1 + j)
                     for i, j in pair_alike(shown_old[i1:i2], shown_new[j1:j2])]
        else:
            both = min(i2 - i1, j2 - j1) if tag == "replace" else 0
            pairs = [(i1 + k, j1 + k) for k in range(both)]
            pairs += [(i, None) for i in range(i1 + both, i2)]
            pairs += [(None, j) for j in range(j1 + both, j2)]
        for i, j in pairs:
            if i is not None and j is not None:
                out += _within(_item(key, j), _changes(old[i], new[j], key))
        out += _run("bỏ", old, shown_old, [i for i, j in pairs if j is None and i is not None], key)
        out += _run("thêm", new, shown_new, [j for i, j in pairs if i is None and j is not None],
                    key)
    return out


ROWS = {"dong"}
"""Lists whose items are rows of text: an edited one is found by its words."""


def _run(verb: str, items: list[Any], shown: list[str], at: list[int], key: str) -> Found:
    empty = [i for i in at if shown[i] == value(None)]
    if len(empty) > 1 and len(empty) == len(at) and at == list(range(at[0], at[-1] + 1)):
        what = f"{verb} {_item(key, at[0])} đến {at[-1] + 1}: {value(None)}"
        return [([], what, None, None)]
    old_new = (lambda i: (items[i], None)) if verb == "bỏ" else (lambda i: (None, items[i]))
    return [([], f"{verb} {_item(key, i)}: {shown[i]}", *old_new(i)) for i in at]


def _mapping(old: dict[Any, Any], new: dict[Any, Any], key: str) -> Found:
    out: Found = []
    for at in [*new, *(k for k in old if k not in new)]:
        if at not in new:
            out.append(([], f"bỏ {_item(key, at)}: {value(old[at])}", old[at], None))
        elif at not in old:
            out.append(([], f"thêm {_item(key, at)}: {value(new[at])}", None, new[at]))
        else:
            out += _within(_item(key, at), _changes(old[at], new[at], ""))
    return out


def short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
