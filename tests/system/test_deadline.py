"""The time limit on a user's template holds without timer signals (Windows) and in any
thread (the web server renders in threads)."""

from __future__ import annotations

import signal
import threading
import time
from pathlib import Path

import pytest
from builders import small_plan, write_plan
from docx import Document

from kehoach.document import render
from kehoach.document.lookup import find_template
from kehoach.errors import TemplateFailure
from kehoach.plan.loader import load_plan
from kehoach.system.deadline import time_limit


class Late(Exception):
    pass


def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def _in_thread(action) -> BaseException | None:
    """What `action` raised in a thread of its own."""
    raised: list[BaseException] = []

    def target() -> None:
        try:
            action()
        except BaseException as error:  # handed back to the test
            raised.append(error)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(10)
    assert not thread.is_alive()
    return raised[0] if raised else None


def _limited(seconds: float, work: float) -> None:
    with time_limit(seconds, Late):
        _spin(work)


def test_a_loop_in_another_thread_is_stopped():
    start = time.monotonic()
    assert isinstance(_in_thread(lambda: _limited(0.3, 5)), Late)
    assert time.monotonic() - start < 2


def test_without_timer_signals_the_main_thread_is_stopped(monkeypatch):
    monkeypatch.delattr(signal, "setitimer", raising=False)
    monkeypatch.delattr(signal, "SIGALRM", raising=False)
    with pytest.raises(Late):
        _limited(0.3, 5)


def test_a_block_done_in_time_is_never_interrupted_later():
    def in_time() -> None:
        _limited(1.0, 0.05)
        _spin(1.5)  # past the limit, outside the block

    assert _in_thread(in_time) is None


def test_many_threads_each_keep_their_own_limit():
    results: dict[int, BaseException | None] = {}

    def one(i: int) -> None:
        results[i] = _in_thread(lambda: _limited(0.3, 5) if i % 2 else _limited(3, 0.01))

    threads = [threading.Thread(target=one, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(15)
    assert [type(results[i]) for i in range(4)] == [type(None), Late, type(None), Late]


def test_a_users_endless_template_stops_in_a_web_servers_thread(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(render, "MAX_SECONDS", 0.5)
    folder = tmp_path / "mau"
    folder.mkdir()
    doc = Document(str(find_template("ke_hoach.docx")))
    doc.paragraphs[0].insert_paragraph_before(
        "{% for a in range(99999) %}{% for b in range(99999) %}{% endfor %}{% endfor %}")
    doc.save(str(folder / "ke_hoach.docx"))
    plan = load_plan(write_plan(tmp_path / "ke_hoach.yaml", small_plan()))
    renderer = render.renderer_for("ke_hoach.docx", folder)
    error = _in_thread(lambda: renderer.render(plan))
    assert isinstance(error, TemplateFailure) and "chạy quá 0.5 giây" in str(error)
