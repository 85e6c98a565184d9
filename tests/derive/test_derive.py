"""Commune plans drafted from the district plan (and, after 2025, from a province plan)."""

from __future__ import annotations

import multiprocessing
import os
import re
import subprocess
from pathlib import Path

import pytest
from builders import small_plan, upper_plan, write_plan
from click.testing import CliRunner
from conftest import PLAN, ROOT
from docx import Document

from kehoach.cli import main
from kehoach.derive.batch import draft_yaml
from kehoach.derive.derivation import Derivation
from kehoach.document.prose import paragraph_text
from kehoach.plan.edit import PlanFile
from kehoach.plan.loader import load_plan, plan_from_source
from kehoach.plan.review import notes_last
from kehoach.plan.units import load_registry
from kehoach.source import yamlsource

REGISTRY = ROOT / "plans" / "don_vi_phung_hiep.yaml"
UNITS = ["cay-duong", "kinh-cung", "bung-tau", "binh-thanh", "hiep-hung", "hoa-an", "hoa-my",
         "long-thanh", "phung-hiep", "phuong-binh", "phuong-phu", "tan-binh", "tan-long",
         "tan-phuoc-hung", "thanh-hoa"]
TOWNS = {"cay-duong", "kinh-cung", "bung-tau"}
DISTRICT_ONLY = {"ct-tuoi-tho", "ct-nam-song-khoe", "ct-giuong-benh", "ct-bac-si",
                 "ct-van-hoa-dan-toc-thieu-so"}


def _derive(*args: str):
    return CliRunner().invoke(main, ["derive", *args])


