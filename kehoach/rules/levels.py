"""The level chain (tỉnh → huyện → xã, or tỉnh → xã after 1/7/2025) and how each level
speaks, typed from `kehoach/data/cap.yaml`."""

from __future__ import annotations

import datetime as dt
from functools import cache

from pydantic import BaseModel

from kehoach.rules.source import FORBID, read, shipped


class _Data(BaseModel):
    model_config = FORBID


class Words(_Data):
    """The phrases a level's documents use for its own bodies; paired by key across levels."""

    ban_thuong_vu: str
    ban_chap_hanh: str
    truc_thuoc: str
    co_quan_tham_muu: str
    cap_uy: str
    dia_ban: str
    chinh_quyen: str
    mat_tran: str
    phat_trien: str
    van_phong: str


class Dated(_Data):
    tu: dt.date | None = None
    den: dt.date | None = None

    def valid_on(self, day: dt.date) -> bool:
        return (self.tu is None or self.tu <= day) and (self.den is None or day <= self.den)


class Role(Dated):
    """One duty of the level's Tổ chức thực hiện."""

    id: str
    chu_the: str
    noi_dung: str


class Review(_Data):
    cum: str
    ly_do: str


class Signer(_Data):
    quyen_han: str = ""
    chuc_vu: str = ""


class Level(_Data):
    ten: str
    ma_co_quan: list[str]
    noi: Words
    tu_dia_ban: str
    loai_don_vi: dict[str, str] = {}
    co_quan: str = ""
    co_quan_hai_dong: str = ""
    co_quan_mot_dong: int = 0
    trich_yeu: str = ""
    mo_dau: str = ""
    chu_ky: Signer = Signer()
    noi_nhan: list[str] = []
    to_chuc_thuc_hien: list[Role] = []
    xem_lai: list[Review] = []

    @property
    def derivable(self) -> bool:
        """Whether plans can be drafted for units of this level."""
        return bool(self.loai_don_vi and self.co_quan and self.to_chuc_thuc_hien)


class Period(Dated):
    cap: list[str]


class Levels(_Data):
    chuoi: list[Period]
    cap: dict[str, Level]
    co_quan_khac: list[str]

    def of_body(self, code: str) -> str | None:
        """The level id whose committees use body code `code` (HU → huyen)."""
        return next((k for k, v in self.cap.items() if code in v.ma_co_quan), None)

    def above(self, level: str, day: dt.date) -> str | None:
        """The level right over `level` in the chain in force on `day`."""
        return self._next(level, day, -1)

    def below(self, level: str, day: dt.date) -> str | None:
        """The level right under `level` in the chain in force on `day`."""
        return self._next(level, day, +1)

    def _next(self, level: str, day: dt.date, step: int) -> str | None:
        for period in self.chuoi:
            if period.valid_on(day) and level in period.cap:
                i = period.cap.index(level) + step
                return period.cap[i] if 0 <= i < len(period.cap) else None
        return None


@cache
def load_levels() -> Levels:
    return read(Levels, shipped("cap.yaml"))
