"""The editor's live preview, as the page asks for it: every printed text of the two real
plans is shown on the page that prints it (checked against pdftotext, page by page); a
save moves the preview to the new text; without a running LibreOffice the preview still
comes (one soffice for it); without poppler the PDF itself is offered; `kehoach serve`
leaves no LibreOffice running once stopped, by Ctrl+C or told to stop."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from kehoach.document import listener as listening
from kehoach.document.listener import Listener
from kehoach.document.page_words import fold
from kehoach.plan.edit import PlanFile
from kehoach.serve import preview
from serve.conftest import ROOT
from serve.webpages import BASE, form_of

URL = "/plan/{}/preview/at"
PARAGRAPH = ["muc_dich_yeu_cau", "muc", 0, "doan", 1, "noi_dung"]


def _at(client, name: str, path: list | None) -> dict:
    query = {"path": json.dumps(path, ensure_ascii=False)} if path is not None else {}
    answer = client.get(URL.format(name), base_url=BASE, query_string=query)
    assert answer.status_code == 200
    return answer.get_json()


def _page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [" ".join(fold(w) for w in page.split() if fold(w)) for page in text.split("\f")]


def _words_between_placeholders(text: str) -> list[str]:
    """The first five words of the text's first run of three without a placeholder
    (`{gt}` prints as a value)."""
    runs: list[list[str]] = [[]]
    for word in text.split():
        if "{" in word:
            runs.append([])
        elif fold(word):
            runs[-1].append(fold(word))
    return next((run[:5] for run in runs if len(run) >= 3), [])


def _strings(node, path=()):
    """(path, text) of every text of the plan of three words or more, ids left out."""
    if isinstance(node, str) and len(node.split()) >= 3:
        yield list(path), node
    elif isinstance(node, dict):
        for key, value in node.items():
            if key != "id":
                yield from _strings(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _strings(value, (*path, i))


@pytest.mark.parametrize("name", ["phung_hiep_42.yaml", "can_tho_42.yaml"])
def test_every_printed_text_is_shown_on_the_page_that_prints_it(client, app, plans, name,
                                                                 office_python):
    shutil.copy(ROOT / "plans" / name, plans / name)
    shutil.copy(ROOT / "plans" / "don_vi_can_tho.yaml", plans / "don_vi_can_tho.yaml")
    first = _at(client, name, None)
    assert first["marks"] == [] and first["total"] >= 5
    pdf = app.config["WORK_DIR"] / "preview" / first["sha"] / name.replace(".yaml", ".pdf")
    pages = _page_texts(pdf)
    checked = unprinted = 0
    for path, text in _strings(PlanFile.open(plans / name).data):
        words = _words_between_placeholders(text)
        if len(words) < 3:
            continue
        printed_on = [n for n, page in enumerate(pages, start=1) if " ".join(words) in page]
        marks = _at(client, name, path)["marks"]
        assert marks, f"{path}: không chỉ được trang nào"  # at worst, its element's page
        assert all(0 <= m["top"] < m["bottom"] <= 1 for m in marks)
        if printed_on:
            assert marks[0]["page"] in printed_on, (path, text[:60], marks, printed_on)
            checked += 1
        else:
            unprinted += 1  # labels of the forms, review notes, a text across a page break
    assert checked > 40 and checked > 3 * unprinted, (checked, unprinted)


def test_a_save_moves_the_preview_to_the_new_text(client, plans, office_python):
    before = _at(client, "phung_hiep_42.yaml", PARAGRAPH)
    old_image = client.get(before["pages"][before["marks"][0]["page"] - 1], base_url=BASE)
    assert old_image.mimetype == "image/png" and old_image.data.startswith(b"\x89PNG")
    page = client.get("/plan/phung_hiep_42.yaml", base_url=BASE).get_data(as_text=True)
    new = ("Tổ chức quán triệt sâu rộng đến từng chi bộ, đảng viên các nội dung của "
           "Nghị quyết, gắn với kiểm tra việc thực hiện hằng quý.")
    saved = client.post("/plan/phung_hiep_42.yaml", base_url=BASE,
                        data={**form_of(page), "v:" + json.dumps(PARAGRAPH): new})
    assert saved.status_code == 302
    after = _at(client, "phung_hiep_42.yaml", PARAGRAPH)
    assert after["sha"] != before["sha"]
    number = after["marks"][0]["page"]
    pdf = next((client.application.config["WORK_DIR"] / "preview" / after["sha"]).glob("*.pdf"))
    assert "tổ chức quán triệt sâu rộng đến từng chi bộ" in _page_texts(pdf)[number - 1]
    image = client.get(after["pages"][number - 1], base_url=BASE)
    assert image.status_code == 200 and image.data != old_image.data
    assert len(image.data) < 100_000


def test_without_a_running_libreoffice_the_preview_still_comes(client, app, soffice,
                                                                monkeypatch):
    monkeypatch.setattr(preview, "Listener", Listener)  # this app's own, not the shared one
    monkeypatch.setattr(listening, "uno_python", lambda program: None)  # none can start
    answer = _at(client, "phung_hiep_42.yaml", PARAGRAPH)
    assert answer["marks"][0]["page"] == 1
    image = client.get(answer["pages"][0], base_url=BASE)
    assert image.status_code == 200 and image.data.startswith(b"\x89PNG")
    own = preview.listener(app)
    assert "mô-đun uno" in own.reason and own.pids() == []


def test_a_wrong_field_or_a_broken_plan_is_said_in_the_answer(client, plans, soffice):
    answer = client.get(URL.format("phung_hiep_42.yaml"), base_url=BASE,
                        query_string={"path": "không phải đường dẫn"}).get_json()
    assert answer == {"error": "biểu mẫu gửi lên một trường không hợp lệ"}
    path = plans / "phung_hiep_42.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("loai: KH", "loai: XX"))
    answer = _at(client, "phung_hiep_42.yaml", PARAGRAPH)
    assert "mã loại văn bản 'XX' không có trong danh mục" in answer["error"]
    assert client.get(URL.format("khong-co.yaml"), base_url=BASE).status_code == 404


def test_without_poppler_the_panel_is_given_the_pdf(client, soffice, monkeypatch):
    real = shutil.which
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None if name == "pdftoppm"
                        else real(name, *a, **k))
    answer = _at(client, "phung_hiep_42.yaml", PARAGRAPH)
    url, _, page = answer["pdf"].partition("#")
    assert page == "page=1"  # the viewer opens where the paragraph prints
    shown = client.get(url, base_url=BASE)
    assert shown.mimetype == "application/pdf" and shown.data.startswith(b"%PDF")
    assert "attachment" not in shown.headers.get("Content-Disposition", "")


def _processes_under(folder: Path) -> list[int]:
    """Processes whose command line names `folder` (the server's work folder is in it)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                line = (entry / "cmdline").read_bytes()
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if str(folder).encode() in line and state != "Z":
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/cmdline").is_file(), reason="đọc /proc (Linux)")
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_kehoach_serve_leaves_no_libreoffice_once_stopped(plans, tmp_path, office_python, stop):
    with __import__("socket").socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    temporary = tmp_path / "tam"
    temporary.mkdir()
    server = subprocess.Popen(
        [sys.executable, "-m", "kehoach.cli", "serve", str(plans), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        env={**os.environ, "TMPDIR": str(temporary)})
    try:
        assert server.stdout.readline().strip() == f"http://127.0.0.1:{port}/"
        at = (f"http://127.0.0.1:{port}/plan/phung_hiep_42.yaml/preview/at?path="
              + urllib.request.quote(json.dumps(PARAGRAPH)))
        with urllib.request.urlopen(at, timeout=120) as response:
            assert json.load(response)["marks"]
        running = _processes_under(temporary)
        assert len(running) == 2, running  # LibreOffice and its bridge, in the work folder
        server.send_signal(stop)
        assert server.wait(timeout=30) in (0, -signal.SIGTERM)
        if stop == signal.SIGINT:
            assert "đã dừng" in server.stdout.read()
        deadline = time.monotonic() + 10
        while _processes_under(temporary) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _processes_under(temporary) == []
        assert not list(temporary.glob("kehoach-serve-*/listener/profile"))
    finally:
        if server.poll() is None:
            server.kill()


def test_the_editor_page_has_the_panel(client):
    page = client.get("/plan/phung_hiep_42.yaml", base_url=BASE).get_data(as_text=True)
    panel = re.search(r'<aside class="preview-slot"[^>]*>.*?<section class="preview-panel" '
                      r'id="xem-song" data-at="([^"]+)"', page, flags=re.DOTALL)
    assert panel and panel.group(1) == "/plan/phung_hiep_42.yaml/preview/at"
    assert page.count("preview.js") == 1 and page.count('id="xem-song"') == 1
