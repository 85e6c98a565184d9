"""`--pdf`: every DOCX of a command converted in one LibreOffice process, checked, and
never two PDFs on one name."""

from __future__ import annotations

import os
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
    assert not list(tmp_path.glob("*.docx"))  # looked for before anything is written


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


# A stand-in for soffice that behaves as LibreOffice 7.4's launcher does: only the first
# 247 file arguments are converted, the rest silently dropped, exit 0. It writes a small
# "PDF" naming FONT, and logs how many files each call was given.
_LAUNCHER = """#!{python}
import json, os, sys
args = sys.argv[1:]
out = args[args.index("--outdir") + 1]
files = [a for a in args[args.index("--outdir") + 2:]]
with open({log!r}, "a", encoding="utf-8") as log:
    log.write(json.dumps({{"files": len(files), "chars": len(" ".join(sys.argv))}}) + "\\n")
os.makedirs(out, exist_ok=True)
print("Warning: failed to launch javaldx - java may not function correctly", file=sys.stderr)
for name in files[:{limit}]:
    stem = os.path.splitext(os.path.basename(name))[0]
    with open(os.path.join(out, stem + ".pdf"), "wb") as pdf:
        pdf.write(b"%PDF-1.4\\n<< /Type /Font /BaseFont /ABCDEF+{font} >>\\n%%EOF\\n")
"""


