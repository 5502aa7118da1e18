"""Every source behind the figures and every newer figure, as a typed result.

Each builder returns a frozen dataclass (numbers as numbers, "varies" kept as a value, a figure
the guide lacks as None; sources too) that `--json` prints through `knowledge.serialize.to_json`
and the terminal renderer draws, so both always show the same content.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from billing_career.knowledge.lookup import ReportedFigure, reported
from billing_career.knowledge.models import KnowledgeBase
from billing_career.knowledge.serialize import (
    JSON_INLINE,
    source_date,
)


@dataclass(frozen=True)
class SourceRow:
    """A source with its date and how many records cite it."""

    id: str
    title: str
    kind: str
    publisher: str | None
    url: str | None
    published: str | None
    read: str | None
    date: str | None
    cited_by: int


@dataclass(frozen=True)
class NewerFigureRow:
    """A figure with a newer reported value, and the data file and record it belongs to."""

    file: str
    record: str
    figure: ReportedFigure = field(metadata=JSON_INLINE)


@dataclass(frozen=True)
class SourcesView:
    """What `bcareer sources` shows."""

    sources: tuple[SourceRow, ...]
    newer_figures: tuple[NewerFigureRow, ...]


def sources_view(knowledge: KnowledgeBase) -> SourcesView:
    """Every source with its date and how many records cite it, then every newer figure."""
    from billing_career.knowledge.inventory import newer_figures, sources_in_use

    uses = sources_in_use(knowledge)
    return SourcesView(
        sources=tuple(
            SourceRow(
                source.id,
                source.title,
                source.kind,
                source.publisher,
                source.url,
                source.published,
                source.read,
                source_date(source),
                uses.get(source.id, 0),
            )
            for source in knowledge.sources.sources
        ),
        newer_figures=tuple(
            NewerFigureRow(f"{item.file}.yaml", item.record, reported(knowledge, item.update))
            for item in newer_figures(knowledge)
        ),
    )
