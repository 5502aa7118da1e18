"""Calendar arithmetic shared by the plan's timeline and certification renewals."""

from __future__ import annotations

import calendar
from datetime import date


def add_months(day: date, months: int) -> date:
    """The same day, months later (or earlier); a day the month lacks becomes its last day."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def add_years(day: date, years: int) -> date:
    """The same date years later; 29 February becomes 28 February in a common year."""
    return add_months(day, 12 * years)
