"""`kehoach compare` on the fields of the plan that are not elements (closing sentence, order
of the parts, numbering style, recipients' filing line, reporting deadlines …) and on the
values of phụ lục tables: every change is listed in words a clerk reads (a milestone as
`năm 2030: 90`, a row by its cells, a change cell by cell), never as Python writes data."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from builders import small_plan, write_plan
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kehoach.cli import main

PYTHON_DATA = re.compile(r"\{'|\['|\{\"|\bNone\b|\bTrue\b|\bFalse\b")
"""How Python prints data: a dict, a list, None, booleans."""


def _with_appendices(data: dict[str, Any]) -> dict[str, Any]:
    data["phu_luc"] = [
        {"id": "pl-chi-tieu", "ten": "CÁC CHỈ TIÊU", "chi_tieu": [{"id": "pl-nhom", "chi_tieu": [
            {"id": "pl-bhyt", "nhan": "Tỷ lệ tham gia bảo hiểm y tế", "don_vi": "%",
             "moc": {2026: 80, 2030: 90},
             "khac": {"Cơ quan chủ trì theo dõi": "Sở Y tế"}}]}]},
        {"id": "pl-bang", "ten": "DANH SÁCH", "bang": {
            "cot": ["STT", "Nội dung", "Thời gian"],
            "dong": [{"o": ["1", "Hội nghị quán triệt", "Quý I"]},
                     {"o": ["2", "Sơ kết", "Quý III"]}]}},
    ]
    return data


def _run(folder: Path, old: dict, new: dict, *extra: str):
    a = write_plan(folder / "cu.yaml", old)
    b = write_plan(folder / "moi.yaml", new)
    return CliRunner().invoke(main, ["compare", str(a), str(b), *extra])


def _lines(result) -> list[str]:
    return result.output.splitlines()[:-1]


def test_the_closing_sentence_order_numbering_and_filing_line_are_changes(tmp_path):
    old = small_plan()
    new = small_plan() | {
        "ket_luan": "Trên đây là Kế hoạch, đề nghị nghiêm túc thực hiện.",
        "thu_tu": ["md", "nv", "mt", "tc"],
        "danh_so": {"muc": "I-"},
        "khong_dong_luu": True,
    }
    result = _run(tmp_path, old, new)
    assert result.exit_code == 1, result.output
    assert _lines(result) == [
        "kiểu đánh số: nhãn phần: theo hồ sơ thể thức → “I-”",
        "thứ tự các phần: phần “NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU” in ở phần II (trước là phần III)",
        "kế hoạch: câu kết: (trống) → “Trên đây là Kế hoạch, đề nghị nghiêm túc thực hiện.”",
        "kế hoạch: văn bản gốc không có dòng lưu: không → có",
    ]


def test_the_same_order_written_out_is_no_change(tmp_path):
    new = small_plan() | {"thu_tu": ["md", "mt", "nv", "tc"]}
    result = _run(tmp_path, small_plan(), new)
    assert result.exit_code == 0, result.output


def test_milestones_other_columns_and_table_cells_read_as_written(tmp_path):
    old = _with_appendices(small_plan())
    new = _with_appendices(small_plan())
    row = new["phu_luc"][0]["chi_tieu"][0]["chi_tieu"][0]
    row["moc"] = {2026: 85, 2030: 90, 2035: 95}
    row["khac"] = {"Cơ quan chủ trì theo dõi": "Sở Tài chính"}
    table = new["phu_luc"][1]["bang"]
    table["dong"][1]["o"][2] = "Quý IV"
    table["dong"].append({"o": ["3", "Tổng kết", "Năm 2030"]})
    result = _run(tmp_path, old, new)
    assert result.exit_code == 1, result.output
    assert _lines(result) == [
        "pl-bhyt: mốc, năm 2026: 80 → 85",
        "pl-bhyt: mốc: thêm năm 2035: 95",
        "pl-bhyt: các cột khác của bảng, Cơ quan chủ trì theo dõi: “Sở Y tế” → “Sở Tài chính”",
        "pl-bang: bảng, dòng 2, ô 3: “Quý III” → “Quý IV”",
        "pl-bang: bảng: thêm dòng 3: “3 | Tổng kết | Năm 2030”",
    ]
    found = json.loads(_run(tmp_path, old, new, "--format", "json").output)["thay_doi"]
    assert (found[0]["cu"], found[0]["moi"]) == (80, 85)


def test_a_long_value_shows_only_its_changed_words(tmp_path):
    new = small_plan()
    new["van_ban"]["trich_yeu"] += " về tiếp tục đổi mới, hoàn thiện và nâng cao chất lượng"
    result = _run(tmp_path, small_plan(), new)
    assert _lines(result) == [
        "đầu văn bản: trích yếu: thêm “về tiếp tục đổi mới, hoàn thiện và nâng cao chất lượng”"
    ]


WORDS = st.lists(st.sampled_from(
    ["Ủy ban", "nhân dân", "xã", "phường", "đặc khu", "Quý", "I", "III", "95", "2,5", "%",
     "Sở Tài chính", "hội nghị", "triển khai", "(b/c)", "Lưu", "Văn phòng"]),
    min_size=1, max_size=6).map(" ".join)


@st.composite
def _edits(draw) -> tuple[dict, dict, set[str]]:
    """The plan with its phụ lục, a later draft with some of its plan fields and table
    values edited (each edit makes a difference), and how the change list names them."""
    old = _with_appendices(small_plan())
    new = _with_appendices(small_plan())
    chosen = draw(st.sets(st.sampled_from(range(9)), min_size=1))
    text = draw(WORDS)
    if 0 in chosen:
        new["ket_luan"] = f"Trên đây là Kế hoạch {text}."
    if 1 in chosen:
        new["thu_tu"] = draw(st.permutations(["md", "mt", "nv", "tc"]).filter(
            lambda order: order != ["md", "mt", "nv", "tc"]))
    if 2 in chosen:
        new["danh_so"] = draw(st.sampled_from([{"muc": "I-"}, {"tieu_muc": "1-"},
                                               {"muc": "I-", "tieu_muc": "1-"}]))
    if 3 in chosen:
        new["khong_dong_luu"] = True
        new["noi_nhan"] = new["noi_nhan"][:-1]
    if 4 in chosen:
        new["bao_cao"] = {"sau_thang": "15/6", "so_ket": draw(st.integers(2026, 2030))}
    if 5 in chosen:
        new["van_ban"]["du_thao"] = draw(st.sampled_from([True, 1, 2]))
    row = new["phu_luc"][0]["chi_tieu"][0]["chi_tieu"][0]
    if 6 in chosen:
        year = draw(st.sampled_from([2026, 2030, 2035]))
        row["moc"][year] = draw(st.integers(0, 79) | st.just(text))
    if 7 in chosen:
        row["khac"] = draw(st.dictionaries(WORDS, WORDS, min_size=1, max_size=3))
    if 8 in chosen:
        table = new["phu_luc"][1]["bang"]
        width = draw(st.integers(3, 5))
        table["cot"] += [f"Cột {n}" for n in range(4, width + 1)]
        table["dong"] = [{"o": [*r["o"], *[""] * (width - 3)]} for r in table["dong"]]
        table["dong"].insert(draw(st.integers(0, 2)), {"o": [text, *[""] * (width - 1)]})
    columns = (len(new["phu_luc"][1]["bang"]["cot"]) != 3 or list(row["moc"]) != [2026, 2030]
               or list(row["khac"]) != ["Cơ quan chủ trì theo dõi"])
    return old, new, {NAMED[edit] for edit in chosen}, columns


NAMED = ["kế hoạch: câu kết:", "thứ tự các phần: phần “", "kiểu đánh số: nhãn",
         "kế hoạch: văn bản gốc không có dòng lưu: không → có", "chế độ báo cáo giao cho cấp dưới:",
         "đầu văn bản: dự thảo: không → ", "pl-bhyt: mốc", "pl-bhyt: các cột khác của bảng",
         "pl-bang: bảng"]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_edits())
def test_every_change_is_listed_without_python_data(case):
    old, new, named, new_columns = case
    with TemporaryDirectory(prefix="kehoach-") as name:
        folder = Path(name)
        # --docx refuses a table whose columns changed (exit 2, said so)
        tracked = [] if new_columns else ["--docx", str(folder / "so_sanh.docx")]
        shown = _run(folder, old, new, *tracked)
        as_json = _run(folder, old, new, "--format", "json")
        assert shown.exit_code == 1, shown.output
        document = "" if new_columns else zipfile.ZipFile(folder / "so_sanh.docx").read(
            "word/document.xml").decode()
    assert not PYTHON_DATA.search(shown.output), shown.output
    assert all(any(line.startswith(n) for line in _lines(shown)) for n in named), shown.output
    assert json.loads(as_json.output)["thay_doi"]
    text = "".join(re.findall(r"<w:(?:t|delText)(?: [^>]*)?>([^<]*)<", document))
    assert not PYTHON_DATA.search(text), text


def test_a_part_moved_while_another_is_removed_is_named_by_where_it_prints(tmp_path):
    new = small_plan()
    del new["muc_dich_yeu_cau"]
    new["thu_tu"] = ["nv", "mt", "tc"]
    result = _run(tmp_path, small_plan(), new)
    assert _lines(result) == [
        "thứ tự các phần: phần “NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU” in ở phần I (trước là phần III)",
        "md: bỏ phần “MỤC ĐÍCH, YÊU CẦU” (trong muc_dich_yeu_cau)",
    ]
