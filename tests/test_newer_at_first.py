"""Newer figures that raise what is paid up front though not what is left after the aid (a
veteran's CMRS retake: the GI Bill repays the whole newer $325 fee after), the guide's at-first
figure in `cost` and `aid` JSON beside newer reports', and `cost`'s row without training for an
exam the person sat: each through the real command, its text and its JSON."""

from __future__ import annotations

import csv
import json
from typing import Any

from plan_runs import flat, plan_args, plan_money, text_and_json

START = "2026-12-14"
TEXT_ENV = {"NO_COLOR": "1", "COLUMNS": "80"}
CMRS_VETERAN = (
    *("--education", "high-school", "--schedule", "full-time", "--budget", "300"),
    *("--failed-exam", "CMRS", "--veteran"),
)


def _json(invoke: Any, *args: str) -> dict[str, Any]:
    result = invoke(*args, "--json")
    assert result.code == 0, result.err
    data: dict[str, Any] = json.loads(result.out)
    return data


def _text(invoke: Any, *args: str, columns: int = 80) -> str:
    # A table's cells wrap at 80 columns: wide enough, each cell's text is on one line.
    result = invoke(*args, env={**TEXT_ENV, "COLUMNS": str(columns)})
    assert result.code == 0, result.err
    return flat(result.out)


# --- 1. the at-first figure at the total to plan for ----------------------------------------------


def test_a_cmrs_retake_says_newer_reports_at_first_where_only_that_rises(invoke: Any) -> None:
    text, data = text_and_json(invoke, START, TEXT_ENV, *CMRS_VETERAN)
    you = data["you_pay"]
    # What is left after the aid does not rise (the GI Bill repays the newer fee too) ...
    assert you["with_newer_figures"] is None
    assert (you["min"], you["max"]) == (30, 375)
    # ... but what is paid up front does: the whole total to plan for, the newer $325 fee in it.
    newer = data["cost"]["total_with_newer_figures"]
    assert (newer["min"], newer["max"]) == (355, 700)
    assert you["short_at_first"] == {"min": 0, "max": 274}
    assert you["short_at_first_with_newer_figures"] == {
        "min": newer["min"] - 300,
        "max": newer["max"] - 300,
    }
    funding = text[text.index("Funding: ") : text.index("You pay: ")]
    assert (
        "may fall short by up to $75; up to $274 at first; newer reports: $55-$400 at first."
        in funding
    )
    # The warning measures the budget against the total the plan says to plan for.
    assert "path's whole cost ($355-$700) but may fall short by up to $75" in text


def test_a_cpb_retake_keeps_its_newer_clause(invoke: Any) -> None:
    # Where newer reports raise what is left too, the clause says both, as before.
    flags = [*CMRS_VETERAN]
    flags[flags.index("CMRS")] = "CPB"
    text, data = text_and_json(invoke, START, TEXT_ENV, *flags)
    assert data["you_pay"]["with_newer_figures"] is not None
    assert (
        "$179-$524 at first; newer reports: may fall short by up to $297, and by $345-$722 at "
        "first." in text
    )


def test_what_if_says_newer_reports_at_first_on_both_sides(invoke: Any) -> None:
    args = plan_args(START, *CMRS_VETERAN, "--what-if", "budget=250")
    text = _text(invoke, *args, columns=300)
    assert "up to $274 at first; newer reports: $55-$400 at first" in text
    assert "up to $324 at first; newer reports: $105-$450 at first" in text


def test_cost_says_newer_reports_at_first_where_only_that_rises(invoke: Any) -> None:
    args = ("cost", "-p", "none", "--failed-exam", "CMRS", "--veteran", "--budget", "0")
    money = _json(invoke, *args)["money"]
    assert money["with_newer_figures"] is None
    assert money["short_at_first"] == {"min": 229, "max": 574}
    assert money["short_at_first_with_newer_figures"] == {"min": 355, "max": 700}
    assert (
        "Your budget of $0 falls short by $30-$375; $229-$574 at first; newer reports: "
        "$355-$700 at first." in _text(invoke, *args)
    )


CASES = (
    "id,education,budget,schedule,veteran,failed-exam\n"
    "V1,high-school,300,full-time,yes,CMRS\n"
    "V2,high-school,300,full-time,yes,CPB\n"
)


