"""The caseload report's money says what each client's plan says (what a workforce counselor
found reading `bcareer report` beside the plans): the shortfall after budget and aid is "short
by", never the plan's "left to pay"; it is measured against the total the plan says to plan for
(newer reports' higher figures); "fully funded" and the budget warnings follow it. Each run as
the counselor runs it: the real command, the text, the JSON and the CSV."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from plan_runs import flat, plan_money, text_and_json

START = "2026-12-14"
TEXT_ENV = {"NO_COLOR": "1", "COLUMNS": "80"}
COLUMNS = ("id", "education", "budget", "schedule", "job-seeker", "snap", "training-done")
# The counselor's clients: p1 counts Workforce Development and falls short after it; p10 has its
# training done long ago, so newer reports raise its CPB exam's total to plan for ($745-$1,022)
# above the guide's ($579-$824), which its $600 budget would cover at the low end; p11's budget
# covers that low end, p12's all of it.
CLIENTS = {
    "p1": ("ged", "200", "part-time", "yes", "yes", ""),
    "p10": ("ged", "600", "part-time", "", "", "2017"),
    "p11": ("ged", "800", "part-time", "", "", "2017"),
    "p12": ("ged", "1500", "part-time", "", "", "2017"),
}


def _flags(answers: tuple[str, ...]) -> list[str]:
    flags: list[str] = []
    for key, value in zip(COLUMNS[1:], answers, strict=True):
        if value == "yes":
            flags.append(f"--{key}")
        elif value:
            flags += [f"--{key}", value]
    return flags


@pytest.fixture
def clients(tmp_path: Path) -> Path:
    path = tmp_path / "clients.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows((ident, *answers) for ident, answers in CLIENTS.items())
    return path


def _report(invoke: Any, clients: Path, *more: str, env: dict[str, str] | None = None) -> Any:
    result = invoke("report", str(clients), "--start", START, *more, env=env)
    assert result.code == 0, result.err
    return result


def test_each_client_s_money_is_the_plan_s(invoke: Any, clients: Path) -> None:
    report = json.loads(_report(invoke, clients, "--json").out)
    rows = {row["client"]: row for row in report["rows"]}
    expected = {
        # total to plan for, you pay (after aid, before budget), short by (after budget)
        "p1": ((1885, 4330), (285, 1330), (85, 1130)),
        "p10": ((745, 1022), (745, 1022), (145, 422)),
        "p11": ((745, 1022), (745, 1022), (0, 222)),
        "p12": ((745, 1022), (745, 1022), (0, 0)),
    }
    for ident, (total, pays, short) in expected.items():
        row = rows[ident]
        got = tuple(
            (row[key]["min"], row[key]["max"]) for key in ("total_cost", "you_pay", "left_to_pay")
        )
        assert got == (total, pays, short), ident
        assert row["fully_funded"] is (ident == "p12")
    # The same figures as each single plan's, in its JSON and in the words the client reads.
    for ident, answers in CLIENTS.items():
        text, plan = text_and_json(invoke, START, TEXT_ENV, *_flags(answers))
        money = plan_money(plan)
        row = rows[ident]
        assert (row["total_cost"], row["you_pay"], row["left_to_pay"]) == (
            money["total_cost"],
            money["you_pay"],
            money["left_to_pay"],
        )
        assert row["warnings"] == [warning["rule"] for warning in plan["warnings"]]
        if ident == "p1":
            assert "falls short by $85-$1,130." in text
            assert "You pay: $285-$1,330 ($1,885-$4,330 without the aid)." in text
        if ident == "p10":
            assert "Total cost: $579-$824; newer reports: $745-$1,022; plan for $745-$1,022" in (
                text
            )
            assert "newer reports: falls short by $145-$422." in text
            assert "You pay: $579-$824; plan for $745-$1,022 (newer reports)." in text
        if ident == "p11":
            assert "newer reports: may fall short by up to $222." in text
    funding = report["funding"]
    assert funding["total_cost"] == {"min": 1885 + 3 * 745, "max": 4330 + 3 * 1022}
    assert funding["aid_counted"] == {"min": 1600, "max": 3000}
    assert funding["you_pay"] == {"min": 285 + 3 * 745, "max": 1330 + 3 * 1022}
    assert funding["left_to_pay"] == {"min": 85 + 145, "max": 1130 + 422 + 222}
    assert funding["fully_funded"] == ["p12"]
    assert funding["not_funded"] == ["p1", "p10", "p11"]
    # The blockers list tells the same story: p10 is short even at the low end, p11 at most at
    # the high end.
    findings = {finding["id"]: finding["clients"] for finding in report["blockers"]}
    assert findings["budget-short-at-the-low-end"] == ["p1", "p10"]
    assert findings["budget-may-fall-short"] == ["p11"]


def test_the_report_says_short_by_never_left_to_pay(invoke: Any, clients: Path) -> None:
    out = _report(invoke, clients, env=TEXT_ENV).out
    assert "left to pay" not in out.lower()
    lines = out.splitlines()
    text = flat(out)
    assert (
        "Short by $230-$1,774 in all, after each client's budget and counted aid; fully "
        "funded: 1 of 4." in text
    )
    assert "Total cost of all paths, as the plans say to plan for: $4,120-$7,396." in text
    assert "What the clients pay after the aid, before their budgets: $2,520-$4,396." in text
    assert "Short by, after their budgets: $230-$1,774." in text
    assert "Fully funded: 1; not fully funded: 3 (p1, p10, p11)." in text
    assert "Warning: money short even at the low end: 2 (p1, p10)" in lines
    # Each client's record: the path and date, then what the client pays after the aid (the
    # plan's "You pay") and what the budget falls short by.
    records = {
        "p1: Short Certificate, CBCS; job-ready by July 19, 2027": (
            "  You pay $285-$1,330 after aid; short by $85-$1,130 after the budget"
        ),
        "p10: No program, CPB; job-ready by February 22, 2027": (
            "  You pay $745-$1,022 after aid; short by $145-$422 after the budget"
        ),
        "p11: No program, CPB; job-ready by February 22, 2027": (
            "  You pay $745-$1,022 after aid; short by up to $222 after the budget"
        ),
        "p12: No program, CPB; job-ready by February 22, 2027": (
            "  You pay $745-$1,022 after aid; the budget covers it"
        ),
    }
    for first, money in records.items():
        assert lines[lines.index(first) + 1] == money


def test_the_files_use_the_same_word(invoke: Any, clients: Path, tmp_path: Path) -> None:
    files = {}
    for suffix in (".csv", ".md", ".html"):
        target = tmp_path / f"caseload{suffix}"
        _report(invoke, clients, "--output", str(target))
        files[suffix] = target.read_text(encoding="utf-8")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(files[".csv"]))}
    assert not any(column.startswith("left_to_pay") for column in rows["p1"])
    cells = {
        ident: tuple(
            row[column]
            for column in (
                "total_cost_min",
                "total_cost_max",
                "you_pay_min",
                "you_pay_max",
                "short_by_min",
                "short_by_max",
                "fully_funded",
            )
        )
        for ident, row in rows.items()
    }
    assert cells == {
        "p1": ("1885", "4330", "285", "1330", "85", "1130", "no"),
        "p10": ("745", "1022", "745", "1022", "145", "422", "no"),
        "p11": ("745", "1022", "745", "1022", "0", "222", "no"),
        "p12": ("745", "1022", "745", "1022", "0", "0", "yes"),
    }
    assert (
        "| Client | Program | Certification | You pay | Short by | Short at first | Job-ready by | "
        "First action |" in (files[".md"])
    )
    assert "| p10 | No program | CPB | $745-$1,022 | $145-$422 |" in files[".md"]
    assert '<th class="num">You pay</th><th class="num">Short by</th>' in files[".html"]
    assert (
        '<td class="num" data-label="You pay">$285-$1,330</td>'
        '<td class="num" data-label="Short by">$85-$1,130</td>'
    ) in files[".html"]
    assert '<th class="num">Short by</th>' in files[".html"]
    assert '<td class="num" data-label="Short by">up to $222</td>' in files[".html"]
    for text in files.values():
        assert "left to pay" not in text.lower()
