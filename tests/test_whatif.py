"""--what-if: each variant is the plan made with that one answer changed, the JSON round-trips,
the comparison fits 80 columns (stacked when it cannot), and bad names and values exit 2."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from billing_career.planning.answers import ANSWERS
from billing_career.planning.load import load_knowledge
from billing_career.planning.planner import make_plan
from billing_career.planning.profile import build_profile
from billing_career.planning.whatif import parse_change, what_if
from billing_career.render.whatif import what_if_outline

START = "2027-02-01"
BASE = (
    "plan",
    "--education",
    "ged",
    "--budget",
    "1500",
    "--schedule",
    "part-time",
    "--employer-sponsor",
    "--start",
    START,
    "--no-input",
    "--no-save",
)
# Ten changes, each as --what-if takes it and as the same answer given as a flag.
CHANGES: list[tuple[str, tuple[str, ...]]] = [
    ("schedule=full-time", ("--schedule", "full-time")),
    ("budget=$4,000", ("--budget", "4000")),
    ("veteran=yes", ("--veteran",)),
    ("employer-amount=1500", ("--employer-amount", "1500")),
    ("experience_years=2", ("--experience-years", "2")),
    ("education=bachelor", ("--education", "bachelor")),
    ("learning=online", ("--learning", "online")),
    ("current_pay=17/h", ("--current-pay", "17/h")),
    ("background=insurance,accounting", ("--background", "insurance,accounting")),
    ("job_seeker=yes", ("--job-seeker",)),
]


def _json(invoke: Any, *args: str) -> Any:
    result = invoke(*args, "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def _without(args: tuple[str, ...], flag: str) -> tuple[str, ...]:
    """The base flags without one answer's flag (and its value)."""
    out: list[str] = []
    skip = False
    for arg in args:
        if skip:
            skip = False
            continue
        if arg == flag:
            skip = flag not in {"--employer-sponsor", "--veteran", "--job-seeker"}
            continue
        out.append(arg)
    return tuple(out)


def test_each_variant_is_the_plan_with_that_answer_changed(invoke: Any) -> None:
    what_ifs = [arg for change, _ in CHANGES for arg in ("--what-if", change)]
    data = _json(invoke, *BASE, *what_ifs)
    assert list(data) == ["base", "what_if"]
    assert data["base"] == _json(invoke, *BASE)
    assert len(data["what_if"]) == len(CHANGES)
    differs = 0
    for (change, flags), variant in zip(CHANGES, data["what_if"], strict=True):
        assert list(variant) == ["changed", "plan"]
        expected = _json(invoke, *_without(BASE, flags[0]), *flags)
        assert variant["plan"] == expected, change
        differs += variant["plan"] != data["base"]
    assert differs >= 8  # the changes really change the plans


def test_the_json_round_trips_through_an_answers_file(invoke: Any, tmp_path: Path) -> None:
    """A variant's 'changed' answer, written over the base answers in an answers file, gives the
    variant's plan again; json.loads(json.dumps(...)) is the same object."""
    data = _json(
        invoke,
        *BASE,
        "--what-if",
        "background=insurance,accounting",
        "--what-if",
        "start=2027-05-03",
        "--what-if",
        "current-pay=",
    )
    assert json.loads(json.dumps(data)) == data
    answers = data["base"]["profile"]
    given = {
        name: answers[name]
        for name in (spec.id for spec in ANSWERS)
        if answers["answered"][name] != "default" and answers.get(name) is not None
    }
    for variant in data["what_if"]:
        path = tmp_path / "answers.yaml"
        merged = {**given, **variant["changed"]}
        path.write_text(yaml.safe_dump(merged), encoding="utf-8")
        again = _json(invoke, "plan", "--answers", str(path), "--no-input", "--no-save")
        # The same plan; only where each answer came from differs (a file here, flags there).
        assert set(again["profile"].pop("answered").values()) <= {"answers-file", "default"}
        variant["plan"]["profile"].pop("answered")
        assert again == variant["plan"], variant["changed"]
    assert data["what_if"][0]["changed"] == {"background": ["insurance", "accounting"]}
    assert data["what_if"][1]["changed"] == {"start": "2027-05-03"}
    assert data["what_if"][2]["changed"] == {"current_pay": None}


