"""LibreOffice is found where its installers put it on Windows and macOS (not on PATH),
or where the KEHOACH_SOFFICE setting says; its absence is said without Debian's words."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import PLAN

from kehoach.cli import main
from kehoach.errors import ConversionError
from kehoach.system import office


def _program(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path


@pytest.fixture
def nowhere(tmp_path, monkeypatch):
    """No LibreOffice on PATH, no setting, no Program Files, an empty home."""
    for variable in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)", office.SETTING):
        monkeypatch.delenv(variable, raising=False)
    empty = tmp_path / "path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("USERPROFILE", str(tmp_path / "home"))
    real = office.default_places
    monkeypatch.setattr(office, "default_places",
                        lambda: [p for p in real() if not p.is_relative_to("/usr")
                                 and not p.is_relative_to("/opt")])
    return tmp_path


def test_windows_program_files(nowhere, monkeypatch):
    monkeypatch.setenv("ProgramFiles", str(nowhere / "Program Files"))
    assert office.soffice() is None
    exe = _program(nowhere / "Program Files" / "LibreOffice" / "program" / "soffice.exe")
    assert office.soffice() == str(exe)
    com = _program(exe.with_name("soffice.com"))  # the console launcher comes first
    assert office.soffice() == str(com)


def test_macos_applications_of_the_user(nowhere):
    app = _program(nowhere / "home" / "Applications" / "LibreOffice.app" / "Contents" /
                   "MacOS" / "soffice")
    assert office.soffice() == str(app)


def test_linux_packages_in_opt_newest_first(monkeypatch, tmp_path):
    places = [Path(f"/opt/libreoffice{v}/program/soffice") for v in ("7.6", "24.2", "7.10")]
    ordered = sorted(places, key=office._version, reverse=True)
    assert [p.parent.parent.name for p in ordered] == [
        "libreoffice24.2", "libreoffice7.10", "libreoffice7.6"]


def test_the_setting_names_the_program_or_its_folder(nowhere, monkeypatch):
    exe = _program(nowhere / "LO" / "program" / "soffice.exe")
    for given in (exe, nowhere / "LO", nowhere / "LO" / "program", f'"{exe}"'):
        monkeypatch.setenv(office.SETTING, str(given))
        assert office.soffice() == str(exe)


def test_a_setting_that_points_nowhere_is_an_error_not_another_libreoffice(nowhere,
                                                                           monkeypatch):
    monkeypatch.setenv(office.SETTING, str(nowhere / "khong-co"))
    with pytest.raises(ConversionError, match="KEHOACH_SOFFICE chỉ tới"):
        office.soffice()
    result = CliRunner().invoke(main, ["render", str(PLAN), "-o", str(nowhere / "o"), "--pdf"])
    assert result.exit_code == 2 and "KEHOACH_SOFFICE chỉ tới" in result.output


def test_no_libreoffice_is_said_in_words_a_windows_clerk_can_act_on(nowhere):
    result = CliRunner().invoke(main, ["render", str(PLAN), "-o", str(nowhere / "o"), "--pdf"])
    assert result.exit_code == 2
    assert "https://www.libreoffice.org/download/" in result.output
    assert "KEHOACH_SOFFICE" in result.output
    for debian in ("apt", "gói", "libreoffice-writer", "nogui", "poppler-utils"):
        assert debian not in result.output


def test_libreoffice_itself_is_run_rather_than_its_launcher(tmp_path):
    """Ending the process kehoach started must end LibreOffice: soffice.bin beside the
    launcher (Linux, Windows), found through a link on PATH; else the program (macOS)."""
    program = tmp_path / "lo" / "program"
    launcher = _program(program / "soffice")
    binary = _program(program / "soffice.bin")
    link = tmp_path / "bin" / "soffice"
    link.parent.mkdir()
    link.symlink_to(launcher)
    assert office.office_binary(str(link)) == str(binary)
    assert office.office_binary(str(program / "soffice.exe")) == str(binary)
    mac = _program(tmp_path / "LibreOffice.app" / "Contents" / "MacOS" / "soffice")
    assert office.office_binary(str(mac)) == str(mac)


def test_libreoffices_own_python_comes_first(tmp_path):
    windows = tmp_path / "win" / "program"
    _program(windows / "soffice.exe")
    python = _program(windows / "python.exe")
    assert office.pythons(str(windows / "soffice.exe"))[0] == str(python)
    mac = tmp_path / "LibreOffice.app" / "Contents"
    _program(mac / "MacOS" / "soffice")
    bundled = _program(mac / "Resources" / "python")
    assert office.pythons(str(mac / "MacOS" / "soffice")) == [str(bundled)]
    bare = _program(tmp_path / "plain" / "soffice")
    assert all(Path(p).is_file() for p in office.pythons(str(bare)))


@pytest.mark.parametrize("command", [
    ["render", str(PLAN)],
    ["build", str(PLAN.parent)],
    ["derive", str(PLAN), "--all"],
    ["derive", str(PLAN), "--unit", "hoa-an", "--update"],
    ["forms", str(PLAN)],
])
def test_pdf_without_libreoffice_stops_before_anything_is_written(nowhere, command):
    """The review's finding 21: render wrote its DOCX, derive 15 YAML and 15 DOCX, then
    failed on the PDF, and the same derive again refused the plans it had just written."""
    out = nowhere / "o"
    result = CliRunner().invoke(main, [*command, "-o", str(out), "--pdf"])
    assert result.exit_code == 2, result.output
    assert not out.exists()
    said = result.output
    assert "chưa ghi tệp nào" in said and "https://www.libreoffice.org/download/" in said
    assert "KEHOACH_SOFFICE" in said and "kehoach build THƯ_MỤC -o THƯ_MỤC --pdf" in said
    assert "đã ghi" not in said
