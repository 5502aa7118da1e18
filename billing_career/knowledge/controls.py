"""Text with control characters (terminal escapes) in the knowledge base: data check warns."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from billing_career.errors import has_controls, shown
from billing_career.knowledge.loader import DATA_FILES
from billing_career.knowledge.models import Record

if TYPE_CHECKING:
    from billing_career.knowledge.models import KnowledgeBase


@dataclasses.dataclass(frozen=True)
class ControlText:
    """One value holding a control character: its file, where in it, and the text (shortened,
    with the controls escaped)."""

    file: str
    where: str
    text: str

    def __str__(self) -> str:
        return f"{self.file}: {self.where}: holds a control character: '{self.text}'"


def control_texts(kb: KnowledgeBase) -> list[ControlText]:
    """Every text value of the knowledge base that holds a control character. Such text is
    shown escaped wherever it is printed; the warning says where to clean it up. Walks the
    loaded records (a warm start reads no YAML), one data file per field."""
    return [
        ControlText(f"{name}.yaml", where or "(top level)", shown(text))
        for name in DATA_FILES
        for where, text in _texts(getattr(kb, name, None), "")
        if has_controls(text)
    ]


def _texts(node: Any, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, str):
        yield where, node
        return
    fields: list[str] = []
    if isinstance(node, Record):  # a dataclass only once pydantic has validated its class
        fields = list(node.field_names())
    elif dataclasses.is_dataclass(node) and not isinstance(node, type):
        fields = [field.name for field in dataclasses.fields(node)]
    if fields:
        for name in fields:
            yield from _texts(getattr(node, name, None), f"{where}.{name}" if where else name)
    elif isinstance(node, Mapping):
        for key, value in node.items():
            inner = f"{where}.{key}" if where else str(key)
            if isinstance(key, str):
                yield inner, key
            yield from _texts(value, inner)
    elif isinstance(node, list | tuple):
        for index, item in enumerate(node):
            yield from _texts(item, f"{where}[{index}]")
