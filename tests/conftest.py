"""Shared fixtures: the seed draft, the real plan, one rendered document, LibreOffice."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from generated import profiles

profiles.load()  # hypothesis: KEHOACH_HYPOTHESIS=ci (default) or long (tests/generated)

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "plans" / "phung_hiep_42.yaml"
SEED = ROOT / "docs" / "sources" / "ke_hoach_nq42_phung_hiep_du_thao.txt"  # provenance: its README
REQUIRE_SOFFICE = os.environ.get("KEHOACH_REQUIRE_SOFFICE") == "1"
REAL_DOCUMENTS = Path(os.environ.get("KEHOACH_REAL") or ROOT.parent / "shared" / "real")
"""The real documents offices typed in Word (not in the repository: they are the offices'),
beside the clone as `../shared/real`, or where `KEHOACH_REAL` says."""
REQUIRE_CORPUS = os.environ.get("KEHOACH_REQUIRE_CORPUS") == "1"


def squash(text: str) -> str:
    """Runs of spaces, tabs and no-break spaces count as one space."""
    return re.sub(r"[ \t\u00a0]+", " ", text).strip()


# The markers a test gets from the real applications it uses (registered in pyproject.toml):
# `python -m pytest -m "not office and not browser"` runs the fast part alone.
APPLICATION_MARKERS = {"soffice": "office", "browser": "browser"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that asks for LibreOffice or Chromium, directly or through another fixture, is
    marked `office` or `browser`."""
    for item in items:
        for fixture, marker in APPLICATION_MARKERS.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(marker)


@pytest.fixture(scope="session")
def seed_lines() -> list[str]:
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


def need_real_documents() -> Path:
    """The real documents' folder, or one visible skip for every test that reads them (the
    same reason, so pytest's summary gives it once); a failure with
    KEHOACH_REQUIRE_CORPUS=1 (`.ci/run` sets it where the folder is there)."""
    if REAL_DOCUMENTS.is_dir() and any(REAL_DOCUMENTS.glob("*.docx")):
        return REAL_DOCUMENTS
    reason = (f"không có văn bản thật ở {REAL_DOCUMENTS}: các phép thử trên văn bản thật được "
              "bỏ qua (đặt KEHOACH_REAL=THƯ_MỤC nếu để chỗ khác)")
    if REQUIRE_CORPUS:
        pytest.fail(reason + " — KEHOACH_REQUIRE_CORPUS=1")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def real_documents() -> Path:
    return need_real_documents()


@pytest.fixture(scope="session")
def soffice() -> str:
    """LibreOffice, or a visible skip; with KEHOACH_REQUIRE_SOFFICE=1 a missing one fails."""
    from kehoach.system.office import soffice as find

    program = find()
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


@pytest.fixture(scope="session")
def office_python(soffice) -> str:
    """A Python that loads LibreOffice's `uno` module (the live preview's bridge runs on
    it), or a visible skip; with KEHOACH_REQUIRE_SOFFICE=1 a missing one fails."""
    from kehoach.document.listener import uno_python

    python = uno_python(soffice)
    if python is None:
        reason = "cần Python của LibreOffice có mô-đun uno (gói python3-uno)"
        if REQUIRE_SOFFICE:
            pytest.fail(reason + " — KEHOACH_REQUIRE_SOFFICE=1")
        pytest.skip(reason)
    return python


@pytest.fixture
def no_libreoffice(tmp_path, monkeypatch) -> None:
    """A machine without LibreOffice: nothing on PATH, in its default places or set."""
    from kehoach.system import office

    empty = tmp_path / "khong-co-gi"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.delenv(office.SETTING, raising=False)
    monkeypatch.setattr(office, "default_places", lambda: [])


REQUIRE_BROWSER = os.environ.get("KEHOACH_REQUIRE_BROWSER") == "1"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by selenium with Debian's chromedriver (never a
    downloaded one); a visible skip where absent, a failure with KEHOACH_REQUIRE_BROWSER=1."""
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.is_file()]
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        missing.append("gói selenium (pip install selenium)")
    if missing:
        reason = "cần trình duyệt cho phép thử giao diện web: thiếu " + ", ".join(missing)
        if REQUIRE_BROWSER:
            pytest.fail(reason + " — KEHOACH_REQUIRE_BROWSER=1")
        pytest.skip(reason)
    os.environ["SE_OFFLINE"] = "true"  # selenium must never fetch a driver
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                     "--window-size=1400,1000", "--lang=vi"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    yield driver
    driver.quit()
