"""Faults a workforce counselor found in plans (payback at part-time hours, payback for a
person already working in billing, `cost` and `aid` for a credential holder, training finished
long ago, a pay given by the hour said back by the year, an employer's unknown amount, a stated
goal the plan did not hear), each run as the person runs it: the real command, what they read and
the JSON."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import plan_runs
from plan_runs import flat, text_and_json

START = "2027-02-01"
TEXT_ENV = {"NO_COLOR": "1", "COLUMNS": "100"}


def plan_args(*flags: str) -> tuple[str, ...]:
    return plan_runs.plan_args(START, *flags)


def run_plan(invoke: Any, *flags: str) -> tuple[str, dict[str, Any]]:
    """The plan's text (with --details, as a counselor reads it), flattened, and its JSON."""
    return text_and_json(invoke, START, TEXT_ENV, *flags, details=True)


# --- 1. Payback for a part-timer: the band at the hours they work now -------------------------

PART_TIMER = ("--education", "ged", "--budget", "1500", "--schedule", "part-time")


def test_a_part_timer_paid_by_the_hour_is_compared_at_the_hours_they_work(invoke: Any) -> None:
    text, data = run_plan(invoke, *PART_TIMER, "--current-pay", "16/h", "--hours-per-week", "20")
    payback = data["payback"]
    assert payback["current_pay"] == 16 * 20 * 52
    assert payback["hours_per_week"] == 20
    assert payback["basis"] == "gain"
    # The entry band ($35,000-$42,000 full-time) at 20 of 40 hours: $17,500-$21,000.
    low, high = 35000 * 20 / 40, 42000 * 20 / 40
    # Measured on what the person pays after the aid (the You pay), not the total before aid.
    paid = data["you_pay"]
    assert payback["paid"] == {"min": paid["min"], "max": paid["max"]}
    assert payback["months"] == {
        "min": math.ceil(paid["min"] / ((high - 16640) / 12)),
        "max": math.ceil(paid["max"] / ((low - 16640) / 12)),
    }
    # Without the conditional aid: the total, at the same hours. Before the hours were taken
    # into account: full-time entry pay against a 20-hour pay, "1-2 months".
    total = data["cost"]["total"]
    without = payback["without_aid"]
    assert without["paid"] == paid["without_conditional_aid"]
    assert without["months"] == {
        "min": math.ceil(without["paid"]["min"] / ((high - 16640) / 12)),
        "max": math.ceil(without["paid"]["max"] / ((low - 16640) / 12)),
    }
    assert without["paid"] == {"min": total["min"], "max": total["max"]}
    assert without["months"]["max"] > 12
    assert "at the 20 hours a week you work now ($17,500-$21,000" in text
    assert "$35,000-$42,000 a year full-time)" in text
    assert "over your $16,640" in text
    # The options table's recommended row is the plan's own payback.
    assert data["options"][0]["payback"]["months"] == payback["months"]
    months = payback["months"]
    assert f"{months['min']}-{months['max']} months; without the aid, " in text
    assert "Payback: months until the pay you gain, at the hours you work now, repays" in text


def test_a_full_time_pay_is_compared_as_before(invoke: Any) -> None:
    """40 hours, or a yearly pay with no hours: the guide's full-time band, unchanged."""
    base = ("--education", "high-school", "--budget", "2500", "--schedule", "full-time")
    yearly_text, yearly = run_plan(invoke, *base, "--current-pay", "30000")
    payback = yearly["payback"]
    paid = payback["paid"]
    assert paid == {"min": yearly["you_pay"]["min"], "max": yearly["you_pay"]["max"]}
    assert payback["hours_per_week"] == 40
    assert payback["months"] == {
        "min": math.ceil(paid["min"] * 12 / (42000 - 30000)),
        "max": math.ceil(paid["max"] * 12 / (35000 - 30000)),
    }
    assert "gain of entry-level pay ($35,000-$42,000) over your $30,000" in yearly_text
    assert "hours a week you work now" not in yearly_text
    _text, hourly = run_plan(invoke, *base, "--current-pay", "15/h", "--hours-per-week", "40")
    assert hourly["payback"]["current_pay"] == 15 * 2080
    assert hourly["payback"]["note"].startswith("An estimate: what you pay (")
    assert "hours a week you work now" not in hourly["payback"]["note"]


