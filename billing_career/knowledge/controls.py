"""Text with control characters (terminal escapes) in a data folder's YAML files: warnings."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from billing_career.errors import BcareerError, has_controls, shown


@dataclass(frozen=True)
class ControlText:
    """One key or value holding a control character: its file, where in it, and the text
    (shortened, with the controls escaped)."""

    file: str
    where: str
    text: str

    def __str__(self) -> str:
        return f"{self.file}: {self.where}: holds a control character: '{self.text}'"


def control_texts(folder: Path) -> list[ControlText]:
    """Every key or value with a control character in folder's *.yaml files. Such text is shown
    escaped wherever it is printed; the warning says where to clean it up. A file that cannot
    be read is left to the checks that read it."""
    from billing_career.knowledge.loader import read_yaml

    found: list[ControlText] = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            raw = read_yaml(path, label=path.name)
        except BcareerError:
            continue
        found.extend(
            ControlText(path.name, where or "(top level)", shown(text))
            for where, text in _texts(raw, "")
            if has_controls(text)
        )
    return found


def _texts(node: Any, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, str):
        yield where, node
    elif isinstance(node, dict):
        for key, value in node.items():
            inner = f"{where}.{key}" if where else str(key)
            if isinstance(key, str):
                yield inner, key
            yield from _texts(value, inner)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _texts(item, f"{where}[{index}]")
