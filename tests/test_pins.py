"""Pins every output of every command on the repository's plans, so a refactoring that
changes no behaviour is proved to change no byte that matters.

DOCX and XLSX are compared part by part (the XML of each zip member) and XLSX also by
cell values; YAML and messages as text. Digests live in `tests/pins/seed.json`. A change
that means to alter an output regenerates them with `KEHOACH_UPDATE_PINS=1 pytest
tests/test_pins.py` and says in its commit what changed and why.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import zipfile
from pathlib import Path

import openpyxl
from click.testing import CliRunner
from conftest import PLAN, ROOT, SEED

from kehoach.cli import main
from kehoach.forms.layout import FORM, cell, rows_by_id
from kehoach.forms.report import FORM_SHEET

PINS = Path(__file__).parent / "pins" / "seed.json"
UPDATE = os.environ.get("KEHOACH_UPDATE_PINS") == "1"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _file_pins(path: Path) -> dict[str, str]:
    """Per zip member for DOCX/XLSX (plus cell values), whole text otherwise."""
    if path.suffix in {".docx", ".xlsx"}:
        with zipfile.ZipFile(path) as archive:
            pins = {f"part:{n}": _digest(archive.read(n)) for n in sorted(archive.namelist())}
        if path.suffix == ".xlsx":
            book = openpyxl.load_workbook(path)
            for sheet in book.worksheets:
                cells = [[c.value for c in row] for row in sheet.iter_rows()]
                pins[f"cells:{sheet.title}"] = _digest(json.dumps(cells, default=str).encode())
        return pins
    return {"text": _digest(path.read_bytes())}


def _tree_pins(folder: Path) -> dict[str, dict[str, str]]:
    return {
        str(p.relative_to(folder)): _file_pins(p)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.suffix in {".docx", ".xlsx", ".yaml", ".txt"}
    }


def _run(args: list[str], work: Path) -> dict[str, object]:
    result = CliRunner().invoke(main, args)
    output = result.output.replace(str(work), "<tmp>").replace(str(SEED.parent), "<seed>")
    output = output.replace(str(ROOT), "<root>")
    return {"exit": result.exit_code, "output": output}


def _fill(blank: Path, target: Path, unit: str, values: dict[str, object]) -> Path:
    shutil.copy(blank, target)
    book = openpyxl.load_workbook(target)
    sheet = book[FORM_SHEET]
    sheet[FORM.unit_name] = unit
    rows = rows_by_id(sheet)
    for ident, value in values.items():
        cell(sheet, rows[ident], "ket_qua").value = value
    book.save(target)
    return target


def _everything(work: Path) -> dict[str, object]:
    """Run each command once on the repository's plans; collect outputs and messages."""
    runs: dict[str, object] = {}
    runs["render"] = _run(["render", str(PLAN), "-o", str(work / "render")], work)
    runs["build"] = _run(["build", str(ROOT / "plans"), "-o", str(work / "build")], work)
    runs["derive"] = _run(["derive", str(PLAN), "--all", "-o", str(work / "derive")], work)
    runs["explain"] = _run(["derive", str(PLAN), "--unit", "hoa-an", "--explain",
                            "-o", str(work / "explain")], work)
    runs["forms"] = _run(["forms", str(PLAN), "-o", str(work / "forms"), "--ky",
                          "sơ kết 5 năm", "--nam", "2028"], work)
    blank = work / "forms" / f"{PLAN.stem}_bieu_chi_tieu.xlsx"
    (work / "filled").mkdir()
    filled = [
        _fill(blank, work / "filled" / "hoa_an.xlsx", "Hòa An",
              {"ct-bhyt": 97, "ct-suy-dinh-duong": 10, "ct-lao-dong-qua-dao-tao": 85}),
        _fill(blank, work / "filled" / "tan_long.xlsx", "Tân Long",
              {"ct-bhyt": 90, "ct-suy-dinh-duong": "18", "ct-tiem-chung": 120}),
    ]
    # relative names: the summary lists the files it read
    relative = [str(path.relative_to(work)) for path in filled]
    runs["aggregate"] = _run(["aggregate", str(PLAN), *relative, "-o", "aggregate"], work)
    runs["import"] = _run(["import", str(SEED), "-o", str(work / "import" / "seed.yaml")], work)
    runs["check_seed"] = _run(["check", str(SEED)], work)
    runs["check_json"] = _run(["check", str(SEED), "--format", "json"], work)
    runs["check_docx"] = _run(["check", str(work / "render" / f"{PLAN.stem}.docx")], work)
    runs["check_yaml"] = _run(["check", str(PLAN)], work)
    runs["validate"] = _run(["validate", str(PLAN)], work)
    folders = ("render", "build", "derive", "explain", "forms", "aggregate", "import")
    files = {name: _tree_pins(work / name) for name in folders if (work / name).is_dir()}
    return {"runs": runs, "files": files}


def test_every_command_gives_the_pinned_outputs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    got = _everything(tmp_path)
    if UPDATE:
        PINS.parent.mkdir(exist_ok=True)
        PINS.write_text(json.dumps(got, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                        encoding="utf-8")
    pinned = json.loads(PINS.read_text(encoding="utf-8"))
    assert got["runs"] == pinned["runs"]
    for folder, files in pinned["files"].items():
        assert sorted(got["files"][folder]) == sorted(files), folder
        for name, parts in files.items():
            assert got["files"][folder][name] == parts, f"{folder}/{name}"
    assert sorted(got["files"]) == sorted(pinned["files"])