def test_a_part_timer_earning_more_an_hour_is_more_pay_now(invoke: Any) -> None:
    """$25 an hour at 20 hours ($26,000 a year) beats entry pay hour for hour: the warning says
    so, at their hours, and the payback is none."""
    text, data = run_plan(invoke, *PART_TIMER, "--current-pay", "25/h", "--hours-per-week", "20")
    assert data["payback"]["months"] is None
    assert data["payback"]["basis"] == "more-pay-now"
    assert [w["rule"] for w in data["warnings"]][:1] == ["pays-less-than-now-at-your-hours"]
    assert "Billing would pay less than you earn now, hour for hour" in text
    assert "you earn $26,000 a year at 20 hours a week" in text
    assert all(option["payback"]["months"] is None for option in data["options"])


# --- 2. Payback for someone already working in billing -----------------------------------------

BILLER = (
    "--education", "associate", "--budget", "500", "--schedule", "part-time",
    "--goal", "advancement", "--experience-years", "10",
)  # fmt: skip


def test_an_experienced_biller_is_told_no_payback_months_and_why(invoke: Any) -> None:
    text, data = run_plan(invoke, *BILLER, "--current-pay", "22/h")
    payback = data["payback"]
    assert payback["months"] is None
    assert payback["basis"] == "experience"
    # Before: "repaid by the gain of experienced pay ... in 1 month".
    assert "repaid" not in text and "1 month" not in text
    assert "For your 10 years of experience the guide gives experienced pay ($58,000-$73,000)" in (
        text
    )
    assert "you earn $45,760 now" in text
    assert "no figure for what a certification adds" in text
    # Not "more pay now": no warning, and the table says the figure is not given, not "never".
    assert not any(w["rule"].startswith("pays-less-than-now") for w in data["warnings"])
    assert "Billing would pay less" not in text
    assert all(option["payback"]["basis"] == "experience" for option in data["options"])
    table = invoke(*plan_args(*BILLER, "--current-pay", "22/h"), env=TEXT_ENV)
    assert table.code == 0
    assert "not given" in table.out and "never" not in table.out
    assert "Payback: not given, as the guide's pay goes by years of experience" in flat(table.out)


def test_an_experienced_biller_who_earns_more_than_the_band_is_more_pay_now(invoke: Any) -> None:
    _text, data = run_plan(invoke, *BILLER, "--current-pay", "80000")
    assert data["payback"]["basis"] == "more-pay-now"
    assert [w["rule"] for w in data["warnings"]][:1] == ["pays-less-than-now"]


def test_the_report_and_the_what_if_table_agree_for_the_biller(invoke: Any, tmp_path: Path) -> None:
    clients = tmp_path / "clients.csv"
    clients.write_text(
        "id,education,budget,schedule,goal,experience-years,current-pay,hours-per-week\n"
        "biller,associate,500,part-time,advancement,10,22/h,\n"
        "earner,associate,500,part-time,advancement,10,80000,\n"
        "part-timer,ged,1500,part-time,,0,16/h,20\n",
        encoding="utf-8",
    )
    result = invoke("report", str(clients), "--start", START, "--json")
    assert result.code == 0, result.err
    report = json.loads(result.out)
    rows = {row["client"]: row for row in report["rows"]}
    assert rows["biller"]["payback_months"] is None
    assert rows["biller"]["more_pay_now"] is False
    assert rows["earner"]["more_pay_now"] is True
    assert report["payback"]["no_payback"] == ["earner"]
    assert report["payback"]["not_claimed"] == ["biller"]
    text = invoke("report", str(clients), "--start", START, env=TEXT_ENV)
    assert text.code == 0, text.err
    assert (
        "No payback in months: 1 earns more now than billing pays for their experience (earner)"
        in flat(text.out)
    )
    assert (
        "No payback claimed for 1 client already working in billing: the guide's pay goes by "
        "years of experience and gives no figure for what a certification adds (biller)."
    ) in flat(text.out)
    # Only the part-timer has months, the same as their own plan's.
    _text, plan = run_plan(invoke, *PART_TIMER, "--current-pay", "16/h", "--hours-per-week", "20")
    assert report["payback"]["clients"] == 1
    assert rows["part-timer"]["payback_months"] == plan["payback"]["months"]
    warned = {
        client for finding in report["blockers"] for client in finding["clients"]
        if finding["id"].startswith("pays-less-than-now")
    }  # fmt: skip
    assert warned == {"earner"}
    # The what-if table: the same biller at $30,000 with no experience gets months; with ten
    # years, none are claimed.
    what_if = invoke(
        *plan_args(*BILLER, "--current-pay", "30000"),
        "--what-if",
        "experience_years=0",
        env=TEXT_ENV,
    )
    assert what_if.code == 0, what_if.err
    payback_row = next(line for line in what_if.out.splitlines() if line.startswith("Payback"))
    assert "not given" in payback_row and "month" in payback_row


