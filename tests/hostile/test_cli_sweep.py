"""A sweep over every command with inputs a careless clerk or a broken copy makes: each
case is refused with a Vietnamese message naming the file (and line:column, field), exit
2 and nothing written, or an existing good file is kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import small_plan, write_plan
from hostile import run, snapshot, unchanged


@pytest.mark.parametrize(
    ("written", "fragment"),
    [
        ("Nguyễn\x00 Văn A", ":66:17: có ký tự điều khiển U+0000 trong tệp"),
        ("Nguyễn\x07 Văn A", ":66:17: có ký tự điều khiển U+0007 trong tệp"),
        ('"Nguyễn \\ud800 A"', ":66:21: lỗi cú pháp YAML: mã thoát '\\u…'"),
    ],
)
def test_a_character_yaml_cannot_read_is_placed(tmp_path: Path, written: str,
                                                fragment: str) -> None:
    path = write_plan(tmp_path / "p.yaml", small_plan())
    path.write_text(path.read_text("utf-8").replace("Nguyễn Văn A", written), "utf-8")
    before = snapshot(tmp_path)
    for args in (["validate", path], ["render", path, "-o", tmp_path / "out"]):
        result = run(args, 2, fragment)
        assert str(path) in result.output and "unacceptable" not in result.output
        assert "invalid Unicode" not in result.output
    unchanged(tmp_path, before)
