"""A plan whose budget cannot pay the rules' pick recommends the path it would name "Less to pay"
when that path is ready as soon or sooner (a workforce counselor's read of 20 plans: "A
counselor would recommend the one that fits"): built from that path, saying why, with the rules'
pick as a fact (JSON swapped_from). Nowhere else: a covered plan, a cheaper path ready later,
optional training, a plan behind the exclusion list, an employer's amount not known."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import json
from pathlib import Path
from typing import Any

import plan_runs
from conftest import DATA

from billing_career.knowledge.models import KnowledgeBase
from billing_career.planning.amounts import MinMax
from billing_career.planning.load import build_knowledge
from billing_career.planning.planner import Plan, Planner, make_plan
from billing_career.planning.profile import build_profile
from billing_career.render.outline import answer_lines

# The counselor's two people (the brief's commands).
LAID_OFF = {
    "education": "some-college",
    "budget": 0,
    "schedule": "full-time",
    "job_seeker": True,
    "start": dt.date(2027, 1, 4),
}
LAID_OFF_FLAGS = (
    "--education", "some-college", "--budget", "0", "--schedule", "full-time", "--job-seeker",
)  # fmt: skip
SEVENTEEN = {
    "education": "none",
    "in_high_school": True,
    "graduation": "2027-06",
    "age": 17,
    "budget": 1000,
    "schedule": "part-time",
    "start": dt.date(2026, 12, 14),
}
SEVENTEEN_FLAGS = (
    "--education", "none", "--in-high-school", "--graduation", "2027-06", "--age", "17",
    "--budget", "1000", "--schedule", "part-time",
)  # fmt: skip
TEXT_ENV = {"NO_COLOR": "1", "COLUMNS": "80"}
LAID_OFF_REASON = (
    "Short Certificate (in-person), which the guide rates best for quick entry: this path is "
    "ready as soon (about June 1, 2027) and leaves you less to pay ($285-$530 against "
    "$285-$1,330)."
)


@functools.cache
def kb() -> KnowledgeBase:
    return build_knowledge(DATA)


def _plan(answers: dict[str, Any], *, brief: bool = False) -> Plan:
    profile = build_profile({"schedule": "full-time", "start": dt.date(2027, 1, 4), **answers})
    return make_plan(kb(), profile, brief=brief)


def _line(plan: Plan, label: str) -> str | None:
    return next((line.text for line in answer_lines(plan) if line.label == label), None)


# --- the decision ---------------------------------------------------------------------------


def test_the_laid_off_person_gets_the_path_that_leaves_less() -> None:
    """$0 and WIOA: the Short Certificate leaves $285-$1,330; Online Self-Paced, ready the same
    day, $285-$530: the plan is Online Self-Paced's, built from it throughout."""
    plan = _plan(LAID_OFF)
    picked = plan.swapped_from
    assert picked is not None
    assert (picked.program.id, picked.delivery, picked.certification) == (
        "short-certificate",
        "in-person",
        "CBCS",
    )
    assert picked.left_to_pay == MinMax(285, 1330) and picked.cost == MinMax(1885, 4330)
    assert picked.ready_by == plan.ready_by == dt.date(2027, 6, 1) and picked.timing == "same"
    # Built from the swapped path: program, cost, budget, aid counted for it, steps, actions.
    assert plan.program is not None and plan.program.id == "online-self-paced"
    assert plan.delivery == "online" and plan.certification.id == "CBCS"
    assert (plan.cost.total_min, plan.cost.total_max) == (835, 2680)
    assert (plan.you_pay.min, plan.you_pay.max) == (285, 530)
    assert plan.funding.counted == ("wioa",)
    assert plan.funding.aid_counted == MinMax(550, 2150)
    training = next(step for step in plan.steps if step.id == "complete-training")
    assert "Online Self-Paced" in training.title
    assert any(action.startswith("Research Online Self-Paced") for action in plan.first_actions)
    recommended = next(row for row in plan.options if "recommended" in row.labels)
    assert recommended.path == ("online-self-paced", "CBCS")
    assert recommended.left_to_pay == MinMax(285, 530)
    # No other path is ready as soon and leaves less than the one taken.
    assert plan.other_path is None


