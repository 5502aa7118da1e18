"""Certification bodies, organizations and career development, as a typed result.

Each builder returns a frozen dataclass (numbers as numbers, "varies" kept as a value, a figure
the guide lacks as None; sources too) that `--json` prints through `knowledge.serialize.to_json`
and the terminal renderer draws, so both always show the same content.
"""

from __future__ import annotations

from dataclasses import dataclass

from billing_career.knowledge.lookup import ReportedFigure
from billing_career.knowledge.models import KnowledgeBase
from billing_career.knowledge.serialize import (
    Citation,
    citation,
    newer_of,
)

RESOURCE_GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("certification_bodies", "Certification bodies", ("certification-body",)),
    ("professional_organizations", "Professional organizations", ("professional",)),
    ("industry_resources", "Industry resources", ("government", "publication")),
)


@dataclass(frozen=True)
class OrganizationRow:
    """An organization, what it offers and the certifications it issues."""

    id: str
    abbreviation: str | None
    name: str
    offers: str | None
    certifications: tuple[str, ...]
    url: str | None
    newer: tuple[ReportedFigure, ...]
    source: Citation


@dataclass(frozen=True)
class DevelopmentRow:
    """A career-development resource."""

    id: str
    name: str
    description: str
    source: Citation


@dataclass(frozen=True)
class ResourcesView:
    """What `bcareer resources` shows: one list per RESOURCE_GROUPS entry, then development."""

    certification_bodies: tuple[OrganizationRow, ...]
    professional_organizations: tuple[OrganizationRow, ...]
    industry_resources: tuple[OrganizationRow, ...]
    career_development: tuple[DevelopmentRow, ...]

    def group(self, key: str) -> tuple[OrganizationRow, ...]:
        """The organizations of one RESOURCE_GROUPS key."""
        rows: tuple[OrganizationRow, ...] = getattr(self, key)
        return rows


def resources_view(knowledge: KnowledgeBase) -> ResourcesView:
    """Certification bodies (with what each issues), organizations, resources, development."""
    groups: dict[str, tuple[OrganizationRow, ...]] = {}
    for key, _title, kinds in RESOURCE_GROUPS:
        groups[key] = tuple(
            OrganizationRow(
                org.id,
                org.abbreviation,
                org.name,
                org.offers,
                tuple(
                    c.code for c in knowledge.certifications.certifications if c.issuer == org.id
                ),
                org.url,
                newer_of(knowledge, org),
                citation(knowledge, org.source),
            )
            for org in knowledge.organizations.organizations
            if org.kind in kinds
        )
    return ResourcesView(
        certification_bodies=groups["certification_bodies"],
        professional_organizations=groups["professional_organizations"],
        industry_resources=groups["industry_resources"],
        career_development=tuple(
            DevelopmentRow(item.id, item.name, item.description, citation(knowledge, item.source))
            for item in knowledge.organizations.career_development
        ),
    )
