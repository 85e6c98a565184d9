"""The live preview beside the form, in a real browser (Debian's Chromium, headless): the
clerk clicks into a paragraph, sees its page with a band where it prints, edits, saves and
sees the page of the saved text; a save made without reloading the page (the event
"kehoach:saved") refreshes the panel in place. Photographed at 1024, 1366 and 1920 px
(KEHOACH_SCREENSHOTS=folder keeps the pictures)."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

from kehoach.document.page_words import fold
from kehoach.plan.edit import PlanFile
from serve.test_browser import _by, _field, _shot, _submit

PARAGRAPH = ["muc_dich_yeu_cau", "muc", 1, "doan", 2, "noi_dung"]
NEW_TEXT = ("Định kỳ hằng năm, Ban Thường vụ Huyện ủy kiểm tra, giám sát việc thực hiện "
            "Kế hoạch ở các chi bộ, đảng bộ cơ sở và báo cáo kết quả.")


def _panel_shows(browser, sha: str | None = None, seconds: int = 120) -> str:
    """The digest the panel shows once its page image is in place (a new one if `sha`
    is the old one)."""
    from selenium.webdriver.support.wait import WebDriverWait

    def ready(b):
        shown = b.execute_script(
            "var p = document.getElementById('xem-song');"
            "var img = p.querySelector('.preview-pages img');"
            "return img && img.complete && img.naturalWidth > 700 ? p.getAttribute('data-sha')"
            " : null")
        return shown if shown and shown != sha else None

    return WebDriverWait(browser, seconds).until(ready, "bản xem trước không hiện")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _pages_with(live: str, browser, words: str) -> list[int]:
    """The pages of the plan's PDF (downloaded as the clerk would) that print `words`."""
    import urllib.request

    with urllib.request.urlopen(live + "plan/phung_hiep_42.yaml/download.pdf", timeout=60) as r:
        pdf = r.read()
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()
    wanted = " ".join(fold(w) for w in words.split())
    return [n for n, page in enumerate(text.split("\f"), start=1)
            if wanted in " ".join(fold(w) for w in page.split())]


def _marked_page(browser) -> int:
    caption = browser.execute_script(
        "var band = document.querySelector('#xem-song .preview-mark');"
        "return band && band.closest('figure').querySelector('figcaption').textContent")
    assert caption, "không có vạch chỉ chỗ đang sửa"
    return int(caption.split()[-1])


def test_the_page_of_the_edited_paragraph_follows_each_save(browser, live, plans, tmp_path,
                                                            office_python):
    browser.set_window_size(1366, 900)
    try:
        browser.get(live + "plan/phung_hiep_42.yaml")
        _field(browser, PARAGRAPH).click()
        first = _panel_shows(browser)
        assert first == _digest(plans / "phung_hiep_42.yaml")
        old = PlanFile.open(plans / "phung_hiep_42.yaml").get(tuple(PARAGRAPH))
        assert _marked_page(browser) in _pages_with(live, browser, " ".join(old.split()[:6]))
        _shot(browser, tmp_path, "xem-song-1366")

        element = _field(browser, PARAGRAPH)
        element.clear()
        element.send_keys(NEW_TEXT)
        _submit(browser, "#luu")
        assert "Đã lưu" in _by(browser, ".message").text
        saved = _panel_shows(browser, first)  # the same field, the saved text's page
        assert saved == _digest(plans / "phung_hiep_42.yaml") != first
        assert _marked_page(browser) in _pages_with(live, browser, "Định kỳ hằng năm, Ban")
        _shot(browser, tmp_path, "xem-song-sau-khi-luu")

        page = _by(browser, "html")
        pf = PlanFile.open(plans / "phung_hiep_42.yaml")  # a save that does not reload
        pf.set(tuple(PARAGRAPH), NEW_TEXT.replace("Định kỳ hằng năm", "Mỗi quý một lần"))
        pf.save()
        browser.execute_script("document.dispatchEvent(new CustomEvent('kehoach:saved'))")
        again = _panel_shows(browser, saved)
        assert again == _digest(plans / "phung_hiep_42.yaml")
        assert browser.execute_script("return arguments[0].isConnected", page)  # no reload
        assert _marked_page(browser) in _pages_with(live, browser, "Mỗi quý một lần, Ban")
    finally:
        browser.set_window_size(1400, 1000)


def test_the_panel_at_each_width(browser, live, tmp_path, office_python):
    """Open beside the form from 1200 px; at 1024 px closed until asked, then beside a
    form still wide enough to type in."""
    try:
        for width in (1920, 1366, 1024):
            browser.set_window_size(width, 1000)
            browser.get(live + "plan/phung_hiep_42.yaml")
            toggle = _by(browser, "#xem-song-mo")
            if width < 1200:
                assert toggle.get_attribute("aria-expanded") == "false"
                assert not browser.find_element("id", "xem-song-anh").is_displayed()
                toggle.click()
            field = _field(browser, PARAGRAPH)
            field.click()
            _panel_shows(browser)
            typed = field.rect
            panel = browser.find_element("id", "xem-song").rect
            assert panel["x"] >= typed["x"] + typed["width"]  # beside the field, not over it
            assert panel["x"] + panel["width"] <= width  # on the screen
            assert typed["width"] >= (400 if width > 1200 else 220), typed  # room to type
            top = browser.execute_script("return arguments[0].getBoundingClientRect().top",
                                         browser.find_element("id", "xem-song"))
            assert 0 <= top < 200  # in view beside the field, whatever the page's scroll
            _shot(browser, tmp_path, f"xem-song-{width}")
    finally:
        browser.execute_script("localStorage.clear()")
        browser.set_window_size(1400, 1000)
