"""What `validate` accepts renders, and what no stage can use is refused by `validate` at
its line and column (issue 20, item 4). Each case was accepted by `validate` and then
refused or crashed by a later command; found by hand or by the generated plans of
`tests/properties/`."""

from __future__ import annotations

from typing import Any

import pytest
from builders import small_plan, write_plan
from click.testing import CliRunner

from kehoach.cli import main


def _unknown_profile(data: dict[str, Any]) -> tuple[str, str]:
    data["ho_so"] = "hd99-2030"  # render said "không có hồ sơ thể thức" with no position
    return "ho_so: hd99-2030", "hồ sơ thể thức 'hd99-2030' không có trong danh mục"


def _title_of_another_type(data: dict[str, Any]) -> tuple[str, str]:
    # `check` then found no tên loại in kehoach's own document ("không tìm thấy tên loại")
    data["van_ban"]["ten_loai"] = "CHƯƠNG TRÌNH HÀNH ĐỘNG"  # and loai: KH
    return "ten_loai: CHƯƠNG", "tên loại phải là 'KẾ HOẠCH' (tên của mã KH)"


CASES = [_unknown_profile, _title_of_another_type]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.__name__.strip("_"))
def test_refused_by_validate_at_its_line(tmp_path, case):
    data = small_plan()
    marker, message = case(data)
    path = write_plan(tmp_path / "kh.yaml", data)
    text = path.read_text("utf-8")
    line = text[: text.index(marker)].count("\n") + 1
    column = len(text[: text.index(marker)].rsplit("\n", 1)[-1]) + 1 + marker.index(": ") + 2
    for command in ("validate", "render"):
        result = CliRunner().invoke(main, [command, str(path), *(
            ["-o", str(tmp_path / "out")] if command == "render" else [])])
        assert result.exit_code == 2, result.output
        assert f"kh.yaml:{line}:{column}: " in result.output and message in result.output
        assert not (tmp_path / "out").exists()