def test_the_seventeen_year_old_gets_the_extended_certificate_with_pell() -> None:
    plan = _plan(SEVENTEEN)
    picked = plan.swapped_from
    assert picked is not None and picked.program.id == "online-self-paced"
    assert picked.left_to_pay == MinMax(835, 2680)
    assert plan.program is not None and plan.program.id == "extended-certificate"
    assert (plan.you_pay.min, plan.you_pay.max) == (285, 530)
    assert plan.funding.counted == ("federal-aid",)
    assert plan.ready_by == picked.ready_by == dt.date(2028, 7, 14)
    # Pell has a condition: the fallback the budget alone pays for comes with it.
    assert plan.fallback is not None


def test_a_covered_plan_keeps_the_rules_pick() -> None:
    """$1,500 covers the Short Certificate's $285-$1,330: Online Self-Paced is only named."""
    plan = _plan({"education": "some-college", "budget": 1500, "job_seeker": True})
    assert plan.budget.covers == "all" and plan.swapped_from is None
    assert plan.program is not None and plan.program.id == "short-certificate"
    assert plan.other_path is not None and plan.other_path.program.id == "online-self-paced"
    assert _line(plan, "Chosen over") is None


def test_a_cheaper_path_ready_later_is_never_taken() -> None:
    """$0 and an employer's $1,200: only the Extended Certificate, ready two months later, leaves
    less: named "Less to pay", not taken."""
    plan = _plan(
        {"education": "high-school", "budget": 0, "employer_sponsor": True, "employer_amount": 1200}
    )
    assert plan.budget.covers != "all" and plan.swapped_from is None
    other = plan.other_path
    assert other is not None and other.timing == "later" and other.leaves_less


def _would_swap(plan: Plan) -> bool:
    """Whether the plan's options hold a path ready as soon that leaves less, which the plan
    would take but for what it rests on."""
    other = Planner._other_path(plan.budget, False, plan.options, plan.ready_by)
    return (
        plan.budget.covers != "all"
        and other is not None
        and other.leaves_less
        and other.timing != "later"
    )


def test_optional_training_is_never_swapped() -> None:
    """A year of billing: training optional, CPB leaves $579-$824 and CBCS $285-$530, as soon."""
    plan = _plan({"education": "ged", "budget": 0, "experience_years": 1, "goal": "comprehensive"})
    assert plan.program_optional and _would_swap(plan)
    assert plan.swapped_from is None and plan.certification.id == "CPB"


def test_a_plan_behind_the_exclusion_list_is_never_swapped() -> None:
    excluded = _plan({**LAID_OFF, "record": "excluded"})
    assert excluded.gate is not None and _would_swap(excluded)
    assert excluded.swapped_from is None
    assert excluded.program is not None and excluded.program.id == "short-certificate"
    # The same person with no record: swapped.
    assert _plan({**LAID_OFF, "record": "none"}).swapped_from is not None


def test_an_employers_amount_not_known_is_never_swapped_on() -> None:
    plan = _plan(
        {"education": "none", "budget": 0, "goal": "advancement", "employer_sponsor": True}
    )
    assert plan.funding.unranked and _would_swap(plan)
    assert plan.swapped_from is None and plan.certification.id == "CPB"


def test_a_brief_plan_makes_the_same_swap() -> None:
    """The caseload report's brief plans: the same path, money and date as the full plan."""
    for answers in (LAID_OFF, SEVENTEEN, {"education": "ged", "budget": 200, "job_seeker": True}):
        full, brief = _plan(answers), _plan(answers, brief=True)
        assert full.swapped_from is not None
        assert brief.swapped_from == full.swapped_from
        assert brief.program is not None and full.program is not None
        assert brief.program.id == full.program.id and brief.delivery == full.delivery
        assert brief.certification.id == full.certification.id
        assert brief.budget == full.budget and brief.you_pay == full.you_pay
        assert brief.ready_by == full.ready_by and brief.first_actions == full.first_actions


