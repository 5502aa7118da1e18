"""When a certification falls due, how many CEUs it takes, and when to be reminded."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from billing_career.errors import UsageError
from billing_career.knowledge.dates import add_months, add_years
from billing_career.knowledge.lookup import ReportedFigure
from billing_career.knowledge.models import Certification, KnowledgeBase
from billing_career.knowledge.serialize import Citation, citation, json_as, newer_of

EARLIEST = date(1950, 1, 1)
LATEST = date(2100, 12, 31)
# bcareer's own reminder policy, not the guide's: far enough ahead to earn missing CEUs, with
# nudges closer to the date. Each is (label, months before, days before).
REMINDER_OFFSETS: tuple[tuple[str, int, int], ...] = (
    ("6 months before", 6, 0),
    ("3 months before", 3, 0),
    ("1 month before", 1, 0),
    ("2 weeks before", 0, 14),
)
# Said wherever the reminders are shown, as plan steps say theirs: the dates and the halfway
# pacing are this tool's choice, and neither the guide nor an issuer sets them.
REMINDER_POLICY = (
    "Reminder dates (halfway through a cycle; 6, 3 and 1 months and 2 weeks before the due "
    "date) are an assumption of this tool, not the issuer's schedule."
)
HALFWAY_POLICY = "an even pace: an assumption of this tool"


def parse_iso_date(text: str, option: str) -> date:
    """A YYYY-MM-DD date; anything else is a usage error naming the option."""
    value = text.strip()
    hint = f"Use YYYY-MM-DD, e.g. {option} 2025-03-14."
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise UsageError(f"Bad date for {option}: '{text}'.", hint)
    try:
        parsed = date.fromisoformat(value)
    except ValueError as error:
        raise UsageError(f"Bad date for {option}: '{text}' ({error}).", hint) from None
    if not EARLIEST <= parsed <= LATEST:
        raise UsageError(
            f"Date for {option} is out of range: {value}.",
            f"Give a date from {EARLIEST.year} to {LATEST.year}.",
        )
    return parsed


@dataclass(frozen=True)
class Reminder:
    """A dated nudge before a renewal falls due."""

    day: date = field(metadata=json_as(key="date"))
    title: str
    details: str
    past: bool


@dataclass(frozen=True, kw_only=True)
class RenewalSchedule:
    """A certification's renewal: cadence and CEUs as the guide gives them, and the dates."""

    code: str
    name: str
    issuer: str | None
    # Newer reports of the issuer, where the guide names none (CPC).
    issuer_newer: tuple[ReportedFigure, ...] = ()
    earned: date
    as_of: date
    every_years: int | None
    # 'every 2 years', or 'not in guide'.
    cadence: str = field(init=False)
    ceus: int | None
    ceus_per_month: float | None = field(init=False)
    guide_note: str | None
    first_due: date | None
    next_due: date | None
    cycle_start: date | None
    reminders: tuple[Reminder, ...]
    reminder_policy: str | None = field(init=False)
    newer: tuple[ReportedFigure, ...]
    notes: tuple[str, ...] = ()
    source: Citation

    def __post_init__(self) -> None:
        every, ceus = self.every_years, self.ceus
        cadence = "not in guide" if every is None else "every year" if every == 1 else ""
        object.__setattr__(self, "cadence", cadence or f"every {every} years")
        per_month = None if ceus is None or every is None else round(ceus / (12 * every), 2)
        object.__setattr__(self, "ceus_per_month", per_month)
        policy = REMINDER_POLICY if self.reminders else None
        object.__setattr__(self, "reminder_policy", policy)

    @property
    def ceus_text(self) -> str:
        if self.ceus is None:
            return "not in guide"
        text = f"{self.ceus} CEUs {self.cadence}"
        per_month = self.ceus_per_month
        if per_month is not None:
            text += f" (about {per_month:g} a month)"
        return text


def first_renewal(cert: Certification, earned: date) -> date | None:
    """The first date the certification falls due, or None where the guide gives no period."""
    if cert.renewal is None or cert.renewal.every_years is None:
        return None
    return add_years(earned, cert.renewal.every_years)


def renewal_schedule(
    knowledge: KnowledgeBase, code: str, earned: date, as_of: date
) -> RenewalSchedule:
    """The current cycle's due date (assuming each renewal on time) and its reminders."""
    from billing_career.knowledge.lookup import resolve_certification

    cert = resolve_certification(knowledge, code)
    renewal = cert.renewal
    every = renewal.every_years if renewal else None
    ceus = renewal.ceus if renewal else None
    issuer = knowledge.organization(cert.issuer).name if cert.issuer else None
    notes: list[str] = []
    first_due = first_renewal(cert, earned)
    next_due = cycle_start = None
    reminders: tuple[Reminder, ...] = ()
    if every is not None and first_due is not None:
        cycles = 1
        while add_years(earned, every * cycles) < as_of:
            cycles += 1
        next_due = add_years(earned, every * cycles)
        cycle_start = add_years(earned, every * (cycles - 1))
        if cycles > 1:
            notes.append(
                f"Counted from {earned.isoformat()} assuming each earlier renewal was on "
                f"time; the cycle now running started {cycle_start.isoformat()}."
            )
        if earned > as_of:
            notes.append("The earned date is in the future: the dates assume you pass then.")
        reminders = _reminders(cert.code, next_due, cycle_start, as_of, ceus, every)
    else:
        notes.append(
            f"The guide gives no renewal period for {cert.code}, so no due date is "
            f"computed; check with the issuer."
        )
    if ceus is None:
        notes.append(f"The guide gives no number of CEUs for {cert.code}.")
    return RenewalSchedule(
        code=cert.code,
        name=cert.name,
        issuer=issuer,
        earned=earned,
        as_of=as_of,
        every_years=every,
        ceus=ceus,
        guide_note=renewal.note if renewal else None,
        first_due=first_due,
        next_due=next_due,
        cycle_start=cycle_start,
        reminders=reminders,
        newer=newer_of(knowledge, cert, "renewal"),
        source=citation(knowledge, cert.source),
        notes=tuple(notes),
        issuer_newer=newer_of(knowledge, cert, "issuer"),
    )


def _reminders(
    code: str, due: date, start: date, as_of: date, ceus: int | None, every: int
) -> tuple[Reminder, ...]:
    found: list[Reminder] = []
    todo = (
        f"Check that your {ceus} CEUs are done and recorded with the issuer."
        if ceus is not None
        else "Check that your continuing education is done and recorded with the issuer."
    )
    if ceus is not None and every >= 2:
        # Halfway through a multi-year cycle is when falling behind can still be fixed cheaply.
        halfway = start + (due - start) / 2
        found.append(
            Reminder(
                halfway,
                f"{code}: halfway through the renewal cycle",
                f"Aim to have about {ceus // 2} of {ceus} CEUs by now ({HALFWAY_POLICY}).",
                halfway < as_of,
            )
        )
    for label, months, days in REMINDER_OFFSETS:
        day = add_months(due, -months) - timedelta(days=days)
        if day <= start:
            continue
        found.append(
            Reminder(day, f"{code} renewal due {due.isoformat()} ({label})", todo, day < as_of)
        )
    found.sort(key=lambda reminder: reminder.day)
    return tuple(found)
