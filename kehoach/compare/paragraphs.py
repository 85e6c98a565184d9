"""The rendered document's paragraphs, each with the plan element it shows (if any)."""

from __future__ import annotations

from lxml import etree

from kehoach.document.context import body_blocks
from kehoach.document.wordxml import w
from kehoach.plan.model import Plan
from kehoach.plan.walk import walk
from kehoach.rules.profile import load_profile

_INLINE = {"Parent", "Indicator", "IndicatorGroup"}
"""Kinds with an id that are not a paragraph of their own (an indicator is a phrase)."""


def text(paragraph: etree._Element) -> str:
    """The paragraph's visible text: `w:t` and `w:delText`, line breaks as a newline."""
    out = []
    for node in paragraph.iter(w("t"), w("delText"), w("br"), w("tab")):
        out.append({w("br"): "\n", w("tab"): "\t"}.get(node.tag, node.text or ""))
    return "".join(out)


def style(paragraph: etree._Element) -> str:
    found = paragraph.find(f"{w('pPr')}/{w('pStyle')}")
    return found.get(w("val"), "") if found is not None else ""


def element_ids(plan: Plan, body: etree._Element) -> dict[etree._Element, str]:
    """The top-level body paragraphs that show an element, mapped to its id: the body
    blocks come in walk order, one paragraph each, so the walk gives their ids. The
    paragraphs are found as the run whose texts end with the blocks' texts; {} if the
    template lays them out some other way (the caller then aligns by text alone)."""
    ids = [node.id for node in walk(plan) if node.kind not in _INLINE]
    blocks = body_blocks(plan, load_profile(plan.profile_id()))
    if len(ids) != len(blocks):
        return {}
    paragraphs = [child for child in body if child.tag == w("p")]
    texts = [text(p) for p in paragraphs]
    for start in range(len(paragraphs) - len(blocks) + 1):
        if all(texts[start + i].endswith(b["chu"]) for i, b in enumerate(blocks)):
            return dict(zip(paragraphs[start : start + len(blocks)], ids, strict=True))
    return {}
