"""A veteran's exam fee paid up front until the VA repays it, measured as the clause before it:
the guide's shortfall at first after the guide's verdict, the one at the total to plan for
after newer reports' (plan, cost and the JSON), each run through the real command."""

from __future__ import annotations

import json
from typing import Any

from plan_runs import flat, plan_money, text_and_json

START = "2026-12-14"
TEXT_ENV = {"NO_COLOR": "1", "COLUMNS": "80"}
RETAKE = ("--education", "ged", "--budget", "400", "--schedule", "part-time", "--veteran")


def _funding(text: str) -> str:
    return text[text.index("Funding: ") : text.index("You pay: ")]


def test_a_cpb_retake_says_the_shortfall_at_first_of_the_total_to_plan_for(invoke: Any) -> None:
    text, data = text_and_json(invoke, START, TEXT_ENV, *RETAKE, "--failed-exam", "CPB")
    you = data["you_pay"]
    # The GI Bill pays only the exam fee, and repays it after: at first the person pays the
    # whole path, at the guide's figures and at the total to plan for.
    total = data["cost"]["total"]
    assert you["short_at_first"] == {"min": total["min"] - 400, "max": total["max"] - 400}
    planned = plan_money(data)["total_cost"]
    assert planned != total
    at_newer = {"min": planned["min"] - 400, "max": planned["max"] - 400}
    assert you["short_at_first_with_newer_figures"] == at_newer
    assert (at_newer["min"], at_newer["max"]) == (245, 622)
    funding = _funding(text)
    guide = f"falls short by ${total['min'] - 400}-${total['max'] - 400}"
    assert (
        f"covers it; with the exam fee paid up front until the VA repays it: {guide}; newer "
        "reports: may fall short by up to $197, and by $245-$622 at first." in funding
    )
    # Each figure after the clause it belongs to: the guide's at first before newer reports'.
    assert funding.index(guide) < funding.index("newer reports")


def test_a_veteran_on_a_cpb_program_path_says_both_at_first(invoke: Any) -> None:
    # The goal of advancement: a training program with the CPB, whose newer figures are higher.
    text, data = text_and_json(
        invoke, START, TEXT_ENV, *RETAKE[:2], "--budget", "0", *RETAKE[4:], "--goal", "advancement"
    )
    assert data["recommendations"]["certification"]["code"] == "CPB"
    assert data["recommendations"]["program"] is not None
    you = data["you_pay"]
    pays = you["with_newer_figures"]
    fee = sum(item["amount"]["max"] for item in you["paid_first"])
    assert you["short_at_first"] == {"min": you["min"] + fee, "max": you["max"] + fee}
    # At newer figures the GI Bill repays the newer fee ($425), not the guide's: what the person
    # pays at first is the total to plan for less the aid that pays directly.
    at_newer = you["short_at_first_with_newer_figures"]
    assert at_newer["min"] > pays["min"] and at_newer["max"] > pays["max"]
    funding = _funding(text)
    assert (
        f"falls short by ${you['min']:,.0f}-${you['max']:,.0f}; "
        f"${you['min'] + fee:,.0f}-${you['max'] + fee:,.0f} at first; newer reports: falls "
        f"short by ${pays['min']:,.0f}-${pays['max']:,.0f}, and by "
        f"${at_newer['min']:,.0f}-${at_newer['max']:,.0f} at first." in funding
    )


def test_cost_says_the_shortfall_at_first_of_the_total_to_plan_for(invoke: Any) -> None:
    path = ("cost", "--program", "online", "--cert", "CPB", *RETAKE[:4], "--veteran")
    data = invoke(*path, "--json")
    assert data.code == 0, data.err
    money = json.loads(data.out)["money"]
    pays = money["with_newer_figures"]
    at_newer = money["short_at_first_with_newer_figures"]
    # What the person pays of the total to plan for, plus the newer $425 fee paid up front.
    assert at_newer == {"min": pays["min"] + 425 - 400, "max": pays["max"] + 425 - 400}
    text = invoke(*path, env=TEXT_ENV)
    assert text.code == 0, text.err
    assert (
        f"newer reports: may fall short by up to ${pays['max'] - 400:,.0f}, and by "
        f"${at_newer['min']:,.0f}-${at_newer['max']:,.0f} at first." in flat(text.out)
    )


# --- the caseload report -------------------------------------------------------------------------

CASES = (
    "id,education,budget,schedule,veteran,failed-exam\n"
    "P03,ged,0,full-time,yes,\n"
    "P22,ged,300,full-time,yes,\n"
    "R1,ged,400,part-time,yes,CPB\n"
    "N1,ged,500,part-time,no,\n"
)


