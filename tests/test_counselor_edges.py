"""Small faults a workforce counselor found in plans (the GI Bill's exam fee paid first, ...),
each run as the person runs it: the real command, what they read and the JSON."""

from __future__ import annotations

from typing import Any

import plan_runs
from plan_runs import flat, text_and_json

START = "2027-01-04"
TEXT_ENV = {"NO_COLOR": "1", "COLUMNS": "100"}


def plan_args(*flags: str) -> tuple[str, ...]:
    return plan_runs.plan_args(START, *flags)


def run_plan(invoke: Any, *flags: str) -> tuple[str, dict[str, Any]]:
    """The plan's text (with --details, as a counselor reads it), flattened, and its JSON."""
    return text_and_json(invoke, START, TEXT_ENV, *flags, details=True)


# --- 1. The GI Bill repays the exam fee after the exam ----------------------------------------

VETERAN = ("--veteran", "--education", "ged", "--budget", "0", "--schedule", "full-time")


def test_a_veteran_is_told_the_exam_fee_is_paid_first_and_repaid(invoke: Any) -> None:
    text, data = run_plan(invoke, *VETERAN)
    gi_bill = next(s for s in data["funding"]["sources"] if s["name"] == "Veterans Benefits")
    # What is counted does not move: the exam fee is still among what the GI Bill pays.
    assert gi_bill["counted"] is True
    assert gi_bill["counted_as"] == {"min": 1755, "max": 3955}
    assert "exam" in gi_bill["pays_for"]
    assert "which you pay first: the VA repays it after the exam" in gi_bill["condition"]
    assert "you pay it first, then claim it with VA Form 22-0803" in gi_bill["reasons"][0]
    first = data["first_actions"][0]
    assert "you pay the test fee first; the VA repays it after the exam" in first
    assert "VA Form 22-0803" in first
    # The person reads it beside the money and in this week's step.
    assert "(and the exam, for its fee, which you pay first: the VA repays it after the exam)" in (
        text
    )
    assert "This week: Check that the school's program and the CBCS test are approved" in text
    # Before: "the VA also reimburses ... the test fee", with no word of when.
    assert "reimburses" not in text


def test_aid_and_cost_word_the_gi_bill_exam_fee_alike(invoke: Any) -> None:
    for command in (("aid", "--veteran"), ("cost", "--veteran", "--program", "short-certificate")):
        result = invoke(*command, env=TEXT_ENV)
        assert result.code == 0, result.err
        assert "which you pay first: the VA repays it after the exam" in flat(result.out), command
    aid = flat(invoke("aid", "--veteran", env=TEXT_ENV).out)
    assert "you pay the test fee first; the VA repays it after the exam" in aid


# --- 2. The without-aid row's note is true for every budget -----------------------------------


def test_the_without_aid_note_is_true_with_a_budget_of_nothing(invoke: Any) -> None:
    seen = []
    for budget in ("0", "100", "5000"):
        flags = ("--veteran", "--education", "ged", "--budget", budget, "--schedule", "full-time")
        text, data = run_plan(invoke, *flags)
        if not any("without-aid" in option["labels"] for option in data["options"]):
            continue
        # Before: "Without-aid: what your budget alone pays for", beside a $0 budget that pays
        # for nothing.
        assert "what your budget alone pays for" not in text
        assert (
            "Without-aid: the path to take if the aid does not come through, paid from your own"
            " money." in text
        )
        without = next(o for o in data["options"] if "without-aid" in o["labels"])
        # Paid from your own money: no aid in what is left to pay.
        assert without["left_to_pay"] == without["cost"], without
        seen.append(budget)
    assert seen[:2] == ["0", "100"]


# --- 3. "Even the low end" names the low end's figure -----------------------------------------


def money(value: float) -> str:
    return f"${value:,.0f}"


def test_the_short_at_the_low_end_warning_says_what_its_range_is(invoke: Any) -> None:
    flags = ("--education", "ged", "--budget", "200", "--schedule", "part-time")
    text, data = run_plan(invoke, *flags, "--job-seeker", "--snap")
    warning = next(w for w in data["warnings"] if w["rule"] == "budget-short-at-the-low-end")
    budget, total = data["budget"], data["cost"]["total"]
    aid = budget["aid_counted"]
    # The shortfall at each end: the cost at that end less the budget and the aid at that end.
    low = total["min"] - budget["amount"] - aid["min"]
    high = total["max"] - budget["amount"] - aid["max"]
    assert (low, high) == (85, 1130)
    assert budget["gap"] == {"min": low, "max": high}
    # Before: "falls short of even the low end of this path's whole cost ($1,885-$4,330), by
    # $85-$1,130": a range given for "the low end".
    assert warning["message"] == (
        "Your budget of $200 with WIOA counted falls short of this path's whole cost"
        f" ({money(total['min'])}-{money(total['max'])}) even at its low end: by {money(low)} at"
        f" the low end and {money(high)} at the high end."
    )
    assert "by $85 at the low end and $1,130 at the high end" in text


# --- 4. A state's name as it is written ---------------------------------------------------------


def test_the_state_is_named_as_it_is_written(invoke: Any) -> None:
    base = ("--education", "high-school", "--budget", "2500", "--schedule", "full-time")
    text, data = run_plan(invoke, "--state", "TX", *base)
    assert data["profile"]["state"] == "TX"
    # Before: "your state: texas (TX)".
    assert "your state: Texas (TX)" in text
    assert "texas" not in text
    # A name of two words keeps both capitals; other answers still read in lower case.
    text, _data = run_plan(invoke, "--state", "NY", *base)
    assert "your state: New York (NY)" in text
    assert "your schedule: full-time" in text