# --- 3. `cost` and `aid` hear where the person stands: a CPC holder is an AAPC member -------------

CPC_HOLDER = ("--education", "high-school", "--budget", "800")


def test_cost_and_aid_price_a_cpc_holder_as_the_plan_does(invoke: Any) -> None:
    _text, plan = run_plan(invoke, *CPC_HOLDER, "--schedule", "full-time", "--credentials", "CPC")
    assert plan["recommendations"]["program"] is None
    assert plan["recommendations"]["certification"]["code"] == "CPB"
    planned = {item["id"]: (item["min"], item["max"]) for item in plan["cost"]["items"]}
    # The member price, and a year of the membership it needs (it must be current to sit).
    assert planned["exam-fee"] == (349, 349) and planned["membership"] == (190, 190)
    path = ("--program", "none", "--cert", "CPB", *CPC_HOLDER, "--credentials", "cpc")
    cost = invoke("cost", *path, env=TEXT_ENV)
    assert cost.code == 0, cost.err
    text = flat(cost.out)
    assert "CPB exam fee (member)" in text and "$349" in text
    assert "You are already a member of CPB's issuer" in text
    assert "the membership it needs is counted for one year" in text
    assert "AAPC membership" in text and "costs more than the $100 it saves" not in text
    # The guide's total, and what is left of the total to plan for as the plan says it.
    newer = plan["you_pay"]["with_newer_figures"]
    assert (
        f"You pay: ${plan['cost']['total']['min']:,}-${plan['cost']['total']['max']:,}; plan for "
        f"${newer['min']:,}-${newer['max']:,} (newer reports)." in text
    )
    priced = json.loads(invoke("cost", *path, "--json").out)
    assert priced["items"] == plan["cost"]["items"]
    assert priced["total"] == plan["cost"]["total"]
    aid = invoke("aid", *path, env=TEXT_ENV)
    assert aid.code == 0, aid.err
    assert "Your answers: education high-school, budget $800, credentials CPC" in aid.out
    # A Pell Grant pays for programs: on the exam-only path it does not apply because of the
    # path, not because of a degree this person does not hold.
    assert "It pays for training programs, and this path has none." in flat(aid.out)
    assert "you have one" not in flat(aid.out)
    view = json.loads(invoke("aid", *path, "--json").out)
    assert view["money"]["total"] == {
        "min": plan["cost"]["total"]["min"],
        "max": plan["cost"]["total"]["max"],
    }
    # Without the answer, `cost` prices a non-member (as before).
    other = json.loads(invoke("cost", *path[:-2], "--json").out)
    assert {item["id"]: item["max"] for item in other["items"]}["exam-fee"] == 449


# --- 4. Training finished more than 5 years ago: the CPB by exam alone ----------------------------

OLD_TRAINING = (
    "--education", "ged", "--budget", "600", "--schedule", "part-time", "--training-done", "2017",
)  # fmt: skip


