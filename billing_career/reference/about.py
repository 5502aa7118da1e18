"""What a medical billing specialist does, as a typed result: duties, settings, requirements, pros.

Each builder returns a frozen dataclass (numbers as numbers, "varies" kept as a value, a figure
the guide lacks as None; sources too) that `--json` prints through `knowledge.serialize.to_json`
and the terminal renderer draws, so both always show the same content.
"""

from __future__ import annotations

from dataclasses import dataclass

from billing_career.knowledge.models import KnowledgeBase
from billing_career.knowledge.serialize import (
    Citation,
    citation,
)
from billing_career.reference.newer import QuotedNewer, newer_in_text


@dataclass(frozen=True)
class ItemGroup:
    """A titled list: a group of duties or of requirements."""

    id: str
    title: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class AboutView:
    """What `bcareer about` shows."""

    title: str
    # The guide's quick answer: how to become one, in a paragraph.
    quick_answer: str
    summary: str
    responsibilities: tuple[ItemGroup, ...]
    work_environments: tuple[str, ...]
    requirements: tuple[ItemGroup, ...]
    pros: tuple[str, ...]
    # Newer reports of the guide figures the pros quote ($48,780 median, 7% growth).
    pros_newer: tuple[QuotedNewer, ...]
    challenges: tuple[str, ...]
    billing_vs_coding: str
    source: Citation
    requirements_source: Citation
    # The guide's words on certification in general (not legally required, but ...).
    certification: str | None = None
    certification_source: Citation | None = None


def about_view(knowledge: KnowledgeBase) -> AboutView:
    """What the specialist does, where, what it takes, pros and challenges, billing vs coding."""
    role = knowledge.role.role
    first_step = min(knowledge.steps.steps, key=lambda step: step.number)
    certifications = knowledge.certifications
    overview_source = certifications.overview_source
    return AboutView(
        title=role.title,
        quick_answer=role.quick_answer,
        summary=role.summary,
        responsibilities=tuple(
            ItemGroup(group.id, group.title, tuple(group.items)) for group in role.responsibilities
        ),
        work_environments=tuple(role.work_environments),
        requirements=tuple(
            ItemGroup(group.id, group.title, tuple(group.items)) for group in first_step.sections
        ),
        pros=tuple(role.pros),
        pros_newer=newer_in_text(knowledge, "\n".join(role.pros)),
        challenges=tuple(role.challenges),
        billing_vs_coding=role.billing_vs_coding,
        source=citation(knowledge, role.source),
        requirements_source=citation(knowledge, first_step.source),
        certification=certifications.overview,
        certification_source=citation(knowledge, overview_source) if overview_source else None,
    )
