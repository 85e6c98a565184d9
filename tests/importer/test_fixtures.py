"""Issue 10 on the office-style fixtures: every fixture imports, loads and renders, and every
non-blank source line (every paragraph and cell of a DOCX) is in the rendered document."""

from __future__ import annotations

import random
import re
import zipfile
from pathlib import Path

import pytest
import yaml
from builders import write_plan
from click.testing import CliRunner
from conftest import ROOT, SEED, squash
from docx import Document
from lxml import etree

from kehoach.cli import main
from kehoach.document.wordxml import W, paragraph_text
from kehoach.plan.loader import load_plan

FIXTURES = ROOT / "tests" / "fixtures" / "import"
SOURCES = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".docx"))
# What the renderer writes in its own form, recorded by import (README of the fixtures).
RESTORED = {
    "K Ế HOẠCH": "KẾ HOẠCH",
    "Số: 187-KH/HU": "Số 187-KH/HU",
    "Long Mỹ, ngày 3 tháng 4 năm 2024": "Long Mỹ, ngày 03 tháng 4 năm 2024",
}


def run(*args: str):
    return CliRunner().invoke(main, [*args])


def source_lines(path: Path) -> list[str]:
    """The non-blank lines of a text (its TAB columns apart), or a DOCX's paragraphs and
    cells, runs of spaces squashed."""
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as package:
            root = etree.fromstring(package.read("word/document.xml"))
        texts = [paragraph_text(p) for p in root.iter(f"{{{W}}}p")]
    else:
        texts = re.split(r"\n|\t| {3,}", path.read_text(encoding="utf-8"))
    lines = [squash(t.replace("\n", " ")) for t in texts if t.strip()]
    return [RESTORED.get(line, line) for line in lines]


def rendered_text(docx: Path) -> str:
    doc = Document(str(docx))
    cells = [p.text for t in doc.tables for c in t._cells for p in c.paragraphs]
    return squash(" ".join(cells + [p.text for p in doc.paragraphs]).replace("\n", " "))


def imported(source: Path, tmp: Path) -> tuple[Path, Path, object]:
    target = tmp / f"{source.stem}.yaml"
    result = run("import", str(source), "-o", str(target))
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    rendered = run("render", str(target), "-o", str(tmp))
    assert rendered.exit_code == 0, rendered.output
    return target, tmp / f"{source.stem}.docx", result


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_every_line_survives(source, tmp_path):
    _target, docx, _result = imported(source, tmp_path)
    text = rendered_text(docx)
    lost = [line for line in source_lines(source) if line not in text]
    assert lost == []


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_every_fixture_validates(source, tmp_path):
    target, _docx, _result = imported(source, tmp_path)
    result = run("validate", str(target))
    assert result.exit_code == 0 and result.output.startswith("hợp lệ: "), result.output


