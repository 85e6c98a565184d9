"""The YAML writer gives back exactly the data it was given, comments aside."""

from __future__ import annotations

import datetime as dt

import yaml

from kehoach.plan.yamlwrite import dump

TRICKY = [
    "Về y tế: phát triển", "# không phải chú thích", "“trích” 'đơn' \"kép\"", "{gt}% dân số",
    "phấn đấu ", " và ", "; ", "10.000", "2,59", "yes", "no", "null", "~", "- gạch", "*",
    "dòng một\ndòng hai", " mở đầu bằng dấu cách\nrồi xuống dòng", "dòng\n\ntrống ở giữa",
    "a" * 200 + " dài: có dấu hai chấm # và thăng", "{{ 7*7 }} {% if %}", "tab\tở giữa",
]


def test_every_tricky_string_round_trips():
    data = {"id": "x", "cac_gia_tri": [{"id": f"d-{i}", "noi_dung": s} for i, s in
                                          enumerate(TRICKY)],
            "so": [0, 1.5, 10000, True, None], "ngay": dt.date(2024, 2, 5),
            "ma": ["huyen", "xa"], "trong": [], "khoi": {}}
    text = dump(data, {"d-3": ["XEM LẠI: một"], "so": ["ghi chú"]}, ["đầu tệp"])
    assert yaml.safe_load(text) == data
    assert "# XEM LẠI: một" in text and text.startswith("# đầu tệp\n")
