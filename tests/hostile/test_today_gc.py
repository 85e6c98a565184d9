"""`render` and `import` run with the cycle collector off: however they end (a bad plan,
a missing template, Ctrl-C), collection is on again in the same process, and a real
`kehoach render` process still writes a whole DOCX."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from conftest import PLAN, ROOT
from docx import Document

import kehoach.stages.render as render_stage
from kehoach.cli import main


def test_a_missing_template_gives_collection_back(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["render", str(PLAN), "-o", str(tmp_path),
                                       "--templates", str(tmp_path / "khong-co")])
    assert result.exit_code == 2 and "thư mục mẫu" in result.output
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_ctrl_c_gives_collection_back(tmp_path: Path, monkeypatch) -> None:
    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(render_stage, "_render_one", interrupted)
    result = CliRunner().invoke(main, ["render", str(PLAN), "-o", str(tmp_path)])
    assert result.exit_code != 0
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_import_of_a_bad_file_gives_collection_back(tmp_path: Path) -> None:
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"not a docx")
    result = CliRunner().invoke(main, ["import", str(bad), "-o", str(tmp_path / "k.yaml")])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_a_render_process_writes_a_whole_docx(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "kehoach.cli", "render", str(PLAN), "-o",
                           str(tmp_path)], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    text = "\n".join(p.text for p in Document(tmp_path / f"{PLAN.stem}.docx").paragraphs)
    assert "KẾ HOẠCH" in text and "TỔ CHỨC THỰC HIỆN" in text
