"""What the knowledge base holds: records per file, every source, every newer figure."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from billing_career.knowledge.loader import DATA_FILES
from billing_career.knowledge.models import KnowledgeBase, Record, Source, Sourced, Update


@dataclass(frozen=True)
class FileCount:
    """How many records one data file holds."""

    file: str
    records: int


@dataclass(frozen=True)
class NewerFigure:
    """A figure of the guide for which a newer one is reported."""

    file: str
    record: str
    update: Update
    source: Source


def _record_label(record: Record) -> str | None:
    for key in ("code", "id", "organization", "state"):
        value = getattr(record, key, None)
        if isinstance(value, str):
            return value
    return None


def _records(node: Any) -> Iterator[Record]:
    """Every record below node (itself included), depth first."""
    if isinstance(node, Record):
        yield node
        for name in node.field_names():
            yield from _records(getattr(node, name))
    elif isinstance(node, tuple):
        for item in node:
            yield from _records(item)


def count_records(knowledge: KnowledgeBase) -> list[FileCount]:
    """Records per data file: items of its top-level lists, or 1 for a single record."""
    counts = []
    for name in DATA_FILES:
        part = getattr(knowledge, name)
        total = 0
        for field in part.field_names():
            value = getattr(part, field)
            if isinstance(value, tuple):
                total += len(value)
            elif isinstance(value, Record) and isinstance(value, Sourced):
                total += 1
        counts.append(FileCount(name, total))
    return counts


def newer_figures(knowledge: KnowledgeBase) -> list[NewerFigure]:
    """Every update in the knowledge base, with the record it belongs to and its source."""
    found = []
    for name in DATA_FILES:
        for record in _records(getattr(knowledge, name)):
            if isinstance(record, Sourced):
                label = _record_label(record) or name
                for update in record.updates:
                    found.append(
                        NewerFigure(name, label, update, knowledge.source(update.source.id))
                    )
    return found


def sources_in_use(knowledge: KnowledgeBase) -> dict[str, int]:
    """How many records cite each source id (updates included)."""
    from billing_career.knowledge.models import SourceRef

    uses: dict[str, int] = {source.id: 0 for source in knowledge.sources.sources}
    for name in DATA_FILES:
        for record in _records(getattr(knowledge, name)):
            for field in record.field_names():
                value = getattr(record, field)
                # A list of sources (rules.yaml funding's `also`) cites each of them.
                for ref in value if isinstance(value, tuple) else (value,):
                    if isinstance(ref, SourceRef):
                        uses[ref.id] = uses.get(ref.id, 0) + 1
    return uses