def test_the_report_says_each_clients_shortfall_at_first(invoke: Any, tmp_path: Any) -> None:
    import csv

    path = tmp_path / "cases.csv"
    path.write_text(CASES, encoding="utf-8")
    data = invoke("report", str(path), "--start", START, "--json")
    assert data.code == 0, data.err
    report = json.loads(data.out)
    rows = {row["client"]: row for row in report["rows"]}
    # Each client's own plan says the same at first.
    for client, flags in (
        ("P03", ("--budget", "0", "--schedule", "full-time")),
        ("P22", ("--budget", "300", "--schedule", "full-time")),
        ("R1", ("--budget", "400", "--schedule", "part-time", "--failed-exam", "CPB")),
        ("N1", ("--budget", "500", "--schedule", "part-time", "--no-veteran")),
    ):
        veteran = () if client == "N1" else ("--veteran",)
        _, plan = text_and_json(invoke, START, TEXT_ENV, "--education", "ged", *flags, *veteran)
        assert rows[client]["short_at_first"] == plan_money(plan)["short_at_first"], client
    assert rows["P03"]["short_at_first"] == {"min": 285, "max": 530}
    assert rows["P22"]["short_at_first"] == {"min": 0, "max": 230}
    assert rows["N1"]["short_at_first"] is None and rows["N1"]["paid_first"] == []
    funding = report["funding"]
    assert funding["paid_up_front"] == ["P03", "P22", "R1"]
    firsts = [rows[c]["short_at_first"] or rows[c]["left_to_pay"] for c in rows]
    assert funding["short_at_first"] == {
        "min": sum(first["min"] for first in firsts),
        "max": sum(first["max"] for first in firsts),
    }
    text = invoke("report", str(path), "--start", START, env=TEXT_ENV)
    assert text.code == 0, text.err
    said = flat(text.out)
    assert (
        "You pay $130-$375 after aid; short by up to $75 after the budget, up to $230 at first, "
        "until the VA repays the exam fee" in said
    )
    assert "short by $130-$375 after the budget, $285-$530 at first, until the VA" in said
    assert "short by up to $30 after the budget First:" in said
    low, high = funding["short_at_first"]["min"], funding["short_at_first"]["max"]
    assert (
        "Paying a fee up front that their aid repays after: 3 (P03, P22, R1); until it is "
        f"repaid, short by ${low:,.0f}-${high:,.0f} in all at first, after their budgets." in said
    )
    out = tmp_path / "cases-report.csv"
    written = invoke("report", str(path), "--start", START, "--output", str(out))
    assert written.code == 0, written.err
    table = {row["id"]: row for row in csv.DictReader(out.open(encoding="utf-8"))}
    assert (table["P22"]["short_at_first_min"], table["P22"]["short_at_first_max"]) == ("0", "230")
    assert (table["N1"]["short_at_first_min"], table["N1"]["short_at_first_max"]) == ("", "")
    # The CSV says "No program" as the text does, not a blank.
    assert table["R1"]["program"] == "No program"
    assert "R1: No program, CPB" in said
    md = tmp_path / "cases-report.md"
    assert invoke("report", str(path), "--start", START, "--output", str(md)).code == 0
    assert (
        "| P22 | Short Certificate | CBCS | $130-$375 | up to $75 | up to $230, until the VA "
        "repays the exam fee |" in md.read_text(encoding="utf-8")
    )


def test_an_unknown_sponsorship_asks_for_the_amount_before_any_program(invoke: Any) -> None:
    # The sponsored person's plan names shorter and costlier programs beside the one picked: the
    # advice holds for any of them, not only a longer one.
    text, data = text_and_json(
        invoke,
        START,
        TEXT_ENV,
        *("--education", "high-school", "--budget", "500", "--schedule", "part-time"),
        "--employer-sponsor",
        details=True,
    )
    assert (
        "The amount of your employer sponsorship is not known yet, so programs are weighed on "
        "your budget alone; get the amount in writing before you choose a program." in text
    )
    assert "longer program" not in text and "longer program" not in json.dumps(data)


def test_aapcs_hardship_policy_is_cited_only_on_an_aapc_exams_path(invoke: Any) -> None:
    hardship = "AAPC: Member hardship policy"

    def payment_plans(cert: str) -> tuple[list[str], str]:
        args = ("aid", "--failed-exam", cert, "--budget", "100", "-p", "none", "--cert", cert)
        data = invoke(*args, "--json")
        assert data.code == 0, data.err
        money = json.loads(data.out)["money"]
        cited = next(s["sources"] for s in money["sources"] if s["id"] == "payment-plans")
        text = invoke(*args, env=TEXT_ENV)
        assert text.code == 0, text.err
        return cited, flat(text.out)

    # An NHA exam (CBCS): the guide only, in the JSON and the text's notes.
    cited, text = payment_plans("CBCS")
    assert len(cited) == 1 and hardship not in cited
    assert hardship not in text and "Payment Plans: not counted." in text
    # An AAPC exam (CPB): AAPC's own policy beside the guide.
    cited, text = payment_plans("CPB")
    assert cited[1:] == [hardship]
    assert hardship in text
