"""The plan of a person who failed an exam once, as a counselor reads it: this week's actions are
to register for the retake (after the issuer's wait, where the data gives one) and to study, not
to gather proof the issuer already took; textbooks are optional for a retake of that exam, and
plan, `cost`, `aid` and the caseload report price it alike. Each run through the real command,
the plain text at 80 columns and the JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

START = "2027-01-04"
TEXT_ENV = {"NO_COLOR": "1", "COLUMNS": "80"}
PERSON = ("--education", "high-school", "--budget", "300")
CBCS_WAIT = (
    "Register for your CBCS retake for a date at least 30 days after your failed attempt, as NHA "
    "asks."
)
STUDY = (
    "Study the areas you missed on your attempt, with your exam prep materials, and set a study "
    "schedule."
)
OPTIONAL_BOOKS = (
    "Textbooks: optional for a retake, as you likely still have your study materials: counted "
    "from nothing (you have them) up to the guide's high end (you no longer do); the guide gives "
    "no price for a retake, so this is an assumption of this tool."
)


def plan_args(*flags: str) -> tuple[str, ...]:
    return (
        "plan",
        "--no-input",
        "--no-save",
        "--no-pager",
        "--start",
        START,
        "--schedule",
        "part-time",
        *flags,
    )


def plain(invoke: Any, *args: str) -> str:
    result = invoke(*args, env=TEXT_ENV)
    assert result.code == 0, result.err
    return " ".join(result.out.split())


def as_json(invoke: Any, *args: str) -> dict[str, Any]:
    result = invoke(*args, "--json")
    assert result.code == 0, result.err
    data: dict[str, Any] = json.loads(result.out)
    return data


def between(text: str, start: str, end: str) -> str:
    at = text.index(start)
    return text[at : text.index(end, at)]


def cpb_register(fee: str) -> str:
    return (
        "Register for your CPB retake: if your first purchase was a two-attempt package, it is "
        f"already paid for; after a one-attempt package, you pay the exam fee again ({fee}, as "
        "this plan counts it). Newer reports say your AAPC membership must be current to sit it."
    )


def books(cost: dict[str, Any]) -> dict[str, Any]:
    item: dict[str, Any] = next(item for item in cost["items"] if item["id"] == "textbooks")
    return item


# --- 1. This week: register for the retake and study --------------------------------------------


def test_a_cbcs_retake_starts_with_registering_after_nhas_wait_and_studying(invoke: Any) -> None:
    flags = (*PERSON, "--failed-exam", "CBCS")
    text = plain(invoke, *plan_args(*flags))
    assert f"This week: {CBCS_WAIT}" in text
    actions = between(text, "First actions for this week", "Made on")
    assert f"1. {CBCS_WAIT} 2. {STUDY}" in actions
    # NHA took the proof of training when the person first sat the exam.
    assert "gather any proof" not in text
    assert "Read the CBCS exam requirements" not in text
    data = as_json(invoke, *plan_args(*flags))
    assert data["first_actions"] == [CBCS_WAIT, STUDY]


def test_a_retake_with_no_wait_in_the_data_names_none(invoke: Any) -> None:
    # AAPC (CPB) and AMBA (CMRS): no source the data holds gives a wait, so none is said.
    for cert, register in (
        ("CPB", cpb_register("$449")),
        ("CMRS", "Register for your CMRS retake."),
    ):
        data = as_json(invoke, *plan_args(*PERSON, "--failed-exam", cert))
        assert data["first_actions"][:2] == [register, STUDY]
        assert not any("days after" in action for action in data["first_actions"])
        assert not any("exam requirements" in action for action in data["first_actions"])


def test_a_retake_with_experience_is_not_asked_to_weigh_training_again(invoke: Any) -> None:
    data = as_json(invoke, *plan_args(*PERSON, "--failed-exam", "CBCS", "--experience-years", "2"))
    assert data["first_actions"][:2] == [CBCS_WAIT, STUDY]
    assert not any("worth it" in action for action in data["first_actions"])


def test_a_first_attempt_keeps_the_requirements_to_read(invoke: Any) -> None:
    data = as_json(invoke, *plan_args(*PERSON, "--training-done", "2026"))
    assert data["first_actions"][0] == (
        "Read the CBCS exam requirements and gather any proof of training or experience they "
        "ask for."
    )
    assert not any("retake" in action for action in data["first_actions"])


def test_explain_says_why_the_retake_actions_hold(invoke: Any) -> None:
    text = plain(invoke, *plan_args(*PERSON, "--failed-exam", "CBCS"), "--explain")
    assert "exam already, so the issuer has what it asked of you then" in text
    assert "the exams you did not pass includes CBCS" in text


# --- 2. The cost of a retake: textbooks optional, one price everywhere --------------------------


def test_a_retake_counts_textbooks_as_optional_in_the_plan(invoke: Any) -> None:
    flags = (*PERSON, "--failed-exam", "CBCS")
    data = as_json(invoke, *plan_args(*flags))
    item = books(data["cost"])
    assert (item["name"], item["min"], item["max"]) == ("Textbooks (optional for a retake)", 0, 300)
    # $0-$300 textbooks, $155 exam, $30-$75 background check.
    assert (data["cost"]["total"]["min"], data["cost"]["total"]["max"]) == (185, 530)
    assert (data["you_pay"]["min"], data["you_pay"]["max"]) == (185, 530)
    assert OPTIONAL_BOOKS in data["cost"]["notes"]
    assert (data["options"][0]["cost"]["min"], data["options"][0]["cost"]["max"]) == (185, 530)
    text = plain(invoke, *plan_args(*flags))
    assert "Total cost: $185-$530 (plan for this; newer reports: $147-$530)" in text
    assert "You pay: $185-$530." in text
    assert "Textbooks (optional for a retake) $0-$300;" in text
    # The budget's words measure the same total.
    assert "Your budget of $300 covers the low end of this path's whole cost ($185-$530)" in text
    details = plain(invoke, *plan_args(*flags), "--details")
    assert OPTIONAL_BOOKS in details


def test_a_first_attempt_and_another_exam_keep_the_guides_textbooks(invoke: Any) -> None:
    data = as_json(invoke, *plan_args(*PERSON, "--training-done", "2026"))
    assert (books(data["cost"])["min"], books(data["cost"])["name"]) == (100, "Textbooks")
    assert (data["cost"]["total"]["min"], data["cost"]["total"]["max"]) == (285, 530)
    # A failed CPB with training: the CPB row is a retake, the other row a first attempt at
    # another exam (its study materials are not the ones the person has).
    for trained, other, total in (("2015", "CMRS", (329, 574)), ("2024", "CBCS", (285, 530))):
        flags = (*PERSON, "--failed-exam", "CPB", "--training-done", trained)
        data = as_json(invoke, *plan_args(*flags))
        rows = {row["certification"]["code"]: row["cost"] for row in data["options"]}
        assert (rows["CPB"]["min"], rows["CPB"]["max"]) == (479, 824)
        assert (rows[other]["min"], rows[other]["max"]) == total


def test_cost_and_aid_price_the_retake_as_the_plan_does(invoke: Any) -> None:
    plan = as_json(invoke, *plan_args(*PERSON, "--failed-exam", "CBCS"))
    path = ("--program", "none", "--cert", "CBCS")
    cost = as_json(invoke, "cost", *PERSON, "--failed-exam", "CBCS", *path)
    assert cost["total"] == plan["cost"]["total"]
    assert books(cost) == books(plan["cost"])
    assert OPTIONAL_BOOKS in cost["notes"]
    assert cost["money"]["left_to_pay"] == {"min": 185, "max": 530}
    aid = as_json(invoke, "aid", *PERSON, "--failed-exam", "CBCS", *path)
    assert aid["money"]["total"] == {"min": 185, "max": 530}
    assert aid["money"]["left_to_pay"] == cost["money"]["left_to_pay"]
    text = plain(invoke, "aid", *PERSON, "--failed-exam", "CBCS", *path)
    assert "You pay: $185-$530." in text
    text = plain(invoke, "cost", *PERSON, "--failed-exam", "CBCS", *path)
    assert "Textbooks (optional for a retake)" in text and "$185-$530" in text
    # The exam priced is not the one failed: the guide's textbooks, as for anyone.
    other = as_json(invoke, "cost", *PERSON, "--failed-exam", "CPB", *path)
    assert (books(other)["min"], other["total"]["min"]) == (100, 285)
    # The flag is named in cost's help, with what it changes.
    help_text = plain(invoke, "cost", "--help")
    assert "--failed-exam" in help_text
    assert "textbooks are optional (from $0)" in help_text


def test_the_caseload_report_sums_the_retakes_price(invoke: Any, tmp_path: Path) -> None:
    clients = tmp_path / "clients.csv"
    clients.write_text(
        "id,education,budget,schedule,failed_exam\n"
        "retake,high-school,300,part-time,CBCS\n"
        "first,high-school,300,part-time,\n",
        encoding="utf-8",
    )
    report = as_json(invoke, "report", str(clients), "--start", START)
    rows = {row["client"]: row for row in report["rows"]}
    assert rows["retake"]["total_cost"] == {"min": 185, "max": 530}
    assert rows["retake"]["first_action"] == CBCS_WAIT
    plan = as_json(invoke, *plan_args(*PERSON, "--failed-exam", "CBCS"))
    assert rows["retake"]["you_pay"] == {
        "min": plan["you_pay"]["min"],
        "max": plan["you_pay"]["max"],
    }


def test_a_retake_price_above_the_guides_low_end_is_a_data_error(invoke: Any, school: Path) -> None:
    costs = school / "costs.yaml"
    text = costs.read_text(encoding="utf-8")
    costs.write_text(
        text.replace("on_retake: {min: 0,", "on_retake: {min: 150,", 1), encoding="utf-8"
    )
    result = invoke("cost", "--data-dir", str(school))
    assert result.code == 1
    assert "costs.yaml" in result.err
    assert "on_retake.min (150) is above cost.min (100)" in result.err
    assert "Traceback" not in result.err


# --- 3. The retake plan read whole: its program line, its dates, its exam, its options ----------


def test_the_retake_plan_says_retake_where_it_said_training_done(invoke: Any) -> None:
    # A failed CPB says nothing of training (AAPC asks no proof): the plan's words say retake.
    for cert in ("CBCS", "CPB"):
        flags = (*PERSON, "--failed-exam", cert)
        text = plain(invoke, *plan_args(*flags))
        assert "Program: none needed: you retake the exam you sat" in text
        assert "your training is done" not in text
        data = as_json(invoke, *plan_args(*flags))
        assert data["ready_by_basis"] == (
            "estimate: a retake of the exam you sat, so 8 weeks of study, then the exam (an "
            "assumption of this tool)"
        )
        # Registering (2 weeks) and 8 weeks of study: the retake is past any 30-day wait of
        # an attempt made before the plan starts.
        assert data["ready_by"] == "2027-03-15"
    # Training done and no exam failed keeps its words.
    text = plain(invoke, *plan_args(*PERSON, "--training-done", "2026"))
    assert "Program: none needed: your training is done; the exam comes next" in text


def test_the_exam_section_says_the_reported_limit_on_attempts(invoke: Any) -> None:
    text = plain(invoke, *plan_args(*PERSON, "--failed-exam", "CBCS"))
    exam = between(text, "The CBCS exam", "Cost")
    assert (
        "Retakes: third parties report 3 attempts, then a 12-month wait before the next; ask NHA "
        "how many attempts you have left."
    ) in exam
    # No limit in the data for the CPB; none on a first attempt.
    text = plain(invoke, *plan_args(*PERSON, "--failed-exam", "CPB"))
    assert "Retakes:" not in text
    text = plain(invoke, *plan_args(*PERSON, "--training-done", "2026"))
    assert "Retakes:" not in text


def test_a_failed_cpb_without_training_is_not_offered_the_cmrs(invoke: Any) -> None:
    # The CMRS asks for training or experience (the guide); the CPB the person sat asked none.
    flags = (*PERSON, "--failed-exam", "CPB")
    data = as_json(invoke, *plan_args(*flags))
    assert [row["certification"]["code"] for row in data["options"]] == ["CPB"]
    cmrs = next(alt for alt in data["recommendations"]["alternatives"] if alt["id"] == "CMRS")
    assert cmrs["ruled_out"] is True
    assert "The CMRS asks for training or experience in medical billing" in cmrs["reasons"][0]
    text = plain(invoke, *plan_args(*flags))
    assert "CMRS" not in between(text, "Your options", "Steps")
    # With training or a year of experience to show, the CMRS may be weighed again.
    for more in (("--training-done", "2015"), ("--experience-years", "1")):
        data = as_json(invoke, *plan_args(*flags, *more))
        cmrs = next(alt for alt in data["recommendations"]["alternatives"] if alt["id"] == "CMRS")
        assert cmrs["ruled_out"] is False
    # A failed CBCS: NHA took proof of training, so the CMRS is not ruled out for it.
    data = as_json(invoke, *plan_args(*PERSON, "--failed-exam", "CBCS"))
    cmrs = next(alt for alt in data["recommendations"]["alternatives"] if alt["id"] == "CMRS")
    assert cmrs["ruled_out"] is False


# --- 4. The retake's actions only for the plan's own exam ---------------------------------------

CPB_FIRST = (
    "Read the CPB exam requirements (the guide lists no prerequisites for it: there is no proof "
    "to gather)."
)
CMRS_FIRST = (
    "Read the CMRS exam requirements and gather any proof of training or experience they ask for."
)


def test_a_failed_exam_already_held_plans_a_first_attempt_at_the_next(invoke: Any) -> None:
    # Held and failed: the plan picks another exam, never sat, so its first actions are a first
    # attempt's (the requirements to read), not a retake of it.
    for held, planned, first in (("CBCS", "CPB", CPB_FIRST), ("CPB", "CMRS", CMRS_FIRST)):
        flags = (*PERSON, "--credentials", held, "--failed-exam", held)
        data = as_json(invoke, *plan_args(*flags))
        assert data["cost"]["certification"]["code"] == planned
        assert data["first_actions"][:2] == [
            first,
            f"Get {planned} exam prep materials and set a study schedule.",
        ]
        text = plain(invoke, *plan_args(*flags), "--details")
        assert f"This week: {first}" in text
        assert "retake." not in between(text, "First actions for this week", "Made on")
        assert STUDY not in text
        # Its exam step is a first attempt too: no word of a retake under it.
        assert "the plan is a retake" not in text
        assert f"Prepare for and pass the {planned} exam" in text
    # The exam failed and planned: the step says it is the retake.
    text = plain(invoke, *plan_args(*PERSON, "--failed-exam", "CBCS"), "--details")
    step = between(text, "Study for and retake the CBCS exam", "Begin your career")
    assert "You took the CBCS exam and did not pass: the plan is a retake" in step


def test_an_exam_failed_other_than_the_plans_leaves_a_first_attempt(invoke: Any) -> None:
    # The CPC failed (not an entry exam): the CBCS the plan picks is a first attempt.
    data = as_json(invoke, *plan_args(*PERSON, "--failed-exam", "CPC", "--training-done", "2026"))
    assert data["cost"]["certification"]["code"] == "CBCS"
    assert data["first_actions"][0] == (
        "Read the CBCS exam requirements and gather any proof of training or experience they "
        "ask for."
    )
    assert not any("retake" in action for action in data["first_actions"])


def test_explain_says_why_the_retake_actions_do_not_hold(invoke: Any) -> None:
    flags = (*PERSON, "--credentials", "CBCS", "--failed-exam", "CBCS")
    text = plain(invoke, *plan_args(*flags), "--explain")
    assert "This plan's certification is not an exam you said you failed." in text
    text = plain(invoke, *plan_args(*PERSON, "--failed-exam", "CBCS"), "--explain")
    assert "this plan's certification is an exam you did not pass: yes" in text


def test_the_caseload_report_plans_a_first_attempt_after_a_held_exam_failed(
    invoke: Any, tmp_path: Path
) -> None:
    clients = tmp_path / "clients.csv"
    clients.write_text(
        "id,education,budget,schedule,credentials,failed_exam\n"
        "held,ged,0,part-time,CBCS,CBCS\n"
        "retake,ged,0,part-time,,CPB\n",
        encoding="utf-8",
    )
    report = as_json(invoke, "report", str(clients), "--start", START)
    rows = {row["client"]: row for row in report["rows"]}
    assert rows["held"]["first_action"] == CPB_FIRST
    assert rows["retake"]["first_action"] == cpb_register("$449")


# --- 5. A program brings its own textbooks; the failed exam is cost's default -------------------


def test_a_training_program_path_keeps_the_guides_textbooks(invoke: Any) -> None:
    for flags in (
        ("--failed-exam", "CPB", "-p", "online"),
        ("--failed-exam", "CBCS", "--cert", "CBCS", "-p", "short-certificate"),
    ):
        cost = as_json(invoke, "cost", *flags)
        item = books(cost)
        assert (item["name"], item["min"], item["max"]) == ("Textbooks", 100, 300)
        assert OPTIONAL_BOOKS not in cost["notes"]
        text = plain(invoke, "cost", *flags)
        assert "optional for a retake" not in text
        aid = as_json(invoke, "aid", *PERSON, *flags)
        assert aid["money"]["total"] == {key: cost["total"][key] for key in ("min", "max")}
    # Without the program, the same exam is a retake.
    cost = as_json(invoke, "cost", "--failed-exam", "CBCS", "--cert", "CBCS", "-p", "none")
    assert books(cost)["min"] == 0


def test_cost_and_aid_default_to_the_one_exam_failed(invoke: Any) -> None:
    plan = as_json(invoke, *plan_args(*PERSON, "--failed-exam", "CBCS"))
    flags = (*PERSON, "--failed-exam", "CBCS", "-p", "none")
    cost = as_json(invoke, "cost", *flags)
    assert cost["certification"]["code"] == "CBCS"
    assert cost["total"] == plan["cost"]["total"]
    assert (cost["total"]["min"], cost["total"]["max"]) == (185, 530)
    aid = as_json(invoke, "aid", *flags)
    assert aid["money"]["total"] == {"min": 185, "max": 530}
    for command in ("cost", "aid"):
        result = invoke(command, *flags, env=TEXT_ENV)
        assert result.code == 0
        assert " ".join(result.err.split()) == (
            "Note: priced with the CBCS exam, the one you did not pass (the default with "
            "--failed-exam); your plan may pick another certification: add --cert CODE as your "
            "plan names it."
        )
        assert "$185-$530" in result.out
    # Two entry exams failed, or none of them: the CPB stays the default, said so.
    for failed in ("CBCS,CPB", "CPC"):
        result = invoke("cost", *PERSON, "--failed-exam", failed, "-p", "none", env=TEXT_ENV)
        assert "priced with the CPB exam (the default)" in " ".join(result.err.split())
    # --cert wins, with no note.
    result = invoke("cost", *flags, "--cert", "CPB", env=TEXT_ENV)
    assert result.err == ""


def test_no_member_note_on_a_one_price_exam(invoke: Any) -> None:
    # The CBCS has one price and no membership counted: no note says otherwise.
    flags = ("--failed-exam", "CBCS", "--credentials", "CBCS", "-p", "none", "--cert", "CBCS")
    cost = as_json(invoke, "cost", *flags)
    assert "membership" not in [item["id"] for item in cost["items"]]
    assert not any("already a member" in note for note in cost["notes"])
    assert "already a member" not in plain(invoke, "cost", *flags)
    # A CPC holder pricing the CPB: the member price, and the membership counted, said.
    cost = as_json(invoke, "cost", "--credentials", "CPC", "-p", "none", "--cert", "CPB")
    assert "membership" in [item["id"] for item in cost["items"]]
    assert any(
        note.startswith("You are already a member of CPB's issuer") for note in cost["notes"]
    )
    text = plain(invoke, "cost", "--credentials", "CPC", "-p", "none", "--cert", "CPB")
    assert "You are already a member of CPB's issuer, so the member exam price applies" in text


# --- 6. A CPB retake's first action: the packages, the fee the plan counts, the membership ------


def test_a_cpb_retake_says_what_it_costs_at_the_plans_own_fee(invoke: Any) -> None:
    # The plan counts the guide's non-member $449 for a non-member, the member $349 (with the
    # membership) for a CPC holder: the action, the step and the cost list say the same fee.
    for held, fee, item_name in (
        ((), "$449", "CPB exam fee (non-member)"),
        (("--credentials", "CPC"), "$349", "CPB exam fee (member)"),
    ):
        flags = (*PERSON, *held, "--failed-exam", "CPB")
        data = as_json(invoke, *plan_args(*flags))
        exam = next(item for item in data["cost"]["items"] if item["id"] == "exam-fee")
        assert (exam["name"], f"${exam['min']}") == (item_name, fee)
        assert data["first_actions"][0] == cpb_register(fee)
        text = plain(invoke, *plan_args(*flags))
        assert f"This week: {cpb_register(fee)}" in text
        assert f"after a one-attempt package, the exam fee again, {fee}" in text


def test_an_exam_only_fallback_names_the_exam_alone(invoke: Any) -> None:
    """Without the GI Bill, a veteran's CMRS retake is still the exam alone: the Fallback line
    says so, not "no program with CMRS"."""
    args = (
        "plan",
        "--no-input",
        "--no-save",
        "--no-pager",
        "--start",
        START,
        "--education",
        "high-school",
        "--budget",
        "300",
        "--schedule",
        "full-time",
        "--failed-exam",
        "CMRS",
        "--veteran",
    )
    result = invoke(*args, env=TEXT_ENV)
    assert result.code == 0, result.err
    text = " ".join(result.out.split())
    assert "Fallback: without the aid: the CMRS exam alone, $229-$574;" in text
    assert "no program with" not in text
