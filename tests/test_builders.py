"""The small test plan is a valid plan and renders."""

from __future__ import annotations

from builders import small_plan, write_plan

from kehoach.plan.loader import load_plan


def test_small_plan_loads(tmp_path):
    plan = load_plan(write_plan(tmp_path / "nho.yaml", small_plan()))
    assert plan.van_ban.so == 12
    assert [i.id for i in plan.muc_tieu_chi_tieu.chi_tieu.indicators()] == ["ct-bhyt"]
