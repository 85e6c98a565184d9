"""The web editor on copies of the plans in a temporary folder: a Flask test client, and
a real server in a thread for the browser tests."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from kehoach.serve.app import close, create_app, start_server, url
from serve.webpages import PORT

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    """The repository's district plan and its units, copied; never the repository's own."""
    folder = tmp_path / "plans"
    folder.mkdir()
    for name in ("phung_hiep_42.yaml", "don_vi_phung_hiep.yaml"):
        shutil.copy(ROOT / "plans" / name, folder / name)
    return folder


@pytest.fixture
def app(plans: Path, tmp_path: Path):
    """The application for a test client; the LibreOffice a preview started is stopped."""
    from kehoach.serve import preview

    application = create_app(plans, PORT, tmp_path / "work")
    yield application
    preview.stop(application)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def live(plans: Path):
    """A real server on a free port of 127.0.0.1, serving in a thread; its LibreOffice
    stopped after the test."""
    server, application = start_server(plans, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield url(application)
    server.shutdown()
    close(server, application)
