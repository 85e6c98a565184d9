"""`derive --update`: a commune plan brought up to date with a changed district plan,
the commune's edits kept, conflicts marked; on the seed plan, edited in a tmp copy."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import PLAN, ROOT
from docx import Document

from kehoach.cli import main
from kehoach.derive.base import draft_of
from kehoach.plan.edit import PlanFile
from kehoach.plan.loader import load_plan
from kehoach.plan.walk import by_id

REGISTRY = ROOT / "plans" / "don_vi_phung_hiep.yaml"
UNIT = "hoa-an"
UPPER_TEXT = "Tổ chức quán triệt sâu rộng Kế hoạch đến từng chi bộ, đảng viên."
NEW_PARAGRAPH = {"id": "md-moi-cap-tren", "noi_dung": "Đoạn mới cấp trên thêm vào mục đích."}
OURS_TEXT = "Gắn với chủ trương của Đảng ủy xã Hòa An về an sinh xã hội."
BOTH_OURS = "Xã kiểm tra, giám sát việc thực hiện mỗi quý."
BOTH_UPPER = "Thường xuyên kiểm tra, giám sát, sơ kết, tổng kết việc thực hiện."
KEPT_TEXT = "Xã sửa đoạn này nên giữ lại."


def _cli(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def _upper(folder: Path) -> Path:
    """A tmp copy of the seed plan beside its registry."""
    shutil.copy(REGISTRY, folder / REGISTRY.name)
    return Path(shutil.copy(PLAN, folder / PLAN.name))


def _derived(tmp_path: Path) -> tuple[Path, Path]:
    upper = _upper(tmp_path)
    out = tmp_path / "out"
    result = _cli("derive", upper, "--unit", UNIT, "-o", out)
    assert result.exit_code == 0, result.output
    return upper, out / f"{UNIT}.yaml"


def _edit(path: Path, texts: dict[str, tuple[str, object]]) -> None:
    plan = PlanFile.open(path)
    for ident, (key, value) in texts.items():
        plan.set_by_id(ident, key, value)
    assert plan.save()


def _remove(path: Path, ident: str) -> None:
    plan = PlanFile.open(path)
    plan.remove(plan.path_of(ident))
    assert plan.save()


@pytest.fixture(scope="module")
def merged(tmp_path_factory):
    """The district plan and the commune plan both edited, then `--update`."""
    tmp = tmp_path_factory.mktemp("update")
    upper, ours = _derived(tmp)
    _edit(upper, {
        "yc-hoc-tap-quan-triet": ("noi_dung", UPPER_TEXT),
        "yc-kiem-tra-giam-sat": ("noi_dung", BOTH_UPPER),
        "ct-bhyt": ("gia_tri", 96),
        "ct-bhtn": ("gia_tri", 50),
        "ct-bhxh": ("gia_tri", 70),
    })
    plan = PlanFile.open(upper)
    plan.insert((*plan.path_of("muc-dich"), "doan"), 1, NEW_PARAGRAPH)
    assert plan.save()
    _remove(upper, "md-lanh-dao-chi-dao")
    before = ours.read_bytes()
    _edit(ours, {
        "yc-gan-voi-chu-truong": ("noi_dung", OURS_TEXT),
        "yc-kiem-tra-giam-sat": ("noi_dung", BOTH_OURS),
        "ct-bhxh": ("gia_tri", 60),
        "ct-bhtn": ("cau", "trên {gt}% lực lượng lao động tham gia bảo hiểm thất nghiệp ở xã"),
    })
    edited = ours.read_bytes()
    result = _cli("derive", upper, "--unit", UNIT, "-o", ours.parent, "--update")
    return {"result": result, "ours": ours, "upper": upper, "before": before,
            "edited": edited, "tmp": tmp}


def _elements(path: Path):
    return by_id(load_plan(path))


def test_each_path_an_element_can_take(merged):
    assert merged["result"].exit_code == 1, merged["result"].output  # a conflict awaits
    got = _elements(merged["ours"])
    assert got["yc-hoc-tap-quan-triet"].element.noi_dung == UPPER_TEXT  # upper only
    assert got["yc-gan-voi-chu-truong"].element.noi_dung == OURS_TEXT  # commune only
    base = by_id(load_plan(PLAN))
    untouched = got["md-nang-cao-nhan-thuc"].element
    assert untouched.noi_dung == base["md-nang-cao-nhan-thuc"].element.noi_dung
    assert not untouched.xem_lai


def test_both_changed_keeps_the_communes_text_and_marks_it(merged):
    element = _elements(merged["ours"])["yc-kiem-tra-giam-sat"].element
    assert element.noi_dung == BOTH_OURS
    reasons = [note.ly_do for note in element.xem_lai]
    assert any(BOTH_UPPER in reason for reason in reasons)
    text = merged["ours"].read_text(encoding="utf-8")
    comment = next(line for line in text.splitlines() if BOTH_UPPER in line and "#" in line)
    assert comment.strip().startswith("# XEM LẠI:")
    docx = merged["ours"].with_suffix(".docx")
    comments = Document(str(docx)).comments
    assert any(BOTH_UPPER in c.text for c in comments)


def test_additions_go_in_place_and_removals_go(merged):
    got = load_plan(merged["ours"])
    purpose = [p.id for p in got.muc_dich_yeu_cau.muc[0].doan]
    assert purpose == ["md-nang-cao-nhan-thuc", "md-moi-cap-tren"]
    assert "md-lanh-dao-chi-dao" not in by_id(got)


def test_indicator_values(merged):
    got = _elements(merged["ours"])
    assert got["ct-bhyt"].element.gia_tri == 96  # the commune never changed it
    assert got["ct-bhtn"].element.gia_tri == 50  # its wording was the commune's
    assert got["ct-bhtn"].element.cau.endswith("ở xã")
    bhxh = got["ct-bhxh"].element
    assert bhxh.gia_tri == 60 and any("70" in n.ly_do for n in bhxh.xem_lai)


def test_summary_backup_and_base(merged):
    output = merged["result"].output
    assert ("90 không đổi, 2 theo cấp trên, 1 giữ bản của xã, 1 gộp sửa của cả hai, "
            "2 xã và cấp trên cùng sửa (xem lại), 1 cấp trên thêm, 1 cấp trên bỏ "
            f"(bản trước: {UNIT}.yaml.bak)\n") in output
    ours = merged["ours"]
    assert ours.with_name(f"{UNIT}.yaml.bak").read_bytes() == merged["edited"]
    fresh = merged["tmp"] / "fresh"
    assert _cli("derive", merged["upper"], "--unit", UNIT, "-o", fresh).exit_code == 0
    base = ours.with_name(f".{UNIT}.goc.yaml")
    assert base.read_bytes() == (fresh / f".{UNIT}.goc.yaml").read_bytes()
    assert draft_of(base.read_text(encoding="utf-8")) == (fresh / f"{UNIT}.yaml").read_text(
        encoding="utf-8")
    assert base.read_bytes() != merged["before"]


def test_a_removed_element_the_commune_changed_stays_marked(tmp_path):
    upper, ours = _derived(tmp_path)
    _remove(upper, "md-lanh-dao-chi-dao")
    _edit(ours, {"md-lanh-dao-chi-dao": ("noi_dung", KEPT_TEXT)})
    result = _cli("derive", upper, "--unit", UNIT, "-o", ours.parent, "--update")
    assert result.exit_code == 1, result.output
    kept = _elements(ours)["md-lanh-dao-chi-dao"].element
    assert kept.noi_dung == KEPT_TEXT
    assert any("cấp trên đã bỏ" in note.ly_do for note in kept.xem_lai)
    assert "1 cấp trên bỏ nhưng xã đã sửa nên giữ (xem lại)" in result.output


def test_a_clean_update_exits_0_and_the_commune_text_is_the_new_upper(tmp_path):
    upper, ours = _derived(tmp_path)
    _edit(upper, {"ct-bhyt": ("gia_tri", 97)})
    result = _cli("derive", upper, "--unit", UNIT, "-o", ours.parent, "--update")
    assert result.exit_code == 0, result.output
    assert _elements(ours)["ct-bhyt"].element.gia_tri == 97
    assert "0 chỗ gộp cần xem lại" in result.output


def test_a_plan_derived_before_the_base_was_kept(tmp_path):
    upper, ours = _derived(tmp_path)
    ours.with_name(f".{UNIT}.goc.yaml").unlink()
    _edit(upper, {"ct-bhyt": ("gia_tri", 97)})
    before = sorted(p.name for p in ours.parent.iterdir())
    text = ours.read_bytes()
    result = _cli("derive", upper, "--unit", UNIT, "-o", ours.parent, "--update")
    assert result.exit_code == 2
    assert f"không có bản gốc .{UNIT}.goc.yaml" in result.output
    assert "--update --no-base" in result.output and "--force" not in result.output
    assert sorted(p.name for p in ours.parent.iterdir()) == before
    assert ours.read_bytes() == text


def test_a_broken_commune_plan_writes_nothing_and_exits_2(tmp_path):
    upper, ours = _derived(tmp_path)
    ours.write_text(ours.read_text(encoding="utf-8").replace("noi_nhan:", "noi_nhan_x:", 1),
                    encoding="utf-8")
    text = ours.read_bytes()
    result = _cli("derive", upper, "--unit", UNIT, "-o", ours.parent, "--update")
    assert result.exit_code == 2 and "noi_nhan_x" in result.output
    assert ours.read_bytes() == text and not ours.with_name(f"{UNIT}.yaml.bak").exists()


def test_update_and_force_do_not_go_together(tmp_path):
    upper, ours = _derived(tmp_path)
    result = _cli("derive", upper, "--unit", UNIT, "-o", ours.parent, "--update", "--force")
    assert result.exit_code == 2 and "--update" in result.output


def test_all_units_update_and_build_skips_bases_and_backups(tmp_path):
    upper = _upper(tmp_path)
    out = tmp_path / "plans"
    assert _cli("derive", upper, "--all", "-o", out).exit_code == 0
    _edit(upper, {"ct-bhyt": ("gia_tri", 97)})
    result = _cli("derive", upper, "--all", "-o", out, "--update")
    assert result.exit_code == 0, result.output
    assert "đã cập nhật 15 kế hoạch" in result.output
    assert _elements(out / f"{UNIT}.yaml")["ct-bhyt"].element.gia_tri == 97
    assert len(list(out.glob("*.yaml.bak"))) == len(list(out.glob(".*.goc.yaml"))) == 15
    built = tmp_path / "built"
    result = _cli("build", out, "-o", built)
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in built.iterdir())
    assert len(names) == 15 and all(not n.startswith(".") for n in names)
    assert "goc" not in result.output and ".bak" not in result.output


def test_the_clerks_own_comments_stay_above_their_elements(tmp_path):
    upper, ours = _derived(tmp_path)
    plan = PlanFile.open(ours)
    plan.add_comment(plan.path_of("ct-bhyt"), "Số liệu lấy theo Bảo hiểm xã hội khu vực")
    plan.add_comment(("van_ban", "dia_danh"), "Địa danh theo tên xã mới")
    plan.add_comment(plan.path_of("yc-kiem-tra-giam-sat"), "XEM LẠI: hỏi lại Ủy ban kiểm tra")
    assert plan.save()
    marks_before = [line for line in ours.read_text(encoding="utf-8").splitlines()
                    if "# XEM LẠI:" in line and "Ủy ban kiểm tra" not in line]
    _edit(upper, {"ct-bhyt": ("gia_tri", 97)})
    result = _cli("derive", upper, "--unit", UNIT, "-o", ours.parent, "--update")
    assert result.exit_code in (0, 1), result.output
    lines = ours.read_text(encoding="utf-8").splitlines()
    at = {line.strip(): i for i, line in enumerate(lines)}
    assert lines[at["# Số liệu lấy theo Bảo hiểm xã hội khu vực"] + 1].strip() == "- id: ct-bhyt"
    assert at["# Địa danh theo tên xã mới"] < at["van_ban:"]  # a field's: above its block
    assert lines[at["# XEM LẠI: hỏi lại Ủy ban kiểm tra"] + 1].strip() == (
        "- id: yc-kiem-tra-giam-sat")
    for comment in ("Số liệu lấy theo", "Địa danh theo", "hỏi lại Ủy ban", "soạn tự động"):
        assert sum(comment in line for line in lines) == 1, comment
    for mark in marks_before:  # the notes' own marks, written again, not carried twice
        assert lines.count(mark) == marks_before.count(mark), mark
    assert _elements(ours)["ct-bhyt"].element.gia_tri == 97


def test_a_comment_typed_after_a_field_the_commune_set_is_kept(tmp_path):
    """Review #28: `ho_ten: Nguyễn Văn Xã  # người ký của xã` typed by the clerk, the upper
    plan changed meanwhile; the comment stays (above the block holding the field, as
    docs/huong-dan/derive.md says) and the clerk's value too."""
    upper, ours = _derived(tmp_path)
    plan = PlanFile.open(ours)
    plan.set(("chu_ky", "ho_ten"), "Nguyễn Văn Xã")
    assert plan.save()
    text = ours.read_text(encoding="utf-8")
    assert text.count("  ho_ten: Nguyễn Văn Xã\n") == 1
    ours.write_text(text.replace("  ho_ten: Nguyễn Văn Xã\n",
                                 "  ho_ten: Nguyễn Văn Xã  # người ký của xã\n"), encoding="utf-8")
    _edit(upper, {"ct-bhyt": ("gia_tri", 97)})
    result = _cli("derive", upper, "--unit", UNIT, "-o", ours.parent, "--update")
    assert result.exit_code in (0, 1), result.output
    lines = ours.read_text(encoding="utf-8").splitlines()
    kept = [i for i, line in enumerate(lines) if "# người ký của xã" in line]
    assert len(kept) == 1, lines
    block = lines.index("chu_ky:")
    above = kept[0] < block and all(line.startswith("#") for line in lines[kept[0]:block])
    assert above or lines[kept[0]].startswith("  ho_ten: Nguyễn Văn Xã"), lines[kept[0]]
    assert load_plan(ours).chu_ky.ho_ten == "Nguyễn Văn Xã"
    assert _elements(ours)["ct-bhyt"].element.gia_tri == 97
