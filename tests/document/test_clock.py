"""The clock never reaches an output: a render with the system clock far in the future
gives the same bytes, and the DOCX's own dates are the plan's."""

from __future__ import annotations

import datetime as dt
import io
import sys
import time
from pathlib import Path

import pytest
from docx import Document

from kehoach.document.render import renderer_for
from kehoach.plan.loader import load_plan
from tests.builders import small_plan, write_plan

FUTURE = dt.datetime(2099, 12, 31, 23, 59, 59)
REAL_DATETIME, REAL_DATE = dt.datetime, dt.date


class _Clock(type):
    """Real dates and datetimes still pass `isinstance` against the fakes."""

    def __instancecheck__(cls, obj: object) -> bool:
        return isinstance(obj, cls.__mro__[1])


class _FutureDateTime(dt.datetime, metaclass=_Clock):
    @classmethod
    def now(cls, tz=None):  # type: ignore[override]
        return cls(*FUTURE.timetuple()[:6], tzinfo=tz)

    @classmethod
    def utcnow(cls):  # type: ignore[override]
        return cls(*FUTURE.timetuple()[:6])

    @classmethod
    def today(cls):  # type: ignore[override]
        return cls.now()


class _FutureDate(dt.date, metaclass=_Clock):
    @classmethod
    def today(cls):  # type: ignore[override]
        return cls(FUTURE.year, FUTURE.month, FUTURE.day)


def _fake_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every way the code (ours, python-docx, docxtpl, zipfile) could read the time."""
    stamp = FUTURE.timestamp()
    monkeypatch.setattr(time, "time", lambda: stamp)
    monkeypatch.setattr(time, "time_ns", lambda: int(stamp * 1e9))
    monkeypatch.setattr(time, "localtime", lambda secs=None: time.struct_time(
        FUTURE.timetuple()))
    monkeypatch.setattr(time, "gmtime", lambda secs=None: time.struct_time(FUTURE.timetuple()))
    monkeypatch.setattr(dt, "datetime", _FutureDateTime)
    monkeypatch.setattr(dt, "date", _FutureDate)
    for name, module in list(sys.modules.items()):
        if module is None or not name.startswith(("kehoach", "docx", "docxtpl", "zipfile")):
            continue
        for attr, value in list(vars(module).items()):
            if value is REAL_DATETIME:
                monkeypatch.setattr(module, attr, _FutureDateTime)
            elif value is REAL_DATE:
                monkeypatch.setattr(module, attr, _FutureDate)


def test_a_render_far_in_the_future_is_the_same_render(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    plan = load_plan(write_plan(tmp_path / "ke_hoach.yaml", small_plan()))
    normal = renderer_for("ke_hoach.docx").render(plan)
    _fake_clock(monkeypatch)
    assert time.time() == FUTURE.timestamp() and dt.datetime.now().year == 2099
    future = renderer_for("ke_hoach.docx").render(plan)
    monkeypatch.undo()
    props = Document(io.BytesIO(future)).core_properties
    assert props.created == props.modified == dt.datetime(2024, 2, 5, tzinfo=dt.UTC)
    assert future == normal
