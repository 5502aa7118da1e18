"""Money the plan should raise (a counselor's findings), run as the person runs it: WIOA for a
low earner who did not say whether they are looking for work, and the GI Bill's exam fee the
veteran pays up front before the VA repays it."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import plan_runs
import pytest
from conftest import DATA
from plan_runs import flat, text_and_json

from billing_career.knowledge.models import KnowledgeBase
from billing_career.planning.load import build_knowledge
from billing_career.planning.money import not_assessed
from billing_career.planning.planner import make_plan
from billing_career.planning.profile import build_profile
from billing_career.planning.rules import engine_for

START = "2027-01-04"
DAY = dt.date(2027, 1, 4)
TEXT_ENV = {"NO_COLOR": "1", "COLUMNS": "80"}


def plan_args(*flags: str) -> tuple[str, ...]:
    return plan_runs.plan_args(START, *flags)


def run_plan(invoke: Any, *flags: str) -> tuple[str, dict[str, Any]]:
    """The plan's text (as the person first reads it), flattened, and its JSON."""
    return text_and_json(invoke, START, TEXT_ENV, *flags)


LOW_EARNER = (
    "--current-pay", "16/h", "--hours-per-week", "20", "--education", "ged", "--budget", "1500",
    "--schedule", "part-time",
)  # fmt: skip
VETERAN = ("--veteran", "--education", "ged", "--budget", "0", "--schedule", "full-time")
WIOA_LINE = (
    'Workforce Development (WIOA): not assessed, as you did not answer "Are you out of work, '
    'laid off, or on a low income?"; answer it, or ask an American Job Center (WIOA).'
)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return build_knowledge(DATA)


def section(text: str, heading: str, after: str) -> str:
    return text[text.index(heading) : text.index(after)]


# --- 1. Known low income, WIOA never raised -------------------------------------------------


def test_a_low_earner_who_did_not_say_is_told_wioa_was_not_assessed(invoke: Any) -> None:
    text, data = run_plan(invoke, *LOW_EARNER)
    aid = section(text, "Funding and aid", "First actions")
    assert WIOA_LINE in aid
    # Named as what it is, with where to ask (the glossary explains both at first use).
    assert "American Job Center: a free public office" in aid
    assert data["not_assessed"] == [
        {
            "id": "wioa",
            "name": "Workforce Development",
            "short": "WIOA",
            "answers": ["job_seeker"],
            "refer_to": "an American Job Center (WIOA)",
        }
    ]
    # Trade Adjustment Assistance reads the same answer but is closed: never money, not named.
    assert "Trade Adjustment" not in text
    # Not assessed is not counted: WIOA is no source of the plan's money.
    assert "wioa" not in data["funding"]["counted"]
    # No flag names in a plan's body.
    assert "--job-seeker" not in text


@pytest.mark.parametrize("answer", ["--job-seeker", "--no-job-seeker"])
def test_no_source_is_named_not_assessed_once_its_question_is_answered(
    invoke: Any, answer: str
) -> None:
    text, data = run_plan(invoke, *LOW_EARNER, answer)
    assert data["not_assessed"] == []
    assert "not assessed" not in text
    # Answered yes, WIOA is weighed (and counted on its condition); answered no, it is not.
    assert ("wioa" in data["funding"]["counted"]) is (answer == "--job-seeker")


def test_a_veteran_who_did_not_say_is_told_too(invoke: Any) -> None:
    text, data = run_plan(invoke, *VETERAN)
    assert [item["id"] for item in data["not_assessed"]] == ["wioa"]
    assert WIOA_LINE in text


def test_only_a_source_that_could_pay_for_the_path_is_named(kb: KnowledgeBase) -> None:
    engine = engine_for(kb)
    start = {"start": DAY, "schedule": "full-time"}
    # A retake with no program: WIOA pays tuition and fees, which this path has none of.
    retake = build_profile(
        {**start, "education": "associate", "budget": 0, "failed_exam": ("CPB",)}
        | {"training_done": 2025}
    )
    plan = make_plan(kb, retake)
    assert plan.cost.program is None or not plan.cost.include_tuition
    assert plan.not_assessed == ()
    # With a program, the unanswered question names WIOA; answered, nothing.
    person = build_profile({**start, "education": "ged", "budget": 0})
    facts = engine.answer_facts(person)
    assert [item.id for item in not_assessed(engine, facts)] == ["wioa"]
    for given in (True, False):
        answered = build_profile({**start, "education": "ged", "budget": 0, "job_seeker": given})
        assert not_assessed(engine, engine.answer_facts(answered)) == ()


# --- 2. The veteran fronts the exam fee ---------------------------------------------------------


def test_a_veteran_s_you_pay_says_the_exam_fee_paid_up_front(invoke: Any) -> None:
    text, data = run_plan(invoke, *VETERAN)
    you = data["you_pay"]
    # What is left still counts the exam fee as the GI Bill's: $1,885-$4,330 less $1,755-$3,955.
    assert (you["min"], you["max"]) == (130, 375)
    assert you["paid_first"] == [
        {
            "id": "gi-bill",
            "name": "Veterans Benefits",
            "parts": ["exam"],
            "amount": {"min": 155, "max": 155},
            "repaid_by": "the VA",
        }
    ]
    assert (
        "You pay: $130-$375 ($1,885-$4,330 without the aid); plus $155 up front for the exam "
        "fee, which the VA repays after." in text
    )
    # What the sources say, not "it pays these in full": the guide's "covers approved
    # programs", and the VA's up to $2,000 for the exam fee.
    assert "it pays these in full" not in text
    assert (
        "(counted in full, as the guide says the GI Bill covers approved programs; an exam fee "
        "up to $2,000)" in text
    )


def test_cost_and_aid_say_the_same_up_front_fee(invoke: Any) -> None:
    path = ("--program", "short-certificate", "--cert", "CBCS")
    answers = ("--veteran", "--education", "ged", "--budget", "0")
    _, plan = run_plan(invoke, *VETERAN)
    for command in ("cost", "aid"):
        data = json.loads(invoke(command, *path, *answers, "--json").out)
        assert data["money"]["paid_first"] == plan["you_pay"]["paid_first"], command
        assert data["money"]["left_to_pay"] == {"min": 130, "max": 375}, command
        text = flat(invoke(command, *path, *answers, env=TEXT_ENV).out)
        assert (
            "You pay: $130-$375 ($1,885-$4,330 without the aid); plus $155 up front for the "
            "exam fee, which the VA repays after." in text
        ), command
        assert "it pays these in full" not in text, command


def test_no_up_front_fee_without_aid_that_repays_after(invoke: Any) -> None:
    text, data = run_plan(invoke, *LOW_EARNER, "--job-seeker")
    assert data["you_pay"]["paid_first"] == []
    assert "up front" not in text


def test_the_catalog_says_in_full_and_repaid_after_with_its_sources(kb: KnowledgeBase) -> None:
    for entry in kb.aid.funding:
        # A source counted in full on its condition (no amount the person states) says why,
        # in its sources' words: the plan's "counted in full, as ...".
        if entry.pays == "whole" and entry.amount_answer is None:
            assert entry.in_full_because, entry.aid
        repaid = entry.repaid_after
        if repaid is not None:
            assert set(repaid.parts) <= set(entry.pays_for), entry.aid
            assert kb.source(repaid.source.id).id == repaid.source.id
