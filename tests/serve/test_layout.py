"""What overlaps or breaks in a real browser (Debian's Chromium, headless): a review mark
under an element's buttons, a change's kind
wrapped into a column of words."""

from __future__ import annotations

MARKED = "        - id: md-lanh-dao-chi-dao"


def _wait_css(browser, css: str):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.wait import WebDriverWait

    return WebDriverWait(browser, 30).until(
        expected_conditions.presence_of_all_elements_located((By.CSS_SELECTOR, css)))


def _rect(browser, element) -> dict[str, float]:
    return browser.execute_script("return arguments[0].getBoundingClientRect().toJSON()", element)


def _lines(browser, element) -> int:
    """How many line boxes the element's text takes."""
    return browser.execute_script(
        "var r = document.createRange(); r.selectNodeContents(arguments[0]);"
        "return new Set(Array.from(r.getClientRects()).map(function (x) {"
        " return Math.round(x.top); })).size;", element)


def test_a_review_mark_is_not_under_its_elements_buttons(browser, live, plans):
    path = plans / "phung_hiep_42.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(MARKED, "        # XEM LẠI: tên cơ quan cũ\n" + MARKED),
                    encoding="utf-8")
    browser.get(live + "plan/phung_hiep_42.yaml")
    item = _wait_css(browser, 'fieldset[data-path=\'["muc_dich_yeu_cau", "muc", 0, "doan", 1]\']')
    mark = item[0].find_element("css selector", ":scope > .marks")
    tools = item[0].find_element("css selector", ":scope > .tools")
    assert "XEM LẠI: tên cơ quan cũ" in mark.text
    m, t = _rect(browser, mark), _rect(browser, tools)
    apart = m["right"] <= t["left"] or t["bottom"] <= m["top"] or m["bottom"] <= t["top"]
    assert apart, (m, t)


def test_a_changes_kind_is_one_line(browser, live, plans):
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.select import Select
    from selenium.webdriver.support.wait import WebDriverWait

    from kehoach.plan.edit import PlanFile

    edited = PlanFile.open(plans / "phung_hiep_42.yaml")
    edited.set(["van_ban", "trich_yeu"], "Thực hiện Nghị quyết " * 30)
    (plans / "du_thao_2.yaml").write_text(edited.text, encoding="utf-8")
    browser.get(live + "compare")
    Select(_wait_css(browser, "#chon-moi")[0]).select_by_value("du_thao_2.yaml")
    Select(_wait_css(browser, "#chon-cu")[0]).select_by_value("phung_hiep_42.yaml")
    page = _wait_css(browser, "html")[0]
    _wait_css(browser, "#nut-so-sanh")[0].click()
    WebDriverWait(browser, 60).until(expected_conditions.staleness_of(page))
    kinds = _wait_css(browser, "table.changes td:nth-child(2)")
    assert [k.text for k in kinds] == ["đầu, cuối văn bản"]
    assert _lines(browser, kinds[0]) == 1




def test_the_file_chooser_speaks_vietnamese_and_shows_the_chosen_name(browser, live, tmp_path):
    from selenium.webdriver.support.wait import WebDriverWait

    browser.get(live)
    picker = _wait_css(browser, "label.file-pick")[0]
    assert " ".join(picker.text.split()) == "Chọn tệp… chưa chọn tệp"  # not 'Choose File'
    source = tmp_path / "Kế hoạch nhập.txt"
    source.write_text("KẾ HOẠCH\n", encoding="utf-8")
    _wait_css(browser, "#tep-nhap")[0].send_keys(str(source))
    chosen = picker.find_element("css selector", ".chosen")
    WebDriverWait(browser, 10).until(lambda _: chosen.text == "Kế hoạch nhập.txt")
    native = _rect(browser, _wait_css(browser, "#tep-nhap")[0])
    assert native["width"] <= 1 and native["height"] <= 1