def test_old_training_leads_with_the_cpb_by_exam_alone(invoke: Any) -> None:
    text, data = run_plan(invoke, *OLD_TRAINING)
    assert data["recommendations"]["program"] is None
    assert data["recommendations"]["certification"]["code"] == "CPB"
    # Exam preparation and the exam; no training program, no externship, no enrolling.
    steps = [step["id"] for step in data["steps"]]
    assert "complete-training" not in steps and "gain-experience" not in steps
    assert "Complete training" not in text and "Apply and enroll" not in text
    assert "Research " not in text
    assert data["first_actions"][:2] == [
        "Register with AAPC for the CPB exam: AAPC asks no proof of education or experience to"
        " sit its exams. Newer reports say only members may sit it, so join AAPC when you"
        " register (the total to plan for counts the membership); the guide's figures use its"
        " fee for non-members.",
        "Get CPB exam prep materials and set a study schedule.",
    ]
    # The reason says why: AAPC's rule, and what the CBCS would need instead.
    assert "AAPC needs no proof of education or experience to sit its exams" in text
    assert "NHA's CBCS asks for a program completed within 5 years or a year of billing" in text
    assert "Program: none needed: your training is done" in text
    # The cost is the exam path's: no tuition; membership in the newer-figures total.
    items = {item["id"] for item in data["cost"]["items"]}
    assert "tuition" not in items and "exam-fee" in items
    newer = data["cost"]["total_with_newer_figures"]
    assert any("membership" in reason for reason in newer["because"])
    # Every row of "Your options" is an exam-only path (no training program).
    assert all(option["program"] is None for option in data["options"])
    # --explain: the CBCS is ruled out for the NHA reason, the CPB rule held with AAPC's.
    explained = invoke(*plan_args(*OLD_TRAINING), "--explain", env=TEXT_ENV)
    assert explained.code == 0, explained.err
    out = flat(explained.out)
    assert "Not chosen: Certified Billing and Coding Specialist (ruled out)" in out
    assert "Ruled out: Your training (2017) is more than 5 years old" in out
    assert "gather any proof of training" not in out


def test_old_training_with_a_year_of_experience_keeps_the_experience_route(invoke: Any) -> None:
    """A year of billing work qualifies for the CBCS: no AAPC-only detour."""
    text, data = run_plan(invoke, *OLD_TRAINING, "--experience-years", "1")
    assert data["recommendations"]["certification"]["code"] == "CBCS"
    assert "AAPC needs no proof" not in text
    assert "Join AAPC" not in text


def test_salary_sets_a_part_timers_pay_against_the_band_at_their_hours(invoke: Any) -> None:
    """`salary` says what the plan's warning says: $25 an hour at 20 hours beats entry pay."""
    part = json.loads(
        invoke("salary", "--current-pay", "25/h", "--hours-per-week", "20", "--json").out
    )
    assert part["current_pay"] == 26000
    assert part["current_pay_against"] == (
        "above the guide's entry-level pay at 20 hours a week ($17,500-$21,000)"
    )
    full = json.loads(invoke("salary", "--current-pay", "16/h", "--json").out)
    assert full["current_pay_against"] == "below the guide's entry-level pay"


# --- 5. A pay given by the hour is said back by the hour, with the hours it assumed -----------


def test_an_hourly_pay_is_said_back_as_given_with_the_hours_behind_the_yearly_figure(
    invoke: Any,
) -> None:
    text, _ = run_plan(invoke, *PART_TIMER, "--current-pay", "16/h", "--hours-per-week", "20")
    assert "your current pay: $16 an hour ($16,640 a year at 20 hours a week);" in text
    assert "hours a week: 20" not in text  # said with the wage, not again
    assumed = text[text.index("Assumed, as you did not say:") :]
    assert "hours a week" not in assumed.split(". If one")[0]
    text, _ = run_plan(invoke, *PART_TIMER, "--current-pay", "16/h")
    assert "your current pay: $16 an hour ($33,280 a year at 40 hours a week);" in text
    assumed = text[text.index("Assumed, as you did not say:") :].split(". If one")[0]
    assert "your hours a week: 40" in assumed
    # A yearly pay is said as given, and no hours are assumed for it.
    text, _ = run_plan(invoke, *PART_TIMER, "--current-pay", "33280")
    assert "your current pay: $33,280;" in text
    assert "hours a week" not in text[text.index("Assumed, as you did not say:") :].split(". If")[0]


# --- 6. An employer's unknown amount: programs weighed on the budget alone, as the plan says ---


