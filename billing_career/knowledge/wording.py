"""Records in words, shared by the guide's views and the plan: dates, lists, exam fees, renewals."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from billing_career.knowledge.figures import NOT_IN_GUIDE, money

if TYPE_CHECKING:
    from billing_career.knowledge.models import Certification


# English month names, whatever the machine's locale (strftime's %B follows it).
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def date_text(day: dt.date) -> str:
    """A date as people write it: 'June 8, 2027' (ISO stays in JSON, calendars, answers files)."""
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def short_date(day: dt.date, *, year: int | None = None) -> str:
    """A date in a step table: 'Jun 8', with its year when not the given one ('Jan 12, 2028')."""
    short = f"{MONTHS[day.month - 1][:3]} {day.day}"
    return short if day.year == year else f"{short}, {day.year}"


# ASCII digits only: \d would take other scripts' digits too.
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_US_DAY = re.compile(r"(?P<month>[0-9]{1,2})/(?P<day>[0-9]{1,2})/(?P<year>[0-9]{4})")
_WORDS_DAY = re.compile(r"(?P<month>[A-Za-z]+)\.? +(?P<day>[0-9]{1,2}),? +(?P<year>[0-9]{4})")


class NoSuchDate(ValueError):
    """A date of the right shape that the calendar lacks: 2026-02-30, 13/1/2027."""


def _day(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise NoSuchDate(f"{year}-{month}-{day}") from None


def parse_date_text(text: str) -> dt.date:
    """A date as a person types it: '2027-06-08', '6/8/2027', 'June 8, 2027' or 'Jun 8 2027'.

    Raises NoSuchDate for a day the calendar lacks, and ValueError for anything else (week
    dates and '20270608' too: only these three)."""
    text = text.strip()
    if _ISO_DAY.fullmatch(text):
        return _day(int(text[:4]), int(text[5:7]), int(text[8:10]))
    found = _US_DAY.fullmatch(text)
    if found:
        return _day(int(found["year"]), int(found["month"]), int(found["day"]))
    found = _WORDS_DAY.fullmatch(text)
    if found:
        name = found["month"].lower()
        months = [
            index
            for index, month in enumerate(MONTHS, 1)
            if len(name) >= 3 and month.lower().startswith(name)
        ]
        if len(months) == 1:
            return _day(int(found["year"]), months[0], int(found["day"]))
    raise ValueError(text)


def and_list(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def or_list(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def fee_text(cert: Certification) -> str:
    """A certification's exam fee as the guide gives it: '$155', '$349-$449', '$199 (member)'."""
    fees = cert.fees
    if fees is None:
        return NOT_IN_GUIDE
    if fees.single is not None:
        return money(fees.single)
    if fees.member is not None and fees.non_member is not None:
        return f"{money(fees.member)}-{money(fees.non_member)}"
    if fees.member is not None:
        return f"{money(fees.member)} (member)"
    if fees.non_member is not None:
        return f"{money(fees.non_member)} (non-member)"
    return NOT_IN_GUIDE


def renewal_text(cert: Certification) -> str:
    """'36 CEUs every 2 years', 'continuing education every year'."""
    renewal = cert.renewal
    if renewal is None or renewal.every_years is None:
        return NOT_IN_GUIDE
    every = "every year" if renewal.every_years == 1 else f"every {renewal.every_years} years"
    if renewal.ceus is not None:
        return f"{renewal.ceus} CEUs {every}"
    return f"continuing education {every}"
