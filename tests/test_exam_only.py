"""Plans with no training program (the training done, a credential held): what each aid source
says and asks there, and which exams the person can sit without new training. Each run as the
person runs it: the real command, the text they read and the JSON."""

from __future__ import annotations

import json
from typing import Any

import plan_runs
from plan_runs import flat, text_and_json

START = "2027-01-04"
TEXT_ENV = {"NO_COLOR": "1", "COLUMNS": "100"}

# A VR client whose training is done (the counselor's case), then with every aid answer.
VR_DONE = (
    "--education", "high-school", "--budget", "100", "--schedule", "flexible",
    "--disability-services", "--training-done", "2024",
)  # fmt: skip
EVERY_AID = ("--veteran", "--employer-sponsor", "--job-seeker", "--military-spouse", "--snap")
# Words that ask for training, a program or a FAFSA: none belongs in a plan with no program.
TRAINING_WORDS = (
    "FAFSA",
    "Pell",
    "write this training",
    "which billing programs",
    "which training providers",
    "before you enroll",
    "school's program",
    "which programs it accepts",
)


def run_plan(invoke: Any, *flags: str, details: bool = True) -> tuple[str, dict[str, Any]]:
    return text_and_json(invoke, START, TEXT_ENV, *flags, details=details)


def _sources(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {source["id"]: source for source in data["funding"]["sources"]}


def _aid_and_actions_text(text: str) -> str:
    """The plan's Funding and aid section and its first actions, as read."""
    return text[text.index("Funding and aid") : text.index("Made on")]


# --- 1. A VR client whose training is done ------------------------------------------------------


def test_a_vr_client_with_training_done_is_asked_about_the_exam_not_training(invoke: Any) -> None:
    text, data = run_plan(invoke, *VR_DONE, details=False)
    assert data["recommendations"]["program"] is None
    assert "none needed: your training is done" in text
    action = (
        "Ask your state's Vocational Rehabilitation counselor whether your employment plan can"
        " cover the CBCS exam and its preparation (apply to the agency first if you have not)."
    )
    assert action in data["first_actions"]
    assert action in text
    vr = _sources(data)["vocational-rehabilitation"]
    assert vr["counted"] is False
    assert "no source here says it pays an exam fee alone" in vr["reasons"][0]
    # Before: "write this training into your employment plan ..., and file the FAFSA
    # (studentaid.gov) too; VR pays after other grants such as Pell are sought".
    for words in TRAINING_WORDS:
        assert words not in text, words
        assert words not in json.dumps(data["first_actions"]), words
        assert words not in json.dumps(data["funding"]), words


def test_every_aid_on_an_exam_only_plan_asks_about_the_exam(invoke: Any) -> None:
    # As the person first reads it (--details adds WIOA's newer figures, whose report names Pell).
    text, data = run_plan(invoke, *VR_DONE, *EVERY_AID, details=False)
    section = _aid_and_actions_text(text)
    for words in TRAINING_WORDS:
        assert words not in section, words
        assert words not in json.dumps(data["first_actions"]), words
    sources = _sources(data)
    # The GI Bill repays an approved test fee whatever the training: counted, for the exam only.
    gi_bill = sources["gi-bill"]
    assert gi_bill["counted"] is True
    assert gi_bill["pays_for"] == ["exam"]
    assert gi_bill["counted_as"] == {"min": 155, "max": 155}
    assert gi_bill["condition"].startswith("if the exam is approved for the GI Bill")
    assert (
        "Veterans Benefits: counts $155 toward the exam fee (counted in full, as the VA repays an"
        " approved test fee; an exam fee up to $2,000)" in text
    )
    # The others pay training (their sources say nothing of an exam alone): named, not counted,
    # each with its reason, and the person asks.
    for ident in ("employer-sponsorship", "wioa", "mycaa", "vocational-rehabilitation", "snap-et"):
        assert sources[ident]["counted"] is False, ident
        assert "not counted here: the aid sought before it" not in sources[ident]["reasons"][-1]
    assert data["budget"]["aid_counted"] == {"min": 155, "max": 155}
    actions = data["first_actions"]
    for start in (
        "Check that the CBCS test is approved for the GI Bill before you sit the exam",
        "Ask your state's Vocational Rehabilitation counselor whether your employment plan can",
        "Ask your SNAP office whether its Employment and Training program can help pay for the"
        " CBCS exam",
        "Ask your employer in writing whether its sponsorship pays the CBCS exam",
        "Visit an American Job Center (some states call it WorkOne, CareerSource or Michigan"
        " Works) for help finding billing work, and ask whether WIOA can pay for the CBCS exam.",
        "Open a MyCAA account and ask a career coach whether an approved education plan can"
        " cover the CBCS exam alone",
    ):
        assert any(action.startswith(start) for action in actions), start
    # Federal aid has no program to pay: not named, and no action files for it.
    assert "federal-aid" not in sources


def test_optional_training_keeps_the_training_words(invoke: Any) -> None:
    # Experience makes training optional, and the plan still names a program: VR's training
    # and the FAFSA it asks for first stay (only a plan with no program at all drops them).
    flags = (*VR_DONE[:7], "--experience-years", "2")
    text, data = run_plan(invoke, *flags, details=False)
    assert "(optional for you)" in text
    assert any(
        "write this training into your employment plan" in action and "FAFSA" in action
        for action in data["first_actions"]
    )


def test_aid_and_cost_for_the_exam_alone_say_what_the_plan_says(invoke: Any) -> None:
    answers = ("--education", "high-school", "--budget", "100", "--disability-services")
    path = ("--program", "none", "--cert", "CBCS")
    _text, plan = run_plan(invoke, *VR_DONE, details=False)
    vr_plan = _sources(plan)["vocational-rehabilitation"]
    aid = invoke("aid", *answers, *path, "--json")
    assert aid.code == 0, aid.err
    vr_aid = next(
        o for o in json.loads(aid.out)["options"] if o["id"] == "vocational-rehabilitation"
    )
    assert vr_aid["applies"] is True
    assert vr_aid["reasons"] == vr_plan["reasons"]
    assert vr_aid["actions"] == [
        "Ask your state's Vocational Rehabilitation counselor whether your employment plan can"
        " cover the CBCS exam and its preparation (apply to the agency first if you have not)."
    ]
    for command in ("aid", "cost"):
        result = invoke(command, *answers, *path, env=TEXT_ENV)
        assert result.code == 0, result.err
        out = flat(result.out)
        assert vr_plan["reasons"][0] in out, command
        for words in ("write this training", "Pell", "FAFSA (studentaid.gov)"):
            assert words not in out.split("Other options")[0], (command, words)


# --- 2. A CPC holder with no training or experience ---------------------------------------------

CPC = ("--education", "high-school", "--budget", "800", "--schedule", "full-time")


def _certs(data: dict[str, Any]) -> list[str]:
    return [option["certification"]["code"] for option in data["options"]]


def test_a_cpc_holder_without_training_or_experience_is_not_offered_the_cbcs(invoke: Any) -> None:
    text, data = run_plan(invoke, *CPC, "--credentials", "CPC", details=False)
    assert data["recommendations"]["certification"]["code"] == "CPB"
    # Before: "least to pay, fastest: no training CBCS $285-$530", an exam NHA would not let
    # them sit (a program within 5 years or a year of billing work, with proof).
    assert "CBCS" not in _certs(data)
    assert " CBCS " not in text.split("Your options")[1].split("Steps")[0]
    explained = invoke(*plan_runs.plan_args(START, *CPC, "--credentials", "CPC"), "--explain")
    assert explained.code == 0, explained.err
    assert (
        "NHA's CBCS asks for proof of a training program completed within 5 years or of a year"
        " of billing experience" in flat(explained.out)
    )


def test_the_cbcs_stays_for_those_who_can_sit_it(invoke: Any) -> None:
    # A recent program, a year of billing work, or a CBCS attempt already sat: NHA's proof.
    for extra in (
        ("--training-done", "2024"),
        ("--experience-years", "1"),
        ("--failed-exam", "CBCS"),
    ):
        _text, data = run_plan(invoke, *CPC, "--credentials", "CPC", *extra, details=False)
        assert "CBCS" in _certs(data), extra


def test_the_cbcs_is_not_offered_without_proof_in_other_mixes(invoke: Any) -> None:
    for extra in (
        # A program outside NHA's 5 years.
        ("--credentials", "CPC", "--training-done", "2017"),
        # A failed CPB attempt alone shows no training.
        ("--failed-exam", "CPB"),
        # An old program alone (training-done-long-ago's own rule).
        ("--training-done", "2017"),
    ):
        _text, data = run_plan(invoke, *CPC, *extra, details=False)
        assert data["recommendations"]["certification"]["code"] != "CBCS", extra
        assert "CBCS" not in _certs(data), extra


def test_aid_for_a_credential_holder_says_what_their_plan_says(invoke: Any) -> None:
    # `aid` takes the credentials held: with no path named, a CPC holder (no training to do, as
    # their plan says) reads each source's words for the exam alone, never the FAFSA.
    answers = ("--education", "high-school", "--disability-services", "--veteran", "--job-seeker")
    result = invoke("aid", *answers, "--credentials", "CPC", "--json")
    assert result.code == 0, result.err
    options = {option["id"]: option for option in json.loads(result.out)["options"]}
    assert options["federal-aid"]["applies"] is False
    assert options["federal-aid"]["why_not"] == [
        "It pays for training programs, and your answers leave no training to do."
    ]
    assert options["wioa"]["pays"] == "nothing"
    assert options["gi-bill"]["pays_for"] == ["exam"]
    actions = [action for option in options.values() for action in option["actions"]]
    assert any(
        "whether your employment plan can cover the certification exam" in action
        for action in actions
    )
    for words in TRAINING_WORDS:
        assert words not in json.dumps(actions), words
    text = flat(invoke("aid", *answers, "--credentials", "CPC", env=TEXT_ENV).out)
    assert "counted as paying the exam fee in full, as the VA repays an approved test fee" in text
    # Without a credential the same answers keep the training words.
    plain = invoke("aid", *answers, "--json")
    options = {option["id"]: option for option in json.loads(plain.out)["options"]}
    assert options["federal-aid"]["applies"] is True
    assert any(
        "write this training" in action
        for action in options["vocational-rehabilitation"]["actions"]
    )
