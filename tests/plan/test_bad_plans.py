"""Bad plans: each gives a clear Vietnamese error with file:line:column and field, exit 2,
and writes nothing."""

from __future__ import annotations

import re
import shutil

import pytest
from click.testing import CliRunner
from conftest import PLAN

from kehoach.cli import main

GOOD = PLAN.read_text(encoding="utf-8")


def _mutate(old: str, new: str) -> str:
    assert GOOD.count(old) >= 1, old
    return GOOD.replace(old, new, 1)


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


# (name, bad text, marker whose line the error must point at, field path, message part)
CASES = [
    ("unknown-key", _mutate("  dia_danh: Phụng Hiệp", "  dia_danh: Phụng Hiệp\n  dia_danhh: X"),
     "dia_danhh", "van_ban.dia_danhh", "không có trong định dạng"),
    ("missing-field", _mutate("  dia_danh: Phụng Hiệp\n", ""),
     "van_ban:", "van_ban.dia_danh", "thiếu trường bắt buộc"),
    ("duplicate-key", _mutate("  ma_co_quan: HU\n", "  ma_co_quan: HU\n  ma_co_quan: ĐU\n"),
     "ma_co_quan: ĐU", "van_ban.ma_co_quan", "bị lặp lại"),
    ("duplicate-id", _mutate("id: md-lanh-dao-chi-dao", "id: md-nang-cao-nhan-thuc"),
     "id: md-nang-cao-nhan-thuc\n          noi_dung: >-\n            Lãnh đạo",
     "muc_dich_yeu_cau.muc[0].doan[1].id", "đã dùng ở dòng"),
    ("wrong-type", _mutate("    nam: 2030", "    nam: hai nghìn không trăm ba mươi"),
     "nam: hai", "muc_tieu_chi_tieu.chi_tieu.nam", "phải là số nguyên"),
    ("bad-date", _mutate("  ngay: 2024 ", "  ngay: 2024-02-30 "),
     "ngay: 2024-02-30", "van_ban.ngay", "không có thật"),
    ("control-char", _mutate("  dia_danh: Phụng Hiệp", '  dia_danh: "Phụng\\aHiệp"'),
     "Phụng\\aHiệp", "van_ban.dia_danh", "ký tự điều khiển U+0007"),
    ("bare-thousands", _mutate('            mau_so: "10.000"', "            mau_so: 10.000"),
     "mau_so: 10.000", "muc_tieu_chi_tieu.chi_tieu.doan[1].noi_dung[7].mau_so", "số nghìn"),
    ("colon-in-plain-text", _mutate("  dia_danh: Phụng Hiệp", "  dia_danh: Về y tế: Phát triển"),
     "Về y tế: Phát", None, "dấu ': '"),
    ("colon-in-list-item", _mutate("  - Các đồng chí Huyện ủy viên", "  - Kính gửi: các đồng chí"),
     "Kính gửi", "noi_nhan[2]", "vì có dấu ': '"),
    ("filing-line-not-last", _mutate("  - Lưu Văn phòng Huyện ủy", "  - Văn phòng Huyện ủy"),
     "  - Tỉnh ủy Hậu Giang", "noi_nhan", "dòng lưu"),
    ("slot-without-value", _mutate("            gia_tri: 80\n            don_vi: \"%\"\n"
                                   "            so_sanh: dat\n", ""),
     "id: ct-lao-dong-qua-dao-tao", "muc_tieu_chi_tieu.chi_tieu.doan[0].noi_dung[2]",
     "thiếu 'gia_tri'"),
    ("unknown-level", _mutate("        cap: [huyen]\n        noi_dung:", "        cap: [thon]\n"
                              "        noi_dung:"),
     "cap: [thon]", "muc_tieu_chi_tieu.chi_tieu.doan[3].cap[0]", "cấp hoặc loại đơn vị 'thon'"),
    ("unknown-type-code", _mutate("  loai: KH", "  loai: KHX"),
     "loai: KHX", "van_ban.loai", "mã loại văn bản 'KHX'"),
    ("tab-indent", _mutate("  ma_co_quan: HU", "\tma_co_quan: HU"),
     "\tma_co_quan", None, "tab"),
    ("empty-file", "", None, None, "tệp rỗng"),
    ("not-a-mapping", "- chỉ là một danh sách\n", "- chỉ", None, "khối gồm các trường"),
]


