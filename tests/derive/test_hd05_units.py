"""Drafts of 2026 (Hướng dẫn 05-HD/VPTW) read back from their DOCX: the place name with its
level word (II.I.4.1.1.c), the trích yếu in lower case (II.I.5.1.1), and a đặc khu's own
organs in part IV (Quy định 298-QĐ/TW), not a xã's Ban Xây dựng Đảng."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from builders import small_plan, write_plan
from click.testing import CliRunner
from conftest import ROOT
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kehoach.cli import main
from kehoach.derive.derivation import Derivation
from kehoach.plan.loader import load_plan
from kehoach.plan.units import LoadedRegistry, Registry
from kehoach.source.yamlsource import Source

CAN_THO = ROOT / "plans" / "can_tho_42.yaml"  # dated 15/9/2026
REGISTRY = """\
cap: xa
cap_tren: ĐẢNG BỘ THÀNH PHỐ CẦN THƠ
don_vi:
  - {id: my, loai: xa, ten: Mỹ}                     # one syllable
  - {id: can-tho, loai: phuong, ten: Cần Thơ}       # the city's own name
  - {id: ngo-quyen, loai: phuong, ten: Ngô Quyền, dia_danh_kem_cap: true}  # a person's name
  - {id: hoa-an, loai: xa, ten: Hòa An}
  - {id: hon-dao, loai: dac_khu, ten: Hòn Đảo}
