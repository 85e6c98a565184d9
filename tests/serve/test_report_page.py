"""The report page: the clerk uploads the filled forms or picks those in the plans folder,
and gets the very report `kehoach report` writes, with its pages; refusals in Vietnamese
naming the clerk's own files."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest
from builders import fill_form
from click.testing import CliRunner
from docx import Document

from kehoach.cli import main
from serve.webpages import BASE, token

PLAN = "phung_hiep_42.yaml"


@pytest.fixture
def filled(plans: Path) -> dict[str, Path]:
    """Two units' forms, returned into the plans folder (`bieu gui ve/`)."""
    result = CliRunner().invoke(main, ["forms", str(plans / PLAN), "-o", str(plans / "mau")])
    assert result.exit_code == 0, result.output
    blank = plans / "mau" / "phung_hiep_42_bieu_chi_tieu.xlsx"
    (plans / "bieu gui ve").mkdir()
    return {
        "hoa_an.xlsx": fill_form(blank, plans / "bieu gui ve" / "hoa_an.xlsx", "Hòa An",
                                 {"ct-bhyt": 97, "ct-lao-dong-qua-dao-tao": 78}),
        "tan_long.xlsx": fill_form(blank, plans / "bieu gui ve" / "tan_long.xlsx", "Tân Long",
                                   {"ct-bhyt": 90, "ct-lao-dong-qua-dao-tao": 85}),
    }


def _post(client, data: dict, files: dict[str, Path] | None = None):
    page = client.get(f"/plan/{PLAN}/report", base_url=BASE).get_data(as_text=True)
    body = {"csrf": token(page), **data}
    if files:
        body["bieu"] = [(io.BytesIO(p.read_bytes()), name) for name, p in files.items()]
    return client.post(f"/plan/{PLAN}/report", base_url=BASE, data=body,
                       content_type="multipart/form-data")


def test_the_plans_pages_lead_to_the_report(client):
    for page in (f"/plan/{PLAN}", f"/plan/{PLAN}/jobs"):
        html = client.get(page, base_url=BASE).get_data(as_text=True)
        assert f'href="/plan/{PLAN}/report"' in html


def test_the_page_offers_the_workbooks_of_the_plans_folder(client, plans, filled):
    hidden = plans / ".an"
    hidden.mkdir()
    (hidden / "giau.xlsx").write_bytes(filled["hoa_an.xlsx"].read_bytes())
    outside = plans.parent / "ngoai.xlsx"
    outside.write_bytes(filled["hoa_an.xlsx"].read_bytes())
    os.symlink(outside, plans / "lien_ket.xlsx")
    html = client.get(f"/plan/{PLAN}/report", base_url=BASE).get_data(as_text=True)
    offered = re.findall(r'name="chon" value="([^"]+)"', html)
    assert offered == ["bieu gui ve/hoa_an.xlsx", "bieu gui ve/tan_long.xlsx",
                       "mau/phung_hiep_42_bieu_chi_tieu.xlsx"]


def test_uploaded_forms_give_the_commands_report(client, app, filled, tmp_path, no_libreoffice):
    response = _post(client, {"ky": "sơ kết 2 năm"}, filled)
    html = response.get_data(as_text=True)
    assert response.status_code == 200, html
    assert "Đơn vị chưa gửi biểu: Cây Dương, Kinh Cùng" in html
    assert "chỗ cần xem lại" in html and "Chưa xem trước được" in html
    link = re.search(r'id="tai-bao-cao" href="([^"]+)"', html).group(1)
    web = client.get(link, base_url=BASE).get_data()
    result = CliRunner().invoke(main, ["report", str(app.config["PLANS_DIR"] / PLAN),
                                       *map(str, filled.values()), "-o", str(tmp_path),
                                       "--ky", "sơ kết 2 năm"])
    assert result.exit_code == 0, result.output
    assert web == (tmp_path / "phung_hiep_42_bao_cao.docx").read_bytes()  # the same stage
    assert len(Document(io.BytesIO(web)).comments) > 40


def test_picked_forms_are_read_where_they_are(client, filled, no_libreoffice):
    response = _post(client, {"chon": list(filled) and ["bieu gui ve/hoa_an.xlsx"]})
    html = response.get_data(as_text=True)
    assert response.status_code == 200, html
    assert "Tân Long" in html.split("Đơn vị chưa gửi biểu:")[1].split(".")[0]


@pytest.mark.parametrize(("data", "message"), [
    ({}, "chưa chọn biểu nào (tệp XLSX đã điền) để soạn báo cáo"),
    ({"chon": "../ngoai.xlsx"}, "không có biểu &#39;../ngoai.xlsx&#39; trong thư mục kế hoạch"),
    ({"chon": "phung_hiep_42.yaml"}, "không có biểu &#39;phung_hiep_42.yaml&#39;"),
    ({"chon": "bieu gui ve/hoa_an.xlsx", "nam": "năm nay"}, "năm báo cáo phải là số"),
    ({"chon": "bieu gui ve/hoa_an.xlsx", "ky": "x" * 200}, "kỳ báo cáo: quá dài"),
])
def test_what_cannot_be_done_is_said(client, filled, data, message):
    response = _post(client, data)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_an_unusable_form_is_named_as_the_clerk_named_it(client, app, filled, tmp_path):
    broken = tmp_path / "Biểu Hòa An.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    response = _post(client, {}, {"Biểu Hòa An.xlsx": broken})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    # refused on upload, before any reading (serve/files.check_upload), by the clerk's name
    assert "&#39;Biểu Hòa An.xlsx&#39;: không phải tệp Excel (.xlsx) đọc được" in html
    assert str(app.config["WORK_DIR"]) not in html  # no server path reaches the clerk


def test_a_clerk_drafts_the_report_in_a_browser(browser, live, plans, filled, soffice, tmp_path):
    """From the plan's page to the draft's pages, at three screen widths."""
    from selenium.webdriver.support.wait import WebDriverWait

    from serve.test_browser import _by, _shot, _submit

    browser.set_window_size(1366, 900)
    browser.get(live + f"plan/{PLAN}/jobs")
    _submit(browser, "#bao-cao")
    for name in filled:
        browser.find_element("css selector", f'input[name="chon"][value="bieu gui ve/{name}"]'
                             ).click()
    _by(browser, 'input[name="ky"]').send_keys("sơ kết 2 năm")
    _submit(browser, "#nut-bao-cao")
    assert "Đơn vị chưa gửi biểu" in _by(browser, "#ket-qua").text
    images = browser.find_elements("css selector", "#cac-trang img")
    assert len(images) >= 5
    for image in images:  # every page drawn, the landscape phụ lục ones too
        browser.execute_script("arguments[0].scrollIntoView()", image)
        loaded = WebDriverWait(browser, 60).until(lambda b, i=image: b.execute_script(
            "return arguments[0].complete && arguments[0].naturalWidth", i))
        assert loaded > 400
    for width in (1024, 1366, 1920):
        browser.set_window_size(width, 900)
        browser.execute_script("window.scrollTo(0, 0)")
        overflow = browser.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"trang rộng hơn màn hình {width} px"
        _shot(browser, tmp_path, f"bao-cao-{width}")