# --- 5. Optional training is dated for as long as it would take -------------------------------

BILLER = (
    "--education", "associate", "--budget", "500", "--experience-years", "10",
    "--goal", "advancement", "--current-pay", "22/h", "--schedule", "full-time",
)  # fmt: skip


def test_optional_training_runs_as_long_as_it_would_take(invoke: Any) -> None:
    text, data = run_plan(invoke, *BILLER)
    steps = {step["id"]: step for step in data["steps"]}
    training, exam = steps["complete-training"], steps["obtain-certification"]
    assert (
        training["title"]
        == "Optional: Online Self-Paced training, if you choose it; the exam does not wait for it"
    )
    # Before: it began and ended on January 18, 2027 ("Jan 18, 2027  2. Optional: ...").
    assert training["start"] == "2027-01-18"
    # Online Self-Paced at full time: the short end of 4-12 months, as its detail says.
    assert training["end"] == "2027-05-18"
    assert any("Planned as 4 months" in detail for detail in training["details"])
    # The exam and the job-ready date do not wait for it, and the plan says so.
    assert exam["start"] == "2027-01-18" and exam["end"] == "2027-02-15"
    assert data["ready_by"] == "2027-02-15"
    assert "the exam and the job-ready date do not wait for it" in text
    assert (
        "Jan 18 to May 18, 2027 2. Optional: Online Self-Paced training, if you choose it" in text
    )


# --- 6. The CHFP's issuer: the guide does not name it, and the plan says so ---------------------


def test_the_chfp_plan_says_the_guide_does_not_name_its_issuer(invoke: Any) -> None:
    text, data = run_plan(invoke, *BILLER)
    assert data["recommendations"]["certification"]["code"] == "CHFP"
    # No record in data/ says who gives the CHFP (HFMA is listed only as a professional body).
    assert "The CHFP exam - The guide does not name who gives the CHFP exam, and no source" in text
    assert '"experience + exam" and does not name who gives it' in text
    # Before: "(ask the issuer whether yours counts)", an issuer never named.
    assert "ask the issuer whether yours counts" not in text


def test_an_issuer_only_a_newer_report_names_is_given_as_reported(invoke: Any) -> None:
    from billing_career.knowledge.loader import load_knowledge
    from billing_career.render.outline import exam_lines

    kb = load_knowledge()
    assert kb.certification("CHFP").issuer is None
    assert exam_lines(kb, "CPC")[0] == (
        "Given by AAPC, a newer report says; the guide does not name who gives it."
    )
    assert exam_lines(kb, "CBCS")[0].startswith("Given by NHA (National Healthcareer Association)")


# --- 7. Vocational Rehabilitation: one action per thing to do ---------------------------------

VR_CLIENT = (
    "--disability-services", "--education", "high-school", "--budget", "100",
    "--schedule", "flexible",
)  # fmt: skip


def test_the_fafsa_is_one_action_for_a_vr_client(invoke: Any) -> None:
    text, data = run_plan(invoke, *VR_CLIENT)
    actions = data["first_actions"]
    # Before: action 1 ended "and file the FAFSA too" and action 2 was "File the FAFSA ...".
    assert [a for a in actions if "FAFSA" in a] == [
        "File the FAFSA (studentaid.gov) and ask each school's aid office whether its program can"
        " get a Pell Grant."
    ]
    assert actions[0] == (
        "Ask your state's Vocational Rehabilitation counselor to write this training into your"
        " employment plan (apply to the agency first if you have not)."
    )
    assert "file the FAFSA too" not in text
    aid = flat(invoke("aid", "--disability-services", env=TEXT_ENV).out)
    assert "(apply to the agency first if you have not)." in aid


def test_the_enroll_step_waits_for_the_vr_decision(invoke: Any) -> None:
    text, data = run_plan(invoke, *VR_CLIENT)
    enroll = data["steps"][0]
    assert enroll["id"] == "meet-requirements"
    # VR is not counted as money, but it pays only training in the employment plan: the enroll
    # step allows for its 60 days to decide (aid.yaml decides_within), not two weeks.
    vr = next(s for s in data["funding"]["sources"] if s["id"] == "vocational-rehabilitation")
    assert vr["counted"] is False
    assert vr["decides_within"]["days"] == 60
    assert (enroll["start"], enroll["end"]) == ("2027-01-04", "2027-03-05")
    assert data["steps"][1]["start"] == "2027-03-05"
    assert data["enroll_wait"] == {
        "id": "vocational-rehabilitation",
        "name": "Vocational Rehabilitation",
        "days": 60,
        "source": "vocational-rehabilitation",
    }
    said = " ".join(enroll["details"])
    assert "the agency may take up to 60 days to decide whether you are eligible" in said
    assert "if you want it to pay, enroll only once the training is in that plan" in said
    assert "Planned to end 60 days after you ask Vocational Rehabilitation" in said
    assert "The plan counts no VR money until the agency says what it pays." in flat(text)
    assert (
        "you enroll once Vocational Rehabilitation decides, within 60 days of your asking" in text
    )
    # Only for the person who said so: two weeks, and job-ready 60 days less 2 weeks sooner.
    _text, other = run_plan(invoke, *VR_CLIENT[1:])
    assert not any("60 days" in d for d in other["steps"][0]["details"])
    assert other["steps"][0]["end"] == "2027-01-18"
    assert "enroll_wait" not in other
