"""One walk over a plan: every element with an id, in document order, with its YAML path
and its depth. Derive, forms, check, import and the writers use this instead of
walking the model each in its own way; it follows the model's fields generically, so a
new kind of element is walked without changing this module."""

from __future__ import annotations

import operator
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import TypeVar, get_args

from pydantic import BaseModel

from kehoach.source.yamlsource import format_path

PathPart = str | int
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Node:
    """An element of the plan where it stands: `path` is the YAML path of the element
    (`("nhiem_vu_giai_phap", "muc", 2)`), `depth` counts the elements with an id above
    it (a part is 0, its items 1 …), `parent` is the nearest such element."""

    element: BaseModel
    path: tuple[PathPart, ...]
    depth: int
    parent: Node | None = None

    @property
    def id(self) -> str:
        return self.element.id  # type: ignore[attr-defined]  # walk yields only elements with an id

    @property
    def kind(self) -> str:
        """The model class name (`Item`, `Paragraph`, `Indicator` …)."""
        return type(self.element).__name__

    @property
    def field(self) -> str:
        """The path as problems print it: `nhiem_vu_giai_phap.muc[2].doan[0]`."""
        return format_path(self.path)

    def ancestors(self) -> Iterator[Node]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


@cache
def nested_fields(cls: type[BaseModel]) -> tuple[str, ...]:
    """The fields of `cls` that can hold elements (a model or a list of them), in order:
    the walks visit only these, not every text and number of every element, which made
    them most of a derived unit's time."""
    return tuple(name for name, info in cls.model_fields.items() if _holds_model(info.annotation))


def _holds_model(annotation: object) -> bool:
    return bool(models_in(annotation))


def models_in(annotation: object) -> list[type[BaseModel]]:
    """The model classes a field's type names (`list[Item] | None` → [Item])."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [cls for arg in get_args(annotation) for cls in models_in(arg)]


def walk(model: BaseModel) -> Iterator[Node]:
    """Every element with an id under `model` (not `model` itself), pre-order."""
    yield from _children(model, (), 0, None)


def _children(
    model: BaseModel, path: tuple[PathPart, ...], depth: int, parent: Node | None
) -> Iterator[Node]:
    for name in nested_fields(type(model)):
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            yield from _visit(value, (*path, name), depth, parent)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _visit(item, (*path, name, i), depth, parent)


def _visit(
    model: BaseModel, path: tuple[PathPart, ...], depth: int, parent: Node | None
) -> Iterator[Node]:
    if "id" in type(model).model_fields:
        node = Node(model, path, depth, parent)
        yield node
        yield from _children(model, path, depth + 1, node)
    else:
        yield from _children(model, path, depth, parent)


def by_id(model: BaseModel) -> dict[str, Node]:
    """The walk as a look-up table by element id."""
    return {node.id: node for node in walk(model)}


def rebuild(model: M, replace: Mapping[str, BaseModel | None]) -> M:
    """`model` with each element whose id is in `replace` swapped for its replacement, or
    left out of its list where that is None. Replacements are rebuilt too, so a replaced
    item still takes its paragraphs' replacements; parts nothing touches are shared."""
    update: dict[str, object] = {}
    for name in nested_fields(type(model)):
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            new = _replaced(value, replace)
            if new is None:
                raise ValueError(f"'{name}' is not in a list and cannot be left out")
            if new is not value:
                update[name] = new
        elif isinstance(value, list):
            items = [_replaced(v, replace) if isinstance(v, BaseModel) else v for v in value]
            kept = [item for item in items if item is not None]
            same = len(kept) == len(value) and all(map(operator.is_, kept, value))
            if not same:
                update[name] = kept
    return model.model_copy(update=update) if update else model


def _replaced(model: M, replace: Mapping[str, BaseModel | None]) -> M | None:
    ident = getattr(model, "id", None) if "id" in type(model).model_fields else None
    if ident is not None and ident in replace:
        new = replace[ident]
        if new is None:
            return None
        model = new  # type: ignore[assignment]  # an element is replaced by one of its kind
    return rebuild(model, replace)
