"""The one sequence diff of compare (issue 26): difflib's very opcodes for a small pair,
a valid edit script for any pair, and the edits themselves found in long repetitive
texts and lists (where difflib took 100 s on one 15,000-word paragraph)."""

from __future__ import annotations

import itertools
from difflib import SequenceMatcher

from hypothesis import given, settings
from hypothesis import strategies as st

from kehoach.compare.sequence import SMALL, opcodes
from kehoach.compare.words import word_changes

ITEMS = st.lists(st.sampled_from("abcdeé"), max_size=400)


def _valid(a: list, b: list, ops: list) -> None:
    i = j = 0
    for tag, i1, i2, j1, j2 in ops:
        assert (i1, j1) == (i, j)
        if tag == "equal":
            assert a[i1:i2] == b[j1:j2]
        i, j = i2, j2
    assert (i, j) == (len(a), len(b))
    kinds = [op[0] for op in ops]
    assert all(x == "equal" or y == "equal" for x, y in itertools.pairwise(kinds))


@settings(max_examples=300, deadline=None)
@given(ITEMS, ITEMS)
def test_opcodes_are_an_edit_script_and_difflibs_own_for_a_small_pair(a, b):
    ops = opcodes(a, b)
    _valid(a, b, ops)
    if len(a) * len(b) <= SMALL:
        assert ops == SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from("abcdefgh"), min_size=200, max_size=3000),
       st.lists(st.tuples(st.integers(0, 3000), st.text("xyz", max_size=4)), max_size=30))
def test_a_long_pair_gives_an_edit_script_that_keeps_most_of_it(a, edits):
    b = list(a)
    for at, new in edits:
        b[at:at + len(new)] = list(new)
    ops = opcodes(a, b)
    _valid(a, b, ops)


def test_every_edit_of_a_15000_word_paragraph_is_found():
    sentence = ("Tăng cường sự lãnh đạo của cấp ủy và chính quyền, phát huy vai trò của Mặt "
                "trận và các đoàn thể trong thực hiện chính sách xã hội số {}. ")
    old = "".join(sentence.format(i % 7) for i in range(600))  # repeated, as glued text is
    new = old.replace(" và các đoàn thể", " cùng các đoàn thể")
    changes = word_changes(old, new)
    assert changes == [("và", "cùng")] * 600


def test_a_thousand_paragraphs_of_three_texts_reversed_still_pair_in_order():
    a = [f"Mới {i % 3}." for i in range(3000)]
    ops = opcodes(a, a[::-1])
    _valid(a, a[::-1], ops)
    assert opcodes(a, a) == [("equal", 0, 3000, 0, 3000)]
