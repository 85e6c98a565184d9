"""`derive --update` does not trust its hidden files (issue 26): the base names its unit,
its upper plan and that plan's version, and is verified; a missing, edited or foreign base
gives the true cause and the safe way on (`--no-base`: every difference marked, nothing
of the clerk's lost, never `--force`); backups are numbered; exit 1 while a merge's note
is left; every comment of the clerk's file comes back."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner
from conftest import PLAN
from hostile import run, snapshot, unchanged

from kehoach.cli import main
from kehoach.derive.base import base_path
from kehoach.plan.edit import PlanFile
from kehoach.plan.loader import load_plan
from kehoach.plan.walk import by_id

UNIT = "hoa-an"
OURS = "Xã kiểm tra, giám sát việc thực hiện mỗi quý."
UPPER = "Thường xuyên kiểm tra, giám sát, sơ kết, tổng kết việc thực hiện."


def _setup(tmp_path: Path, *units: str) -> tuple[Path, Path]:
    shutil.copy(PLAN.parent / "don_vi_phung_hiep.yaml", tmp_path)
    upper = Path(shutil.copy(PLAN, tmp_path / PLAN.name))
    out = tmp_path / "out"
    for unit in units or (UNIT,):
        run(["derive", upper, "--unit", unit, "-o", out], 0, "đã soạn 1")
    return upper, out / f"{UNIT}.yaml"


def _set(path: Path, ident: str, key: str, value: object) -> None:
    plan = PlanFile.open(path)
    plan.set_by_id(ident, key, value)
    assert plan.save()


def _update(upper: Path, ours: Path, *extra: str):
    return CliRunner().invoke(main, ["derive", str(upper), "--unit", UNIT, "-o",
                                     str(ours.parent), "--update", *extra])


def _refused(upper: Path, ours: Path, cause: str) -> str:
    before = snapshot(ours.parent)
    result = run(["derive", upper, "--unit", UNIT, "-o", ours.parent, "--update"], 2, cause)
    assert "--update --no-base" in result.output and "--force" not in result.output
    unchanged(ours.parent, before)
    return result.output


def test_a_missing_base_names_the_true_cause_and_no_base_keeps_every_edit(tmp_path):
    upper, ours = _setup(tmp_path)
    base_path(ours).unlink()
    _set(ours, "yc-kiem-tra-giam-sat", "noi_dung", OURS)
    _set(upper, "yc-kiem-tra-giam-sat", "noi_dung", UPPER)
    _set(upper, "ct-bhyt", "gia_tri", 97)
    output = _refused(upper, ours, "không có bản gốc .hoa-an.goc.yaml")
    assert "không được chép theo khi chép thư mục" in output
    edited = ours.read_bytes()
    result = _update(upper, ours, "--no-base")
    assert result.exit_code == 1, result.output  # every difference awaits the clerk
    got = by_id(load_plan(ours))
    task = got["yc-kiem-tra-giam-sat"].element
    assert task.noi_dung == OURS  # nothing of the clerk's is lost
    assert any(UPPER in n.ly_do and "không có bản gốc" in n.ly_do for n in task.xem_lai)
    bhyt = got["ct-bhyt"].element
    assert bhyt.gia_tri == 95 and any("97" in n.ly_do for n in bhyt.xem_lai)
    assert ours.with_name(f"{UNIT}.yaml.bak").read_bytes() == edited
    assert base_path(ours).is_file()  # the next update has a base again
    assert "2 khác bản soạn mới, không có bản gốc (xem lại)" in result.output


def test_no_base_alone_is_refused(tmp_path):
    upper, ours = _setup(tmp_path)
    run(["derive", upper, "--unit", UNIT, "-o", ours.parent, "--no-base"], 2,
        "--no-base chỉ dùng cùng --update")


def test_a_base_of_another_unit_is_refused(tmp_path):
    upper, ours = _setup(tmp_path, UNIT, "tan-long")
    shutil.copy(base_path(ours.with_name("tan-long.yaml")), base_path(ours))
    _refused(upper, ours, "là của đơn vị 'tan-long', không phải của 'hoa-an'")


def test_a_base_drafted_from_another_plan_is_refused(tmp_path):
    upper, ours = _setup(tmp_path)
    other = tmp_path / "khac"
    other.mkdir()
    shutil.copy(PLAN.parent / "don_vi_phung_hiep.yaml", other)
    text = PLAN.read_text(encoding="utf-8").replace("id: phung-hiep-42\n", "id: ke-hoach-khac\n")
    (other / PLAN.name).write_text(text, encoding="utf-8")
    run(["derive", other / PLAN.name, "--unit", UNIT, "-o", other / "out"], 0, "đã soạn 1")
    shutil.copy(base_path(other / "out" / f"{UNIT}.yaml"), base_path(ours))
    _refused(upper, ours, "được soạn từ kế hoạch 'ke-hoach-khac', không phải từ kế hoạch "
             "'phung-hiep-42'")


def test_an_edited_base_is_refused(tmp_path):
    upper, ours = _setup(tmp_path)
    base = base_path(ours)
    base.write_text(base.read_text(encoding="utf-8").replace("Nâng cao", "Nâng", 1),
                    encoding="utf-8")
    _refused(upper, ours, "đã bị sửa sau khi derive ghi")


def test_a_base_of_an_older_version_than_the_plan_is_refused(tmp_path):
    upper, ours = _setup(tmp_path)
    _set(upper, "ct-bhyt", "gia_tri", 97)
    plan = PlanFile.open(upper)
    plan.set(("van_ban", "so"), 12)
    assert plan.save()
    assert _update(upper, ours).exit_code == 0
    shutil.copy(ours.with_name(f"{UNIT}.yaml.bak"), ours)  # the clerk restores the old plan
    _refused(upper, ours, "bản gốc không phải bản mà kế hoạch này soạn từ")


def test_a_base_from_before_stamps_still_merges_when_it_says_whose_it_is(tmp_path):
    upper, ours = _setup(tmp_path)
    base = base_path(ours)
    base.write_text(base.read_text(encoding="utf-8").split("\n", 2)[2], encoding="utf-8")
    _set(upper, "ct-bhyt", "gia_tri", 97)
    result = _update(upper, ours)
    assert result.exit_code == 0, result.output
    assert by_id(load_plan(ours))["ct-bhyt"].element.gia_tri == 97


def test_backups_are_numbered_and_a_pending_conflict_keeps_exit_1(tmp_path):
    upper, ours = _setup(tmp_path)
    _set(ours, "yc-kiem-tra-giam-sat", "noi_dung", OURS)
    _set(upper, "yc-kiem-tra-giam-sat", "noi_dung", UPPER)
    first = ours.read_bytes()
    assert _update(upper, ours).exit_code == 1
    merged = ours.read_bytes()
    second = _update(upper, ours)  # nothing new, but the conflict note is still there
    assert second.exit_code == 1, second.output
    assert "(bản trước: hoa-an.yaml.2.bak)" in second.output
    assert ours.with_name(f"{UNIT}.yaml.bak").read_bytes() == first  # never written over
    assert ours.with_name(f"{UNIT}.yaml.2.bak").read_bytes() == merged
    plan = PlanFile.open(ours)
    where = (*plan.path_of("yc-kiem-tra-giam-sat"), "xem_lai")
    plan.remove(where)  # the clerk has looked at it
    assert plan.save()
    third = _update(upper, ours)
    assert third.exit_code == 0, third.output
    assert ours.with_name(f"{UNIT}.yaml.3.bak").is_file()


def test_every_comment_of_the_clerks_file_comes_back(tmp_path):
    upper, ours = _setup(tmp_path)
    text = ours.read_text(encoding="utf-8")
    text = text.replace("  dia_danh: Hòa An\n", "  dia_danh: Hòa An  # tên xã mới\n", 1)
    item = "\n        - id: md-lanh-dao-chi-dao\n"
    text = text.replace(item, "\n        # đoạn này cấp trên sẽ bỏ\n" + item, 1)
    text += "# ghi chú cuối tệp của văn phòng\n\n# dòng cuối cùng\n"
    ours.write_text(text, encoding="utf-8")
    plan = PlanFile.open(upper)
    plan.remove(plan.path_of("md-lanh-dao-chi-dao"))
    assert plan.save()
    result = _update(upper, ours)
    assert result.exit_code == 0, result.output
    lines = [line.strip() for line in ours.read_text(encoding="utf-8").splitlines()]
    assert lines.index("# tên xã mới") < lines.index("van_ban:")  # above its block
    assert lines[-4:] == [
        "# Chú thích của phần tử md-lanh-dao-chi-dao, không còn trong kế hoạch sau khi cập nhật:",
        "# đoạn này cấp trên sẽ bỏ",
        "# ghi chú cuối tệp của văn phòng",
        "# dòng cuối cùng",
    ]
    again = _update(upper, ours)
    assert again.exit_code == 0
    after = [line.strip() for line in ours.read_text(encoding="utf-8").splitlines()]
    for comment in ("# tên xã mới", "# đoạn này cấp trên sẽ bỏ", "# dòng cuối cùng"):
        assert after.count(comment) == 1, comment
