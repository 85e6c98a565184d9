"""Finding where a text of the plan prints among a PDF's words: the first run that starts
with it, made longer until it is the only one; placeholders match any word; the marks
are the band the words take on each page."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kehoach.document import page_words
from kehoach.document.page_words import Layout, Word


def _layout(pages: list[list[str]], height: float = 800.0) -> Layout:
    words = [Word(n, 10.0 * i, 10.0 * i + 8, page_words.fold(w))
             for n, page in enumerate(pages, start=1) for i, w in enumerate(page)]
    return Layout([(600.0, height)] * len(pages), [w for w in words if w.text])


def test_bbox_output_is_read_with_its_pages_and_entities():
    xhtml = ('<doc><page width="595.3" height="841.9">'
             '<word xMin="1" yMin="10.5" xMax="20" yMax="22.5">Căn</word>'
             '<word xMin="21" yMin="10.5" xMax="30" yMax="22.5">&quot;cứ&quot;</word>'
             '<word xMin="31" yMin="10.5" xMax="40" yMax="22.5">–</word></page>'
             '<page width="595.3" height="841.9">'
             '<word xMin="1" yMin="50" xMax="20" yMax="60">A&amp;B</word></page></doc>')
    found = page_words.parse(xhtml)
    assert found.pages == [(595.3, 841.9), (595.3, 841.9)]
    assert [(w.page, w.text) for w in found.words] == [(1, "căn"), (1, "cứ"), (2, "a&b")]


def test_numbering_case_and_punctuation_do_not_matter():
    found = _layout([["I.", "MỤC", "ĐÍCH,", "YÊU", "CẦU"], ["1.", "Nâng", "cao", "nhận", "thức."]])
    assert page_words.find(found, page_words.words_of("Mục đích, yêu cầu")) == (1, 4)
    assert page_words.find(found, page_words.words_of("nâng cao nhận thức")) == (6, 9)


def test_a_placeholder_matches_the_printed_value():
    found = _layout([["Bảo", "đảm", "100%", "người", "có", "công"]])
    assert page_words.find(found, page_words.words_of("Bảo đảm {gt}% người có công")) == (0, 5)


def test_a_text_that_starts_like_an_earlier_one_is_told_apart_by_more_words():
    common = ["Tiếp", "tục", "đổi", "mới", "nâng", "cao", "chất", "lượng", "chính", "sách",
              "xã", "hội"]
    found = _layout([[*common, "ở", "cơ", "sở", "."], [*common, "cho", "người", "nghèo"]])
    second = " ".join([*common, "cho", "người", "nghèo"])
    start, end = page_words.find(found, page_words.words_of(second))
    assert found.words[start].page == 2 and found.words[end].text == "nghèo"


def test_span_marks_from_the_first_text_to_the_end_of_the_last():
    pages = [["a"] * 5 + ["Mở", "đầu", "của", "phần"], ["thân", "bài", "và", "kết", "thúc"]]
    found = _layout(pages, height=100.0)
    start, end = page_words.span(found, "Mở đầu của phần", "và kết thúc")
    marks = page_words.marks(found, start, end)
    assert [m.page for m in marks] == [1, 2]
    assert marks[0].top == pytest.approx(0.5) and marks[0].bottom == pytest.approx(0.88)
    assert marks[1].top == pytest.approx(0.0) and marks[1].bottom == pytest.approx(0.48)
    assert page_words.span(found, "không có ở đây", "kết thúc") is None


def test_a_text_of_placeholders_or_punctuation_alone_is_not_looked_for():
    found = _layout([["một", "hai"]])
    assert page_words.find(found, page_words.words_of("{gt} –")) is None


_VOCABULARY = ["Đảng", "bộ", "xã", "phường", "nhân", "dân", "kế", "hoạch", "thực", "hiện"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_VOCABULARY), min_size=1, max_size=120), st.data())
def test_the_run_found_is_the_first_that_starts_like_the_text(words, data):
    found = _layout([words[i:i + 40] for i in range(0, len(words), 40)])
    begin = data.draw(st.integers(0, len(words) - 1))
    length = data.draw(st.integers(1, len(words) - begin))
    wanted = [page_words.fold(w) for w in words[begin:begin + length]]
    start, end = page_words.find(found, wanted)
    texts = [w.text for w in found.words]
    shown = end - start + 1
    assert texts[start:end + 1] == wanted[:shown]  # what is found starts like the text
    assert start <= begin  # never past the place the text truly is
    runs = [i for i in range(len(texts) - shown + 1) if texts[i:i + shown] == wanted[:shown]]
    assert runs[0] == start  # the first such run
    if shown < len(wanted):  # it stopped adding words only once they told the run apart
        assert runs == [start]
