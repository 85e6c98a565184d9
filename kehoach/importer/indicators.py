"""A paragraph of targets (`… chiếm 2,59%; … đạt 80%; …`) → indicator records whose
wording, value slot and joiners render back to exactly the same sentence.

The paragraph is cut into sentences (`. `), clauses (`; `) and parts (`, ` and ` và `).
A part holding a target number starts a record; a part without one continues the
record before it (`…, có mức sống …`) or, joined by ` và `, the one after it
(`cấp trung học phổ thông và tương đương tối thiểu đạt 75%`). A clause with no target
is one qualitative record. A number is only taken as the value when writing it back
the Vietnamese way gives the very same characters.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from kehoach.plan.indicators import BASE_SLOT, VALUE_SLOT
from kehoach.rules.vocabulary import load_vocabulary
from kehoach.vn.numbers import PATTERN, is_written_form, parse_number

NUMBER = rf"{PATTERN}(?![.,]?\d)"
_PERCENT = re.compile(rf"({NUMBER})(%(?:/năm)?)")


@cache
def qualifiers() -> Mapping[str, str]:
    """Word before a value → comparison code (`tối thiểu` → toi_thieu), from the data."""
    return load_vocabulary().so_sanh


@cache
def _openers() -> list[str]:
    """Words that open a target's sentence but are not part of its name (`phấn đấu`)."""
    return load_vocabulary().mo_dau_chi_tieu


@cache
def _qualified() -> re.Pattern[str]:
    words = "|".join(re.escape(q) for q in qualifiers())
    return re.compile(rf"(?:{words})\s+({NUMBER})(m2)?(?!\s*(?:tháng|đến|-|dân\b))")


_LEADING = re.compile(rf"^({NUMBER})\s+(?!tháng|đến|năm\b)")
_PER = re.compile(rf"\btrên ({NUMBER}) dân\b")


@dataclass
class Record:
    text: str
    joiner: str = ""


def has_target(text: str) -> bool:
    """Whether a paragraph holds a target value (`đạt 80%`, `tối thiểu 95`)."""
    return _target(text) is not None


def _target(text: str, first: bool = False) -> tuple[re.Match, str] | None:
    """The target number of a part and the kind of match, if it has one."""
    for pattern, kind in ((_PERCENT, "%"), (_qualified(), "q"), (_LEADING, "lead")):
        matches = list(pattern.finditer(text))
        if matches:
            match = matches[-1] if kind != "lead" and not first else matches[0]
            if is_written_form(match.group(1)):
                return match, kind
    return None


def _split(text: str, pattern: str) -> list[tuple[str, str]]:
    """(piece, the separator after it); the last piece has ''."""
    pieces = re.split(f"({pattern})", text)
    return [
        (pieces[i], pieces[i + 1] if i + 1 < len(pieces) else "") for i in range(0, len(pieces), 2)
    ]


def records(paragraph: str) -> list[Record]:
    """The paragraph as records; joining `text + joiner` gives the paragraph back."""
    # A paragraph of targets ends with `.`, or with the last phrase's joiner (`;`).
    body, end = (paragraph[:-1], paragraph[-1]) if paragraph.endswith((".", ";")) else (
        paragraph, "")
    out: list[Record] = []
    for sentence, after_sentence in _split(body, r"\. "):
        for clause, after_clause in _split(sentence, "; "):
            out += _clause(clause)
            out[-1].joiner = after_clause
        out[-1].joiner = out[-1].joiner or after_sentence
    out[-1].joiner = end
    return out


def _clause(clause: str) -> list[Record]:
    parts = _split(clause, r", | và ")
    if not any(_target(p) for p, _sep in parts):
        return [Record(clause)]
    out: list[Record] = []
    pending = ""  # a number-less part waiting for the target that follows ` và `
    for i, (part, sep) in enumerate(parts):
        has = _target(part) is not None
        next_has = i + 1 < len(parts) and _target(parts[i + 1][0]) is not None
        if not has and sep == " và " and next_has and (not out or out[-1].joiner != " và "):
            pending += part + sep
        elif has or not out:
            out.append(Record(pending + part, sep))
            pending = ""
        else:
            out[-1].text += out[-1].joiner + part
            out[-1].joiner = sep
    return out


def structure(record: Record, first: bool = False) -> dict[str, Any]:
    """A record as the plan's indicator fields (without id and label); `first` takes the
    first target of a line holding two (`đạt 75%, trong đó … đạt 32%`)."""
    found = _target(record.text, first)
    if found is None:
        return {"cau": record.text}
    match, kind = found
    number = match.group(1)
    start, end = match.span(1)
    wording = record.text[:start] + VALUE_SLOT + record.text[end:]
    fields: dict[str, Any] = {"gia_tri": parse_number(number)}
    if kind == "%":
        fields["don_vi"] = match.group(2)
    else:
        rest = record.text[end:].strip().rstrip(".;,:").rstrip()  # the unit, not the stop
        per = _PER.search(wording)
        if per:
            fields["mau_so"] = parse_number(per.group(1))
            wording = wording.replace(f"trên {per.group(1)} dân", f"trên {BASE_SLOT} dân")
            rest = _PER.sub(f"/{per.group(1)} dân", rest).replace(" /", "/")
        fields["don_vi"] = rest or "số"
    fields["so_sanh"] = _comparison(record.text[:start])
    fields["cau"] = wording
    return fields


def _comparison(before: str) -> str:
    """The qualifier right before the value: `tối thiểu đạt 95` and `đạt tối thiểu 68` are
    both ≥; a bare `đạt` or `chiếm` (or none) is =."""
    words = before.rstrip().lower()
    for plain in ("đạt", "chiếm"):
        words = words.removesuffix(" " + plain) if words != plain else ""
    return next((code for word, code in qualifiers().items() if words.endswith(word)), "dat")


def label(record_text: str, first: bool = False) -> str:
    """A form label: the subject before the value (`Tỷ lệ tiêm chủng mở rộng`), or for a
    value that leads its wording, `Tỷ lệ …` / `Số …` and what follows it; `first`: of the
    first target of a line holding two, as `structure` takes it."""
    found = _target(record_text, first)
    if found is None:
        text = record_text
    else:
        match, kind = found
        before = record_text[: match.start(1)].rstrip()
        lowered = before.lower()
        words = [*qualifiers(), *_openers()]
        while any(lowered.endswith(w) for w in words):
            word = next(w for w in words if lowered.endswith(w))
            before, lowered = before[: -len(word)].rstrip(), lowered[: -len(word)].rstrip()
        for word in _openers():
            if lowered.startswith(word):
                before = before[len(word) :].strip()
        after = record_text[match.end(2 if kind == "%" else 1) :].strip()
        lead = "Tỷ lệ " if kind == "%" else "Số "
        text = before if len(before.split()) >= 2 else lead + after
    text = text.strip(" ,;.")
    return text[:1].upper() + text[1:]
