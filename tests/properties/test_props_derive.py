"""Properties over generated upper plans (issue 20): `derive --all` drafts every unit of
the registry from any plan the format allows (no indicator part, tasks only, items as one
paragraph at any depth, extra parts, every era), each draft a valid plan with its DOCX;
review notes speak in words, never in YAML paths."""

from __future__ import annotations

import re

from generated.plans import upper_plans, write
from generated.profiles import examples
from hypothesis import given
from running import folder, run

from kehoach.plan.loader import load_plan
from kehoach.plan.review import notes

YAML_PATH = re.compile(r"\b[a-z]+(?:_[a-z]+)+(?:\.[a-z_]+|\[\d+\])")  # muc_tieu_chi_tieu.chi_tieu


@examples(25)
@given(upper_plans())
def test_derive_drafts_every_unit(pair):
    plan, registry = pair
    with folder() as tmp:
        path = write(tmp, plan, registry)
        run(["derive", path, "--all", "-o", tmp / "xa", "--explain"])  # a dry run
        assert not (tmp / "xa").exists()
        run(["derive", path, "--all", "-o", tmp / "xa"])
        for unit in registry["don_vi"]:
            draft = load_plan(tmp / "xa" / f"{unit['id']}.yaml")
            assert (tmp / "xa" / f"{unit['id']}.docx").is_file()
            assert draft.don_vi == unit["id"] and draft.to_chuc_thuc_hien is not None
            for _element, note in notes(draft):
                assert not YAML_PATH.search(note.ly_do), note.ly_do
