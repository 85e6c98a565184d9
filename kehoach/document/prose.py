"""Indicator records → the sentences of the plan.

A paragraph of II.2 is a chain of phrases (indicators and groups sharing a
subject or predicate), each followed by its joiner. The same records give the
rows of the report forms, so the prose never holds a number of its own.
"""

from __future__ import annotations

from kehoach.plan.indicators import (
    BASE_SLOT,
    VALUE_SLOT,
    Indicator,
    IndicatorGroup,
    IndicatorParagraph,
)
from kehoach.vn import numbers as vnformat

DEFAULT_JOINER = "; "
PARAGRAPH_END = "."


def indicator_text(indicator: Indicator) -> str:
    """The wording with its value (and denominator) written the Vietnamese way."""
    text = indicator.cau
    if indicator.gia_tri is not None:
        text = text.replace(VALUE_SLOT, vnformat.number(indicator.gia_tri))
    if indicator.mau_so is not None:
        text = text.replace(BASE_SLOT, vnformat.number(indicator.mau_so))
    return text


def _phrase_text(phrase: Indicator | IndicatorGroup) -> str:
    if isinstance(phrase, Indicator):
        return indicator_text(phrase)
    inner = _chain(phrase.chi_tieu, last_joiner="", sentence_start=False)
    return f"{phrase.truoc}{inner}{phrase.sau}"


def _chain(
    phrases: list[Indicator] | list[Indicator | IndicatorGroup],
    last_joiner: str,
    sentence_start: bool = True,
) -> str:
    """Join phrases; a phrase that opens a sentence starts with a capital letter."""
    out = ""
    for i, phrase in enumerate(phrases):
        last = i == len(phrases) - 1
        text = _phrase_text(phrase)
        if (out == "" and sentence_start) or out.endswith(". "):
            text = text[:1].upper() + text[1:]
        joiner = phrase.noi if phrase.noi is not None else DEFAULT_JOINER
        out += text + (last_joiner if last else joiner)
    return out


def paragraph_text(paragraph: IndicatorParagraph) -> str:
    """One paragraph of indicators, ending with the last phrase's joiner or a full stop."""
    last = paragraph.noi_dung[-1]
    end = last.noi.strip() if last.noi is not None else PARAGRAPH_END
    return _chain(paragraph.noi_dung, last_joiner=end or PARAGRAPH_END)


def bullet_lines(paragraph: IndicatorParagraph) -> list[str]:
    """A bulleted indicator paragraph: each phrase a line of its own, as written."""
    return [_phrase_text(phrase) for phrase in paragraph.noi_dung]
