"""The level chain (tỉnh/thành phố → huyện → xã, or tỉnh/thành phố → xã after 1/7/2025),
how each level speaks and which organs it has in each period, and the map from an upper
staff organ to the commune body that plays its role; typed from `kehoach/data/cap.yaml`."""

from __future__ import annotations

import calendar
import datetime as dt
import math
from functools import cache

from pydantic import BaseModel

from kehoach.rules.source import DEFERRED, read, shipped


class _Data(BaseModel):
    model_config = DEFERRED


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
    dang_bo: str | None = None
    so_nganh: str | None = None


def last_day(when: dt.date | int, month: int | None = None) -> dt.date:
    """The day a date stands for: a year alone (a draft's) stands for its 31 December, a
    year with its month (a blank day) for that month's last day; the one rule for the
    level chain, the profiles, the comments' and revisions' dates."""
    if isinstance(when, dt.date):
        return when
    month = month or 12
    return dt.date(when, month, calendar.monthrange(when, month)[1])


class Dated(_Data):
    tu: dt.date | None = None
    den: dt.date | None = None

    def valid_on(self, day: dt.date) -> bool:
        return (self.tu is None or self.tu <= day) and (self.den is None or day <= self.den)


class ForKinds(Dated):
    """Data that holds for some kinds of unit only (`loai: [dac_khu]`); none named: all."""

    loai: list[str] | None = None

    def for_kind(self, kind: str | None) -> bool:
        return self.loai is None or kind in self.loai


class RoleChange(ForKinds):
    chu_the: str | None = None
    noi_dung: str | None = None


class Role(ForKinds):
    """One duty of the level's Tổ chức thực hiện; who or what may change from a day on,
    or for a kind of unit (a đặc khu's organs are not a xã's)."""

    id: str
    chu_the: str
    noi_dung: str
    theo_ky: list[RoleChange] = []

    def on(self, day: dt.date, kind: str | None = None) -> Role:
        update: dict[str, object] = {"theo_ky": []}
        for period in self.theo_ky:
            if period.valid_on(day) and period.for_kind(kind):
                update |= period.model_dump(exclude={"tu", "den", "loai"}, exclude_none=True)
        return self.model_copy(update=update)


class Review(Dated):
    cum: str
    ly_do: str


class Signer(_Data):
    quyen_han: str = ""
    chuc_vu: str = ""


class ReportWords(_Data):
    """How a unit's plan writes its reports: each period with its day (`{ngay}`), the
    periods together (`{cac_ky}`), a single report's deadline, the sơ kết and tổng kết."""

    sau_thang: str
    hang_quy: str
    hang_nam: str
    dinh_ky: str
    han: str
    so_ket_tong_ket: str
    tong_ket: str


class Reporting(_Data):
    """What a unit's plan falls back on when the upper plan does not say when to report
    (before these days, `10/6`) or when the sơ kết falls (0.5: halfway to the indicators'
    year); and how the plan writes it (`viet`)."""

    sau_thang: str
    hang_nam: str
    so_ket: float
    viet: ReportWords

    def review_year(self, start: int, end: int) -> int:
        return start + math.ceil((end - start) * self.so_ket)


class KindChanges(_Data):
    """What differs for one kind of unit (a đặc khu has its own organs): these keys
    replace the level's (`noi` only the phrases it names)."""

    noi: dict[str, str] = {}
    co_quan_giup_viec: dict[str, str] | None = None


class Changes(Dated):
    """What a level changes from a day on: these keys replace the level's own (`noi` only
    the phrases it names)."""

    ten: str | None = None
    loai_don_vi: dict[str, str] | None = None
    loai_theo_cap_tren: dict[str, list[str]] | None = None
    noi: dict[str, str] = {}
    co_quan_giup_viec: dict[str, str] | None = None
    to_chuc: dict[str, str] | None = None
    noi_nhan: list[str] | None = None
    theo_loai: dict[str, KindChanges] | None = None


