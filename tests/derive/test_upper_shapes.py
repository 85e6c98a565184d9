"""`derive` from upper plans of every shape the format allows (issue 20): items written as
one paragraph at any depth, deep nesting, no indicator part, a plan of tasks only. Each
test here is an explicit plan; the generated ones are in `tests/properties/`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from builders import small_plan, write_plan
from click.testing import CliRunner, Result
from conftest import ROOT

from kehoach.cli import main
from kehoach.plan.loader import load_plan
from kehoach.plan.walk import by_id

REGISTRY = ROOT / "plans" / "don_vi_phung_hiep.yaml"


def _derive(plan: Path, *args: str) -> Result:
    result = CliRunner().invoke(main, ["derive", str(plan), "--units", str(REGISTRY), *args])
    assert "Traceback" not in result.output, result.output
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def _nested(depth: int, inline: bool) -> list[dict[str, Any]]:
    """A chain of `depth` sub-items, each a heading or one paragraph, speaking of the district."""
    if depth == 0:
        return []
    text = f"Mức {depth}: tuyên truyền trên địa bàn huyện."
    item: dict[str, Any] = {"id": f"muc-{depth}", "noi_dung" if inline else "tieu_de": text}
    below = _nested(depth - 1, inline)
    if below:
        item["muc"] = below
    return [item]


def test_a_sub_item_written_as_one_paragraph_is_reworded(tmp_path):
    """`muc: - {id, noi_dung}` (what import writes for every "a) …") crashed the rewording
    with a TypeError: the item has no title."""
    data = small_plan()
    data["nhiem_vu_giai_phap"]["muc"][0]["muc"] = [
        {"id": "nv-1-con", "noi_dung": "Tuyên truyền trên địa bàn huyện."}
    ]
    result = _derive(write_plan(tmp_path / "kh.yaml", data), "--unit", "hoa-an",
                     "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    item = by_id(load_plan(tmp_path / "out" / "hoa-an.yaml"))["nv-1-con"].element
    assert item.noi_dung == "Tuyên truyền trên địa bàn xã." and item.tieu_de is None


def test_four_levels_of_tasks_inline_or_headed(tmp_path):
    for inline in (True, False):
        data = small_plan()
        data["nhiem_vu_giai_phap"]["muc"][0]["muc"] = _nested(4, inline)
        out = tmp_path / f"out-{inline}"
        result = _derive(write_plan(tmp_path / f"kh-{inline}.yaml", data), "--all", "-o", str(out))
        assert result.exit_code == 0, result.output
        nodes = by_id(load_plan(out / "hoa-an.yaml"))
        for depth in range(1, 5):
            assert nodes[f"muc-{depth}"].element.title == (
                f"Mức {depth}: tuyên truyền trên địa bàn xã.")


def test_a_left_out_inline_task_is_explained(tmp_path):
    """A unit that gives up an inline task (`bo_nhiem_vu`): `--explain` shows its text."""
    data = small_plan()
    data["nhiem_vu_giai_phap"]["muc"].append({"id": "nv-2", "noi_dung": "Hợp tác quốc tế."})
    registry = tmp_path / "don_vi.yaml"
    registry.write_text("cap: xa\ncap_tren: ĐẢNG BỘ HUYỆN PHỤNG HIỆP\ndon_vi:\n"
                        "  - {id: hoa-an, loai: xa, ten: Hòa An, bo_nhiem_vu: [nv-2]}\n",
                        encoding="utf-8")
    result = CliRunner().invoke(main, ["derive", str(write_plan(tmp_path / "kh.yaml", data)),
                                       "--unit", "hoa-an", "--units", str(registry),
                                       "-o", str(tmp_path / "out"), "--explain"])
    assert result.exit_code == 0, result.output
    assert "nv-2 [don-vi:bo_nhiem_vu]\n  trước: Hợp tác quốc tế." in result.output


def _tasks_only(tmp_path: Path) -> Path:
    """An upper plan of tasks only: no indicators, no section IV, an extra part first."""
    data = small_plan()
    del data["muc_tieu_chi_tieu"], data["to_chuc_thuc_hien"]
    data["phan_khac"] = [{"id": "kinh-phi", "tieu_de": "KINH PHÍ", "muc": [
        {"id": "kp-1", "noi_dung": "Kinh phí do ngân sách bảo đảm."}]}]
    data["thu_tu"] = ["kinh-phi", "nv", "md"]
    return write_plan(tmp_path / "kh.yaml", data)


def test_a_plan_of_tasks_only_derives_with_its_gaps_said_in_words(tmp_path):
    """Was refused: 'kế hoạch cấp trên thiếu phần muc_tieu_chi_tieu.chi_tieu' (a YAML path)."""
    out = tmp_path / "out"
    result = _derive(_tasks_only(tmp_path), "--all", "-o", str(out))
    assert result.exit_code == 0, result.output
    draft = load_plan(out / "hoa-an.yaml")
    assert draft.muc_tieu_chi_tieu is None and draft.indicators() == []
    assert [part.id for part in draft.parts()] == ["kinh-phi", "nv", "md", "to-chuc-thuc-hien"]
    section = draft.to_chuc_thuc_hien
    assert section.tieu_de == "TỔ CHỨC THỰC HIỆN" and len(section.muc) == 6
    assert "phần Tổ chức thực hiện" in section.xem_lai[0].ly_do
    office = section.muc[0]  # no target, no sơ kết named: no sơ kết, no blank year
    assert office.noi_dung.endswith(
        "hằng năm (trước ngày 10/12) về Ban Thường vụ Huyện ủy (qua Văn phòng Huyện ủy)."
    )
    assert "không nêu hạn báo cáo" in office.xem_lai[0].ly_do
    text = (out / "hoa-an.yaml").read_text("utf-8")
    assert "\nmuc_tieu_chi_tieu:" not in text
    for line in text.splitlines():  # the notes speak of the plan, not of YAML keys
        if "XEM LẠI" in line:
            assert "chi_tieu" not in line and "to_chuc" not in line, line


def test_the_report_years_come_from_the_appendix_milestones(tmp_path):
    data = small_plan()
    del data["muc_tieu_chi_tieu"]
    data["phu_luc"] = [{"id": "pl", "chi_tieu": [{"id": "pl-1", "chi_tieu": [
        {"id": "pl-nuoc", "nhan": "Hộ dùng nước sạch", "moc": {2025: 420, 2030: 650}}]}]}]
    out = tmp_path / "out"
    result = _derive(write_plan(tmp_path / "kh.yaml", data), "--unit", "hoa-an", "-o", str(out))
    assert result.exit_code == 0, result.output
    office = load_plan(out / "hoa-an.yaml").to_chuc_thuc_hien.muc[0]
    assert office.noi_dung.endswith("tham mưu sơ kết vào năm 2027, tổng kết vào năm 2030.")
    assert [n.cum for n in office.xem_lai] == ["trước ngày 10/6", "năm 2027"]  # the level's


def test_ids_the_draft_makes_never_repeat_the_upper_plans(tmp_path):
    """Generated counterexamples: an upper plan whose extra parts use the ids derive gives
    the opening, section IV and its roles ('can-cu', 'to-chuc-thuc-hien', 'tc-ubnd') made a
    draft kehoach could not read back ('mã đã dùng')."""
    data = small_plan()
    del data["to_chuc_thuc_hien"]
    data["phan_khac"] = [{"id": "to-chuc-thuc-hien", "tieu_de": "KINH PHÍ",
                          "doan": [{"id": "can-cu", "noi_dung": "Căn cứ dự toán."}]},
                         {"id": "tc-ubnd", "tieu_de": "KHEN THƯỞNG", "muc": [
                             {"id": "tc-van-phong", "noi_dung": "Khen thưởng kịp thời."}]}]
    data["can_cu"][0]["id"] = "can-cu-0"
    data["id"] = "ke-hoach-nho-hoa-an"  # what the draft's own id would be
    data["nhiem_vu_giai_phap"]["muc"][0]["id"] = "ke-hoach-nho-hoa-an-2"
    out = tmp_path / "out"
    result = _derive(write_plan(tmp_path / "kh.yaml", data), "--unit", "hoa-an", "-o", str(out))
    assert result.exit_code == 0, result.output
    draft = load_plan(out / "hoa-an.yaml")
    section = draft.to_chuc_thuc_hien
    assert section.id == "to-chuc-thuc-hien-2" and section.xem_lai
    ids = [duty.id for duty in section.muc]
    assert "tc-ubnd" not in ids and "tc-ubnd-2" in ids and "tc-van-phong-2" in ids
    assert draft.id == "ke-hoach-nho-hoa-an-hoa-an" and draft.goc.id == "ke-hoach-nho-hoa-an"
    assert draft.can_cu[0].id == "can-cu-2"  # the opening; 'can-cu' is the extra part's


def test_a_draft_id_too_long_for_an_id_keeps_the_units(tmp_path):
    """Generated counterexample: `<upper plan id>-<unit id>` over 60 characters failed the
    draft's validation with a pydantic traceback."""
    unit = "xa-" + "y" * 50
    registry = tmp_path / "don_vi.yaml"
    registry.write_text("cap: xa\ncap_tren: ĐẢNG BỘ HUYỆN PHỤNG HIỆP\ndon_vi:\n"
                        f"  - {{id: {unit}, loai: xa, ten: Hòa An}}\n", encoding="utf-8")
    out, upper = tmp_path / "out", write_plan(tmp_path / "kh.yaml", small_plan())
    result = CliRunner().invoke(main, ["derive", str(upper), "--all", "--units", str(registry),
                                       "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert load_plan(out / f"{unit}.yaml").id == unit


def test_no_indicator_left_for_the_unit_drops_the_item_with_a_note(tmp_path):
    """Generated counterexample: every indicator paragraph `cap: [huyen]` left an empty
    indicator item, and the draft's validation raised a pydantic traceback."""
    data = small_plan()
    data["muc_tieu_chi_tieu"]["chi_tieu"]["doan"][0]["cap"] = ["huyen"]
    out = tmp_path / "out"
    result = _derive(write_plan(tmp_path / "kh.yaml", data), "--unit", "hoa-an", "-o", str(out))
    assert result.exit_code == 0, result.output
    draft = load_plan(out / "hoa-an.yaml")
    part = draft.muc_tieu_chi_tieu
    assert part.chi_tieu is None and part.muc_tieu_tong_quat is not None
    assert "không chỉ tiêu nào của kế hoạch cấp trên áp dụng cho xã" in part.xem_lai[0].ly_do


def test_section_iv_paragraphs_are_reworded_and_keep_their_ids(tmp_path):
    """Generated counterexample: a paragraph of the upper section IV with the id of a role
    ('tc-van-phong') made a draft with that id twice; its text kept the district's voice."""
    data = small_plan()
    data["to_chuc_thuc_hien"]["doan"] = [
        {"id": "tc-van-phong", "noi_dung": "Các cấp ủy trên địa bàn huyện tổ chức thực hiện."}]
    out = tmp_path / "out"
    result = _derive(write_plan(tmp_path / "kh.yaml", data), "--unit", "hoa-an", "-o", str(out))
    assert result.exit_code == 0, result.output
    section = load_plan(out / "hoa-an.yaml").to_chuc_thuc_hien
    assert section.doan[0].id == "tc-van-phong"
    assert section.doan[0].noi_dung == "Các cấp ủy trên địa bàn xã tổ chức thực hiện."
    assert section.muc[0].id == "tc-van-phong-2"


def test_a_unit_value_for_a_qualitative_indicator_is_refused_at_its_line(tmp_path):
    """Generated counterexample: a registry value for an indicator without one (qualitative)
    made a draft indicator with a value and no {gt}: a pydantic traceback."""
    data = small_plan()
    data["muc_tieu_chi_tieu"]["chi_tieu"]["doan"][0]["noi_dung"].append(
        {"id": "ct-dinh-tinh", "cau": "Không để xảy ra dịch bệnh lớn", "nhan": "Dịch bệnh"})
    registry = tmp_path / "don_vi.yaml"
    registry.write_text("cap: xa\ncap_tren: ĐẢNG BỘ HUYỆN PHỤNG HIỆP\ndon_vi:\n"
                        "  - id: hoa-an\n    loai: xa\n    ten: Hòa An\n"
                        "    chi_tieu: {ct-bhyt: 97, ct-dinh-tinh: 1}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["derive", str(write_plan(tmp_path / "kh.yaml", data)),
                                       "--all", "--units", str(registry),
                                       "-o", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    assert "don_vi.yaml:7:43: don_vi[0].chi_tieu.ct-dinh-tinh: chỉ tiêu 'ct-dinh-tinh'" in (
        result.output)
    assert "chỉ tiêu định tính" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_update_when_an_id_names_another_kind_of_element(tmp_path):
    """Generated counterexample (derive --update): the upper plan's task 'tc-van-phong' made
    the draft's Văn phòng duty 'tc-van-phong-2'; the task removed, the fresh draft's duty took
    'tc-van-phong', and the merge joined the commune's task (a paragraph added to it) with
    that duty: 'to_chuc_thuc_hien.muc[0].doan: trường này không có', exit 2."""
    data = small_plan()
    data["nhiem_vu_giai_phap"]["muc"].append({"id": "tc-van-phong", "tieu_de": "Về văn phòng"})
    upper, out = write_plan(tmp_path / "kh.yaml", data), tmp_path / "out"
    assert _derive(upper, "--unit", "hoa-an", "-o", str(out)).exit_code == 0
    draft = out / "hoa-an.yaml"
    text = draft.read_text("utf-8").replace(
        "      tieu_de: Về văn phòng\n",
        "      tieu_de: Về văn phòng\n      doan:\n        - id: xa-them\n"
        "          noi_dung: Đoạn xã thêm.\n")
    draft.write_text(text, encoding="utf-8")
    data["nhiem_vu_giai_phap"]["muc"].pop()
    write_plan(upper, data)
    result = _derive(upper, "--unit", "hoa-an", "-o", str(out), "--update")
    assert result.exit_code == 1, result.output  # merged, with what to review
    merged = by_id(load_plan(draft))
    kept = next(n for n in merged.values() if getattr(n.element, "tieu_de", "") == "Về văn phòng")
    assert kept.id == "tc-van-phong-3" and kept.element.xem_lai  # the commune's edit, marked
    assert [p.id for p in kept.element.doan] == ["xa-them"]
    duties = load_plan(draft).to_chuc_thuc_hien.muc
    assert duties[0].id == "tc-van-phong" and duties[0].chu_the == "Văn phòng Đảng ủy"


def test_the_upper_plans_forms_and_co_signers_stay_out_of_a_units_plan(tmp_path):
    data = small_plan()
    data["cung_ky"] = [{"quyen_han": "T/M ỦY BAN NHÂN DÂN TỈNH", "chuc_vu": "CHỦ TỊCH",
                        "ho_ten": "Lê Thị Cúc"}]
    form = [{"id": "pl-1", "noi_dung": "BIÊN BẢN HỘI NGHỊ CỬ TRI"},
            {"id": "pl-2", "bang": {"cot": ["THƯ KÝ HỘI NGHỊ", "CHỦ TRÌ HỘI NGHỊ"]}}]
    data["phu_luc"] = [
        {"id": "pl", "ten": "MẪU BIÊN BẢN", "doan": form},
        {"id": "pl-ct", "chi_tieu": [{"id": "pl-ct-1", "chi_tieu": [
            {"id": "pl-nuoc", "nhan": "Hộ dùng nước sạch", "moc": {2025: 420, 2030: 650}}]}],
         "doan": [{"id": "pl-ct-ghi-chu", "noi_dung": "Ghi chú: số liệu của Sở Xây dựng."}]},
    ]
    out = tmp_path / "out"
    result = _derive(write_plan(tmp_path / "kh.yaml", data), "--unit", "hoa-an", "-o", str(out))
    assert result.exit_code == 0, result.output
    unit = load_plan(out / "hoa-an.yaml")
    assert unit.cung_ky == []
    assert [(a.id, a.doan) for a in unit.phu_luc] == [("pl-ct", [])]
    notes = [n.ly_do for node in by_id(unit).values()
             for n in getattr(node.element, "xem_lai", [])]
    assert any("“MẪU BIÊN BẢN”" in n and "đoạn văn, mẫu" in n for n in notes), notes