def _launcher(tmp_path: Path, monkeypatch, font: str = "LiberationSerif",
              limit: int = 247) -> Path:
    """The stand-in on PATH; returns its log."""
    import sys

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "soffice.log"
    program = bin_dir / "soffice"
    program.write_text(_LAUNCHER.format(python=sys.executable, log=str(log), limit=limit,
                                        font=font), encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.delenv("KEHOACH_SOFFICE", raising=False)
    return log


def _calls(log: Path) -> list[dict]:
    import json

    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def test_past_the_launchers_limit_every_file_gets_its_pdf(tmp_path, monkeypatch):
    """300 and 500 files: calls of at most 200 files, sized evenly, each well inside
    Windows' 32,767-character command line."""
    from kehoach.document.pdf import to_pdfs

    log = _launcher(tmp_path, monkeypatch)
    for count, sizes in ((300, [150, 150]), (500, [167, 167, 166])):
        folder = tmp_path / f"lo-{count}"
        folder.mkdir()
        docx = []
        for i in range(count):
            docx.append(folder / f"xã-số-{i:04d}.docx")
            docx[-1].write_bytes(b"PK stand-in")
        written = to_pdfs(docx)
        assert written == [d.with_suffix(".pdf") for d in docx]
        assert all(p.read_bytes().startswith(b"%PDF-") for p in written)
        calls = _calls(log)[-len(sizes):]
        assert [c["files"] for c in calls] == sizes
        assert max(c["chars"] for c in calls) < 32_767


def test_a_file_the_launcher_drops_is_named_and_nothing_is_written(tmp_path, monkeypatch):
    """Had the chunks been too large, the dropped files would be named; no PDF at all."""
    from kehoach.document import pdf

    _launcher(tmp_path, monkeypatch, limit=3)
    folder = tmp_path / "lo"
    folder.mkdir()
    docx = [folder / f"{i}.docx" for i in range(5)]
    for path in docx:
        path.write_bytes(b"PK stand-in")
    try:
        pdf.to_pdfs(docx)
        raise AssertionError("không báo lỗi")
    except pdf.ConversionError as error:
        named = [p.file for p in error.problems]
    assert named == [str(docx[3]), str(docx[4])]
    assert not list(folder.glob("*.pdf"))


def test_soffices_javaldx_warning_is_not_given_as_the_reason(tmp_path, monkeypatch):
    _launcher(tmp_path, monkeypatch, limit=0)
    result = CliRunner().invoke(main, ["render", str(PLAN), "-o", str(tmp_path / "o"), "--pdf"])
    assert result.exit_code == 2
    assert "LibreOffice không chuyển được tệp này sang PDF" in result.output
    assert "failed to launch" not in result.output


def test_derive_all_pdf_of_300_units_writes_300_pdfs(tmp_path, monkeypatch):
    log = _launcher(tmp_path, monkeypatch)
    units = tmp_path / "don_vi.yaml"
    units.write_text("cap: xa\ncap_tren: ĐẢNG BỘ HUYỆN PHỤNG HIỆP\ndon_vi:\n" + "".join(
        f"  - {{id: xa-{i:03d}, loai: xa, ten: Thử {i:03d}}}\n" for i in range(300)), "utf-8")
    out = tmp_path / "xa"
    result = CliRunner().invoke(main, ["derive", str(PLAN), "--all", "--units", str(units),
                                       "-o", str(out), "--pdf"])
    assert result.exit_code == 0, result.output
    pdfs = sorted(out.glob("*.pdf"))
    assert len(pdfs) == 300 and [p.stem for p in pdfs] == [f"xa-{i:03d}" for i in range(300)]
    assert [c["files"] for c in _calls(log)] == [150, 150]
    assert result.output.count("lưu ý:") == 1  # the font, said once for the batch
    assert "không có phông Times New Roman (PDF dùng LiberationSerif" in result.output


def test_no_font_note_when_the_pdf_has_the_documents_font(tmp_path, monkeypatch):
    _launcher(tmp_path, monkeypatch, font="TimesNewRomanPS-BoldMT")
    result = CliRunner().invoke(main, ["forms", str(PLAN), "-o", str(tmp_path / "o"), "--pdf"])
    assert result.exit_code == 0, result.output
    assert "lưu ý" not in result.output and "phông" not in result.output


def test_a_chunk_boundary_with_the_real_libreoffice(soffice, tmp_path, monkeypatch):
    """Three units in calls of two files: two real LibreOffice runs, each PDF its own."""
    from kehoach.document import pdf

    monkeypatch.setattr(pdf, "FILES_PER_CALL", 2)
    calls = []
    real_run = pdf._run
    monkeypatch.setattr(pdf, "_run", lambda *a: calls.append(len(a[2])) or real_run(*a))
    out = tmp_path / "xa"
    units = {"hoa-an": "Hòa An", "cay-duong": "Cây Dương", "long-thanh": "Long Thạnh"}
    args = [a for unit in units for a in ("--unit", unit)]
    result = CliRunner().invoke(main, ["derive", str(PLAN), *args, "-o", str(out), "--pdf"])
    assert result.exit_code == 0, result.output
    assert calls == [2, 1]
    for unit, name in units.items():
        assert name in _text(out / f"{unit}.pdf")
    fonts = subprocess.run(["pdffonts", str(out / "hoa-an.pdf")], capture_output=True,
                           text=True, check=True).stdout
    has_times = "TimesNewRoman" in fonts
    assert ("không có phông Times New Roman" in result.output) is not has_times
    # check judges the font the DOCX asks for, whatever LibreOffice set the PDF in
    checked = CliRunner().invoke(main, ["check", str(out / "hoa-an.docx"), "--format", "json"])
    assert '"phong-chu"' not in checked.output, checked.output


def test_chunks_are_even_and_within_the_command_line():
    from kehoach.document.pdf import FILES_PER_CALL, chunks

    names = [f"{i:05d}.docx" for i in range(401)]
    assert [len(c) for c in chunks(names, 100)] == [134, 134, 133]
    assert [n for chunk in chunks(names, 100) for n in chunk] == names
    assert [len(c) for c in chunks(names[:FILES_PER_CALL], 100)] == [FILES_PER_CALL]
    long = [f"{'x' * 200}{i}.docx" for i in range(200)]  # 200 long names: 42,000 characters
    sized = list(chunks(long, 1_000))
    assert len(sized) == 2 and all(sum(len(n) + 3 for n in c) + 1_000 < 32_767 for c in sized)
