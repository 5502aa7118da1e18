"""Faults a workforce counselor found in the other path and the options: "Less to pay" rested on
a Pell Grant it never named, "lowest-cost" went to the dearest certificate (and, where two paths
leave the same, to the dearer), and a Pell Grant's one year was counted for a two-year degree
without a word. Each run as the person runs it: the real command, what they read and the JSON."""

from __future__ import annotations

import json
from typing import Any

import plan_runs
from plan_runs import text_and_json

START = "2027-01-04"
TEXT_ENV = {"NO_COLOR": "1", "COLUMNS": "80"}


def plan_args(*flags: str) -> tuple[str, ...]:
    return plan_runs.plan_args(START, *flags)


def run_plan(invoke: Any, *flags: str) -> tuple[str, dict[str, Any]]:
    """The plan's text (as the person first reads it), flattened, and its JSON."""
    return text_and_json(invoke, START, TEXT_ENV, *flags)


# The counselor's people (the brief's commands).
PERSON_4 = (
    "--education", "none", "--in-high-school", "--graduation", "2027-06", "--age", "17",
    "--budget", "1000", "--schedule", "part-time",
)  # fmt: skip
# Person 4 with $3,000: no longer a budget the Extended Certificate's lower figure could take the
# plan to (it is ready later than the Short Certificate the rules pick), so "Less to pay" names it.
PERSON_4_3000 = (*PERSON_4[:-4], "--budget", "3000", "--schedule", "part-time")
PERSON_2 = (
    "--military-spouse", "--education", "high-school", "--budget", "500", "--schedule",
    "part-time", "--learning", "online",
)  # fmt: skip
PERSON_6 = (
    "--employer-sponsor", "--education", "high-school", "--budget", "500", "--schedule",
    "part-time",
)  # fmt: skip


def section(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end, text.index(start))]


# --- 1. The other path names the aid it rests on ---------------------------------------------


def test_less_to_pay_names_the_pell_grant_it_counts(invoke: Any) -> None:
    text, data = run_plan(invoke, *PERSON_4_3000)
    # The plan's own path counts no aid; the Extended Certificate's $285-$530 rests on Pell.
    assert data["funding"]["counted"] == []
    other = data["other_path"]
    assert other["program"]["id"] == "extended-certificate"
    assert other["counted_aid"] == ["federal-aid"]
    assert (
        "Less to pay: Extended Certificate, ready about July 14, 2028: you pay "
        "$285-$530 of $3,385-$6,830, with Federal Financial Aid counted." in text
    )
    # Beside it, why the same aid is not counted for the plan's own program.
    assert "Federal Financial Aid (up to $7,395): not counted for this program" in text
    rows = {tuple(row["labels"]): row for row in data["options"]}
    assert rows[("recommended", "fastest")]["counted_aid"] == []
    assert rows[("lowest-cost",)]["counted_aid"] == ["federal-aid"]
    # The table's note says which row counts it.
    note = section(text, "Left to pay: after the aid counted", "Steps")
    assert "Aid counted: Federal Financial Aid in the least to pay row; none in the others." in note


def test_each_source_of_the_other_path_is_named_in_the_order_sought(invoke: Any) -> None:
    text, data = run_plan(invoke, *PERSON_2)
    other = data["other_path"]
    assert other["counted_aid"] == ["federal-aid", "mycaa"]
    assert (
        "$130-$375 of $3,385-$6,830, with Federal Financial Aid and MyCAA (military spouses) "
        "counted." in text
    )
    # The plan's own path counts MyCAA alone: the rows differ, so the note names each.
    note = section(text, "Left to pay: after the aid counted", "Steps")
    assert (
        "Aid counted: MyCAA (military spouses) in the recommended, fastest row; Federal "
        "Financial Aid and MyCAA (military spouses) in the least to pay row." in note
    )


def test_a_sooner_path_names_its_aid_too(invoke: Any) -> None:
    # A veteran with no diploma yet: the GI Bill pays any path's tuition; Online Self-Paced
    # leaves no more and is ready sooner.
    flags = ("--veteran", "--education", "none", "--budget", "0", "--schedule", "full-time")
    text, data = run_plan(invoke, *flags, "--learning", "online", "--goal", "comprehensive")
    assert data["other_path"]["counted_aid"] == ["gi-bill"]
    assert "Sooner: Online Self-Paced" in text
    assert "ready sooner (about August 26, 2027): you pay $130-$375 of $835-$2,680, with " in text
    assert "Veterans Benefits counted." in text
    # An employer's amount not known: no other path rests on it.
    _, data = run_plan(invoke, *PERSON_6)
    assert data["other_path"] is None


# --- 2. 'least to pay', and a tie goes to the lower total -------------------------------------


