"""One rule for a year written alone (issue 26): it stands for its 31 December for the
level chain as for the profiles, the comments and the revisions; an issuer whose level is
gone on the plan's day is refused by `validate` at its line:column."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from conftest import PLAN, ROOT
from docx import Document
from hostile import run, snapshot, unchanged
from hypothesis import given, settings
from hypothesis import strategies as st

from kehoach.plan.loader import load_plan
from kehoach.rules.levels import last_day, load_levels
from kehoach.rules.profile_dates import profile_on

CAN_THO = ROOT / "plans" / "can_tho_42.yaml"


def _dated(source: Path, folder: Path, day: str) -> Path:
    """`source` with its date replaced by `day`, beside a copy of its registry."""
    text = source.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("  ngay:"))
    lines[at] = f"  ngay: {day}\n"
    registry = load_plan(source).danh_sach_don_vi
    shutil.copy(source.parent / registry, folder / registry)
    target = folder / source.name
    target.write_text("".join(lines), encoding="utf-8")
    return target


def test_a_city_draft_dated_by_its_year_alone_in_2025_derives_for_the_new_communes(tmp_path):
    plan = _dated(CAN_THO, tmp_path, "2025")
    out = tmp_path / "out"
    run(["derive", plan, "--all", "-o", out], 0, "đã soạn 7 kế hoạch")
    derived = load_plan(out / "hoa-an.yaml")
    assert derived.van_ban.co_quan == "ĐẢNG ỦY XÃ HÒA AN"
    assert derived.van_ban.cap_tren == "ĐẢNG BỘ THÀNH PHỐ CẦN THƠ"


@pytest.mark.parametrize(("day", "where", "fragment"), [
    ("2026", "ngay", "HUYỆN ỦY PHỤNG HIỆP là cơ quan cấp huyện, cấp này không còn sau ngày "
                     "30/06/2025; năm 2026 không ghi ngày được hiểu là ngày 31/12/2026"),
    ("2025-07-01", "ngay", "cấp này không còn sau ngày 30/06/2025"),
    # a year whose month decides: judged with its month (`thang`), on the header
    ("2025", "van_ban", "năm 2025 không ghi ngày được hiểu là ngày 31/12/2025, ghi đủ ngày "
                        "ban hành (đến 30/06/2025)"),
    ("2025\n  thang: 9", "van_ban", "tháng 9 năm 2025 không ghi ngày được hiểu là ngày "
                                     "30/09/2025"),
])
def test_an_issuer_whose_level_is_gone_is_refused_at_its_date(tmp_path, day, where, fragment):
    plan = _dated(PLAN, tmp_path, day)
    lines = plan.read_text(encoding="utf-8").splitlines()
    at = {"ngay": (next(i for i, x in enumerate(lines, 1) if x.startswith("  ngay:")), 9),
          "van_ban": (next(i for i, x in enumerate(lines, 1) if x == "van_ban:") + 1, 3)}
    line, column = at[where]
    shown = "van_ban.ngay" if where == "ngay" else "van_ban: ngay"
    result = run(["validate", plan], 2, f"{plan}:{line}:{column}: {shown}: ")
    assert fragment in result.output
    before = snapshot(tmp_path)
    for command in (["derive", plan, "--all", "-o", tmp_path / "out"],
                    ["render", plan, "-o", tmp_path / "out"]):
        result = run(command, 2, fragment)
        assert "None" not in result.output
    unchanged(tmp_path, before)


def test_a_year_with_a_month_before_july_2025_is_still_a_district_plan(tmp_path):
    plan = _dated(PLAN, tmp_path, "2025\n  thang: 3")
    run(["validate", plan], 0, "hợp lệ")


def test_a_district_plan_dated_before_july_2025_is_still_valid(tmp_path):
    plan = _dated(PLAN, tmp_path, "2025-06-30")
    run(["validate", plan], 0, "hợp lệ")


def test_the_comments_of_a_year_only_plan_are_dated_31_december(tmp_path):
    run(["derive", PLAN, "--unit", "hoa-an", "-o", tmp_path], 0, "đã soạn 1")
    comments = Document(str(tmp_path / "hoa-an.docx")).comments
    assert {c.timestamp.date() for c in comments} == {dt.date(2024, 12, 31)}


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1945, max_value=2100))
def test_a_year_alone_is_one_day_for_every_rule(year):
    plan = load_plan(CAN_THO)
    header = plan.van_ban.model_copy(update={"ngay": year})
    plan = plan.model_copy(update={"van_ban": header, "ho_so": None})  # by its date
    assert header.day == last_day(year) == dt.date(year, 12, 31)
    assert plan.profile_id() == profile_on(dt.date(year, 12, 31))
    levels = load_levels()
    assert levels.below("thanh_pho", header.day) == levels.below(
        "thanh_pho", dt.date(year, 12, 31))
