"""The newer reports of guide figures that the guide's own sentences quote ($48,780 median, 7%).

A sentence copied from the guide (an FAQ answer, a line of its pros) carries figures that have newer
reports elsewhere in data/. Every place that prints such a sentence flags the newer figure beside
it, the same way `salary` and `outlook` do, found here by the figure's text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from billing_career.knowledge.lookup import ReportedFigure, reported
from billing_career.knowledge.models import KnowledgeBase, Range, Sourced
from billing_career.knowledge.serialize import JSON_INLINE


@dataclass(frozen=True)
class QuotedNewer:
    """A guide figure a sentence quotes ('$48,780'), and a newer report of it."""

    guide: str
    figure: ReportedFigure = field(metadata=JSON_INLINE)


def _money(value: float) -> str:
    return f"${value:,.0f}"


def quoted_figures(kb: KnowledgeBase) -> list[tuple[str, Sourced, str]]:
    """(the figure as the guide writes it, its record, the field whose updates are its newer
    reports) for each guide figure with a newer report."""
    outlook = kb.outlook.outlook
    median = kb.salary.national_median
    found: list[tuple[str, Sourced, str]] = [
        (_money(median.annual), median, "annual"),
        (f"{outlook.employment:,}", outlook, "employment"),
        (f"{outlook.growth_percent:g}%", outlook, "growth_percent"),
        (f"{outlook.annual_openings:,}", outlook, "annual_openings"),
    ]
    for level in kb.salary.hourly:
        pay = level.hourly
        if isinstance(pay, Range):
            found.append((f"{_money(pay.min)}-{_money(pay.max)}", level, "hourly"))
    return [item for item in found if item[1].updates_for(item[2])]


def newer_in_text(kb: KnowledgeBase, text: str) -> tuple[QuotedNewer, ...]:
    """The newer reports of every guide figure the text quotes, each once, in data order."""
    out: list[QuotedNewer] = []
    for figure, record, name in quoted_figures(kb):
        if figure not in text:
            continue
        for update in record.updates_for(name):
            item = QuotedNewer(figure, reported(kb, update))
            if item not in out:
                out.append(item)
    return tuple(out)


def median_series(kb: KnowledgeBase) -> str | None:
    """One sentence saying the guide's median and its newer report are one series under two
    names: the guide names no code, and its figures match the BLS SOC code of the outlook."""
    median = kb.salary.national_median
    soc = next((code for code in kb.outlook.outlook.job_codes if code.system == "SOC"), None)
    if soc is None or not median.updates_for("annual"):
        return None
    return (
        f"The guide labels {_money(median.annual)} the median for "
        f"{median.occupation.lower()}; it is the BLS median for {soc.title.lower()} "
        f"(SOC {soc.code}), the same series as the newer figure."
    )
