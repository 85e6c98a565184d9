"""Phụ lục: the appendices after the signature, an indicator table with milestones
(`moc: {2025: 420, 2030: 650}`) or any other table, then paragraphs and tables of its own
(`doan`: a form such as a biên bản, with its own small tables)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from kehoach.plan.blocks import Block, Table
from kehoach.plan.fields import Direction, Id, Line, Number, _Model, no_items


class Milestones(_Model):
    """Một chỉ tiêu của bảng phụ lục, với giá trị phải đạt theo từng mốc năm."""

    id: Id
    nhan: Line = Field(description="Tên chỉ tiêu như bảng ghi.")
    don_vi: str = Field("", description="Đơn vị tính.")
    moc: Annotated[dict[int, Number | str], Field(min_length=1)] = Field(
        description="Giá trị theo năm: {2025: 420, 2030: 650}."
    )
    huong: Direction | None = Field(None, description="tang hoặc giam.")
    moc_cua: Id | None = Field(
        None,
        description="Mã chỉ tiêu của kế hoạch mà dòng này nêu các mốc (cùng chỉ tiêu): biểu báo "
        "cáo mỗi kỳ có một dòng cho chỉ tiêu đó.",
    )
    khac: dict[str, str] = Field(
        default_factory=dict,
        description="Các cột khác của bảng, theo tiêu đề cột: {Cơ quan chủ trì theo dõi: …}.",
    )

    def target_for(self, year: int) -> int | float | str:
        """The milestone of `year`; without one the first later; after the last, the last."""
        years = sorted(self.moc)
        later = [y for y in years if y >= year]
        return self.moc[later[0] if later else years[-1]]


class MilestoneGroup(_Model):
    """Một nhóm dòng của bảng chỉ tiêu (I. Về kinh tế …); không tên là không có dòng nhóm."""

    id: Id
    tieu_de: Line | None = None
    chi_tieu: list[Milestones] = Field(min_length=1)


class Appendix(_Model):
    """Một phụ lục sau phần ký: tên, dòng 'Kèm theo …' sinh từ đầu văn bản, một bảng, rồi
    các đoạn văn và bảng của phụ lục (một mẫu biên bản …)."""

    id: Id
    tieu_de: Line | None = Field(
        None,
        description="Dòng tên phụ lục; để trống: chữ của hồ sơ (PHỤ LỤC), có số khi có từ 2.",
    )
    ten: Line | None = Field(None, description="Tên nội dung phụ lục, in hoa.")
    chu_thich: Line | None = Field(
        None, description="Dòng '(Kèm theo …)' khi khác dòng sinh từ đầu văn bản."
    )
    chi_tieu: list[MilestoneGroup] = Field(
        default_factory=no_items, description="Bảng chỉ tiêu theo mốc năm."
    )
    bang: Table | None = Field(None, description="Bảng khác (không phải chỉ tiêu).")
    doan: list[Block] = Field(
        default_factory=no_items,
        description="Các đoạn văn và bảng in sau bảng (hoặc thay bảng), theo thứ tự bản gốc: "
        "một mẫu biên bản, ghi chú …",
    )
    ngang: bool | None = Field(None, description="In trên trang ngang; mặc định khi bảng rộng.")

    def years(self) -> list[int]:
        return sorted({y for g in self.chi_tieu for i in g.chi_tieu for y in i.moc})

    def other_columns(self) -> list[str]:
        """The indicator table's columns after the years (`khac`), in order of appearance."""
        seen: dict[str, None] = {}
        for group in self.chi_tieu:
            for row in group.chi_tieu:
                seen |= dict.fromkeys(row.khac)
        return list(seen)