def _mutilated(text: str, seed: int) -> list[str]:
    """The text with lines removed, shuffled, or cut mid-word."""
    rng = random.Random(seed)
    lines = text.split("\n")
    removed = [x for x in lines if rng.random() > 0.3]
    shuffled = lines[:]
    rng.shuffle(shuffled)
    cut = text[: rng.randrange(1, len(text))]
    return ["\n".join(removed), "\n".join(shuffled), cut, cut[: len(cut) // 7]]


TEXTS = [p for p in SOURCES if p.suffix == ".txt"]


@pytest.mark.parametrize("source", TEXTS, ids=lambda p: p.name)
def test_mutilated_texts_never_give_a_traceback(source, tmp_path):
    original = source.read_text(encoding="utf-8")
    texts = [t for seed in range(6) for t in _mutilated(original, seed)]
    for n, text in enumerate(texts):
        path = tmp_path / f"{n}.txt"
        path.write_text(text, encoding="utf-8")
        target = tmp_path / f"{n}.yaml"
        result = run("import", str(path), "-o", str(target))
        assert isinstance(result.exception, SystemExit | None), result.output
        assert result.exit_code in (1, 2), result.output
        if result.exit_code == 2:
            assert result.output.startswith("lỗi: ") and not target.exists()
        else:
            assert "cần xem lại" in result.output and load_plan(target)


def _data(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _paragraphs(docx: Path) -> list[str]:
    doc = Document(str(docx))
    cells = [p.text for t in doc.tables for c in t._cells for p in c.paragraphs]
    return cells + [p.text for p in doc.paragraphs]


@pytest.mark.parametrize("source", [*SOURCES, SEED], ids=lambda p: p.name)
def test_round_trip(source, tmp_path):
    """import → render → import gives the same plan; render → import → render the same text."""
    first, docx, _result = imported(source, tmp_path / "a")
    second, again, _result = imported(docx, tmp_path / "b")
    assert _data(second) == _data(first)
    assert _paragraphs(again) == _paragraphs(docx)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_forms_are_made_from_every_imported_fixture(source, tmp_path):
    target, _docx, _result = imported(source, tmp_path)
    result = run("forms", str(target), "-o", str(tmp_path / "forms"))
    assert result.exit_code == 0 and result.exception is None, result.output


def test_a_wide_appendix_gets_a_landscape_section_of_its_own(tmp_path):
    plan, _docx, _result = imported(FIXTURES / "phu_luc_moc.txt", tmp_path)
    data = _data(plan)
    columns = ["STT", "Xã", "2021", "2022", "2023", "2024", "2025"]
    data["phu_luc"].append({"id": "pl-rong", "ten": "BẢNG RỘNG", "bang": {
        "cot": columns, "dong": [{"o": ["1", "Xã A", "1", "2", "3", "4", "5"]}]}})
    wide = write_plan(tmp_path / "rong" / "rong.yaml", data)
    assert run("render", str(wide), "-o", str(tmp_path / "rong")).exit_code == 0
    doc = Document(str(tmp_path / "rong" / "rong.docx"))
    sizes = [(s.page_width > s.page_height) for s in doc.sections]
    assert sizes == [False, True]  # the plan and PHỤ LỤC 1 upright, PHỤ LỤC 2 turned
    titles = [p.text for p in doc.paragraphs if p.text.startswith("PHỤ LỤC")]
    assert titles == ["PHỤ LỤC 1", "PHỤ LỤC 2"]
    assert [c.text for c in doc.tables[-1].rows[0].cells] == columns


def _load(source: Path, tmp: Path):
    target, _docx, result = imported(source, tmp)
    return load_plan(target), result.output, target.read_text(encoding="utf-8")


def test_dash_list_indicators(tmp_path):
    plan, _out, _yaml = _load(FIXTURES / "dash_list_chi_tieu.txt", tmp_path)
    h = plan.van_ban
    assert (h.ma_co_quan, h.so, str(h.ngay), h.trich_yeu.count("\n")) == ("ĐU", 12, "2026-02-05", 1)
    assert len(plan.can_cu) == 1 and [p.id for p in plan.parts()] == [
        "muc-dich-yeu-cau", "muc-tieu-chi-tieu", "nhiem-vu-giai-phap", "to-chuc-thuc-hien"]
    block = plan.muc_tieu_chi_tieu.chi_tieu
    assert block.nam == 2030 and [p.dau for p in block.doan] == ["-"]
    assert len(plan.indicators()) == 9
    assert len(plan.nhiem_vu_giai_phap.muc) == 3 and len(plan.to_chuc_thuc_hien.muc) == 4
    s = plan.chu_ky
    assert (s.quyen_han, s.chuc_vu, s.ho_ten) == ("T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Trần Văn Thắng")
    assert len(plan.noi_nhan) == 5


@pytest.mark.parametrize("name", ["phu_luc_moc.txt", "phu_luc_moc.docx"])
def test_an_appendix_of_milestones(name, tmp_path):
    plan, _out, _yaml = _load(FIXTURES / name, tmp_path)
    assert plan.chu_ky.ho_ten == "Lê Thị Hồng Nhung"
    (appendix,) = plan.phu_luc
    assert appendix.ten == "CÁC CHỈ TIÊU CHỦ YẾU ĐẾN NĂM 2025 VÀ NĂM 2030"
    assert appendix.chu_thich is None  # the caption is the one the header gives
    assert [g.tieu_de for g in appendix.chi_tieu] == [
        "Về kinh tế", "Về văn hóa - xã hội", "Về xây dựng Đảng"]
    rows = {i.nhan: i for g in appendix.chi_tieu for i in g.chi_tieu}
    assert len(rows) == 9 and appendix.years() == [2025, 2030]
    water = rows["Số hộ sử dụng nước sạch theo quy chuẩn"]
    assert (water.don_vi, water.moc, water.target_for(2025)) == ("hộ", {2025: 420, 2030: 650}, 420)
    assert rows["Tỷ lệ hộ nghèo đa chiều"].moc == {2025: 2.1, 2030: 0.5}


def test_sub_items_and_inline_items(tmp_path):
    plan, out, _yaml = _load(FIXTURES / "muc_con.txt", tmp_path)
    assert plan.muc_tieu_chi_tieu is None and "không có phần mục tiêu, chỉ tiêu" in out
    tasks = plan.nhiem_vu_giai_phap.muc
    assert [(s.tieu_de, len(s.doan)) for s in tasks[0].muc] == [
        ("Về hạ tầng kỹ thuật", 2), ("Về phần mềm dùng chung", 1), ("Về dữ liệu", 1)]
    assert tasks[1].nhan_con == "1.1." and [len(s.doan) for s in tasks[1].muc] == [2, 3]
    assert [p.dau for p in tasks[1].muc[1].doan] == [None, "-", "-"] and len(tasks[2].doan) == 1
    assert len(plan.to_chuc_thuc_hien.muc) == 5


def test_a_chuong_trinh_hanh_dong(tmp_path):
    plan, _out, _yaml = _load(FIXTURES / "chuong_trinh_hanh_dong.txt", tmp_path)
    h = plan.van_ban
    assert (h.loai, h.type_name, h.ma_co_quan, h.cap_tren, h.so) == (
        "CTr", "CHƯƠNG TRÌNH HÀNH ĐỘNG", "TU", None, 6)
    goals = plan.muc_tieu_chi_tieu
    assert goals.tieu_de == "QUAN ĐIỂM, MỤC TIÊU"
    assert goals.muc_tieu_tong_quat.tieu_de == "Quan điểm"
    assert goals.chi_tieu.tieu_de == "Mục tiêu đến năm 2030" and goals.tam_nhin is not None
    values = [i.gia_tri for i in plan.indicators() if i.gia_tri is not None]
    assert values == [30, 80, 100, 2]
    assert len(plan.nhiem_vu_giai_phap.muc) == 4 and len(plan.to_chuc_thuc_hien.muc) == 4
    assert plan.ket_luan == "Chương trình hành động này được phổ biến đến chi bộ."
    assert plan.chu_ky.quyen_han == "T/M THÀNH ỦY" and len(plan.noi_nhan) == 8


def test_a_fifth_part_and_a_closing_sentence(tmp_path):
    plan, _out, _yaml = _load(FIXTURES / "phan_v_kinh_phi.txt", tmp_path)
    assert [p.tieu_de for p in plan.parts()][-1] == "KINH PHÍ THỰC HIỆN" and plan.thu_tu is None
    assert [i.tieu_de for i in plan.phan_khac[0].muc] == [None, None]  # inline, not headings
    assert plan.ket_luan.startswith("Trên đây là Kế hoạch thực hiện công tác giảm nghèo")
    assert [i.gia_tri for i in plan.indicators()] == [0.8, 100, 100, 1.5]


def test_a_body_without_header(tmp_path):
    plan, out, _yaml = _load(FIXTURES / "than_khong_dau.txt", tmp_path)
    h = plan.van_ban
    assert (h.loai, h.so, h.ngay, h.co_quan, h.trich_yeu) == (
        "KH", None, 2027, "(CƠ QUAN BAN HÀNH)", "(Trích yếu)")
    assert "đã điền chỗ trống: co_quan, ma_co_quan, loai, dia_danh, trich_yeu, ngay" in out
    assert "không có phần ký" in out and "không có đoạn mở đầu (căn cứ)" in out
    assert plan.muc_tieu_chi_tieu.chi_tieu.nam == 2027 and len(plan.indicators()) == 3


def test_a_plan_flattened_from_word(tmp_path):
    plan, out, _yaml = _load(FIXTURES / "tab_phang.txt", tmp_path)
    h = plan.van_ban
    assert (h.cap_tren, h.co_quan, h.so, str(h.ngay), h.dia_danh) == (
        "ĐẢNG BỘ TỈNH HẬU GIANG", "HUYỆN ỦY LONG MỸ", 187, "2024-04-03", "Long Mỹ")
    assert (plan.danh_so.muc, plan.danh_so.tieu_muc) == ("I-", "1-")
    assert [p.tieu_de for p in plan.parts()] == [
        "Mục đích, yêu cầu", "Nội dung thực hiện", "Tổ chức thực hiện"]
    assert len(plan.phan_khac[0].muc) == 4 and len(plan.to_chuc_thuc_hien.muc) == 5
    assert plan.noi_nhan[-1] == "Lưu Văn phòng Huyện ủy" and len(plan.noi_nhan) == 4
    s = plan.chu_ky
    assert (s.chuc_vu, s.ghi_chu, s.ho_ten) == ("PHÓ BÍ THƯ", "(đã ký)", "Nguyễn Thị Kim Loan")
    assert "'Số: 187-KH/HU' in theo thể thức" in out and "(đã ký)" in out


def test_text_copied_from_a_pdf(tmp_path):
    plan, out, _yaml = _load(FIXTURES / "dong_cung.txt", tmp_path)
    h = plan.van_ban
    assert (h.loai, h.so, str(h.ngay), h.dia_danh) == ("KH", 95, "2024-08-02", "Mỹ Tú")
    assert h.trich_yeu.endswith("\ntiến tới Đại hội đại biểu toàn quốc lần thứ XIV của Đảng")
    assert len(plan.can_cu) == 1 and plan.can_cu[0].noi_dung.endswith("như sau:")
    assert [len(getattr(p, "muc", [])) for p in plan.parts()] == [2, 3, 4]
    assert "'K Ế HOẠCH' (chữ nhận dạng sai) đọc là 'KẾ HOẠCH'" in out
    assert "dòng '2' giữa đoạn là số trang" in out and "đã nối dòng bị ngắt" in out
    assert plan.chu_ky.ho_ten == "Lâm Hoàng Phúc" and len(plan.noi_nhan) == 4


def test_word_numbering_and_tracked_changes(tmp_path):
    plan, out, _yaml = _load(FIXTURES / "word_numbering.docx", tmp_path)
    assert [p.tieu_de for p in plan.parts()] == [
        "MỤC ĐÍCH, YÊU CẦU", "MỤC TIÊU, CHỈ TIÊU", "NỘI DUNG, HÌNH THỨC", "TỔ CHỨC THỰC HIỆN"]
    goals = plan.muc_tieu_chi_tieu
    assert goals.muc_tieu_tong_quat is None and goals.chi_tieu.tieu_de == "Chỉ tiêu"
    assert [i.gia_tri for i in plan.indicators()] == [100, 95, 100]
    content = plan.phan_khac[0]
    text = " ".join(p.noi_dung for i in content.muc for p in i.doan)
    assert "trong quý I năm 2026" in text and "trước ngày 15/3/2026" not in text
    assert len(content.muc) == 2 and len(plan.to_chuc_thuc_hien.muc) == 3
    assert plan.van_ban.trich_yeu.count("\n") == 1 and plan.chu_ky.ho_ten == "Đặng Quốc Huy"
    assert len(plan.noi_nhan) == 4 and "thay đổi được theo dõi" in out


@pytest.mark.parametrize("cut", [100, 5000, 20000])
def test_a_truncated_docx_is_a_clear_error(cut, tmp_path):
    path = tmp_path / "cut.docx"
    path.write_bytes((FIXTURES / "word_numbering.docx").read_bytes()[:cut])
    result = run("import", str(path), "-o", str(tmp_path / "cut.yaml"))
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit), result.output
    assert "không phải tệp DOCX đọc được" in result.output
