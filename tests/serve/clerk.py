"""What the browser tests share: waiting as a clerk waits (for the next page, for an
element; never a fixed sleep), photographs, and reading a page's visible text for what a
clerk must never meet there: an element's id, a YAML key, a command-line option, an
English word."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

WAIT = 60
WIDTHS = (1024, 1366, 1920)

ENGLISH = {
    "Error", "error", "Errors", "Save", "Cancel", "Submit", "Choose", "Browse", "File", "file",
    "Upload", "Download", "Preview", "Edit", "Delete", "Add", "Remove", "Back", "Home", "Next",
    "Previous", "Compare", "History", "Version", "Search", "Find", "Not", "Found", "Internal",
    "Server", "Method", "Allowed", "Bad", "Request", "Traceback", "None", "True", "False",
    "null", "undefined", "NaN", "Exception", "plan", "plans", "unit", "units", "draft",
    "review", "Review", "Track", "Changes", "the", "and", "of", "to", "is", "no", "yes", "OK",
    "Loading", "Unknown",
}
"""Words of English that a page in Vietnamese has no reason to show."""
OPTIONS = re.compile(r"(?<!\w)--[a-z][a-z-]*|\b(?:derive|aggregate|kehoach import|serve)\b|"
                     r"\((?:cap|huong|so_sanh|gia_tri)\)")
"""The command line's words, and keys in brackets as an old page wrote them."""
BARE = {"huyen", "phuong", "tren", "duoi", "dat", "khoang", "cong"}
"""Keys that are no Vietnamese word without their marks (huyện, phường, trên, đạt …)."""
FILE_NAME = re.compile(r".*\.(?:yaml|docx|xlsx|txt|pdf)$", re.I)


def keys() -> set[str]:
    """Every key of the plan model and every value of a choice that is written as a key
    (`thanh_pho`, `toi_thieu`) — joined by `_`, which no Vietnamese word is."""
    import inspect

    from pydantic import BaseModel

    from kehoach.plan import model
    from kehoach.plan.labels import LABELS
    from kehoach.rules.levels import load_levels, unit_kinds

    found = set(LABELS) | set(load_levels().cap) | set(unit_kinds())
    for _, cls in inspect.getmembers(model, inspect.isclass):
        if issubclass(cls, BaseModel):
            found |= set(cls.model_fields)
    return found


def ids(folder: Path) -> set[str]:
    """The id of every plan of the folder and of every element of it."""
    from kehoach.errors import KehoachError
    from kehoach.plan.loader import load_plan
    from kehoach.plan.walk import walk

    found: set[str] = set()
    for path in folder.rglob("*.yaml"):
        if any(part.startswith(".") for part in path.parts):
            continue
        try:
            plan = load_plan(path)
        except KehoachError:
            continue
        found |= {plan.id, *(node.id for node in walk(plan))}
    return found


def visible_text(browser: Any) -> str:
    """What the clerk can read: the page's text, the chosen option of every list, what the
    fields hold and their hints, without the plans folder's own path (the list names it on
    purpose)."""
    return browser.execute_script("""
        var parts = [document.body.innerText];
        document.querySelectorAll('select').forEach(function (s) {
          if (s.selectedIndex >= 0) { parts.push(s.options[s.selectedIndex].text); }
        });
        document.querySelectorAll('input[placeholder], textarea[placeholder]').forEach(
          function (e) { parts.push(e.getAttribute('placeholder')); });
        document.querySelectorAll('input[type=text], input:not([type]), textarea').forEach(
          function (e) { if (e.offsetParent !== null) { parts.push(e.value); } });
        var text = parts.join('\\n');
        document.querySelectorAll('.folder').forEach(function (f) {
          text = text.split(f.innerText).join(' ');
        });
        return text;""")


def strangers(text: str, known_ids: set[str], known_keys: set[str]) -> list[str]:
    """The ids, keys, options and English words in `text` (file names are the clerk's)."""
    found = [m.group(0) for m in OPTIONS.finditer(text)]
    for token in re.findall(r"[\w./{}()-]+", text):
        word = token.strip(".,;:()[]{}")
        if not word or FILE_NAME.match(word) or "/" in word:
            continue
        if word in known_ids or (word in known_keys and ("_" in word or "-" in word)):
            found.append(word)
        elif "_" in word:
            found.append(word)  # a key joined by `_`, which no Vietnamese word is
        elif re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)+", word) and re.search(r"[a-z]", word):
            found.append(word)  # an id, kebab-cased
        elif word in ENGLISH or word in BARE:
            found.append(word)
    return found


def shot(browser: Any, label: str, folder: Path) -> Path:
    """A photograph of the page as it is (KEHOACH_SCREENSHOTS keeps them)."""
    target = Path(os.environ.get("KEHOACH_SCREENSHOTS") or folder) / f"{label}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(target))
    return target


def by(browser: Any, css: str) -> Any:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.wait import WebDriverWait

    located = expected_conditions.presence_of_element_located((By.CSS_SELECTOR, css))
    return WebDriverWait(browser, WAIT).until(located)


def loaded(browser: Any) -> None:
    from selenium.webdriver.support.wait import WebDriverWait

    WebDriverWait(browser, WAIT).until(
        lambda b: b.execute_script("return document.readyState") == "complete")


def go(browser: Any, url: str) -> None:
    browser.get(url)
    loaded(browser)


def click_through(browser: Any, target: Any) -> None:
    """Click a button or link (an element or a CSS selector) and wait until the next
    page has replaced this one."""
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.wait import WebDriverWait

    page = by(browser, "html")
    element = by(browser, target) if isinstance(target, str) else target
    browser.execute_script(  # as a clerk would: only what is out of sight is scrolled to
        "var r = arguments[0].getBoundingClientRect();"
        "if (r.top < 0 || r.bottom > window.innerHeight) {"
        " arguments[0].scrollIntoView({block: 'center'}); }", element)
    element.click()
    WebDriverWait(browser, WAIT).until(expected_conditions.staleness_of(page))
    loaded(browser)


def accept_confirm(browser: Any) -> None:
    """The page's "are you sure" question, answered yes (the clerk clicks OK)."""
    browser.execute_script("window.confirm = function () { return true; };")


def overflow(browser: Any) -> list[str]:
    """What sticks out to the right of the window (the page itself, a button, a field),
    or out of the panel or block it belongs to."""
    return browser.execute_script("""
        var out = [];
        var width = document.documentElement.clientWidth;
        if (document.documentElement.scrollWidth > width + 1) {
          out.push('trang rộng ' + document.documentElement.scrollWidth + ' > ' + width);
        }
        document.querySelectorAll('button, input, select, textarea, a, fieldset').forEach(
          function (e) {
          var r = e.getBoundingClientRect();
          if (!r.width || e.closest('.table-wrap') || (e.type === 'file')) { return; }
          var name = (e.id || e.textContent.trim().slice(0, 40) || e.name || e.tagName);
          if (r.right > width + 1) {
            out.push(name + ' ra ngoài ' + Math.round(r.right) + ' > ' + width);
          }
          var box = e.parentElement && e.parentElement.closest('.panel, fieldset, section');
          if (box && r.right > box.getBoundingClientRect().right + 1) {
            out.push(name + ' ra ngoài khung của nó');
          }
        });
        return out.slice(0, 10);""")