def test_an_unknown_employer_amount_weighs_programs_on_the_budget_alone(invoke: Any) -> None:
    # Pell would pay a longer program, but the employer's offer is counted first and leaves it
    # nothing: the plan said "weighed on your budget alone" and then "with Pell Grants counted
    # covers the Extended Certificate", recommending it on aid it did not count.
    for budget in ("0", "500", "1500"):
        text, data = run_plan(
            invoke,
            "--education", "high-school", "--budget", budget, "--schedule", "part-time",
            "--employer-sponsor",
        )  # fmt: skip
        counted = {source["id"] for source in data["funding"]["sources"] if source["counted"]}
        assert counted == {"employer-sponsorship"}
        assert "programs are weighed on your budget alone" in text
        assert "Pell Grants counted" not in text, budget
        # Weighed without Pell: not the longer program Pell alone would have paid for.
        assert data["recommendations"]["program"]["id"] != "extended-certificate", budget


def test_the_exam_requirements_action_asks_only_for_proof_the_issuer_asks_for(
    invoke: Any,
) -> None:
    # AAPC asks no proof of education or experience for its exams (the CPB); NHA does (the
    # CBCS): the action said "gather proof of your training" to a CPC holder headed for the CPB.
    text, data = run_plan(
        invoke, "--education", "high-school", "--budget", "800", "--schedule", "full-time",
        "--credentials", "CPC",
    )  # fmt: skip
    assert data["recommendations"]["certification"]["code"] == "CPB"
    # The guide lists no prerequisites for the CPB (certifications.yaml): nothing to gather.
    assert data["first_actions"][0] == (
        "Read the CPB exam requirements (the guide lists no prerequisites for it: there is no "
        "proof to gather)."
    )
    assert "gather any proof" not in text
    # The CBCS (training or a year of billing work, with proof): what they ask for.
    text, data = run_plan(
        invoke, "--education", "high-school", "--budget", "400", "--schedule", "full-time",
        "--training-done", "2024",
    )  # fmt: skip
    assert data["recommendations"]["certification"]["code"] == "CBCS"
    assert data["first_actions"][0] == (
        "Read the CBCS exam requirements and gather any proof of training or experience they "
        "ask for."
    )


# --- 7. A stated goal is heard: the goal's path gets its own row, priced, and why not ---------

GOAL_PLAN = ("--education", "ged", "--budget", "2000", "--schedule", "part-time")


def options_table(text: str) -> str:
    return text.split("Your options", 1)[1].split("\nSteps", 1)[0]


def test_the_comprehensive_goal_shows_the_associate_degree_priced_with_why_not(
    invoke: Any,
) -> None:
    """Finding 17: a client who wants the associate degree (goal comprehensive) saw no Associate
    row; the plan recommends the Extended Certificate, and now shows the Associate Degree too."""
    flags = (*GOAL_PLAN, "--goal", "comprehensive")
    _text, data = run_plan(invoke, *flags)
    # The recommendation is the rules' (the guide's table: best for comprehensive preparation).
    assert data["recommendations"]["program"]["id"] == "extended-certificate"
    goal = [option for option in data["options"] if "goal" in option["labels"]]
    assert len(goal) == 1
    row = goal[0]
    assert row["labels"] == ["goal"]
    assert row["program"]["id"] == "associate-degree"
    # With the plan's certification, so only the program differs; Pell counted against it.
    assert row["certification"]["code"] == data["recommendations"]["certification"]["code"]
    assert row["left_to_pay"]["max"] < row["cost"]["max"]
    assert row["left_to_pay"]["max"] > 2000
    # Job-ready after the two-year degree (part-time: 36 months), later than the plan's date.
    assert row["ready_by"] > data["ready_by"]
    # What the counselor reads at 80 columns: the row, its figures, and why it is not the plan.
    table = invoke(*plan_args(*flags), env={"NO_COLOR": "1", "COLUMNS": "80"})
    assert table.code == 0, table.err
    assert max(len(line) for line in table.out.splitlines()) <= 80
    part = options_table(table.out)
    cost, left = row["cost"], row["left_to_pay"]
    line = next(line for line in part.splitlines() if line.startswith("your goal:"))
    assert "Associate Degree" in line
    assert f"${cost['min']:,.0f}-${cost['max']:,.0f}" in line
    assert f"${left['min']:,.0f}-${left['max']:,.0f}" in line
    # Why not, true against --explain: the goal's own rule (best-for-comprehensive, 3 points)
    # favors the Extended Certificate, and the budget rules favor it 2 to 1; the two paths side
    # by side. The guide is cited only for what it says.
    why = (
        'Your goal, comprehensive preparation: the guide lists "more comprehensive education" '
        "for the Associate Degree; the plan recommends the Extended Certificate, which the guide "
        "rates best for comprehensive preparation and your budget favors (the rules score it 5 "
        "against 1): it leaves $285-$530 to pay against "
        f"${left['min']:,.0f}-${left['max']:,.0f}, and is job-ready about February 15, 2028 "
        "against March 8, 2030."
    )
    assert why in flat(part)
    assert "fits your goal" not in flat(part)
    # The JSON has the facts, not the sentence.
    facts = data["goal_row"]
    assert facts["path"]["program"] == "associate-degree"
    assert (facts["basis"], facts["words"]) == ("guide-says", "More comprehensive education")
    assert facts["recommended"]["program"] == "extended-certificate"
    assert (facts["recommended_basis"], facts["recommended_words"]) == (
        "best-for",
        "Comprehensive preparation",
    )
    assert facts["scores"] == [1, 5] and facts["goal_rule_favors"] is True
    assert facts["favoring"][0] == "best-for-comprehensive"
    assert facts["favoring_answers"] == ["budget"] and facts["against"] == []
    assert facts["path"]["left_to_pay"] == row["left_to_pay"]
    you_pay = data["you_pay"]
    assert facts["recommended"]["left_to_pay"] == {"min": you_pay["min"], "max": you_pay["max"]}
    assert (facts["recommended"]["ready_by"], facts["path"]["ready_by"]) == (
        data["ready_by"],
        row["ready_by"],
    )
    alternative = next(
        item for item in data["recommendations"]["alternatives"] if item["id"] == "associate-degree"
    )
    assert not any("Your goal" in reason for reason in alternative["reasons"])
    # --explain says it among the Associate Degree's reasons, as the table does.
    explained = flat(invoke(*plan_args(*flags), "--explain", env=TEXT_ENV).out)
    assert f"Not chosen: Associate Degree (score 1) - {why}" in explained


