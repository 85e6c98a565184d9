"""`PlanFile.remove` on a field of a block, against files a clerk really writes: only the
field's own lines go (with the comments above it), every other comment and blank line
stays, or the edit is refused in Vietnamese and the file keeps every byte."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import small_plan

from kehoach.errors import KehoachError
from kehoach.plan.edit import PlanFile
from kehoach.plan.yamlwrite import dump

NOTE = ("a", 0, "xem_lai")

DONE = {
    "crlf": (
        "a:\r\n  - id: x\r\n    # c1\r\n    xem_lai:\r\n      - ly_do: y\r\n    # c2\r\n"
        "    tieu_de: t\r\n",
        NOTE,
        "a:\r\n  - id: x\r\n    # c2\r\n    tieu_de: t\r\n",
    ),
    "folded block with blank lines": (
        "a:\n  - id: x\n    noi_dung: >-\n      one\n\n      two\n\n    # keep\n    tieu_de: t\n",
        ("a", 0, "noi_dung"),
        "a:\n  - id: x\n\n    # keep\n    tieu_de: t\n",
    ),
    "literal block, last field": (
        "a:\n  - id: x\n    noi_dung: |\n      one\n\n      two\n\n  # keep\n  - id: y\n",
        ("a", 0, "noi_dung"),
        "a:\n  - id: x\n\n  # keep\n  - id: y\n",
    ),
    "last field": (
        "a:\n  - id: x\n    xem_lai:\n      - ly_do: y\n  # keep\n  - id: z\n",
        NOTE,
        "a:\n  - id: x\n  # keep\n  - id: z\n",
    ),
    "first field of an item, comments above the next field": (
        "a:\n  # above\n  - xem_lai: [{ly_do: y}]\n    # about id\n    id: x\n",
        NOTE,
        "a:\n  # above\n  # about id\n  - id: x\n",
    ),
    "first field of an item, a blank line and a comment after it": (
        "a:\n  - xem_lai:\n      - ly_do: y\n\n    # about id\n    id: x\n    t: 1\n",
        NOTE,
        "a:\n\n  # about id\n  - id: x\n    t: 1\n",
    ),
    "first field of an item, CRLF": (
        "a:\r\n  - xem_lai: [1]\r\n    # about id\r\n    id: x\r\n",
        NOTE,
        "a:\r\n  # about id\r\n  - id: x\r\n",
    ),
    "first field of an item, no comment": (
        "a:\n  - xem_lai: [1]  # trailing\n    id: x\n", NOTE, "a:\n  - id: x\n",
    ),
    "a # inside a quoted string above": (
        'a:\n  - id: x\n    t: "x\n      # not a comment"\n    xem_lai: 1\n    u: 2\n',
        NOTE,
        'a:\n  - id: x\n    t: "x\n      # not a comment"\n    u: 2\n',
    ),
    "a quoted key": (
        'a:\n  - id: x\n    # c\n    "xem_lai": [1]\n    t: 2\n', NOTE, "a:\n  - id: x\n    t: 2\n",
    ),
    "nested, the next sibling indented differently": (
        "a:\n  - id: x\n    b:\n        xem_lai: [1]\n        c: 2\n  -   id: y\n",
        ("a", 0, "b", "xem_lai"),
        "a:\n  - id: x\n    b:\n        c: 2\n  -   id: y\n",
    ),
    "the file's header stays above its first key": (
        "# header\nxem_lai: [1]\nb: 2\n", ("xem_lai",), "# header\nb: 2\n",
    ),
    "a flow mapping": ("a: {b: 1, xem_lai: 2, c: 3}\n", ("a", "xem_lai"), "a: {b: 1, c: 3}\n"),
    "a flow mapping item over two lines": (
        "a:\n  - {id: x,\n     xem_lai: [{ly_do: y}]}\n", NOTE, "a:\n  - {id: x}\n",
    ),
}


@pytest.mark.parametrize("name", DONE)
def test_a_field_goes_with_only_its_own_lines(tmp_path: Path, name: str) -> None:
    text, path, after = DONE[name]
    file = tmp_path / "k.yaml"
    file.write_bytes(text.encode("utf-8"))
    plan = PlanFile.open(file)
    plan.remove(path)
    assert plan.text == after


def test_a_saved_plan_keeps_its_bom_and_crlf(tmp_path: Path) -> None:
    data = small_plan()
    data["nhiem_vu_giai_phap"]["muc"][0]["xem_lai"] = [{"ly_do": "tên cơ quan cũ"}]
    text = dump(data).replace("\n", "\r\n")
    file = tmp_path / "k.yaml"
    file.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    plan = PlanFile.open(file)
    plan.remove(("nhiem_vu_giai_phap", "muc", 0, "xem_lai"))
    assert plan.save()
    raw = file.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"xem_lai" not in raw
    gone = [line for line in text.splitlines(keepends=True) if "xem_lai" in line or "ly_do" in line]
    assert raw[3:].decode("utf-8") == "".join(
        line for line in text.splitlines(keepends=True) if line not in gone)


REFUSED = {
    "the only key of a block": ("a:\n  - id: x\n    b:\n      xem_lai: [1]\n",
                                ("a", 0, "b", "xem_lai"), "trường duy nhất của khối"),
    "the only key of a flow mapping": ("a: {xem_lai: 2}\nb: 1\n", ("a", "xem_lai"),
                                       "trường duy nhất của khối"),
    "a character of a string": ("a: chữ\nb: 1\n", ("a", 0), "một phần tử của danh sách"),
    "the whole file": ("a: 1\nb: 2\n", (), "một phần tử của danh sách"),
}


@pytest.mark.parametrize("name", REFUSED)
def test_what_cannot_go_is_refused_and_the_file_kept(tmp_path: Path, name: str) -> None:
    text, path, message = REFUSED[name]
    file = tmp_path / "k.yaml"
    file.write_bytes(text.encode("utf-8"))
    plan = PlanFile.open(file)
    with pytest.raises(KehoachError, match=message):
        plan.remove(path)
    assert plan.text == text and not plan.save()
    assert file.read_bytes() == text.encode("utf-8")
