"""Plan, cost, aid, report and what-if say the same money (what a workforce counselor and a
second reader found): each run as the person or the counselor runs it, the text and the JSON."""

from __future__ import annotations

import csv
import html
import io
import json
from pathlib import Path
from typing import Any

from conftest import replace_once
from plan_runs import flat, plan_args, text_and_json

START = "2026-12-14"
TEXT_ENV = {"NO_COLOR": "1", "COLUMNS": "80"}
# Wide enough that no cell of a comparison folds.
WIDE_ENV = {"NO_COLOR": "1", "COLUMNS": "250"}

# --- 1. A program the plan makes optional: `cost` and `aid` price it as the plan does ----------

BILLER = ("--education", "associate", "--budget", "500", "--experience-years", "10")
BILLER_PLAN = (*BILLER, "--schedule", "full-time", "--goal", "advancement", "--current-pay", "22/h")


def test_cost_and_aid_price_an_optional_program_as_the_plan_does(invoke: Any) -> None:
    text, plan = text_and_json(invoke, START, TEXT_ENV, *BILLER_PLAN)
    program = plan["recommendations"]["program"]
    assert (program["id"], program["optional"]) == ("online-self-paced", True)
    total = plan["cost"]["total"]
    assert (total["min"], total["max"]) == (130, 375)
    assert "Program: Online Self-Paced (optional for you)" in text
    assert "Total cost: $130-$375" in text
    path = ("--program", program["id"], "--cert", plan["recommendations"]["certification"]["code"])
    # With the plan's answers: the plan's price, and the price with the training beside it.
    priced = json.loads(invoke("cost", *path, *BILLER, "--json").out)
    assert priced["total"] == total
    assert priced["items"] == plan["cost"]["items"]
    assert priced["money"]["left_to_pay"] == {"min": 130.0, "max": 375.0}
    assert priced["optional_training"] == {
        "program": "online-self-paced",
        "name": "Online Self-Paced",
        "with_training": {"min": 680, "max": 2525},
    }
    shown = invoke("cost", *path, *BILLER, env=TEXT_ENV)
    assert shown.code == 0, shown.err
    out = flat(shown.out)
    assert "What it costs: no training (Online Self-Paced optional), CHFP exam" in out
    assert (
        "Online Self-Paced training is optional for you: your billing experience lets you take "
        "the exam without it, so its tuition and fees are left out, as your plan leaves them "
        "out. With it this path would cost $680-$2,525 instead of $130-$375." in out
    )
    assert "Tuition" not in out
    # `aid` for the same answers and path: the same.
    view = json.loads(invoke("aid", *path, *BILLER, "--json").out)
    assert view["money"]["total"] == {"min": 130, "max": 375}
    assert view["optional_training"] == priced["optional_training"]
    out = flat(invoke("aid", *path, *BILLER, env=TEXT_ENV).out)
    assert "Path: no training program (Online Self-Paced optional), CHFP exam" in out
    assert "online-self-paced" not in out  # the program's name, never its id
    assert "With it this path would cost $680-$2,525 instead of $130-$375." in out
    # Without the experience nothing is optional: the program is priced whole, as before.
    whole = json.loads(invoke("cost", *path, "--json").out)
    assert (whole["total"]["min"], whole["total"]["max"]) == (680, 2525)
    assert whole["optional_training"] is None
    assert "optional" not in flat(invoke("cost", *path, env=TEXT_ENV).out)


# --- 2. The caseload report lists the aid not assessed, and the question that decides it -------

COHORT = Path(__file__).resolve().parent.parent / "examples" / "cohort.csv"
JOB_SEEKER = "Are you out of work, laid off, or on a low income?"


def _batch_not_assessed(invoke: Any) -> dict[str, list[dict[str, Any]]]:
    """Each client's plan's not_assessed, as `plan --batch` gives it (the file's order)."""
    result = invoke("plan", "--batch", str(COHORT), "--start", START)
    assert result.code == 0, result.err
    ids = [line.split(",")[0] for line in COHORT.read_text().splitlines()[1:] if line]
    plans = [json.loads(line) for line in result.out.splitlines()]
    return {client: plan["not_assessed"] for client, plan in zip(ids, plans, strict=True)}


