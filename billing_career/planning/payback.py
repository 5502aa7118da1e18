"""Is it worth it? Months until the pay gain repays what the person pays for the path.

months = what the person pays after the aid counted for that path (the plan's "You pay", the
options table's "Left to pay": a counselor measures payback on what the person pays) / the
monthly gain of the person's pay band (the guide's entry pay for 0-1 years) over their
current pay, as a range: the fewest months at the top of the band (low cost), the most at its
bottom (high cost), or at its top when the bottom does not beat current pay. When no part of the
band beats current pay, months is null; the note says which later band overtakes it. Where the
person pays nothing, it pays back at once (0 months). Where the counted aid has a condition, the
months without that aid are kept too (without_aid), so the note can say both.

Like with like: the guide's bands are full-time years (2,080 hours), so for a person who works
other hours than 40 a week the band is taken at their hours (its pay per hour x their hours x 52)
before it is set against their pay. And the bands go by years of experience, not certification:
for a person with a year or more of billing experience the band's gain is not the
certification's, so no months are claimed (basis "experience"); the note puts their band next to
their pay and says the guide gives no figure for what a certification adds.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from billing_career.knowledge.figures import money, money_span
from billing_career.knowledge.memo import PerKnowledgeBase
from billing_career.knowledge.serialize import JSON_OMIT_NONE
from billing_career.planning.amounts import MinMax
from billing_career.reference.bands import FULL_TIME_HOURS, at_hours, band_overlap_for
from billing_career.reference.newer import median_series

if TYPE_CHECKING:
    from billing_career.knowledge.lookup import ReportedFigure
    from billing_career.knowledge.models import ExperiencePay, KnowledgeBase, Range
    from billing_career.planning.profile import Profile
    from billing_career.reference.salary import StateLookup

# BLS's full-time year: hourly pay times 2,080 hours.
HOURS_PER_YEAR = 2080
# From a year of billing experience on, the guide's pay bands measure the experience, not a
# certification (the guide's "Salary by Experience Level").
EXPERIENCE_YEARS = 1

# What the payback rests on: months from the band's gain ("gain"), none because current pay beats
# the band ("more-pay-now"), or none claimed because the band measures experience ("experience").
PaybackBasis = Literal["gain", "more-pay-now", "experience"]


@dataclass(frozen=True)
class EntryPay:
    """The pay band the person enters at."""

    min: float
    max: float
    band: str


@dataclass(frozen=True)
class PaybackWithoutAid:
    """What the person would pay if the conditional aid did not come, and its months (None
    where no months are claimed)."""

    paid: MinMax
    months: MinMax | None


@dataclass(frozen=True)
class Payback:
    """Is it worth it: months until the gain over current pay repays what the person pays for
    the path (paid; None when no part of the band beats it), and the sentence that says so."""

    current_pay: int
    entry_pay: EntryPay
    months: MinMax | None
    note: str
    basis: PaybackBasis = "gain"
    # The hours a week the band was taken at (the person's; 40 is the guide's full-time year).
    hours_per_week: int = FULL_TIME_HOURS
    # What months are measured on: what the person pays after the aid counted for the path (the
    # plan's You pay; the path's total where no aid is counted).
    paid: MinMax | None = None
    # Where the counted aid has a condition: the payback without it; None otherwise.
    without_aid: PaybackWithoutAid | None = None

    @property
    def more_pay_now(self) -> bool:
        """Current pay beats the person's band: billing would pay less than now."""
        return self.basis == "more-pay-now"


def payback(
    kb: KnowledgeBase,
    current_pay: int | None,
    band: ExperiencePay,
    paid: tuple[float, float],
    *,
    hours: int = FULL_TIME_HOURS,
    experience_years: int = 0,
    aid_counted: bool = False,
    without_aid: tuple[float, float] | None = None,
) -> Payback | None:
    """Months to pay back what the person pays for the path (paid: after the aid counted for
    it; aid_counted: whether any is) from the gain over current pay, the band taken at the
    person's hours a week; None without a current pay. without_aid: what they would pay if the
    conditional aid did not come, for the months without it. With a year or more of experience
    no months are claimed (see the module's docstring)."""
    if current_pay is None:
        return None
    # A payback reads only these values (and the knowledge base's bands): kept by them, each
    # number with its type (500 and 500.0 are written apart), the band kept with it (its id
    # stays its own), so plans that pay alike share the very same payback (and its JSON text).
    key = (
        current_pay,
        current_pay.__class__,
        id(band),
        *paid,
        *map(type, paid),
        hours,
        hours.__class__,
        experience_years,
        aid_counted,
        None if without_aid is None else (*without_aid, *map(type, without_aid)),
    )
    kept = _PAYBACKS.get(kb, _no_paybacks)
    found = kept.get(key)
    if found is not None and found[0] is band:
        return found[1]
    made = _payback(kb, current_pay, band, paid, hours, experience_years, aid_counted, without_aid)
    if len(kept) >= _PAYBACKS_LIMIT:
        kept.clear()
    kept[key] = (band, made)
    return made


