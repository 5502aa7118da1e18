"""The first actions fit the path the plan chose: a program's actions where there is training to
enroll in, whatever exam the person failed before; a retake's where the plan's exam is the one
failed, whichever it is. Through the real command, text and JSON."""

from __future__ import annotations

from typing import Any

from plan_runs import plan_args, text_and_json

START = "2026-12-14"
TEXT_ENV = {"NO_COLOR": "1", "COLUMNS": "80"}


def test_a_failed_coding_exam_leaves_the_billing_program_to_train_for(invoke: Any) -> None:
    # The CPC is an advanced (coding) exam: sat and failed, it is no billing training done.
    flags = ("--education", "ged", "--budget", "1000", "--schedule", "full-time")
    _, data = text_and_json(invoke, START, TEXT_ENV, *flags, "--failed-exam", "CPC")
    _, plain = text_and_json(invoke, START, TEXT_ENV, *flags)
    assert data["recommendations"]["program"] is not None
    # The same first actions and steps as the person who sat no exam: research and enroll, the
    # optional preparation, the externship; no proof to gather, no straight-to-the-exam.
    assert data["first_actions"] == plain["first_actions"]
    assert any(action.startswith("Research ") for action in data["first_actions"])
    assert any(action.startswith("Apply and enroll") for action in data["first_actions"])
    assert not any("gather any proof" in action for action in data["first_actions"])
    assert [step["id"] for step in data["steps"]] == [step["id"] for step in plain["steps"]]
    explained = invoke(*plan_args(START, *flags, "--failed-exam", "CPC"), "--explain")
    assert explained.code == 0, explained.err
    assert "Your training is done, so you go straight to certification" not in explained.out


def test_an_experienced_biller_who_failed_the_chfp_is_told_to_register_for_the_retake(
    invoke: Any,
) -> None:
    text, data = text_and_json(
        invoke,
        START,
        TEXT_ENV,
        "--education",
        "high-school",
        "--schedule",
        "full-time",
        "--budget",
        "3000",
        "--experience-years",
        "5",
        "--goal",
        "advancement",
        "--failed-exam",
        "CHFP",
    )
    assert data["recommendations"]["certification"]["code"] == "CHFP"
    # Before: no action at all (the retake's rule named only the entry exams; the experienced
    # biller's actions were for a first attempt).
    assert data["first_actions"][0] == "Register for your CHFP retake."
    assert "This week: Register for your CHFP retake." in text
    # The steps and the date's basis say a retake too, as the actions do.
    titles = [step["title"] for step in data["steps"]]
    assert titles[0] == "Register for your CHFP retake"
    assert "Study for and retake the CHFP exam" in titles
    assert "a retake of the exam you sat" in data["ready_by_basis"]


def test_an_exam_only_plan_has_no_action_about_a_program(invoke: Any) -> None:
    # A CPC holder with five years of billing: the CHFP by exam alone, no program named.
    _, data = text_and_json(
        invoke,
        START,
        TEXT_ENV,
        "--education",
        "high-school",
        "--budget",
        "1000",
        "--schedule",
        "part-time",
        "--credentials",
        "CPC",
        "--experience-years",
        "5",
        "--goal",
        "advancement",
    )
    assert data["recommendations"]["program"] is None
    # Before: "Decide whether training training is worth it for you, ..." ({program} of none).
    assert data["first_actions"]
    assert not any("training training" in action for action in data["first_actions"])
    assert not any(action.startswith("Decide whether") for action in data["first_actions"])


def test_a_retake_s_reason_names_the_exam_the_plan_retakes(invoke: Any) -> None:
    flags = ("--education", "ged", "--budget", "0", "--schedule", "part-time")
    args = plan_args(START, *flags, "--failed-exam", "CPB,CBCS", "--explain")
    result = invoke(*args, env=TEXT_ENV)
    assert result.code == 0, result.err
    text = " ".join(result.out.split())
    assert "You sat the CBCS exam already, so the issuer has what it asked of you then" in text
    assert "You sat the CBCS (" not in text and "CPB (Certified Professional Biller) exam" not in (
        text
    )


def test_a_failed_coding_exam_does_not_undo_old_training_s_route(invoke: Any) -> None:
    # Training done in 2017: the CPB by exam alone (AAPC asks no proof). A failed CPC besides is
    # no billing exam sat: the same route, not a new program.
    flags = ("--education", "high-school", "--budget", "600", "--schedule", "part-time")
    _, old = text_and_json(invoke, START, TEXT_ENV, *flags, "--training-done", "2017")
    _, both = text_and_json(
        invoke, START, TEXT_ENV, *flags, "--training-done", "2017", "--failed-exam", "CPC"
    )
    for data in (old, both):
        assert data["recommendations"]["program"] is None
        assert data["recommendations"]["certification"]["code"] == "CPB"
    assert both["first_actions"] == old["first_actions"]
