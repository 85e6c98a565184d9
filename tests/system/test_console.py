"""Vietnamese output survives a stream that cannot hold it (Windows: output redirected
to a file is in the ANSI code page)."""

from __future__ import annotations

import io
import os
import subprocess
import sys

from conftest import PLAN, ROOT

from kehoach.system import console


def test_a_cp1252_stream_is_switched_to_utf8(monkeypatch):
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="cp1252")
    fine = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", stream)
    monkeypatch.setattr(sys, "stderr", fine)
    console.readable_output()
    print("đã ghi tệp", file=stream, end="")
    stream.flush()
    assert raw.getvalue().decode("utf-8") == "đã ghi tệp"
    assert fine.encoding == "utf-8"


def test_a_command_redirected_to_a_file_writes_readable_vietnamese(tmp_path):
    env = {**os.environ, "PYTHONIOENCODING": "cp1252",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-m", "kehoach.cli", "validate", str(PLAN),
                           str(tmp_path / "khong-co.yaml")], capture_output=True, env=env,
                          check=False)
    out, err = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
    assert done.returncode == 2, err
    assert "hợp lệ" in out and "không có tệp" in err and "Traceback" not in err
