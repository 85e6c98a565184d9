"""A clerk's day in a real browser (Debian's Chromium, headless): open the list, edit a
paragraph and an indicator value, meet a validation error, save, see the preview,
download the DOCX and read it back; import a DOCX; draft a commune's plan. Every page is
photographed (set KEHOACH_SCREENSHOTS=folder to keep the pictures)."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

from docx import Document

from kehoach.plan.loader import load_plan

PARAGRAPH = ["muc_dich_yeu_cau", "muc", 0, "doan", 0, "noi_dung"]
VALUE = ["muc_tieu_chi_tieu", "chi_tieu", "doan", 0, "noi_dung", 1, "gia_tri"]
NEW_TEXT = "Nâng cao nhận thức của toàn Đảng bộ và Nhân dân huyện về chính sách xã hội."


def _id(path: list) -> str:
    return "f-" + "-".join(map(str, path))


def _shot(browser, tmp_path: Path, label: str) -> Path:
    folder = Path(os.environ.get("KEHOACH_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{label}.png"
    assert browser.save_screenshot(str(target))
    return target


def _by(browser, css: str):
    """The element, once the page has it: after a click the next page may still be
    loading when the old one is gone (seen under a busy machine)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.wait import WebDriverWait

    located = expected_conditions.presence_of_element_located((By.CSS_SELECTOR, css))
    return WebDriverWait(browser, 30).until(located)


def _field(browser, path: list):
    element = _by(browser, f"#{_id(path)}")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    return element


def _type(browser, path: list, text: str) -> None:
    element = _field(browser, path)
    element.clear()
    element.send_keys(text)


def _submit(browser, css) -> None:
    """Click a button or link and wait until the next page has replaced this one."""
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.wait import WebDriverWait

    page = _by(browser, "html")
    element = _by(browser, css) if isinstance(css, str) else css
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()
    WebDriverWait(browser, 30).until(expected_conditions.staleness_of(page))
    WebDriverWait(browser, 30).until(
        lambda b: b.execute_script("return document.readyState") == "complete")


def _wait_file(browser, folder: Path, suffix: str) -> Path:
    """The downloaded file, once Chromium has renamed it from its `.crdownload`."""
    from selenium.webdriver.support.wait import WebDriverWait

    found = WebDriverWait(browser, 60).until(lambda _: list(folder.glob(f"*{suffix}")),
                                             f"trình duyệt không tải về tệp {suffix}")
    return found[0]


