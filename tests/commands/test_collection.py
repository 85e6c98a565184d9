"""`render` and `import` make one document with the cycle collector off (start-up speed),
and give it back on however the command ends: a test run or a server is never left
without collection."""

from __future__ import annotations

import gc

from click.testing import CliRunner
from conftest import PLAN

import kehoach.stages.render as render_stage
from kehoach.cli import main


def test_one_render_runs_without_collection_and_gives_it_back(tmp_path, monkeypatch):
    seen = []
    real = render_stage._render_one

    def spy(*args):
        seen.append(gc.isenabled())
        real(*args)

    monkeypatch.setattr(render_stage, "_render_one", spy)
    assert gc.isenabled()
    result = CliRunner().invoke(main, ["render", str(PLAN), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert seen == [False] and gc.isenabled()
    bad = tmp_path / "hong.yaml"
    bad.write_text("van_ban: [\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(bad), "-o", str(tmp_path)])
    assert result.exit_code == 2 and gc.isenabled()
    assert gc.get_freeze_count() == 0  # nothing is left set aside
