"""Targets written as the part's numbered items (`II. MỤC TIÊU ĐẾN NĂM 2030`, then
`1. Chỉ số phát triển con người (HDI) của tỉnh đạt 0,75.`, `2. …`), as a provincial plan
writes them (review finding 24 of issue 22): import structures them as indicators, the
document prints them back line for line, and a commune's draft can then tell the
province's own figures from its targets."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from builders import small_plan, write_plan
from click.testing import CliRunner
from docx import Document

from kehoach.cli import main
from kehoach.plan.loader import load_plan

ROOT = Path(__file__).resolve().parents[1]
UPPER = ROOT / "corpus" / "upper"
sys.path.insert(0, str(UPPER))
import make_upper  # noqa: E402  (the corpus' builder of Word files typed as offices type them)

TARGETS = [
    "1. Chỉ số phát triển con người (HDI) của tỉnh đạt 0,75.",
    "2. Tỷ lệ hộ nghèo giảm còn dưới 3%.",
    "3. Tỷ lệ che phủ rừng duy trì ổn định trên 52%;",
    "4. Giữ vững ổn định chính trị, trật tự an toàn xã hội.",
]


def _word_file(tmp_path: Path, part: list[str]) -> Path:
    """The Quảng Ngãi plan of the corpus with its objectives part replaced by `part`, as the
    Word file a provincial office types (`make_upper.py`: typed labels, a tab after each)."""
    text = (UPPER / "quang_ngai_18.txt").read_text(encoding="utf-8")
    start, end = text.index("II. MỤC TIÊU"), text.index("III. NHIỆM VỤ")
    source = tmp_path / "kh.txt"
    source.write_text(text[:start] + "\n".join(part) + "\n" + text[end:], encoding="utf-8")
    return make_upper.build(source)


def _plan_text(tmp_path: Path, targets: list[str]) -> Path:
    return _word_file(tmp_path, ["II. MỤC TIÊU ĐẾN NĂM 2030", *targets])


def _imported(tmp_path: Path, targets: list[str]) -> Path:
    out = tmp_path / "kh.yaml"
    result = CliRunner().invoke(main, ["import", str(_plan_text(tmp_path, targets)),
                                       "-o", str(out)])
    assert result.exit_code in (0, 1), result.output
    return out


def test_numbered_targets_are_indicators_printed_back_line_for_line(tmp_path):
    plan = load_plan(_imported(tmp_path, TARGETS))
    block = plan.muc_tieu_chi_tieu.chi_tieu
    assert block is not None and block.nam == 2030 and block.tieu_de is None
    found = [(i.nhan, i.gia_tri, i.don_vi, i.so_sanh) for i in block.indicators()]
    assert found == [
        ("Chỉ số phát triển con người (HDI) của tỉnh", 0.75, "số", "dat"),
        ("Tỷ lệ hộ nghèo giảm còn", 3, "%", "duoi"),
        ("Tỷ lệ che phủ rừng duy trì ổn định", 52, "%", "tren"),
        ("Giữ vững ổn định chính trị, trật tự an toàn xã hội", None, None, None),
    ]
    result = CliRunner().invoke(main, ["render", str(tmp_path / "kh.yaml"), "-o",
                                       str(tmp_path)])
    assert result.exit_code == 0, result.output
    lines = [p.text for p in Document(str(tmp_path / "kh.docx")).paragraphs]
    start = lines.index("II. MỤC TIÊU ĐẾN NĂM 2030")
    assert lines[start + 1 : start + 5] == TARGETS
    assert lines[start + 5].startswith("III. NHIỆM VỤ")


@pytest.mark.parametrize("targets", [
    ["1. Chỉ số phát triển con người (HDI) của tỉnh đạt 0,75.", "3. Tỷ lệ hộ nghèo dưới 3%."],
    ["1. Về kinh tế", "2. Tỷ lệ hộ nghèo giảm còn dưới 3%."],
    ["1. Giữ vững ổn định chính trị.", "2. Nâng cao đời sống Nhân dân."],
], ids=["a skipped number", "a heading among them", "no target stated"])
def test_lines_that_are_not_a_numbered_list_of_targets_stay_as_items(tmp_path, targets):
    plan = load_plan(_imported(tmp_path, targets))
    assert plan.muc_tieu_chi_tieu.chi_tieu is None
    assert len(plan.muc_tieu_chi_tieu.muc) + bool(plan.muc_tieu_chi_tieu.muc_tieu_tong_quat) == 2


def test_a_communes_draft_leaves_out_the_provinces_own_figure(tmp_path):
    _imported(tmp_path, TARGETS)
    result = CliRunner().invoke(main, [
        "derive", str(tmp_path / "kh.yaml"), "--unit", "ba-to", "-o", str(tmp_path / "xa"),
        "--units", str(UPPER / "don_vi_quang_ngai.yaml")])
    assert result.exit_code in (0, 1), result.output
    text = (tmp_path / "xa" / "ba-to.yaml").read_text(encoding="utf-8")
    assert "Đã bỏ: “Chỉ số phát triển con người (HDI) của tỉnh đạt 0,75”" in text
    lines = [p.text for p in Document(str(tmp_path / "xa" / "ba-to.docx")).paragraphs]
    start = lines.index("II. MỤC TIÊU ĐẾN NĂM 2030")
    assert lines[start + 1].startswith("1. Tỷ lệ hộ nghèo")  # numbered again from 1
    assert not any("HDI" in line for line in lines)


def test_numbered_targets_under_a_heading_of_their_own_are_refused(tmp_path):
    data = small_plan()
    block = data["muc_tieu_chi_tieu"]["chi_tieu"]
    block["doan"][0]["dau"] = "1."
    result = CliRunner().invoke(main, ["validate", str(write_plan(tmp_path / "kh.yaml", data))])
    assert result.exit_code == 2, result.output
    assert "chỉ tiêu viết ngay dưới phần" in result.output


def test_a_numbered_list_opening_without_a_value_keeps_every_line_as_a_target(tmp_path):
    """Lâm Đồng, Kế hoạch phát động phong trào thi đua CCHC 2026 (III. CHỈ TIÊU THI ĐUA PHẤN
    ĐẤU NĂM 2026, then 1. … 4.): the first line states no value; it was taken as an opening
    paragraph, which cannot carry '1.', and the imported plan was invalid. The year comes
    from the heading in capitals; a line holding two targets is labelled by its first."""
    targets = [
        "1. Phấn đấu kết quả đánh giá Chỉ số PAR Index của tỉnh nằm trong nhóm dẫn đầu.",
        "2. Phấn đấu đến hết năm 2026, mức độ hài lòng của người dân đạt tối thiểu 90%; trong "
        "đó, lĩnh vực đất đai đạt tối thiểu 85%.",
    ]
    source = _word_file(tmp_path, ["II. CHỈ TIÊU THI ĐUA PHẤN ĐẤU NĂM 2026", *targets])
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(tmp_path / "kh.yaml")])
    assert result.exit_code in (0, 1), result.output
    block = load_plan(tmp_path / "kh.yaml").muc_tieu_chi_tieu.chi_tieu
    assert block is not None and block.nam == 2026 and block.mo_dau == []
    assert [(i.nhan, i.gia_tri) for i in block.indicators()] == [
        ("Phấn đấu kết quả đánh giá Chỉ số PAR Index của tỉnh nằm trong nhóm dẫn đầu", None),
        ("Đến hết năm 2026, mức độ hài lòng của người dân", 90),
    ]


def test_a_milestones_first_line_without_a_value_is_kept_as_a_target(tmp_path):
    """Hold-out (Khánh Hòa, Nghị quyết 71): under 'b) Đến năm 2035' the first dash line
    states no value ('Hoàn thành phổ cập …'); it was taken as an opening paragraph, which a
    milestone has no place for, and lost without a note."""
    lines = ["II. MỤC TIÊU", "1. Mục tiêu cụ thể", "a) Đến năm 2030",
             "- Tỷ lệ lao động qua đào tạo đạt 35%.", "b) Đến năm 2035",
             "- Hoàn thành phổ cập giáo dục trung học phổ thông và tương đương.",
             "- Ít nhất 90% trường mầm non, phổ thông công lập đạt chuẩn quốc gia."]
    source = _word_file(tmp_path, lines)
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(tmp_path / "kh.yaml")])
    assert result.exit_code in (0, 1), result.output
    block = load_plan(tmp_path / "kh.yaml").muc_tieu_chi_tieu.chi_tieu
    assert block is not None
    assert [(p.nam, [i.gia_tri for i in p.indicators()]) for p in block.doan] == [
        (2030, [35]), (2035, [None, 90])]
    result = CliRunner().invoke(main, ["render", str(tmp_path / "kh.yaml"), "-o",
                                       str(tmp_path)])
    assert result.exit_code == 0, result.output
    printed = [p.text for p in Document(str(tmp_path / "kh.docx")).paragraphs]
    assert printed[printed.index("II. MỤC TIÊU") + 1:][:6] == lines[1:]
