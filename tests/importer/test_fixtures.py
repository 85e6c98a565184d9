"""Issue 10 on the office-style fixtures: every fixture imports, loads and renders, and every
non-blank source line (every paragraph and cell of a DOCX) is in the rendered document."""

from __future__ import annotations

import random
import re
import zipfile
from pathlib import Path

import pytest
import yaml
from builders import write_plan
from click.testing import CliRunner
from conftest import ROOT, SEED, squash
from docx import Document
from lxml import etree

from kehoach.check.files import W, paragraph_text
from kehoach.cli import main
from kehoach.plan.loader import load_plan

FIXTURES = ROOT / "tests" / "fixtures" / "import"
SOURCES = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".docx"))
# What the renderer writes in its own form, recorded by import (README of the fixtures).
RESTORED = {
    "K Ế HOẠCH": "KẾ HOẠCH",
    "Số: 187-KH/HU": "Số 187-KH/HU",
    "Long Mỹ, ngày 3 tháng 4 năm 2024": "Long Mỹ, ngày 03 tháng 4 năm 2024",
}


def run(*args: str):
    return CliRunner().invoke(main, [*args])


def source_lines(path: Path) -> list[str]:
    """The non-blank lines of a text (its TAB columns apart), or a DOCX's paragraphs and
    cells, runs of spaces squashed."""
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as package:
            root = etree.fromstring(package.read("word/document.xml"))
        texts = [paragraph_text(p) for p in root.iter(f"{{{W}}}p")]
    else:
        texts = re.split(r"\n|\t| {3,}", path.read_text(encoding="utf-8"))
    lines = [squash(t.replace("\n", " ")) for t in texts if t.strip()]
    return [RESTORED.get(line, line) for line in lines]


def rendered_text(docx: Path) -> str:
    doc = Document(str(docx))
    cells = [p.text for t in doc.tables for c in t._cells for p in c.paragraphs]
    return squash(" ".join(cells + [p.text for p in doc.paragraphs]).replace("\n", " "))


def imported(source: Path, tmp: Path) -> tuple[Path, Path, object]:
    target = tmp / f"{source.stem}.yaml"
    result = run("import", str(source), "-o", str(target))
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    rendered = run("render", str(target), "-o", str(tmp))
    assert rendered.exit_code == 0, rendered.output
    return target, tmp / f"{source.stem}.docx", result


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_every_line_survives(source, tmp_path):
    _target, docx, _result = imported(source, tmp_path)
    text = rendered_text(docx)
    lost = [line for line in source_lines(source) if line not in text]
    assert lost == []


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_every_fixture_validates(source, tmp_path):
    target, _docx, _result = imported(source, tmp_path)
    result = run("validate", str(target))
    assert result.exit_code == 0 and result.output.startswith("hợp lệ: "), result.output


def _mutilated(text: str, seed: int) -> list[str]:
    """The text with lines removed, shuffled, or cut mid-word."""
    rng = random.Random(seed)
    lines = text.split("\n")
    removed = [x for x in lines if rng.random() > 0.3]
    shuffled = lines[:]
    rng.shuffle(shuffled)
    cut = text[: rng.randrange(1, len(text))]
    return ["\n".join(removed), "\n".join(shuffled), cut, cut[: len(cut) // 7]]


TEXTS = [p for p in SOURCES if p.suffix == ".txt"]


@pytest.mark.parametrize("source", TEXTS, ids=lambda p: p.name)
def test_mutilated_texts_never_give_a_traceback(source, tmp_path):
    original = source.read_text(encoding="utf-8")
    texts = [t for seed in range(6) for t in _mutilated(original, seed)]
    for n, text in enumerate(texts):
        path = tmp_path / f"{n}.txt"
        path.write_text(text, encoding="utf-8")
        target = tmp_path / f"{n}.yaml"
        result = run("import", str(path), "-o", str(target))
        assert isinstance(result.exception, SystemExit | None), result.output
        assert result.exit_code in (1, 2), result.output
        if result.exit_code == 2:
            assert result.output.startswith("lỗi: ") and not target.exists()
        else:
            assert "cần xem lại" in result.output and load_plan(target)


def _data(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _paragraphs(docx: Path) -> list[str]:
    doc = Document(str(docx))
    cells = [p.text for t in doc.tables for c in t._cells for p in c.paragraphs]
    return cells + [p.text for p in doc.paragraphs]


@pytest.mark.parametrize("source", [*SOURCES, SEED], ids=lambda p: p.name)
def test_round_trip(source, tmp_path):
    """import → render → import gives the same plan; render → import → render the same text."""
    first, docx, _result = imported(source, tmp_path / "a")
    second, again, _result = imported(docx, tmp_path / "b")
    assert _data(second) == _data(first)
    assert _paragraphs(again) == _paragraphs(docx)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_forms_are_made_from_every_imported_fixture(source, tmp_path):
    target, _docx, _result = imported(source, tmp_path)
    result = run("forms", str(target), "-o", str(tmp_path / "forms"))
    assert result.exit_code == 0 and result.exception is None, result.output


def test_a_wide_appendix_gets_a_landscape_section_of_its_own(tmp_path):
    plan, _docx, _result = imported(FIXTURES / "phu_luc_moc.txt", tmp_path)
    data = _data(plan)
    columns = ["STT", "Xã", "2021", "2022", "2023", "2024", "2025"]
    data["phu_luc"].append({"id": "pl-rong", "ten": "BẢNG RỘNG", "bang": {
        "cot": columns, "dong": [{"o": ["1", "Xã A", "1", "2", "3", "4", "5"]}]}})
    wide = write_plan(tmp_path / "rong" / "rong.yaml", data)
    assert run("render", str(wide), "-o", str(tmp_path / "rong")).exit_code == 0
    doc = Document(str(tmp_path / "rong" / "rong.docx"))
    sizes = [(s.page_width > s.page_height) for s in doc.sections]
    assert sizes == [False, True]  # the plan and PHỤ LỤC 1 upright, PHỤ LỤC 2 turned
    titles = [p.text for p in doc.paragraphs if p.text.startswith("PHỤ LỤC")]
    assert titles == ["PHỤ LỤC 1", "PHỤ LỤC 2"]
    assert [c.text for c in doc.tables[-1].rows[0].cells] == columns
