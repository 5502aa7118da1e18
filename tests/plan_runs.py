"""Running `bcareer plan` as a person runs it, for the tests of what a counselor found: the
text they read (flattened: wrapping set aside) and the plan's JSON."""

from __future__ import annotations

import json
from typing import Any


def flat(text: str) -> str:
    """The text with every run of spaces and line breaks as one space."""
    return " ".join(text.split())


def plan_args(start: str, *flags: str) -> tuple[str, ...]:
    """`plan` with no questions, nothing saved, no pager, from this start date."""
    return ("plan", "--no-input", "--no-save", "--no-pager", "--start", start, *flags)


def text_and_json(
    invoke: Any, start: str, env: dict[str, str], *flags: str, details: bool = False
) -> tuple[str, dict[str, Any]]:
    """The plan's text (with --details, as a counselor reads it; else as the person first
    reads it), flattened, and its JSON."""
    args = plan_args(start, *flags)
    text = invoke(*args, *(("--details",) if details else ()), env=env)
    assert text.code == 0, text.err
    data = invoke(*args, "--json")
    assert data.code == 0, data.err
    return flat(text.out), json.loads(data.out)


def plan_money(plan: dict[str, Any]) -> dict[str, Any]:
    """A plan's money as its text says it, from its JSON: the total to plan for (newer reports'
    higher figure at each end, the Total cost line's "plan for"), what the person pays of it
    after the aid (You pay, its "plan for" figure where newer reports raise it), the budget's
    shortfall against that (the Funding line's "falls short by", "newer reports: ..." where it
    differs) and whether the budget covers it all, and its shortfall at first (a fee paid up
    front: newer reports' "... at first" where they raise it)."""
    total = plan["cost"]["total"]
    you_pay = plan["you_pay"]
    newer = plan["cost"]["total_with_newer_figures"]
    if newer is not None:
        total = {"min": max(total["min"], newer["min"]), "max": max(total["max"], newer["max"])}
    pays = you_pay["with_newer_figures"]
    if pays is None:
        pays = {"min": you_pay["min"], "max": you_pay["max"]}
    amount = plan["budget"]["amount"]
    short = {"min": max(0, pays["min"] - amount), "max": max(0, pays["max"] - amount)}
    # At first, with a fee paid up front until the aid repays it: of the same total (the
    # Funding line's "... at first" after the clause of that total); None where it is not short.
    at_first = you_pay["short_at_first_with_newer_figures"]
    if at_first is None:
        at_first = you_pay["short_at_first"]
    return {
        "total_cost": {"min": total["min"], "max": total["max"]},
        "you_pay": pays,
        "left_to_pay": short,
        "fully_funded": short["max"] == 0,
        "short_at_first": at_first,
    }
