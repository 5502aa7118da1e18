"""Training that starts in a later award year than the aid's latest figure: the plan names the
year to apply for and says the amount is the latest figure's, through the real command."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from plan_runs import text_and_json

from billing_career.planning.money import later_award_year

START = "2026-12-14"
TEXT_ENV = {"NO_COLOR": "1", "COLUMNS": "80"}
STUDENT = (
    "--education",
    "none",
    "--in-high-school",
    "--graduation",
    "2027-06",
    "--age",
    "17",
    "--budget",
    "1000",
    "--schedule",
    "part-time",
)


def _pell(data: dict[str, Any]) -> dict[str, Any]:
    (pell,) = [
        source
        for source in data["funding"]["sources"]
        if source["counted"] and source["name"] == "Federal Financial Aid"
    ]
    return pell


def test_a_student_enrolling_after_july_is_told_the_award_year_to_apply_for(invoke: Any) -> None:
    text, data = text_and_json(invoke, START, TEXT_ENV, *STUDENT)
    # The diploma first: training starts in July 2027, in the 2027-28 award year.
    training = next(step for step in data["steps"] if step["id"] == "complete-training")
    assert training["start"] >= "2027-07-01"
    pell = _pell(data)
    assert pell["starts_in_award_year"] == "2027-28"
    assert (
        "Your training starts in the 2027-28 award year: apply for that year's aid. The amount"
        " counted uses the 2026-27 maximum, the latest figure this tool has (2027-28's may"
        " differ)." in text
    )
    # Not the words of a program that starts in the figure's own year and runs into the next.
    assert "this program runs into a later award year" not in text


def test_training_that_starts_in_the_figure_s_year_keeps_its_words(invoke: Any) -> None:
    text, data = text_and_json(
        invoke, START, TEXT_ENV, "--education", "ged", "--budget", "1500", "--schedule", "part-time"
    )
    pell = _pell(data)
    assert "starts_in_award_year" not in pell
    assert pell["counts_one_year"] == "2026-27"
    assert "this program runs into a later award year" in text
    assert "Your training starts in the" not in text


@pytest.mark.parametrize(
    ("start", "later"),
    [
        (dt.date(2027, 6, 30), None),  # the last day of 2026-27
        (dt.date(2027, 7, 1), "2027-28"),  # the first day of 2027-28
        (dt.date(2029, 1, 15), "2028-29"),
        (dt.date(2026, 3, 1), None),  # before the figure's year: not a later one
    ],
)
def test_the_award_year_a_start_falls_in(start: dt.date, later: str | None) -> None:
    assert later_award_year("2026-27", "07-01", start) == later
