"""What a program can check of the commune drafts a clerk signs after a few edits (issue 23):
each upper Word file of `tests/corpus/upper/` imported with no hand edit, a draft derived for
its đặc khu, phường and xã, each read back from its DOCX. The edits a person counts by reading
the drafts are listed in `bench/commune_edits.yaml` (`python bench/commune_edits.py` writes
the counts); this pins what must hold whatever the list says."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from commune_drafts import (
    CORPUS,
    Drafted,
    draft_all,
    edits_file,
    false_sentences,
    listed,
    other_units,
    pointed,
    report_days,
    upper_caption,
    upper_days,
)

MOST_EDITS = 10  # the bound, per draft
# Every comment says what to do: it holds one of these.
ACTIONS = re.compile(r"\b(sửa|bỏ|thêm|điền|viết|đổi|giữ|đặt|ghi|lập|kiểm tra)\b", re.IGNORECASE)


@cache
def _drafted(work: str) -> dict[str, Drafted]:
    return {d.name: d for d in draft_all(Path(work))}


@pytest.fixture(scope="module")
def drafted(tmp_path_factory) -> dict[str, Drafted]:
    return _drafted(str(tmp_path_factory.mktemp("communes")))


@pytest.mark.parametrize("name", list(CORPUS))
def test_each_draft_needs_few_edits_each_pointed_to(drafted, name):
    upper = drafted[name]
    assert not upper.failed, upper.failed
    assert upper.plan is not None and len(upper.drafts) == 3
    edits = edits_file()
    for draft in upper.drafts:
        where = draft.name
        assert not upper_caption(upper.plan, draft), where
        assert not other_units(draft), (where, other_units(draft))
        wrong = false_sentences(draft, edits["sai"])
        assert not wrong, (where, wrong)
        asked = upper_days(upper.plan)
        assert asked and report_days(draft) == asked, (where, report_days(draft), asked)
        left = listed(draft, edits)
        assert left and len(left) <= MOST_EDITS, (where, len(left))
        assert [p for e in left if (p := pointed(draft, e))] == [], where


@pytest.mark.parametrize("name", list(CORPUS))
def test_every_comment_says_what_to_do_and_no_reason_twice(drafted, name):
    upper = drafted[name]
    assert not upper.failed, upper.failed
    for draft in upper.drafts:
        texts = list(draft.comments.values())
        assert texts, draft.name
        vague = [t for t in texts if not ACTIONS.search(t)]
        assert not vague, (draft.name, vague)
        assert len(texts) == len(set(texts)), (draft.name, texts)