def test_the_report_lists_the_aid_not_assessed_as_the_plans_do(invoke: Any, tmp_path: Path) -> None:
    planned = _batch_not_assessed(invoke)
    undecided = [client for client, items in planned.items() if items]
    assert undecided == ["C-01", "C-05", "C-09"]
    # The brief plans the report is made of name the same (Planner.plan(brief=True)).
    result = invoke("report", str(COHORT), "--start", START, "--json")
    assert result.code == 0, result.err
    report = json.loads(result.out)
    for row in report["rows"]:
        assert row["not_assessed"] == planned[row["client"]], row["client"]
    # The totals are the sums of the clients' plans.
    totals = report["not_assessed"]
    assert totals["clients"] == undecided
    by_source: dict[str, list[str]] = {}
    for client, items in planned.items():
        for item in items:
            by_source.setdefault(item["id"], []).append(client)
    assert {entry["id"]: entry["clients"] for entry in totals["by_source"]} == by_source
    (wioa,) = totals["by_source"]
    assert wioa["count"] == 3
    assert (wioa["answers"], wioa["questions"]) == (["job_seeker"], [JOB_SEEKER])
    # The terminal: the follow-up list, with the question to ask.
    shown = invoke("report", str(COHORT), "--start", START, env=TEXT_ENV)
    out = flat(shown.out)
    follow_up = (
        f'Workforce Development (WIOA): 3 (C-01, C-05, C-09); ask "{JOB_SEEKER}", or send '
        "them to an American Job Center (WIOA)."
    )
    assert (
        "Aid not assessed 3 clients left an answer out that would decide an aid source "
        "(C-01, C-05, C-09): ask them, then plan again. " + follow_up in out
    )
    # Each export: a CSV column, a Markdown and an HTML section.
    files = {}
    for suffix in (".csv", ".md", ".html"):
        target = tmp_path / f"caseload{suffix}"
        written = invoke("report", str(COHORT), "--start", START, "--output", str(target))
        assert written.code == 0, written.err
        files[suffix] = target.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(files[".csv"])))
    assert {row["id"]: row["not_assessed"] for row in rows} == {
        client: f'Workforce Development (WIOA): ask "{JOB_SEEKER}"' if items else ""
        for client, items in planned.items()
    }
    assert "## Aid not assessed" in files[".md"]
    assert f"- {follow_up}" in flat(files[".md"])
    assert "<h2>Aid not assessed</h2>" in files[".html"]
    assert html.escape(follow_up, quote=True) in files[".html"]


def test_a_caseload_whose_answers_decide_every_source_says_so(invoke: Any, tmp_path: Path) -> None:
    cohort = tmp_path / "decided.csv"
    cohort.write_text(
        "id,education,budget,schedule,job-seeker\nA,ged,500,full-time,yes\n", encoding="utf-8"
    )
    data = json.loads(invoke("report", str(cohort), "--start", START, "--json").out)
    assert data["not_assessed"] == {"clients": [], "by_source": []}
    out = flat(invoke("report", str(cohort), "--start", START, env=TEXT_ENV).out)
    assert "Aid not assessed Every client's answers decide every aid source." in out


# --- 3. The what-if comparison shows the fee paid up front ---------------------------------------

VETERAN = ("--education", "high-school", "--budget", "400", "--schedule", "full-time", "--veteran")


def test_the_what_if_shows_the_fee_paid_up_front(invoke: Any) -> None:
    args = plan_args(START, *VETERAN, "--what-if", "budget=2000")
    data = json.loads(invoke(*args, "--json").out)
    plans = [data["base"], *(variant["plan"] for variant in data["what_if"])]
    for plan in plans:
        (first,) = plan["you_pay"]["paid_first"]
        assert (first["parts"], first["amount"], first["repaid_by"]) == (
            ["exam"],
            {"min": 155.0, "max": 155.0},
            "the VA",
        )
    shown = invoke(*args, env=WIDE_ENV)
    assert shown.code == 0, shown.err
    rows = _grid_rows(shown.out)
    assert rows["Up front"] == (
        "$155 for the exam fee, repaid by the VA $155 for the exam fee, repaid by the VA"
    )
    # The budget of $400 holds the $130-$375 left to pay, not that and the fee up front: said as
    # the plan's Funding line says it; $2,000 holds both.
    assert rows["Funding"] == (
        "covers it; with the exam fee paid up front until the VA repays it: may fall short by "
        "up to $130 * covers it"
    )
    plan_text = flat(invoke(*plan_args(START, *VETERAN), env=TEXT_ENV).out)
    assert (
        "with the exam fee paid up front until the VA repays it: may fall short by up to $130"
        in (plan_text)
    )


def test_a_what_if_with_nothing_paid_up_front_has_no_up_front_row(invoke: Any) -> None:
    args = plan_args(START, *VETERAN[:-1], "--what-if", "budget=2000")
    data = json.loads(invoke(*args, "--json").out)
    assert not data["base"]["you_pay"]["paid_first"]
    assert not data["what_if"][0]["plan"]["you_pay"]["paid_first"]
    rows = _grid_rows(invoke(*args, env=WIDE_ENV).out)
    assert "Left to pay" in rows
    assert "Up front" not in rows


def _grid_rows(out: str) -> dict[str, str]:
    """The comparison's rows at a width where none folds, by their name: the cells with each
    run of spaces as one."""
    rows: dict[str, str] = {}
    for line in out.split("* differs from your plan.")[0].splitlines():
        name, _, cells = line.partition("  ")
        if name and cells.strip():
            rows[name] = flat(cells)
    return rows


