"""A low and a high amount, as the plan's JSON writes them."""

from __future__ import annotations

from dataclasses import dataclass

from billing_career.records import fast_init


@fast_init
@dataclass(frozen=True)
class MinMax:
    """A low and a high amount, as JSON {min, max}."""

    min: float
    max: float