def test_the_table_says_least_to_pay_and_the_json_keeps_lowest_cost(invoke: Any) -> None:
    text, data = run_plan(invoke, *PERSON_4_3000)
    table = section(text, "Your options", "Steps")
    # (The 80-column table wraps the program's name under its first words.)
    assert "least to pay: Extended CBCS $3,385-$6,830 $285-$530" in table
    assert "lowest-cost" not in text
    lowest = next(row for row in data["options"] if "lowest-cost" in row["labels"])
    assert lowest["program"]["id"] == "extended-certificate"
    # The dearest total, the least left: the note says what the label means.
    assert "Least to pay: the least left to pay after the aid counted, not the lowest total." in (
        table
    )


def test_where_two_paths_leave_the_same_the_lower_total_is_least_to_pay(invoke: Any) -> None:
    text, data = run_plan(invoke, *PERSON_6)
    rows = {tuple(row["labels"]): row for row in data["options"]}
    mine, fastest = rows[("recommended", "lowest-cost")], rows[("fastest",)]
    # Both leave $285-$530 with the employer's offer counted; the plan's own totals less.
    assert mine["left_to_pay"] == fastest["left_to_pay"] == {"min": 285.0, "max": 530.0}
    assert mine["cost"] == {"min": 835, "max": 2680}
    assert fastest["cost"] == {"min": 1885, "max": 4330}
    table = section(text, "Your options", "Steps")
    assert "recommended, least to pay: CBCS $835-$2,680 $285-$530 Jan 18, 2028 Online" in table
    assert "fastest: Short Certificate, CBCS $1,885-$4,330 $285-$530" in table


def test_of_paths_ready_as_soon_leaving_the_same_fastest_is_the_lower_total(invoke: Any) -> None:
    """'fastest' breaks a tie as 'least to pay' does: two online paths are ready June 1, 2027
    and leave $130-$375; both labels go to the cheaper (CBCS), one row, and the answer's
    "Sooner" line names that row."""
    flags = ("--education", "high-school", "--budget", "2000", "--schedule", "full-time")
    text, data = run_plan(invoke, *flags, "--veteran", "--goal", "comprehensive")
    rows = {tuple(row["labels"]): row for row in data["options"]}
    both = rows[("lowest-cost", "fastest")]
    assert both["certification"]["code"] == "CBCS"
    assert both["cost"] == {"min": 835, "max": 2680}
    assert both["left_to_pay"] == {"min": 130.0, "max": 375.0}
    # The dearer path as fast (Online Self-Paced with CPB) is no row of its own.
    paths = {(row["program"]["id"], row["certification"]["code"]) for row in data["options"]}
    assert ("online-self-paced", "CPB") not in paths
    table = section(text, "Your options", "Steps")
    assert "least to pay, fastest: Online" in table
    other = data["other_path"]
    assert (other["program"]["id"], other["certification"]) == (
        both["program"]["id"],
        both["certification"]["code"],
    )
    assert "Sooner: Online Self-Paced with CBCS, ready sooner (about June 1, 2027)" in text


# --- 3. A Pell Grant is one year's award ------------------------------------------------------

ONE_YEAR = (
    "That is one year's award at most (the 2026-27 maximum, the latest figure here); this "
    "program runs into a later award year: each later year needs a new FAFSA and is not counted "
    "here."
)
HIGH_SCHOOL = ("--education", "high-school", "--budget", "500")


def test_aid_for_the_degree_says_pell_is_one_years_award(invoke: Any) -> None:
    text = invoke("aid", *HIGH_SCHOOL, "-p", "associate", env={**TEXT_ENV, "COLUMNS": "200"})
    assert text.code == 0, text.err
    flat = " ".join(text.out.split())
    pell = flat[flat.index("Federal Financial Aid: counts $7,395") :]
    assert pell[: pell.index("[")].rstrip().endswith(ONE_YEAR)
    # Still $7,395 in all: no later year is counted.
    assert "Aid counted in all: $7,395." in flat
    data = json.loads(invoke("aid", *HIGH_SCHOOL, "-p", "associate", "--json").out)
    sources = json.dumps(data)
    assert '"counts_one_year": "2026-27"' in sources


