"""Faults a counselor and second readers found, each run as the person runs it (the real command,
the text they read and the JSON): a retake's two cost views, the label of a rule's condition
not met, an exam whose issuer nobody names, an unknown exam's message, the what-if table's
figures beside the plan's "plan for", the order of an exam path's first actions with Vocational
Rehabilitation, the FAFSA year of a student whose training starts in a later award year, and the
budget's summary beside a warning at newer reports' figures."""

from __future__ import annotations

import json
from typing import Any

from plan_runs import flat, plan_args

# The 17-year-old student of the award-year tests, and their counted Pell (section 7).
from test_award_year import STUDENT, _pell

START = "2027-02-01"
TEXT_ENV = {"NO_COLOR": "1", "COLUMNS": "100"}


def _text(invoke: Any, *args: str, columns: int = 100) -> str:
    result = invoke(*args, env={**TEXT_ENV, "COLUMNS": str(columns)})
    assert result.code == 0, result.err
    return flat(result.out)


def _json(invoke: Any, *args: str) -> Any:
    result = invoke(*args, "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


# --- 2. --explain: a condition not met reads as what the rule checked, not as a claim ----------

CPC_HOLDER_RETAKE = (
    "--education",
    "high-school",
    "--budget",
    "800",
    "--schedule",
    "full-time",
    "--credentials",
    "CPC",
    "--failed-exam",
    "CBCS",
)


def test_a_condition_not_met_is_labelled_not_so_in_the_text_and_the_json(invoke: Any) -> None:
    args = plan_args(START, *CPC_HOLDER_RETAKE, "--explain")
    text = _text(invoke, *args)
    # The rule that held says the person sat the CBCS; the one that did not hold says its
    # condition ("a first attempt") is not so, rather than "Failed: ... a first attempt".
    assert "You sat the CBCS exam already" in text
    assert "Not so: this plan's exam is a first attempt for you" in text
    assert "Failed:" not in text
    rules = _json(invoke, *args)["explain"]["rules"]
    not_met = [rule for rule in rules if not rule["fired"]]
    assert not_met and all(rule["why_not"] for rule in not_met)
    # A rule with no sentence of its own gives its condition under the same label.
    bare = [rule["why_not"] for rule in not_met if rule["why_not"].startswith("Not so: ")]
    assert any("this plan's exam is a first attempt for you" in why for why in bare)
    assert not any(rule["why_not"].startswith("Does not apply") for rule in not_met)


# --- 3. An exam whose issuer no source names has no member price, and the header says so -------


def test_an_exam_with_no_named_issuer_is_not_headed_non_member(invoke: Any) -> None:
    for code in ("CHFP", "CMA"):
        path = ("cost", "--program", "none", "--cert", code)
        text = _text(invoke, *path)
        assert f"{code} exam (no member price: the guide names no issuer)" in text
        assert "non-member" not in text
        # The JSON holds the fact the header words: no issuer, no member pricing.
        data = _json(invoke, *path)
        assert data["certification"]["issuer"] is None and data["member"] is False
        overview = _text(invoke, "cost", "--cert", code)
        assert f"cheapest first ({code} exam, no member price: the guide names no issuer)" in (
            overview
        )
    # An exam with a named issuer keeps its member or non-member pricing.
    assert "CPB exam (non-member)" in _text(invoke, "cost", "--program", "none", "--cert", "CPB")
    assert "CMRS exam (member)" in _text(invoke, "cost", "--program", "none", "--cert", "CMRS")


# --- 1. A retake's two cost views tell one story ----------------------------------------------


def test_the_overview_and_the_path_without_training_word_a_retake_alike(invoke: Any) -> None:
    retake = (
        "A retake of the CMRS exam you sat: no training needed (what the guide asks before a "
        "first attempt, you met when you sat it)."
    )
    overview = _json(invoke, "cost", "--failed-exam", "CMRS")
    alone = _json(invoke, "cost", "-p", "none", "--failed-exam", "CMRS")
    assert overview["without_training"] == retake
    # The path alone says the same, not the first attempt's "training or experience".
    assert any(retake in note for note in alone["notes"])
    assert not any("requirements in the guide" in note for note in alone["notes"])
    for text in (
        # Wide enough that the overview's table cell holds the sentence on one line.
        _text(invoke, "cost", "--failed-exam", "CMRS", columns=300),
        _text(invoke, "cost", "-p", "none", "--failed-exam", "CMRS"),
    ):
        assert retake in text
        assert "training or experience" not in text
    # The overview's note on the textbooks names the row it is for.
    row_note = (
        "Textbooks without a training program (your CMRS retake): optional for a retake, as you "
        "likely still have your study materials"
    )
    assert any(note.startswith(row_note) for note in overview["notes"])
    assert row_note in _text(invoke, "cost", "--failed-exam", "CMRS")
    # The plan's cost notes for the same retake say it too.
    retaker = ("--education", "ged", "--budget", "800", "--schedule", "full-time")
    plan = _text(invoke, *plan_args(START, *retaker, "--failed-exam", "CMRS"), "--details")
    assert retake in plan and "CMRS requirements in the guide" not in plan
    # A first attempt keeps the guide's requirements.
    first = _json(invoke, "cost", "-p", "none", "--cert", "CMRS")
    assert any(
        "CMRS requirements in the guide: training or experience" in n for n in first["notes"]
    )


# --- 4. An unknown exam or certification is named as one, with its flag -----------------------


def _error(invoke: Any, *args: str) -> str:
    result = invoke(*args)
    assert result.code == 2 and result.out == ""
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    return lines[0]


def test_an_unknown_exam_reads_plainly_on_every_command(invoke: Any) -> None:
    known = "Known: CBCS, CPB, CMRS, CHFP, CPC, CMA."
    exam = f"Error: Invalid --failed-exam: Unknown exam 'XYZ'. {known}"
    plan = plan_args(START, "--education", "ged", "--budget", "100", "--schedule", "full-time")
    for args in (
        ("cost", "--failed-exam", "XYZ"),
        ("cost", "--failed-exam", "XYZ", "--json"),
        ("aid", "--failed-exam", "XYZ"),
        (*plan, "--failed-exam", "XYZ"),
        (*plan, "--failed-exam", "XYZ", "--json"),
    ):
        assert _error(invoke, *args) == exam, args
    assert _error(invoke, "cost", "--failed-exam", "cbcs,cpx") == (
        f"Error: Invalid --failed-exam: Unknown exam 'cpx'. Did you mean 'CPC'? {known}"
    )
    assert _error(invoke, "cost", "--credentials", "XYZ") == (
        f"Error: Invalid --credentials: Unknown certification 'XYZ'. {known}"
    )
    assert _error(invoke, *plan, "--what-if", "failed-exam=XYZ") == (
        f"Error: Invalid --what-if failed_exam: Unknown exam 'XYZ'. {known}"
    )
    # Other answers keep their words, and the answers' names elsewhere are as before.
    assert _error(invoke, "cost", "--education", "phd").startswith(
        "Error: Invalid --education: Unknown education 'phd'."
    )
    # A known exam in any case still parses.
    assert _json(invoke, "cost", "--failed-exam", "cmrs")["without_training"].startswith(
        "A retake of the CMRS exam"
    )


def test_an_unknown_exam_in_a_batch_row_or_an_answers_file_reads_as_one_value(
    invoke: Any, tmp_path: Any
) -> None:
    """Rows and answers files are read by the same parser as flags: one exam, named as one."""
    rows = tmp_path / "rows.csv"
    rows.write_text("education,budget,schedule,failed-exam\nged,500,full-time,XYZ\n")
    result = invoke("plan", "--batch", str(rows))
    assert result.code == 1
    assert "row 1 (line 2): Invalid --failed-exam: Unknown exam 'XYZ'. Known:" in result.err
    answers = tmp_path / "answers.yaml"
    answers.write_text("education: ged\nbudget: 500\nschedule: full-time\ncredentials: [ABC]\n")
    result = invoke("plan", "--answers", str(answers), "--no-input")
    assert result.code == 2
    assert "credentials: Unknown certification 'ABC'. Known:" in result.err
    assert "not passed" not in result.err + _error(invoke, "cost", "--failed-exam", "XYZ")


# --- 5. The what-if table is at the guide's figures: a note says what to plan for -------------

RETAKER = ("--education", "high-school", "--budget", "800", "--schedule", "part-time")


def _money(figures: dict[str, Any]) -> str:
    return f"${figures['min']:,}-${figures['max']:,}"


def test_the_what_if_table_says_its_columns_are_at_the_guides_figures(invoke: Any) -> None:
    args = plan_args(
        START,
        *RETAKER,
        "--failed-exam",
        "CPB",
        "--what-if",
        "schedule=full-time",
        "--what-if",
        "failed-exam=none",
    )
    data = _json(invoke, *args)
    plans = [data["base"], *(variant["plan"] for variant in data["what_if"])]
    # The CPB retakes are raised by newer reports; the CBCS path without the failed exam is not
    # (its newer figures are no higher than the guide's: the guide's total stands).
    newer = [plan["cost"]["total_with_newer_figures"] for plan in plans]
    assert newer[0] is not None and newer[1] == newer[0]
    guide = plans[2]["cost"]["total"]
    assert newer[2] is None or (
        newer[2]["min"] <= guide["min"] and newer[2]["max"] <= guide["max"]
    ), (newer[2], guide)
    total, paid = newer[0], plans[0]["you_pay"]["with_newer_figures"]
    assert total["min"] > plans[0]["cost"]["total"]["min"]
    text = _text(invoke, *args)
    # The table shows the guide's totals; the note under it gives the ones to plan for.
    assert f"Total cost {_money(plans[0]['cost']['total'])}" in text
    assert (
        "* differs from your plan. Total cost and Left to pay are at the guide's figures; newer "
        f"reports raise them: plan for {_money(total)} in all, {_money(paid)} left to pay (your "
        "plan; your schedule: full-time)."
    ) in text
    # The plan itself says to plan for the same figures.
    alone = _text(invoke, *plan_args(START, *RETAKER, "--failed-exam", "CPB"))
    assert f"plan for {_money(total)}" in alone
    # No raise, no note.
    plain = _text(invoke, *plan_args(START, *RETAKER, "--what-if", "schedule=full-time"))
    assert "What if" in plain and "newer reports raise them" not in plain


# --- 6. On a path with the exam alone, the office that may pay for it comes before the study ----

CBCS_HOLDER = ("--education", "ged", "--budget", "300", "--schedule", "part-time")
VR_ASK = "Ask your state's Vocational Rehabilitation counselor whether your employment plan can"


def test_vr_is_asked_before_the_study_it_may_pay_for(invoke: Any) -> None:
    args = plan_args(START, *CBCS_HOLDER, "--credentials", "CBCS", "--disability-services")
    actions = _json(invoke, *args)["first_actions"]
    # VR decides within 60 days and pays only what the employment plan holds (the exam and its
    # preparation): asked first, before prep materials are bought; was third, behind them.
    assert actions[0].startswith(VR_ASK), actions
    assert [action.split(" (")[0] for action in actions[1:]] == [
        "Read the CPB exam requirements",
        "Get CPB exam prep materials and set a study schedule.",
    ]
    text = _text(invoke, *args)
    assert f"This week: {VR_ASK}" in text
    assert text.index(f"1. {VR_ASK}") < text.index("2. Read the CPB exam requirements")
    # As on a path with training, where VR's action comes first too.
    trained = _json(invoke, *plan_args(START, *CBCS_HOLDER, "--disability-services"))
    assert trained["first_actions"][0].startswith(
        "Ask your state's Vocational Rehabilitation counselor to write this training"
    )
    # The check of the exclusion list, a prerequisite, still comes before it.
    record = _json(invoke, *args, "--record", "conviction")["first_actions"]
    assert record[0].startswith("Before paying any tuition, search the free OIG exclusion list")
    assert record[1].startswith(VR_ASK)
    # With billing experience too: still the exam alone, VR still first.
    experienced = _json(invoke, *args, "--experience-years", "2")["first_actions"]
    assert experienced[0].startswith(VR_ASK), experienced
    # Experience without training: the program is optional, and the study and the choice of
    # training come before the training VR is asked to write in, as before.
    optional = _json(
        invoke, *plan_args(START, *CBCS_HOLDER, "--experience-years", "2", "--disability-services")
    )["first_actions"]
    assert optional[0].startswith("Read the CBCS exam requirements")
    assert optional[3].startswith(
        "Ask your state's Vocational Rehabilitation counselor to write this training"
    )
    # With no aid to ask, the study comes first as before.
    alone = _json(invoke, *plan_args(START, *CBCS_HOLDER, "--credentials", "CBCS"))
    assert alone["first_actions"][0].startswith("Read the CPB exam requirements")


# --- 7. A student whose training starts in a later award year files that year's FAFSA ---------


def test_the_fafsa_action_names_the_award_year_training_starts_in(invoke: Any) -> None:
    args = plan_args("2026-12-14", *STUDENT)
    data = _json(invoke, *args)
    training = next(step for step in data["steps"] if step["id"] == "complete-training")
    assert training["start"] >= "2027-07-01"
    pell = _pell(data)
    # The year training starts in and the one year counted are one year, not two.
    assert pell["starts_in_award_year"] == "2027-28"
    assert pell["counts_one_year"] == "2027-28"
    fafsa = (
        "File the FAFSA (studentaid.gov) for 2027-28, the award year your training starts in, "
        "and ask each school's aid office whether its program can get a Pell Grant."
    )
    assert fafsa in data["first_actions"]
    text = _text(invoke, *args, "--details")
    assert fafsa in text
    # The amount is still the latest figure's, and the text says so.
    assert "The amount counted uses the 2026-27 maximum" in text
    # Training that starts in the figure's own year keeps its words and its year.
    adult = _json(
        invoke,
        *plan_args(
            "2026-12-14", "--education", "ged", "--budget", "1500", "--schedule", "part-time"
        ),
    )
    pell = _pell(adult)
    assert pell["counts_one_year"] == "2026-27" and "starts_in_award_year" not in pell
    assert (
        "File the FAFSA (studentaid.gov) and ask each school's aid office whether its program "
        "can get a Pell Grant." in adult["first_actions"]
    )


# --- 8. The budget's summary and a warning at newer figures tell one story ---------------------


def test_the_budget_summary_says_what_the_warning_says_at_newer_figures(invoke: Any) -> None:
    holder = ("--education", "ged", "--schedule", "part-time", "--credentials", "CBCS")
    data = _json(invoke, *plan_args(START, *holder, "--budget", "1000"))
    (warning,) = [
        w["message"] if isinstance(w, dict) else w for w in data["warnings"] if "$22" in str(w)
    ]
    assert "may fall short by up to $22" in warning
    summary = data["budget"]["summary"]
    assert summary == (
        "Your budget of $1,000, at the guide's figures, covers this path's total of $579-$824, "
        "even at its high end; at newer reports' total of $745-$1,022, it covers its low end but "
        "may fall short by up to $22."
    )
    text = _text(invoke, *plan_args(START, *holder, "--budget", "1000"), "--details")
    assert summary in text
    # No aid is named, as the budget covers the guide's figures: said with the newer shortfall.
    assert (
        "None needed at the guide's figures, which your budget covers; at newer reports' figures "
        "it may fall short by up to $22." in text
    )
    assert "None needed: your budget covers this path." not in text
    # Short at both: the summary's newer shortfall is the warning's.
    short = _json(invoke, *plan_args(START, *holder, "--budget", "600"))
    assert short["budget"]["summary"].endswith(
        "at newer reports' total of $745-$1,022, it falls short by $145-$422."
    )
    assert any(
        "by $145 at the low end and $422 at the high end" in str(w) for w in short["warnings"]
    )
    # A budget that covers the newer total too: the summary as before, no newer clause.
    enough = _json(invoke, *plan_args(START, *holder, "--budget", "1100"))
    assert enough["budget"]["summary"] == (
        "Your budget of $1,100 covers this path's total of $579-$824, even at its high end."
    )
    assert not enough["warnings"]
    enough_text = _text(invoke, *plan_args(START, *holder, "--budget", "1100"), "--details")
    assert "None needed: your budget covers this path." in enough_text
