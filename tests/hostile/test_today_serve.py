"""The editor's review operations against plans a clerk has touched by hand: notes
without their `# XEM LẠI` line, a line without notes, notes on `van_ban`, `chu_ky` and the
root, and buttons posted with paths that no longer (or never) fit the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from builders import small_plan
from serve.webpages import BASE, PORT, form_of

from kehoach.plan.edit import PlanFile
from kehoach.plan.loader import load_plan
from kehoach.plan.yamlwrite import dump
from kehoach.serve.app import create_app
from kehoach.source import yamlsource

NV = ["nhiem_vu_giai_phap", "muc", 0]
MD = ["muc_dich_yeu_cau", "muc", 0]


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """A small plan: nv-1 has two notes and their marks, md-1 a mark the clerk wrote and no
    note, van_ban and chu_ky notes without marks, the root a note of its own."""
    data = small_plan()
    data["nhiem_vu_giai_phap"]["muc"][0]["xem_lai"] = [
        {"cum": "nhận thức", "ly_do": "tên cũ"}, {"ly_do": "chưa rõ: hỏi lại # ban"}]
    data["van_ban"]["xem_lai"] = [{"ly_do": "số kế hoạch"}]
    data["chu_ky"]["xem_lai"] = [{"ly_do": "người ký"}]
    data["xem_lai"] = [{"ly_do": "cả kế hoạch"}]
    comments = {"nv-1": ["XEM LẠI: tên cũ ('nhận thức')", "Ghi chú của văn phòng",
                         "XEM LẠI: chưa rõ: hỏi lại # ban"],
                "md-1": ["XEM LẠI: viết lại đoạn này"]}
    path = tmp_path / "plans" / "k.yaml"
    path.parent.mkdir()
    path.write_text(dump(data, comments), encoding="utf-8")
    load_plan(path)
    return path


def _post(plan: Path, op: str):
    client = create_app(plan.parent, PORT, plan.parent.parent / "work").test_client()
    url = f"/plan/{plan.name}"
    page = client.get(url, base_url=BASE).get_data(as_text=True)
    return client.post(url, base_url=BASE, data={**form_of(page), "op": op})


def _at(plan: Path, path: list) -> object:
    value = yamlsource.load(plan.read_text(encoding="utf-8"), str(plan)).data
    for part in path:
        value = value[part]
    return value


def test_removing_a_note_takes_its_mark_and_leaves_the_clerks_words(plan: Path) -> None:
    assert _post(plan, f"remove|{json.dumps([*NV, 'xem_lai', 0])}").status_code == 302
    text = plan.read_text(encoding="utf-8")
    assert "tên cũ" not in text and "# Ghi chú của văn phòng" in text
    assert text.count("# XEM LẠI: chưa rõ: hỏi lại # ban") == 1
    assert _post(plan, f"remove|{json.dumps([*NV, 'xem_lai', 0])}").status_code == 302
    text = plan.read_text(encoding="utf-8")
    assert "chưa rõ" not in text and "# Ghi chú của văn phòng" in text
    assert "xem_lai" not in _at(plan, NV)  # type: ignore[operator]
    load_plan(plan)


@pytest.mark.parametrize("where", [["van_ban"], ["chu_ky"], NV, MD])
def test_clear_takes_notes_with_or_without_a_mark(plan: Path, where: list) -> None:
    others = [line for line in plan.read_text(encoding="utf-8").splitlines()
              if "XEM LẠI" not in line and "ly_do" not in line and "cum:" not in line]
    assert _post(plan, f"clear|{json.dumps(where)}").status_code == 302
    assert "xem_lai" not in _at(plan, where)  # type: ignore[operator]
    text = plan.read_text(encoding="utf-8")
    if where == NV:
        assert "XEM LẠI: tên cũ" not in text and "# Ghi chú của văn phòng" in text
    if where == MD:
        assert "viết lại đoạn này" not in text
    kept = [line for line in text.splitlines() if line in others]
    assert len(kept) == len(others) - (where != MD)  # only `xem_lai:` itself went
    load_plan(plan)


def test_clearall_takes_every_note_and_mark_and_keeps_other_comments(plan: Path) -> None:
    assert _post(plan, "clearall|").status_code == 302
    text = plan.read_text(encoding="utf-8")
    assert "xem_lai" not in text and "XEM LẠI" not in text
    assert "# Ghi chú của văn phòng" in text
    load_plan(plan)


@pytest.mark.parametrize("op", [
    'clear|["nhiem_vu_giai_phap", "muc", 9]',
    'clear|["van_ban", "co_quan", 0]',
    'clear|["noi_nhan", -1]',
    'remove|["van_ban", "xem_lai", 3]',
    'remove|["nhiem_vu_giai_phap", "muc", 0, "xem_lai", -1]',
    'remove|["van_ban", "co_quan", 0]',
])
def test_a_stale_or_forged_button_is_refused_and_nothing_written(plan: Path, op: str) -> None:
    before = plan.read_bytes()
    response = _post(plan, op)
    assert response.status_code == 400, response.get_data(as_text=True)[-2000:]
    assert "Traceback" not in response.get_data(as_text=True)
    assert plan.read_bytes() == before


def test_a_letter_of_a_text_is_not_a_place_in_the_file(plan: Path) -> None:
    pf = PlanFile.open(plan)
    with pytest.raises(Exception, match="không có trường này") as error:
        pf.add_comment(("van_ban", "co_quan", 0), "x")
    assert type(error.value).__name__ == "KehoachError"