def _no_paybacks(_kb: KnowledgeBase) -> dict[tuple[object, ...], tuple[ExperiencePay, Payback]]:
    return {}


# Paybacks by what they read, per knowledge base (see payback); bounded.
_PAYBACKS: PerKnowledgeBase[dict[tuple[object, ...], tuple[ExperiencePay, Payback]]] = (
    PerKnowledgeBase()
)
_PAYBACKS_LIMIT = 4096


def _payback(
    kb: KnowledgeBase,
    current_pay: int,
    band: ExperiencePay,
    paid: tuple[float, float],
    hours: int,
    experience_years: int,
    aid_counted: bool,
    without_aid: tuple[float, float] | None,
) -> Payback:
    if hours <= 0:
        hours = FULL_TIME_HOURS
    spent = MinMax(paid[0], paid[1])
    low, high = band.annual.min, band.annual.max
    entry = EntryPay(low, high, band.name)
    part_time = hours != FULL_TIME_HOURS
    if part_time:
        full_low, full_high = low, high
        low, high = at_hours(low, hours), at_hours(high, hours)
        band_words = (
            f"{band.name.lower()} pay at the {hours} hour{'s' * (hours != 1)} a week you work now "
            f"({money_span(low, high)}; {money_span(full_low, full_high)} a year full-time)"
        )
    else:
        band_words = f"{band.name.lower()} pay ({money_span(low, high)})"
    if high <= current_pay:
        if part_time:
            note = (
                f"The guide's {band_words} does not beat your current {money(current_pay)}; "
                "this path pays back in other ways, if at all."
            )
            return Payback(current_pay, entry, None, note, "more-pay-now", hours, spent)
        later = _overtaking(kb, band, current_pay)
        if later is None:
            note = (
                f"None of the guide's pay bands beats your current pay of {money(current_pay)}; "
                "this path pays back in other ways, if at all."
            )
        else:
            note = (
                f"The guide's {band.name.lower()} pay ({money_span(low, high)}) does not beat "
                f"your current {money(current_pay)}; {later}."
            )
        return Payback(current_pay, entry, None, note, "more-pay-now", FULL_TIME_HOURS, spent)
    if experience_years >= EXPERIENCE_YEARS:
        years = f"{experience_years} year{'s' * (experience_years != 1)}"
        note = (
            f"For your {years} of experience the guide gives {band_words}; you earn "
            f"{money(current_pay)} now. The guide's pay goes by years of experience, not by "
            "certification, and it gives no figure for what a certification adds, so this plan "
            "claims no payback in months."
        )
        return Payback(current_pay, entry, None, note, "experience", hours, spent)
    months = _gain_months(paid, low, high, current_pay)
    other = None
    if without_aid is not None and tuple(without_aid) != tuple(paid):
        other = PaybackWithoutAid(
            MinMax(without_aid[0], without_aid[1]),
            _gain_months(without_aid, low, high, current_pay),
        )
    if paid[1] <= 0:
        # Nothing to repay: no months to count, and no "0 months" to say.
        repaid = (
            f"An estimate: the aid counted pays all of this path, so it pays back at once: "
            f"the gain of {band_words} over your {money(current_pay)} is yours from the first "
            "month"
        )
    else:
        what = (
            f"what you pay ({money_span(paid[0], paid[1])}, after the aid)"
            if aid_counted
            else f"what you pay ({money_span(paid[0], paid[1])}, the path's cost)"
        )
        repaid = (
            f"An estimate: {what} is repaid by the gain of {band_words} over your "
            f"{money(current_pay)} in {_span_words(months)}"
        )
    if low <= current_pay:
        change = (
            "would not rise" if low == current_pay else f"would fall by {money(current_pay - low)}"
        )
        repaid += f" at the top of the band; at its low end ({money(low)}) your pay {change}"
    if other is not None:
        repaid += (
            f"; without the aid, {money_span(other.paid.min, other.paid.max)}, "
            f"{_span_words(other.months)}"
        )
    repaid += "."
    if low <= current_pay:
        later = None if part_time else _overtaking(kb, band, current_pay)
        if later is not None:
            repaid += f" Later, {later}."
    # What the estimate leaves out, said where it is read (issue 18).
    note = repaid + " It leaves out pay lost while training, the job search and taxes."
    return Payback(current_pay, entry, months, note, "gain", hours, spent, other)


def _gain_months(paid: tuple[float, float], low: float, high: float, current_pay: int) -> MinMax:
    """The fastest months at the top of the band and the low figure paid; the slowest at the
    band's low end and the high figure, or at its top when the low end does not beat current
    pay (the band's top beats it: the caller checked). Nothing paid: 0 months."""
    top_gain = (high - current_pay) / 12
    fastest = math.ceil(max(paid[0], 0) / top_gain)
    slow_gain = (low - current_pay) / 12 if low > current_pay else top_gain
    return MinMax(fastest, math.ceil(max(paid[1], 0) / slow_gain))


def _span_words(months: MinMax | None) -> str:
    """'10-96 months', 'up to 8 months' (nothing paid at the low end), 'at once'."""
    if months is None:
        return "never"
    low, high = int(months.min), int(months.max)
    if high <= 0:
        return "at once"
    if low <= 0:
        return f"up to {_months(high, high)}"
    return _months(low, high)


