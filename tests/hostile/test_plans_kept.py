"""A plan is never lost or broken: --fix edits only text values, no output overwrites an
input even with --force, what derive writes loads back."""

from __future__ import annotations

from pathlib import Path

import yaml
from builders import small_plan, write_plan
from hostile import run, snapshot, unchanged

from kehoach.plan.loader import load_plan

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"


def _slipped(tmp_path: Path) -> Path:
    data = small_plan()
    data["to_chuc_thuc_hien"]["muc"][0]["id"] = "tc-ddoanf-theer"
    data["to_chuc_thuc_hien"]["muc"][0]["noi_dung"] = "chủ trì cùng các ddoanf theer, xe bus."
    path = write_plan(tmp_path / "ke_hoach.yaml", data)
    path.write_text("# ghi chú: ddoanf theer\n" + path.read_text(encoding="utf-8"), "utf-8")
    return path


def test_fix_in_place_edits_only_text_values(tmp_path: Path) -> None:
    path = _slipped(tmp_path)
    before = path.read_text(encoding="utf-8")
    run(["check", path, "--fix", "--in-place"], 1, "đoàn thể")
    after = path.read_text(encoding="utf-8")
    plan = load_plan(path)  # still loads
    item = plan.to_chuc_thuc_hien.muc[0]
    assert item.id == "tc-ddoanf-theer"
    assert item.noi_dung == "chủ trì cùng các đoàn thể, xe bus."
    assert after.splitlines()[0] == "# ghi chú: ddoanf theer"
    pairs = zip(before.splitlines(), after.splitlines(), strict=True)
    assert sum(a != b for a, b in pairs) == 1


def test_fix_writes_nothing_when_a_fix_would_not_load(tmp_path: Path) -> None:
    # a value the fixer could only change by breaking it: nothing is fixed, nothing written
    path = write_plan(tmp_path / "p.yaml", small_plan())
    text = path.read_text(encoding="utf-8").replace(
        "ho_ten: Nguyễn Văn A", 'ho_ten: "Nguyễn Văn A  \\x41 ."'
    )
    path.write_text(text, encoding="utf-8")
    before = snapshot(tmp_path)
    run(["check", path, "--fix"], 0, "hai dấu cách")
    unchanged(tmp_path, before)


def test_render_refuses_to_write_over_its_own_input(tmp_path: Path, monkeypatch) -> None:
    plan = write_plan(tmp_path / "plan.docx", small_plan())  # a plan named like its output
    before = snapshot(tmp_path)
    monkeypatch.chdir(tmp_path)
    run(["render", "plan.docx", "-o", "."], 2, "trùng với tệp đầu vào")
    unchanged(tmp_path, before)
    assert plan.is_file()


def test_derive_force_never_overwrites_the_upper_plan(tmp_path: Path) -> None:
    data = small_plan()
    data["danh_sach_don_vi"] = "don_vi.yaml"
    registry = {
        "cap": "xa",
        "cap_tren": "ĐẢNG BỘ HUYỆN PHỤNG HIỆP",
        "don_vi": [{"id": "hoa-an", "ten": "Hòa An", "loai": "xa"}],
    }
    (tmp_path / "don_vi.yaml").write_text(yaml.safe_dump(registry, allow_unicode=True), "utf-8")
    write_plan(tmp_path / "hoa-an.yaml", data)
    before = snapshot(tmp_path)
    run(["derive", tmp_path / "hoa-an.yaml", "--all", "--force", "-o", tmp_path], 2, "trùng")
    unchanged(tmp_path, before)


def test_import_refuses_to_write_over_its_source(tmp_path: Path) -> None:
    source = tmp_path / "ke_hoach.yaml"  # a text plan whose name is the output's
    source.write_bytes((FIXTURES / "phan_v_kinh_phi.txt").read_bytes())
    before = snapshot(tmp_path)
    run(["import", source, "-o", source, "--force"], 2, "trùng với tệp đầu vào")
    unchanged(tmp_path, before)
