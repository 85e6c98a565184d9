"""The new plan the web editor starts from: valid for every committee of today's structure
(and of 2024's), signed as the level data says that level signs."""

from __future__ import annotations

import datetime as dt

import pytest
from builders import write_plan
from werkzeug.datastructures import MultiDict

from kehoach.plan.loader import load_plan
from kehoach.rules.levels import load_levels
from kehoach.serve.blank import issuers, skeleton


@pytest.mark.parametrize("day", [dt.date(2026, 12, 6), dt.date(2024, 3, 1)])
def test_a_new_plan_of_each_committee_is_valid_and_signed_as_its_level_signs(tmp_path, day):
    for issuer in issuers(day):
        ident = f"moi-{issuer.level.replace('_', '-')}"
        data = skeleton(ident, MultiDict({"cap": issuer.level}), day)
        plan = load_plan(write_plan(tmp_path / f"{issuer.level}.yaml", data))
        level = load_levels().cap[issuer.level]
        signer = level.on(day, next(iter(level.loai_don_vi), None)).chu_ky
        assert signer.quyen_han and signer.chuc_vu, issuer.level  # the data says it
        assert (plan.chu_ky.quyen_han, plan.chu_ky.chuc_vu) == (signer.quyen_han,
                                                                signer.chuc_vu)
