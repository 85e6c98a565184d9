"""Commune plans drafted from a Thành ủy plan after 1/7/2025: the city's own words, the
commune's own organs (Quy định 298-QĐ/TW), the kinds of unit of the period."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from builders import upper_plan
from click.testing import CliRunner
from conftest import ROOT
from docx import Document
from openpyxl import load_workbook

from kehoach.cli import main
from kehoach.plan.edit import PlanFile
from kehoach.plan.loader import load_plan
from kehoach.rules.levels import load_levels

CAN_THO = ROOT / "plans" / "can_tho_42.yaml"
PHUONG = ROOT / "tests" / "plan" / "data" / "don_vi_phuong.yaml"
SEVEN = ["hoa-an", "hiep-hung", "tan-phuoc-hung", "phung-hiep", "phuong-binh", "thanh-hoa",
         "tan-binh"]


def _derive(*args: str):
    return CliRunner().invoke(main, ["derive", *args])


def _one_line(issuer: str) -> str:
    """A long issuer is written on two lines (before its proper name)."""
    return " ".join(issuer.split())


def _text(docx: Path) -> str:
    doc = Document(str(docx))
    cells = [p.text for t in doc.tables for c in t._cells for p in c.paragraphs]
    return "\n".join(cells + [p.text for p in doc.paragraphs])


@pytest.fixture(scope="module")
def seven(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("can-tho")
    result = _derive(str(CAN_THO), "--all", "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


def test_the_seven_communes_are_headed_by_the_city_and_cite_its_standing_committee(seven):
    for unit in SEVEN:
        plan = load_plan(seven / f"{unit}.yaml")
        assert plan.van_ban.cap_tren == "ĐẢNG BỘ THÀNH PHỐ CẦN THƠ"
        assert _one_line(plan.van_ban.co_quan).startswith("ĐẢNG ỦY XÃ ")
        assert "của Ban Thường vụ Thành ủy về thực hiện Nghị quyết số 42-NQ/TW" in (
            plan.van_ban.trich_yeu)
        text = _text(seven / f"{unit}.docx")
        assert "Tỉnh ủy" not in text and "Tỉnh ủy" not in (seven / f"{unit}.yaml").read_text()
        assert "Ban Thường vụ Thành ủy (qua Văn phòng Thành ủy)" in text


def test_part_iv_is_the_communes_own_organs(seven):
    plan = load_plan(seven / "hoa-an.yaml")
    duties = {d.chu_the: d.noi_dung for d in plan.to_chuc_thuc_hien.muc}
    organs = load_levels().cap["xa"].on(plan.van_ban.day).organs()
    assert set(duties) <= {o.format(dv="xã") for o in organs}
    assert duties["Ban Xây dựng Đảng Đảng ủy"].startswith("chủ trì")
    assert "học tập, quán triệt, tuyên truyền" in duties["Ban Xây dựng Đảng Đảng ủy"]
    assert "tuyên truyền" not in duties["Văn phòng Đảng ủy"]
    assert ("Ủy ban Mặt trận Tổ quốc Việt Nam xã và các tổ chức chính trị - xã hội"
            in duties)
    assert plan.noi_nhan[3:] == [
        "Ban Xây dựng Đảng Đảng ủy", "Ủy ban Kiểm tra Đảng ủy", "Hội đồng nhân dân xã",
        "Ủy ban nhân dân xã",
        "Ủy ban Mặt trận Tổ quốc Việt Nam xã và các tổ chức chính trị - xã hội",
        "Các chi bộ, đảng bộ trực thuộc Đảng ủy", "Lưu Văn phòng Đảng ủy"]


def test_the_citys_words_become_the_communes_or_are_flagged(seven):
    plan = load_plan(seven / "hoa-an.yaml")
    purpose = plan.muc_dich_yeu_cau.muc
    assert "trên địa bàn xã về vị trí" in purpose[0].doan[0].noi_dung
    assert "các chi bộ, đảng bộ trực thuộc Đảng ủy xây dựng kế hoạch" in (
        purpose[1].doan[0].noi_dung)
    yaml = (seven / "hoa-an.yaml").read_text(encoding="utf-8")
    assert 'XEM LẠI: cấp xã không sắp xếp bộ máy "từ thành phố đến cơ sở"' in yaml
    assert "id: nv2-co-che-chinh-sach" not in yaml  # the city's own (cap)


def test_the_drafts_pass_the_format_check_under_the_2026_profile(seven):
    docs = [str(seven / f"{unit}.docx") for unit in SEVEN]
    result = CliRunner().invoke(main, ["check", *docs])
    assert result.exit_code == 0, result.output
    assert result.output.count("hồ sơ thể thức hd05-2026 (theo năm 2026") == 7
    recipients = [line for line in _text(seven / "hoa-an.docx").splitlines()
                  if line.startswith("- ") and "(b/c)" in line]
    assert recipients == ["- Ban Thường vụ Thành ủy (b/c);", "- Văn phòng Thành ủy (b/c);"]


def test_a_city_plan_drafts_a_xa_a_phuong_and_a_dac_khu(tmp_path):
    result = _derive(str(CAN_THO), "--all", "--units", str(PHUONG), "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    ward = load_plan(tmp_path / "vi-thanh.yaml")
    assert _one_line(ward.van_ban.co_quan) == "ĐẢNG ỦY PHƯỜNG VỊ THANH"
    assert "trên địa bàn phường" in ward.muc_dich_yeu_cau.muc[0].doan[0].noi_dung
    bodies = [d.chu_the for d in ward.to_chuc_thuc_hien.muc]
    assert {"Hội đồng nhân dân phường", "Ủy ban nhân dân phường"} <= set(bodies)
    assert _one_line(load_plan(tmp_path / "hoa-an.yaml").van_ban.co_quan) == "ĐẢNG ỦY XÃ HÒA AN"
    island = load_plan(tmp_path / "hon-dao.yaml").van_ban.co_quan
    assert _one_line(island) == "ĐẢNG ỦY ĐẶC KHU HÒN ĐẢO"


def test_a_thi_tran_under_a_2026_plan_is_refused_and_nothing_is_written(tmp_path):
    registry = tmp_path / "don_vi.yaml"
    registry.write_text(
        "cap: xa\ncap_tren: ĐẢNG BỘ THÀNH PHỐ CẦN THƠ\ndon_vi:\n"
        "  - {id: hoa-an, loai: xa, ten: Hòa An}\n"
        "  - {id: cay-duong, loai: thi_tran, ten: Cây Dương}\n", encoding="utf-8")
    out = tmp_path / "o"
    result = _derive(str(CAN_THO), "--all", "--units", str(registry), "-o", str(out))
    assert result.exit_code == 2
    assert ("don_vi.yaml:5:27: don_vi[1].loai: đơn vị 'cay-duong' là thị trấn: từ 01/7/2025 "
            "không còn thị trấn; có: xa, phuong, dac_khu") in result.output
    assert not out.exists()


def _city_plan(tmp_path: Path, paragraph: str) -> Path:
    path = upper_plan(
        tmp_path,
        {"co_quan": "THÀNH ỦY CẦN THƠ", "ma_co_quan": "TU", "so": 3, "dia_danh": "Cần Thơ",
         "ngay": "2026-03-10"},
        ["Ban Bí thư (b/c)", "Lưu Văn phòng Thành ủy"],
        "cap: xa\ncap_tren: ĐẢNG BỘ THÀNH PHỐ CẦN THƠ\ndon_vi:\n"
        "  - {id: hoa-an, loai: xa, ten: Hòa An}\n",
        "ct_nho.yaml",
    )
    plan = PlanFile.open(path)
    plan.set(("muc_dich_yeu_cau", "muc", 0, "doan", 0, "noi_dung"), paragraph)
    assert plan.save()
    return path


def test_an_upper_organ_becomes_the_commune_body_that_plays_its_role(tmp_path):
    plan = _city_plan(tmp_path, "Ban Tuyên giáo và Dân vận Thành ủy chủ trì tuyên truyền; "
                                "Ban Nội chính Thành ủy theo dõi.")
    result = _derive(str(plan), "--all", "-o", str(tmp_path / "o"))
    assert result.exit_code == 0, result.output
    yaml = (tmp_path / "o" / "hoa-an.yaml").read_text(encoding="utf-8")
    text = load_plan(tmp_path / "o" / "hoa-an.yaml").muc_dich_yeu_cau.muc[0].doan[0].noi_dung
    # The organ with no commune counterpart keeps its name and is flagged, never invented.
    assert text == ("Ban Xây dựng Đảng Đảng ủy chủ trì tuyên truyền; "
                    "Ban Nội chính Thành ủy theo dõi.")
    assert "XEM LẠI: cơ quan của cấp trên, cấp xã không có cơ quan tương ứng" in yaml
    assert "Dân vận Đảng ủy" not in yaml and "Nội chính Đảng ủy" not in yaml


def test_cap_can_name_a_kind_of_unit(tmp_path):
    """`cap: [thanh_pho, phuong]`: the city and its phường, not its xã and đặc khu."""
    plan_path = tmp_path / CAN_THO.name
    shutil.copy(CAN_THO, plan_path)
    shutil.copy(CAN_THO.parent / "don_vi_can_tho.yaml", tmp_path)
    plan = PlanFile.open(plan_path)
    plan.set((*plan.path_of("ct-that-nghiep-thanh-thi"), "cap", 0), "phuong")
    plan.insert((*plan.path_of("ct-that-nghiep-thanh-thi"), "cap"), 0, "thanh_pho")
    assert plan.save()
    result = _derive(str(plan_path), "--all", "--units", str(PHUONG), "-o", str(tmp_path / "o"))
    assert result.exit_code == 0, result.output
    kept = {unit: "ct-that-nghiep-thanh-thi" in {
        i.id for i in load_plan(tmp_path / "o" / f"{unit}.yaml").muc_tieu_chi_tieu.chi_tieu
        .indicators()} for unit in ("vi-thanh", "hoa-an", "hon-dao")}
    assert kept == {"vi-thanh": True, "hoa-an": False, "hon-dao": False}
    sheet = tmp_path / "gia_tri.xlsx"  # a phường takes it, so the values sheet has its row
    result = _derive(str(plan_path), "--units", str(PHUONG), "--values-template", str(sheet))
    assert result.exit_code == 0, result.output
    rows = [row[0] for row in load_workbook(sheet).active.iter_rows(values_only=True)]
    assert "ct-that-nghiep-thanh-thi" in rows