def _months(low: int, high: int) -> str:
    """'3-14 months', '2 months', '1 month'."""
    if low == high:
        return f"{low} month" if low == 1 else f"{low} months"
    return f"{low}-{high} months"


def _overtaking(kb: KnowledgeBase, band: ExperiencePay, current_pay: int) -> str | None:
    """When the guide's later pay bands overtake current pay, in words ('its early-career band
    ($42,000-$50,000, after 1-3 years) beats your $40,000'), or None if none does."""
    for later in kb.salary.by_experience:
        if later.years_min <= band.years_min or later.annual.max <= current_pay:
            continue
        span = money_span(later.annual.min, later.annual.max)
        years = f"{later.years_min}+ years"
        if later.annual.min > current_pay:
            return (
                f"the guide's {later.name.lower()} band ({span}, {years}) beats your "
                f"{money(current_pay)}"
            )
        return (
            f"the guide's {later.name.lower()} band ({span}, {years}) can, toward its upper part, "
            f"beat your {money(current_pay)}"
        )
    return None


def person_payback(
    kb: KnowledgeBase,
    profile: Profile,
    band: Sequence[ExperiencePay],
    paid: tuple[float, float],
    *,
    aid_counted: bool = False,
    without_aid: tuple[float, float] | None = None,
) -> Payback | None:
    """payback() of what this person pays for a path (their pay, hours and experience), from
    the first level of their pay band; None without a band or a current pay."""
    if not band:
        return None
    return payback(
        kb,
        profile.current_pay,
        band[0],
        paid,
        hours=profile.hours_per_week,
        experience_years=profile.experience_years,
        aid_counted=aid_counted,
        without_aid=without_aid,
    )


def experience_levels(bands: Sequence[ExperiencePay], years: int) -> list[ExperiencePay]:
    """The pay band a person's years of experience fall in, then the next one. Where two bands
    meet (the guide's 0-1 and 1-3 years), the later one counts: a full year is experience."""
    if not bands:
        return []
    current = 0
    for index, band in enumerate(bands):
        if band.years_min <= years:
            current = index
    return list(bands[current : current + 2])


@dataclass(frozen=True)
class PayLevel:
    """One pay band of the guide, and whether it is the person's."""

    id: str
    name: str
    years_min: int
    years_max: int | None
    annual: Range
    yours: bool


@dataclass(frozen=True)
class HourlyPay:
    """One of the guide's hourly figures."""

    id: str
    name: str
    hourly: Range


@dataclass(frozen=True)
class SettingPay:
    """A remote-friendly work setting and its median pay ('varies' where the guide says so)."""

    id: str
    name: str
    annual: Range | str


@dataclass(frozen=True)
class CareerPay:
    """A career path to grow into, what it asks and what it pays."""

    id: str
    role: str
    requirements: str
    annual: Range


@dataclass(frozen=True)
class PlanSalary:
    """The plan's pay: the person's band and the next, hourly figures, the national median with
    newer figures; remote settings and career paths only when the rules ask for them."""

    experience_years: int
    levels: tuple[PayLevel, ...]
    hourly: tuple[HourlyPay, ...]
    national_median: int
    national_median_series: str | None
    # Which of two bands that share the person's years is used, and why.
    experience_band_note: str | None
    newer: tuple[ReportedFigure, ...]
    source: str
    remote_settings: tuple[SettingPay, ...] | None = field(default=None, metadata=JSON_OMIT_NONE)
    career_paths: tuple[CareerPay, ...] | None = field(default=None, metadata=JSON_OMIT_NONE)
    # With a state answer: the person's own state rows, or why there are none.
    state: StateLookup | None = field(default=None, metadata=JSON_OMIT_NONE)


def salary_view(
    kb: KnowledgeBase,
    years: int,
    remote: bool,
    career_paths: bool,
    newer: tuple[ReportedFigure, ...],
) -> PlanSalary:
    """Pay from the person's experience band on: that band, then the next; the guide's
    hourly figures and national median; remote settings and career paths when asked for."""
    salary = kb.salary
    bands = experience_levels(salary.by_experience, years)
    return PlanSalary(
        experience_years=years,
        levels=tuple(
            PayLevel(band.id, band.name, band.years_min, band.years_max, band.annual, index == 0)
            for index, band in enumerate(bands)
        ),
        hourly=tuple(HourlyPay(level.id, level.name, level.hourly) for level in salary.hourly),
        national_median=salary.national_median.annual,
        national_median_series=median_series(kb),
        experience_band_note=band_overlap_for(kb, years),
        newer=newer,
        source=kb.source(salary.national_median.source.id).title,
        remote_settings=tuple(
            SettingPay(setting.id, setting.name, setting.median_annual)
            for setting in salary.by_setting
            if setting.remote_friendly
        )
        if remote
        else None,
        career_paths=tuple(
            CareerPay(path.id, path.role, path.requirements, path.salary)
            for path in kb.careers.career_paths
        )
        if career_paths
        else None,
    )
