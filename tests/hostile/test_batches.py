"""All or nothing per command: a bad unit anywhere and derive writes nothing; a SIGTERM
leaves no temporary; a killed run's temporaries are swept on the next write; what derive
writes loads back even from an upper plan with awkward text."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from builders import write_plan
from conftest import PLAN, ROOT
from hostile import run, snapshot, unchanged

from kehoach.plan.loader import load_plan
from kehoach.safewrite import Batch, write_atomic
from kehoach.system import processes

REGISTRY = ROOT / "plans" / "don_vi_phung_hiep.yaml"


def _district(tmp_path: Path, plan_text: str | None = None, extra: str = "") -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / REGISTRY.name).write_text(REGISTRY.read_text("utf-8") + extra, "utf-8")
    path = folder / PLAN.name
    path.write_text(plan_text or PLAN.read_text("utf-8"), "utf-8")
    return path


def test_a_bad_unit_at_the_end_and_nothing_is_written(tmp_path: Path) -> None:
    bad = (
        "  - {id: cuoi-1, loai: xa, ten: Cuối Một, chi_tieu: {khong-co: 5}}\n"
        "  - {id: cuoi-2, loai: xa, ten: Cuối Hai, bo_nhiem_vu: [khong-co-nv]}\n"
    )
    plan = _district(tmp_path, extra=bad)
    before = snapshot(tmp_path)
    result = run(["derive", plan, "--all", "-o", tmp_path / "out"], 2, "khong-co")
    assert "khong-co-nv" in result.output  # every bad unit is reported, not just the first
    unchanged(tmp_path, before)
    assert not list((tmp_path / "out").rglob("*")) if (tmp_path / "out").exists() else True


def test_derive_writes_what_loads_back_from_awkward_upper_text(tmp_path: Path) -> None:
    data = yaml.safe_load(PLAN.read_text("utf-8"))
    # a heading derive keeps as it is: long, a space before a line break, a colon, U+2028
    awkward = (
        "Nâng cao nhận thức, trách nhiệm của các cấp ủy, chính quyền \n"
        "và: toàn thể nhân dân\u2028 # không phải ghi chú"
    )
    data["nhiem_vu_giai_phap"]["muc"][0]["tieu_de"] = awkward
    data["danh_sach_don_vi"] = REGISTRY.name
    plan = write_plan(tmp_path / "plans" / PLAN.name, data)
    (tmp_path / "plans" / REGISTRY.name).write_bytes(REGISTRY.read_bytes())
    out = tmp_path / "out"
    run(["derive", plan, "--unit", "hiep-hung", "-o", out], 0, "đã soạn 1 kế hoạch")
    derived = load_plan(out / "hiep-hung.yaml")
    assert derived.nhiem_vu_giai_phap.muc[0].tieu_de == awkward


def test_sigterm_removes_the_temporaries(tmp_path: Path) -> None:
    code = (
        "import sys, time\nfrom pathlib import Path\nfrom kehoach.safewrite import Batch\n"
        f"b = Batch()\nb.write(Path({str(tmp_path)!r}) / 'a.docx', b'x' * 1000)\n"
        "print('ready', flush=True)\ntime.sleep(30)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, env=env)
    assert child.stdout is not None and child.stdout.readline().strip() == b"ready"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    child.send_signal(signal.SIGTERM)
    assert child.wait(timeout=10) == -signal.SIGTERM
    assert list(tmp_path.iterdir()) == []


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid  # reaped: no process has this id until the system reuses it


def test_a_killed_runs_temporaries_are_swept_on_the_next_write(tmp_path: Path) -> None:
    if processes.alive(_dead_pid()) is None:
        pytest.skip("Windows không hỏi được tiến trình còn chạy không: tệp tạm được dọn theo "
                    "tuổi (tests/system/test_processes.py)")
    stale = tmp_path / f".ke_hoach.docx.kehoach-{_dead_pid()}-abc123.tmp"
    alive = tmp_path / f".ke_hoach.docx.kehoach-{os.getppid()}-def456.tmp"
    fresh_dead = tmp_path / f".bieu.xlsx.kehoach-{_dead_pid()}-new.tmp"
    mine = tmp_path / "ghi_chu.tmp"  # not kehoach's: never touched
    for path in (stale, alive, fresh_dead, mine):
        path.write_bytes(b"half")
    old = time.time() - 3600
    for path in (stale, alive, mine):
        os.utime(path, (old, old))
    os.utime(fresh_dead, (time.time() + 60, time.time() + 60))  # newer than this process
    write_atomic(tmp_path / "ke_hoach.docx", b"new")
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(["ke_hoach.docx", alive.name, fresh_dead.name, mine.name])


def test_nothing_is_renamed_until_every_file_is_written(tmp_path: Path) -> None:
    (tmp_path / "a.docx").write_bytes(b"old a")
    with pytest.raises(OSError), Batch() as batch:
        batch.write(tmp_path / "a.docx", b"new a")
        (tmp_path / "b.docx").mkdir()
        batch.write(tmp_path / "b.docx", b"new b")
    assert (tmp_path / "a.docx").read_bytes() == b"old a"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx", "b.docx"]


def test_fix_leaves_foreign_words_alone(tmp_path: Path) -> None:
    path = tmp_path / "ghi_chu.txt"
    path.write_text("Đi xe bus, đóng tax, dịch vụ logistics; ddoanf theer.\n", "utf-8")
    run(["check", path, "--fix", "--in-place"], 1, "đã sửa")
    assert path.read_text("utf-8") == "Đi xe bus, đóng tax, dịch vụ logistics; đoàn thể.\n"
