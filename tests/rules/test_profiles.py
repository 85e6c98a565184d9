"""The 2026 profile is data that lists only what differs from hd36-2018."""

from __future__ import annotations

import io
import re

from builders import small_plan
from conftest import ROOT
from docx import Document

from kehoach.document.render import renderer_for
from kehoach.plan.model import Plan
from kehoach.rules.profile import load_profile


def test_hd05_differs_from_hd36_where_the_text_of_hd05_does():
    old = load_profile("hd36-2018").model_dump()
    new = load_profile("hd05-2026").model_dump()
    changed = {key for key in old if old[key] != new[key]}
    assert changed == {"id", "ten", "noi_nhan", "du_thao", "trich_yeu", "dia_danh_ngay",
                       "so_trang", "kiem_tra"}
    assert new["noi_nhan"] == old["noi_nhan"] | {"cuoi_dong": ";"}  # II.I.9.2.5
    assert new["du_thao"] == old["du_thao"] | {"chu": "Dự thảo"}  # II.II.4.2, PL2-12
    assert (old["trich_yeu"]["chu_dau"], new["trich_yeu"]["chu_dau"]) == ("tu_do", "thuong")
    assert new["dia_danh_ngay"]["ghi_cap_khi"] == ["mot_am_tiet", "trung_tinh"]  # II.I.4.1.1.c
    assert (old["so_trang"]["phu_luc_rieng"], new["so_trang"]["phu_luc_rieng"]) == (False, True)
    levels = {rule for rule in old["kiem_tra"] if old["kiem_tra"][rule] != new["kiem_tra"][rule]}
    assert levels == {"trich-yeu-hoa"}


_SOURCE = re.compile(r"\b(?:I{1,3}|IV)\.[IV]*\.?\d|PL2-\d|Phần III")


def test_every_value_hd05_states_names_its_section_of_the_guideline():
    """A value the 2026 profile writes comes from the guideline's text: its line names the
    section (`II.I.4.2.2`, `PL2-5`), or the comments right above it do, or those of the
    top-level block it is in. Check levels (`kiem_tra`) are kehoach's, not the text's."""
    text = (ROOT / "kehoach" / "data" / "hd05-2026.yaml").read_text(encoding="utf-8")
    unsourced: list[str] = []
    above: list[str] = []  # comment lines since the last value line
    block: list[str] = []  # the notes of the current top-level block
    in_checks = False
    for line in text.splitlines():
        body, _, note = line.partition("#")
        if not body.strip():
            above.append(note)
            continue
        key = body.strip().split(":")[0]
        if not line.startswith(" "):
            block, in_checks = [*above, note], key == "kiem_tra"
            if key in ("id", "ten", "dua_tren") or body.rstrip().endswith(":"):
                above = []
                continue
        notes = [note, *above] + (block if line.startswith(" ") else [])
        if not in_checks and not any(_SOURCE.search(n) for n in notes):
            unsourced.append(line.strip())
        above = []
    assert unsourced == []


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