@pytest.mark.parametrize(("name", "text", "marker", "field", "message"), CASES,
                         ids=[c[0] for c in CASES])
def test_bad_plan_is_refused_clearly_and_writes_nothing(tmp_path, name, text, marker, field,
                                                        message):
    bad = tmp_path / f"{name}.yaml"
    bad.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", str(bad), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)  # the CLI's exit, not a crash
    lines = result.output.splitlines()
    assert lines and all(x.startswith("lỗi: ") or x.startswith("có ") for x in lines), lines
    assert message in result.output
    if marker is not None:
        line = _line_of(text, marker)
        assert re.search(rf"{re.escape(str(bad))}:{line}:\d+:", result.output), result.output
    if field is not None:
        assert f" {field}:" in result.output
    assert not out.exists() or not any(out.iterdir())


def test_every_problem_of_a_file_is_reported_at_once(tmp_path):
    text = _mutate("  loai: KH", "  loai: KHX")
    text = text.replace("    nam: 2030", "    nam: sau")
    text = text.replace("id: tam-nhin", "id: Tầm Nhìn")
    bad = tmp_path / "many.yaml"
    bad.write_text(text, encoding="utf-8")
    shutil.copy(PLAN.parent / "don_vi_phung_hiep.yaml", tmp_path)  # the units list it names
    result = CliRunner().invoke(main, ["validate", str(bad)])
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if line.startswith("lỗi:")]
    assert len(errors) == 3, result.output
    assert "có 3 lỗi" in result.output


def test_mistakes_found_while_reading_come_with_the_models_in_one_pass(tmp_path):
    # the review's e24: two mistakes reading catches (a day that does not exist, 10.000)
    # and two the model does (an unknown key, a number in words), plus the units list the
    # plan names, broken: all at once, in line order, and nothing about anything else
    units = tmp_path / "don_vi.yaml"
    units.write_text("don_vi:\n  - ma: Hòa An\n", encoding="utf-8")
    text = _mutate("  dia_danh: Phụng Hiệp", "  nguoi_soan: Văn thư\n  dia_danh: Phụng Hiệp")
    text = text.replace("  so:                   # dự thảo", "  so: mười hai  # dự thảo", 1)
    text = text.replace("  ngay: 2024 ", "  ngay: 2024-02-30 ", 1)
    text = text.replace('            gia_tri: "2,59"', "            gia_tri: 10.000", 1)
    text = re.sub(r"(?m)^danh_sach_don_vi: .*$", "danh_sach_don_vi: don_vi.yaml", text)
    bad = tmp_path / "e24.yaml"
    bad.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(bad)])
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if line.startswith("lỗi:")]
    fields = [re.sub(r"^lỗi: [^ ]+ ([^:]+):.*", r"\1", line) for line in errors]
    assert fields[:4] == ["van_ban.so", "van_ban.nguoi_soan", "van_ban.ngay",
                          "muc_tieu_chi_tieu.chi_tieu.doan[0].noi_dung[1].gia_tri"], errors
    assert len(errors) > 4 and all(str(units) in line for line in errors[4:]), errors
    assert f"có {len(errors)} lỗi." in result.output and "chưa ghi" not in result.output


