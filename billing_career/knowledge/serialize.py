"""Knowledge records as JSON-ready values: ranges, sources and newer reported figures."""

from __future__ import annotations

from typing import Any

from billing_career.knowledge.models import KnowledgeBase, Range, Source, Sourced, SourceRef, Update

JsonDict = dict[str, Any]


def range_json(value: Range | str | None) -> JsonDict | str | None:
    """{min, max} for a range, 'varies' kept as it is, None where the guide gives nothing."""
    if value is None or isinstance(value, str):
        return value
    return {"min": value.min, "max": value.max}


def source_json(knowledge: KnowledgeBase, ref: SourceRef) -> JsonDict:
    """A record's source: title, section of the guide and the source's own date."""
    source = knowledge.source(ref.id)
    return {
        "id": source.id,
        "title": source.title,
        "section": ref.section,
        "url": source.url,
        "date": source_date(source),
    }


def source_date(source: Source) -> str | None:
    """The date a source carries: when it was published, else when it was read."""
    if source.published and source.published != "undated":
        return source.published
    if source.read:
        return f"read {source.read}"
    return source.published


def newer_json(knowledge: KnowledgeBase, update: Update) -> JsonDict:
    """A newer reported figure, with who reported it, when, and where (the shape `compare` uses)."""
    from billing_career.knowledge.lookup import reported

    return reported(knowledge, update).to_dict()


def newer_list(
    knowledge: KnowledgeBase, record: Sourced, field: str | None = None
) -> list[JsonDict]:
    """Every newer figure of a record, or only those for one field."""
    updates = record.updates if field is None else record.updates_for(field)
    return [newer_json(knowledge, update) for update in updates]