@pytest.fixture(scope="module")
def all_units(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("derive")
    result = _derive(str(PLAN), "--all", "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


def _text(docx: Path) -> list[str]:
    doc = Document(str(docx))
    cells = [p.text for t in doc.tables for c in t._cells for p in c.paragraphs]
    return cells + [p.text for p in doc.paragraphs]


def test_all_fifteen_units_get_a_valid_yaml_and_a_docx(all_units):
    assert sorted(p.stem for p in all_units.glob("[!.]*.yaml")) == sorted(UNITS)
    assert sorted(p.stem for p in all_units.glob("*.docx")) == sorted(UNITS)
    for unit in UNITS:
        plan = load_plan(all_units / f"{unit}.yaml")
        assert plan.don_vi == unit and plan.goc.id == "phung-hiep-42"
        ids = {i.id for i in plan.muc_tieu_chi_tieu.chi_tieu.indicators()}
        assert ids.isdisjoint(DISTRICT_ONLY)
        # cap: [huyen, thi_tran]: a thị trấn has a town area, a xã has none
        town = unit in TOWNS
        assert ("ct-nuoc-sach-thanh-thi" in ids) == town and len(ids) == (31 if town else 30)


def test_header_and_citation_of_a_commune(all_units):
    lines = _text(all_units / "hoa-an.docx")
    assert lines[:6] == ["ĐẢNG BỘ HUYỆN PHỤNG HIỆP", "ĐẢNG ỦY XÃ HÒA AN", "*", "Số      -KH/ĐU",
                         "(Dự thảo)", "ĐẢNG CỘNG SẢN VIỆT NAM"]
    assert "Hòa An, ngày      tháng      năm 2024" in lines
    opening = next(line for line in lines if line.endswith("như sau:"))
    assert opening.startswith("Thực hiện Kế hoạch số …-KH/HU ngày …/…/2024 của Ban Thường vụ "
                              "Huyện ủy Phụng Hiệp về thực hiện Nghị quyết số 42-NQ/TW ngày "
                              "24/11/2023")
    assert opening.endswith(
        "(sau đây gọi tắt là Kế hoạch số …-KH/HU), gắn với tình hình thực tế của địa phương, "
        "Ban Thường vụ Đảng ủy xã Hòa An xây dựng Kế hoạch thực hiện như sau:")
    # part I cites the district plan, not the province's programme it implements
    start, end = lines.index("I. MỤC ĐÍCH, YÊU CẦU"), lines.index("II. MỤC TIÊU, CHỈ TIÊU")
    purpose = " ".join(lines[start:end])
    assert "225-CTr/TU" not in purpose
    assert "Nghị quyết số 42-NQ/TW, Kế hoạch số …-KH/HU đã đề ra" in purpose


def test_a_thi_tran_and_the_commune_named_like_the_district(all_units):
    town = _text(all_units / "cay-duong.docx")
    assert town[1] == "ĐẢNG ỦY THỊ TRẤN\nCÂY DƯƠNG"  # breaks before the name, not inside it
    assert "Cây Dương, ngày      tháng      năm 2024" in town
    assert any("Ban Thường vụ Đảng ủy thị trấn Cây Dương xây dựng Kế hoạch" in line
               for line in town)
    same = _text(all_units / "phung-hiep.docx")
    assert same[1] == "ĐẢNG ỦY XÃ PHỤNG HIỆP"
    assert "Phụng Hiệp, ngày      tháng      năm 2024" in same
    cited = next(line for line in same if "202-CTr/HU" in line)
    assert "Chương trình số 202-CTr/HU ngày 01/12/2023 của Ban Thường vụ Huyện ủy" in cited
    assert "tỉnh Hậu Giang" in cited


ALLOWED_DISTRICT = [
    r"(?:Kế hoạch|Chương trình) số [^ ]+/HU ngày [^ ]+ của Ban Thường vụ Huyện ủy",
    r"của Ban Thường vụ Huyện ủy Phụng Hiệp về",
    r"về Ban Thường vụ Huyện ủy \(qua Ban Tuyên giáo Huyện ủy\)",
    r"^- (?:Ban Thường vụ|Ban Tuyên giáo) Huyện ủy \(b/c\),$",
]


def test_huyen_uy_only_in_citations_and_report_up_lines(all_units):
    for unit in UNITS:
        for line in _text(all_units / f"{unit}.docx"):
            rest = line
            for pattern in ALLOWED_DISTRICT:
                rest = re.sub(pattern, "", rest)
            assert "Huyện ủy" not in rest, (unit, line)


def test_commune_bodies_act_in_section_iv(all_units):
    lines = _text(all_units / "hoa-an.docx")
    start = lines.index("IV. TỔ CHỨC THỰC HIỆN")
    duties = [line for line in lines[start + 1:] if re.match(r"\d\. ", line)]
    bodies = ["Văn phòng Đảng ủy chủ trì", "Ủy ban Kiểm tra Đảng ủy tham mưu",
              "Hội đồng nhân dân xã giám sát", "Ủy ban nhân dân xã cụ thể hóa",
              "Ủy ban Mặt trận Tổ quốc", "Các chi bộ trực thuộc Đảng ủy"]
    assert len(duties) == len(bodies)
    for number, (duty, body) in enumerate(zip(duties, bodies, strict=True), start=1):
        assert duty.startswith(f"{number}. {body}"), duty
    # the closing sentence: its own unnumbered paragraph after the last duty
    closing = lines[lines.index(duties[-1]) + 1]
    assert closing.startswith("Ban Thường vụ Đảng ủy xã yêu cầu các chi bộ")
    # the Văn phòng's roles in one item, with the reporting schedule of the level data,
    # routed through the organ the district plan names
    assert ("6 tháng (trước ngày 10/6) và hằng năm (trước ngày 10/12) về Ban Thường vụ "
            "Huyện ủy (qua Ban Tuyên giáo Huyện ủy); tham mưu sơ kết vào năm 2027, tổng kết "
            "vào năm 2030.") in duties[0]
    assert "Ban Tuyên giáo Đảng ủy" not in " ".join(lines)
    recipients = lines.index("Nơi nhận:")
    assert lines[recipients + 1:recipients + 10] == [
        "- Ban Thường vụ Huyện ủy (b/c),", "- Ban Tuyên giáo Huyện ủy (b/c),",
        "- Các đồng chí Đảng ủy viên,", "- Ủy ban Kiểm tra Đảng ủy,",
        "- Hội đồng nhân dân xã,", "- Ủy ban nhân dân xã,",
        "- Ủy ban Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội xã,",
        "- Các chi bộ trực thuộc Đảng ủy,", "- Lưu Văn phòng Đảng ủy."][:9]
    assert "PHÓ BÍ THƯ" in lines  # the upper signer's title, marked for review


def test_dropped_indicators_leave_sentences_that_read_right(all_units):
    plan = load_plan(all_units / "hoa-an.yaml")
    health = paragraph_text(plan.muc_tieu_chi_tieu.chi_tieu.doan[1])
    assert ("Bảo đảm vững chắc mức sinh thay thế của quốc gia; trên 95% dân số tham gia "
            "bảo hiểm y tế;") in health
    assert "giường bệnh" not in health and "bác sĩ" not in health and ";;" not in health
    assert len(plan.muc_tieu_chi_tieu.chi_tieu.doan) == 3  # the district-only paragraph is gone


def test_review_list_is_in_the_yaml(all_units):
    text = (all_units / "hoa-an.yaml").read_text(encoding="utf-8")
    assert "XEM LẠI: kế hoạch cấp trên chưa có số, ngày" in text
    # nước sạch thành thị: thị trấn; the rates keep the district's values as the commune's
    assert "XEM LẠI: 22 chỉ tiêu giữ mức của huyện làm mức phải đạt của xã" in text
    # the days and the sơ kết year are the level's (the district plan names none): marked
    assert "XEM LẠI: kế hoạch cấp trên không nêu hạn báo cáo: hạn 10/6" in text
    assert "XEM LẠI: kế hoạch cấp trên không nêu năm sơ kết: năm 2027" in text
    assert text.count("XEM LẠI") == 1 + 24  # the header's line, then the notes
    assert "XEM LẠI: cấp xã không sắp xếp bộ máy" in text  # "từ huyện đến cơ sở" kept
    assert "XEM LẠI: đề xuất cơ chế đặc thù" in text
    assert "XEM LẠI: tên địa phương cấp trên" in text  # "con người Phụng Hiệp"
    assert "từ huyện đến cơ sở" in text and "con người Phụng Hiệp" in text


def test_deriving_twice_gives_identical_bytes(all_units, tmp_path):
    assert _derive(str(PLAN), "--all", "-o", str(tmp_path)).exit_code == 0
    for path in all_units.iterdir():
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


def _registry(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "don_vi.yaml"
    path.write_text("cap: xa\ncap_tren: ĐẢNG BỘ HUYỆN PHỤNG HIỆP\ndon_vi:\n" + extra,
                    encoding="utf-8")
    return path


def test_unit_values_signer_and_dropped_task(tmp_path):
    registry = _registry(tmp_path, (
        "  - id: hoa-an\n    loai: xa\n    ten: Hòa An\n"
        "    ky: {quyen_han: T/M BAN THƯỜNG VỤ, chuc_vu: BÍ THƯ, ho_ten: Nguyễn Văn An}\n"
        "    chi_tieu: {ct-bhyt: 97, ct-lao-dong-chua-co-viec-lam: '1,8'}\n"
        "    bo_nhiem_vu: [nv8-hop-tac-quoc-te]\n"))
    out = tmp_path / "out"
    result = _derive(str(PLAN), "--unit", "hoa-an", "--units", str(registry), "-o", str(out))
    assert result.exit_code == 0, result.output
    plan = load_plan(out / "hoa-an.yaml")
    values = {i.id: i.gia_tri for i in plan.muc_tieu_chi_tieu.chi_tieu.indicators()}
    assert values["ct-bhyt"] == 97 and values["ct-lao-dong-chua-co-viec-lam"] == 1.8
    assert "trên 97% dân số tham gia bảo hiểm y tế" in " ".join(
        paragraph_text(p) for p in plan.muc_tieu_chi_tieu.chi_tieu.doan)
    assert [t.id for t in plan.nhiem_vu_giai_phap.muc][-1] == "nv9-lanh-dao"
    assert "nv8-hop-tac-quoc-te" not in {t.id for t in plan.nhiem_vu_giai_phap.muc}
    assert plan.chu_ky.ho_ten == "Nguyễn Văn An"
    # --explain: element, before, after and the rule; a dry run, over the plan just drafted
    drafted = {path: path.read_bytes() for path in out.iterdir()}
    result = _derive(str(PLAN), "--unit", "hoa-an", "--units", str(registry), "-o", str(out),
                     "--explain")
    assert result.exit_code == 0, result.output
    assert {path: path.read_bytes() for path in out.iterdir()} == drafted
    assert "chưa ghi tệp nào" in result.output and "đã soạn" not in result.output
    assert "ct-bhyt [don-vi:chi_tieu]\n  trước: 95\n  sau:   97" in result.output
    assert "nv8-hop-tac-quoc-te [don-vi:bo_nhiem_vu]" in result.output
    assert "van_ban.co_quan [dau-van-ban]" in result.output
    assert "nv4-giao-duc-nghe-nghiep [cap:huyen]" in result.output
    assert "ct-bac-si [cap:huyen]" in result.output


def test_unknown_unit_lists_the_valid_ids(tmp_path):
    result = _derive(str(PLAN), "--unit", "hoa-bình", "-o", str(tmp_path))
    assert result.exit_code == 2
    assert "không có đơn vị 'hoa-bình'" in result.output and "tan-phuoc-hung" in result.output
    assert not any(tmp_path.iterdir())


def test_bad_registry_entry_points_at_its_line(tmp_path):
    registry = _registry(tmp_path, (
        "  - {id: hoa-an, loai: xa, ten: Hòa An}\n"
        "  - {id: tan-long, loai: phuong, ten: Tân Long}\n"
        "  - {id: Long Thanh, loai: xa, ten: Long Thạnh}\n"
        "  - {id: hoa-my, loai: xa, ten: Hòa Mỹ, chi_tieu: {ct-khong-co: 5}}\n"))
    result = _derive(str(PLAN), "--all", "--units", str(registry), "-o", str(tmp_path / "o"))
    assert result.exit_code == 2
    assert re.search(r"don_vi\.yaml:6:\d+: don_vi\[2\]\.id: mã không hợp lệ", result.output)
    result = _derive(str(PLAN), "--unit", "tan-long", "--units", str(registry.with_name("x")))
    assert result.exit_code == 2
    good = _registry(tmp_path, "  - {id: tan-long, loai: phuong, ten: Tân Long}\n"
                               "  - {id: hoa-my, loai: xa, ten: Hòa Mỹ, "
                               "chi_tieu: {ct-khong-co: 5}}\n")
    result = _derive(str(PLAN), "--unit", "tan-long", "--units", str(good), "-o",
                     str(tmp_path / "o"))
    assert result.exit_code == 2 and re.search(
        r"don_vi\.yaml:4:\d+: don_vi\[0\]\.loai: đơn vị 'tan-long' là phường: "
            r"HUYỆN ỦY PHỤNG HIỆP không có phường; có: xa, thi_tran", result.output)
    result = _derive(str(PLAN), "--unit", "hoa-my", "--units", str(good), "-o",
                     str(tmp_path / "o"))
    assert result.exit_code == 2 and "không có chỉ tiêu 'ct-khong-co'" in result.output
    assert re.search(r"don_vi\.yaml:5:\d+:", result.output)
    assert not (tmp_path / "o").exists()


def test_an_existing_derived_plan_is_never_overwritten(tmp_path):
    assert _derive(str(PLAN), "--unit", "hoa-an", "-o", str(tmp_path)).exit_code == 0
    edited = tmp_path / "hoa-an.yaml"
    edited.write_text(edited.read_text(encoding="utf-8") + "# đã sửa tay\n", encoding="utf-8")
    result = _derive(str(PLAN), "--unit", "hoa-an", "--unit", "hoa-my", "-o", str(tmp_path))
    assert result.exit_code == 2
    assert "không ghi đè" in result.output and "hoa-an.yaml" in result.output
    assert edited.read_text(encoding="utf-8").endswith("# đã sửa tay\n")
    assert not (tmp_path / "hoa-my.yaml").exists()
    assert _derive(str(PLAN), "--unit", "hoa-an", "-o", str(tmp_path), "--force").exit_code == 0
    assert "đã sửa tay" not in edited.read_text(encoding="utf-8")


def test_default_places_are_beside_the_plan_and_in_output(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "phung_hiep_42.yaml").write_text(PLAN.read_text(encoding="utf-8"))
    (plans / "don_vi_phung_hiep.yaml").write_text(REGISTRY.read_text(encoding="utf-8"))
    assert _derive("plans/phung_hiep_42.yaml", "--unit", "hoa-an").exit_code == 0
    assert (plans / "phung_hiep_42" / "hoa-an.yaml").is_file()
    assert (tmp_path / "output" / "phung_hiep_42" / "hoa-an.docx").is_file()
    result = CliRunner().invoke(main, ["build"])  # renders the derived plan, skips the registry
    assert result.exit_code == 0, result.output
    assert "bỏ qua plans/don_vi_phung_hiep.yaml" in result.output
    assert (tmp_path / "output" / "phung_hiep_42.docx").is_file()


def _province(tmp_path: Path, day: str) -> Path:
    """A province plan (An Giang) of `day`, with its registry of one commune beside it."""
    path = upper_plan(
        tmp_path,
        {"co_quan": "TỈNH ỦY AN GIANG", "ma_co_quan": "TU", "so": 5, "dia_danh": "Long Xuyên",
         "ngay": day, "trich_yeu": "thực hiện Kết luận số 99-KL/TW của Bộ Chính trị"},
        ["Ban Bí thư (b/c)", "Lưu Văn phòng Tỉnh ủy"],
        "cap: xa\ncap_tren: ĐẢNG BỘ TỈNH AN GIANG\ndon_vi:\n"
        "  - {id: my-hoa-hung, loai: xa, ten: Mỹ Hòa Hưng}\n",
        "an_giang_05.yaml",
    )
    plan = PlanFile.open(path)
    plan.set(("muc_dich_yeu_cau", "muc", 0, "doan", 0, "noi_dung"),
             "Các cấp ủy trực thuộc Tỉnh ủy quán triệt trên địa bàn tỉnh.")
    plan.set(("to_chuc_thuc_hien", "muc", 0, "chu_the"), "Văn phòng Tỉnh ủy")
    assert plan.save()
    return path


def test_province_to_commune_after_2025(tmp_path):
    out = tmp_path / "out"
    result = _derive(str(_province(tmp_path, "2026-03-10")), "--all", "-o", str(out))
    assert result.exit_code == 0, result.output
    plan = load_plan(out / "my-hoa-hung.yaml")
    assert plan.van_ban.cap_tren == "ĐẢNG BỘ TỈNH AN GIANG"
    # A draft of 2026 follows Hướng dẫn 05 (in force on 31/12/2026): its own trích yếu
    # starts in lower case, as the guideline's examples do.
    assert plan.van_ban.trich_yeu == ("thực hiện Kế hoạch số 05-KH/TU ngày 10/3/2026 của Ban "
                                      "Thường vụ Tỉnh ủy về thực hiện Kết luận số 99-KL/TW của "
                                      "Bộ Chính trị")
    paragraph = plan.muc_dich_yeu_cau.muc[0].doan[0].noi_dung
    assert paragraph == "Các cấp ủy trực thuộc Đảng ủy quán triệt trên địa bàn xã."
    bodies = [d.chu_the for d in plan.to_chuc_thuc_hien.muc]
    assert "Ban Xây dựng Đảng Đảng ủy" in bodies  # staff organ of the post-2025 commune
    assert plan.noi_nhan[0] == "Ban Thường vụ Tỉnh ủy (b/c)"


def test_a_2024_province_plan_cannot_skip_the_district(tmp_path):
    result = _derive(str(_province(tmp_path, "2024-03-10")), "--all", "-o", str(tmp_path / "o"))
    assert result.exit_code == 2
    assert "cấp dưới theo chuỗi cấp lúc đó là 'huyen'" in result.output
    assert not (tmp_path / "o").exists()


def test_a_left_out_indicator_hands_its_joiner_to_the_one_before(tmp_path):
    data = small_plan()
    phrases = data["muc_tieu_chi_tieu"]["chi_tieu"]["doan"][0]["noi_dung"]
    phrases[0]["noi"] = ", "
    phrases += [
        {"id": "ct-bac-si", "cau": "có {gt} bác sĩ", "nhan": "Bác sĩ", "gia_tri": 10,
         "don_vi": "bác sĩ", "so_sanh": "dat", "cap": ["huyen"], "noi": "; "},
        {"id": "ct-nhom", "truoc": "tỷ lệ ", "noi": ".", "chi_tieu": [
            {"id": "ct-giuong", "cau": "{gt} giường", "nhan": "Giường", "gia_tri": 3,
             "don_vi": "giường", "so_sanh": "dat", "cap": ["huyen"]}]},
    ]
    data["muc_tieu_chi_tieu"]["chi_tieu"]["doan"].append(
        {"id": "ct-rieng", "cap": ["huyen"], "noi_dung": [
            {"id": "ct-tuoi", "cau": "tuổi thọ {gt}", "nhan": "Tuổi thọ", "gia_tri": 75,
             "don_vi": "tuổi", "so_sanh": "dat"}]})
    plan = write_plan(tmp_path / "ke_hoach.yaml", data)
    registry = _registry(tmp_path, "  - {id: hoa-an, loai: xa, ten: Hòa An}\n")
    result = _derive(str(plan), "--all", "--units", str(registry), "-o", str(tmp_path / "o"),
                     "--explain")
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "o").exists()  # --explain writes nothing
    assert _derive(str(plan), "--all", "--units", str(registry),
                   "-o", str(tmp_path / "o")).exit_code == 0
    block = load_plan(tmp_path / "o" / "hoa-an.yaml").muc_tieu_chi_tieu.chi_tieu
    assert [p.id for p in block.doan] == ["ct-d"]  # the district-only paragraph is gone
    (only,) = block.doan[0].noi_dung
    assert only.id == "ct-bhyt" and only.noi == "."  # the emptied group's joiner
    assert "ct-bac-si [cap:huyen]" in result.output and "ct-rieng [cap:huyen]" in result.output
    assert "ct-tuoi [" not in result.output  # inside a left-out paragraph: not listed


def test_a_commune_plan_lays_out_like_the_district_plan(soffice, all_units, tmp_path):
    from kehoach.document.pdf import to_pdf

    pdf = to_pdf(all_units / "cay-duong.docx", tmp_path / "cay-duong.pdf")
    first = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "1", str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", " ", first)
    assert "ĐẢNG BỘ HUYỆN PHỤNG HIỆP ĐẢNG CỘNG SẢN VIỆT NAM" in flat
    assert "ĐẢNG ỦY THỊ TRẤN" in flat and "CÂY DƯƠNG" in flat
    assert "Cây Dương, ngày tháng năm 2024" in flat and "Số -KH/ĐU" in flat
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout).group(1))
    last = subprocess.run(["pdftotext", "-layout", "-f", str(pages), "-l", str(pages), str(pdf),
                           "-"], capture_output=True, text=True, check=True).stdout
    assert "Nơi nhận:" in last and "T/M BAN THƯỜNG VỤ" in last
    second = subprocess.run(["pdftotext", "-layout", "-f", "2", "-l", "2", str(pdf), "-"],
                            capture_output=True, text=True, check=True).stdout
    assert second.strip().splitlines()[0].strip() == "2"


