"""Editing a plan file in place: only the changed lines move, values read back exactly,
and an edit that breaks the plan is refused with the file untouched."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from kehoach.errors import KehoachError, PlanError
from kehoach.plan.edit import PlanFile
from kehoach.plan.loader import load_plan
from kehoach.source import yamlsource
from tests.builders import small_plan, write_plan

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "plans" / "phung_hiep_42.yaml"
LABOUR = ("muc_tieu_chi_tieu", "chi_tieu", "doan", 0, "noi_dung", 2, "gia_tri")


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    copy = tmp_path / "phung_hiep_42.yaml"
    shutil.copy(SEED, copy)
    shutil.copy(SEED.parent / "don_vi_phung_hiep.yaml", tmp_path)
    return copy


def _changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    removed, added = [], []
    for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0):
        if line.startswith("-") and not line.startswith("---"):
            removed.append(line[1:])
        elif line.startswith("+") and not line.startswith("+++"):
            added.append(line[1:])
    return removed, added


def test_three_edits_touch_only_their_lines(seed: Path) -> None:
    before = seed.read_text(encoding="utf-8")
    plan = PlanFile.open(seed)
    plan.set(LABOUR, 85)
    plan.set_by_id("md-nang-cao-nhan-thuc", "noi_dung", "Nâng cao nhận thức của toàn dân.")
    plan.set(("noi_nhan", 1), "Ban Dân vận Tỉnh ủy (b/c)")
    assert plan.save()
    after = seed.read_text(encoding="utf-8")
    removed, added = _changed_lines(before, after)
    assert [r.strip() for r in removed] == [
        next(x for x in before.splitlines() if x.strip().startswith("Nâng cao nhận thức, trách")
             ).strip(),
        "gia_tri: 80",
        "- Ban Tuyên giáo Tỉnh ủy (b/c)",
    ]
    assert added == [
        "            Nâng cao nhận thức của toàn dân.",
        "            gia_tri: 85",
        "  - Ban Dân vận Tỉnh ủy (b/c)",
    ]
    # the folded block keeps its `>-`, comments and blank lines are all still there
    assert "noi_dung: >-\n            Nâng cao nhận thức của toàn dân." in after
    comments = [x for x in before.splitlines() if x.strip().startswith("#") or not x.strip()]
    assert comments == [x for x in after.splitlines() if x.strip().startswith("#") or not x.strip()]
    reread = load_plan(seed)
    assert reread.noi_nhan[1] == "Ban Dân vận Tỉnh ủy (b/c)"
    assert reread.muc_dich_yeu_cau.muc[0].doan[0].noi_dung == "Nâng cao nhận thức của toàn dân."


def test_an_edit_that_breaks_the_plan_is_refused_and_the_file_kept(seed: Path) -> None:
    before = seed.read_bytes()
    plan = PlanFile.open(seed)
    plan.set(("noi_nhan", 4), "Sở Lao động (b/c)")  # the last line must be the Lưu line
    with pytest.raises(PlanError) as caught:
        plan.save()
    assert str(seed) in str(caught.value) and "tệp giữ nguyên" in str(caught.value)
    assert "dòng lưu" in str(caught.value)
    assert seed.read_bytes() == before


@pytest.mark.parametrize("text", [
    "dòng một\ndòng hai", "cuối có dấu cách  ", "  đầu có dấu cách", 'ngoặc "kép" và \'đơn\'',
    "khóa: giá trị", "- gạch đầu", "# thăng", "* sao", "a\u2028b", "100", "true", "",
    "2024-02-05", "dòng\n\nđoạn mới\n", "x # không phải chú thích", "[mở", "{mở", "@ & ! % |",
])
def test_text_reads_back_exactly(tmp_path: Path, text: str) -> None:
    path = write_plan(tmp_path / "ke_hoach.yaml", small_plan())
    for where in (("van_ban", "trich_yeu"), ("can_cu", 0, "noi_dung"), ("chu_ky", "ho_ten")):
        plan = PlanFile.open(path)
        plan.set(where, text)
        assert yamlsource.load(plan.text, "x").data == plan.data
        assert PlanFile(path, plan.text.encode()).get(where) == text


def test_new_text_is_nfc(tmp_path: Path) -> None:
    path = write_plan(tmp_path / "ke_hoach.yaml", small_plan())
    plan = PlanFile.open(path)
    plan.set(("chu_ky", "ho_ten"), "Nguye\u0302\u0303n Văn B")  # decomposed ễ
    plan.save()
    assert "Nguyễn Văn B" in path.read_text(encoding="utf-8")


def test_insert_remove_and_review_notes(tmp_path: Path) -> None:
    path = write_plan(tmp_path / "ke_hoach.yaml", small_plan())
    before = path.read_text(encoding="utf-8")
    plan = PlanFile.open(path)
    plan.insert(("noi_nhan",), 1, "Các chi bộ trực thuộc")
    para = {"id": "nv-1-b", "noi_dung": "Kiểm tra, giám sát việc thực hiện ở cơ sở " * 3}
    plan.insert(("nhiem_vu_giai_phap", "muc", 0, "doan"), 1, para)
    plan.add_comment(("to_chuc_thuc_hien", "muc", 0), "XEM LẠI: giao cho ai?")
    plan.add_comment(("van_ban", "so"), "XEM LẠI: số chưa cấp")
    assert plan.save()
    text = path.read_text(encoding="utf-8")
    assert "  # XEM LẠI: số chưa cấp\n  so: 12\n" in text
    assert "    # XEM LẠI: giao cho ai?\n    - id: tc-1\n" in text
    data = load_plan(path)
    assert data.noi_nhan[1] == "Các chi bộ trực thuộc"
    assert data.nhiem_vu_giai_phap.muc[0].doan[1].noi_dung == para["noi_dung"].strip()
    plan = PlanFile.open(path)
    plan.remove(("noi_nhan", 1))
    plan.remove(plan.path_of("nv-1-b"))
    assert plan.remove_comments(("van_ban", "so"), "XEM LẠI:") == 1
    assert plan.remove_comments(plan.path_of("tc-1"), "XEM LẠI:") == 1
    plan.save()
    assert path.read_text(encoding="utf-8") == before


def test_a_field_is_removed_with_its_comments_whatever_its_place(tmp_path: Path) -> None:
    text = (
        "nhiem_vu_giai_phap:\n"
        "  muc:\n"
        "    - id: nv-1\n"
        "      tieu_de: Công tác tuyên truyền\n"
        "      # XEM LẠI: tên cơ quan cũ\n"
        "      xem_lai:\n"
        "        - ly_do: tên cơ quan cũ\n"
        "      doan:\n"
        "        - noi_dung: Tuyên truyền sâu rộng.\n"
        "    - xem_lai: [{ly_do: chưa rõ}]\n"
        "      id: nv-2\n"
        "      tieu_de: Kiểm tra\n"
    )
    path = tmp_path / "k.yaml"
    path.write_text(text, encoding="utf-8")
    plan = PlanFile.open(path)
    plan.remove(("nhiem_vu_giai_phap", "muc", 0, "xem_lai"))
    plan.remove(("nhiem_vu_giai_phap", "muc", 1, "xem_lai"))  # first field of its item
    assert plan.text == (
        "nhiem_vu_giai_phap:\n  muc:\n    - id: nv-1\n      tieu_de: Công tác tuyên truyền\n"
        "      doan:\n        - noi_dung: Tuyên truyền sâu rộng.\n"
        "    - id: nv-2\n      tieu_de: Kiểm tra\n"
    )
    with pytest.raises(KehoachError, match="một phần tử của danh sách hay một trường"):
        plan.remove(("nhiem_vu_giai_phap", "muc", 1, "tieu_de", 0))


def test_flow_lists_stay_flow(seed: Path) -> None:
    before = seed.read_text(encoding="utf-8")
    plan = PlanFile.open(seed)
    where = (*plan.path_of("ct-tuoi-tho"), "cap")
    line = f"cap: [{', '.join(plan.get(where))}]"
    plan.insert(where, 1, "xa")
    assert before.count(line) - 1 == plan.text.count(line)
    assert plan.get(where)[1] == "xa" and "[huyen, xa]" in plan.text
    plan.remove((*where, 1))
    assert plan.text == before


def test_missing_key_is_added_and_bad_paths_are_clear_errors(tmp_path: Path) -> None:
    path = write_plan(tmp_path / "ke_hoach.yaml", small_plan())
    plan = PlanFile.open(path)
    plan.set_by_id("ct-bhyt", "huong", "giam")
    assert load_plan_text(plan.text, tmp_path).muc_tieu_chi_tieu.chi_tieu.doan[0].noi_dung[
        0].huong == "giam"
    with pytest.raises(KehoachError, match="không có phần tử nào có mã 'khong-co'"):
        plan.set_by_id("khong-co", "gia_tri", 1)
    with pytest.raises(KehoachError, match="không có trường này"):
        plan.set(("noi_nhan", 9), "x")
    with pytest.raises(KehoachError, match="một khối"):
        plan.set(("van_ban",), "x")


def load_plan_text(text: str, folder: Path):
    other = folder / "lai.yaml"
    other.write_text(text, encoding="utf-8")
    return load_plan(other)


def test_a_file_changed_meanwhile_is_not_overwritten(tmp_path: Path) -> None:
    path = write_plan(tmp_path / "ke_hoach.yaml", small_plan())
    plan = PlanFile.open(path)
    plan.set(("chu_ky", "ho_ten"), "Trần Văn C")
    path.write_text(path.read_text(encoding="utf-8") + "# sửa tay\n", encoding="utf-8")
    with pytest.raises(KehoachError, match="đã bị thay đổi"):
        plan.save()
    assert path.read_text(encoding="utf-8").endswith("# sửa tay\n")
