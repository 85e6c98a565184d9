"""The end of a unit's plan: who signs it and whom it goes to."""

from __future__ import annotations

from kehoach.derive.changes import Record
from kehoach.derive.target import Target
from kehoach.plan.model import Signature


def signature(target: Target, record: Record) -> Signature:
    """The registry's signer of the unit, else the level's signing line with a blank name."""
    if target.unit.ky is not None:
        return target.unit.ky
    record.flag("chu_ky", "chưa có người ký trong danh sách đơn vị")
    return Signature(**target.level.chu_ky.model_dump(), ho_ten="")


def recipients(target: Target) -> list[str]:
    """The level's Nơi nhận lines, with the unit's names filled in."""
    return [line.format(**target.fields) for line in target.level.noi_nhan]
