"""The server answers only its own address, refuses changes without the form token, and
never reads or writes outside the plans folder."""

from __future__ import annotations

import io

import pytest

from serve.webpages import BASE, token


def test_other_hosts_are_refused(client):
    assert client.get("/", base_url=BASE).status_code == 200
    for host in ("localhost:8765", "evil.example:8765", "127.0.0.1:9999", "127.0.0.1"):
        response = client.get("/", base_url=f"http://{host}")
        assert response.status_code == 421, host
        assert "chỉ trả lời địa chỉ http://127.0.0.1:8765/" in response.get_data(as_text=True)


def test_other_origins_are_refused(client):
    page = client.get("/", base_url=BASE).get_data(as_text=True)
    ok = client.get("/", base_url=BASE, headers={"Origin": BASE})
    assert ok.status_code == 200
    for origin in ("http://evil.example", "http://127.0.0.1:9999", "null"):
        response = client.post("/new", base_url=BASE, headers={"Origin": origin},
                               data={"csrf": token(page), "ten": "x"})
        assert response.status_code == 403, origin
        assert "từ chối" in response.get_data(as_text=True)


@pytest.mark.parametrize("url", ["/new", "/plan/phung_hiep_42.yaml", "/import",
                                 "/plan/phung_hiep_42.yaml/derive"])
def test_changes_need_the_form_token(client, plans, url):
    before = (plans / "phung_hiep_42.yaml").read_bytes()
    for data in ({}, {"csrf": "sai"}):
        response = client.post(url, base_url=BASE, data={**data, "ten": "moi", "tat_ca": "1"})
        assert response.status_code == 403
        assert "mã bảo vệ" in response.get_data(as_text=True)
    assert (plans / "phung_hiep_42.yaml").read_bytes() == before
    assert sorted(p.name for p in plans.iterdir()) == ["don_vi_phung_hiep.yaml",
                                                       "phung_hiep_42.yaml"]


@pytest.mark.parametrize("name", [
    "../secret.yaml", "..%2Fsecret.yaml", "%2e%2e/secret.yaml", "sub/../../secret.yaml",
    "/etc/passwd", "link.yaml", "phung_hiep_42.txt", "%00.yaml",
])
def test_no_file_outside_the_plans_folder(client, plans, tmp_path, name):
    (tmp_path / "secret.yaml").write_text("bí mật: có\n", encoding="utf-8")
    (plans / "link.yaml").symlink_to(tmp_path / "secret.yaml")
    for suffix in ("", "/preview", "/download.docx", "/jobs"):
        response = client.get(f"/plan/{name}{suffix}", base_url=BASE, follow_redirects=True)
        assert response.status_code == 404, (name, suffix)
        assert "bí mật" not in response.get_data(as_text=True)


def test_job_downloads_stay_in_their_folder(client):
    for url in ("/out/..%2F..%2Fetc/passwd", "/out/0123456789abcdef/..%2Fx", "/out/zz/x"):
        assert client.get(url, base_url=BASE).status_code == 404


def _upload(client, url, name, data):
    page = client.get("/", base_url=BASE).get_data(as_text=True)
    return client.post(url, base_url=BASE, content_type="multipart/form-data",
                       data={"csrf": token(page), "tep": (io.BytesIO(data), name),
                             "bieu": (io.BytesIO(data), name)})


def test_uploads_over_20_mb_are_refused(client, plans):
    response = _upload(client, "/import", "lon.docx", b"PK\x03\x04" + b"0" * (20 * 1024 * 1024))
    assert response.status_code == 413
    assert "tối đa 20 MB" in response.get_data(as_text=True)
    assert not (plans / "lon.yaml").exists()


@pytest.mark.parametrize(("url", "name", "data", "message"), [
    ("/import", "ke_hoach.pdf", b"%PDF-1.4", "chỉ nhận tệp DOCX, TXT"),
    ("/import", "ke_hoach.docx", b"not a zip", "không phải tệp DOCX thật"),
    ("/import", "ke_hoach.txt", "Kế hoạch".encode("cp1258", "replace") + b"\xff\xfe", "UTF-8"),
    ("/plan/phung_hiep_42.yaml/aggregate", "bieu.docx", b"PK\x03\x04", "chỉ nhận tệp XLSX"),
    ("/plan/phung_hiep_42.yaml/aggregate", "bieu.xlsx", b"<html>", "không phải tệp XLSX thật"),
])
def test_only_docx_txt_xlsx_uploads(client, plans, url, name, data, message):
    response = _upload(client, url, name, data)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert sorted(p.name for p in plans.iterdir()) == ["don_vi_phung_hiep.yaml",
                                                       "phung_hiep_42.yaml"]


def test_user_text_is_escaped(client, plans):
    path = plans / "phung_hiep_42.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("dia_danh: Phụng Hiệp", 'dia_danh: "<script>alert(1)</script>"'),
                    encoding="utf-8")
    for url in ("/", "/plan/phung_hiep_42.yaml"):
        html = client.get(url, base_url=BASE).get_data(as_text=True)
        assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
