"""Exam-only plans for credential holders and retakes, read as a second reader and a counselor
read them: which plans train (and so may lead to the CBCS), the reason a plan gives for having
no training, the AAPC membership a plan without training asks, SNAP's work rule where there is
no training, and the FAFSA where there is no program. Each through the real command, text and
JSON."""

from __future__ import annotations

import json
from typing import Any

import plan_runs
from plan_runs import flat, text_and_json

START = "2026-12-14"
TEXT_ENV = {"NO_COLOR": "1", "COLUMNS": "80"}
NO_PROOF = "NHA's CBCS asks for proof of a training program completed within 5 years"


def run_plan(invoke: Any, *flags: str, details: bool = False) -> tuple[str, dict[str, Any]]:
    return text_and_json(invoke, START, TEXT_ENV, *flags, details=details)


def explained(invoke: Any, *flags: str) -> str:
    result = invoke(*plan_runs.plan_args(START, *flags), "--explain", env=TEXT_ENV)
    assert result.code == 0, result.err
    return flat(result.out)


def _certs(data: dict[str, Any]) -> list[str]:
    return [option["certification"]["code"] for option in data["options"]]


# --- 1. Which plans have no training: the CBCS rule fires only there ----------------------------

GED = ("--education", "ged", "--budget", "0", "--schedule", "part-time")


def test_a_failed_exam_the_plan_does_not_retake_keeps_training_and_the_cbcs(invoke: Any) -> None:
    # A failed CPC (or CHFP, CMA) is no retake here: the plan trains the person, and the
    # finished program is NHA's proof. Before, the CBCS was "Ruled out: This plan has no new
    # training" on a plan with a training program.
    for failed in ("CPC", "CHFP", "CMA"):
        text, data = run_plan(invoke, *GED, "--failed-exam", failed)
        assert data["recommendations"]["program"] is not None, failed
        assert data["recommendations"]["certification"]["code"] == "CBCS", failed
        assert "Certification: CBCS" in text, failed
    assert NO_PROOF not in explained(invoke, *GED, "--failed-exam", "CPC")


def test_a_credential_held_or_a_failed_cpb_means_no_training_and_no_cbcs(invoke: Any) -> None:
    for flags in (("--credentials", "CPC"), ("--failed-exam", "CPB")):
        _text, data = run_plan(invoke, *GED, *flags)
        assert data["recommendations"]["program"] is None, flags
        assert "CBCS" not in _certs(data), flags
        assert f"Ruled out: This plan has no new training, and {NO_PROOF}" in explained(
            invoke, *GED, *flags
        ), flags
    # A year of billing work is NHA's proof: the CPC holder may sit the CBCS.
    _text, data = run_plan(invoke, *GED, "--credentials", "CPC", "--experience-years", "1")
    assert "CBCS" in _certs(data)


# --- 2. The reason a credential holder's plan has no training ------------------------------------

CPC = ("--education", "high-school", "--budget", "800", "--schedule", "full-time")


def test_a_cpc_holder_is_told_the_credential_is_why_not_training_done(invoke: Any) -> None:
    text, data = run_plan(invoke, *CPC, "--credentials", "CPC")
    assert "Program: none needed: you hold the CPC; the exam comes next" in text
    assert "your training is done" not in text
    assert data["ready_by_basis"].startswith("estimate: you hold the CPC, so 4 weeks of exam")
    assert "training is done" not in data["ready_by_basis"]
    # Two held: both named.
    text, _data = run_plan(invoke, *CPC, "--credentials", "CPC,CMA")
    assert "none needed: you hold the CPC and CMA; the exam comes next" in text
    # Training done and nothing held keeps its own reason.
    text, data = run_plan(invoke, *CPC, "--training-done", "2024")
    assert "Program: none needed: your training is done; the exam comes next" in text
    assert "your training is done, so" in data["ready_by_basis"]


# --- 3. Old training and the CPB: membership in the action and the cost -------------------------

OLD = (
    "--education",
    "ged",
    "--budget",
    "600",
    "--schedule",
    "part-time",
    "--training-done",
    "2017",
)


def test_old_training_cpb_action_and_cost_tell_one_story(invoke: Any) -> None:
    text, data = run_plan(invoke, *OLD)
    assert data["recommendations"]["certification"]["code"] == "CPB"
    first = data["first_actions"][0]
    # Before: "Join AAPC ... only membership", beside a cost with the guide's non-member $449
    # and no membership in it.
    assert "only membership" not in first
    assert first.startswith("Register with AAPC for the CPB exam")
    assert "the total to plan for counts the membership" in first
    assert "the guide's figures use its fee for non-members" in first
    assert first in text
    # The cost the action points at: the guide's non-member fee, and newer reports' total
    # (membership required) to plan for, higher than the guide's.
    assert "CPB exam fee (non-member) $449" in flat(
        invoke(*plan_runs.plan_args(START, *OLD), "--details", env=TEXT_ENV).out
    )
    total = data["cost"]["total"]
    newer = data["cost"]["total_with_newer_figures"]
    assert newer["min"] > total["min"] and newer["max"] > total["max"]
    assert "plan for $745-$1,022" in text