def test_edit_see_an_error_save_and_download(browser, live, plans, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.wait import WebDriverWait

    browser.get(live)
    _shot(browser, tmp_path, "1-danh-sach")
    assert "Các kế hoạch" in browser.page_source
    _submit(browser, 'a.plan-link[href$="phung_hiep_42.yaml"]')
    assert "phung_hiep_42.yaml" in browser.title
    _shot(browser, tmp_path, "2-soan-thao")
    _type(browser, PARAGRAPH, NEW_TEXT)
    _type(browser, VALUE, "hai mươi")
    live = WebDriverWait(browser, 20).until(lambda b: b.find_elements(
        By.CSS_SELECTOR, f"#{_id(VALUE)} ~ p.error.live"))  # checked as the clerk types
    assert "'hai mươi' không phải là số" in live[0].text
    _shot(browser, tmp_path, "3-loi-khi-go")
    _submit(browser, "#luu")
    error = _field(browser, VALUE).find_element(By.XPATH, "./following-sibling::p[@class='error']")
    assert "'hai mươi' không phải là số" in error.text
    assert "Chưa lưu" in _by(browser, ".message").text
    _shot(browser, tmp_path, "3-loi")
    assert _field(browser, PARAGRAPH).get_attribute("value") == NEW_TEXT  # the edit is kept
    unsaved = load_plan(plans / "phung_hiep_42.yaml")
    assert unsaved.muc_dich_yeu_cau.muc[0].doan[0].noi_dung != NEW_TEXT
    _type(browser, VALUE, "3,1")
    before = (plans / "phung_hiep_42.yaml").read_text(encoding="utf-8").splitlines()
    _submit(browser, "#luu")
    assert "Đã lưu" in _by(browser, ".message").text
    after = (plans / "phung_hiep_42.yaml").read_text(encoding="utf-8").splitlines()
    changed = [line for line in difflib.unified_diff(before, after, n=0)
               if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    # The browser sends every field back; only the two the clerk changed may move.
    assert [line for line in changed if line.startswith("+")] == [
        f"+            {NEW_TEXT}", '+            gia_tri: "3,1"'], changed
    assert len(changed) == 4, changed
    plan = load_plan(plans / "phung_hiep_42.yaml")
    assert plan.muc_dich_yeu_cau.muc[0].doan[0].noi_dung == NEW_TEXT
    assert plan.muc_tieu_chi_tieu.chi_tieu.doan[0].noi_dung[1].gia_tri == 3.1
    downloads = tmp_path / "tai-ve"
    downloads.mkdir()
    browser.execute_cdp_cmd("Browser.setDownloadBehavior",
                            {"behavior": "allow", "downloadPath": str(downloads)})
    _by(browser, "#tai-docx").click()
    document = Document(str(_wait_file(browser, downloads, ".docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert NEW_TEXT in text
    assert "chiếm 3,1%" in text


def test_the_preview_shows_the_pages(browser, live, soffice, tmp_path):
    from selenium.webdriver.support.wait import WebDriverWait

    browser.get(live + "plan/phung_hiep_42.yaml/preview")
    images = browser.find_elements("css selector", ".pages img")
    assert len(images) >= 5
    browser.execute_script("arguments[0].scrollIntoView()", images[0])
    # A lazy image does not hold the page's load event back: wait for it, as a clerk would
    # (read at once, it raced the server and failed when another suite loaded the machine).
    loaded = WebDriverWait(browser, 60).until(lambda b: b.execute_script(
        "return arguments[0].complete && arguments[0].naturalWidth", images[0]))
    assert loaded > 400  # an A4 page at 60 dpi is about 496 pixels wide
    _shot(browser, tmp_path, "4-xem-truoc")


def test_import_a_docx(browser, live, plans, rendered, tmp_path):
    source = tmp_path / "Kế hoạch nhập.docx"
    source.write_bytes(rendered.read_bytes())
    browser.get(live)
    _by(browser, "#tep-nhap").send_keys(str(source))
    _submit(browser, "#nut-nhap")
    assert browser.current_url.endswith("/plan/ke_hoach_nhap.yaml?msg=imported_review")
    assert "Có chỗ cần xem lại" in _by(browser, ".message").text
    _shot(browser, tmp_path, "5-nhap")
    assert load_plan(plans / "ke_hoach_nhap.yaml").id == "ke-hoach-nhap"


def test_draft_a_communes_plan(browser, live, plans, tmp_path):
    from selenium.webdriver.common.by import By

    browser.get(live + "plan/phung_hiep_42.yaml/jobs")
    _shot(browser, tmp_path, "6-viec-khac")
    _by(browser, 'input[name="don_vi"][value="hoa-an"]').click()
    _submit(browser, "#nut-soan")
    section = _by(browser, "#don-vi-hoa-an")
    _shot(browser, tmp_path, "7-da-soan")
    assert "Sửa kế hoạch phung_hiep_42/hoa-an.yaml" in section.text
    assert load_plan(plans / "phung_hiep_42" / "hoa-an.yaml").don_vi == "hoa-an"
    _submit(browser, section.find_element(By.PARTIAL_LINK_TEXT, "Sửa kế hoạch"))
    assert "hoa-an.yaml" in browser.title
    _shot(browser, tmp_path, "8-ke-hoach-xa")


def test_compare_a_plan_with_its_edited_copy(browser, live, plans, tmp_path):
    from selenium.webdriver.support.select import Select

    from kehoach.plan.edit import PlanFile

    edited = PlanFile.open(plans / "phung_hiep_42.yaml")
    edited.set(PARAGRAPH, NEW_TEXT)
    (plans / "du_thao_2.yaml").write_text(edited.text, encoding="utf-8")
    browser.get(live + "plan/phung_hiep_42.yaml/jobs")
    _submit(browser, "#so-sanh")
    Select(_by(browser, "#chon-moi")).select_by_value("du_thao_2.yaml")
    Select(_by(browser, "#chon-cu")).select_by_value("phung_hiep_42.yaml")
    _submit(browser, "#nut-so-sanh")
    result = _by(browser, "#ket-qua")
    _shot(browser, tmp_path, "9-so-sanh")
    assert "phung_hiep_42.yaml → du_thao_2.yaml: 1 thay đổi" in result.text
    assert "sửa chữ" in result.text
