"""Money faults a workforce counselor found in plans (payback measured before aid, the CPB's
member price without the membership, a veteran's fee paid up front left out of the Funding
line), each run as the person runs it: the real command, what they read and the JSON."""

from __future__ import annotations

import json
import math
import re
from typing import Any

from plan_runs import text_and_json

START = "2027-02-01"
TEXT_ENV = {"NO_COLOR": "1", "COLUMNS": "100"}


def run_plan(invoke: Any, *flags: str) -> tuple[str, dict[str, Any]]:
    """The plan's text (with --details), flattened, and its JSON."""
    return text_and_json(invoke, START, TEXT_ENV, *flags, details=True)


# --- 1. Payback on what the person pays after the aid ----------------------------------------

PELL_PART_TIMER = (
    "--education",
    "ged",
    "--budget",
    "1500",
    "--schedule",
    "part-time",
    "--current-pay",
    "16/h",
    "--hours-per-week",
    "20",
)


def test_payback_is_measured_on_what_the_person_pays_after_the_aid(invoke: Any) -> None:
    text, data = run_plan(invoke, *PELL_PART_TIMER)
    payback, you_pay = data["payback"], data["you_pay"]
    assert data["budget"]["aid_counted"]["max"] > 0
    assert payback["paid"] == {"min": you_pay["min"], "max": you_pay["max"]}
    assert payback["paid"]["max"] < data["cost"]["total"]["max"]
    # The band at 20 of 40 hours: $17,500-$21,000 against $16,640.
    low, high = 35000 / 2, 42000 / 2
    months = {
        "min": math.ceil(you_pay["min"] / ((high - 16640) / 12)),
        "max": math.ceil(you_pay["max"] / ((low - 16640) / 12)),
    }
    assert payback["months"] == months
    # The paragraph says what it measures and, as the aid has a condition, the payback without.
    without = payback["without_aid"]
    assert without["paid"] == you_pay["without_conditional_aid"]
    span = f"${you_pay['min']:,.0f}-${you_pay['max']:,.0f}"
    assert f"what you pay ({span}, after the aid) is repaid by the gain of entry-level pay" in text
    assert "before aid" not in text
    wmonths = without["months"]
    assert (
        f"{months['min']}-{months['max']} months; without the aid, "
        f"${without['paid']['min']:,.0f}-${without['paid']['max']:,.0f}, "
        f"{wmonths['min']}-{wmonths['max']} months." in text
    )
    # Every options row: its payback measures its own Left to pay; the row with the least to
    # pay pays back no later than the others.
    for option in data["options"]:
        left = option["left_to_pay"]
        assert option["payback"]["months"] == {
            "min": math.ceil(left["min"] / ((high - 16640) / 12)),
            "max": math.ceil(left["max"] / ((low - 16640) / 12)),
        }
    recommended = data["options"][0]
    assert recommended["payback"]["months"] == payback["months"]
    least = min(data["options"], key=lambda row: row["left_to_pay"]["max"])
    assert all(
        least["payback"]["months"]["max"] <= row["payback"]["months"]["max"]
        for row in data["options"]
    )
    assert "repays what is left to pay." in text


def test_a_path_the_aid_pays_in_full_pays_back_at_once(invoke: Any) -> None:
    text, data = run_plan(
        invoke,
        *("--education", "ged", "--budget", "0", "--schedule", "full-time"),
        *("--current-pay", "30000", "--employer-sponsor", "--employer-amount", "8000"),
    )
    assert (data["you_pay"]["min"], data["you_pay"]["max"]) == (0, 0)
    assert data["payback"]["months"] == {"min": 0, "max": 0}
    assert "pays back at once" in text
    assert re.search(r"(?<![\d,])0(-\d+)? months?", text) is None
    rows = [row for row in data["options"] if row["left_to_pay"]["max"] == 0]
    assert rows and all(row["payback"]["months"] == {"min": 0, "max": 0} for row in rows)
    assert " at once " in text.split("Your options")[1] + " "


