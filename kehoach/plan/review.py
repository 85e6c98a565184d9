"""Review notes: what a clerk must look at in a plan, kept on the element it concerns
(`xem_lai` in the YAML) so every render draws it again as a Word comment on the words
concerned; the clerk clears a note by deleting it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, overload

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from kehoach.plan.walk import nested_fields

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class ReviewNote(BaseModel):
    """Một chỗ cần xem lại: cụm chữ được đánh dấu (bỏ trống: cả phần tử) và lý do."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    cum: Text | None = Field(None, description="Cụm chữ cần xem lại, đúng như trong văn bản.")
    ly_do: Text = Field(description="Vì sao cần xem lại; xóa ghi chú khi đã xem xong.")


def notes(model: BaseModel) -> Iterator[tuple[BaseModel, ReviewNote]]:
    """Every review note under `model` (itself included), with the element it is on."""
    for note in getattr(model, "xem_lai", None) or []:
        yield model, note
    for name in nested_fields(type(model)):
        value = getattr(model, name)
        for child in value if isinstance(value, list) else [value]:
            if isinstance(child, BaseModel) and not isinstance(child, ReviewNote):
                yield from notes(child)


@overload
def notes_last(data: dict[str, Any]) -> dict[str, Any]: ...
@overload
def notes_last(data: object) -> object: ...
def notes_last(data: object) -> object:
    """Dumped plan data with each element's `xem_lai` after its own fields, so the YAML
    reads id and text first, then what to review."""
    if isinstance(data, list):
        return [notes_last(item) for item in data]
    if not isinstance(data, dict):
        return data
    out = {key: notes_last(value) for key, value in data.items() if key != "xem_lai"}
    if "xem_lai" in data:
        out["xem_lai"] = data["xem_lai"]
    return out
