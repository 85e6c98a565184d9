"""Whole commands on a Windows machine: a DOCX the clerk has open in Word is named and
nothing is replaced; derive's base copies are hidden as Windows hides files."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import PLAN
from hostile import run, snapshot, unchanged

from kehoach.system import files


def _held_open(monkeypatch, held: Path) -> None:
    """`held` cannot be opened for writing, as while Word has it open."""
    real = os.open

    def guarded(path, flags, *args):
        if Path(path) == held and flags & (os.O_WRONLY | os.O_RDWR):
            error = PermissionError(13, "The process cannot access the file", str(held))
            error.winerror = 32  # type: ignore[attr-defined]  # ERROR_SHARING_VIOLATION
            raise error
        return real(path, flags, *args)

    monkeypatch.setattr(os, "open", guarded)


def test_forms_over_a_docx_open_in_word_names_it_and_replaces_nothing(tmp_path, monkeypatch):
    out = tmp_path / "bieu"
    run(["forms", PLAN, "-o", out], 0, "đã ghi")
    before = snapshot(tmp_path)
    held = out / "phung_hiep_42_bieu_chi_tieu.docx"  # the second of its three files
    _held_open(monkeypatch, held)
    run(["forms", PLAN, "-o", out, "--nam", "2027"], 2,
        f"{held}: tệp đang mở trong một chương trình khác (Word, Excel…): hãy đóng tệp rồi "
        "chạy lại; chưa ghi tệp nào")
    unchanged(tmp_path, before)  # the other two not replaced either, no temporary left
    monkeypatch.undo()
    run(["forms", PLAN, "-o", out, "--nam", "2027"], 0, "đã ghi")  # closed: all three new
    assert all(before[name] != data for name, data in snapshot(tmp_path).items()
               if name.endswith(".docx"))


def test_dot_files_get_the_hidden_attribute_where_files_have_attributes(tmp_path,
                                                                        monkeypatch):
    """A stand-in for kernel32 records the attributes: derive's base copy of each unit's
    plan (a dot file) is hidden on Windows, its plan and DOCX are not."""
    attributes: dict[str, int] = {}

    def get(path: str) -> int:
        return attributes.setdefault(path, 0x80) if os.path.exists(path) else -1

    def set_(path: str, value: int) -> int:
        attributes[path] = value
        return 1

    monkeypatch.setattr(files, "_windows_attributes", lambda: (get, set_))
    out = tmp_path / "xa"
    run(["derive", PLAN, "--unit", "hoa-an", "-o", out], 0, "đã soạn 1 kế hoạch")
    # the temporary `.<name>.kehoach-….tmp` is hidden, and its rename keeps the attribute
    hidden = {Path(p).name[1:].split(".kehoach-")[0] for p, v in attributes.items() if v & 2}
    assert hidden == {".hoa-an.goc.yaml"}
    assert (out / ".hoa-an.goc.yaml").is_file()


