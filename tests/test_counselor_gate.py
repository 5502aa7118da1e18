"""What a counselor still corrected after the exclusion gate was built: an excluded person's
actions for this week, the condition in the calendar and the options rows, the caseload report
speaking of the client, a record the person would rather not name, the answered line's words, a
retake's steps, and the FAFSA beside Vocational Rehabilitation. Each run as the person runs it:
the real command, what they read (the plain plan, at 80 columns) and the JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

START = "2027-01-04"
TEXT_ENV = {"NO_COLOR": "1", "COLUMNS": "80"}
EXCLUDED = ("--record", "excluded", "--education", "high-school", "--budget", "3000")
CHECK = (
    "Before paying any tuition, search the free OIG exclusion list (LEIE, "
    "oig.hhs.gov/exclusions) for your name and find out when your exclusion ends."
)
ONLY = "Only once you are off the exclusion list (reinstated). "
SEARCH = "Before paying any tuition, search the free OIG exclusion list"


def plan_args(*flags: str) -> tuple[str, ...]:
    """The plan command; a budget and a schedule where the flags give none."""
    given = (
        *(() if "--budget" in flags else ("--budget", "3000")),
        *(() if "--schedule" in flags else ("--schedule", "full-time")),
    )
    return ("plan", "--no-input", "--no-save", "--no-pager", "--start", START, *given, *flags)


def plain_plan(invoke: Any, *flags: str) -> str:
    """The plan as the person reads it first (no --details), its lines joined."""
    result = invoke(*plan_args(*flags), env=TEXT_ENV)
    assert result.code == 0, result.err
    return " ".join(result.out.split())


def plan_json(invoke: Any, *flags: str) -> dict[str, Any]:
    result = invoke(*plan_args(*flags), "--json")
    assert result.code == 0, result.err
    data: dict[str, Any] = json.loads(result.out)
    return data


def between(text: str, start: str, end: str) -> str:
    at = text.index(start)
    return text[at : text.index(end, at)]


# --- 1. Excluded: this week is the check; the rest waits for it ---------------------------------


def test_an_excluded_person_is_sent_to_the_check_this_week_and_nothing_else(invoke: Any) -> None:
    flags = (*EXCLUDED, "--schedule", "full-time")
    text = plain_plan(invoke, *flags)
    actions = between(text, "First actions for this week", "Made on")
    assert actions.startswith(f"First actions for this week 1. {CHECK} 2. Everything else")
    # Nothing that spends money or time on training this week, the FAFSA included.
    for held in ("FAFSA", "Research Short Certificate", "payment plan", "Apply and enroll"):
        assert held not in actions
    assert 'then go on from step 2, "Choose your program, arrange the money and enroll".' in (
        actions
    )
    assert f"This week: {CHECK}" in text
    data = plan_json(invoke, *flags)
    assert data["first_actions"] == [CHECK, data["gate"]["later_action"]]
    assert data["steps"][1]["title"] == "Choose your program, arrange the money and enroll"


def test_without_a_diploma_the_check_comes_first_then_the_diploma(invoke: Any) -> None:
    # The diploma is a step before the check (not resting on it): its action stays, after it.
    data = plan_json(invoke, "--record", "excluded", "--education", "none", "--budget", "3000")
    actions = data["first_actions"]
    assert actions[0] == CHECK
    assert actions[1].startswith("Find a high school diploma or GED program")
    assert actions[2].endswith(
        'go on from step 3, "Choose your program, arrange the money and enroll".'
    )
    assert len(actions) == 3
    assert [step["id"] for step in data["steps"][:2]] == ["earn-diploma", "check-exclusion"]


def test_an_experienced_excluded_person_is_not_sent_to_the_exam_this_week(invoke: Any) -> None:
    # The exam's own first steps (its requirements, prep materials) rest on the check too.
    data = plan_json(invoke, *EXCLUDED, "--experience-years", "3")
    actions = data["first_actions"]
    assert actions[0] == CHECK
    assert len(actions) == 2
    assert actions[1].endswith(
        'then go on from step 2, "Choose your certification exam and register".'
    )
    assert not any("exam prep materials" in action for action in actions)


def test_a_conviction_keeps_its_actions_for_this_week(invoke: Any) -> None:
    # No gate: the search comes first and the rest of the week's actions stay.
    data = plan_json(invoke, "--record", "conviction", "--education", "high-school")
    assert data["gate"] is None
    assert data["first_actions"][0].startswith(SEARCH)
    assert "Apply and enroll in the program you choose." in data["first_actions"]


# --- 2. The calendar's exam and renewal, and the options rows, carry the condition -------------


def test_the_calendar_exam_and_renewal_and_the_option_rows_say_the_condition(
    invoke: Any, tmp_path: Path
) -> None:
    calendar = tmp_path / "plan.ics"
    result = invoke(*plan_args(*EXCLUDED, "--export", str(calendar)))
    assert result.code == 0, result.err
    # Folded lines unfolded (RFC 5545: a line break and one space).
    text = calendar.read_bytes().decode("utf-8").replace("\r\n ", "")
    events = text.split("BEGIN:VEVENT")[1:]
    exam = next(event for event in events if "SUMMARY:Finish by: the CBCS exam" in event)
    renewal = next(event for event in events if "SUMMARY:CBCS first renewal due" in event)
    assert f"DESCRIPTION:{ONLY}Sit the Certified Billing" in exam
    assert f"DESCRIPTION:{ONLY}CBCS renews every 2 years" in renewal
    data = plan_json(invoke, *EXCLUDED)
    condition = "if you are off the exclusion list before training starts"
    assert data["options"] and all(
        row["ready_by_condition"] == condition for row in data["options"]
    )
    # Without the record, no condition anywhere.
    plain = tmp_path / "plain.ics"
    flags = ("--education", "high-school", "--budget", "3000", "--export", str(plain))
    assert invoke(*plan_args(*flags)).code == 0
    assert "Only once you are off" not in plain.read_text(encoding="utf-8")
    rows = plan_json(invoke, "--education", "high-school", "--budget", "3000")["options"]
    assert all(row["ready_by_condition"] is None for row in rows)


# --- 3 and 4. The caseload report speaks of the client; a record not named -----------------------


def test_the_report_speaks_of_the_client_and_labels_a_record_true_for_both(
    invoke: Any, tmp_path: Path
) -> None:
    cohort = tmp_path / "cohort.csv"
    cohort.write_text(
        "id,education,budget,schedule,record\n"
        "C-01,high-school,3000,full-time,excluded\n"
        "C-02,high-school,3000,full-time,conviction\n"
        "C-04,high-school,3000,full-time,prefer-not-to-say\n",
        encoding="utf-8",
    )
    said = "whose date holds only if they are off the exclusion list before training starts."
    text = invoke("report", str(cohort), "--start", START, "--no-pager", env=TEXT_ENV)
    assert text.code == 0, text.err
    words = " ".join(text.out.split())
    assert f"Not in the chart: 1 client (C-01), {said}" in words
    assert "if you are off" not in words
    # A conviction and a record not named, under one label true of both.
    assert "Warning: a record that may bring exclusion: 2 (C-02, C-04)" in words
    assert "conviction that may bring" not in words
    for suffix in ("md", "html"):
        target = tmp_path / f"caseload.{suffix}"
        written = invoke("report", str(cohort), "--start", START, "--output", str(target))
        assert written.code == 0, written.err
        page = " ".join(target.read_text(encoding="utf-8").split())
        assert said in page, suffix
        assert "if you are off" not in page, suffix


def test_a_record_not_named_gets_the_search_as_its_first_action(invoke: Any) -> None:
    for record in ("prefer-not-to-say", "conviction"):
        data = plan_json(invoke, "--record", record, "--education", "high-school")
        assert data["first_actions"][0].startswith(f"{SEARCH} (LEIE, oig.hhs.gov/exclusions)")
        assert sum(SEARCH in action for action in data["first_actions"]) == 1
        # The warning asks for the same search.
        assert [w["rule"] for w in data["warnings"]].count("record-may-bring-exclusion") == 1


# --- 5. The answered line's words ---------------------------------------------------------------


def test_the_answered_line_says_a_conviction_and_the_goal_as_asked(invoke: Any) -> None:
    text = plain_plan(invoke, "--record", "conviction", "--education", "high-school")
    assert "your record: a conviction;" in text
    assert "A conviction" not in text
    flags = (
        *("--education", "associate", "--budget", "500", "--experience-years", "10"),
        *("--goal", "advancement", "--current-pay", "22/h", "--schedule", "part-time"),
    )
    text = plain_plan(invoke, *flags)
    assert "your goal: career advancement;" in text
    assert "later on" not in text


# --- 6. A retake: the wait and the fee in the plain plan, and step 1 for a retake ---------------


def test_a_retake_says_the_wait_and_the_fee_without_details(invoke: Any) -> None:
    flags = ("--failed-exam", "CBCS", "--education", "high-school", "--budget", "300")
    text = plain_plan(invoke, *flags, "--schedule", "part-time")
    steps = between(text, "Steps", "The CBCS exam")
    assert "1. Register for your CBCS retake" in steps
    assert "Choose your certification exam" not in steps
    assert (
        "2. Study for and retake the CBCS exam: no sooner than 30 days after the failed "
        "attempt; each attempt is reported to cost the exam fee again, $155"
    ) in steps
    # A CPB retake: AAPC sells one- and two-attempt packages (no wait the data holds), so a
    # retake may cost nothing more; the fee named is the plan's own price, not the $349-$449.
    flags = ("--failed-exam", "CPB", "--training-done", "2026", "--education", "high-school")
    text = plain_plan(invoke, *flags, "--budget", "800", "--schedule", "part-time")
    steps = between(text, "Steps", "The CPB exam")
    assert "1. Register for your CPB retake" in steps
    assert (
        "2. Study for and retake the CPB exam: a two-attempt exam package may cover this retake "
        "(packages are sold for one attempt or two); after a one-attempt package, the exam fee "
        "again, $449"
    ) in steps
    assert "each attempt costs" not in text
    assert "$349-$449" not in steps
    assert "days after the failed attempt" not in steps
    data = plan_json(invoke, *flags, "--budget", "800", "--schedule", "part-time")
    exam = next(item for item in data["cost"]["items"] if item["id"] == "exam-fee")
    assert (exam["min"], exam["max"]) == (449, 449)
    # The package's source is named in the step's details.
    details = " ".join(data["steps"][1]["details"])
    assert "The retake's fee: Medical Billing and Coding Training" in details
    # A CMRS retake: no source gives a wait or a fee again, so the plan says "retake" alone.
    text = plain_plan(invoke, "--failed-exam", "CMRS", "--education", "high-school")
    steps = between(text, "Steps", "The CMRS exam")
    assert "2. Study for and retake the CMRS exam Feb 15 to Apr 12, 2027 3." in steps
    assert "fee again" not in text
    assert "days after the failed attempt" not in text
    # A first attempt keeps its words.
    text = plain_plan(invoke, "--education", "high-school", "--experience-years", "2")
    assert "Register for your" not in text
    assert "Prepare for and pass the CBCS exam" in text


# --- 7. Vocational Rehabilitation: the FAFSA exactly once ---------------------------------------


def test_the_fafsa_is_said_once_where_federal_aid_applies_and_never_with_a_bachelors(
    invoke: Any,
) -> None:
    # Federal aid applies (no bachelor's degree): the FAFSA once, by its own action or by VR's
    # where the path has no program for it (training optional).
    for case in (
        ("--education", "high-school", "--experience-years", "2"),  # training optional
        ("--education", "high-school"),
    ):
        flags = (*case, "--budget", "500", "--schedule", "full-time", "--disability-services")
        actions = plan_json(invoke, *flags)["first_actions"]
        fafsa = [action for action in actions if "FAFSA" in action]
        assert len(fafsa) == 1, (case, actions)
        assert any("Vocational Rehabilitation counselor" in action for action in actions), case
    text = plain_plan(
        invoke,
        *("--education", "high-school", "--budget", "500", "--schedule", "full-time"),
        *("--disability-services", "--experience-years", "2"),
    )
    assert (
        "Vocational Rehabilitation counselor to write this training into your employment plan "
        "(apply to the agency first if you have not), and file the FAFSA (studentaid.gov) too"
    ) in text
    # A bachelor's degree: no Pell Grant, so neither VR's action nor any other names the FAFSA,
    # as --explain says.
    for case in (
        ("--education", "bachelor"),
        ("--education", "bachelor", "--experience-years", "2"),
    ):
        flags = (*case, "--budget", "500", "--schedule", "part-time", "--disability-services")
        actions = plan_json(invoke, *flags)["first_actions"]
        assert not [action for action in actions if "FAFSA" in action or "Pell" in action], case
        assert any("Vocational Rehabilitation counselor" in action for action in actions), case
        explained = invoke(*plan_args(*flags), "--explain", env=TEXT_ENV)
        assert "A Pell Grant is only for people without a bachelor's degree" in " ".join(
            explained.out.split()
        )


def test_the_report_sends_to_the_fafsa_exactly_the_clients_whose_actions_file_it(
    invoke: Any, tmp_path: Path
) -> None:
    rows = {
        "V-01": "high-school,500,full-time,2",  # training optional: VR's action files it
        "V-02": "high-school,500,full-time,0",  # federal aid's own action
        "V-03": "bachelor,500,part-time,0",  # no Pell Grant: no FAFSA anywhere
        "V-04": "bachelor,500,part-time,2",
    }
    cohort = tmp_path / "vr.csv"
    cohort.write_text(
        "id,education,budget,schedule,experience-years,disability-services\n"
        + "".join(f"{client},{answers},yes\n" for client, answers in rows.items()),
        encoding="utf-8",
    )
    result = invoke("report", str(cohort), "--start", START, "--json")
    assert result.code == 0, result.err
    report = json.loads(result.out)
    referred = {referral["id"]: set(referral["clients"]) for referral in report["referrals"]}
    assert referred["federal-aid"] == {"V-01", "V-02"}
    assert referred["vocational-rehabilitation"] == set(rows)
    for row in report["rows"]:
        fafsa = any("FAFSA" in action for action in single_actions(invoke, rows[row["client"]]))
        assert fafsa == (row["client"] in referred["federal-aid"]), row["client"]


def single_actions(invoke: Any, answers: str) -> list[str]:
    """A client's first actions, planned alone from the report row's answers."""
    education, budget, schedule, years = answers.split(",")
    flags = ("--education", education, "--budget", budget, "--schedule", schedule)
    data = plan_json(invoke, *flags, "--experience-years", years, "--disability-services")
    actions: list[str] = data["first_actions"]
    return actions
