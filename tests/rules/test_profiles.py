"""The 2026 profile is data that lists only what differs from hd36-2018."""

from __future__ import annotations

import io

from builders import small_plan
from docx import Document

from kehoach.document.render import renderer_for
from kehoach.plan.model import Plan
from kehoach.rules.profile import load_profile


def test_hd05_differs_from_hd36_only_in_its_name_and_the_recipients_mark():
    old = load_profile("hd36-2018").model_dump()
    new = load_profile("hd05-2026").model_dump()
    assert {key for key in old if old[key] != new[key]} == {"id", "ten", "noi_nhan"}
    assert new["noi_nhan"] == old["noi_nhan"] | {"cuoi_dong": ";"}


def _recipients(profile: str) -> list[str]:
    data = small_plan() | {"ho_so": profile}
    data["noi_nhan"] = ["Ban Thường vụ Thành ủy (b/c)", "Văn phòng Thành ủy (b/c)", "Lưu Văn phòng"]
    doc = Document(io.BytesIO(renderer_for("ke_hoach.docx").render(Plan.model_validate(data))))
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return [line for cell in cells for line in cell.splitlines() if line.startswith("- ")]


def test_each_profile_ends_the_recipient_lines_with_its_own_mark():
    assert _recipients("hd36-2018") == [
        "- Ban Thường vụ Thành ủy (b/c),", "- Văn phòng Thành ủy (b/c),", "- Lưu Văn phòng."]
    assert _recipients("hd05-2026") == [
        "- Ban Thường vụ Thành ủy (b/c);", "- Văn phòng Thành ủy (b/c);", "- Lưu Văn phòng."]
