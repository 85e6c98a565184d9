"""Properties over generated plans and random edits of them (issue 20): `compare` lists
exactly the elements edited (by id), exit 1 when something changed and 0 when nothing
did; `--docx` writes the new draft with tracked changes; never a traceback; no change is
shown as Python writes data (review #23: `{'xem_lai': [], 'o': […]}`, `None`, `True`)."""

from __future__ import annotations

import json
import re

from generated.edits import edits
from generated.plans import plans, write
from generated.profiles import examples
from hypothesis import given
from hypothesis import strategies as st
from running import folder, run

PYTHON_DATA = re.compile(r"\{'|\['|\{\"|\bNone\b|\bTrue\b|\bFalse\b")


@st.composite
def drafts(draw):
    """A plan and a later draft of it, with the ids of what was edited."""
    plan = draw(plans())
    edited, touched = draw(edits(plan))
    return plan, edited, touched


@examples(30)
@given(drafts())
def test_compare_names_exactly_the_edited_elements(case):
    plan, edited, touched = case
    with folder() as tmp:
        old, new = write(tmp, plan, name="cu.yaml"), write(tmp, edited, name="moi.yaml")
        result = run(["compare", old, new, "--format", "json", "--docx", tmp / "so_sanh.docx"],
                     (0, 1))
        found = json.loads(result.stdout)
        assert result.exit_code == (1 if touched else 0), result.output
        named = {change["id"] for change in found["thay_doi"]}
        assert named == touched, (named, touched)
        assert (tmp / "so_sanh.docx").is_file()
        shown = run(["compare", old, new], (0, 1)).output
        assert not PYTHON_DATA.search(shown), shown
        assert not [c for c in found["thay_doi"] if PYTHON_DATA.search(c["mo_ta"])]