def test_cost_and_plan_say_it_too_but_not_for_a_program_of_a_year(invoke: Any) -> None:
    cost = invoke("cost", "-p", "associate", "--aid", "federal-aid", env=TEXT_ENV)
    assert cost.code == 0, cost.err
    assert ONE_YEAR in " ".join(cost.out.split())
    text, data = run_plan(
        invoke,
        *HIGH_SCHOOL[:2],
        "--budget",
        "20000",
        "--goal",
        "advancement",
        "--schedule",
        "part-time",
    )
    assert data["recommendations"]["program"]["id"] == "associate-degree"
    assert ONE_YEAR in text
    pell = next(s for s in data["funding"]["sources"] if s["id"] == "federal-aid")
    assert pell["counted"] and pell["counts_one_year"] == "2026-27"
    # The Extended Certificate's 6-12 months are within the award year: nothing said.
    extended = invoke("aid", *HIGH_SCHOOL, "-p", "extended-certificate", env=TEXT_ENV)
    assert extended.code == 0, extended.err
    assert "Federal Financial Aid: counts" in " ".join(extended.out.split())
    assert "one year's award" not in extended.out
    data = json.loads(invoke("aid", *HIGH_SCHOOL, "-p", "extended-certificate", "--json").out)
    assert "counts_one_year" not in json.dumps(data)


def test_a_start_after_the_award_year_is_told_the_amount_is_that_years_maximum(invoke: Any) -> None:
    """Training from September 2027 starts after the 2026-27 award year ends (June 30, 2027): the
    amount counted is still 2026-27's maximum (the only one the facts give), said as such, and
    not as the award for that year."""
    args = ("plan", "--no-input", "--no-save", "--no-pager", "--start", "2027-09-06")
    # $12,500 covers what the degree leaves to plan for ($1,750-$12,427 at newer figures; with
    # less, the Extended Certificate, ready sooner and leaving less, takes its place:
    # planner._swap).
    flags = ("--education", "high-school", "--budget", "12500", "--schedule", "full-time")
    result = invoke(*args, *flags, "--goal", "advancement", env=TEXT_ENV)
    assert result.code == 0, result.err
    text = " ".join(result.out.split())
    assert "Associate Degree" in text
    # The year to apply for is the training's own; the amount, the latest figure's.
    assert (
        "Your training starts in the 2027-28 award year: apply for that year's aid. The amount"
        " counted uses the 2026-27 maximum, the latest figure this tool has (2027-28's may"
        " differ). It is one year's award at most: each later year needs a new FAFSA and is not"
        " counted." in text
    )
    assert ONE_YEAR not in text
    assert "one year's award (2026-27)" not in text


def test_the_plan_says_it_on_its_own_training_dates(invoke: Any) -> None:
    """The plan tells from its own training dates whether training runs into a later award year
    (from July 1, aid.yaml award_year_begins), not from the program's length alone: an Extended
    Certificate (6-12 months) from January 2027 runs past July 1 part-time and full-time; from
    August 2027 full-time it ends in February, within the award year it starts in."""
    flags = ("--education", "high-school", "--budget", "500")
    for start, schedule, said in (
        ("2027-01-04", "part-time", True),
        ("2027-01-04", "full-time", True),
        ("2027-08-02", "full-time", False),
    ):
        args = ("plan", "--no-input", "--no-save", "--no-pager", "--start", start)
        run = (*args, *flags, "--schedule", schedule)
        result = invoke(*run, env=TEXT_ENV)
        assert result.code == 0, result.err
        text = " ".join(result.out.split())
        assert "Program: Extended Certificate" in text
        assert "Federal Financial Aid: counts" in text
        assert (ONE_YEAR in text) is said, (start, schedule)
        data = json.loads(invoke(*run, "--json").out)
        pell = next(s for s in data["funding"]["sources"] if s["id"] == "federal-aid")
        assert pell.get("counts_one_year") == ("2026-27" if said else None)


def test_a_less_to_pay_path_that_is_not_the_least_to_pay_row_is_told_apart(invoke: Any) -> None:
    """'Less to pay: Online Self-Paced' (ready as soon) above a table whose 'least to pay' row is
    the Extended Certificate (ready later) read as a contradiction; the note says which is which.
    ($4,500 covers the Short Certificate: with less, Online Self-Paced would take its place.)"""
    flags = ("--education", "high-school", "--budget", "4500", "--schedule", "full-time")
    text, data = run_plan(invoke, *flags)
    assert data["other_path"]["program"]["id"] == "online-self-paced"
    least = next(row for row in data["options"] if "lowest-cost" in row["labels"])
    assert least["program"]["id"] == "extended-certificate"
    assert least["ready_by"] > data["other_path"]["ready_by"]
    assert (
        "Less to pay, above: of the paths ready as soon, the one that leaves least; the least to "
        "pay row is ready later." in text
    )
    # Where the answer names the least-to-pay row itself, no such note.
    text, data = run_plan(invoke, *PERSON_4_3000)
    least = next(row for row in data["options"] if "lowest-cost" in row["labels"])
    assert data["other_path"]["program"]["id"] == least["program"]["id"]
    assert "Less to pay, above" not in text
