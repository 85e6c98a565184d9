"""The YAML writer's output loads back to the same value for every string a plan accepts:
newlines, trailing spaces, U+2028, quotes, colons, leading symbols, long prose."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from kehoach.plan import yamlwrite
from kehoach.source import yamlsource

# What clerks and imported documents put in plans, weighted towards YAML's traps.
_ALPHABET = st.sampled_from(
    [
        *"aăâđêôơư áàảãạ Zz09",
        *(" ", "  ", "\n", "\n\n", " \n", "\u2028", "\u2029", "\u00a0"),
        *"'\":#-?&*!|>%@`,[]{}=~\\/.",
        *("- ", ": ", " #", "---", "...", "yes", "null", "1e3", "0x1", "2024-01-01"),
    ]
)
_TEXT = st.lists(_ALPHABET, max_size=40).map(
    lambda parts: unicodedata.normalize("NFC", "".join(parts))
)
_LONG = st.tuples(_TEXT, _TEXT).map(lambda p: p[0] + " " + "chữ " * 20 + p[1])
_STRING = st.one_of(_TEXT, _LONG)


def _reloaded(data: dict) -> object:
    text = yamlwrite.dump(data, {"k": ["lý do\nxuống dòng"]}, ["đầu tệp\u2028hai"])
    return yamlsource.load(text, "t.yaml").data


@settings(derandomize=True, database=None, max_examples=400, deadline=None)
@given(_STRING)
def test_a_string_value_comes_back(value: str) -> None:
    data = {"k": value, "muc": [{"id": "a", "ten": value}], "ds": [value, value]}
    assert _reloaded(data) == data


@settings(derandomize=True, database=None, max_examples=200, deadline=None)
@given(st.lists(st.text(st.sampled_from(list("ab,[]{}#&*: '\"-?")), max_size=6), max_size=4))
def test_a_short_list_comes_back(values: list[str]) -> None:
    data = {"cap": [unicodedata.normalize("NFC", v) for v in values] or ["x"]}
    assert _reloaded(data) == data


@settings(derandomize=True, database=None, max_examples=300, deadline=None)
@given(st.dictionaries(_TEXT.filter(bool), _TEXT, min_size=1, max_size=4))
def test_a_mapping_keyed_by_a_clerks_text_comes_back(columns: dict[str, str]) -> None:
    """`khac` is keyed by column titles as typed (`% đạt`, `# hộ`, `Ghi chú: …`): written
    bare, `%` broke the file and `#` made the column a comment (found by compare's property)."""
    data = {"phu_luc": [{"id": "pl", "khac": columns}]}
    assert _reloaded(data) == data
