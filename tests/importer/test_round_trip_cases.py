"""`import` of kehoach's own rendered document gives the plan back (issue 20): the cases
the generated plans found, each as an explicit plan. The property itself is
`tests/properties/test_props_import.py`."""

from __future__ import annotations

from typing import Any

import pytest
from builders import small_plan, write_plan
from click.testing import CliRunner

from kehoach.cli import main
from kehoach.document.prose import paragraph_text
from kehoach.plan.loader import load_plan


def _organ_head(data: dict[str, Any]) -> None:
    """No authority line: the title was read as the authority, the name as the title."""
    data["chu_ky"] = {"quyen_han": "", "chuc_vu": "TRƯỞNG BAN", "ho_ten": "Nguyễn Văn A"}


def _signed_note_without_name(data: dict[str, Any]) -> None:
    """`(đã ký)` and no name under it: the note was read as the name."""
    data["chu_ky"] = {"quyen_han": "T/M BAN THƯỜNG VỤ", "chuc_vu": "BÍ THƯ",
                      "ghi_chu": "(đã ký)", "ho_ten": ""}


def _organ_under_its_committee(data: dict[str, Any]) -> None:
    """`HUYỆN ỦY PHỤNG HIỆP` over `BAN TUYÊN GIÁO`: both were read as the issuer."""
    data["van_ban"] |= {"cap_tren": "HUYỆN ỦY PHỤNG HIỆP", "co_quan": "BAN TUYÊN GIÁO",
                        "ma_co_quan": "BTGHU"}


def _targets_ending_with_a_semicolon(data: dict[str, Any]) -> None:
    """A paragraph of targets ending with its last joiner `;` came back ending `;.`."""
    phrases = data["muc_tieu_chi_tieu"]["chi_tieu"]["doan"][0]["noi_dung"]
    phrases[0]["noi"] = "; "


CASES = [_organ_head, _signed_note_without_name, _organ_under_its_committee,
         _targets_ending_with_a_semicolon]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.__name__.strip("_"))
def test_the_rendered_document_imports_back(tmp_path, case):
    data = small_plan()
    case(data)
    path = write_plan(tmp_path / "kh.yaml", data)
    assert CliRunner().invoke(main, ["render", str(path), "-o", str(tmp_path)]).exit_code == 0
    result = CliRunner().invoke(main, ["import", str(tmp_path / "kh.docx"),
                                       "-o", str(tmp_path / "nhap.yaml")])
    assert result.exit_code in (0, 1), result.output
    plan, back = load_plan(path), load_plan(tmp_path / "nhap.yaml")
    assert back.chu_ky.model_dump(exclude={"xem_lai"}) == plan.chu_ky.model_dump(
        exclude={"xem_lai"})
    for key in ("cap_tren", "co_quan", "ma_co_quan"):
        assert getattr(back.van_ban, key) == getattr(plan.van_ban, key), key
    assert paragraph_text(back.muc_tieu_chi_tieu.chi_tieu.doan[0]) == paragraph_text(
        plan.muc_tieu_chi_tieu.chi_tieu.doan[0])


def test_dash_targets_then_plus_targets_keep_their_marks(tmp_path):
    """The 2,000-example run (import, example 230): a paragraph of '-' targets followed by one
    of '+' targets came back as one run of '-' lines (a run took its first line's mark)."""
    data = small_plan()
    block = data["muc_tieu_chi_tieu"]["chi_tieu"]
    block["doan"] = [
        {"id": "ctd-a", "dau": "-", "noi_dung": [
            {"id": "ct-a", "cau": "Tỷ lệ hộ nghèo dưới {gt}%", "nhan": "Hộ nghèo",
             "gia_tri": 3, "don_vi": "%", "so_sanh": "duoi"}]},
        {"id": "ctd-b", "dau": "+", "noi_dung": [
            {"id": "ct-b", "cau": "Có tối thiểu {gt} bác sĩ trên địa bàn", "nhan": "Bác sĩ",
             "gia_tri": 52, "don_vi": "bác sĩ", "so_sanh": "toi_thieu"},
            {"id": "ct-c", "cau": "Có trên {gt} hộ làm giàu", "nhan": "Hộ làm giàu",
             "gia_tri": 6, "don_vi": "hộ", "so_sanh": "tren"}]},
    ]
    path = write_plan(tmp_path / "kh.yaml", data)
    assert CliRunner().invoke(main, ["render", str(path), "-o", str(tmp_path)]).exit_code == 0
    result = CliRunner().invoke(main, ["import", str(tmp_path / "kh.docx"),
                                       "-o", str(tmp_path / "nhap.yaml")])
    assert result.exit_code in (0, 1), result.output
    back = load_plan(tmp_path / "nhap.yaml").muc_tieu_chi_tieu.chi_tieu
    assert [(p.dau, len(p.noi_dung)) for p in back.doan] == [("-", 1), ("+", 2)]
