"""The preview is drawn from the very bytes the downloads give and follows each save; the
command binds 127.0.0.1 only and says so in Vietnamese when it cannot."""

from __future__ import annotations

import io
import re
import socket

from click.testing import CliRunner
from docx import Document

from kehoach.cli import main
from kehoach.serve.app import start_server
from serve.webpages import BASE, form_of

URL = "/plan/phung_hiep_42.yaml"


def _preview(client) -> tuple[str, list[str]]:
    html = client.get(URL + "/preview", base_url=BASE).get_data(as_text=True)
    pages = re.findall(r'src="(/plan/phung_hiep_42\.yaml/page/([0-9a-f]{64})/\d+\.png)"', html)
    assert pages, html
    return pages[0][1], [src for src, _ in pages]


def test_preview_pages_and_downloads_are_the_same_document(client, app, soffice):
    sha, pages = _preview(client)
    first = client.get(pages[0], base_url=BASE)
    assert first.status_code == 200 and first.data.startswith(b"\x89PNG")
    folder = app.config["WORK_DIR"] / "preview" / sha
    docx = client.get(URL + "/download.docx", base_url=BASE).data
    pdf = client.get(URL + "/download.pdf", base_url=BASE).data
    assert docx == (folder / "phung_hiep_42.docx").read_bytes()
    assert pdf == (folder / "phung_hiep_42.pdf").read_bytes() and pdf.startswith(b"%PDF")
    page = client.get(URL, base_url=BASE).get_data(as_text=True)
    name = 'v:["van_ban", "dia_danh"]'
    client.post(URL, base_url=BASE, data={**form_of(page), name: "Ngã Bảy"})
    newer, _pages = _preview(client)
    assert newer != sha  # the save refreshed the preview
    text = " ".join(c.text for t in Document(io.BytesIO(
        client.get(URL + "/download.docx", base_url=BASE).data)).tables
        for r in t.rows for c in r.cells)
    assert "Ngã Bảy" in text


def test_an_invalid_plan_has_no_preview_but_its_problems(client, plans):
    path = plans / "phung_hiep_42.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("loai: KH", "loai: XX"))
    response = client.get(URL + "/preview", base_url=BASE)
    assert response.status_code == 400
    assert "mã loại văn bản &#39;XX&#39; không có trong danh mục" in response.get_data(as_text=True)


def test_the_server_binds_127_0_0_1_only(plans):
    server, app = start_server(plans, 0)
    try:
        assert server.server_address[0] == "127.0.0.1"
        assert app.config["ADDRESS"] == f"127.0.0.1:{server.port}"
    finally:
        server.server_close()


def test_the_command_reports_a_busy_port_and_a_missing_folder(plans, tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", str(plans), "--port", str(port)])
    assert result.exit_code == 2
    assert f"không mở được cổng {port} trên 127.0.0.1" in result.output
    result = CliRunner().invoke(main, ["serve", str(tmp_path / "khong-co")])
    assert result.exit_code == 2 and "không có thư mục" in result.output
    result = CliRunner().invoke(main, ["serve", str(plans), "--port", "70000"])
    assert result.exit_code == 2 and "cổng phải từ 1 đến 65535" in result.output
    help_text = CliRunner().invoke(main, ["serve", "--help"]).output
    assert "--port CỔNG" in help_text and "8765" in help_text


def test_kehoach_serve_prints_its_address_and_answers(plans):
    import subprocess
    import sys
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "kehoach.cli", "serve", str(plans),
                                "--port", str(port)], stdout=subprocess.PIPE, text=True,
                               stderr=subprocess.DEVNULL)
    try:
        assert process.stdout.readline().strip() == f"http://127.0.0.1:{port}/"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
            assert "Các kế hoạch" in response.read().decode("utf-8")
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_without_pdftoppm_the_browser_shows_the_pdf_itself(client, soffice, monkeypatch):
    """Windows has no pdftoppm: the page embeds the PDF, served inline, the same bytes as
    the download; a PDF not set in the plan's font says so on the page."""
    import shutil

    real = shutil.which
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None if name == "pdftoppm"
                        else real(name, *a, **k))
    html = client.get(URL + "/preview", base_url=BASE).get_data(as_text=True)
    shown = re.search(r'<object class="pdf" data="([^"]+)" type="application/pdf">', html)
    assert shown and "<img" not in html, html
    inline = client.get(shown.group(1).replace("&amp;", "&"), base_url=BASE)
    assert inline.status_code == 200 and inline.mimetype == "application/pdf"
    assert "attachment" not in inline.headers.get("Content-Disposition", "")
    download = client.get(URL + "/download.pdf", base_url=BASE)
    assert "attachment" in download.headers["Content-Disposition"]
    assert inline.data == download.data and inline.data.startswith(b"%PDF")
    has_times = b"TimesNewRoman" in inline.data
    assert ('id="phong-chu"' in html) is not has_times
    if not has_times:
        assert "không có phông Times New Roman" in html


def test_serve_open_shows_the_page_in_the_browser(plans, monkeypatch):
    """For a shortcut on the desktop: `kehoach serve --open` opens its own address."""
    import webbrowser

    from kehoach.serve import app as application

    opened = []

    class Server:
        def serve_forever(self):
            raise KeyboardInterrupt

        def server_close(self):
            pass

    real = application.start_server

    def start(folder, port):
        server, app = real(folder, 0)
        server.server_close()
        return Server(), app

    monkeypatch.setattr(application, "start_server", start)
    monkeypatch.setattr(webbrowser, "open", opened.append)
    result = CliRunner().invoke(main, ["serve", str(plans), "--open"])
    assert result.exit_code == 0, result.output
    assert opened == [result.output.splitlines()[0]] and opened[0].startswith("http://127.0.0.1:")