# --- 2. The CPB's fees and the membership the member fee needs ---------------------------------

CPC_HOLDER = ("--education", "high-school", "--budget", "800", "--schedule", "full-time")


def test_a_member_price_counts_the_membership_it_needs(invoke: Any) -> None:
    """A CPC holder (an AAPC member already) gets the member price, and a year of the
    membership it needs, in plan, `cost` and `aid` alike."""
    text, data = run_plan(invoke, *CPC_HOLDER, "--credentials", "CPC")
    assert data["recommendations"]["certification"]["code"] == "CPB"
    items = {item["id"]: (item["min"], item["max"]) for item in data["cost"]["items"]}
    assert items["exam-fee"] == (349, 349) and items["membership"] == (190, 190)
    total = data["cost"]["total"]
    assert (total["min"], total["max"]) == (
        sum(low for low, _high in items.values()),
        sum(high for _low, high in items.values()),
    )
    # Newer: $425 for the exam and the membership at up to $222.
    newer = data["cost"]["total_with_newer_figures"]
    assert newer["max"] - total["max"] == (425 - 349) + (222 - 190)
    assert (
        "Exam fee: this plan counts $349 for AAPC members and a year of the membership that "
        "price needs, $190 in the guide ($539 in all; the guide's fee without membership is "
        "$449)." in text
    )
    assert "if your membership is paid through the exam, you pay $190 less." in text
    assert "Newer reports: $425 one attempt / $499 two attempts;" in text
    assert "AAPC membership $157-$222 a year." in text
    assert "CPB exam fee (member) $349 AAPC membership $190/yr" in text
    assert "The CPB exam fee is the member $349, so AAPC membership is counted too" in text
    path = ("--program", "none", "--cert", "CPB", *CPC_HOLDER[:4], "--credentials", "CPC")
    priced = json.loads(invoke("cost", *path, "--json").out)
    assert priced["items"] == data["cost"]["items"]
    assert priced["total"] == data["cost"]["total"]
    view = json.loads(invoke("aid", *path, "--json").out)
    assert view["money"]["total"] == {"min": total["min"], "max": total["max"]}
    assert view["money"]["with_newer_figures"] == data["you_pay"]["with_newer_figures"]


def test_a_non_member_price_says_the_member_price_needs_the_membership(invoke: Any) -> None:
    text, data = run_plan(
        invoke,
        "--education",
        "associate",
        "--budget",
        "9000",
        "--schedule",
        "full-time",
        "--goal",
        "advancement",
    )
    assert data["recommendations"]["certification"]["code"] == "CPB"
    items = {item["id"]: item for item in data["cost"]["items"]}
    assert items["exam-fee"]["max"] == 449 and "membership" not in items
    assert (
        "Exam fee: this plan counts the guide's $449 for people who are not AAPC members." in text
    )
    assert (
        "Members pay $349, but the membership costs $190 a year in the guide ($539 in all)." in text
    )
    assert "so the guide's $449 for others may not be offered" in text
    assert "The CPB exam fee is the non-member $449 (members pay $349 plus AAPC membership" in text
    # The total to plan for counts the newer member fee and the membership reported required.
    because = data["cost"]["total_with_newer_figures"]["because"]
    assert any("AAPC membership, reported as required" in why for why in because)


def test_a_cmrs_row_says_its_cost_leaves_out_the_amba_membership(invoke: Any) -> None:
    text, data = run_plan(
        invoke,
        "--education",
        "high-school",
        "--budget",
        "800",
        "--schedule",
        "full-time",
        "--credentials",
        "CPC",
    )
    # A CPC holder's plan: the CPB recommended, the CMRS the row that leaves least to pay.
    rows = {row["certification"]["code"]: row for row in data["options"]}
    assert set(rows) == {"CPB", "CMRS"}
    assert rows["CMRS"]["not_counted"] == ["AMBA membership"]
    assert rows["CPB"]["not_counted"] == []
    assert (
        "The least to pay, fastest row's cost leaves out the AMBA membership: no source gives"
        " its price." in " ".join(text.split())
    )


