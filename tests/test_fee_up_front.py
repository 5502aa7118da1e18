"""A veteran's exam fee paid up front until the VA repays it, measured as the clause before it:
the guide's shortfall at first after the guide's verdict, the one at the total to plan for
after newer reports' (plan, cost and the JSON), each run through the real command."""

from __future__ import annotations

import json
from typing import Any

from plan_runs import flat, plan_money, text_and_json

START = "2026-12-14"
TEXT_ENV = {"NO_COLOR": "1", "COLUMNS": "80"}
RETAKE = ("--education", "ged", "--budget", "400", "--schedule", "part-time", "--veteran")


def _funding(text: str) -> str:
    return text[text.index("Funding: ") : text.index("You pay: ")]


def test_a_cpb_retake_says_the_shortfall_at_first_of_the_total_to_plan_for(invoke: Any) -> None:
    text, data = text_and_json(invoke, START, TEXT_ENV, *RETAKE, "--failed-exam", "CPB")
    you = data["you_pay"]
    # The GI Bill pays only the exam fee, and repays it after: at first the person pays the
    # whole path, at the guide's figures and at the total to plan for.
    total = data["cost"]["total"]
    assert you["short_at_first"] == {"min": total["min"] - 400, "max": total["max"] - 400}
    planned = plan_money(data)["total_cost"]
    assert planned != total
    at_newer = {"min": planned["min"] - 400, "max": planned["max"] - 400}
    assert you["short_at_first_with_newer_figures"] == at_newer
    assert (at_newer["min"], at_newer["max"]) == (245, 622)
    funding = _funding(text)
    guide = f"falls short by ${total['min'] - 400}-${total['max'] - 400}"
    assert (
        f"covers it; with the exam fee paid up front until the VA repays it: {guide}; newer "
        "reports: may fall short by up to $197, and by $245-$622 at first." in funding
    )
    # Each figure after the clause it belongs to: the guide's at first before newer reports'.
    assert funding.index(guide) < funding.index("newer reports")


def test_a_cpc_holder_on_the_short_certificate_says_both_at_first(invoke: Any) -> None:
    text, data = text_and_json(
        invoke, START, TEXT_ENV, *RETAKE[:2], "--budget", "0", *RETAKE[4:], "--failed-exam", "CPC"
    )
    you = data["you_pay"]
    pays = you["with_newer_figures"]
    fee = sum(item["amount"]["max"] for item in you["paid_first"])
    assert you["short_at_first"] == {"min": you["min"] + fee, "max": you["max"] + fee}
    # At newer figures the GI Bill repays the newer fee ($425), not the guide's: what the person
    # pays at first is the total to plan for less the aid that pays directly.
    at_newer = you["short_at_first_with_newer_figures"]
    assert at_newer["min"] > pays["min"] and at_newer["max"] > pays["max"]
    funding = _funding(text)
    assert (
        f"falls short by ${you['min']:,.0f}-${you['max']:,.0f}; "
        f"${you['min'] + fee:,.0f}-${you['max'] + fee:,.0f} at first; newer reports: falls "
        f"short by ${pays['min']:,.0f}-${pays['max']:,.0f}, and by "
        f"${at_newer['min']:,.0f}-${at_newer['max']:,.0f} at first." in funding
    )


def test_cost_says_the_shortfall_at_first_of_the_total_to_plan_for(invoke: Any) -> None:
    path = ("cost", "--program", "online", "--cert", "CPB", *RETAKE[:4], "--veteran")
    data = invoke(*path, "--json")
    assert data.code == 0, data.err
    money = json.loads(data.out)["money"]
    pays = money["with_newer_figures"]
    at_newer = money["short_at_first_with_newer_figures"]
    # What the person pays of the total to plan for, plus the newer $425 fee paid up front.
    assert at_newer == {"min": pays["min"] + 425 - 400, "max": pays["max"] + 425 - 400}
    text = invoke(*path, env=TEXT_ENV)
    assert text.code == 0, text.err
    assert (
        f"newer reports: may fall short by up to ${pays['max'] - 400:,.0f}, and by "
        f"${at_newer['min']:,.0f}-${at_newer['max']:,.0f} at first." in flat(text.out)
    )
