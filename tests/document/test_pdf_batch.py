"""`--pdf`: every DOCX of a command converted in one LibreOffice process, checked, and
never two PDFs on one name."""

from __future__ import annotations

import stat
import subprocess
from pathlib import Path

from builders import small_plan, write_plan
from click.testing import CliRunner
from conftest import PLAN, ROOT

from kehoach.cli import main

UNITS = ROOT / "plans" / "don_vi_phung_hiep.yaml"


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def _fake_soffice(folder: Path, script: str) -> None:
    """A `soffice` on PATH that does `script` instead of converting."""
    program = folder / "soffice"
    program.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IEXEC)


def test_build_two_folders_with_same_named_plans_gives_two_pdfs(soffice, tmp_path):
    for folder, place in (("huyen_a", "Phụng Hiệp"), ("huyen_b", "Long Mỹ")):
        data = small_plan()
        data["van_ban"]["dia_danh"] = place
        write_plan(tmp_path / "plans" / folder / "ke_hoach.yaml", data)
    out = tmp_path / "output"
    result = CliRunner().invoke(main, ["build", str(tmp_path / "plans"), "-o", str(out), "--pdf"])
    assert result.exit_code == 0, result.output
    first, second = out / "huyen_a" / "ke_hoach.pdf", out / "huyen_b" / "ke_hoach.pdf"
    assert first.read_bytes().startswith(b"%PDF") and second.read_bytes().startswith(b"%PDF")
    assert "Phụng Hiệp, ngày" in _text(first) and "Long Mỹ, ngày" in _text(second)
    assert f"đã ghi {first}" in result.output and f"đã ghi {second}" in result.output


def test_derive_and_forms_write_a_pdf_beside_every_docx(soffice, tmp_path):
    derived = tmp_path / "xa"
    result = CliRunner().invoke(main, ["derive", str(PLAN), "--unit", "hoa-an", "--unit",
                                       "cay-duong", "-o", str(derived), "--pdf"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in derived.glob("*.pdf")) == ["cay-duong.pdf", "hoa-an.pdf"]
    assert "Hòa An" in _text(derived / "hoa-an.pdf")
    forms = tmp_path / "bieu"
    result = CliRunner().invoke(main, ["forms", str(PLAN), "-o", str(forms), "--pdf"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in forms.glob("*.pdf")) == [
        "phung_hiep_42_bieu_chi_tieu.pdf", "phung_hiep_42_de_cuong_bao_cao.pdf"]


def test_derive_pdf_without_libreoffice_is_a_clear_error(tmp_path, no_libreoffice):
    result = CliRunner().invoke(main, ["derive", str(PLAN), "--unit", "hoa-an",
                                       "-o", str(tmp_path), "--pdf"])
    assert result.exit_code == 2
    assert "không tìm thấy LibreOffice (lệnh soffice)" in result.output
    assert (tmp_path / "hoa-an.docx").is_file() and not list(tmp_path.glob("*.pdf"))


def test_a_file_libreoffice_does_not_convert_is_named_and_nothing_is_written(tmp_path,
                                                                             monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    _fake_soffice(bin_dir, "exit 0")  # what soffice does when it fails: nothing, exit 0
    monkeypatch.setenv("PATH", str(bin_dir))
    out = tmp_path / "bieu"
    result = CliRunner().invoke(main, ["forms", str(PLAN), "-o", str(out), "--pdf"])
    assert result.exit_code == 2
    for name in ("phung_hiep_42_de_cuong_bao_cao.docx", "phung_hiep_42_bieu_chi_tieu.docx"):
        assert f"{out / name}: LibreOffice không chuyển được tệp này sang PDF" in result.output
    assert not list(out.glob("*.pdf"))


def test_a_pdf_that_is_not_a_pdf_is_refused(tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    # Writes an empty "PDF" for every input into --outdir (the 6th argument).
    _fake_soffice(bin_dir, 'out="$6"; shift 6; /bin/mkdir -p "$out"; for f in "$@"; do '
                           'n="${f##*/}"; echo > "$out/${n%.docx}.pdf"; done')
    monkeypatch.setenv("PATH", str(bin_dir))
    result = CliRunner().invoke(main, ["render", str(PLAN), "-o", str(tmp_path), "--pdf"])
    assert result.exit_code == 2
    assert "phung_hiep_42.docx: LibreOffice không chuyển được" in result.output
    assert not (tmp_path / "phung_hiep_42.pdf").exists()
