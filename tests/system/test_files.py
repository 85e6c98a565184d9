"""A target open in Word (Windows refuses to replace it) or read-only is named before
anything is replaced; permissions without os.fchmod; dot files hidden on Windows.
(Whole commands over a file open in Word: tests/hostile/test_held_files.py.)"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from kehoach.errors import KehoachError
from kehoach.safewrite import Batch, write_atomic
from kehoach.system import files


def _refusal(path: Path, winerror: int | None) -> PermissionError:
    """The PermissionError Windows raises for a file another program holds (32) or a
    read-only one (5); on POSIX an error carries no winerror."""
    error = PermissionError(errno.EACCES, "The process cannot access the file", str(path))
    if winerror is not None:
        error.winerror = winerror  # type: ignore[attr-defined]
    return error


def _held_open(monkeypatch, held: Path, winerror: int | None = 32) -> None:
    """`held` cannot be opened for writing, as while Word has it open."""
    real = os.open

    def guarded(path, flags, *args):
        if Path(path) == held and flags & (os.O_WRONLY | os.O_RDWR):
            raise _refusal(held, winerror)
        return real(path, flags, *args)

    monkeypatch.setattr(os, "open", guarded)


def test_a_read_only_target_is_named_before_anything_is_replaced(tmp_path, monkeypatch):
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    first.write_bytes(b"old a")
    second.write_bytes(b"old b")
    _held_open(monkeypatch, second, winerror=None)
    with pytest.raises(KehoachError, match="chỉ cho đọc hoặc đang mở"), Batch() as batch:
        batch.write(first, b"new a")
        batch.write(second, b"new b")
    assert (first.read_bytes(), second.read_bytes()) == (b"old a", b"old b")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx", "b.docx"]


def test_a_replace_refused_for_a_moment_is_tried_again(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "PAUSES_S", (0, 0, 0))
    real, refusals = os.replace, [32, 5]

    def replace(src, dst):
        if refusals:
            raise _refusal(Path(dst), refusals.pop(0))
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    write_atomic(tmp_path / "a.docx", b"new")
    assert (tmp_path / "a.docx").read_bytes() == b"new" and not refusals


def test_a_replace_refused_for_good_names_the_file(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "PAUSES_S", (0, 0))
    monkeypatch.setattr(os, "replace", lambda src, dst: (_ for _ in ()).throw(
        _refusal(Path(dst), 32)))
    with pytest.raises(KehoachError, match="đang mở trong một chương trình khác"):
        write_atomic(tmp_path / "a.docx", b"new")
    assert list(tmp_path.iterdir()) == []


def test_a_posix_permission_error_is_not_mistaken_for_an_open_file(tmp_path, monkeypatch):
    calls = []

    def replace(src, dst):
        calls.append(dst)
        raise _refusal(Path(dst), None)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(PermissionError):
        write_atomic(tmp_path / "a.docx", b"new")
    assert len(calls) == 1  # not retried: a folder's permissions do not pass


def test_permissions_without_fchmod(tmp_path, monkeypatch):
    monkeypatch.delattr(os, "fchmod", raising=False)
    kept = tmp_path / "kept.docx"
    kept.write_bytes(b"old")
    kept.chmod(0o640)
    write_atomic(kept, b"new")
    write_atomic(tmp_path / "new.docx", b"new")
    mask = os.umask(0)
    os.umask(mask)
    assert kept.stat().st_mode & 0o777 == 0o640
    assert (tmp_path / "new.docx").stat().st_mode & 0o777 == 0o666 & ~mask


def test_no_attributes_here_without_kernel32():
    files._windows_attributes.cache_clear()
    import ctypes

    expected = None if not hasattr(ctypes, "windll") else files._windows_attributes()
    assert files._windows_attributes() == expected
    files.hide(Path("khong-co"))  # nothing to do, no error


def test_no_file_takes_a_windows_device_name(tmp_path):
    """`con.yaml` is the console on Windows: a unit whose id would name such files is
    refused where it is written, and an upload named so gets another name."""
    from click.testing import CliRunner

    from kehoach.cli import main
    from kehoach.serve.files import safe_stem

    units = tmp_path / "don_vi.yaml"
    units.write_text("cap: xa\ncap_tren: ĐẢNG BỘ HUYỆN PHỤNG HIỆP\ndon_vi:\n"
                     "  - {id: hoa-an, loai: xa, ten: Hòa An}\n"
                     "  - {id: com3, loai: xa, ten: Cốm Ba}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(units)])
    assert result.exit_code == 2
    assert f"{units}:5:10: don_vi[1].id: mã 'com3' là tên thiết bị dành riêng của Windows" \
        in result.output
    assert [safe_stem(n) for n in ("Côn.docx", "NUL.txt", "Côn Đảo.docx")] == [
        "con_tep", "nul_tep", "con_dao"]
    assert files.device("Aux") and files.device("lpt9.docx") and not files.device("console")


def test_every_file_kehoach_writes_refuses_a_windows_device_name(tmp_path, monkeypatch):
    """The review's finding 30: `con.yaml` rendered to `con.docx`, `import -o aux.yaml`,
    `--values-template nul.xlsx`, `-o "out dir/con."`, `check --fix` of `prn.txt` were
    written. Each is refused, with nothing written, whatever makes the name."""
    import shutil

    from click.testing import CliRunner
    from conftest import PLAN, SEED

    from kehoach.cli import main

    monkeypatch.chdir(tmp_path)
    shutil.copy(PLAN, tmp_path / "con.yaml")
    shutil.copy(PLAN.parent / "don_vi_phung_hiep.yaml", tmp_path)
    shutil.copy(SEED, tmp_path / "prn.txt")
    before = sorted(p.name for p in tmp_path.iterdir())
    for args, name in [
        (["render", "con.yaml", "-o", "ra"], "con.docx"),
        (["import", str(SEED), "-o", "aux.yaml"], "aux.yaml"),
        (["derive", str(PLAN), "--values-template", "nul.xlsx"], "nul.xlsx"),
        (["render", str(PLAN), "-o", "thu muc/con."], "con."),
        (["forms", str(PLAN), "-o", "lpt1"], "lpt1"),
        (["check", "prn.txt", "--fix"], "prn.da_sua.txt"),
    ]:
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2, (args, result.output)
        assert f"tên '{name}' là tên thiết bị dành riêng của Windows" in result.output, args
        assert "chưa ghi tệp nào" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    with Batch() as batch:  # a folder already there is the user's: it is not judged
        (tmp_path / "aux").mkdir()
        batch.write(tmp_path / "aux" / "ke_hoach.docx", b"x")
    assert (tmp_path / "aux" / "ke_hoach.docx").read_bytes() == b"x"
