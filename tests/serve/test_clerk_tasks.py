"""The six tasks of a clerk who has never seen YAML, done in Debian's Chromium as the clerk
would, clicking and typing: open and edit a plan; create one; draft the communes and
clear their marks; blank forms and the summary; import; compare. Every page met on the way
is looked at three times (1024, 1366, 1920 px: a photograph each, nothing sticking out to
the right) and read for what the clerk must never meet: an element's id, a YAML key, a
command-line word, an English word (`clerk.strangers`). One server for the module."""

from __future__ import annotations

import io
import shutil
import threading

import openpyxl
import pytest

from kehoach.forms.layout import FORM, cell, rows_by_id
from kehoach.forms.report import FORM_SHEET
from kehoach.plan.loader import load_plan
from kehoach.serve.app import start_server, url
from serve import clerk
from serve.clerk import by, click_through, go
from serve.conftest import ROOT

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    """One server on a copy of the repository's plans: a 2024 district plan and a 2026
    city plan, with their units."""
    folder = tmp_path_factory.mktemp("thu-ky") / "plans"
    folder.mkdir()
    for name in ("phung_hiep_42.yaml", "don_vi_phung_hiep.yaml", "can_tho_42.yaml",
                 "don_vi_can_tho.yaml"):
        shutil.copy(ROOT / "plans" / name, folder / name)
    server, app = start_server(folder, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield url(app), folder
    server.shutdown()
    server.server_close()


@pytest.fixture
def look(browser, site, tmp_path):
    """`look(label)`: the page at each width, photographed, with nothing off screen, and
    its visible text free of ids, keys and English."""
    _base, folder = site
    keys = clerk.keys()
    seen: list[str] = []

    def looking(label: str) -> None:
        known = clerk.ids(folder)
        strange = clerk.strangers(clerk.visible_text(browser), known, keys)
        assert strange == [], f"{label}: {sorted(set(strange))}"
        for width in clerk.WIDTHS:
            browser.set_window_size(width, 900)
            assert clerk.overflow(browser) == [], f"{label} ở {width} px"
            clerk.shot(browser, f"{label}-{width}", tmp_path)
        browser.set_window_size(1366, 900)
        seen.append(label)

    yield looking
    browser.set_window_size(1400, 1000)


def _type(browser, css: str, text: str) -> None:
    field = by(browser, css)
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", field)
    field.clear()
    field.send_keys(text)


def _scrolled(browser) -> float:
    return browser.execute_script("return window.scrollY")


def test_1_open_and_edit_a_plan(browser, site, look):
    from selenium.webdriver.support.wait import WebDriverWait

    base, folder = site
    go(browser, base)
    look("01-danh-sach")
    click_through(browser, 'a.plan-link[href$="phung_hiep_42.yaml"]')
    look("02-sua")
    # the outline jumps to a part by its printed number
    link = by(browser, '#dan-y a[href="#b-nhiem_vu_giai_phap"]')
    assert link.text.startswith("III.")
    link.click()
    WebDriverWait(browser, clerk.WAIT).until(lambda b: _scrolled(b) > 1000)
    # a date typed as it is written
    _type(browser, "#f-van_ban-ngay", "15/09/2024")
    paragraph = "#f-nhiem_vu_giai_phap-muc-0-doan-0-noi_dung"
    _type(browser, paragraph, "Đoạn đã sửa trên trình duyệt.\nĐoạn thứ hai gõ sau khi xuống dòng.")
    before = _scrolled(browser)
    click_through(browser, "#luu")
    assert "Đã lưu" in by(browser, ".message").text
    WebDriverWait(browser, clerk.WAIT).until(lambda b: abs(_scrolled(b) - before) < 300)
    assert _scrolled(browser) > 500  # back where the clerk was, not at the top
    look("03-da-luu")
    plan = load_plan(folder / "phung_hiep_42.yaml")
    assert str(plan.van_ban.ngay) == "2024-09-15"
    assert [p.noi_dung for p in plan.nhiem_vu_giai_phap.muc[0].doan[:2]] == [
        "Đoạn đã sửa trên trình duyệt.", "Đoạn thứ hai gõ sau khi xuống dòng."]
    # find words, then come back to the last change in one click
    search = by(browser, "#tim")
    search.send_keys("xuống dòng")
    WebDriverWait(browser, clerk.WAIT).until(
        lambda b: by(b, "#tim-so").text == "1/1" or b.find_elements("css selector", ".found"))
    click_through(browser, "#so-voi-ban-truoc")
    result = by(browser, "#ket-qua").text
    assert "III.1." in result and "thêm" in result
    look("04-so-voi-ban-truoc")
    click_through(browser, 'nav a[href$="/lich-su"]')
    look("05-lich-su")


def test_2_create_a_plan(browser, site, look):
    base, folder = site
    go(browser, base)
    form = by(browser, "#ke-hoach-moi")
    assert form.find_element("css selector", 'input[value="xa"]').is_selected()
    _type(browser, '#ke-hoach-moi input[name="co_quan"]', "Đảng ủy xã Hòa An")
    _type(browser, '#ke-hoach-moi input[name="cap_tren"]', "Đảng bộ thành phố Cần Thơ")
    _type(browser, '#ke-hoach-moi input[name="trich_yeu"]', "thực hiện Chỉ thị số 05")
    click_through(browser, "#nut-tao")
    assert "Đã tạo kế hoạch mới" in by(browser, ".message").text
    look("06-ke-hoach-moi")
    plan = load_plan(folder / "thuc_hien_chi_thi_so_05.yaml")
    assert (plan.van_ban.co_quan, plan.van_ban.ma_co_quan) == ("ĐẢNG ỦY XÃ HÒA AN", "ĐU")


def test_3_draft_the_communes_and_clear_their_marks(browser, site, look):
    from selenium.webdriver.support.wait import WebDriverWait

    base, folder = site
    go(browser, base + "plan/can_tho_42.yaml/jobs")
    look("07-viec-khac")
    by(browser, 'input[name="don_vi"][value="hoa-an"]').click()
    click_through(browser, "#nut-soan")
    section = by(browser, "#don-vi-hoa-an")
    assert "Xã Hòa An" in section.text or "Hòa An" in section.text
    look("08-da-soan")
    click_through(browser, section.find_element("partial link text", "Sửa kế hoạch"))
    look("09-ke-hoach-xa")
    count = int(by(browser, "#so-cho-xem-lai").text.split()[0])
    assert count > 0
    by(browser, "#dau-sau").click()  # to the next review mark
    WebDriverWait(browser, clerk.WAIT).until(
        lambda b: b.find_elements("css selector", ".marks.current-find"))
    mark = by(browser, ".marks.current-find")
    where = mark.find_element("xpath", "./..").get_attribute("id")
    click_through(browser, mark.find_element("css selector", "button"))  # "Đã xem, bỏ dấu"
    assert browser.current_url.endswith("#" + where)  # the page opens where the clerk was
    assert int(by(browser, "#so-cho-xem-lai").text.split()[0]) < count
    # drafting again asks first, then updates, keeping the clerk's plan in its history
    go(browser, base + "plan/can_tho_42.yaml/jobs")
    by(browser, 'input[name="don_vi"][value="hoa-an"]').click()
    click_through(browser, "#nut-soan")
    assert "đã có kế hoạch" in by(browser, "h1").text
    look("10-hoi-truoc-khi-soan-lai")
    click_through(browser, "#nut-xac-nhan")
    assert "Đã cập nhật theo kế hoạch cấp trên" in by(browser, "#don-vi-hoa-an").text
    look("11-da-cap-nhat")
    from kehoach.plan import history

    assert history.versions(folder / "can_tho_42" / "hoa-an.yaml")[0].action == "cap_nhat"


def test_4_blank_forms_and_the_summary(browser, site, look, tmp_path):
    base, folder = site
    go(browser, base + "plan/can_tho_42.yaml/jobs")
    _type(browser, 'input[name="nam"]', "2028")
    click_through(browser, "#nut-bieu")
    look("12-bieu-mau")
    files = [a.text for a in browser.find_elements("css selector", "ul.files a")]
    assert "can_tho_42_bieu_chi_tieu.xlsx" in files
    blank = next((folder / "Tệp đã làm" / "can_tho_42").rglob("can_tho_42_bieu_chi_tieu.xlsx"))
    filled = []
    for unit, value in (("Hòa An", 97), ("Thạnh Hòa", "nhiều")):
        workbook = openpyxl.load_workbook(blank)
        sheet = workbook[FORM_SHEET]
        sheet[FORM.unit_name] = unit
        row = rows_by_id(sheet)[next(iter(rows_by_id(sheet)))]
        cell(sheet, row, "ket_qua").value = value
        target = tmp_path / f"{unit}.xlsx"
        workbook.save(target)
        filled.append(str(target))
    go(browser, base + "plan/can_tho_42.yaml/jobs")
    by(browser, "#tep-bieu").send_keys("\n".join(filled))
    click_through(browser, "#nut-tong-hop")
    assert "nhiều" in by(browser, "#loi").text  # the bad cell named, in words
    look("13-tong-hop")
    go(browser, base + "plan/can_tho_42.yaml")
    made = by(browser, "#tep-da-lam").text
    assert "biểu mẫu trống" in made and "tổng hợp" in made  # listed on the plan's page


def test_5_import_an_existing_plan(browser, site, look, rendered, tmp_path):
    base, folder = site
    source = tmp_path / "Kế hoạch nhập từ Word.docx"
    source.write_bytes(io.BytesIO(rendered.read_bytes()).getvalue())
    go(browser, base)
    by(browser, "#tep-nhap").send_keys(str(source))
    click_through(browser, "#nut-nhap")
    assert "Có chỗ cần xem lại" in by(browser, ".message").text
    look("14-da-nhap")
    assert load_plan(folder / "ke_hoach_nhap_tu_word.yaml").van_ban.trich_yeu


def test_6_compare_two_drafts(browser, site, look):
    from selenium.webdriver.support.select import Select

    from kehoach.plan.edit import PlanFile

    base, folder = site
    edited = PlanFile.open(folder / "can_tho_42.yaml")
    edited.set(("muc_dich_yeu_cau", "muc", 0, "doan", 0, "noi_dung"), "Một đoạn viết lại.")
    (folder / "can_tho_42_du_thao_2.yaml").write_text(edited.text, encoding="utf-8")
    go(browser, base + "plan/can_tho_42.yaml/jobs")
    click_through(browser, "#so-sanh")
    look("15-chon-hai-ban")
    Select(by(browser, "#chon-cu")).select_by_value("can_tho_42.yaml")
    Select(by(browser, "#chon-moi")).select_by_value("can_tho_42_du_thao_2.yaml")
    click_through(browser, "#nut-so-sanh")
    result = by(browser, "#ket-qua").text
    assert "1 thay đổi" in result and "I.1." in result and "sửa chữ" in result
    look("16-ket-qua-so-sanh")


def test_7_the_pages_a_mistake_leads_to(browser, site, look, tmp_path):
    """Two tabs on one plan (the later save is refused, the clerk's text kept beside the
    newer one); a page that is not there; an upload that is no Word file."""
    from kehoach.plan.edit import PlanFile

    base, folder = site
    go(browser, base + "plan/phung_hiep_42.yaml")
    _type(browser, "#f-muc_dich_yeu_cau-muc-0-doan-0-noi_dung", "Chữ gõ ở thẻ thứ hai.")
    _type(browser, "#f-van_ban-dia_danh", "Phụng Hiệp (thẻ hai)")
    other = PlanFile.open(folder / "phung_hiep_42.yaml")  # the first tab saved meanwhile
    other.set(("van_ban", "dia_danh"), "Phụng Hiệp (thẻ một)")
    other.save("luu")
    click_through(browser, "#luu")
    assert "Chưa lưu" in by(browser, ".message.warning").text
    kept = by(browser, "#f-van_ban-dia_danh")
    assert kept.get_attribute("value") == "Phụng Hiệp (thẻ hai)"
    beside = kept.find_element("xpath", "./following-sibling::div[@class='beside']")
    assert "Phụng Hiệp (thẻ một)" in beside.text
    look("17-hai-the-cung-luu")
    beside.find_element("css selector", "button.use").click()  # take the newer one
    assert kept.get_attribute("value") == "Phụng Hiệp (thẻ một)"
    go(browser, base + "plan/khong-co.yaml")
    assert "không có kế hoạch" in by(browser, "#loi").text
    look("18-khong-co-trang")
    fake = tmp_path / "không phải Word.docx"
    fake.write_bytes(b"PK\x03\x04 nothing of a zip")
    go(browser, base)
    by(browser, "#tep-nhap").send_keys(str(fake))
    click_through(browser, "#nut-nhap")
    assert "không phải tệp DOCX" in by(browser, "#loi").text
    look("19-tep-hong")
