"""Headings are kept with what follows them, and nothing else is (review #34): a page may
end early only because the heading(s) at its foot went over with the first two lines of
their text (widow and orphan control), never because body paragraphs are chained. The
styles are read back from the rendered DOCX; the layout is checked under LibreOffice on
plans whose part heading falls at every place around the foot of a page."""

from __future__ import annotations

import html
import itertools
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
from builders import small_plan, write_plan
from docx import Document

from kehoach.document.context import body_blocks
from kehoach.document.render import renderer_for
from kehoach.document.template_styles import STYLE
from kehoach.plan.loader import load_plan
from kehoach.rules.profile import load_profile

HEADINGS = ("muc", "tieu_muc", "tieu_muc_con", "phu_luc")
"""Styles that stay with the next paragraph: a heading is never the last line of a page."""
RUNNING = ("van_ban", "gach", "noi_nhan_dong", "bang")
"""Running text: split across pages like any text, chained to nothing."""
COMMUNE = {"ngay": "2026-08-05", "cap_tren": "ĐẢNG BỘ TỈNH AN GIANG",
           "co_quan": "ĐẢNG ỦY XÃ ÓC EO", "ma_co_quan": "ĐU"}
PROFILES = {"hd36-2018": {}, "hd05-2026": COMMUNE, "nd30-2020": {}}


def _plan(tmp_path: Path, name: str, data: dict) -> Path:
    return write_plan(tmp_path / f"{name}.yaml", data)


@pytest.mark.parametrize("profile", PROFILES)
def test_headings_keep_with_next_and_running_text_does_not(tmp_path, profile):
    data = small_plan() | {"ho_so": profile}
    data["van_ban"] |= PROFILES[profile]
    plan = load_plan(_plan(tmp_path, profile, data))
    document = Document(_docx(tmp_path, plan, profile))
    styles = {style.name: style.paragraph_format for style in document.styles
              if style.type == 1}  # paragraph styles
    for key in HEADINGS:
        assert styles[STYLE[key]].keep_with_next is True, key
    for key in RUNNING:
        chained = _inherited(document, STYLE[key], "keep_with_next")
        whole = _inherited(document, STYLE[key], "keep_together")
        assert not chained and not whole, key
    assert _inherited(document, STYLE["van_ban"], "widow_control") is True
    closing = styles[STYLE["ket_luan"]]  # whole, on the signature's page (issue 23)
    assert closing.keep_with_next is True and closing.keep_together is True
    for paragraph in document.paragraphs:  # no paragraph overrides its style's keeping
        direct = paragraph.paragraph_format
        assert direct.keep_with_next in (None, False) or paragraph.style.name in {
            STYLE[k] for k in (*HEADINGS, "ten_loai", "trich_yeu", "ket_luan")}, paragraph.text
        assert direct.keep_together in (None, False), paragraph.text


def _inherited(document, name: str, attribute: str):
    style = document.styles[name]
    while style is not None:
        found = getattr(style.paragraph_format, attribute)
        if found is not None:
            return found
        style = style.base_style
    return None


def _docx(tmp_path: Path, plan, name: str) -> Path:
    path = tmp_path / f"{name}.docx"
    path.write_bytes(renderer_for("ke_hoach.docx").render(plan))
    return path


LINE = "Nội dung thử nghiệm dàn trang vừa một dòng."
TEXT = ("Tuyên truyền sâu rộng trong cán bộ, đảng viên và Nhân dân về vai trò của kinh tế tư "
        "nhân; tạo chuyển biến mạnh mẽ về nhận thức và hành động của cả hệ thống chính trị, "
        "cộng đồng doanh nghiệp và Nhân dân.")
LENGTHS = range(12, 26)
"""One-line paragraphs before part II: its heading falls on every line around page 1's foot
and, for the longer plans, around page 2's head."""


def test_a_page_ends_early_only_for_headings_and_two_lines(soffice, tmp_path: Path):
    for n in LENGTHS:
        data = small_plan()
        data["muc_dich_yeu_cau"]["doan"] = [{"id": f"f{i}", "noi_dung": LINE} for i in range(n)]
        data["muc_dich_yeu_cau"]["muc"] = []
        data["nhiem_vu_giai_phap"]["muc"][0]["doan"][0]["noi_dung"] = TEXT
        plan = load_plan(_plan(tmp_path, f"p{n}", data))
        _docx(tmp_path, plan, f"p{n}")
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    *(str(tmp_path / f"p{n}.docx") for n in LENGTHS)],
                   check=True, capture_output=True, timeout=300)
    profile = load_profile(plan.profile_id())
    space = profile.than.cach_tren_pt
    headings = {_fold(b["chu"]) for b in body_blocks(plan, profile)
                if b["kieu"] in ("muc", "tieu_muc", "tieu_muc_con")}
    assert len(headings) >= 5  # each of one line
    checked = 0
    for n in LENGTHS:
        height, pages = _lines(tmp_path / f"p{n}.pdf")
        foot = height - profile.trang.le_duoi_mm * 72 / 25.4
        left = profile.trang.le_trai_mm * 72 / 25.4
        for page, after in itertools.pairwise(pages):
            if not page or not after or after[0][3].startswith(("Nơi nhận", "T/M")):
                continue  # the signature's table moves whole (test_signature_page)
            chain = _chain(after, headings, left)
            gap = foot - page[-1][2]
            assert gap < chain + space + 1, (n, gap, chain, [line[3] for line in after[:4]])
            checked += 1
    assert checked >= len(LENGTHS)


def _chain(lines: list[Line], headings: set[str], left: float) -> float:
    """How tall the block a page starts with is, which no page may leave room for: its
    headings, then the first two lines of the text under them, or all of a text of three
    lines or fewer (none can be split: one line alone at a foot or a head is not allowed);
    a page starting in a paragraph's middle, its first two lines."""
    at = next((i for i, line in enumerate(lines) if line[3] not in headings), len(lines) - 1)
    if lines[at][0] > left + INDENTED:  # a paragraph starts here: its lines up to the next
        count = next((k for k, line in enumerate(lines[at + 1:], start=1)
                      if line[0] > left + INDENTED), len(lines) - at)
        at += (count if count <= 3 else 2) - 1
    else:
        at += 1
    return lines[min(at, len(lines) - 1)][2] - lines[0][1]


INDENTED = 14.0
"""A first line is indented (10 mm in every profile); a following line starts at the margin."""

Line = tuple[float, float, float, str]
"""A printed line: left, top, bottom, text."""


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _lines(pdf: Path) -> tuple[float, list[list[Line]]]:
    """The page height, and each page's lines without the page number."""
    xhtml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout
    out = []
    for body in re.findall(r"<page [^>]*>(.*?)</page>", xhtml, re.S):
        lines = []
        for x, top, bottom, words in re.findall(
                r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</line>',
                body, re.S):
            text = _fold(html.unescape(" ".join(re.findall(r">([^<]*)</word>", words))))
            if not text.isdigit():
                lines.append((float(x), float(top), float(bottom), text))
        out.append(sorted(lines, key=lambda line: line[1]))
    height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', xhtml).group(1))
    return height, out
