"""A person on the federal exclusion list, or with a conviction, as a workforce counselor read
their plans: the plan must not read as "enroll next week" while the person may still be on the
list, and a conviction's plan must say which convictions bring exclusion. Each run as the person
runs it: the real command, what they read (the plain plan, at 80 columns) and the JSON."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

START = "2026-12-14"
PERSON = ("--education", "high-school", "--budget", "3000", "--schedule", "full-time")
TEXT_ENV = {"NO_COLOR": "1", "COLUMNS": "80"}
STOP = "While you are on the exclusion list, do not pay for training"
LATER = "only once you are off the exclusion list (reinstated):"
READY_IF = "if you are off the exclusion list before training starts"
READY_IF_CLIENT = "if they are off the exclusion list before training starts"
WHICH = (
    "If your record includes a conviction for a Medicare or Medicaid crime, patient abuse, "
    "felony health-care fraud or a felony drug offense, you may be on the federal exclusion list"
)


def plan_args(*flags: str) -> tuple[str, ...]:
    return ("plan", "--no-input", "--no-save", "--no-pager", "--start", START, *PERSON, *flags)


def plain_plan(invoke: Any, *flags: str) -> str:
    """The plan as the person reads it first: no --details."""
    result = invoke(*plan_args(*flags), env=TEXT_ENV)
    assert result.code == 0, result.err
    return str(result.out)


def plan_json(invoke: Any, *flags: str) -> dict[str, Any]:
    result = invoke(*plan_args(*flags), "--json")
    assert result.code == 0, result.err
    data: dict[str, Any] = json.loads(result.out)
    return data


def flat(text: str) -> str:
    return " ".join(text.split())


def section(text: str, title: str) -> str:
    """One section of the plain plan: from its title to the next blank line."""
    lines = text.splitlines()
    start = lines.index(title)
    end = lines.index("", start)
    return "\n".join(lines[start:end])


# --- 12. Excluded: the answer first, then the plan for after -----------------------------------


def test_an_excluded_person_reads_stop_first_and_the_steps_after_the_check_as_conditional(
    invoke: Any,
) -> None:
    text = plain_plan(invoke, "--record", "excluded")
    lines = text.splitlines()
    start = lines.index("") + 1  # after the title and the line naming the guide
    block = lines[start : lines.index("", start)]
    # The first line of the answer says not to pay while on the list, before the program.
    answer = flat("\n".join(block))
    assert block[0].startswith("Important:")
    assert answer.startswith(f"Important: {STOP}: no federal health program pays")
    assert answer.index(STOP) < answer.index("Program:")
    assert "The plan below is for once you are off it." in answer
    # No other path to pay for less or sooner: it says to pay for no training yet.
    assert "Less to pay:" not in answer and "Sooner:" not in answer
    # The job-ready line keeps its condition, and the whole answer fits an 80x24 first screen.
    assert f"Job-ready by: about May 18, 2027, {READY_IF}" in answer
    assert start + len(block) <= 22, block
    # Steps: the check, what to do while still on the list (without --details), then the rest
    # under one heading saying they hold only once off the list.
    steps = flat(section(text, "Steps"))
    check = steps.index("1. Check the federal exclusion list before you pay or enroll")
    stop = steps.index("If you are still on it, stop here: no federal health program pays for")
    later = steps.index(f"Steps 2-9, {LATER}")
    enroll = steps.index("2. Choose your program, arrange the money and enroll")
    assert check < stop < later < enroll
    assert "train only once you are reinstated" in steps
    # This week: the check (and when it ends) first; every other action waits for it, one
    # action saying so with the step to go on from; no FAFSA, no programs to research.
    actions = flat(section(text, "First actions for this week"))
    assert actions.startswith(
        "First actions for this week 1. Before paying any tuition, search the free OIG "
        "exclusion list (LEIE, oig.hhs.gov/exclusions) for your name and find out when your "
        "exclusion ends. 2. Everything else in this plan waits until you are off the exclusion "
        'list (reinstated); then go on from step 2, "Choose your program, arrange the money '
        'and enroll".'
    )
    for held in ("FAFSA", "Research", "Apply and enroll", "payment plan", "3."):
        assert held not in actions
    # The options table's dates rest on the same condition, said in its note.
    options = flat(section(text, "Your options"))
    assert f"dates are estimates, and hold only {READY_IF}." in options


def test_an_excluded_plan_says_in_json_which_steps_hold_only_once_off_the_list(
    invoke: Any,
) -> None:
    data = plan_json(invoke, "--record", "excluded")
    gate = data["gate"]
    numbers = [step["number"] for step in data["steps"]]
    assert gate["step"] == 1 and gate["step_id"] == "check-exclusion"
    assert data["steps"][0]["id"] == "check-exclusion"
    assert gate["conditional_steps"] == numbers[1:]
    assert gate["condition"] == "once you are off the exclusion list (reinstated)"
    assert gate["stop"].startswith("If you are still on it, stop here")
    assert gate["answer"].startswith(STOP)
    # The check's own words still say it in full (--details and the exports read them).
    assert gate["stop"] in data["steps"][0]["details"]
    assert data["ready_by_condition"] == READY_IF
    # The same first actions as the plain plan: the gate's check, then its one later action.
    assert data["first_actions"] == [gate["action"], gate["later_action"]]
    assert gate["action"].endswith("find out when your exclusion ends.")
    assert gate["later_action"].startswith(
        "Everything else in this plan waits until you are off the exclusion list (reinstated)"
    )
    assert [blocker["rule"] for blocker in data["blockers"]] == ["record-excluded"]


def test_a_person_with_no_record_sees_none_of_it(invoke: Any) -> None:
    for flags in ((), ("--record", "none")):
        text = plain_plan(invoke, *flags)
        data = plan_json(invoke, *flags)
        assert data["gate"] is None and data["ready_by_condition"] is None
        assert "Important:" not in text
        assert "only once you are off" not in text
        assert "stop here" not in text
        assert "hold only" not in text
        assert "If your record includes" not in flat(text)
        assert "Apply and enroll in the program you choose." in data["first_actions"]
        assert "record-may-bring-exclusion" not in {w["rule"] for w in data["warnings"]}


# --- 11. A conviction: which convictions bring exclusion, under "Blockers and warnings" ----------


def test_a_conviction_is_warned_which_convictions_bring_exclusion(invoke: Any) -> None:
    for record in ("conviction", "prefer-not-to-say"):
        text = plain_plan(invoke, "--record", record)
        found = flat(section(text, "Blockers and warnings"))
        assert f"Warning: {WHICH}" in found, record
        assert "exclusion is reported to last at least 5 years after such a conviction" in found
        assert "Search the free OIG exclusion list (oig.hhs.gov/exclusions) for your name" in found
        assert "before paying for training." in found
        data = plan_json(invoke, "--record", record)
        assert "record-may-bring-exclusion" in {w["rule"] for w in data["warnings"]}
        # Not excluded: no blocker, no stop, the steps are not conditional.
        assert data["blockers"] == [] and data["gate"] is None
        assert "Important:" not in text


# --- The other views: what-if, the exports, the caseload report ---------------------------------


def test_what_if_says_the_excluded_date_is_conditional(invoke: Any) -> None:
    # Wide enough that each row of the side-by-side table stays on one line.
    wide = {**TEXT_ENV, "COLUMNS": "200"}
    result = invoke(*plan_args("--record", "excluded", "--what-if", "record=none"), env=wide)
    assert result.code == 0, result.err
    text = flat(result.out)
    row = text[text.index("Job-ready by") : text.index("Payback")]
    # The plan's own date with its condition; without the record, a date that differs.
    assert "May 18, 2027, if you are off the exclusion list before training starts" in row
    assert "* May 12, 2027" in row


def test_the_exports_carry_the_stop_and_the_conditional_steps(invoke: Any, tmp_path: Path) -> None:
    markdown = tmp_path / "plan.md"
    calendar = tmp_path / "plan.ics"
    for target in (markdown, calendar):
        result = invoke(*plan_args("--record", "excluded", "--export", str(target)))
        assert result.code == 0, result.err
    text = markdown.read_text(encoding="utf-8")
    assert f"- **Important:** {STOP}" in text
    assert text.index(f"Steps 2-9, {LATER}") < text.index("**2. Choose your program")
    assert "If you are still on it, stop here" in text
    events = calendar.read_text(encoding="utf-8").replace("\r\n ", "").split("BEGIN:VEVENT")[1:]
    first = next(event for event in events if "Step 1 of 9" in event)
    second = next(event for event in events if "Step 2 of 9" in event)
    assert "Only once you are off the exclusion list" not in first
    assert "DESCRIPTION:Only once you are off the exclusion list (reinstated). " in second


def test_the_caseload_report_does_not_count_an_excluded_date_as_sure(
    invoke: Any, tmp_path: Path
) -> None:
    cohort = tmp_path / "cohort.csv"
    cohort.write_text(
        "id,education,budget,schedule,record\n"
        "A,high-school,3000,full-time,excluded\n"
        "B,high-school,3000,full-time,conviction\n"
        "C,high-school,3000,full-time,none\n",
        encoding="utf-8",
    )
    result = invoke("report", str(cohort), "--start", START, "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    # Only B's and C's dates are in the chart; A's stands apart, with its condition.
    assert sum(data["ready_by_month"].values()) == 2
    # The plan's words to the person, and the report's of the client (a counselor reads it).
    assert data["ready_by_on_condition"] == [
        {"condition": READY_IF, "count": 1, "clients": ["A"], "of_client": READY_IF_CLIENT}
    ]
    rows = {row["client"]: row for row in data["rows"]}
    assert rows["A"]["ready_by_condition"] == READY_IF
    assert rows["B"]["ready_by_condition"] is None
    labels = {finding["id"]: finding["clients"] for finding in data["blockers"]}
    assert labels["record-excluded"] == ["A"]
    assert labels["record-may-bring-exclusion"] == ["B"]
    text = invoke("report", str(cohort), "--start", START, "--no-pager", env=TEXT_ENV)
    assert text.code == 0, text.err
    words = flat(text.out)
    assert f"Not in the chart: 1 client (A), whose date holds only {READY_IF_CLIENT}." in words
    assert "if you are off" not in words
    assert "1 more only on a condition (see Job-ready by month)" in words
    target = tmp_path / "caseload.csv"
    written = invoke("report", str(cohort), "--start", START, "--output", str(target))
    assert written.code == 0, written.err
    table = {row["id"]: row for row in csv.DictReader(io.StringIO(target.read_text()))}
    # Of the client, as every word of the report (the plan's own words are the JSON's).
    assert table["A"]["ready_by_condition"] == READY_IF_CLIENT
    assert table["C"]["ready_by_condition"] == ""
