"""The commune's own genre and safe rewriting, on small district plans written for each
point: sentence starts, unquoted citations, staff organs, the real signer, the report
route."""

from __future__ import annotations

from pathlib import Path

from builders import small_plan, write_plan

from kehoach.derive.derivation import derive
from kehoach.plan.loader import load_plan
from kehoach.plan.units import load_registry

REGISTRY = ("cap: xa\ncap_tren: ĐẢNG BỘ HUYỆN PHỤNG HIỆP\n"
            "don_vi:\n  - {id: hoa-an, loai: xa, ten: Hòa An}\n")


def _derived(tmp_path: Path, change=None, registry: str = REGISTRY):
    data = small_plan()
    if change:
        change(data)
    plan = load_plan(write_plan(tmp_path / "ke_hoach.yaml", data))
    units = tmp_path / "don_vi.yaml"
    units.write_text(registry, encoding="utf-8")
    loaded = load_registry(units)
    return derive(plan, loaded, loaded.unit("hoa-an"))


def _paragraph(text: str):
    def change(data):
        data["nhiem_vu_giai_phap"]["muc"][0]["doan"][0]["noi_dung"] = text
    return change


def _first_paragraph(derived) -> str:
    return derived.plan.nhiem_vu_giai_phap.muc[0].doan[0].noi_dung


def test_a_phrase_at_a_sentence_start_is_rewritten_with_its_capital(tmp_path):
    text = "Tuyên truyền sâu rộng. Trên địa bàn huyện, phát huy vai trò của Nhân dân."
    out = _first_paragraph(_derived(tmp_path, _paragraph(text)))
    assert out == "Tuyên truyền sâu rộng. Trên địa bàn xã, phát huy vai trò của Nhân dân."


def test_the_subject_of_an_unquoted_citation_is_kept(tmp_path):
    text = ("Thực hiện Kế hoạch số 12-KH/HU ngày 05/02/2024 của Ban Thường vụ Huyện ủy về "
            "phát triển nông nghiệp trên địa bàn huyện; tuyên truyền trên địa bàn huyện.")
    out = _first_paragraph(_derived(tmp_path, _paragraph(text)))
    assert out == ("Thực hiện Kế hoạch số 12-KH/HU ngày 05/02/2024 của Ban Thường vụ Huyện ủy "
                   "về phát triển nông nghiệp trên địa bàn huyện; tuyên truyền trên địa bàn xã.")


def test_staff_organs_map_to_the_commune_body_and_the_district_keeps_its_name(tmp_path):
    text = ("Ban Tuyên giáo Huyện ủy và Ban Dân vận Huyện ủy phối hợp với Huyện ủy Phụng "
            "Hiệp tổ chức tuyên truyền.")
    out = _first_paragraph(_derived(tmp_path, _paragraph(text)))
    assert "Ban Tuyên giáo Đảng ủy" not in out and "Ban Dân vận Đảng ủy" not in out
    assert out == ("Văn phòng Đảng ủy và Văn phòng Đảng ủy phối hợp với Huyện ủy Phụng Hiệp "
                   "tổ chức tuyên truyền.")


def test_a_parent_signed_for_the_committee_is_cited_as_the_committee(tmp_path):
    def signed(data):
        data["chu_ky"]["quyen_han"] = "T/M HUYỆN ỦY"
    derived = _derived(tmp_path, signed)
    assert "của Huyện ủy về" in derived.plan.van_ban.trich_yeu
    assert "Ban Thường vụ Huyện ủy" not in derived.plan.van_ban.trich_yeu
    assert derived.plan.can_cu[0].noi_dung.startswith(
        "Thực hiện Kế hoạch số 12-KH/HU ngày 05/02/2024 của Huyện ủy Phụng Hiệp về")


def test_reports_go_the_way_the_parent_routes_them(tmp_path):
    def routed(data):
        data["to_chuc_thuc_hien"]["muc"][0]["noi_dung"] = (
            "chủ trì, theo dõi; định kỳ báo cáo Ban Thường vụ Huyện ủy (qua Ban Tuyên giáo "
            "Huyện ủy).")
    plan = _derived(tmp_path, routed).plan
    office = next(d for d in plan.to_chuc_thuc_hien.muc if d.chu_the == "Văn phòng Đảng ủy")
    assert "về Ban Thường vụ Huyện ủy (qua Ban Tuyên giáo Huyện ủy)" in office.noi_dung
    assert plan.noi_nhan[:2] == ["Ban Thường vụ Huyện ủy (b/c)", "Ban Tuyên giáo Huyện ủy (b/c)"]


def test_without_a_route_reports_go_through_the_district_office(tmp_path):
    def plain(data):
        data["to_chuc_thuc_hien"]["muc"][0] = {
            "id": "tc-1", "chu_the": "Văn phòng Huyện ủy", "noi_dung": "theo dõi, đôn đốc."}
    plan = _derived(tmp_path, plain).plan
    assert plan.noi_nhan[1] == "Văn phòng Huyện ủy (b/c)"


def test_part_iv_names_each_body_once_and_hdnd_ubnd_apart(tmp_path):
    plan = _derived(tmp_path).plan
    bodies = [d.chu_the for d in plan.to_chuc_thuc_hien.muc]
    assert len(bodies) == len(set(bodies))
    assert {"Hội đồng nhân dân xã", "Ủy ban nhân dân xã"} <= set(bodies)
    assert {"Hội đồng nhân dân xã", "Ủy ban nhân dân xã"} <= set(plan.noi_nhan)


def test_the_signer_comes_from_the_registry_else_the_upper_title_for_review(tmp_path):
    derived = _derived(tmp_path)
    assert derived.plan.chu_ky.chuc_vu == "PHÓ BÍ THƯ"
    assert derived.plan.chu_ky.xem_lai[0].cum == "PHÓ BÍ THƯ"
    own = REGISTRY.replace("ten: Hòa An}", "ten: Hòa An, ky: {quyen_han: T/M BAN THƯỜNG VỤ, "
                           "chuc_vu: BÍ THƯ, ho_ten: Lê Văn B}}")
    signed = _derived(tmp_path, registry=own).plan.chu_ky
    assert (signed.chuc_vu, signed.ho_ten, signed.xem_lai) == ("BÍ THƯ", "Lê Văn B", [])


def test_a_power_the_commune_lacks_is_flagged_on_its_words(tmp_path):
    text = "Đề xuất ban hành cơ chế hỗ trợ; xây dựng cơ sở dữ liệu về người có công."
    derived = _derived(tmp_path, _paragraph(text))
    notes = {n.cum for n in derived.plan.nhiem_vu_giai_phap.muc[0].doan[0].xem_lai}
    assert {"Đề xuất ban hành", "cơ sở dữ liệu"} <= notes


def test_explain_for_all_units_prints_the_common_changes_once(tmp_path):
    from click.testing import CliRunner
    from conftest import ROOT

    from kehoach.cli import main

    plan = ROOT / "plans" / "phung_hiep_42.yaml"
    result = CliRunner().invoke(main, ["derive", str(plan), "--all", "-o", str(tmp_path),
                                       "--explain"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.count("== chung cho mọi đơn vị") == 1 and out.count("== hoa-an\n") == 1
    assert out.count("ct-bac-si [cap:huyen]") == 1  # common to all, printed once
    own = out.split("== hoa-an\n")[1].split("\n== ")[0]
    assert "ĐẢNG ỦY XÃ HÒA AN" in own and "ct-bac-si" not in own
