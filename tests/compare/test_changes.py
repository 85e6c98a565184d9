"""`kehoach compare`: the change list, by element id, on small plans and on the seed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from builders import small_plan, write_plan
from click.testing import CliRunner
from drafts import write_drafts

from kehoach.cli import main


def _compare(tmp_path: Path, old: dict, new: dict, *extra: str):
    a = write_plan(tmp_path / "cu.yaml", old)
    b = write_plan(tmp_path / "moi.yaml", new)
    return CliRunner().invoke(main, ["compare", str(a), str(b), *extra])


def _lines(result) -> list[str]:
    return result.output.splitlines()[:-1]  # the last line is the count


def _task(data: dict, i: int, text: str) -> dict:
    return {
        "id": f"nv-{i}",
        "tieu_de": f"Nhiệm vụ {i}",
        "doan": [{"id": f"nv-{i}-a", "noi_dung": text}],
    }


def test_the_same_plan_is_no_change(tmp_path):
    result = _compare(tmp_path, small_plan(), small_plan())
    assert result.exit_code == 0, result.output
    assert result.output == "hai bản như nhau\n"


def test_an_indicator_value_change_is_one_line_with_both_values(tmp_path):
    new = small_plan()
    new["muc_tieu_chi_tieu"]["chi_tieu"]["doan"][0]["noi_dung"][0]["gia_tri"] = "96,5"
    result = _compare(tmp_path, small_plan(), new)
    assert result.exit_code == 1, result.output
    assert _lines(result) == ["ct-bhyt: trên 95% → trên 96,5%"]
    assert result.output.endswith("khác nhau: 1 thay đổi\n")


def test_a_comparison_and_unit_change_is_a_value_change(tmp_path):
    new = small_plan()
    indicator = new["muc_tieu_chi_tieu"]["chi_tieu"]["doan"][0]["noi_dung"][0]
    indicator.update(so_sanh="toi_thieu", gia_tri=900, don_vi="người", cau="Có {gt} người")
    result = _compare(tmp_path, small_plan(), new)
    assert _lines(result) == [
        "ct-bhyt: sửa câu chữ: “Tỷ lệ dân số tham gia bảo hiểm y tế trên …%” → “Có … người”",
        "ct-bhyt: trên 95% → tối thiểu 900 người",
    ]


def test_a_reword_names_the_words_that_changed(tmp_path):
    new = small_plan()
    new["nhiem_vu_giai_phap"]["muc"][0]["doan"][0]["noi_dung"] = (
        "Tuyên truyền thường xuyên trong cán bộ, đảng viên và Nhân dân."
    )
    result = _compare(tmp_path, small_plan(), new)
    assert _lines(result) == [
        "nv-1-a: sửa câu chữ: “sâu rộng” → “thường xuyên”; thêm “và Nhân dân”"
    ]


def test_a_removal_and_an_addition_list_only_the_top_element(tmp_path):
    old, new = small_plan(), small_plan()
    old["nhiem_vu_giai_phap"]["muc"].append(_task(old, 2, "Việc cũ."))
    new["nhiem_vu_giai_phap"]["muc"].append(_task(new, 3, "Việc mới."))
    result = _compare(tmp_path, old, new)
    assert _lines(result) == [
        "nv-2: bỏ mục “Nhiệm vụ 2” (trong nv)",
        "nv-3: thêm mục “Nhiệm vụ 3” (trong nv, sau nv-1), gồm 1 phần tử",
    ]


def test_removing_the_first_task_does_not_report_the_renumbered_ones(tmp_path):
    old = small_plan()
    old["nhiem_vu_giai_phap"]["muc"] += [_task(old, 2, "Hai."), _task(old, 3, "Ba.")]
    new = small_plan()
    new["nhiem_vu_giai_phap"]["muc"] = old["nhiem_vu_giai_phap"]["muc"][1:]
    result = _compare(tmp_path, old, new)
    assert _lines(result) == [
        "nv-1: bỏ mục “Nâng cao nhận thức” (trong nv)",
    ]


def _three_tasks() -> dict:
    data = small_plan()
    data["nhiem_vu_giai_phap"]["muc"] += [_task(data, 2, "Hai."), _task(data, 3, "Ba.")]
    return data


def test_moving_one_task_to_the_end_is_one_move(tmp_path):
    new = _three_tasks()
    tasks = new["nhiem_vu_giai_phap"]["muc"]
    tasks.append(tasks.pop(0))
    result = _compare(tmp_path, _three_tasks(), new)
    assert _lines(result) == [
        "nv-1: chuyển chỗ: từ (trong nv, đứng đầu) đến (trong nv, sau nv-3)",
    ]


def test_a_paragraph_moved_to_another_task_is_a_move(tmp_path):
    new = _three_tasks()
    tasks = new["nhiem_vu_giai_phap"]["muc"]
    tasks[2]["doan"].append(tasks[1]["doan"].pop())
    result = _compare(tmp_path, _three_tasks(), new)
    assert _lines(result) == [
        "nv-2-a: chuyển chỗ: từ (trong nv-2, đứng đầu) đến (trong nv-3, sau nv-3-a)",
    ]


def test_header_changes_are_listed_first(tmp_path):
    new = small_plan()
    new["van_ban"].update(so=13, ngay="2024-03-15")
    new["chu_ky"]["ho_ten"] = "Trần Văn B"
    new["noi_nhan"].insert(1, "Các chi bộ")
    new["nhiem_vu_giai_phap"]["muc"][0]["tieu_de"] = "Nâng cao nhận thức, trách nhiệm"
    result = _compare(tmp_path, small_plan(), new)
    assert _lines(result) == [
        "đầu văn bản: số: 12 → 13",
        "đầu văn bản: ngày: 05/02/2024 → 15/03/2024",
        "chữ ký: người ký: “Nguyễn Văn A” → “Trần Văn B”",
        "nơi nhận: thêm “Các chi bộ”",
        "nv-1: sửa câu chữ: thêm “, trách nhiệm”",
    ]


def test_json_lists_the_same_changes(tmp_path):
    new = small_plan()
    new["muc_tieu_chi_tieu"]["chi_tieu"]["doan"][0]["noi_dung"][0]["gia_tri"] = 96
    result = _compare(tmp_path, small_plan(), new, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["giong_nhau"] is False
    assert data["thay_doi"] == [
        {
            "loai": "gia_tri",
            "id": "ct-bhyt",
            "mo_ta": "trên 95% → trên 96%",
            "truong": "gia_tri",
            "cu": "trên 95%",
            "moi": "trên 96%",
        }
    ]


@pytest.mark.parametrize("broken", ["missing", "invalid"])
def test_errors_exit_2_without_a_traceback_or_a_file(tmp_path, broken):
    old = write_plan(tmp_path / "cu.yaml", small_plan())
    new = tmp_path / "moi.yaml"
    if broken == "invalid":
        data = small_plan()
        data["van_ban"]["so"] = "mười"
        write_plan(new, data)
    target = tmp_path / "ra.docx"
    result = CliRunner().invoke(main, ["compare", str(old), str(new), "--docx", str(target)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)
    assert ("không có tệp" if broken == "missing" else "moi.yaml:") in result.output
    assert not target.exists()


def test_two_drafts_of_the_seed_list_exactly_what_changed(tmp_path):
    old, new = write_drafts(tmp_path)
    result = CliRunner().invoke(main, ["compare", str(old), str(new)])
    assert result.exit_code == 1, result.output
    assert result.output.splitlines() == [
        "đầu văn bản: số: (trống) → 42",
        "đầu văn bản: dự thảo: có → không",
        "đầu văn bản: ngày: năm 2024 → 15/03/2024",
        "chữ ký: người ký: (trống) → “Nguyễn Văn Bình”",
        "ct-bhyt: trên 95% → trên 96%",
        "nv7-dich-vu-xa-hoi: chuyển chỗ: từ (trong nhiem-vu-giai-phap, sau nv6-phuc-loi-xa-hoi)"
        " đến (trong nhiem-vu-giai-phap, đứng đầu)",
        "nv1-quan-triet: sửa câu chữ: thêm “thường xuyên,”",
        "nv8-hop-tac-quoc-te: bỏ mục “Đẩy mạnh hợp tác và tranh thủ nguồn lực, kinh nghiệm quốc…”"
        " (trong nhiem-vu-giai-phap)",
        "nv9-chuyen-doi-so: thêm đoạn “Đẩy mạnh chuyển đổi số trong thực hiện chính sách xã"
        " hội.” (trong nv9-lanh-dao, sau nv9-vai-tro-cap-uy)",
        "khác nhau: 9 thay đổi",
    ]


def test_imported_drafts_pair_their_elements_and_find_the_same_changes(tmp_path):
    plans = write_drafts(tmp_path)
    for plan in plans:
        rendered = CliRunner().invoke(main, ["render", str(plan), "-o", str(tmp_path)])
        assert rendered.exit_code == 0, rendered.output
    docx = [str(plan.with_suffix(".docx")) for plan in plans]
    by_yaml = json.loads(
        CliRunner().invoke(main, ["compare", *map(str, plans), "--format", "json"]).output
    )
    result = CliRunner().invoke(main, ["compare", *docx, "--format", "json"])
    assert result.exit_code == 1, result.output
    imported = json.loads(result.output)
    assert [c["loai"] for c in imported["thay_doi"]] == [c["loai"] for c in by_yaml["thay_doi"]]
    worded = ("van_ban", "gia_tri", "sua_chu")
    assert [c["mo_ta"] for c in imported["thay_doi"] if c["loai"] in worded] == [
        c["mo_ta"] for c in by_yaml["thay_doi"] if c["loai"] in worded
    ]
    # the import numbers its ids by position: task 7, moved to the top, is paired by text
    assert {"cu": "nv7", "moi": "nv1", "giong": 1.0} in imported["ghep"]
    text = CliRunner().invoke(main, ["compare", *docx]).output
    assert "ghép: nv7 ↔ nv1 (giống 100%)" in text


def test_fields_are_named_in_words_down_to_a_notes_parts(tmp_path):
    old, new = small_plan(), small_plan()
    new["nhiem_vu_giai_phap"]["muc"][0]["xem_lai"] = [{"cum": "sâu rộng", "ly_do": "rõ hơn"}]
    result = _compare(tmp_path, old, new)
    assert result.exit_code == 1, result.output
    assert _lines(result) == [
        "nv-1: ghi chú xem lại: (trống) → cụm chữ: “sâu rộng”, lý do: “rõ hơn”"]
