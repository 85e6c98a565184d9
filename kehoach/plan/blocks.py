"""What a part, an item or a phụ lục holds as text: paragraphs and tables, in the order
they print. Its own module so that the body (`model.py`) and the appendices (`appendix.py`)
share one definition."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Discriminator, Field, Tag, model_validator

from kehoach.plan.fields import Id, Levels, Line, Prose, _Model, no_items


class TableRow(_Model):
    """Một dòng của bảng: chữ trong từng ô, từ trái sang phải."""

    o: list[str] = Field(min_length=1, description="Các ô của dòng.")


class Table(_Model):
    """Một bảng: dòng tiêu đề và các dòng."""

    cot: list[str] = Field(min_length=1, description="Tiêu đề các cột.")
    dong: list[TableRow] = Field(default_factory=no_items, description="Các dòng của bảng.")
    khung: bool = Field(
        True,
        description="Kẻ khung các ô; false: bảng dàn trang không kẻ (Quốc hiệu, chữ ký của "
        "một mẫu biên bản).",
    )


class TableBlock(_Model):
    """Một bảng trong thân văn bản (phân công, lịch …), giữ đúng cột và dòng của bản gốc."""

    id: Id
    bang: Table = Field(description="Tiêu đề các cột (cot) và các dòng (dong: - o: [...]).")
    cap: Levels | None = None


class Paragraph(_Model):
    """Một đoạn văn; có thể là gạch đầu dòng (`dau: "-"`) với phần dẫn in nghiêng."""

    id: Id
    noi_dung: Prose = Field(description="Văn bản của đoạn, giữ nguyên câu chữ.")
    dau: Literal["-", "+"] | None = Field(
        None, description="Dấu đầu dòng: '-' hoặc '+'; bỏ trống là đoạn văn thường."
    )
    dan: Line | None = Field(None, description="Phần dẫn trước dấu hai chấm: 'Về giáo dục'.")
    cap: Levels | None = None

    @model_validator(mode="after")
    def _lead_needs_mark(self) -> Paragraph:
        if self.dan and not self.dau:
            raise ValueError("phần dẫn 'dan' chỉ dùng cho gạch đầu dòng: thêm 'dau: \"-\"'")
        return self


def _block_kind(value: object) -> str:
    if isinstance(value, TableBlock) or (isinstance(value, dict) and "bang" in value):
        return "bang"
    return "doan"


Block = Annotated[
    Annotated[Paragraph, Tag("doan")] | Annotated[TableBlock, Tag("bang")],
    Discriminator(_block_kind),
]
"""What a part, an item or a phụ lục holds: a paragraph, or a table."""
