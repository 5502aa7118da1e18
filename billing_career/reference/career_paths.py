"""Where the career leads, as a typed result: specializations, advanced roles, career paths.

Each builder returns a frozen dataclass (numbers as numbers, "varies" kept as a value, a figure
the guide lacks as None; sources too) that `--json` prints through `knowledge.serialize.to_json`
and the terminal renderer draws, so both always show the same content.
"""

from __future__ import annotations

from dataclasses import dataclass

from billing_career.knowledge.lookup import ReportedFigure
from billing_career.knowledge.models import KnowledgeBase, Range
from billing_career.knowledge.serialize import (
    Citation,
    citation,
    newer_of,
)


@dataclass(frozen=True)
class AdvancedCertification:
    """A certification for those already working, with what it asks."""

    code: str
    name: str
    focus: str | None
    requirements: tuple[str, ...]
    newer: tuple[ReportedFigure, ...]
    source: Citation


@dataclass(frozen=True)
class CareerPathRow:
    """A role the career leads to, what it needs beyond the start, and its pay."""

    id: str
    role: str
    requirements: str
    salary: Range
    source: Citation


@dataclass(frozen=True)
class PathsView:
    """What `bcareer paths` shows."""

    specializations: tuple[str, ...]
    advanced_roles: tuple[str, ...]
    advanced_certifications: tuple[AdvancedCertification, ...]
    career_paths: tuple[CareerPathRow, ...]
    source: Citation


def paths_view(knowledge: KnowledgeBase) -> PathsView:
    """Specializations, advanced roles, advanced certifications and career paths with pay."""
    careers = knowledge.careers
    advanced = [c for c in knowledge.certifications.certifications if c.level == "advanced"]
    return PathsView(
        specializations=tuple(careers.specializations),
        advanced_roles=tuple(careers.advanced_roles),
        advanced_certifications=tuple(
            AdvancedCertification(
                cert.code,
                cert.name,
                cert.focus,
                tuple(cert.requirements),
                newer_of(knowledge, cert),
                citation(knowledge, cert.source),
            )
            for cert in advanced
        ),
        career_paths=tuple(
            CareerPathRow(
                path.id,
                path.role,
                path.requirements,
                path.salary,
                citation(knowledge, path.source),
            )
            for path in careers.career_paths
        ),
        source=citation(knowledge, careers.source),
    )
