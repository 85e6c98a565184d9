"""The server attacked and mistreated: framed by another site, a plans folder with broken
and outside links, uploads that unpack into gigabytes or hold 25,000 empty paragraphs, a
job past its time, a read-only or full disk, requests the HTTP server itself refuses.
Each gets a Vietnamese page without a path of the server, and nothing is half-written."""

from __future__ import annotations

import errno
import io
import json
import os
import socket
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from kehoach.cli import main
from kehoach.errors import KehoachError
from kehoach.serve import budget
from serve.webpages import BASE, all_fields, token

PAGES = ["/", "/plan/phung_hiep_42.yaml", "/plan/phung_hiep_42.yaml/jobs", "/compare",
         "/plan/phung_hiep_42.yaml/lich-su", "/khong-co", "/plan/khong-co.yaml"]


def test_no_page_may_be_framed_by_another_site(client):
    for url in PAGES:
        response = client.get(url, base_url=BASE)
        assert response.headers["X-Frame-Options"] == "DENY", url
        policy = response.headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in policy and "script-src 'self'" in policy, url
    refused = client.post("/new", base_url=BASE, data={"csrf": "sai"})
    assert refused.status_code == 403 and refused.headers["X-Frame-Options"] == "DENY"


def _raw(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        connection.sendall(request)
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


@pytest.mark.parametrize(("request_bytes", "code", "words"), [
    (b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414, "địa chỉ trang quá dài"),
    (b"GET / HTTP/1.1\r\nHost: x\r\nX-A: " + b"b" * 70_000 + b"\r\n\r\n", 431, "quá dài phần đầu"),
    (b"GET / HTTP/1.1\r\n" + b"".join(b"X-%d: 1\r\n" % i for i in range(120)) + b"\r\n", 431,
     "quá nhiều"),
    (b"GET / HTTP/1.1 thua\r\n\r\n", 400, "không đúng dạng"),
], ids=["414", "431 một dòng dài", "431 quá nhiều dòng", "400"])
def test_the_http_servers_own_refusals_are_vietnamese(live, request_bytes, code, words):
    port = int(live.rstrip("/").rsplit(":", 1)[1])
    answer = _raw(port, request_bytes).decode("utf-8", "replace")
    head, _, body = answer.partition("\r\n\r\n")
    if head.startswith("HTTP/1."):  # a request line it could not read gets the body alone
        assert f" {code} " in head.splitlines()[0] and "X-Frame-Options: DENY" in head
    else:
        body = answer
    assert words in body and "Error response" not in body and "<title>Lỗi" in body


def test_broken_and_outside_links_are_listed_and_never_followed(client, plans, tmp_path):
    secret = tmp_path / "bi_mat.yaml"
    secret.write_text("id: bi-mat\nbí mật: có\n", encoding="utf-8")
    (plans / "usb_da_rut.yaml").symlink_to(tmp_path / "o_usb" / "ke_hoach.yaml")
    (plans / "ngoai.yaml").symlink_to(secret)
    elsewhere = tmp_path / "thu_muc_ngoai"
    elsewhere.mkdir()
    (elsewhere / "khac.yaml").write_text("id: khac\n", encoding="utf-8")
    (plans / "loi_tat_thu_muc").symlink_to(elsewhere, target_is_directory=True)
    (plans / "vong").symlink_to(plans, target_is_directory=True)  # a loop
    os.mkfifo(plans / "ong.yaml")  # would block whoever opens it
    inside = plans / "ban_sao.yaml"
    inside.symlink_to(plans / "phung_hiep_42.yaml")  # a link inside the folder is fine
    home = client.get("/", base_url=BASE)
    assert home.status_code == 200  # a broken link made it a 500
    text = home.get_data(as_text=True)
    assert "lối tắt hỏng" in text and "lối tắt tới một tệp ngoài thư mục kế hoạch" in text
    assert "không phải một tệp thường" in text
    assert "bí mật" not in text and "khac.yaml" not in text
    assert client.get("/compare", base_url=BASE).status_code == 200
    assert "vong/" not in text  # a link to a folder is not walked (this one is a loop)
    for name in ("usb_da_rut.yaml", "ngoai.yaml", "ong.yaml", "loi_tat_thu_muc/khac.yaml"):
        response = client.get(f"/plan/{name}", base_url=BASE)
        assert response.status_code == 404, name
        assert "bí mật" not in response.get_data(as_text=True)
    assert client.get("/plan/ban_sao.yaml", base_url=BASE).status_code == 200


def _docx(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return out.getvalue()


_W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _document(body: bytes) -> bytes:
    return b"<w:document " + _W + b"><w:body>" + body + b"</w:body></w:document>"


BOMBS = {
    "bom_nen.docx": (lambda: _docx({"word/document.xml": _document(b" " * (40 * 2**20))}),
                     "giải nén ra 40 MB, quá giới hạn 25 MB"),
    "doan_rong.docx": (lambda: _docx({"word/document.xml": _document(b"<w:p/>" * 25_000)}),
                       "có hơn 20.000 đoạn"),
    "dong.txt": (lambda: "Kế hoạch\n".encode() * 25_000, "25.001 dòng, quá giới hạn 20.000"),
}


@pytest.mark.parametrize("name", list(BOMBS))
def test_a_bomb_is_refused_before_parsing_by_the_page_and_the_command(client, plans, tmp_path,
                                                                      name):
    make, words = BOMBS[name]
    data = make()
    assert len(data) < 400_000  # small on the wire
    before = sorted(p.name for p in plans.iterdir())
    started = time.monotonic()
    page = client.post("/import", base_url=BASE, content_type="multipart/form-data",
                       data={"csrf": token(client.get("/", base_url=BASE).get_data(as_text=True)),
                             "tep": (io.BytesIO(data), name)})
    assert time.monotonic() - started < 30
    assert page.status_code == 400 and words in page.get_data(as_text=True)
    assert sorted(p.name for p in plans.iterdir()) == before
    source = tmp_path / name
    source.write_bytes(data)
    command = CliRunner().invoke(main, ["import", str(source), "-o", str(tmp_path / "x.yaml")])
    assert command.exit_code == 2 and not (tmp_path / "x.yaml").exists()
    if name.endswith(".docx"):  # the same check, the same words
        assert words in command.output


def test_a_workbook_of_too_many_cells_is_refused_before_it_is_read(client):
    sheet = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             b"<sheetData><row>" + b"<c/>" * 200_001 + b"</row></sheetData></worksheet>")
    data = _docx({"xl/worksheets/sheet1.xml": sheet})
    assert len(data) < 100_000
    response = client.post("/plan/phung_hiep_42.yaml/aggregate", base_url=BASE,
                           content_type="multipart/form-data",
                           data={"csrf": token(client.get("/", base_url=BASE).get_data(
                               as_text=True)), "bieu": (io.BytesIO(data), "to.xlsx")})
    assert response.status_code == 400
    assert "có hơn 200.000 ô" in response.get_data(as_text=True)


def test_a_job_past_its_time_or_memory_is_stopped_and_said_so():
    started = time.monotonic()
    with pytest.raises(KehoachError, match="chạy quá 1 giây nên đã dừng"):
        budget.run(time.sleep, 30, seconds=1)
    assert time.monotonic() - started < 20
    if hasattr(os, "fork"):  # a memory cap where the system has one (POSIX)
        with pytest.raises(KehoachError, match=r"không đủ bộ nhớ|quá nhiều bộ nhớ"):
            budget.run(bytearray, 8 * 2**30)
    assert budget.run(len, "kế hoạch") == 8  # the result comes back


def _no_space(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def _read_only(*_args, **_kwargs):
    raise OSError(errno.EROFS, "Read-only file system")


@pytest.mark.parametrize(("failure", "reason"), [(_read_only, "ổ đĩa chỉ cho đọc"),
                                                 (_no_space, "hết chỗ trống trên đĩa")])
def test_a_read_only_or_full_folder_says_what_the_command_says(client, plans, monkeypatch,
                                                               failure, reason):
    import kehoach.safewrite

    monkeypatch.setattr(kehoach.safewrite, "_temporary", failure)
    command = CliRunner().invoke(main, ["render", str(plans / "phung_hiep_42.yaml"), "-o",
                                        str(plans.parent / "ra")])
    assert command.exit_code == 2 and reason in command.output
    before = (plans / "phung_hiep_42.yaml").read_bytes()
    page = client.get("/plan/phung_hiep_42.yaml", base_url=BASE).get_data(as_text=True)
    path = ["muc_dich_yeu_cau", "muc", 0, "doan", 0, "noi_dung"]
    typed = "Đoạn gõ lúc đĩa không ghi được."
    fields = all_fields(page)
    fields["v:" + json.dumps(path, ensure_ascii=False)] = typed
    saved = client.post("/plan/phung_hiep_42.yaml", base_url=BASE, data=fields)
    text = saved.get_data(as_text=True)
    assert saved.status_code == 500 and reason in text and "chưa ghi tệp nào" in text
    assert typed in text  # the clerk's edit is still on the page
    assert (plans / "phung_hiep_42.yaml").read_bytes() == before
    new = client.post("/new", base_url=BASE, data={**all_fields(client.get(
        "/", base_url=BASE).get_data(as_text=True)), "trich_yeu": "thực hiện"})
    assert new.status_code == 500 and reason in new.get_data(as_text=True)
    derive = client.post("/plan/phung_hiep_42.yaml/derive", base_url=BASE,
                         data={"csrf": token(page), "don_vi": "hoa-an"})
    assert derive.status_code == 500 and reason in derive.get_data(as_text=True)
    for response in (saved, new, derive):
        assert str(plans) not in response.get_data(as_text=True)
        assert "lỗi ngoài dự kiến" not in response.get_data(as_text=True)


def test_error_pages_are_vietnamese_and_name_no_server_path(client, app):
    missing = client.get("/khong-co-trang-nay", base_url=BASE)
    assert missing.status_code == 404 and "không có trang này" in missing.get_data(as_text=True)
    wrong = client.delete("/", base_url=BASE)
    assert wrong.status_code in (403, 405)
    broken = client.post("/import", base_url=BASE, content_type="multipart/form-data",
                         data={"csrf": token(client.get("/", base_url=BASE).get_data(
                             as_text=True)), "tep": (io.BytesIO(_docx({"x.xml": b"<x/>"})),
                                                     "thieu.docx")})
    text = broken.get_data(as_text=True)
    assert broken.status_code == 400 and "thiếu word/document.xml" in text
    assert "/tmp" not in text and str(Path(app.config["WORK_DIR"])) not in text
