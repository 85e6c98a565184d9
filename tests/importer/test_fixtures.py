"""Issue 10 on the office-style fixtures: every fixture imports, loads and renders, and every
non-blank source line (every paragraph and cell of a DOCX) is in the rendered document."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, squash
from docx import Document
from lxml import etree

from kehoach.check.files import W, paragraph_text
from kehoach.cli import main

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
