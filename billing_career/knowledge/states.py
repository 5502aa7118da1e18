"""The USPS codes of the US states, DC and the territories, and the format of state pay rows."""

from __future__ import annotations

from typing import Literal, get_args

StateCode = Literal[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
    "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ",
    "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT",
    "VA", "WA", "WV", "WI", "WY", "DC", "PR", "GU", "VI", "AS", "MP",
]  # fmt: skip
STATE_CODES: tuple[str, ...] = get_args(StateCode)


# The format of a person's own state rows. The numbers are placeholders, not figures: no state
# pay is known to bcareer, and an example must not look like one.
STATES_EXAMPLE = (
    # Short lines, comments on lines of their own: printed, the sample must parse when copied
    # from a terminal of any width (a wrapped comment would not).
    "states:\n"
    "  # replace with your figures (US\n"
    "  # dollars a year) and your source\n"
    "  - state: TX\n"
    "    median_annual: 12345\n"
    "    # this line may be left out:\n"
    "    top_10_percent_annual: 23456\n"
    "    source: your source\n"
    "    # when your source published it\n"
    "    date: 2025-04\n"
)