"""


@pytest.fixture(scope="module")
def drafts(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hd05-units")
    (folder / "don_vi.yaml").write_text(REGISTRY, encoding="utf-8")
    result = CliRunner().invoke(main, ["derive", str(CAN_THO), "--all", "--units",
                                       str(folder / "don_vi.yaml"), "-o", str(folder / "o")])
    assert result.exit_code == 0, result.output
    return folder / "o"


def _header(docx: Path) -> tuple[list[str], list[str]]:
    left, right = Document(str(docx)).tables[0].rows[0].cells
    return [p.text for p in left.paragraphs], [p.text for p in right.paragraphs]


def _body(docx: Path) -> list[str]:
    return [p.text for p in Document(str(docx)).paragraphs if p.text.strip()]


def _part_iv(docx: Path) -> list[str]:
    """The bodies part IV charges, as printed (`1. Ban Tổ chức Đảng ủy tham mưu …`)."""
    body = _body(docx)
    start = next(i for i, text in enumerate(body) if text.endswith("TỔ CHỨC THỰC HIỆN"))
    items = [t for t in body[start + 1 :] if re.match(r"\d+\. ", t)]
    return items


@pytest.mark.parametrize(("unit", "place"), [
    ("my", "Xã Mỹ"), ("can-tho", "Phường Cần Thơ"), ("ngo-quyen", "Phường Ngô Quyền"),
    ("hoa-an", "Hòa An"), ("hon-dao", "Hòn Đảo"),
])
def test_the_place_carries_its_level_word_where_hd05_says(drafts, unit, place):
    left, right = _header(drafts / f"{unit}.docx")
    assert right[2].startswith(f"{place}, ngày ") and right[2].endswith(" năm 2026")
    assert left[0] == "ĐẢNG BỘ THÀNH PHỐ CẦN THƠ" and left[-1] == "Dự thảo"  # II.II.4.2
    assert load_plan(drafts / f"{unit}.yaml").van_ban.dia_danh == place


def test_a_one_syllable_xa_reads_back(drafts):
    left, _right = _header(drafts / "my.docx")
    assert left == ["ĐẢNG BỘ THÀNH PHỐ CẦN THƠ", "ĐẢNG ỦY XÃ MỸ", "*", "Số      -KH/ĐU", "Dự thảo"]
    body = _body(drafts / "my.docx")
    summary = body[body.index("KẾ HOẠCH") + 1]
    assert summary.startswith("thực hiện Kế hoạch số 27-KH/TU ngày 15/9/2026 của Ban Thường vụ "
                              "Thành ủy về thực hiện Nghị quyết số 42-NQ/TW")
    assert "Ban Thường vụ Đảng ủy xã Mỹ xây dựng Kế hoạch" in " ".join(body)
    organs = [item.split(" Đảng ủy ")[0] for item in _part_iv(drafts / "my.docx")]
    assert organs[:3] == ["1. Ban Xây dựng Đảng", "2. Văn phòng", "3. Ủy ban Kiểm tra"]


def test_a_dac_khu_reads_back_with_its_own_organs(drafts):
    docx = drafts / "hon-dao.docx"
    left, _right = _header(docx)
    assert left == ["ĐẢNG BỘ THÀNH PHỐ CẦN THƠ", "ĐẢNG ỦY ĐẶC KHU\nHÒN ĐẢO", "*",
                    "Số      -KH/ĐU", "Dự thảo"]  # a long issuer breaks before its name
    items = _part_iv(docx)
    assert [item.split(" Đảng ủy ")[0] for item in items[:4]] == [
        "1. Ban Tuyên giáo và Dân vận", "2. Ban Tổ chức", "3. Văn phòng",
        "4. Cơ quan Ủy ban Kiểm tra"]
    assert "học tập, quán triệt, tuyên truyền Nghị quyết số 42-NQ/TW" in items[0]
    assert "đánh giá, xếp loại chất lượng tổ chức đảng" in items[1]
    assert "phối hợp với Ban Tổ chức, Ban Tuyên giáo và Dân vận Đảng ủy" in items[2]
    assert items[3].endswith("tham mưu Ủy ban Kiểm tra Đảng ủy kiểm tra, giám sát việc thực "
                             "hiện Kế hoạch này trong các chi bộ, đảng bộ trực thuộc, cán bộ, "
                             "đảng viên.")
    text = " ".join(_body(docx))
    assert "Ban Xây dựng Đảng" not in text
    # the city's own organs named in the body become the đặc khu's, organ for organ
    assert "Ban Tuyên giáo và Dân vận Thành ủy" not in text.split("Kế hoạch số 27-KH/TU")[-1]
    recipients = load_plan(drafts / "hon-dao.yaml").noi_nhan
    assert {"Ban Tổ chức Đảng ủy", "Ban Tuyên giáo và Dân vận Đảng ủy",
            "Cơ quan Ủy ban Kiểm tra Đảng ủy"} <= set(recipients)


def test_the_2026_drafts_check_clean(drafts):
    result = CliRunner().invoke(main, ["check", *map(str, sorted(drafts.glob("*.docx")))])
    assert result.exit_code == 0, result.output
    assert result.output.count("hd05-2026") == 5 and "0 lỗi, 0 cảnh báo" in result.output


def test_before_hd05_a_one_syllable_name_stays_bare_unless_the_registry_says(tmp_path):
    """HD 36 (as kehoach holds it) adds no level word of itself; the registry still can."""
    plan = write_plan(tmp_path / "ph.yaml", small_plan() | {"danh_sach_don_vi": "don_vi.yaml"})
    (tmp_path / "don_vi.yaml").write_text(
        "cap: xa\ncap_tren: ĐẢNG BỘ HUYỆN PHỤNG HIỆP\ndon_vi:\n"
        "  - {id: my, loai: xa, ten: Mỹ}\n"
        "  - {id: tan-long, loai: xa, ten: Tân Long, dia_danh_kem_cap: true}\n",
        encoding="utf-8")
    result = CliRunner().invoke(main, ["derive", str(plan), "--all", "-o", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    places = {u: load_plan(tmp_path / "o" / f"{u}.yaml").van_ban for u in ("my", "tan-long")}
    assert places["my"].dia_danh == "Mỹ" and places["tan-long"].dia_danh == "Xã Tân Long"
    assert places["my"].trich_yeu.startswith("Thực hiện Kế hoạch")  # hd36: as practice writes


def test_a_wrong_place_flag_is_named_at_its_line(tmp_path):
    (tmp_path / "don_vi.yaml").write_text(
        "cap: xa\ncap_tren: ĐẢNG BỘ THÀNH PHỐ CẦN THƠ\ndon_vi:\n"
        "  - {id: my, loai: xa, ten: Mỹ, dia_danh_kem_cap: có}\n", encoding="utf-8")
    out = tmp_path / "o"
    result = CliRunner().invoke(main, ["derive", str(CAN_THO), "--all", "--units",
                                       str(tmp_path / "don_vi.yaml"), "-o", str(out)])
    assert result.exit_code == 2
    assert "don_vi.yaml:4:" in result.output and "dia_danh_kem_cap" in result.output
    assert "true" in result.output and "Traceback" not in result.output
    assert not out.exists()


_SYLLABLES = ["Mỹ", "An", "Hòa", "Tân", "Phước", "Hưng", "Cần", "Thơ", "Long", "Bình", "Đông"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words=st.lists(st.sampled_from(_SYLLABLES), min_size=1, max_size=4),
       kind=st.sampled_from(["xa", "phuong", "dac_khu"]),
       flagged=st.sampled_from([None, True, False]))
def test_any_unit_name_gets_its_level_word_exactly_where_the_rule_says(words, kind, flagged):
    """Generated names under the 2026 city plan: the level word is added for a person's
    name (the registry's flag), a one-syllable name, and the city's own name, never else."""
    parent = _city()
    name = " ".join(words)
    unit = {"id": "dv", "loai": kind, "ten": name}
    if flagged is not None:
        unit["dia_danh_kem_cap"] = flagged
    registry = Registry.model_validate(
        {"cap": "xa", "cap_tren": "ĐẢNG BỘ THÀNH PHỐ CẦN THƠ", "don_vi": [unit]})
    loaded = LoadedRegistry(registry, Source("don_vi.yaml", registry.model_dump()))
    derived = Derivation(parent, loaded).derive(registry.don_vi[0])
    word = {"xa": "Xã", "phuong": "Phường", "dac_khu": "Đặc khu"}[kind]
    wanted = flagged if flagged is not None else len(words) == 1 or name == "Cần Thơ"
    assert derived.plan.van_ban.dia_danh == (f"{word} {name}" if wanted else name)


_PARENT: list = []


def _city():
    if not _PARENT:
        _PARENT.append(load_plan(CAN_THO))
    return _PARENT[0]
