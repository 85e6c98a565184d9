"""The registry of a committee's units (xã, phường, đặc khu, thị trấn): who they are, what is
theirs and, after a merger, which former units each one took in."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, Field

from kehoach.errors import PlanError
from kehoach.plan.fields import Number
from kehoach.plan.model import Id, Level, Line, Signature, _Model
from kehoach.rules.levels import unit_kinds
from kehoach.source import yamlsource
from kehoach.source.validation import validate
from kehoach.source.yamlsource import Source
from kehoach.system import files


def _kind(value: str) -> str:
    kinds = unit_kinds()
    if value not in kinds:
        raise ValueError(f"loại đơn vị '{value}' không có; có: {', '.join(kinds)}")
    return value


Kind = Annotated[str, AfterValidator(_kind)]


def _a_file_name(value: str) -> str:
    """A unit's id names its files (<id>.yaml, <id>.docx)."""
    if files.device(value):
        raise ValueError(f"mã '{value}' là tên thiết bị dành riêng của Windows (CON, PRN, AUX, "
                         "NUL, COM1–9, LPT1–9): tệp của đơn vị sẽ không mở được; đổi mã khác")
    return value


UnitId = Annotated[Id, AfterValidator(_a_file_name)]


class FormerUnit(_Model):
    """Một đơn vị cũ đã nhập vào đơn vị mới (trước khi sắp xếp)."""

    ma: Id = Field(description="Mã của đơn vị cũ trong danh sách đơn vị cũ: kinh-cung.")
    loai: Kind = Field(description="Loại của đơn vị cũ: xa, thi_tran, phuong.")
    ten: Line = Field(description="Tên đơn vị cũ, không kèm loại: Kinh Cùng.")


def _once_each(former: list[FormerUnit]) -> list[FormerUnit]:
    """A former unit is taken in once; listing it twice is a typing slip."""
    seen: set[str] = set()
    for unit in former:
        if unit.ma in seen:
            raise ValueError(f"đơn vị cũ '{unit.ma}' được kê hai lần trong tien_than")
        seen.add(unit.ma)
    return former


class Unit(_Model):
    """Một đơn vị cấp dưới."""

    id: UnitId
    loai: Kind = Field(description="Loại đơn vị: xa, phuong, dac_khu, thi_tran.")
    ten: Line = Field(description="Tên đơn vị, không kèm loại: Hòa An.")
    tien_than: Annotated[list[FormerUnit], AfterValidator(_once_each)] = Field(
        default_factory=list, description="Các đơn vị cũ đã nhập vào đơn vị này."
    )
    dia_danh_kem_cap: bool | None = Field(
        None,
        description="Địa danh ghi kèm cấp hành chính (Xã Mỹ, Phường Ngô Quyền): true khi tên "
        "đơn vị là tên người; bỏ trống: theo hồ sơ thể thức (tên một âm tiết, trùng tên tỉnh).",
    )
    ky: Signature | None = Field(None, description="Người ký kế hoạch của đơn vị.")
    chi_tieu: dict[str, Number] = Field(
        default_factory=dict, description="Giá trị chỉ tiêu riêng: mã chỉ tiêu → giá trị."
    )
    bo_nhiem_vu: list[Id] = Field(
        default_factory=list, description="Mã các nhiệm vụ không áp dụng cho đơn vị."
    )
    so_lieu: dict[str, Number] = Field(
        default_factory=dict, description="Số liệu của đơn vị dùng làm trọng số (dan_so …)."
    )
    dan_cu: Line | None = Field(
        None,
        description="Tên gọi các khu dân cư của đơn vị (ấp; thôn, tổ dân phố), khi khác tên "
        "chung của danh sách (dan_cu).",
    )


class Registry(_Model):
    """Danh sách đơn vị trực thuộc một cấp ủy."""

    cap: Level = Field(description="Cấp của các đơn vị: xa.")
    cap_tren: Line = Field(description="Dòng cấp ủy cấp trên trên văn bản của đơn vị.")
    dan_cu: dict[Kind, Line] = Field(
        default_factory=dict,
        description="Tên gọi các khu dân cư theo loại đơn vị, như địa phương gọi: {xa: ấp, "
        "phuong: khu phố}; bỏ trống: 'khu dân cư'.",
    )
    don_vi: list[Unit] = Field(min_length=1)

    def residential(self, unit: Unit) -> str | None:
        """What the unit's residential areas are called (`ấp`, `thôn, tổ dân phố`)."""
        return unit.dan_cu or self.dan_cu.get(unit.loai)


@dataclass(frozen=True)
class LoadedRegistry:
    """A registry and where its values are, for errors found later (unknown ids …)."""

    registry: Registry
    source: Source

    @cached_property
    def _positions(self) -> dict[str, int]:
        """id → position in the list (ids are unique: loading checks it), built once: a
        batch looks up every unit."""
        return {unit.id: i for i, unit in enumerate(self.registry.don_vi)}

    def unit(self, unit_id: str) -> Unit:
        position = self._positions.get(unit_id)
        if position is not None:
            return self.registry.don_vi[position]
        valid = ", ".join(u.id for u in self.registry.don_vi)
        raise PlanError(
            [
                self.source.problem(
                    (), f"không có đơn vị '{unit_id}' trong danh sách; các mã hợp lệ: {valid}"
                )
            ]
        )

    def where(self, unit: Unit, *path: str | int) -> tuple[str | int, ...]:
        return ("don_vi", self._positions[unit.id], *path)


def is_registry(data: Any) -> bool:
    """A registry file is a mapping with `don_vi` and no document header."""
    return isinstance(data, dict) and "don_vi" in data and "van_ban" not in data


def load_registry(path: Path) -> LoadedRegistry:
    source = yamlsource.load(yamlsource.read_text(path), str(path), keep_going=True)
    return LoadedRegistry(validate(source, Registry, "danh sách đơn vị"), source)
