"""`kehoach check` judges the written forms with `kehoach.vn` and reports the variants real
documents use; and it reads an indicator's unit of measure as text."""

from __future__ import annotations

import json

import pytest
from builders import small_plan, write_plan
from click.testing import CliRunner

from kehoach.cli import main


def _findings(path) -> list[dict]:
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def test_a_misspelt_unit_of_measure_is_reported(tmp_path):
    data = small_plan()
    data["don_vi"] = "tanthanh"  # a derived plan's unit: an id, never spell-checked
    indicator = data["muc_tieu_chi_tieu"]["chi_tieu"]["doan"][0]["noi_dung"][0]
    indicator["don_vi"] = "giuwowngf bệnh"
    plan = write_plan(tmp_path / "plan.yaml", data)
    found = [f for f in _findings(plan) if f["rule"] == "go-telex"]
    assert [(f["message"], f["fix"]) for f in found] == [
        ("'giuwowngf' là chữ gõ Telex chưa thành", "giường")
    ]
    assert "muc_tieu_chi_tieu.chi_tieu.doan[0].noi_dung[0].don_vi" in found[0]["where"]
    assert not any("tanthanh" in f["message"] for f in _findings(plan))


def test_the_variants_of_real_documents_are_findings(tmp_path):
    text = tmp_path / "ke_hoach.txt"
    lines = [
        "Số: 12-KH/HU",
        "Căn cứ Hướng dẫn 36-HD/VPTW ngày 3/4/2018 của Văn phòng Trung ương.",
        "I- MỤC ĐÍCH, YÊU CẦU",
        "1- Mục đích",
        "II. NHIỆM VỤ",
    ]
    text.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = {(f["rule"], f["where"], f["fix"]) for f in _findings(text)}
    assert ("so-hai-cham", "dòng 1", "bỏ dấu hai chấm") in found
    assert ("ngay-trich-dan", "dòng 2", "ngày 03/4/2018") in found
    assert ("danh-so", "dòng 3", "I.") in found  # `I-` beside `II.`: the profile's form wins
    # `1-` is the only item label: the document's own choice (the Hướng dẫn leaves it open)
    assert not any(where in ("dòng 4", "dòng 5") for _rule, where, _fix in found)


@pytest.mark.parametrize("style", ["I-", "I."])
def test_a_label_style_kept_throughout_is_the_documents_choice(tmp_path, style):
    sep = style[-1]
    lines = [f"I{sep} MỤC ĐÍCH", f"1{sep} Mục đích", f"2{sep} Yêu cầu", f"II{sep} NHIỆM VỤ",
             f"1{sep} Tuyên truyền", f"III{sep} TỔ CHỨC THỰC HIỆN"]
    text = tmp_path / "ke_hoach.txt"
    text.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert not [f for f in _findings(text) if f["rule"] == "danh-so"]
    other = "." if sep == "-" else "-"
    lines[4] = f"1{other} Tuyên truyền"  # one item written the other way
    text.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = [(f["where"], f["fix"]) for f in _findings(text) if f["rule"] == "danh-so"]
    assert found == [("dòng 5", f"1{sep}")]
