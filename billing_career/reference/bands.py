"""The guide's experience bands: where two share a year, and a band at a person's hours.

Kept apart from reference.salary (which defines the user-file models) so that the planner can
say it without loading them.
"""

from __future__ import annotations

import itertools

from billing_career.knowledge.models import ExperiencePay, KnowledgeBase

# The guide's yearly bands are full-time: BLS's 2,080 hours, 40 a week.
FULL_TIME_HOURS = 40


def at_hours(annual: float, hours: int) -> float:
    """A full-time yearly figure at this many hours a week (its pay per hour, annual / 2,080,
    times the hours times 52); 0 hours (no hours to compare) keeps the full-time year."""
    if hours <= 0 or hours == FULL_TIME_HOURS:
        return annual
    return round(annual * hours / FULL_TIME_HOURS)


def years_text(level: ExperiencePay) -> str:
    """A band's years as the guide writes them: '0-1 year', '8+ years'."""
    if level.years_max is None:
        return f"{level.years_min}+ years"
    unit = "year" if level.years_max == 1 else "years"
    return f"{level.years_min}-{level.years_max} {unit}"


def _overlaps(knowledge: KnowledgeBase) -> list[tuple[int, str]]:
    bands = knowledge.salary.by_experience
    found = []
    for before, after in itertools.pairwise(bands):
        if before.years_max is not None and before.years_max == after.years_min:
            shared = before.years_max
            unit = "year" if shared == 1 else "years"
            found.append(
                (
                    shared,
                    f"{shared} {unit} of experience falls in both of the guide's {before.name} "
                    f"({years_text(before)}) and {after.name} ({years_text(after)}) bands; "
                    f"bcareer uses {after.name} for it, since a full {unit} is experience (an "
                    f"assumption of this tool).",
                )
            )
    return found


def band_for_years(knowledge: KnowledgeBase, years: int) -> ExperiencePay:
    """The guide's pay band for whole years of experience; where two bands share a year, the
    later one (see _overlaps)."""
    bands = knowledge.salary.by_experience
    return next((band for band in reversed(bands) if band.years_min <= years), bands[0])


def band_overlaps(knowledge: KnowledgeBase) -> list[str]:
    """Where two of the guide's experience bands share a year (0-1 and 1-3), which one the tool
    uses for that year, and why."""
    return [note for _years_shared, note in _overlaps(knowledge)]


def band_overlap_for(knowledge: KnowledgeBase, years: int) -> str | None:
    """The overlap note for a person whose years are the ones two bands share, else None."""
    return next((note for shared, note in _overlaps(knowledge) if shared == years), None)
