"""YAML syntax errors in Vietnamese, at the line:column where the mistake starts, whichever
parser reads the file (libyaml, or PyYAML's own where the C one is missing)."""

from __future__ import annotations

import re

import pytest
import yaml
from click.testing import CliRunner
from conftest import PLAN
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kehoach.cli import main
from kehoach.errors import PlanError
from kehoach.source import yamlsource

GOOD = PLAN.read_text(encoding="utf-8")
PARSERS = {"libyaml": getattr(yaml, "CSafeLoader", None), "pyyaml": yaml.SafeLoader}
ENGLISH = re.compile(r"\b(found|expected|while|allowed|scanning|parsing|token|stream|"
                     r"character|mapping|sequence|block|document|indentation)\b")

# (mistake, text, line:column where it starts, words of the explanation)
CASES = [
    ("tab", "a:\n  b: 1\n\tc: 2\n", "3:1", "ký tự tab"),
    ("quote-to-end", 'a: "abc\nb: 1\n', "1:4", "dấu \" mở ở đây không có dấu \" đóng"),
    ("apostrophe-to-end", "a: 'abc\nb: 1\n", "1:4", "dấu ' mở ở đây không có dấu ' đóng"),
    ("quote-to-next-quote", 'a: "abc\nb: 1\nc: x "y" z\nd: 2\n', "1:4",
     "kéo giá trị đến dấu \" ở dòng 3"),
    ("quote-over-separator", 'a: "x\n---\ny"\n', "1:4", "dấu ngoặc kép mở chưa đóng"),
    ("dash-after-key", "a:\n  b: - Về y tế\n", "2:6", "dấu '- ' đứng ngay sau"),
    ("colon-in-text", "a:\n  b: Về y tế: abc\n", "2:13", "dấu ': '"),
    ("no-colon", "a:\n  b: 1\n  c\n  d: 2\n", "3:3", "thiếu dấu ':'"),
    ("key-left-of-its-block", "a:\n  b: 1\n c: 2\n", "3:2", "thụt lề không thẳng hàng"),
    ("item-left-of-its-list", "- a\nb: 1\n", "2:1", "phần tử '- '"),
    ("bracket-open", "a: [1, 2\nb: 3\n", "1:4", "'[' ở đây chưa đóng"),
    ("brace-open", "a: {x: 1\nb: 3\n", "1:4", "'{' ở đây chưa đóng"),
    ("text-after-brackets", "a: [x] y\n", "1:4", "bắt đầu bằng '[' hoặc '{'"),
    ("text-after-quotes", 'a: "Ngày hội" toàn dân\n', "1:4", "sau dấu ngoặc kép đóng còn chữ"),
    ("backslash-in-quotes", 'a: "C:\\thu muc\\path"\n', "1:", "mã thoát"),
    ("at-sign", "a: @abc\n", "1:4", "bắt đầu bằng '@'"),
    ("backtick", "a: `abc`\n", "1:4", "bắt đầu bằng '`'"),
    ("star", "a: *Lưu ý\n", "1:4", "bắt đầu bằng '*'"),
    ("ampersand", "a: & và\n", "1:4", "bắt đầu bằng '&'"),
    ("exclamation", "a: !! x\n", "1:4", "bắt đầu bằng '!'"),
    ("percent-line", "%abc\na: 1\n", "1:1", "'%'"),
    ("end-of-document-line", "a: 1\n...\nb: 2\n", "2:1", "dòng '...' hoặc '---'"),
    ("two-documents", "a: 1\n---\nb: 2\n", "2:1", "một tài liệu YAML"),
    ("text-beside-pipe", "a: | x\n", "1:4", "sau '|' hoặc '>'"),
    ("indicator-zero", "a: |0\n  x\n", "1:5", "từ 1 đến 9"),
    ("missing-value", "a: [1, ]\nb: ,\n", "2:4", "thiếu giá trị"),
    ("question-key", "a:\n  ? x\n  ? y: 1\n  - z\n", "4:3", "thụt lề"),
]


@pytest.mark.parametrize("parser", [p for p, loader in PARSERS.items() if loader])
@pytest.mark.parametrize(("name", "text", "where", "words"), CASES, ids=[c[0] for c in CASES])
def test_each_kind_of_syntax_error_is_told_in_vietnamese_where_it_starts(
    monkeypatch: pytest.MonkeyPatch, parser: str, name: str, text: str, where: str, words: str
) -> None:
    monkeypatch.setattr(yamlsource, "Loader", PARSERS[parser])
    with pytest.raises(PlanError) as raised:
        yamlsource.load(text, "ke_hoach.yaml")
    (problem,) = raised.value.problems
    said = str(problem)
    assert words in said and not ENGLISH.search(problem.message), said
    assert said.startswith(f"ke_hoach.yaml:{where}"), said


def test_an_unclosed_quote_is_shown_where_it_opened_not_sixty_lines_on(tmp_path) -> None:
    # the review's e02: `trich_yeu: "Thực hiện` with no closing quote, the next quote is on
    # line 79 (`don_vi: "%"`)
    bad = tmp_path / "e02.yaml"
    bad.write_text(GOOD.replace("  trich_yeu: |-\n", '  trich_yeu: "Thực hiện\n  x: |-\n', 1),
                   encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(bad)])
    assert result.exit_code == 2
    assert f"{bad}:19:14: lỗi cú pháp YAML: dấu ngoặc kép mở chưa đóng" in result.output
    assert "ở dòng 79" in result.output and not ENGLISH.search(result.output)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.data(),
    st.lists(st.sampled_from(['"', "'", ":", ": ", "- ", "\t", "[", "]", "{", "}", "*", "&",
                              "!", "@", "`", "|", ">", "%", "#", "?", "\n", "  ", "\\", ","]),
             min_size=1, max_size=3),
)
def test_a_plan_typed_wrong_anywhere_is_never_explained_in_english(data, slips) -> None:
    text = GOOD
    for slip in slips:
        at = data.draw(st.integers(0, len(text)))
        text = text[:at] + slip + text[at:]
    try:
        yamlsource.load(text, "ke_hoach.yaml")
    except PlanError as error:
        for problem in error.problems:
            assert not ENGLISH.search(problem.message), problem
            assert problem.line is None or 1 <= problem.line <= text.count("\n") + 1
