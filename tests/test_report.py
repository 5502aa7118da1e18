"""`bcareer report CLIENTS`: a caseload whose totals are the sums of its clients' own single
plans, in every output format, with bad rows listed by line."""

from __future__ import annotations

import copy
import csv
import io
import json
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import headless
import pytest
from plan_runs import plan_money

START = "2027-01-04"
EDUCATIONS = ("none", "ged", "high-school", "some-college", "associate", "bachelor")
BUDGETS = ("0", "500", "1500", "3000", "6000", "12000", "$800")
SCHEDULES = ("full-time", "part-time", "flexible")
GOALS = ("quick-entry", "comprehensive", "advancement")
PAY = ("", "30000", "17/h", "60000", "")
COLUMNS = (
    "id",
    "education",
    "budget",
    "schedule",
    "goal",
    "experience-years",
    "veteran",
    "employer-sponsor",
    "job-seeker",
    "remote",
    "current-pay",
)


def cohort() -> list[dict[str, str]]:
    """50 clients with known answers: every education, schedule and goal, each kind of aid."""
    rows = []
    for index in range(50):
        rows.append(
            {
                "id": f"C-{index + 1:02d}",
                "education": EDUCATIONS[index % 6],
                "budget": BUDGETS[index % 7],
                "schedule": SCHEDULES[index % 3],
                "goal": GOALS[index // 3 % 3],
                "experience-years": ("0", "0", "1", "3")[index % 4],
                "veteran": "yes" if index % 5 == 0 else "no",
                "employer-sponsor": "yes" if index % 7 == 3 else "no",
                "job-seeker": "yes" if index % 4 == 1 else "",
                "remote": "yes" if index % 2 else "no",
                "current-pay": PAY[index % 5],
            }
        )
    return rows


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture(scope="module")
def cohort_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_csv(tmp_path_factory.mktemp("cohort") / "cohort.csv", cohort())


# The cohort's report, made once per worker: planning 50 clients costs seconds, and every test
# that reads it gets its own copy (the run is the same in each: same file, data and start).
_REPORTS: dict[Path, dict[str, Any]] = {}


@pytest.fixture
def report_json(invoke, cohort_file: Path) -> dict[str, Any]:
    if cohort_file not in _REPORTS:
        result = invoke("report", str(cohort_file), "--start", START, "--json")
        assert result.code == 0, result.err
        _REPORTS[cohort_file] = json.loads(result.out)
    data: dict[str, Any] = copy.deepcopy(_REPORTS[cohort_file])
    return data


def single_plan(invoke, row: dict[str, str]) -> dict[str, Any]:
    args = ["plan", "--no-input", "--no-save", "--json", "--start", START]
    for key, value in row.items():
        if key == "id" or not value:
            continue
        if value in {"yes", "no"}:
            if value == "yes":
                args.append(f"--{key}")
        else:
            args += [f"--{key}", value]
    result = invoke(*args)
    assert result.code == 0, result.err
    plan: dict[str, Any] = json.loads(result.out)
    return plan


def _aid_of_total(plan: dict[str, Any]) -> dict[str, float]:
    """What a plan's counted aid pays of its total to plan for, as a range (lower first)."""
    money = plan_money(plan)
    ends = [money["total_cost"][end] - money["you_pay"][end] for end in ("min", "max")]
    return {"min": min(ends), "max": max(ends)}


def test_totals_are_the_sums_of_the_single_plans(invoke, report_json: dict[str, Any]) -> None:
    rows = cohort()
    plans = {row["id"]: single_plan(invoke, row) for row in rows}
    report = report_json
    assert report["clients"] == 50
    assert report["errors"] == []
    by_id = {row["client"]: row for row in report["rows"]}
    assert list(by_id) == [row["id"] for row in rows]

    def total(get: Any) -> dict[str, float]:
        return {
            "min": sum(get(plan)["min"] for plan in plans.values()),
            "max": sum(get(plan)["max"] for plan in plans.values()),
        }

    # The money as each plan says it: the total to plan for, what the client pays of it after
    # the aid, and what the budget falls short by (newer reports' figures where they raise it).
    funding = report["funding"]
    assert funding["total_cost"] == total(lambda plan: plan_money(plan)["total_cost"])
    # The aid: what it pays of that total (total less what the client pays), so the columns add
    # up; of it, what it pays of newer reports' higher figures beyond the plan's own aid line.
    assert funding["aid_counted"] == total(_aid_of_total)
    assert funding["aid_of_newer_figures"] == total(
        lambda plan: {
            end: _aid_of_total(plan)[end] - plan["budget"]["aid_counted"][end]
            for end in ("min", "max")
        }
    )
    assert funding["you_pay"] == total(lambda plan: plan_money(plan)["you_pay"])
    assert funding["left_to_pay"] == total(lambda plan: plan_money(plan)["left_to_pay"])
    funded = [ident for ident, plan in plans.items() if plan_money(plan)["fully_funded"]]
    assert funding["fully_funded"] == funded
    assert funding["not_funded"] == [ident for ident in plans if ident not in funded]
    assert 0 < len(funded) < 50
    # A fee paid up front until the aid repays it (the veterans' exam fee): the clients who pay
    # one, and the shortfall at first (each plan's, else what stays short), summed.
    fronted = [ident for ident, plan in plans.items() if plan["you_pay"]["paid_first"]]
    assert fronted and funding["paid_up_front"] == fronted
    assert funding["short_at_first"] == total(
        lambda plan: plan_money(plan)["short_at_first"] or plan_money(plan)["left_to_pay"]
    )
    assert funding["short_at_first"] != funding["left_to_pay"]
    # Some of the 50 plans say to plan for newer reports' higher total.
    assert any(plan["you_pay"]["with_newer_figures"] for plan in plans.values())

    # Each aid source: the clients it is counted for, and what it alone is counted as paying.
    expected_sources: dict[str, list[float]] = {}
    for plan in plans.values():
        for source in plan["funding"]["sources"]:
            if source["counted"]:
                sums = expected_sources.setdefault(source["id"], [0, 0, 0])
                sums[0] += 1
                sums[1] += source["counted_as"]["min"]
                sums[2] += source["counted_as"]["max"]
    assert {
        source["id"]: [source["clients"], source["min"], source["max"]]
        for source in funding["aid_by_source"]
    } == expected_sources
    assert len(expected_sources) >= 3

    programs = Counter(
        plan["recommendations"]["program"]["id"] if plan["recommendations"]["program"] else "none"
        for plan in plans.values()
    )
    assert {count["id"]: count["count"] for count in report["by_program"]} == programs
    certifications = Counter(
        plan["recommendations"]["certification"]["code"] for plan in plans.values()
    )
    assert {c["id"]: c["count"] for c in report["by_certification"]} == certifications
    months = Counter(plan["ready_by"][:7] for plan in plans.values())
    assert report["ready_by_month"] == dict(sorted(months.items()))
    for ident, plan in plans.items():
        row = by_id[ident]
        money = plan_money(plan)
        assert (row["total_cost"], row["you_pay"], row["left_to_pay"]) == (
            money["total_cost"],
            money["you_pay"],
            money["left_to_pay"],
        )
        assert row["fully_funded"] == money["fully_funded"]
        assert row["short_at_first"] == money["short_at_first"]
        # The budget warnings exactly where the shortfall says so, as in the plan.
        short = money["left_to_pay"]
        warnings = [warning["rule"] for warning in plan["warnings"]]
        assert row["warnings"] == warnings
        assert ("budget-short-at-the-low-end" in warnings) == (short["min"] > 0), ident
        assert ("budget-may-fall-short" in warnings) == (short["min"] == 0 < short["max"]), ident
        assert row["ready_by"] == plan["ready_by"]
        assert row["first_action"] == plan["first_actions"][0]
        assert row["blockers"] == [blocker["rule"] for blocker in plan["blockers"]]


def test_blockers_referrals_and_payback_name_the_clients(report_json: dict[str, Any]) -> None:
    rows = cohort()
    findings = {(f["kind"], f["id"]): f["clients"] for f in report_json["blockers"]}
    # Education "none" is the guide's Step 1 blocker, and only it.
    no_diploma = [row["id"] for row in rows if row["education"] == "none"]
    assert findings["blocker", "diploma-or-ged-required"] == no_diploma
    # $60,000 a year beats the entry band's top ($42,000): no payback in months.
    earning_more = [row["id"] for row in rows if row["current-pay"] == "60000"]
    # Counted once, as the rules' warning that billing pays less than now (by its label).
    warned = [f for f in report_json["blockers"] if f["label"] == "billing pays less than now"]
    assert [f["clients"] for f in warned] == [earning_more]
    assert not any(kind == "payback" for kind, _ident in findings)
    assert report_json["payback"]["no_payback"] == earning_more
    referrals = {referral["id"]: referral["clients"] for referral in report_json["referrals"]}
    assert referrals["wioa"] == [row["id"] for row in rows if row["job-seeker"] == "yes"]
    assert referrals["gi-bill"] == [row["id"] for row in rows if row["veteran"] == "yes"]
    months = [
        row["payback_months"] for row in report_json["rows"] if row["payback_months"] is not None
    ]
    payback = report_json["payback"]
    assert payback["range"] == {
        "min": min(m["min"] for m in months),
        "max": max(m["max"] for m in months),
    }
    assert payback["median"]["min"] <= payback["median"]["max"]
    assert payback["clients"] == len(months) > 0


def test_the_terminal_summary_fits_80_columns_answer_first(invoke, cohort_file: Path) -> None:
    result = invoke(
        "report", str(cohort_file), "--start", START, env={"COLUMNS": "80", "NO_COLOR": "1"}
    )
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "Caseload report"
    assert lines[1] == "50 clients planned."
    assert max(len(line) for line in lines) <= 80
    for heading in (
        "Recommendations",
        "Blockers and barriers",
        "Money",
        "Job-ready by month (estimates)",
        "Payback",
        "Per client",
    ):
        assert heading in lines
    assert any(line.startswith("C-01: ") for line in lines)
    assert result.err == ""  # no progress bar when stderr is not a terminal
    # Each client's first action under its client, a wrapped one indented under its text.
    clients = lines[lines.index("Per client") + 1 :]
    firsts = [index for index, line in enumerate(clients) if line.startswith("  First: ")]
    assert firsts
    wrapped = [clients[index + 1] for index in firsts if index + 1 < len(clients)]
    continued = [line for line in wrapped if not line.startswith(("C-", "  First: ", "Bad rows"))]
    assert continued and all(line.startswith(" " * 9) and line[9] != " " for line in continued)


def test_bad_rows_are_listed_with_their_line_numbers(invoke, tmp_path: Path) -> None:
    path = tmp_path / "clients.csv"
    path.write_text(
        "id,education,budget,schedule\n"
        "A,ged,3000,part-time\n"
        "B,ged,lots,part-time\n"
        "\n"
        "C,doctorate,3000,full-time\n"
        "D,bachelor,9000,flexible\n"
        "E,ged,,flexible\n",
        encoding="utf-8",
    )
    result = invoke("report", str(path), "--start", START, "--json")
    assert result.code == 1
    report = json.loads(result.out)
    assert report["clients"] == 2
    assert [row["client"] for row in report["rows"]] == ["A", "D"]
    assert [(error["row"], error["line"]) for error in report["errors"]] == [
        (2, 3),
        (3, 5),
        (5, 7),
    ]
    assert "budget" in report["errors"][0]["message"].lower()
    assert "doctorate" in report["errors"][1]["message"]
    assert "Missing budget" in report["errors"][2]["message"]
    assert "3 of 5 rows had no plan" in result.err
    text = invoke("report", str(path), "--start", START, env={"NO_COLOR": "1"})
    assert "Line 3 (row 2): " in text.out
    assert "Line 5 (row 3): " in text.out


# --- files ---------------------------------------------------------------------------------------


def write_report(invoke, cohort_file: Path, target: Path) -> str:
    result = invoke("report", str(cohort_file), "--start", START, "--output", str(target))
    assert result.code == 0, result.err
    assert result.err.splitlines()[-1] == f"Wrote {target}"
    return target.read_text(encoding="utf-8")


def test_json_file_is_the_json_output(
    invoke, cohort_file: Path, tmp_path: Path, report_json: dict[str, Any]
) -> None:
    data = json.loads(write_report(invoke, cohort_file, tmp_path / "caseload.json"))
    assert data == report_json
    assert list(data) == [
        "clients",
        "errors",
        "by_program",
        "by_certification",
        "blockers",
        "funding",
        "referrals",
        "not_assessed",
        "ready_by_month",
        "ready_by_on_condition",
        "payback",
        "rows",
    ]
    assert list(data["funding"]) == [
        "total_cost",
        "aid_counted",
        "aid_by_source",
        "you_pay",
        "left_to_pay",
        "fully_funded",
        "not_funded",
        "blocked",
        "paid_up_front",
        "short_at_first",
        "aid_of_newer_figures",
    ]


def test_csv_file_has_a_row_per_client(
    invoke, cohort_file: Path, tmp_path: Path, report_json: dict[str, Any]
) -> None:
    text = write_report(invoke, cohort_file, tmp_path / "caseload.csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["id"] for row in rows] == [row["id"] for row in cohort()]
    assert sum(float(row["short_by_max"]) for row in rows) == pytest.approx(
        report_json["funding"]["left_to_pay"]["max"]
    )
    assert sum(float(row["you_pay_min"]) for row in rows) == pytest.approx(
        report_json["funding"]["you_pay"]["min"]
    )
    assert sum(row["fully_funded"] == "yes" for row in rows) == len(
        report_json["funding"]["fully_funded"]
    )


def test_markdown_file_parses(invoke, cohort_file: Path, tmp_path: Path) -> None:
    from markdown_it import MarkdownIt

    text = write_report(invoke, cohort_file, tmp_path / "caseload.md")
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    headings = [
        tokens[index + 1].content
        for index, token in enumerate(tokens)
        if token.type == "heading_open"
    ]
    assert headings[0] == "Caseload report"
    assert "Per client" in headings and "Money" in headings
    cells = [token.content for token in tokens if token.type == "inline"]
    for row in cohort():
        assert row["id"].replace("-", "-") in cells
    assert sum(token.type == "table_open" for token in tokens) >= 3


class _Checker(HTMLParser):
    """Tags opened and closed in order, and anything that would run or fetch."""

    VOID = frozenset({"meta", "br", "img", "input", "link", "hr"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "iframe", "object", "embed", "link", "img"}:
            self.problems.append(tag)
        for name, value in attrs:
            if name.startswith("on") or (value and "://" in value):
                self.problems.append(f"{tag} {name}")
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.problems.append(f"unbalanced </{tag}>")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_file_is_one_self_contained_page(invoke, cohort_file: Path, tmp_path: Path) -> None:
    text = write_report(invoke, cohort_file, tmp_path / "caseload.html")
    checker = _Checker()
    checker.feed(text)
    checker.close()
    assert checker.problems == []
    assert checker.stack == []
    assert "url(" not in text and "@import" not in text
    assert "@page" in text and "@media print" in text
    assert 'name="viewport"' in text
    body = "".join(checker.text)
    for row in cohort():
        assert row["id"] in body


def test_html_escapes_what_the_file_gave(invoke, tmp_path: Path) -> None:
    path = tmp_path / "clients.csv"
    path.write_text(
        'id,education,budget,schedule\n"<b>x</b> & [red]",ged,3000,part-time\n', encoding="utf-8"
    )
    text = write_report(invoke, path, tmp_path / "caseload.html")
    assert "<b>x</b>" not in text
    assert "&lt;b&gt;x&lt;/b&gt; &amp; [red]" in text
    shown = invoke("report", str(path), "--start", START, env={"NO_COLOR": "1"})
    assert "<b>x</b> & [red]: " in shown.out


@pytest.mark.skipif(headless.browser() is None, reason="headless Chromium is not installed here")
def test_html_in_headless_chromium(invoke, cohort_file: Path, tmp_path: Path) -> None:
    """No sideways scrolling at a phone's and a desktop's width, and a printed PDF (two browsers
    at once: the widths on one page, the print of its own)."""
    page = tmp_path / "caseload.html"
    write_report(invoke, cohort_file, page)
    pdf = tmp_path / "caseload.pdf"
    printing = headless.start_pdf(page, pdf)
    try:
        for width, (scroll, client) in headless.content_widths(page, (390, 1280)).items():
            assert scroll <= client, f"{width} px: content {scroll}px wide in a {client}px page"
        assert printing.wait(timeout=120) == 0
    finally:
        printing.kill()  # ended already, unless a check above failed first
        printing.wait()
    assert pdf.read_bytes().startswith(b"%PDF")


def test_output_is_not_overwritten_without_force(invoke, cohort_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "caseload.md"
    target.write_text("old\n")
    result = invoke("report", str(cohort_file), "--output", str(target))
    assert result.code == 2
    assert "already exists" in result.err and "--force" in result.err
    assert target.read_text() == "old\n"
    result = invoke("report", str(cohort_file), "--output", str(target), "--force")
    assert result.code == 0
    assert target.read_text().startswith("# Caseload report")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--output", "caseload.pdf"], "Unknown report format '.pdf'"),
        (["--start", "soon"], "Invalid --start 'soon'"),
    ],
)
def test_usage_errors(
    invoke, cohort_file: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    result = invoke("report", str(cohort_file), *args)
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err


def test_yaml_clients_with_ids(invoke, tmp_path: Path) -> None:
    path = tmp_path / "clients.yaml"
    path.write_text(
        "- {id: Ana, education: ged, budget: 3000, schedule: part-time}\n"
        "- {ID: Bo, education: none, budget: 0, schedule: flexible, veteran: yes}\n"
        "- {education: ged, budget: 100, schedule: flexible}\n",
        encoding="utf-8",
    )
    result = invoke("report", str(path), "--start", START, "--json")
    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert [row["client"] for row in report["rows"]] == ["Ana", "Bo", "row 3"]


def test_plan_batch_ignores_the_id_column(invoke, tmp_path: Path) -> None:
    path = tmp_path / "clients.csv"
    path.write_text("id,education,budget,schedule\nAna,ged,3000,part-time\n", encoding="utf-8")
    batch = invoke("plan", "--batch", str(path), "--start", START)
    single = invoke(
        "plan",
        "--no-input",
        "--json",
        "--start",
        START,
        "--education",
        "ged",
        "--budget",
        "3000",
        "--schedule",
        "part-time",
    )
    assert batch.code == single.code == 0
    assert json.loads(batch.out) == json.loads(single.out)


def test_processes_give_the_same_report(monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    from billing_career.planning import batch
    from billing_career.planning.load import load_knowledge
    from billing_career.planning.report import plan_caseload

    # Smaller chunks, the same shape: 101 rows make seven chunks of 16, more than the two
    # workers take at once (300 rows in chunks of 64 proved no more, at three times the cost).
    monkeypatch.setattr(batch, "CHUNK_ROWS", 16)
    kb = load_knowledge()
    rows = [batch.Row(index + 1, index + 2, row) for index, row in enumerate(cohort() * 2)]
    rows.insert(7, batch.Row(8, 9, {"education": "ged"}))
    options = batch.Options(start=START, today=dt.date(2026, 12, 7))
    one = plan_caseload(kb, rows, options)
    two = plan_caseload(kb, rows, options, workers=2)
    assert one == two
    assert one.clients == 100 and len(one.errors) == 1
    # Each row's JSON written by the worker that planned it: the same report, the same text.
    from billing_career.knowledge.serialize import to_json
    from billing_career.render.output import indented_json
    from billing_career.render.report import to_json_text

    written = [plan_caseload(kb, rows, options, workers=n, rows_json=True) for n in (1, 2)]
    assert written[0] == written[1] == one
    assert len(written[1].rows_json) == 100 and not one.rows_json
    text = indented_json(to_json(one)) + "\n"
    assert to_json_text(one) == to_json_text(written[0]) == to_json_text(written[1]) == text
    # A copy of the report with other rows writes those rows, not the texts made for the first.
    import dataclasses

    turned = dataclasses.replace(written[1], rows=written[1].rows[::-1])
    assert to_json_text(turned) == indented_json(to_json(turned)) + "\n" != text


@pytest.mark.parametrize(
    ("target", "code", "message"),
    [
        ("{tmp}/folder", 2, "is a folder"),
        ("{tmp}/missing/caseload.md", 1, "does not exist"),
        ("{cohort}", 2, "is the input file"),
    ],
)
def test_output_goes_only_to_a_new_regular_file(
    invoke, cohort_file: Path, tmp_path: Path, target: str, code: int, message: str
) -> None:
    (tmp_path / "folder").mkdir()
    before = cohort_file.read_bytes()
    path = target.format(tmp=tmp_path, cohort=cohort_file)
    result = invoke("report", str(cohort_file), "--output", path, "--force")
    assert result.code == code
    assert message in result.err
    assert cohort_file.read_bytes() == before


def test_output_honors_the_umask(invoke, cohort_file: Path, tmp_path: Path) -> None:
    import os

    old = os.umask(0o027)
    try:
        write_report(invoke, cohort_file, tmp_path / "caseload.csv")
    finally:
        os.umask(old)
    assert (tmp_path / "caseload.csv").stat().st_mode & 0o777 == 0o640


def test_excluded_clients_are_referred_nowhere_until_off_the_list(invoke, tmp_path: Path) -> None:
    # Their plans hold every action but the exclusion check back ("everything else waits"):
    # the report's referrals follow, and the clients are under the exclusion barrier instead.
    path = tmp_path / "excluded.csv"
    path.write_text(
        "id,education,budget,schedule,record,job-seeker,veteran,disability-services\n"
        "X-01,high-school,3000,full-time,excluded,yes,,\n"
        "X-02,none,500,part-time,excluded,,yes,\n"
        "X-03,some-college,800,flexible,excluded,,,yes\n"
        "N-01,high-school,3000,full-time,none,yes,,\n",
        encoding="utf-8",
    )
    result = invoke("report", str(path), "--start", START, "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    excluded = ["X-01", "X-02", "X-03"]
    referrals = {referral["id"]: referral["clients"] for referral in data["referrals"]}
    assert referrals == {"federal-aid": ["N-01"], "wioa": ["N-01"]}
    findings = {finding["id"]: finding["clients"] for finding in data["blockers"]}
    assert findings["record-excluded"] == excluded
    for row in data["rows"]:
        if row["client"] in excluded:
            assert not [source for source in row["sources"] if source["referral"]], row
    # The single plan says the same: the check, then "everything else waits".
    alone = single_plan(
        invoke,
        {"education": "high-school", "budget": "3000", "schedule": "full-time"}
        | {"record": "excluded", "job-seeker": "yes"},
    )
    assert len(alone["first_actions"]) == 2
    assert "FAFSA" not in " ".join(alone["first_actions"])
    text = invoke("report", str(path), "--start", START, env={"NO_COLOR": "1", "COLUMNS": "200"})
    assert text.code == 0, text.err
    assert "Send to the FAFSA (studentaid.gov): 1 (N-01)" in text.out
    assert "on the federal exclusion list: 3 (X-01, X-02, X-03)" in text.out


# --- blocked clients, and what each client pays ---------------------------------------------------

# Each blocker: the exclusion list (alone, with no diploma, and with a budget that falls short),
# no diploma or GED, still in high school; and a client with none.
BLOCKED_COLUMNS = ("id", "education", "budget", "schedule", "record", "in-high-school")
BLOCKED_CLIENTS = (
    ("X-01", "high-school", "12000", "full-time", "excluded", ""),
    ("X-02", "none", "12000", "part-time", "excluded", ""),
    ("X-03", "some-college", "0", "flexible", "excluded", ""),
    ("D-01", "none", "12000", "full-time", "none", ""),
    ("H-01", "none", "12000", "part-time", "none", "yes"),
    ("N-01", "high-school", "0", "full-time", "none", ""),
)


def _blocked_file(tmp_path: Path) -> Path:
    path = tmp_path / "blocked.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(BLOCKED_COLUMNS)
        writer.writerows(BLOCKED_CLIENTS)
    return path


def test_blocked_clients_are_counted_apart_from_the_funded(invoke, tmp_path: Path) -> None:
    """A client on the exclusion list has a plan only for after it: never "fully funded" to
    start now, nor "not funded", but blocked; a client who must first earn a diploma or finish
    high school is funded by their budget (the plan is dated after it). Every total is still the
    sum over the clients' own plans."""
    path = _blocked_file(tmp_path)
    result = invoke("report", str(path), "--start", START, "--json")
    assert result.code == 0, result.err
    report = json.loads(result.out)
    plans = {
        row[0]: single_plan(invoke, dict(zip(BLOCKED_COLUMNS, row, strict=True)))
        for row in BLOCKED_CLIENTS
    }
    funding = report["funding"]
    blocked = [ident for ident, plan in plans.items() if plan["gate"] is not None]
    assert blocked == funding["blocked"] == ["X-01", "X-02", "X-03"]
    # X-01 and X-02's budgets cover their plans for after the list: still not fully funded.
    assert plan_money(plans["X-01"])["fully_funded"] and plan_money(plans["X-02"])["fully_funded"]
    assert funding["fully_funded"] == ["D-01", "H-01"]
    assert funding["not_funded"] == ["N-01"]
    for key in ("total_cost", "you_pay", "left_to_pay"):
        assert funding[key] == {
            end: sum(plan_money(plan)[key][end] for plan in plans.values())
            for end in ("min", "max")
        }, key
    rows = {row["client"]: row for row in report["rows"]}
    assert [ident for ident, row in rows.items() if row["blocked"]] == blocked
    assert [ident for ident, row in rows.items() if row["fully_funded"]] == ["D-01", "H-01"]

    text = invoke("report", str(path), "--start", START, env={"NO_COLOR": "1", "COLUMNS": "80"})
    assert text.code == 0, text.err
    words = " ".join(text.out.split())
    assert "fully funded: 2 of 6; blocked, not counted as funded: 3." in words
    assert "Fully funded: 2; not fully funded: 1 (N-01)." in words
    assert (
        "Blocked, not counted as funded: 3 (X-01, X-02, X-03): every step of their plans waits "
        "on a check that must pass first" in words
    )
    files = {}
    for suffix in (".csv", ".md", ".html"):
        target = tmp_path / f"caseload{suffix}"
        written = invoke("report", str(path), "--start", START, "--output", str(target))
        assert written.code == 0, written.err
        files[suffix] = target.read_text(encoding="utf-8")
    cells = {
        cell["id"]: (cell["fully_funded"], cell["blocked"])
        for cell in csv.DictReader(io.StringIO(files[".csv"]))
    }
    assert cells == {
        "X-01": ("no", "yes"),
        "X-02": ("no", "yes"),
        "X-03": ("no", "yes"),
        "D-01": ("yes", "no"),
        "H-01": ("yes", "no"),
        "N-01": ("no", "no"),
    }
    for suffix in (".md", ".html"):
        page = " ".join(files[suffix].split())
        assert "Blocked, not counted as funded: 3 (X-01, X-02, X-03)" in page, suffix
        assert "fully funded: 2 of 6; blocked, not counted as funded: 3." in page, suffix


@pytest.mark.parametrize("width", [80, 60])
def test_each_client_s_record_says_what_they_pay(
    invoke, cohort_file: Path, report_json: dict[str, Any], width: int
) -> None:
    """What each client pays after the counted aid (the plan's "You pay") on the client's own
    record, beside what the budget falls short by, within the terminal's width."""
    import datetime as dt

    from billing_career.knowledge.figures import money_span
    from billing_career.planning.amounts import MinMax
    from billing_career.render.report import day_text, short_text

    result = invoke(
        "report", str(cohort_file), "--start", START, env={"COLUMNS": str(width), "NO_COLOR": "1"}
    )
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert max(len(line) for line in lines) <= width
    records = lines[lines.index("Per client") + 1 :]
    # Records start at the client's id; the lines under it are indented.
    starts = [index for index, line in enumerate(records) if not line.startswith(" ")]
    assert len(starts) == 50
    for row, start, end in zip(report_json["rows"], starts, [*starts[1:], None], strict=True):
        record = " ".join(" ".join(records[start:end]).split())
        pays = money_span(row["you_pay"]["min"], row["you_pay"]["max"])
        short = row["left_to_pay"]
        assert record.startswith(f"{row['client']}: "), record
        # The date whole on its line: never its year on the next.
        assert f"job-ready by {day_text(dt.date.fromisoformat(row['ready_by']))}" in (
            " ".join(records[start:end])
        ), record
        if short["max"] == 0:
            assert f"You pay {pays} after aid; the budget covers it" in record, record
        else:
            assert (
                f"after aid; short by {short_text(MinMax(short['min'], short['max']))} after"
                in (record)
            ), record


def test_the_files_say_what_each_client_pays(
    invoke, cohort_file: Path, tmp_path: Path, report_json: dict[str, Any]
) -> None:
    from markdown_it import MarkdownIt

    from billing_career.knowledge.figures import money_span

    pays = [money_span(row["you_pay"]["min"], row["you_pay"]["max"]) for row in report_json["rows"]]
    text = write_report(invoke, cohort_file, tmp_path / "caseload.md")
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    # The per-client table: the last table of the page, its cells row by row.
    start = max(index for index, token in enumerate(tokens) if token.type == "table_open")
    end = next(index for index in range(start, len(tokens)) if tokens[index].type == "table_close")
    cells = [token.content for token in tokens[start:end] if token.type == "inline"]
    header = cells[:8]
    assert header[3:6] == ["You pay", "Short by", "Short at first"]
    body = [cells[index : index + 8] for index in range(8, len(cells), 8)]
    assert [row[0] for row in body] == [row["client"] for row in report_json["rows"]]
    assert [row[3] for row in body] == pays
    page = write_report(invoke, cohort_file, tmp_path / "caseload.html")
    checker = _Checker()
    checker.feed(page)
    table = page[page.index("<h2>Per client</h2>") :]
    assert '<th class="num">You pay</th>' in table
    for row, amount in zip(report_json["rows"], pays, strict=True):
        assert f'<tr><td data-label="Client">{row["client"]}</td>' in table
        assert f'<td class="num" data-label="You pay">{amount}</td>' in table


def test_a_counselor_reads_each_blocker_in_words(invoke, tmp_path: Path) -> None:
    """Still in high school is listed (a barrier: the rule's label, neither blocker nor
    warning); the CSV says blockers, warnings, aid and referrals in the summary's words, and the
    date's condition of the client; the clients left out of the month chart are named after it,
    in the file's order."""
    path = _blocked_file(tmp_path)
    data = json.loads(invoke("report", str(path), "--start", START, "--json").out)
    findings = {(f["kind"], f["id"]): f for f in data["blockers"]}
    barrier = findings["barrier", "still-in-high-school"]
    assert (barrier["clients"], barrier["label"]) == (["H-01"], "still in high school")
    # Blockers first, then barriers, then warnings.
    kinds = [f["kind"] for f in data["blockers"]]
    assert kinds == sorted(kinds, key=["blocker", "barrier", "warning"].index)
    rows = {row["client"]: row for row in data["rows"]}
    assert rows["H-01"]["barriers"] == ["still-in-high-school"]
    assert [ident for ident, row in rows.items() if row["barriers"]] == ["H-01"]
    groups = data["ready_by_on_condition"]
    assert [group["clients"] for group in groups] == [["X-01", "X-02", "X-03"]]

    text = invoke("report", str(path), "--start", START, env={"NO_COLOR": "1", "COLUMNS": "80"})
    lines = text.out.splitlines()
    words = " ".join(text.out.split())
    assert "Barrier: still in high school: 1 (H-01)" in lines
    # and D-01 have a blocker; H-01 a barrier only.
    assert (
        "4 clients must clear a blocker first and 1 more a barrier (see Blockers and barriers)."
        in words
    )
    chart = lines.index("Job-ready by month (estimates)")
    note = next(index for index, line in enumerate(lines) if line.startswith("Not in the chart"))
    bars = [index for index, line in enumerate(lines[chart:note], chart) if "#" in line]
    assert bars and max(bars) < note
    assert "Not in the chart: 3 clients (X-01, X-02, X-03), whose date holds only if they" in (
        words
    )

    target = tmp_path / "caseload.csv"
    assert invoke("report", str(path), "--start", START, "--output", str(target)).code == 0
    table = {row["id"]: row for row in csv.DictReader(io.StringIO(target.read_text()))}
    assert table["H-01"]["barriers"] == "still in high school"
    assert table["X-02"]["blockers"] == "no diploma or GED yet; on the federal exclusion list"
    assert table["N-01"]["warnings"] == "money short even at the low end"
    assert table["X-01"]["ready_by_condition"] == (
        "if they are off the exclusion list before training starts"
    )
    assert table["N-01"]["program"] == data["rows"][-1]["program_name"]
    assert table["D-01"]["referrals"] == "the FAFSA (studentaid.gov)"
    # No id of a program, a rule or an aid source in the cells a counselor reads.
    ids = {row["program"] for row in data["rows"]} | {
        ident
        for row in data["rows"]
        for ident in (
            *row["blockers"],
            *row["barriers"],
            *row["warnings"],
            *(source["id"] for source in row["sources"]),
        )
    }
    assert {"still-in-high-school", "federal-aid", "short-certificate"} <= ids
    for row in table.values():
        for column in ("program", "blockers", "barriers", "warnings", "aid_counted", "referrals"):
            assert not set(row[column].split("; ")) & ids, (column, row[column])


def test_the_page_reads_on_a_phone_as_a_card_per_client(invoke, tmp_path: Path) -> None:
    """The per-client table's cells are named for the phone's cards (a CSS layout, no script),
    and the page breaks no word in a cell that fits ("CBCS", "Client")."""
    path = _blocked_file(tmp_path)
    page = write_report(invoke, path, tmp_path / "caseload.html")
    checker = _Checker()
    checker.feed(page)
    checker.close()
    assert checker.problems == [] and checker.stack == []
    table = page[page.index("<h2>Per client</h2>") :]
    assert '<table class="cards">' in table
    assert '<td data-label="Certification">CBCS</td>' in table
    assert "table.cards td::before { content: attr(data-label)" in page
    assert "anywhere" not in page
    # The short tables stay tables.
    recommendations = page[page.index("<h2>Recommendations</h2>") : page.index("<h2>Blockers")]
    assert "<table>" in recommendations and "data-label" not in recommendations


def test_aid_that_pays_newer_figures_keeps_the_money_columns_adding_up(
    invoke, tmp_path: Path
) -> None:
    """Where newer reports raise a total that the aid pays in full (an employer's amount; the GI
    Bill repaying a higher exam fee), the report's total to plan for, aid and "you pay" add up,
    per client and in all, and the aid that pays the newer figures is said apart from the
    sources' lines (at the guide's figures, as the plans name them)."""
    cohort = tmp_path / "newer.csv"
    cohort.write_text(
        "id,education,budget,schedule,employer-sponsor,employer-amount,training-done,veteran,"
        "failed-exam\n"
        "emp,high-school,0,part-time,yes,5000,2017,,\n"
        "vet,high-school,300,full-time,,,,yes,CMRS\n",
        encoding="utf-8",
    )
    result = invoke("report", str(cohort), "--start", START, "--json")
    assert result.code == 0, result.err
    report = json.loads(result.out)
    for row in report["rows"]:
        for end in ("min", "max"):
            assert row["total_cost"][end] - row["aid_counted"][end] == row["you_pay"][end], row
        assert row["aid_of_newer_figures"]["max"] > 0, row
    funding = report["funding"]
    for end in ("min", "max"):
        assert funding["total_cost"][end] - funding["aid_counted"][end] == funding["you_pay"][end]
        by_source = sum(source[end] for source in funding["aid_by_source"])
        assert by_source + funding["aid_of_newer_figures"][end] == funding["aid_counted"][end]
    text = invoke("report", str(cohort), "--start", START, env={"COLUMNS": "80", "NO_COLOR": "1"})
    assert text.code == 0, text.err
    newer = funding["aid_of_newer_figures"]
    assert (
        "Each source above is at the guide's figures, as the plans name it; at the totals to plan"
        f" for, the aid counts ${newer['min']:,.0f}-${newer['max']:,.0f} more in all"
        in " ".join(text.out.split())
    )


def test_aid_lines_add_up_where_newer_figures_lower_what_the_aid_pays(
    invoke, tmp_path: Path
) -> None:
    """A veteran's CPB retake: the GI Bill pays the guide's non-member $449 on the sources'
    line, but the newer member fee of $425 at the total to plan for; with a CMRS retake whose
    newer fee it pays in full, the sources' lines and the line beside them add up to the aid
    counted at each end."""
    cohort = tmp_path / "mixed.csv"
    cohort.write_text(
        "id,education,budget,schedule,veteran,failed-exam\n"
        "vet3,high-school,0,full-time,yes,CPB\n"
        "vet,high-school,300,full-time,yes,CMRS\n",
        encoding="utf-8",
    )
    result = invoke("report", str(cohort), "--start", START, "--json")
    assert result.code == 0, result.err
    report = json.loads(result.out)
    rows = {row["client"]: row for row in report["rows"]}
    assert rows["vet3"]["aid_of_newer_figures"]["min"] < 0
    assert rows["vet"]["aid_of_newer_figures"]["min"] > 0
    funding = report["funding"]
    for end in ("min", "max"):
        by_source = sum(source[end] for source in funding["aid_by_source"])
        assert by_source + funding["aid_of_newer_figures"][end] == funding["aid_counted"][end]