# --- the words and the JSON -----------------------------------------------------------------


def test_the_answer_says_what_it_was_chosen_over_in_place_of_less_to_pay() -> None:
    plan = _plan(LAID_OFF)
    assert _line(plan, "Chosen over") == LAID_OFF_REASON
    assert _line(plan, "Less to pay") is None
    assert _line(plan, "Program") == "Online Self-Paced"
    seventeen = _plan(SEVENTEEN)
    assert _line(seventeen, "Chosen over") == (
        "Online Self-Paced, which the guide rates best for flexible learners: this path is ready "
        "as soon (about July 14, 2028) and leaves you less to pay ($285-$530 against "
        "$835-$2,680)."
    )


def test_a_sooner_path_and_a_certification_swap_are_worded_so() -> None:
    # $2,000, part-time, advancement: the Associate Degree with CPB is ready in 2030.
    plan = _plan(
        {"education": "ged", "budget": 2000, "schedule": "part-time", "goal": "advancement"}
    )
    text = _line(plan, "Chosen over")
    assert text is not None and text.startswith(
        "Associate Degree with CPB, which the guide rates best for career advancement: this path "
        "is ready sooner (about January 18, 2028, against February 8, 2030)"
    )
    # The same program with the cheaper certification: the program's Best For is not why.
    plan = _plan({"education": "bachelor", "budget": 1000, "goal": "advancement"})
    assert plan.program is not None and plan.swapped_from is not None
    assert plan.swapped_from.program.id == plan.program.id
    assert _line(plan, "Chosen over") == (
        "Online Self-Paced with CPB, which the rules rank first on your answers: this path is "
        "ready as soon (about June 1, 2027) and leaves you less to pay ($835-$2,680 against "
        "$1,129-$2,974)."
    )


def test_the_text_details_and_explain_say_why(invoke: Any) -> None:
    args = plan_runs.plan_args("2027-01-04", *LAID_OFF_FLAGS)
    text = invoke(*args, env=TEXT_ENV)
    assert text.code == 0, text.err
    lines = text.out.splitlines()
    # The answer block stays short: from the first line to "This week", within 22 lines.
    first = next(at for at, line in enumerate(lines) if line.startswith("Program:"))
    last = next(at for at, line in enumerate(lines) if line.startswith("This week:"))
    assert last < 22 and last - first < 15
    flat = plan_runs.flat(text.out)
    assert f"Chosen over: {LAID_OFF_REASON}" in flat
    assert "Less to pay:" not in flat
    # --details: the program's first reason.
    details = plan_runs.flat(invoke(*args, "--details", env=TEXT_ENV).out)
    why = details[details.index("Why this plan") :]
    assert why.startswith(
        f"Why this plan Program: Online Self-Paced - Recommended over {LAID_OFF_REASON}"
    )
    # --explain: under the chosen program, which does not score highest.
    explained = plan_runs.flat(invoke(*args, "--explain", env=TEXT_ENV).out)
    chosen = explained[explained.index("Chosen: Online Self-Paced") :]
    assert chosen.split(" Not chosen: ")[0].endswith(f"Recommended over {LAID_OFF_REASON}")


