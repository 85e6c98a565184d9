"""The commands as a clerk runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from conftest import PLAN, ROOT

from kehoach.cli import main


def test_help_is_vietnamese_and_imports_only_click():
    code = ("import sys; from kehoach.cli import main\n"
            "try:\n    main(['--help'], prog_name='kehoach')\nexcept SystemExit:\n    pass\n"
            "heavy = {'docx', 'docxtpl', 'yaml', 'jinja2', 'babel', 'pydantic', 'lxml'}\n"
            "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert "Cách dùng: kehoach" in out and "Lệnh:" in out
    assert out.strip().splitlines()[-1] == "[]"


def test_build_renders_every_plan_into_output(tmp_path):
    plans = tmp_path / "plans"
    (plans / "xa").mkdir(parents=True)
    (plans / "phung_hiep_42.yaml").write_text(PLAN.read_text(encoding="utf-8"))
    (plans / "xa" / "ban_sao.yaml").write_text(PLAN.read_text(encoding="utf-8"))
    out = tmp_path / "output"
    result = CliRunner().invoke(main, ["build", str(plans), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "phung_hiep_42.docx").read_bytes() == (out / "xa" / "ban_sao.docx").read_bytes()


def test_build_reports_a_bad_plan_and_still_renders_the_good_ones(tmp_path):
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "a_tot.yaml").write_text(PLAN.read_text(encoding="utf-8"))
    (plans / "b_hong.yaml").write_text("id: hong\n", encoding="utf-8")
    out = tmp_path / "output"
    result = CliRunner().invoke(main, ["build", str(plans), "-o", str(out)])
    assert result.exit_code == 2
    assert "b_hong.yaml" in result.output and "thiếu trường bắt buộc" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["a_tot.docx"]


def test_build_with_the_defaults_from_the_project_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "phung_hiep_42.docx").is_file()


def test_validate_reports_a_good_plan_and_knows_a_units_file():
    units = ROOT / "plans" / "don_vi_phung_hiep.yaml"
    result = CliRunner().invoke(main, ["validate", str(PLAN), str(units)])
    assert result.exit_code == 0, result.output
    assert "36 chỉ tiêu" in result.output and "danh sách 15 đơn vị" in result.output


def test_schema_describes_the_plan_format_in_vietnamese():
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["additionalProperties"] is False
    assert {"van_ban", "muc_tieu_chi_tieu", "noi_nhan"} <= set(schema["properties"])
    indicator = schema["$defs"]["Indicator"]
    assert "{gt}" in indicator["properties"]["cau"]["description"]


def _render_with_template_line(tmp_path: Path, line: str):
    """Render the plan with a user template: the shipped one plus `line` on top."""
    from docx import Document

    from kehoach.document.lookup import find_template

    custom = tmp_path / "mau"
    custom.mkdir()
    doc = Document(str(find_template("ke_hoach.docx")))
    doc.paragraphs[0].insert_paragraph_before(line)
    doc.save(str(custom / "ke_hoach.docx"))
    return CliRunner().invoke(main, ["render", str(PLAN), "-o", str(tmp_path / "out"),
                                     "--templates", str(custom)])


def test_user_template_folder_comes_first(tmp_path):
    from docx import Document

    result = _render_with_template_line(tmp_path, "MẪU RIÊNG CỦA VĂN PHÒNG")
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    texts = [p.text for p in Document(str(out / "phung_hiep_42.docx")).paragraphs]
    assert "MẪU RIÊNG CỦA VĂN PHÒNG" in texts


def test_a_broken_user_template_is_a_clear_error(tmp_path):
    result = _render_with_template_line(tmp_path, "{{ khong_co_bien_nay }}")
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert result.output.startswith("lỗi: ") and "khong_co_bien_nay" in result.output
    assert not (tmp_path / "out").exists()


def test_shipped_templates_are_what_the_profile_builds():
    import io

    from kehoach.document import ooxml
    from kehoach.document.template_builder import shipped
    from kehoach.rules.profile import load_profile

    assert "ke_hoach_nd30-2020.docx" in shipped()
    for name, (profile, builder) in shipped().items():
        built = io.BytesIO()
        ooxml.save_package(builder(load_profile(profile)), built)
        assert built.getvalue() == (ROOT / "templates" / name).read_bytes(), (
            f"{name}: chạy lại python -m kehoach.document.template_builder")


def test_sandbox_refuses_unsafe_template_code(tmp_path):
    result = _render_with_template_line(tmp_path, "{{ ''.__class__.__mro__[1].__subclasses__() }}")
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert result.output.startswith("lỗi: ") and "lỗi Jinja" in result.output


def test_no_output_folder_is_created_for_nothing(tmp_path):
    result = CliRunner().invoke(main, ["build", str(tmp_path / "khong-co"),
                                       "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "không có thư mục" in result.output
    assert not Path(tmp_path / "out").exists()