def test_explain_says_what_the_trained_fact_tests_without_a_double_negative(invoke: Any) -> None:
    text = explained(invoke, *OLD)
    assert "Program: none needed: your training is done" in text
    # Before: "Also checked, not true for you: your training is done (...): no", read as
    # "your training is not done" beside a Program line saying it is.
    assert (
        "your training is done (a certification held, a program completed, or the CBCS, CPB or"
        " CMRS exam sat): no" not in text
    )
    assert (
        "Also checked, not true for you: you have no training yet (no certification held, no"
        " program completed, no CBCS, CPB or CMRS exam sat)" in text
    )
    assert (
        "Not so: you have no training yet (no certification held, no program completed, no"
        " CBCS, CPB or CMRS exam sat) -" in text
    )
    # The person's facts keep the plain label and their own value.
    assert (
        "your training is done (a certification held, a program completed, or the CBCS, CPB or"
        " CMRS exam sat): yes" in text
    )
    # Someone with no training at all: the statement holds for them.
    fresh = explained(invoke, "--education", "ged", "--budget", "600", "--schedule", "part-time")
    assert (
        "Held: your billing experience is less than 1 year (yours: 0 years); you have no" in fresh
    )
    assert (
        "you have no training yet (no certification held, no program completed, no exam sat) (yours"
        not in fresh
    )


# --- 4. SNAP's work rule where there is no training ----------------------------------------------

SNAP_CPC = ("--education", "associate", "--budget", "0", "--schedule", "full-time", "--snap")
TRAINING_COUNTS = "Training can help you keep SNAP"
RULE_ONLY = (
    "To keep SNAP, its 3-month time limit asks adults 18-64 for 80 hours a month (since July 4,"
    " 2025; parents of a child under 14 are exempt)."
)


def test_snap_on_an_exam_only_plan_says_the_rule_not_that_training_counts(invoke: Any) -> None:
    text, data = run_plan(invoke, *SNAP_CPC, "--credentials", "CPC", details=True)
    assert data["recommendations"]["program"] is None
    assert TRAINING_COUNTS not in text
    assert RULE_ONLY in text
    # The rule's figures stay in the JSON, from the data.
    snap = next(s for s in data["funding"]["sources"] if s["id"] == "snap-et")
    assert snap["work_rule"]["hours_a_month"] == 80
    # A plan that trains keeps the training words.
    text, data = run_plan(invoke, *SNAP_CPC, details=True)
    assert data["recommendations"]["program"] is not None
    assert TRAINING_COUNTS in text
    assert RULE_ONLY not in text


def test_snap_in_aid_for_a_credential_holder_says_the_rule_only(invoke: Any) -> None:
    answers = ("aid", "--education", "associate", "--snap")
    held = flat(invoke(*answers, "--credentials", "CPC", env=TEXT_ENV).out)
    assert TRAINING_COUNTS not in held
    assert RULE_ONLY in held
    plain = flat(invoke(*answers, env=TEXT_ENV).out)
    assert TRAINING_COUNTS in plain


# --- 5. `aid`: no FAFSA where there is no program, education answered or not --------------------

NO_PROGRAM = "It pays for training programs, and this path has none."


def _federal(invoke: Any, *flags: str) -> dict[str, Any]:
    result = invoke("aid", *flags, "--json")
    assert result.code == 0, result.err
    options = json.loads(result.out)["options"]
    found: dict[str, Any] = next(o for o in options if o["id"] == "federal-aid")
    return found


def test_aid_on_a_path_without_a_program_says_fafsa_does_not_apply(invoke: Any) -> None:
    retake = ("--failed-exam", "CBCS", "--veteran", "--budget", "100", "-p", "none")
    for extra in ((), ("--education", "ged")):
        federal = _federal(invoke, *retake, *extra)
        assert federal["applies"] is False, extra
        assert federal["why_not"] == [NO_PROGRAM], extra
        text = flat(invoke("aid", *retake, *extra, env=TEXT_ENV).out)
        assert "Federal Financial Aid (does not apply)" in text, extra
        assert "Federal Financial Aid (not assessed)" not in text, extra
    # With a program on the path and no education answer, it is still not assessed.
    federal = _federal(invoke, "--veteran", "--budget", "100", "-p", "extended-certificate")
    assert federal["applies"] is None
    # A credential held, no path named, no education answer: no training, no FAFSA.
    federal = _federal(invoke, "--credentials", "CPC", "--veteran")
    assert federal["applies"] is False
    assert federal["why_not"] == [
        "It pays for training programs, and your answers leave no training to do."
    ]


def test_a_yes_no_statement_for_an_unknown_answer_is_a_data_error(invoke: Any, school: Any) -> None:
    path = school / "rules.yaml"
    text = path.read_text(encoding="utf-8")
    broken = text.replace(
        '      "no": you have no training yet', "      maybe: you have no training yet"
    )
    assert broken != text
    path.write_text(broken, encoding="utf-8")
    result = invoke("--data-dir", str(school), *plan_runs.plan_args(START, *OLD))
    assert result.code == 1
    assert "labels: values: trained: unknown value maybe. Known: yes, no." in result.err