def test_legacy_encoding_is_refused(tmp_path):
    bad = tmp_path / "tcvn3.yaml"
    bad.write_bytes("id: ph\n# Hu\u00fdÖn".encode("latin-1", errors="replace") + b"\xc2\x21")
    result = CliRunner().invoke(main, ["validate", str(bad)])
    assert result.exit_code == 2
    assert f"{bad}:2:5: tệp không phải văn bản Unicode" in result.output  # the first bad byte
    assert "lưu lại tệp bằng UTF-8" in result.output


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-8-sig"])
def test_a_plan_saved_as_notepad_unicode_or_with_a_mark_is_read(tmp_path, codec):
    from kehoach.plan.loader import load_plan

    saved = tmp_path / "ke_hoach.yaml"
    saved.write_bytes(GOOD.encode(codec))
    assert load_plan(saved) == load_plan(PLAN)


# The review's messages that named another field's rule (finding 22): each now says the
# rule the value breaks.
RULES = [
    ("body-code", ("  ma_co_quan: HU", '  ma_co_quan: "H/U"'), "van_ban.ma_co_quan",
     "mã cơ quan 'H/U' không hợp lệ: chữ in hoa"),
    ("number-as-list", ('            gia_tri: "2,59"', "            gia_tri: [1, 2]"),
     "gia_tri", "phải là một số (2,59 hoặc 10.000), không phải một danh sách"),
    ("number-too-big", ('            gia_tri: "2,59"', "            gia_tri: 1e300"),
     "gia_tri", "số quá lớn (quá 1.000.000.000.000.000)"),
    ("number-too-big-vietnamese", ('            gia_tri: "2,59"',
                                   '            gia_tri: "10.000.000.000.000.000"'),
     "gia_tri", "số quá lớn"),
    ("scientific", ('            gia_tri: "2,59"', "            gia_tri: 2e3"),
     "gia_tri", "'2e3' viết theo kiểu khoa học; hãy viết đủ số: 2.000"),
    ("day-month", ("\nnoi_nhan:", "\nbao_cao: {hang_nam: 15-11}\nnoi_nhan:"), "bao_cao.hang_nam",
     "'15-11' không phải ngày/tháng (viết 15/6)"),
]


@pytest.mark.parametrize(("name", "change", "field", "message"), RULES,
                         ids=[r[0] for r in RULES])
def test_a_message_names_the_rule_the_value_breaks(tmp_path, name, change, field, message):
    bad = tmp_path / f"{name}.yaml"
    bad.write_text(_mutate(*change), encoding="utf-8")
    shutil.copy(PLAN.parent / "don_vi_phung_hiep.yaml", tmp_path)
    result = CliRunner().invoke(main, ["validate", str(bad)])
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if line.startswith("lỗi:")]
    assert len(errors) == 1 and f"{field}: {message}" in errors[0], result.output
    assert "chữ thường không dấu" not in result.output and "số nguyên" not in result.output


def test_a_file_that_is_not_yaml_is_not_explained_as_a_plan(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# kehoach\n\nKế hoạch: một tệp YAML. Lưu ý: chạy kehoach build.\n",
                      encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(readme), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "không phải tệp kế hoạch" in result.output
    assert "noi_dung" not in result.output and not (tmp_path / "out").exists()
    from kehoach.plan.loader import load_plan

    notepad = tmp_path / "ke_hoach.yaml.txt"  # Notepad adds .txt: still a plan, read as one
    notepad.write_text(GOOD, encoding="utf-8")
    assert load_plan(notepad) == load_plan(PLAN)


def test_a_failed_render_keeps_the_existing_document(tmp_path):
    out = tmp_path / "out"
    good = tmp_path / "phung_hiep_42.yaml"
    good.write_text(GOOD, encoding="utf-8")
    assert CliRunner().invoke(main, ["render", str(good), "-o", str(out)]).exit_code == 0
    before = (out / "phung_hiep_42.docx").read_bytes()
    good.write_text(_mutate("  loai: KH", "  loai: ??"), encoding="utf-8")
    assert CliRunner().invoke(main, ["render", str(good), "-o", str(out)]).exit_code == 2
    assert (out / "phung_hiep_42.docx").read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["phung_hiep_42.docx"]
