"""An indicator stated at several milestones is one indicator (issue 23): the sentence of a
later milestone and the phụ lục row that restate it are linked to it (`moc_cua`), and the
forms, the reader and the summary see it once per report, with the target of the report's
year; the prose still states each milestone."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import small_plan, write_plan

from kehoach.errors import PlanError
from kehoach.forms import milestones
from kehoach.forms.report import indicator_rows
from kehoach.importer.ledger import Ledger, default_profile
from kehoach.importer.milestones import link_milestones, same_measure
from kehoach.plan.loader import load_plan

SIGNED = "Tỷ lệ người dân trưởng thành có chữ ký số đạt {gt}%"


def _by_milestone(tmp_path: Path, link: bool = True) -> Path:
    """Targets by 2026 and by 2030 (the second restating the first), and a phụ lục row
    with both years for the same indicator."""
    data = small_plan()
    first = {"id": "ct-ky-so-2026", "cau": SIGNED, "nhan": "Tỷ lệ người dân có chữ ký số",
             "gia_tri": 50, "don_vi": "%", "so_sanh": "dat", "nam": 2026}
    later = {**first, "id": "ct-ky-so-2030", "gia_tri": 80, "nam": 2030}
    if link:
        later["moc_cua"] = "ct-ky-so-2026"
    block = data["muc_tieu_chi_tieu"]["chi_tieu"]
    block["doan"] = [
        {"id": "ct-2026", "noi_dung": [first]},
        {"id": "ct-2030", "noi_dung": [later, block["doan"][0]["noi_dung"][0]]},
    ]
    row = {"id": "pl-ky-so", "nhan": "Người dân có chữ ký số", "don_vi": "%",
           "moc": {2026: 50, 2028: 65, 2030: 80}}
    if link:
        row["moc_cua"] = "ct-ky-so-2026"
    data["phu_luc"] = [{"id": "pl", "chi_tieu": [{"id": "pl-1", "chi_tieu": [row]}]}]
    return write_plan(tmp_path / "kh.yaml", data)


@pytest.mark.parametrize(("year", "target"), [(2026, 50), (2027, 65), (2028, 65), (2030, 80),
                                              (2035, 80)])
def test_each_indicator_once_per_report_with_its_years_target(tmp_path, year, target):
    plan = load_plan(_by_milestone(tmp_path))
    found = milestones.report_indicators(plan, year)
    assert [i.id for i in found] == ["ct-ky-so-2026", "ct-bhyt"]
    assert found[0].gia_tri == target and found[0].nhan == "Tỷ lệ người dân có chữ ký số"
    rows = [row for row in indicator_rows(plan, year) if row.indicator is not None]
    assert [row.indicator.id for row in rows] == ["ct-ky-so-2026", "ct-bhyt"]


def test_without_links_every_statement_is_its_own_row(tmp_path):
    plan = load_plan(_by_milestone(tmp_path, link=False))
    assert len(milestones.report_indicators(plan, 2026)) == 4  # what the issue measured


def test_a_link_to_nothing_or_to_a_milestone_is_refused_at_its_line(tmp_path):
    path = _by_milestone(tmp_path)
    text = path.read_text(encoding="utf-8")
    (tmp_path / "a.yaml").write_text(
        text.replace("moc_cua: ct-ky-so-2026", "moc_cua: ct-khong-co", 1), encoding="utf-8")
    with pytest.raises(PlanError) as caught:
        load_plan(tmp_path / "a.yaml")
    message = str(caught.value.problems[0])
    assert ".moc_cua: không có chỉ tiêu 'ct-khong-co'" in message and ":" in message.split()[0]
    head, _, tail = text.rpartition("moc_cua: ct-ky-so-2026")  # the phụ lục row's link
    (tmp_path / "b.yaml").write_text(head + "moc_cua: ct-ky-so-2030" + tail, encoding="utf-8")
    with pytest.raises(PlanError) as caught:
        load_plan(tmp_path / "b.yaml")
    said = [str(p) for p in caught.value.problems]
    assert len(said) == 1 and "phu_luc[0]" in said[0], said
    assert "'ct-ky-so-2030' đã là mốc của 'ct-ky-so-2026': chỉ tới 'ct-ky-so-2026'" in said[0]


def test_import_links_a_later_milestone_and_a_phu_luc_row_and_says_so():
    data = {
        "muc_tieu_chi_tieu": {"chi_tieu": {"nam": 2030, "doan": [
            {"id": "p1", "nam": 2026, "noi_dung": [
                {"id": "a", "cau": SIGNED, "nhan": "x", "gia_tri": 50},
                {"id": "b", "cau": "Tỷ lệ hộ ở nông thôn dùng nước sạch đạt {gt}%",
                 "nhan": "Tỷ lệ hộ ở nông thôn dùng nước sạch", "gia_tri": 90}]},
            {"id": "p2", "nam": 2030, "noi_dung": [
                {"id": "c", "cau": SIGNED, "nhan": "x", "gia_tri": 80},
                {"id": "d", "cau": "Tỷ lệ hộ ở thành thị dùng nước sạch đạt {gt}%",
                 "nhan": "Tỷ lệ hộ ở thành thị dùng nước sạch", "gia_tri": 100}]}]}},
        "phu_luc": [{"chi_tieu": [{"chi_tieu": [
            {"id": "r", "nhan": "Người dân trưởng thành có chữ ký số", "moc": {2026: 50}},
            {"id": "s", "nhan": "Doanh nghiệp khởi nghiệp sáng tạo", "moc": {2026: 20}}]}]}],
    }
    ledger = Ledger(default_profile())
    link_milestones(data, ledger)
    records = data["muc_tieu_chi_tieu"]["chi_tieu"]["doan"]
    assert records[1]["noi_dung"][0]["moc_cua"] == "a"  # the same sentence, 2030
    assert "moc_cua" not in records[1]["noi_dung"][1]  # thành thị is not nông thôn
    rows = data["phu_luc"][0]["chi_tieu"][0]["chi_tieu"]
    assert rows[0]["moc_cua"] == "a" and "moc_cua" not in rows[1]
    assert set(ledger.review) == {"c", "r"}


@pytest.mark.parametrize(("one", "other", "same"), [
    ("Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận, giải quyết trên môi trường điện tử",
     "Hồ sơ thủ tục hành chính giải quyết trên môi trường điện tử", True),
    ("Kinh tế số chiếm tối thiểu {gt}% GRDP của tỉnh", "Tỷ trọng kinh tế số trong GRDP", True),
    ("doanh nghiệp thực hiện hoạt động đổi mới sáng tạo", "Doanh nghiệp khởi nghiệp sáng tạo",
     False),
    ("Tỷ lệ đi học đúng độ tuổi cấp tiểu học", "Tỷ lệ đi học đúng độ tuổi cấp trung học cơ sở",
     False),
])
def test_same_measure(one, other, same):
    assert same_measure(one, other) is same