def test_the_report_measures_a_cmrs_retake_at_the_total_to_plan_for(
    invoke: Any, tmp_path: Any
) -> None:
    path = tmp_path / "cases.csv"
    path.write_text(CASES, encoding="utf-8")
    report = _json(invoke, "report", str(path), "--start", START)
    rows = {row["client"]: row for row in report["rows"]}
    _, plan = text_and_json(invoke, START, TEXT_ENV, *CMRS_VETERAN)
    money = plan_money(plan)
    v1 = rows["V1"]
    # The plan's "plan for $355-$700", not the guide's $229-$574.
    assert v1["total_cost"] == money["total_cost"] == {"min": 355, "max": 700}
    assert v1["short_at_first"] == money["short_at_first"] == {"min": 55, "max": 400}
    assert v1["left_to_pay"] == money["left_to_pay"] == {"min": 0, "max": 75}
    funding = report["funding"]
    assert funding["short_at_first"] == {"min": 55 + 345, "max": 400 + 722}
    said = _text(invoke, "report", str(path), "--start", START)
    assert "short by up to $75 after the budget, $55-$400 at first, until the VA" in said
    assert "until it is repaid, short by $400-$1,122 in all at first" in said
    out = tmp_path / "cases-report.csv"
    assert invoke("report", str(path), "--start", START, "--output", str(out)).code == 0
    table = {row["id"]: row for row in csv.DictReader(out.open(encoding="utf-8"))}
    v1_row = table["V1"]
    assert (v1_row["total_cost_min"], v1_row["total_cost_max"]) == ("355", "700")
    assert (v1_row["short_at_first_min"], v1_row["short_at_first_max"]) == ("55", "400")
    md = tmp_path / "cases-report.md"
    assert invoke("report", str(path), "--start", START, "--output", str(md)).code == 0
    assert (
        "| V1 | No program | CMRS | $30-$375 | up to $75 | $55-$400, until the VA repays the "
        "exam fee |" in md.read_text(encoding="utf-8")
    )


# --- 2. the guide's at-first figure in cost and aid JSON ------------------------------------------


def test_cost_and_aid_json_carry_the_guides_at_first_beside_newer_reports(invoke: Any) -> None:
    path = ("-p", "none", "--failed-exam", "CPB", "--veteran", "--budget", "0")
    money = _json(invoke, "cost", *path)["money"]
    assert money["short_at_first"] == {"min": 479, "max": 824}
    assert money["short_at_first_with_newer_figures"] == {"min": 645, "max": 1022}
    assert "$479-$824 at first;" in _text(invoke, "cost", *path)
    aid = _json(invoke, "aid", *path)["money"]
    assert aid["short_at_first"] == money["short_at_first"]
    assert aid["short_at_first_with_newer_figures"] == money["short_at_first_with_newer_figures"]
    # Nothing paid up front, nothing short at first.
    plain = _json(invoke, "cost", "-p", "none", "--failed-exam", "CPB", "--budget", "0")["money"]
    assert plain["paid_first"] == [] and plain["short_at_first"] is None


# --- 3. cost's row without training for an exam the person sat ------------------------------------


def _bare_row(overview: dict[str, Any]) -> dict[str, Any]:
    rows = [row for row in overview["programs"] if row["program"] is None]
    assert len(rows) == 1
    return rows[0]


def test_the_row_without_training_is_priced_as_a_retake(invoke: Any) -> None:
    for cert, total in (("CMRS", (229, 574)), ("CPB", (479, 824))):
        overview = _json(invoke, "cost", "--failed-exam", cert)
        row = _bare_row(overview)
        alone = _json(invoke, "cost", "-p", "none", "--failed-exam", cert)
        # The row prices what `cost -p none` prices for the same answers (textbooks optional).
        assert row["items"] == alone["items"]
        assert (alone["total"]["min"], alone["total"]["max"]) == total
        retake = (
            f"A retake of the {cert} exam you sat: no training needed (what the guide asks "
            "before a first attempt, you met when you sat it)."
        )
        assert overview["without_training"] == retake
        text = _text(invoke, "cost", "--failed-exam", cert, columns=300)
        assert retake in text
        assert f"${total[0]}-${total[1]}" in text
        assert "Without training you must qualify another way" not in text
        # The textbooks' retake price is the row without training's, and the note says so.
        assert f"Textbooks without a training program (your {cert} retake): optional" in text
        # What every program adds to its training is at a first attempt's prices.
        assert "tuition and program fees plus: Textbooks," in text
        # A program row is priced as before: its textbooks are not a retake's.
        first = _json(invoke, "cost", "--cert", cert)
        programs = {r["program"]["id"]: r for r in first["programs"] if r["program"] is not None}
        again = {r["program"]["id"]: r for r in overview["programs"] if r["program"] is not None}
        assert programs == again and len(programs) > 1
        assert _bare_row(first)["items"] != row["items"]


def test_a_first_attempt_keeps_the_note_for_qualifying(invoke: Any) -> None:
    overview = _json(invoke, "cost", "--cert", "CMRS")
    row = _bare_row(overview)
    assert overview["without_training"].startswith("Without training you must qualify another way")
    assert sum(item["max"] or 0 for item in row["items"]) == 574
    assert min(item["min"] or 0 for item in row["items"] if item["id"] == "textbooks") > 0
    # Another exam failed: this certification's row is a first attempt.
    other = _json(invoke, "cost", "--cert", "CMRS", "--failed-exam", "CPB")
    assert other["without_training"] == overview["without_training"]
    # Only a failed exam given: no note that answers count toward one path.
    result = invoke("cost", "--failed-exam", "CMRS", env=TEXT_ENV)
    assert result.code == 0 and "count toward one path" not in result.err