def test_a_unit_drafted_alone_or_in_a_batch_is_the_same(all_units, tmp_path):
    assert _derive(str(PLAN), "--unit", "tan-long", "-o", str(tmp_path)).exit_code == 0
    for suffix in (".yaml", ".docx"):
        alone = (tmp_path / f"tan-long{suffix}").read_bytes()
        assert alone == (all_units / f"tan-long{suffix}").read_bytes()


def test_a_large_batch_uses_worker_processes_and_gives_the_same_files(tmp_path, monkeypatch):
    """Workers started the platform's way (fork here; spawn on Windows and macOS, and in
    the simulated-Windows run) draft what one process drafts, byte for byte."""
    from concurrent.futures import ProcessPoolExecutor

    from kehoach.derive import batch as drafts

    pools = []

    class CountedPool(ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            pools.append((kwargs.get("max_workers"), kwargs["mp_context"].get_start_method()))
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(drafts, "ProcessPoolExecutor", CountedPool)
    monkeypatch.setattr(drafts, "PARALLEL_FROM", 10)  # shipped: 40 forked, 200 spawned
    monkeypatch.setattr(drafts, "PARALLEL_FROM_SPAWNED", 10)
    count = 13
    units = "".join(f"  - {{id: don-vi-{i:02d}, loai: xa, ten: Thử {i:02d}}}\n"
                    for i in range(count))
    registry = _registry(tmp_path, units)
    result = _derive(str(PLAN), "--all", "--units", str(registry), "-o", str(tmp_path / "all"))
    assert result.exit_code == 0, result.output
    method = multiprocessing.get_start_method()
    assert pools == ([(2, method)] if (os.cpu_count() or 1) >= 2 else [])  # two workers
    assert len(list((tmp_path / "all").glob("*.docx"))) == count
    single = tmp_path / "one"
    assert _derive(str(PLAN), "--unit", "don-vi-11", "--units", str(registry),
                   "-o", str(single)).exit_code == 0
    for name in ("don-vi-11.yaml", "don-vi-11.docx", ".don-vi-11.goc.yaml"):
        assert (single / name).read_bytes() == (tmp_path / "all" / name).read_bytes()


def test_every_commune_document_passes_the_format_check(all_units):
    docs = sorted(str(p) for p in all_units.glob("*.docx"))
    result = CliRunner().invoke(main, ["check", *docs])
    assert result.exit_code == 0, result.output  # no lỗi in any of the 15


@pytest.mark.parametrize(
    ("plan", "registry"),
    [(PLAN, REGISTRY), (ROOT / "plans/can_tho_42.yaml", ROOT / "plans/don_vi_can_tho.yaml")],
)
def test_every_written_draft_reads_back_as_the_data_it_was_written_from(plan, registry):
    """derive no longer re-parses each draft it writes (`batch.checked`), so the writer's
    exactness is held here, on every unit of both eras' registries."""
    loaded = load_registry(registry)
    derivation = Derivation(load_plan(plan), loaded)
    for unit in loaded.registry.don_vi:
        derived = derivation.derive(unit)
        data = notes_last(
            derived.plan.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
        )
        source = yamlsource.load(draft_yaml(derived), f"{unit.id}.yaml")
        assert source.data == data
        assert plan_from_source(source) == derived.plan


def test_explain_is_a_dry_run_the_guides_order_works(tmp_path):
    """docs/huong-dan/derive.md runs `--all`, then `--unit hoa-an --explain`: the second
    was refused (the plan was there) unless --force, which drafted over the clerk's edits."""
    out = tmp_path / "out"
    assert _derive(str(PLAN), "--all", "-o", str(out)).exit_code == 0
    edited = out / "hoa-an.yaml"
    edited.write_text(edited.read_text(encoding="utf-8") + "# văn thư đã sửa\n", "utf-8")
    before = {path: path.read_bytes() for path in out.iterdir()}
    result = _derive(str(PLAN), "--unit", "hoa-an", "--explain", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "== hoa-an" in result.output and "ct-bac-si [cap:huyen]" in result.output
    assert "--explain: 1 kế hoạch" in result.output and "chưa ghi tệp nào" in result.output
    assert {path: path.read_bytes() for path in out.iterdir()} == before
    refused = _derive(str(PLAN), "--unit", "hoa-an", "--explain", "--force", "-o", str(out))
    assert refused.exit_code == 2 and "không dùng cùng --force" in refused.output