# --- 4. The budget warning measures the budget against the total the plan says to plan for ----

RETRAINED = ("--education", "ged", "--budget", "600", "--schedule", "full-time")
OLD_TRAINING = (*RETRAINED, "--training-done", "2017")
SHORT = ("--education", "ged", "--budget", "200", "--schedule", "full-time")


def test_the_budget_warning_measures_the_total_to_plan_for(invoke: Any) -> None:
    text, data = text_and_json(invoke, START, TEXT_ENV, *OLD_TRAINING)
    # The plan says to plan for newer reports' higher total, and what is left of it.
    total = data["cost"]["total"]
    assert (total["min"], total["max"]) == (579, 824)
    assert data["you_pay"]["with_newer_figures"] == {"min": 745, "max": 1022}
    assert "plan for $745-$1,022" in text
    # The warning measures $600 against that, as the Funding line's newer figures do.
    warnings = {warning["rule"]: warning["message"] for warning in data["warnings"]}
    assert "budget-may-fall-short" not in warnings
    assert warnings["budget-short-at-the-low-end"] == (
        "Your budget of $600 falls short of this path's whole cost ($745-$1,022) even at its "
        "low end: by $145 at the low end and $422 at the high end."
    )
    assert (
        "Funding: Your budget of $600: may fall short by up to $224; newer reports: falls "
        "short by $145-$422." in text
    )
    assert (
        "Warning: Your budget of $600 falls short of this path's whole cost ($745-$1,022) even "
        "at its low end: by $145 at the low end and $422 at the high end." in text
    )
    assert "covers the low end of this path's whole cost ($579-$824)" not in text


def test_where_newer_reports_raise_nothing_the_warning_keeps_the_guide_s_total(
    invoke: Any,
) -> None:
    """A CBCS path (no newer figure raises it): the warning's figures are the plan's total."""
    text, data = text_and_json(invoke, START, TEXT_ENV, *SHORT)
    assert data["you_pay"]["with_newer_figures"] is None
    total = data["cost"]["total"]
    cost = f"(${total['min']:,.0f}-${total['max']:,.0f})"
    warned = [w["message"] for w in data["warnings"] if w["rule"].startswith("budget-")]
    assert warned and all(cost in warning for warning in warned), (warned, cost)
    assert all(warning in text for warning in warned)


# --- 5. The CPB's membership: the action and the fee line agree ---------------------------------


def test_the_cpb_fee_line_does_not_offer_the_non_member_fee_as_a_choice(invoke: Any) -> None:
    text, data = text_and_json(invoke, START, TEXT_ENV, *OLD_TRAINING)
    assert data["recommendations"]["certification"]["code"] == "CPB"
    # The action: join AAPC, as membership is required (a newer report), which the total to
    # plan for counts; the guide's figures are its non-member fee's.
    assert data["first_actions"][0].startswith("Register with AAPC for the CPB exam")
    assert "Newer reports say only members may sit it, so join AAPC" in data["first_actions"][0]
    newer = data["cost"]["total_with_newer_figures"]["because"]
    assert any("AAPC membership, reported as required to sit the exam" in why for why in newer)
    # The fee line says the same: the guide's non-member fee is what its total counts, not a
    # choice newer reports offer; the member fee comes with the membership it needs.
    assert "$449 for others." not in text
    assert "others pay the full price" not in text
    assert (
        "Exam fee: this plan counts the guide's $449 for people who are not AAPC members." in text
    )
    assert (
        "Members pay $349, but the membership costs $190 a year in the guide ($539 in all)." in text
    )
    assert (
        "Newer reports say you must be a member to take it, so the guide's $449 for others may "
        "not be offered; they give: $425 one attempt / $499 two attempts; membership required "
        "to sit (no non-member fee); AAPC membership $157-$222 a year. The total to plan for "
        "counts the newer figures where they are higher." in text
    )


def test_without_a_report_of_required_membership_both_fees_stand(invoke: Any, school: Path) -> None:
    """A data copy with no report that the CPB needs membership: the guide's two fees, as a
    choice, since nothing here says otherwise."""
    replace_once(
        school / "certifications.yaml",
        """      - field: membership_required
        summary: AAPC membership required to sit the exam
        source: {id: mbc-training}
        reported_by: third-party
        date: "2025"
""",
        "",
    )
    result = invoke(*plan_args(START, *OLD_TRAINING), "--data-dir", str(school), env=TEXT_ENV)
    assert result.code == 0, result.err
    text = flat(result.out)
    assert (
        "Exam fee: this plan counts the guide's $449 for people who are not AAPC members." in text
    )
    assert "Members pay $349, but the membership costs $190 a year" in text
    assert "Newer reports say you must be a member" not in text
