"""`derive --update` and the clerk's own `#` lines, in a file saved with a BOM and CRLF:
each line comes back once, where it was, however often the update runs; the line the
clerk put under the file's header (above its first key) included."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner
from conftest import PLAN

from kehoach.cli import main
from kehoach.plan.edit import PlanFile

LINES = {
    "Số liệu: BHXH # khu vực 1": "# giá trị sâu bên trong chỉ tiêu",
    "giá trị sâu bên trong chỉ tiêu": "- id: ct-bhyt",  # a plain field's: above its element
    "Lời văn phòng dưới tiêu đề tệp": "id: phung-hiep-42-hoa-an",
    "XEM LẠI: hỏi lại Ủy ban kiểm tra": "- id: yc-kiem-tra-giam-sat",
}


def _cli(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_the_clerks_lines_come_back_once_each_run(tmp_path: Path) -> None:
    shutil.copy(PLAN.parent / "don_vi_phung_hiep.yaml", tmp_path)
    upper = Path(shutil.copy(PLAN, tmp_path / PLAN.name))
    out = tmp_path / "out"
    assert _cli("derive", upper, "--unit", "hoa-an", "-o", out).exit_code == 0
    ours = out / "hoa-an.yaml"
    plan = PlanFile.open(ours)
    bhyt = plan.path_of("ct-bhyt")
    plan.add_comment(bhyt, "Số liệu: BHXH # khu vực 1")
    plan.add_comment((*bhyt, "gia_tri"), "giá trị sâu bên trong chỉ tiêu")
    plan.add_comment(("id",), "Lời văn phòng dưới tiêu đề tệp")
    plan.add_comment(plan.path_of("yc-kiem-tra-giam-sat"), "XEM LẠI: hỏi lại Ủy ban kiểm tra")
    assert plan.save()
    ours.write_bytes(b"\xef\xbb\xbf" + ours.read_bytes().replace(b"\n", b"\r\n"))
    texts = []
    for _ in range(2):
        result = _cli("derive", upper, "--unit", "hoa-an", "-o", out, "--update")
        assert result.exit_code in (0, 1), result.output
        texts.append(ours.read_text(encoding="utf-8-sig"))
        lines = [line.strip() for line in texts[-1].splitlines()]
        for comment, below in LINES.items():
            assert lines.count(f"# {comment}") == 1, comment
            assert lines[lines.index(f"# {comment}") + 1] == below, comment
        assert lines[:4][-1] == "#" and sum("soạn tự động" in line for line in lines) == 1
    assert texts[0] == texts[1]