def test_a_defaulted_goal_adds_no_row(invoke: Any) -> None:
    """Quick entry given aloud is heard; the same goal by default is not the person's: the
    table and the rest of the plan are as they were, but for the one row."""
    flags = ("--education", "ged", "--budget", "500", "--schedule", "flexible")
    stated_text, stated = run_plan(invoke, *flags, "--goal", "quick-entry")
    quiet_text, quiet = run_plan(invoke, *flags)
    assert quiet["profile"]["answered"]["goal"] == "default"
    assert stated["recommendations"]["program"] == quiet["recommendations"]["program"]
    assert not any("goal" in option["labels"] for option in quiet["options"])
    # The goal's Short Certificate is already the fastest row: it shares that row.
    shared = [option for option in stated["options"] if "goal" in option["labels"]]
    assert [option["labels"] for option in shared] == [["fastest", "goal"]]
    assert shared[0]["program"]["id"] == "short-certificate"
    unlabeled = [
        {**o, "labels": [x for x in o["labels"] if x != "goal"]} for o in stated["options"]
    ]
    assert unlabeled == quiet["options"]
    assert stated["other_path"] == quiet["other_path"]
    assert (
        "Your goal, getting into a job quickly: the guide rates the Short Certificate best for "
        "quick entry; the plan recommends the Extended Certificate, which your budget favors "
        "(the rules score it 2 against -1)"
    ) in stated_text
    assert "Your goal" not in quiet_text and "goal_row" not in quiet


