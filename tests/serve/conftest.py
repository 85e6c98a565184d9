"""The web editor on copies of the plans in a temporary folder: a Flask test client, and
a real server in a thread for the browser tests.

Their previews share one LibreOffice for the session (`shared_listener`): each server of
its own would start one, seconds of a loaded machine per test. The listener's own life
(started, killed, started again, stopped, no process left) is tested apart, in
tests/document/test_listener.py and tests/serve/test_live_preview.py."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from kehoach.document.listener import Listener
from kehoach.serve import preview
from kehoach.serve.app import close, create_app, start_server, url
from serve.webpages import PORT

ROOT = Path(__file__).resolve().parents[2]


class _Shared(Listener):
    """A listener the servers of the session use and do not stop."""

    def stop(self) -> None:
        pass

    def stop_for_good(self) -> None:
        super().stop()


@pytest.fixture(scope="session")
def shared_listener(tmp_path_factory):
    listener = _Shared(tmp_path_factory.mktemp("listener"))
    yield listener
    listener.stop_for_good()


@pytest.fixture(autouse=True)
def _one_listener(shared_listener, monkeypatch):
    """Every app of a test gets the session's listener."""
    monkeypatch.setattr(preview, "Listener", lambda folder: shared_listener)


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
    return create_app(plans, PORT, tmp_path / "work")


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def live(plans: Path):
    """A real server on a free port of 127.0.0.1, serving in a thread."""
    server, application = start_server(plans, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield url(application)
    server.shutdown()
    close(server, application)
