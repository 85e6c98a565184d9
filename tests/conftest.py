"""Shared fixtures: the seed draft, the real plan, one rendered document, LibreOffice."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "plans" / "phung_hiep_42.yaml"
SEED = ROOT.parent / "shared" / "seed" / "ke_hoach_nq42_phung_hiep_du_thao.txt"
REQUIRE_SOFFICE = os.environ.get("KEHOACH_REQUIRE_SOFFICE") == "1"


def squash(text: str) -> str:
    """Runs of spaces, tabs and no-break spaces count as one space."""
    return re.sub(r"[ \t\u00a0]+", " ", text).strip()


@pytest.fixture(scope="session")
def seed_lines() -> list[str]:
    if not SEED.is_file():
        pytest.skip(f"không có bản dự thảo gốc ở {SEED}")
    lines = SEED.read_text(encoding="utf-8").splitlines()
    return [squash(line) for line in lines if squash(line)]


@pytest.fixture(scope="session")
def plan():
    from kehoach.plan.loader import load_plan

    return load_plan(PLAN)


@pytest.fixture(scope="session")
def renderer():
    from kehoach.document.render import renderer_for

    return renderer_for("ke_hoach.docx")


@pytest.fixture(scope="session")
def rendered(tmp_path_factory, plan, renderer) -> Path:
    """`phung_hiep_42.docx` rendered once for the whole session."""
    target = tmp_path_factory.mktemp("render") / "phung_hiep_42.docx"
    target.write_bytes(renderer.render(plan))
    return target


@pytest.fixture(scope="session")
def soffice() -> str:
    """LibreOffice, or a visible skip; with KEHOACH_REQUIRE_SOFFICE=1 a missing one fails."""
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        reason = "cần LibreOffice (soffice) cho phép thử với ứng dụng thật"
        if REQUIRE_SOFFICE:
            pytest.fail(reason + " — KEHOACH_REQUIRE_SOFFICE=1")
        pytest.skip(reason)
    for tool in ("pdftotext", "pdftoppm"):
        if shutil.which(tool) is None:
            reason = f"cần {tool} (gói poppler-utils)"
            if REQUIRE_SOFFICE:
                pytest.fail(reason + " — KEHOACH_REQUIRE_SOFFICE=1")
            pytest.skip(reason)
    return program