def _lines(text: str) -> list[str]:
    return text.splitlines()


@pytest.mark.parametrize("count", [1, 2, 3])
def test_up_to_three_variants_fit_80_columns_as_one_table(invoke: Any, count: int) -> None:
    changes = ["schedule=full-time", "budget=4000", "veteran=yes"][:count]
    args = [arg for change in changes for arg in ("--what-if", change)]
    result = invoke(*BASE, *args, env={"COLUMNS": "80", "NO_COLOR": "1"})
    assert result.code == 0, result.err
    lines = _lines(result.out)
    assert max(len(line) for line in lines) <= 80
    # One table: every compared row starts a line, with the base and the variants beside it.
    for name in ("Program", "Total cost", "Left to pay", "Funding", "Job-ready by", "Payback"):
        assert any(line.startswith(name + " ") for line in lines), name
    assert not any(line.startswith("  Program:") for line in lines)
    assert re.search(r"\* [A-Z][a-z]{2} \d+, 2027", result.out)  # full-time is job-ready earlier
    assert "* differs from your plan." in result.out


def test_more_variants_or_narrow_terminals_stack(invoke: Any) -> None:
    changes = ["schedule=full-time", "budget=4000", "veteran=yes", "learning=online"]
    args = [arg for change in changes for arg in ("--what-if", change)]
    for width in (80, 40):
        result = invoke(*BASE, *args, env={"COLUMNS": str(width), "NO_COLOR": "1"})
        assert result.code == 0, result.err
        lines = _lines(result.out)
        assert max(len(line) for line in lines) <= width
        # One block per plan: the base and the four variants.
        assert sum(line.startswith("  Program:") for line in lines) == 5
    narrow = invoke(*BASE, "--what-if", "schedule=full-time", env={"COLUMNS": "40"})
    assert sum(line.startswith("  Program:") for line in _lines(narrow.out)) == 2


def test_a_changed_value_is_marked_and_an_unchanged_one_is_not(invoke: Any) -> None:
    result = invoke(*BASE, "--what-if", "schedule=part-time", env={"COLUMNS": "100"})
    assert result.code == 0, result.err
    table = result.out.split("* differs from your plan.")[0]
    assert "* " not in table.split("\n", 3)[3]  # the same answer: nothing differs


def test_details_adds_each_full_plan(invoke: Any) -> None:
    result = invoke(*BASE, "--what-if", "schedule=full-time", "--details")
    assert result.code == 0, result.err
    assert result.out.count("Your medical billing career plan") == 2
    assert result.out.count("Why this plan") == 2
    short = invoke(*BASE, "--what-if", "schedule=full-time")
    assert "Your medical billing career plan" not in short.out


def test_changing_the_hours_remakes_an_hourly_pay_as_the_plan_would() -> None:
    from billing_career.planning.profile import profile_from_flags

    kb = load_knowledge()
    typed = {"education": "ged", "budget": "1500", "schedule": "part-time", "current-pay": "17/h"}
    base = make_plan(kb, profile_from_flags({**typed, "start": START}))
    direct = make_plan(kb, profile_from_flags({**typed, "hours-per-week": "20", "start": START}))
    changed = what_if(kb, base, [parse_change("hours_per_week=20")]).what_if[0].plan
    assert changed.profile.current_pay == direct.profile.current_pay == 17 * 20 * 52
    assert changed.payback == direct.payback


