"""The guide's job outlook as a typed result: employment, growth, openings, job codes.

Each builder returns a frozen dataclass (numbers as numbers, "varies" kept as a value, a figure
the guide lacks as None; sources too) that `--json` prints through `knowledge.serialize.to_json`
and the terminal renderer draws, so both always show the same content.
"""

from __future__ import annotations

from dataclasses import dataclass

from billing_career.knowledge.lookup import ReportedFigure
from billing_career.knowledge.models import KnowledgeBase, SourceRef
from billing_career.knowledge.serialize import (
    Citation,
    citation,
    newer_of,
)
from billing_career.reference.newer import median_series


def _section_name(ref: SourceRef) -> str:
    """The last part of a guide section path: 'Pros and challenges...: Benefits' -> 'Benefits'."""
    return (ref.section or "").rsplit(": ", 1)[-1] or "career guide"


@dataclass(frozen=True)
class OutlookFigure:
    """One outlook figure: the guide's value, as words, and newer reports of it."""

    id: str
    label: str
    guide: int | float
    guide_text: str
    newer: tuple[ReportedFigure, ...]


@dataclass(frozen=True)
class MedianFigure:
    """The guide's median pay, shown among the outlook figures with its own source."""

    id: str
    label: str
    guide: int | float
    guide_text: str
    occupation: str
    series: str | None
    source: Citation
    newer: tuple[ReportedFigure, ...]


@dataclass(frozen=True)
class Projection:
    """The years the growth is projected over."""

    start: int
    end: int


@dataclass(frozen=True)
class JobCodeRow:
    """A job classification code the figures are counted under."""

    system: str
    code: str
    title: str
    note: str | None
    source: Citation


@dataclass(frozen=True)
class OutlookView:
    """What `bcareer outlook` shows."""

    occupation: str
    employment: int
    growth_percent: int | float
    growth_label: str
    projection: Projection
    annual_openings: int
    growth_factors: tuple[str, ...]
    figures: tuple[OutlookFigure | MedianFigure, ...]
    job_codes: tuple[JobCodeRow, ...]
    source: Citation


def outlook_view(knowledge: KnowledgeBase) -> OutlookView:
    """Employment, growth, openings and growth factors, each with any newer reported figure."""
    outlook = knowledge.outlook.outlook
    median = knowledge.salary.national_median
    period = f"{outlook.projection_start}-{outlook.projection_end}"
    figures = (
        OutlookFigure(
            "employment",
            "Employment",
            outlook.employment,
            f"{outlook.employment:,} {outlook.occupation.lower()}",
            newer_of(knowledge, outlook, "employment"),
        ),
        OutlookFigure(
            "growth_percent",
            f"Projected growth ({period})",
            outlook.growth_percent,
            f"{outlook.growth_percent:g}% ({outlook.growth_label})",
            newer_of(knowledge, outlook, "growth_percent"),
        ),
        OutlookFigure(
            "annual_openings",
            "Annual job openings",
            outlook.annual_openings,
            f"{outlook.annual_openings:,}",
            newer_of(knowledge, outlook, "annual_openings"),
        ),
        # The outlook section gives no pay; the guide's median is in its Benefits list, for
        # billing specialists, not for the medical records specialists counted above.
        MedianFigure(
            "median_pay",
            "Median annual pay",
            median.annual,
            (
                f"${median.annual:,} for {median.occupation.lower()} (the guide's "
                f"{_section_name(median.source)} list)"
            ),
            median.occupation,
            median_series(knowledge),
            citation(knowledge, median.source),
            newer_of(knowledge, outlook, "median_pay"),
        ),
    )
    return OutlookView(
        occupation=outlook.occupation,
        employment=outlook.employment,
        growth_percent=outlook.growth_percent,
        growth_label=outlook.growth_label,
        projection=Projection(outlook.projection_start, outlook.projection_end),
        annual_openings=outlook.annual_openings,
        growth_factors=tuple(outlook.growth_factors),
        figures=figures,
        job_codes=tuple(
            JobCodeRow(
                code.system, code.code, code.title, code.note, citation(knowledge, code.source)
            )
            for code in outlook.job_codes
        ),
        source=citation(knowledge, outlook.source),
    )
