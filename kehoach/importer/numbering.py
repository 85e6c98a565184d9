"""Labels as the source prints them. The renderer numbers parts, items and sub-items by
their place; where the source printed another label (`3.2.` twice, `1.3` without its dot,
`V.` after `III.`), that label is kept on the element (`nhan_goc`) and noted for review,
never silently renumbered. While the body is read, each element carries the label it was
printed with under `~nhan`; this pass compares it with the label its place gives."""

from __future__ import annotations

from typing import Any

from kehoach.importer.ledger import Data, Ledger
from kehoach.plan.model import USUAL_PARTS
from kehoach.rules.profile import Labels
from kehoach.vn import labels

WRITTEN = "~nhan"

_FORMS = {"I.": "{so_la_ma}.", "I-": "{so_la_ma}-", "1.": "{so}.", "1-": "{so}-"}


def _rule(data: Data, ledger: Ledger) -> Labels:
    style = data.get("danh_so", {})
    rule = ledger.profile.nhan
    return rule.model_copy(
        update={
            "muc": _FORMS.get(style.get("muc", ""), rule.muc),
            "tieu_muc": _FORMS.get(style.get("tieu_muc", ""), rule.tieu_muc),
        }
    )


def _parts(data: Data) -> list[Data]:
    """The parts in print order (`thu_tu`, else the usual four then the others)."""
    found = [data[k] for k in USUAL_PARTS if k in data] + list(data.get("phan_khac", []))
    by_id = {part["id"]: part for part in found}
    return [by_id[i] for i in data["thu_tu"]] if "thu_tu" in data else found


def _items(part: Data) -> list[Data]:
    """A part's numbered items in print order (the mục tiêu part prints its general
    objective, its indicators and its vision first)."""
    ordered = [part[k] for k in ("muc_tieu_tong_quat", "chi_tieu", "tam_nhin") if k in part]
    ordered = [x for x in ordered if "tieu_de" in x]  # targets right under the part: no label
    return ordered + list(part.get("muc", []))


def _keep(node: Data, expected: str, ledger: Ledger) -> str:
    """The label the element prints: its place's, or the source's where that differs."""
    written = node.pop(WRITTEN, None)
    if written is None or written == expected:
        return expected
    node["nhan_goc"] = written
    ledger.note(node["id"], f"nhãn '{written}' giữ như bản gốc (theo thứ tự là '{expected}')")
    return written


def _children(item: Data, shown: str, rule: Labels, ledger: Ledger) -> None:
    for n, sub in enumerate(item.get("muc", []), start=1):
        expected = labels.child(item.get("nhan_con"), shown, n, rule)
        _children(sub, _keep(sub, expected, ledger), rule, ledger)


def keep_printed(data: Data, ledger: Ledger) -> None:
    """Every printed label that is not its place's kept as printed (see the docstring)."""
    rule = _rule(data, ledger)
    for n, part in enumerate(_parts(data), start=1):
        _keep(part, labels.section(n, rule), ledger)
        for m, item in enumerate(_items(part), start=1):
            _children(item, _keep(item, labels.item(m, rule), ledger), rule, ledger)
    _drop(data)


def _drop(node: Any) -> None:
    """No `~nhan` left (an element the renderer does not label)."""
    if isinstance(node, dict):
        node.pop(WRITTEN, None)
        for value in node.values():
            _drop(value)
    elif isinstance(node, list):
        for value in node:
            _drop(value)