@pytest.mark.parametrize("suffix", [".md", ".html"])
def test_exports_use_the_same_outline(invoke: Any, tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"what-if{suffix}"
    result = invoke(*BASE, "--what-if", "schedule=full-time", "--export", str(target))
    assert result.code == 0, result.err
    assert result.err.rstrip().endswith(f"Wrote {target}")
    text = target.read_text(encoding="utf-8")
    kb = load_knowledge()
    answers = {"education": "ged", "budget": 1500, "schedule": "part-time"}
    base = make_plan(
        kb, build_profile({**answers, "employer_sponsor": True, "start": dt.date(2027, 2, 1)})
    )
    outline = what_if_outline(what_if(kb, base, [parse_change("schedule=full-time")]))
    for section in outline.sections:
        title = section.title.replace("&", "&amp;")
        assert title in text.replace("\\", ""), title
    assert "Side by side" in text and "your schedule: full-time" in text
    assert text.count("Your options") == 2  # each plan in full


def test_an_ics_export_of_a_what_if_is_refused(invoke: Any, tmp_path: Path) -> None:
    result = invoke(*BASE, "--what-if", "schedule=full-time", "--export", str(tmp_path / "x.ics"))
    assert result.code == 2
    assert not (tmp_path / "x.ics").exists()


@pytest.mark.parametrize(
    ("change", "allowed"),
    [
        ("bogus=1", "education, budget, schedule"),
        ("schedule", "education, budget, schedule"),
        ("=full-time", "education, budget, schedule"),
        ("schedule=nightly", "full-time, part-time, flexible"),
        ("budget=-3", "whole number of US dollars"),
        ("budget=lots", "whole number of US dollars"),
        ("veteran=maybe", "yes or no"),
        ("experience_years=abc", "whole number of years"),
        ("education=", "needs a value"),
        ("start=next week", "YYYY-MM-DD"),
        ("background=knitting", "customer-service"),
    ],
)
def test_bad_names_and_values_exit_2_with_one_line(invoke: Any, change: str, allowed: str) -> None:
    result = invoke(*BASE, "--what-if", change)
    assert result.code == 2, result.out
    assert result.out == ""
    assert len(result.err.strip().splitlines()) == 1, result.err
    assert "--what-if" in result.err and allowed in result.err
    assert "Traceback" not in result.err


def test_an_optional_answer_left_out_takes_its_default(invoke: Any) -> None:
    data = _json(invoke, *BASE, "--what-if", "employer-sponsor=")
    variant = data["what_if"][0]
    assert variant["changed"] == {"employer_sponsor": None}
    assert variant["plan"]["profile"]["employer_sponsor"] is False
    assert variant["plan"]["profile"]["answered"]["employer_sponsor"] == "default"
    assert variant["plan"] == _json(invoke, *_without(BASE, "--employer-sponsor"))


def test_what_if_does_not_apply_to_a_batch(invoke: Any, tmp_path: Path) -> None:
    cohort = tmp_path / "cohort.csv"
    cohort.write_text("education,budget,schedule\nged,1500,part-time\n", encoding="utf-8")
    result = invoke("plan", "--batch", str(cohort), "--what-if", "schedule=full-time")
    assert result.code == 2
    assert "--batch" in result.err and result.out == ""
    plain = invoke("plan", "--batch", str(cohort), "--start", START)
    assert plain.code == 0 and "what_if" not in plain.out


def test_changes_complete_as_answer_then_value() -> None:
    from billing_career.cli.plan import _what_if_values

    assert "schedule=" in _what_if_values("sch")
    assert _what_if_values("schedule=f") == ["schedule=full-time", "schedule=flexible"]
    assert _what_if_values("veteran=") == ["veteran=yes", "veteran=no"]
    assert set(_what_if_values("")) == {f"{spec.id}=" for spec in ANSWERS}


def test_a_wage_changed_is_said_by_the_hour_and_valued_at_the_persons_hours(invoke: Any) -> None:
    """20/h at 30 hours a week is $31,200 a year: the header and the JSON said $41,600 (40
    hours) while the changed plan used $31,200."""
    flags = (*BASE, "--current-pay", "17/h", "--hours-per-week", "30")
    text = invoke(*flags, "--what-if", "current_pay=20/h", env={"COLUMNS": "120"})
    assert text.code == 0, text.err
    assert "your current pay: $20 an hour ($31,200 a year)" in text.out
    assert "41,600" not in text.out
    data = json.loads(invoke(*flags, "--what-if", "current_pay=20/h", "--json").out)
    variant = data["what_if"][0]
    assert variant["changed"] == {"current_pay": 20 * 30 * 52}
    assert variant["plan"]["profile"]["current_pay"] == 20 * 30 * 52
