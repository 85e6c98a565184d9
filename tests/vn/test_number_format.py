"""kehoach writes numbers without babel; babel's Vietnamese format is the reference."""

from __future__ import annotations

import random
import subprocess
import sys

from babel.numbers import format_decimal
from conftest import PLAN

from kehoach.vn.numbers import number, parse_number


def _values() -> list[float]:
    rng = random.Random(42)
    values: list[float] = [0, -0.0, -0.0001, 0.0005, 0.0015, 0.0025, 2.5, 1e-7, 999.9995,
                           -999.9995, 1e16, 1.23456e20, 12345678901234567890, -5, 2.59, 75.5]
    values += [rng.uniform(-1e7, 1e7) for _ in range(3000)]
    values += [rng.randint(-10**9, 10**9) for _ in range(1000)]
    values += [round(rng.uniform(0, 1000), rng.randint(0, 5)) for _ in range(3000)]
    values += [rng.randint(0, 10**6) / 1000 + 0.0005 for _ in range(1000)]  # halves
    return values


def _babel(value: float) -> str:
    """babel's Vietnamese form; kehoach does not sign a zero (babel: -0.0001 → -0)."""
    text = format_decimal(value, locale="vi")
    return "0" if text == "-0" else text


def test_every_number_is_written_as_babel_writes_it_in_vietnamese():
    wrong = [(v, number(v), _babel(v)) for v in _values() if number(v) != _babel(v)]
    assert wrong == []


def test_a_negative_value_rounding_to_zero_is_plain_zero():
    assert number(-0.0001) == "0" and number(-0.0006) == "-0,001"


def test_written_numbers_read_back():
    for value in (2.59, 75.5, 10000, 1234567.891, -3.5, 0):
        assert parse_number(number(value)) == value


def test_a_render_loads_no_babel(tmp_path):
    code = ("import sys; from kehoach.cli import main\n"
            f"try:\n    main(['render', {str(PLAN)!r}, '-o', {str(tmp_path)!r}])\n"
            "except SystemExit:\n    pass\n"
            "print('babel' in {m.split('.')[0] for m in sys.modules})")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip().splitlines()[-1] == "False"
    assert (tmp_path / "phung_hiep_42.docx").is_file()