def test_the_advancement_goal_is_heard_when_the_plan_recommends_another(invoke: Any) -> None:
    # The Associate Degree, the guide's path for advancement, recommended: nothing to add
    # ($12,500 covers the $1,750-$12,427 it leaves to plan for at newer figures).
    covered = ("--education", "ged", "--budget", "12500", "--schedule", "part-time")
    _text, chosen = run_plan(invoke, *covered, "--goal", "advancement")
    assert chosen["recommendations"]["program"]["id"] == "associate-degree"
    assert not any("goal" in option["labels"] for option in chosen["options"])
    # $2,000 pays too little of the degree: the Extended Certificate, ready sooner and leaving
    # less, takes its place (planner._swap), and the line that says so names the goal's degree;
    # no goal note besides (the rules' scores are not why).
    text, swapped = run_plan(invoke, *GOAL_PLAN, "--goal", "advancement")
    assert swapped["recommendations"]["program"]["id"] == "extended-certificate"
    assert swapped["swapped_from"]["program"]["id"] == "associate-degree"
    assert "goal_row" not in swapped
    assert (
        "Chosen over: Associate Degree, the guide's best for career advancement: it leaves you "
        "more to pay ($1,584-$12,229) and is ready later (about March 8, 2030)."
    ) in text
    # A budget of $300: the Extended Certificate is recommended; the Associate Degree shown.
    flags = ("--education", "ged", "--budget", "300", "--schedule", "flexible")
    text, data = run_plan(invoke, *flags, "--goal", "advancement")
    assert data["recommendations"]["program"]["id"] == "extended-certificate"
    row = next(option for option in data["options"] if "goal" in option["labels"])
    assert row["program"]["id"] == "associate-degree"
    # The goal's own rule favors the degree (best-for-advancement); the budget's favor the
    # certificate, and that is what the sentence says, with the two paths side by side (the
    # rules' CPB kept: the plan never swaps the certification that carries the goal).
    assert (
        "Your goal, career advancement: the guide rates the Associate Degree best for "
        "career advancement; the plan recommends the Extended Certificate, which your budget "
        "favors (the rules score it 1 against -1): it leaves $579-$824 to pay against "
        "$1,584-$12,229, and is job-ready about November 29, 2027 against March 1, 2029."
    ) in text
    assert data["goal_row"]["against"] == ["best-for-advancement"]
    assert data["goal_row"]["goal_rule_favors"] is False
    # With a bachelor's degree the Associate Degree is ruled out: the guide's way to advance
    # is the Extended Certificate (advancement-with-a-degree), never the degree.
    flags = ("--education", "bachelor", "--budget", "1000", "--schedule", "full-time")
    text, data = run_plan(invoke, *flags, "--goal", "advancement")
    ids = [option["program"]["id"] for option in data["options"] if option["program"]]
    assert "associate-degree" not in ids
    row = next(option for option in data["options"] if "goal" in option["labels"])
    assert row["program"]["id"] == "extended-certificate"
    # Not in the guide: the tool says the choice is its own, and cites the guide only for its
    # table (the Extended Certificate best for comprehensive preparation).
    assert data["goal_row"]["basis"] == "tool"
    assert (
        "Your goal, career advancement: this tool (not the guide) points to the "
        "Extended Certificate, as an Associate Degree would repeat the degree you hold, and of "
        "the certificates the guide rates the Extended Certificate best for comprehensive "
        "preparation; the plan recommends Online Self-Paced"
    ) in text
    assert "most comprehensive certificate" not in text


# --- 8. An exam fee paid up front: what the budget does until it is repaid -----------------


def test_a_budget_that_covers_what_is_left_but_not_the_fee_up_front_says_so(invoke: Any) -> None:
    # $130-$375 left after the GI Bill, and $155 for the exam paid first: $285-$530 out of a
    # $400 budget until the VA repays it. The plan said only "covers it".
    flags = ("--education", "high-school", "--schedule", "part-time", "--veteran")
    text, data = run_plan(invoke, *flags, "--budget", "400")
    assert data["budget"]["covers"] == "all"
    assert [item["amount"] for item in data["you_pay"]["paid_first"]] == [{"min": 155, "max": 155}]
    assert (
        "covers it; with the exam fee paid up front until the VA repays it: may fall short by up "
        "to $130." in text
    )
    path = ("--program", "short-certificate", "--cert", "CBCS", "--budget", "400", "--veteran")
    cost = invoke("cost", *path, env=TEXT_ENV)
    assert cost.code == 0, cost.err
    assert "covers it; with the exam fee paid up front until the VA repays it: may fall short" in (
        flat(cost.out)
    )
    # A budget that holds the fee too says nothing more.
    text, _ = run_plan(invoke, *flags, "--budget", "1000")
    assert "paid up front until" not in text and "covers it" in text
    # A budget that falls short already: the fee up front is said with what they pay, once.
    text, _ = run_plan(invoke, *flags, "--budget", "0")
    assert "paid up front until" not in text
    assert "plus $155 up front for the exam fee, which the VA repays after" in text
