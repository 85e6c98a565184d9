"""The units registry: kinds of unit of both periods, the former units a merged unit took
in, and errors that point at the bad entry."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from kehoach.errors import PlanError
from kehoach.plan.units import load_registry
from kehoach.rules.levels import unit_kinds

PLANS = ROOT / "plans"
SMALL = Path(__file__).parent / "data" / "don_vi_phuong.yaml"


def _problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "don_vi.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlanError) as caught:
        load_registry(path)
    return [str(problem) for problem in caught.value.problems]


HEAD = "cap: xa\ncap_tren: ĐẢNG BỘ THÀNH PHỐ CẦN THƠ\ndon_vi:\n"


def test_every_kind_of_both_periods_is_read():
    units = load_registry(SMALL).registry.don_vi
    assert [(u.id, u.loai) for u in units] == [
        ("vi-thanh", "phuong"), ("hoa-an", "xa"), ("hon-dao", "dac_khu")]
    assert [f.ma for f in units[0].tien_than] == ["phuong-1", "phuong-3"]
    assert units[1].tien_than == []
    assert set(unit_kinds()) == {"xa", "phuong", "dac_khu", "thi_tran"}


def test_the_2024_registry_still_reads_with_its_thi_tran():
    units = load_registry(PLANS / "don_vi_phung_hiep.yaml").registry.don_vi
    assert sum(u.loai == "thi_tran" for u in units) == 3


def test_the_seven_new_communes_take_in_each_2024_unit_of_phung_hiep_once():
    old = {u.id: u for u in load_registry(PLANS / "don_vi_phung_hiep.yaml").registry.don_vi}
    new = load_registry(PLANS / "don_vi_can_tho.yaml").registry
    assert new.cap_tren == "ĐẢNG BỘ THÀNH PHỐ CẦN THƠ"
    assert [u.ten for u in new.don_vi] == [
        "Hòa An", "Hiệp Hưng", "Tân Phước Hưng", "Phụng Hiệp", "Phương Bình", "Thạnh Hòa",
        "Tân Bình"]
    assert {u.loai for u in new.don_vi} == {"xa"}
    taken = [f for unit in new.don_vi for f in unit.tien_than]
    assert sorted(f.ma for f in taken) == sorted(old)
    for former in taken:
        assert (former.loai, former.ten) == (old[former.ma].loai, old[former.ma].ten)
    hoa_an = new.don_vi[0]
    assert [f.ten for f in hoa_an.tien_than] == ["Kinh Cùng", "Hòa An"]


def test_an_unknown_kind_is_refused_at_its_line_and_column(tmp_path):
    problems = _problems(tmp_path, HEAD + "  - {id: an-binh, loai: thon, ten: An Bình}\n")
    assert len(problems) == 1
    assert ":4:" in problems[0] and "don_vi[0].loai" in problems[0]
    assert "loại đơn vị 'thon' không có; có: xa, thi_tran, phuong, dac_khu" in problems[0]


def test_a_bad_former_unit_is_refused_where_it_is(tmp_path):
    text = HEAD + (
        "  - id: hoa-an\n"
        "    loai: xa\n"
        "    ten: Hòa An\n"
        "    tien_than:\n"
        "      - {ma: kinh-cung, loai: thi_tran}\n"
        "      - {ma: Hòa An, loai: xa, ten: Hòa An}\n"
    )
    problems = _problems(tmp_path, text)
    assert len(problems) == 2
    # a missing key is shown at the key of the list holding the entry (tien_than, line 7)
    assert ":7:" in problems[0] and "don_vi[0].tien_than[0].ten: thiếu" in problems[0]
    assert ":9:" in problems[1] and "don_vi[0].tien_than[1].ma" in problems[1]


def test_a_former_unit_listed_twice_is_refused(tmp_path):
    text = HEAD + (
        "  - id: hoa-an\n"
        "    loai: xa\n"
        "    ten: Hòa An\n"
        "    tien_than:\n"
        "      - {ma: hoa-an, loai: xa, ten: Hòa An}\n"
        "      - {ma: hoa-an, loai: xa, ten: Hòa An}\n"
    )
    problems = _problems(tmp_path, text)
    assert len(problems) == 1
    assert "don_vi[0].tien_than" in problems[0]
    assert "đơn vị cũ 'hoa-an' được kê hai lần trong tien_than" in problems[0]


def test_an_unknown_key_in_a_former_unit_is_refused(tmp_path):
    text = HEAD + (
        "  - id: hoa-an\n"
        "    loai: xa\n"
        "    ten: Hòa An\n"
        "    tien_than: [{ma: hoa-an, loai: xa, ten: Hòa An, nam: 2024}]\n"
    )
    problems = _problems(tmp_path, text)
    assert len(problems) == 1
    assert ":7:" in problems[0] and "tien_than[0].nam" in problems[0]


def test_units_are_found_by_id_and_placed_in_the_list():
    loaded = load_registry(PLANS / "don_vi_phung_hiep.yaml")
    units = loaded.registry.don_vi
    last = units[-1]
    assert loaded.unit(last.id) is last and loaded.unit(units[0].id) is units[0]
    assert loaded.where(last, "ten") == ("don_vi", len(units) - 1, "ten")
    with pytest.raises(PlanError) as caught:
        loaded.unit("khong-co")
    assert f"không có đơn vị 'khong-co' trong danh sách; các mã hợp lệ: {units[0].id}" in str(
        caught.value)


def test_hidden_yaml_files_are_not_plans(tmp_path):
    from kehoach.plan.loader import yaml_files

    for name in ("a.yaml", "sub/b.yaml", "sub/.b.goc.yaml", ".an/c.yaml", "sub/b.yaml.bak"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("id: x\n", encoding="utf-8")
    assert [p.relative_to(tmp_path).as_posix() for p in yaml_files(tmp_path)] == [
        "a.yaml", "sub/b.yaml"]