class Level(_Data):
    ten: str
    ma_co_quan: list[str]
    tien_to_co_quan: str = ""
    noi: Words
    tu_dia_ban: str
    loai_don_vi: dict[str, str] = {}
    loai_theo_cap_tren: dict[str, list[str]] = {}
    loai_van_ban: str = ""  # the type of a unit's plan (KH), whatever the upper's type
    dan_cu: str = ""  # what residential areas are called when the registry does not say
    cac_viec: dict[str, str] = {}  # what the plan holds: with and without targets
    co_quan_giup_viec: dict[str, str] = {}
    to_chuc: dict[str, str] = {}
    theo_ky: list[Changes] = []
    theo_loai: dict[str, KindChanges] = {}
    co_quan: str = ""
    co_quan_hai_dong: str = ""
    co_quan_mot_dong: int = 0
    cap_tren_mot_dong: int = 0  # longer upper lines break before the upper's proper name
    trich_yeu: str = ""
    mo_dau: str = ""
    chu_ky: Signer = Signer()
    bao_cao: Reporting | None = None
    noi_nhan: list[str] = []
    to_chuc_thuc_hien: list[Role] = []
    ket_luan: str = ""  # the closing sentence of a unit's plan, after its last part
    xem_lai: list[Review] = []

    @property
    def derivable(self) -> bool:
        """Whether plans can be drafted for units of this level."""
        return bool(self.loai_don_vi and self.co_quan and self.to_chuc_thuc_hien)

    def on(self, day: dt.date, kind: str | None = None) -> Level:
        """The level as it stands on `day`: its period's changes laid over it, the roles
        and review phrases of other periods left out; with `kind` (`dac_khu`), as it
        stands for that kind of unit (roles for other kinds left out)."""
        roles = self.to_chuc_thuc_hien
        update: dict[str, object] = {
            "theo_ky": [],
            "theo_loai": {},
            "to_chuc_thuc_hien": [
                r.on(day, kind) for r in roles if r.valid_on(day) and r.for_kind(kind)
            ],
            "xem_lai": [r for r in self.xem_lai if r.valid_on(day)],
        }
        words, kinds = self.noi, self.theo_loai
        for period in self.theo_ky:
            if period.valid_on(day):
                exclude = {"tu", "den", "noi", "theo_loai"}
                update |= period.model_dump(exclude=exclude, exclude_none=True)
                words = words.model_copy(update=period.noi)
                kinds = period.theo_loai if period.theo_loai is not None else kinds
        own = kinds.get(kind or "")
        if own is not None:
            words = words.model_copy(update=own.noi)
            if own.co_quan_giup_viec is not None:
                update["co_quan_giup_viec"] = own.co_quan_giup_viec
        update["noi"] = words
        return self.model_copy(update=update)

    def organs(self) -> list[str]:
        """Every organ and body of the level (its staff organs, then the others)."""
        return [*self.co_quan_giup_viec.values(), *self.to_chuc.values()]

    def kinds_under(self, issuer: str) -> dict[str, str]:
        """The unit kinds under an upper committee called `issuer` (a huyện has no phường)."""
        return {
            code: name
            for code, name in self.loai_don_vi.items()
            if any(issuer.upper().startswith(p) for p in self.loai_theo_cap_tren.get(code, [""]))
        }


class Period(Dated):
    cap: list[str]


class OrganMap(ForKinds):
    """Upper staff organ → the commune body that plays its role ({dv}: kind of unit); one
    for some kinds only (`loai`) is laid over the general one of its period."""

    map: dict[str, str]


class Levels(_Data):
    chuoi: list[Period]
    cap: dict[str, Level]
    ban_tuong_ung: list[OrganMap]
    co_quan_khac: list[str]

    def of_body(self, code: str, issuer: str = "") -> str | None:
        """The level id whose committees use body code `code` (HU → huyen); where levels
        share a code (TU: Tỉnh ủy, Thành ủy), the one whose name `issuer` starts with."""
        found = [k for k, v in self.cap.items() if code in v.ma_co_quan]
        named = [k for k in found if issuer.upper().startswith(self.cap[k].tien_to_co_quan)]
        return next(iter(named or found), None)

    def lifetime(self, level: str) -> tuple[dt.date | None, dt.date | None]:
        """The first and the last day a chain has `level` (None: no bound that side)."""
        periods = [p for p in self.chuoi if level in p.cap]
        starts, ends = [p.tu for p in periods], [p.den for p in periods]
        first = None if not starts or None in starts else min(d for d in starts if d)
        last = None if not ends or None in ends else max(d for d in ends if d)
        return first, last

    def organ_map(self, day: dt.date, kind: str | None = None) -> dict[str, str]:
        """The upper organ → commune body map in force on `day` for units of `kind`."""
        found = [m for m in self.ban_tuong_ung if m.valid_on(day)]
        general = next((m.map for m in found if m.loai is None), {})
        own = [m.map for m in found if m.loai is not None and kind in m.loai]
        return general | {k: v for m in own for k, v in m.items()}

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


@cache
@cache
def unit_kinds() -> dict[str, str]:
    """Every kind a unit has had in any level and period (`xa` → `xã` …): which kinds are
    valid under which plan is the level data's rule (`loai_don_vi`, `theo_ky`)."""
    kinds: dict[str, str] = {}
    for level in load_levels().cap.values():
        kinds |= level.loai_don_vi
        for change in level.theo_ky:
            kinds |= change.loai_don_vi or {}
    return kinds


def issuer_out_of_time(
    code: str, issuer: str, when: dt.date | int, month: int | None = None
) -> str | None:
    """Why a plan of `issuer` cannot bear the date `when` (its level had gone, or was not
    there yet, that day), in Vietnamese; None when it can or the issuer is no level's."""
    levels = load_levels()
    level = levels.of_body(code, issuer)
    if level is None:
        return None
    day = last_day(when, month)
    first, last = levels.lifetime(level)
    said = f"{' '.join(issuer.split())} là cơ quan cấp {levels.cap[level].ten}"
    bare = ""
    if isinstance(when, int):
        bare = f"; {'tháng ' + str(month) + ' ' if month else ''}năm {when} không ghi ngày "
        bare += f"được hiểu là ngày {day:%d/%m/%Y}"
    if last is not None and day > last:
        full = f", ghi đủ ngày ban hành (đến {last:%d/%m/%Y})" if when == last.year else ""
        return f"{said}, cấp này không còn sau ngày {last:%d/%m/%Y}{bare}{full}"
    if first is not None and day < first:
        return f"{said}, cấp này chỉ có từ ngày {first:%d/%m/%Y}{bare}"
    return None


def reaches(cap: list[str] | None, level: str, kind: str) -> bool:
    """Whether an element marked `cap` is meant for a unit of `level` and `kind`: `cap`
    lists levels (`huyen`; `xa` is every unit of the commune level) and kinds of unit
    (`thi_tran`, `phuong`, `dac_khu`: only those units). No `cap`: every unit."""
    return cap is None or level in cap or kind in cap
