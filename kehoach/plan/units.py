"""The registry of a district's units (xã, thị trấn): who they are and what is theirs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import Field

from kehoach.errors import PlanError
from kehoach.plan import yamlsource
from kehoach.plan.loader import validate
from kehoach.plan.model import Id, Level, Line, Number, Signature, _Model
from kehoach.plan.yamlsource import Source


class Unit(_Model):
    """Một đơn vị cấp dưới."""

    id: Id
    loai: str = Field(description="Loại đơn vị: xa, thi_tran.")
    ten: Line = Field(description="Tên đơn vị, không kèm loại: Hòa An.")
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


class Registry(_Model):
    """Danh sách đơn vị trực thuộc một cấp ủy."""

    cap: Level = Field(description="Cấp của các đơn vị: xa.")
    cap_tren: Line = Field(description="Dòng cấp ủy cấp trên trên văn bản của đơn vị.")
    don_vi: list[Unit] = Field(min_length=1)


@dataclass(frozen=True)
class LoadedRegistry:
    """A registry and where its values are, for errors found later (unknown ids …)."""

    registry: Registry
    source: Source

    def unit(self, unit_id: str) -> Unit:
        for unit in self.registry.don_vi:
            if unit.id == unit_id:
                return unit
        valid = ", ".join(u.id for u in self.registry.don_vi)
        raise PlanError(
            [
                self.source.problem(
                    (), f"không có đơn vị '{unit_id}' trong danh sách; các mã hợp lệ: {valid}"
                )
            ]
        )

    def where(self, unit: Unit, *path: str | int) -> tuple[str | int, ...]:
        return ("don_vi", self.registry.don_vi.index(unit), *path)


def is_registry(data: Any) -> bool:
    """A registry file is a mapping with `don_vi` and no document header."""
    return isinstance(data, dict) and "don_vi" in data and "van_ban" not in data


def load_registry(path: Path) -> LoadedRegistry:
    source = yamlsource.load(yamlsource.read_text(path), str(path))
    return LoadedRegistry(validate(source, Registry, "danh sách đơn vị"), source)