# --- 3. The veteran's exam fee paid up front, in the Funding line's shortfall ---------------------

VETERAN = ("--education", "ged", "--schedule", "full-time", "--veteran")


def test_the_funding_line_counts_the_fee_paid_up_front(invoke: Any) -> None:
    text, data = run_plan(invoke, *VETERAN, "--budget", "300")
    you = data["you_pay"]
    assert (you["min"], you["max"]) == (130, 375)
    fronted = sum(item["amount"]["max"] for item in you["paid_first"])
    assert fronted == 155
    # What stays short once the VA repays the fee (the warnings', the report's), and at first.
    assert data["budget"]["gap"] == {"min": 0, "max": 375 - 300}
    assert you["short_at_first"] == {"min": 0, "max": 375 + 155 - 300}
    assert (
        "Funding: Your budget of $300 + Veterans Benefits ($1,755-$3,955, on the conditions "
        "below): may fall short by up to $75; up to $230 at first. You pay: $130-$375 "
        "($1,885-$4,330 without the aid); plus $155 up front for the exam fee, which the VA "
        "repays after." in text
    )
    assert "plus $155 up front for the exam fee, which the VA repays after." in text
    warned = [w["message"] for w in data["warnings"] if w["rule"].startswith("budget-")]
    assert warned and all("may fall short by up to $75" in warning for warning in warned)


def test_a_budget_short_at_both_ends_says_both_shortfalls(invoke: Any) -> None:
    text, data = run_plan(invoke, *VETERAN, "--budget", "0")
    assert data["you_pay"]["short_at_first"] == {"min": 130 + 155, "max": 375 + 155}
    assert "falls short by $130-$375; $285-$530 at first. You pay:" in text
    # `cost` for the same person and path says the same.
    path = ("--program", "short-certificate", "--cert", "CBCS", "--budget", "0")
    cost = invoke("cost", *path, "--veteran", "--education", "ged", env=TEXT_ENV)
    assert cost.code == 0, cost.err
    assert "falls short by $130-$375; $285-$530 at first." in (" ".join(cost.out.split()))


def test_a_budget_that_holds_the_fee_too_says_nothing_more(invoke: Any) -> None:
    text, data = run_plan(invoke, *VETERAN, "--budget", "1000")
    assert data["you_pay"]["short_at_first"] is None
    assert "at first" not in text and "paid up front until" not in text


def test_the_options_note_gives_the_recommended_row_s_figures_to_plan_for(invoke: Any) -> None:
    """The options rows are priced alike at the guide's figures; where newer reports raise the
    plan's total, the note under the table gives the recommended row's figures to plan for, the
    ones the answer, cost, aid and the caseload report use."""
    text, data = run_plan(
        invoke,
        "--education",
        "ged",
        "--budget",
        "600",
        "--schedule",
        "part-time",
        "--training-done",
        "2017",
    )
    (recommended,) = [row for row in data["options"] if "recommended" in row["labels"]]
    assert recommended["certification"]["code"] == "CPB"
    newer = data["you_pay"]["with_newer_figures"]
    assert recommended["left_to_pay"]["max"] < newer["max"]
    # The total to plan for: the higher of the guide's and the newer figures at each end.
    guide, reported = data["cost"]["total"], data["cost"]["total_with_newer_figures"]
    low, high = max(guide["min"], reported["min"]), max(guide["max"], reported["max"])
    assert (
        "The rows are at the guide's figures; newer reports raise the recommended row's: plan for"
        f" ${low:,.0f}-${high:,.0f} in all, ${newer['min']:,.0f}-${newer['max']:,.0f} left to"
        " pay." in text
    )


def test_no_options_note_where_the_guide_s_figures_are_the_ones_to_plan_for(invoke: Any) -> None:
    text, data = run_plan(
        invoke, "--education", "ged", "--budget", "1500", "--schedule", "part-time"
    )
    assert data["you_pay"]["with_newer_figures"] is None
    assert "The rows are at the guide's figures" not in text