def test_the_json_fact_in_plan_explain_and_batch(invoke: Any, tmp_path: Path) -> None:
    args = plan_runs.plan_args("2027-01-04", *LAID_OFF_FLAGS)
    data = json.loads(invoke(*args, "--json").out)
    assert data["swapped_from"] == {
        "program": {"id": "short-certificate", "name": "Short Certificate", "optional": False},
        "delivery": "in-person",
        "certification": "CBCS",
        "cost": {"min": 1885, "max": 4330},
        "left_to_pay": {"min": 285.0, "max": 1330.0},
        "ready_by": "2027-06-01",
        "timing": "same",
    }
    assert data["recommendations"]["program"]["id"] == "online-self-paced"
    explained = json.loads(invoke(*args, "--json", "--explain").out)
    assert explained["swapped_from"] == data["swapped_from"]
    # A plan that stands: null.
    covered = plan_runs.plan_args("2027-01-04", "--education", "ged", "--budget", "6000")
    assert (
        json.loads(invoke(*covered, "--schedule", "full-time", "--json").out)["swapped_from"]
        is None
    )
    # A batch line is the same plan.
    path = tmp_path / "people.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(("education", "budget", "schedule", "job-seeker"))
        writer.writerow(("some-college", "0", "full-time", "yes"))
    batch = invoke("plan", "--batch", str(path), "--start", "2027-01-04")
    assert batch.code == 0, batch.err
    assert json.loads(batch.out.splitlines()[0]) == data


def test_cost_and_aid_for_the_swapped_path_agree_with_the_plan(invoke: Any) -> None:
    data = json.loads(invoke(*plan_runs.plan_args("2027-01-04", *LAID_OFF_FLAGS), "--json").out)
    path = ("--program", "online-self-paced", "--cert", "CBCS", "--budget", "0", "--job-seeker")
    priced = json.loads(invoke("cost", *path, "--json").out)
    assert priced["total"] == data["cost"]["total"]
    left = {"min": data["you_pay"]["min"], "max": data["you_pay"]["max"]}
    assert priced["money"]["left_to_pay"] == left
    assert priced["money"]["aid_counted"] == data["funding"]["aid_counted"]
    view = json.loads(invoke("aid", *path, "--json").out)
    assert view["money"]["left_to_pay"] == left


def test_the_report_totals_are_the_sums_of_plans_that_swap(invoke: Any, tmp_path: Path) -> None:
    columns = (
        "id", "education", "budget", "schedule", "job-seeker", "in-high-school", "graduation",
        "age",
    )  # fmt: skip
    rows = [
        ("A", "some-college", "0", "full-time", "yes", "", "", ""),
        ("B", "none", "1000", "part-time", "", "yes", "2027-06", "17"),
        ("C", "some-college", "1500", "full-time", "yes", "", "", ""),
        ("D", "ged", "200", "full-time", "yes", "", "", ""),
    ]
    path = tmp_path / "caseload.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerows(rows)
    result = invoke("report", str(path), "--start", "2027-01-04", "--json")
    assert result.code == 0, result.err
    report = json.loads(result.out)
    plans = []
    for row in rows:
        flags: list[str] = []
        for key, value in zip(columns[1:], row[1:], strict=True):
            if value == "yes":
                flags.append(f"--{key}")
            elif value:
                flags += [f"--{key}", value]
        plans.append(json.loads(invoke(*plan_runs.plan_args("2027-01-04", *flags), "--json").out))
    # Some swap, one does not.
    assert [plan["swapped_from"] is not None for plan in plans] == [True, True, False, True]
    funding = report["funding"]
    for key, get in (
        ("total_cost", lambda plan: plan_runs.plan_money(plan)["total_cost"]),
        ("aid_counted", lambda plan: plan["budget"]["aid_counted"]),
        ("you_pay", lambda plan: plan_runs.plan_money(plan)["you_pay"]),
        ("left_to_pay", lambda plan: plan_runs.plan_money(plan)["left_to_pay"]),
    ):
        assert funding[key] == {
            "min": sum(get(plan)["min"] for plan in plans),
            "max": sum(get(plan)["max"] for plan in plans),
        }, key
    programs = {item["id"]: item["count"] for item in report["by_program"]}
    assert programs == {"online-self-paced": 2, "extended-certificate": 1, "short-certificate": 1}
