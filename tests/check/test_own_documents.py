"""Every document kehoach writes passes `kehoach check` with no error: the render of every
plan of `plans/` and of each upper plan of `tests/corpus/upper/` as imported, every unit's
draft derived from them, and their report forms. A style the Hướng dẫn leaves open (`I-`
labels, a longer tên loại such as CHƯƠNG TRÌNH HÀNH ĐỘNG) is the document's to choose."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from kehoach.check.findings import ERROR
from kehoach.plan.loader import yaml_files
from kehoach.plan.units import is_registry
from kehoach.source import yamlsource
from kehoach.stages.check import check
from kehoach.stages.derive import derive
from kehoach.stages.forms import forms
from kehoach.stages.importing import import_plan
from kehoach.stages.render import render

UPPER = ROOT / "tests" / "corpus" / "upper"
CORPUS = {"an_giang_57": "don_vi_an_giang.yaml", "hai_phong_68": "don_vi_hai_phong.yaml",
          "quang_ninh_dh14": "don_vi_quang_ninh.yaml"}


def _plans(work: Path) -> list[tuple[Path, Path | None]]:
    """Each plan of the repository and of the corpus imports, with its units list."""
    found: list[tuple[Path, Path | None]] = []
    for path in yaml_files(ROOT / "plans"):
        if not is_registry(yamlsource.load(yamlsource.read_text(path), str(path)).data):
            found.append((path, None))
    for name, units in CORPUS.items():
        target = work / f"{name}.yaml"
        import_plan(UPPER / f"{name}.docx", target)
        found.append((target, UPPER / units))
    return found


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    work = tmp_path_factory.mktemp("own")
    documents: list[Path] = []
    for plan, units in _plans(work):
        documents += render(plan, work / "render").written
        drafts = work / "derive" / plan.stem
        documents += derive(plan, all_units=True, yaml_dir=drafts, docx_dir=drafts,
                            units_file=units, parallel=False).written
        documents += forms(plan, work / "forms" / plan.stem, units_file=units).written
    return [path for path in documents if path.suffix == ".docx"]


def test_every_document_kehoach_writes_checks_with_no_error(written: list[Path]) -> None:
    assert len(written) >= 40  # 5 renders, 31 drafts, 10 forms
    names = {path.parent.name for path in written}
    assert {"phung_hiep_42", "can_tho_42", "hai_phong_68", "an_giang_57"} <= names
    done = check(written)
    assert done.problems == []
    errors = [str(f) for f in done.findings if f.severity == ERROR]
    assert errors == []
