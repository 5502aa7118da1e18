"""Plain-text formatting of figures (money, ranges, months, newer notes), shared by every layer."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from billing_career.knowledge.models import Range, Update

NOT_IN_GUIDE = "not in guide"
UNKNOWN = "unknown"


def money(amount: float | None) -> str:
    """$1,500 (whole dollars) or $24.16 (cents where they exist)."""
    # The text reads only the amount's value (500 and 500.0 are both $500): kept by it, as a
    # batch writes the same few amounts again and again.
    if amount is None:
        return UNKNOWN
    text = _MONEY.get(amount)
    if text is not None:
        return text
    text = f"${int(amount):,}" if float(amount).is_integer() else f"${amount:,.2f}"
    if len(_MONEY) >= _MONEY_LIMIT:
        _MONEY.clear()
    _MONEY[amount] = text
    return text


# Texts of amounts by their value (see money); bounded.
_MONEY: dict[float, str] = {}
_MONEY_LIMIT = 4096


def money_span(low: float | None, high: float | None) -> str:
    """$1,500-$3,500 for two amounts, a single $190 where they are equal, unknown without both."""
    if low is None or high is None:
        return UNKNOWN
    return money(low) if low == high else f"{money(low)}-{money(high)}"


def money_range(value: Range | str | None) -> str:
    """$1,500-$3,500, a single $190 where min equals max, 'varies' kept as it is."""
    if value is None:
        return UNKNOWN
    if isinstance(value, str):
        return value
    return money_span(value.min, value.max)


def months(value: Range | str | None) -> str:
    """4-6 months, 24 months, or 'varies'."""
    if value is None:
        return NOT_IN_GUIDE
    if isinstance(value, str):
        return value
    low, high = int(value.min), int(value.max)
    return f"{low} months" if low == high else f"{low}-{high} months"


def newer_note(update: Update, source_title: str | None = None) -> str:
    """'newer: 135 questions, 4 h (issuer, read 2026-11)' for showing beside the guide's figure."""
    where = update.reported_by if source_title is None else f"{source_title}, {update.reported_by}"
    return f"newer: {update.summary} ({where}, {update.date})"
