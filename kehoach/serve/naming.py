"""A change list in the clerk's words: every element named by its printed number and
its heading (`III.1. Nâng cao nhận thức…`), never by its id, in the place column and
inside each description the compare stage wrote for the command line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kehoach.plan.labels import LABELS

if TYPE_CHECKING:
    from kehoach.compare.changes import Comparison
    from kehoach.plan.model import Plan

KINDS = {"them": "thêm", "bo": "bỏ", "chuyen": "chuyển chỗ", "sua_chu": "sửa chữ",
         "gia_tri": "giá trị", "truong": "sửa", "van_ban": "đầu, cuối văn bản"}
"""Each kind of change (`Change.loai`) as the list names it."""
PARTS = {"ke_hoach": "Kế hoạch", "van_ban": LABELS["van_ban"], "chu_ky": LABELS["chu_ky"],
         "noi_nhan": "Nơi nhận"}
SHORT = 60


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHORT else text[: SHORT - 1].rstrip() + "…"


def element_names(plan: Plan) -> dict[str, str]:
    """Element id → how the clerk knows it: the printed numbers down to it and its
    heading, or its kind and first words under the nearest numbered element."""
    from kehoach.compare import describe as say
    from kehoach.document.context import printed_numbers
    from kehoach.plan.walk import walk
    from kehoach.rules.profile import load_profile

    numbers = printed_numbers(plan, load_profile(plan.profile_id()))
    names: dict[str, str] = {}
    for node in walk(plan):
        chain = "".join(numbers.get(n.id, "") for n in [*reversed(list(node.ancestors())), node])
        words = say.wording(node.element) or getattr(node.element, "tieu_de", "") or ""
        if node.id in numbers:
            names[node.id] = f"{chain} {_short(words)}".strip()
        else:
            inside = f" (trong {chain})" if chain else ""
            kind = say.kind(node.element)
            names[node.id] = f"{kind} “{_short(words)}”{inside}" if words else f"{kind}{inside}"
    return names


@dataclass(frozen=True)
class Row:
    where: str
    before: str  # where it stood in the old version, when it was renamed
    kind: str
    loai: str
    text: str


def rows(comparison: Comparison, old: Plan, new: Plan) -> list[Row]:
    """The change list, each element named, ids and keys in the descriptions replaced."""
    # the parts' keys (`can_cu`) a description may name; never plain words such as `sau`
    names = {key: label for key, label in LABELS.items() if "_" in key}
    names |= PARTS | element_names(old) | element_names(new)
    old_names = element_names(old)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(
        re.escape(k) for k in sorted(names, key=len, reverse=True)) + r")(?![\w-])")
    found = []
    for change in comparison.changes:
        where = names.get(change.id, change.id)
        before = old_names.get(change.id_cu, "") if change.id_cu and change.id_cu != (
            change.id) else ""
        text = pattern.sub(lambda m: names[m.group(1)], change.mo_ta)
        found.append(Row(where, before, KINDS.get(change.loai, change.loai), change.loai, text))
    return found
