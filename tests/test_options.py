"""Your options: the labels are right for the paths the rules allow, the recommended row is the
plan's own, the table fits 80 columns and JSON carries every row."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import re
from typing import Any

import pytest
from conftest import DATA, read_guide

from billing_career.knowledge.models import KnowledgeBase
from billing_career.knowledge.serialize import to_json
from billing_career.knowledge.wording import short_date
from billing_career.planning.load import build_knowledge
from billing_career.planning.money import assess
from billing_career.planning.options import (
    LABELS,
    PathOption,
    _path_money,
    goal_program,
    priced,
)
from billing_career.planning.planner import Plan, make_plan, planner_for
from billing_career.planning.profile import build_profile
from billing_career.render.outline import goal_note


@functools.cache
def kb() -> KnowledgeBase:
    """The bundled knowledge base, built once per worker where these tests run (not at
    collection, where every worker would build it)."""
    return build_knowledge(DATA)


START = dt.date(2027, 1, 4)

# Eleven people: aid counted on a condition or not, training optional, a degree, remote work, an
# employer's stated amount, with and without a current pay, a goal the plan does not recommend.
PEOPLE: list[dict[str, Any]] = [
    {"education": "ged", "budget": 1500, "schedule": "part-time"},
    {"education": "ged", "budget": 0, "schedule": "full-time", "veteran": True},
    {"education": "high-school", "budget": 0, "schedule": "full-time", "job_seeker": True},
    {"education": "high-school", "budget": 3000, "schedule": "flexible", "current_pay": 28000},
    {"education": "bachelor", "budget": 8000, "schedule": "full-time", "goal": "advancement"},
    {"education": "ged", "budget": 500, "schedule": "part-time", "experience_years": 2},
    {"education": "some-college", "budget": 2500, "schedule": "full-time", "remote": True},
    {
        "education": "ged",
        "budget": 1000,
        "schedule": "part-time",
        "employer_sponsor": True,
        "employer_amount": 1500,
        "current_pay": 31000,
    },
    {"education": "associate", "budget": 20000, "schedule": "full-time", "goal": "comprehensive"},
    {
        "education": "none",
        "budget": 200,
        "schedule": "flexible",
        "veteran": True,
        "job_seeker": True,
        "current_pay": 24000,
    },
    # A stated goal whose path (the Associate Degree) is not the recommendation: its own row.
    {"education": "ged", "budget": 2000, "schedule": "part-time", "goal": "comprehensive"},
]


def plan_for(answers: dict[str, Any]) -> Plan:
    return make_plan(kb(), build_profile({**answers, "start": START}))


def allowed_paths(plan: Plan) -> list[PathOption]:
    """Every program and certification no rule ruled out, priced as options price them."""
    findings = plan.findings
    engine = findings.engine
    planner = planner_for(kb())
    programs: list[str | None] = [
        ident
        for ident in engine.candidates("program")
        if not findings.is_ruled_out("program", ident)
    ] or [None]
    if plan.program_optional:
        programs = [plan.program.id if plan.program else None]
    certs = [
        ident
        for ident in engine.candidates("certification")
        if not findings.is_ruled_out("certification", ident)
    ] or [plan.certification.id]
    funding = assess(engine, plan.profile, engine.answer_facts(plan.profile))
    return [
        priced(kb(), findings, plan.profile, funding, planner._candidate(plan, program, cert))
        for program in programs
        for cert in certs
    ]


@pytest.fixture(scope="module", params=range(len(PEOPLE)), ids=lambda i: f"person{i}")
def plan(request: pytest.FixtureRequest) -> Plan:
    return plan_for(PEOPLE[request.param])


def row(plan: Plan, label: str) -> PathOption | None:
    return next((option for option in plan.options if label in option.labels), None)


def test_labels_are_each_given_once_and_in_order(plan: Plan) -> None:
    assert 1 <= len(plan.options) <= 5
    labels = [label for option in plan.options for label in option.labels]
    assert len(labels) == len(set(labels))
    assert set(labels) <= set(LABELS)
    assert {"recommended", "lowest-cost", "fastest"} <= set(labels)
    assert ("without-aid" in labels) == (plan.fallback is not None)
    # The rows come in the order of their first label; paths that coincide share one row.
    firsts = [LABELS.index(option.labels[0]) for option in plan.options]
    assert firsts == sorted(firsts)
    bare = [(o.path, o.cost, o.left_to_pay, o.ready_by, o.payback) for o in plan.options]
    assert len(bare) == len(set(bare))


def test_the_recommended_row_is_the_plans_own_figures(plan: Plan) -> None:
    mine = plan.options[0]
    assert mine.labels[0] == "recommended"
    assert mine.path == (plan.program.id if plan.program else None, plan.certification.id)
    assert mine.program is None or mine.program.delivery == plan.delivery
    assert (mine.cost.min, mine.cost.max) == (plan.cost.total_min, plan.cost.total_max)
    assert (mine.left_to_pay.min, mine.left_to_pay.max) == (
        plan.budget.net_min,
        plan.budget.net_max,
    )
    assert mine.ready_by == plan.ready_by
    assert (mine.payback is None) == (plan.payback is None)
    if plan.payback is not None and mine.payback is not None:
        assert mine.payback.months == plan.payback.months
    # The options' one pricing function gives the plan's own path the plan's own figures.
    same = next(option for option in allowed_paths(plan) if option.path == mine.path)
    assert (same.cost, same.left_to_pay, same.ready_by) == (
        mine.cost,
        mine.left_to_pay,
        mine.ready_by,
    )


def test_lowest_cost_and_fastest_are_really_so(plan: Plan) -> None:
    paths = allowed_paths(plan)
    lowest, fastest = row(plan, "lowest-cost"), row(plan, "fastest")
    assert lowest is not None and fastest is not None
    allowed = {option.path for option in paths}
    assert lowest.path in allowed and fastest.path in allowed
    assert lowest.left_to_pay.max == min(option.left_to_pay.max for option in paths)
    assert fastest.ready_by == min(option.ready_by for option in paths)


def test_of_paths_leaving_the_same_least_the_label_goes_to_the_lower_total(plan: Plan) -> None:
    """'lowest-cost' is the least left to pay; where paths tie on it, the lower total."""
    lowest = row(plan, "lowest-cost")
    assert lowest is not None
    least = (lowest.left_to_pay.max, lowest.left_to_pay.min)
    tied = [o for o in allowed_paths(plan) if (o.left_to_pay.max, o.left_to_pay.min) == least]
    assert (lowest.cost.max, lowest.cost.min) == min((o.cost.max, o.cost.min) for o in tied)


def test_each_row_names_the_aid_its_left_to_pay_rests_on(plan: Plan) -> None:
    """A row counts aid exactly when what it leaves is less than its total; the recommended
    row's is the plan's own; a path is priced with the same aid wherever it is priced."""
    mine = plan.options[0]
    assert mine.counted_aid == plan.funding.counted
    names = {source.id: source.name for source in plan.funding.sources}
    paths = {option.path: option for option in allowed_paths(plan)}
    for option in plan.options:
        assert len(option.counted_aid) == len(option.counted_aid_names)
        assert [names[ident] for ident in option.counted_aid] == list(option.counted_aid_names)
        aided = (option.left_to_pay.min, option.left_to_pay.max) != (
            option.cost.min,
            option.cost.max,
        )
        assert bool(option.counted_aid) == aided
        if option.labels == ("without-aid",):
            assert option.counted_aid == ()
        elif option.labels != ("goal",):
            assert paths[option.path].counted_aid == option.counted_aid


def test_without_aid_is_the_fallback_with_nothing_counted(plan: Plan) -> None:
    without = row(plan, "without-aid")
    if plan.fallback is None:
        assert without is None
        return
    assert without is not None
    fallback = plan.fallback
    assert without.path == (
        fallback.program.id if fallback.program else None,
        fallback.certification.code,
    )
    assert without.cost == fallback.cost
    assert without.left_to_pay == without.cost


def test_the_goal_row_is_the_stated_goals_path_priced_as_every_row(plan: Plan) -> None:
    goal = row(plan, "goal")
    wanted = goal_program(kb(), plan.findings, plan.profile, plan.options[0].path[0])
    if "goal" in plan.profile.defaulted or plan.program_optional:
        assert goal is None and wanted is None
        return
    assert (goal is None) == (wanted is None)
    if goal is None or wanted is None:
        return
    assert goal.program is not None and goal.program.id == wanted.program
    assert goal.program.id != plan.program.id if plan.program else True
    assert goal.certification.code == plan.certification.id
    assert not plan.findings.is_ruled_out("program", goal.program.id)
    # The one pricing function's figures for that path, and a reason that says why not.
    same = next(option for option in allowed_paths(plan) if option.path == goal.path)
    assert (same.cost, same.left_to_pay, same.ready_by) == (
        goal.cost,
        goal.left_to_pay,
        goal.ready_by,
    )
    # The facts of why not: both paths' own figures, the rules' totals, and what favored the
    # recommendation, rule by rule against the findings.
    facts = plan.goal_row
    assert facts is not None and plan.program is not None
    assert facts.goal == plan.profile.goal
    assert (facts.path.program, facts.path.left_to_pay, facts.path.ready_by) == (
        goal.program.id,
        goal.left_to_pay,
        goal.ready_by,
    )
    mine = plan.options[0]
    assert (facts.recommended.program, facts.recommended.left_to_pay, facts.recommended.cost) == (
        plan.program.id,
        mine.left_to_pay,
        mine.cost,
    )
    assert facts.scores == (plan.findings.score("program", goal.program.id), plan.program.score)

    def points(rule: str, ident: str) -> int:
        return sum(
            item.points or 0
            for item in plan.findings.scores["program"].get(ident, ())
            if item.rule == rule
        )

    for rule in facts.favoring:
        assert points(rule, plan.program.id) > points(rule, goal.program.id)
    for rule in facts.against:
        assert points(rule, plan.program.id) < points(rule, goal.program.id)
    # Whether the goal's own rules favor the recommendation: their points, summed.
    on_goal = [
        result.rule.id
        for result in plan.findings.results
        if result.fired and "goal" in str(result.rule.when)
    ]
    net = sum(points(rule, plan.program.id) - points(rule, goal.program.id) for rule in on_goal)
    assert facts.goal_rule_favors == (net > 0)
    # The alternatives keep the rules' reasons only: the sentence is made at the edge.
    alternative = next(item for item in plan.alternatives if item.id == goal.program.id)
    assert not any(reason.startswith("Your goal") for reason in alternative.reasons)


def test_a_goal_points_to_its_first_program_not_ruled_out() -> None:
    comprehensive = plan_for(PEOPLE[-1])
    assert comprehensive.program is not None
    assert comprehensive.program.id == "extended-certificate"
    path = goal_program(kb(), comprehensive.findings, comprehensive.profile, "extended-certificate")
    assert path is not None and path.program == "associate-degree"
    # Its path recommended: nothing to add.
    assert goal_program(
        kb(), comprehensive.findings, comprehensive.profile, "associate-degree"
    ) is (None)
    # An associate degree held rules the degree out: the goal's next program, the Extended
    # Certificate, which is this plan's own.
    held = plan_for({**PEOPLE[-1], "education": "associate"})
    assert held.findings.is_ruled_out("program", "associate-degree")
    assert held.program is not None and held.program.id == "extended-certificate"
    assert row(held, "goal") is None and held.goal_row is None
    # The same person with the goal left to its default: no goal row.
    quiet = plan_for({key: value for key, value in PEOPLE[-1].items() if key != "goal"})
    assert "goal" in quiet.profile.defaulted
    assert row(quiet, "goal") is None and quiet.goal_row is None


def test_the_goal_note_says_what_the_facts_say() -> None:
    """The comprehensive goal: the goal's own rule (best-for-comprehensive) favors the Extended
    Certificate, so the note says the guide rates it best for comprehensive preparation, never
    "your other answers"; the guide's words for the degree are quoted; both paths side by side."""
    rich = plan_for({**PEOPLE[-1], "budget": 20000, "schedule": "full-time"})
    facts = rich.goal_row
    assert facts is not None
    # Without the goal's rule the two programs tie 2-2: the budget rules weigh even.
    assert facts.scores == (2, 5)
    assert facts.favoring == ("best-for-comprehensive",) and facts.goal_rule_favors
    assert facts.favoring_answers == () and facts.against == ()
    assert goal_note(rich) == (
        'Your goal, comprehensive preparation: the guide lists "more comprehensive education" '
        "for the Associate Degree; the plan recommends the Extended Certificate, which the guide "
        "rates best for comprehensive preparation (the rules score it 5 against 2): it leaves "
        "$579-$824 to pay against $1,584-$12,229, and is job-ready about August 1, 2027 against "
        "February 1, 2029."
    )
    # A tie: the tie-break order, not "better"; the same money and date: "as much", "as soon".
    tied = dataclasses.replace(
        facts,
        scores=(3, 3),
        favoring=(),
        goal_rule_favors=False,
        recommended_basis=None,
        recommended_words=None,
        path=dataclasses.replace(
            facts.path,
            left_to_pay=facts.recommended.left_to_pay,
            ready_by=facts.recommended.ready_by,
        ),
    )
    said = goal_note(dataclasses.replace(rich, goal_row=tied))
    assert said.endswith(
        "the plan recommends the Extended Certificate (the rules score both 3, and the tie-break "
        "order puts it first): it leaves as much to pay ($579-$824), and is job-ready as soon "
        "(about August 1, 2027)."
    )
    # Other answers: their labels, as --explain names the facts.
    other = dataclasses.replace(tied, scores=(1, 3), favoring_answers=("schedule", "budget"))
    said = goal_note(dataclasses.replace(rich, goal_row=other))
    assert "which your schedule and your budget favor (the rules score it 3 against 1)" in said


def test_the_tools_own_reading_is_never_cited_to_the_guide() -> None:
    """Advancement with a degree held: the guide names no program; the Extended Certificate is
    the tool's reading (goal_paths basis tool), and the note says so."""
    plan = plan_for(
        {"education": "bachelor", "budget": 2000, "schedule": "part-time", "goal": "advancement"}
    )
    facts = plan.goal_row
    assert facts is not None and facts.basis == "tool" and facts.words is None
    assert facts.path.program == "extended-certificate"
    assert facts.against == ("advancement-with-a-degree",)
    said = goal_note(plan)
    assert said.startswith(
        "Your goal, career advancement: this tool (not the guide) points to the "
        "Extended Certificate, as an Associate Degree would repeat the degree you hold"
    )
    assert "the guide's most comprehensive" not in said


def test_when_the_budget_reaches_no_program_the_note_says_the_gap_decided() -> None:
    """A budget that reaches no program type: the smallest gap decides, not the scores (Online
    Self-Paced scores below the Short Certificate here), and the note says so."""
    plan = plan_for(
        {"education": "bachelor", "budget": 300, "schedule": "full-time", "goal": "quick-entry"}
    )
    facts = plan.goal_row
    assert facts is not None and facts.ranked_by == "gap"
    assert facts.recommended.program == "online-self-paced"
    assert facts.scores[1] < facts.scores[0]
    assert goal_note(plan) == (
        "Your goal, getting into a job quickly: the guide rates the Short Certificate best for "
        "quick entry; the plan recommends Online Self-Paced (your budget, with any aid counted, "
        "reaches the low end of no program type, so the plan takes the one that leaves the "
        "smallest gap): it leaves $835-$2,680 to pay against $1,885-$4,330, and is job-ready as "
        "soon (about June 1, 2027)."
    )


# The guide's program types table, Best For, by the goal it serves (seed lines 134-138).
BEST_FOR = {
    "quick-entry": "Quick entry",
    "comprehensive": "Comprehensive preparation",
    "advancement": "Career advancement",
}


def test_every_goal_path_rests_on_what_the_guide_says_or_says_it_is_the_tools() -> None:
    guide = read_guide()
    programs = {program.id: program for program in kb().programs.programs}
    for path in kb().rules.goal_paths:
        program = programs[path.program]
        if path.basis == "best-for":
            # The program's row of the guide's table names the goal as what it is best for.
            assert program.best_for == BEST_FOR[path.goal]
            assert f"| {program.name} |" in guide and f"| {program.best_for} |" in guide
        elif path.basis == "guide-says":
            assert path.quote is not None and f"- {path.quote}" in guide
        else:
            # The tool's own reading: its reasoning is given, and the plan says it is the tool's.
            assert path.basis == "tool" and path.because


def test_some_person_has_distinct_lowest_cost_fastest_and_without_aid() -> None:
    """The ten people are not all one-row cases: the labels do split."""
    plans = [plan_for(answers) for answers in PEOPLE]
    assert any(len(plan.options) >= 2 for plan in plans)
    assert any(row(plan, "without-aid") is not None for plan in plans)
    assert any(row(plan, "fastest") is not row(plan, "recommended") for plan in plans)


def test_counted_aid_lowers_what_is_left_to_pay() -> None:
    plan = plan_for(PEOPLE[1])  # a veteran with no budget: the GI Bill is counted
    assert plan.fallback is not None
    funding = assess(
        plan.findings.engine, plan.profile, plan.findings.engine.answer_facts(plan.profile)
    )
    money = _path_money(funding, plan.cost)
    assert money.aid.max > 0
    assert money.left_to_pay.max == plan.cost.total_max - money.aid.max
    assert _path_money(funding, plan.cost, with_aid=False).left_to_pay.max == plan.cost.total_max


def test_json_options(invoke: Any) -> None:
    result = invoke(
        "plan",
        "--education",
        "ged",
        "--budget",
        "0",
        "--schedule",
        "full-time",
        "--veteran",
        "--current-pay",
        "30000",
        "--start",
        START.isoformat(),
        "--no-input",
        "--no-save",
        "--json",
    )
    assert result.code == 0, result.err
    data = json.loads(result.out)
    options = data["options"]
    assert options and options[0]["labels"][0] == "recommended"
    for option in options:
        assert list(option) == [
            "labels",
            "program",
            "certification",
            "cost",
            "left_to_pay",
            "ready_by",
            "payback",
            "counted_aid",
            "ready_by_condition",
            "not_counted",
        ]
        assert option["program"] is None or "id" in option["program"]
        assert "code" in option["certification"]
        assert set(option["cost"]) == set(option["left_to_pay"]) == {"min", "max"}
        dt.date.fromisoformat(option["ready_by"])
        assert option["payback"] is None or set(option["payback"]) == {"months", "basis"}
        assert option["ready_by_condition"] is None  # no early step the date rests on
    mine = options[0]
    assert mine["ready_by"] == data["ready_by"]
    assert mine["payback"]["months"] == data["payback"]["months"]
    total, aid = data["cost"]["total"], data["budget"]["aid_counted"]
    assert aid["max"] > 0  # the GI Bill is counted
    assert mine["cost"] == {"min": total["min"], "max": total["max"]}
    # The plan's own "You pay" (each end of cost less that end's aid), within the total less
    # the aid counted's range.
    assert mine["left_to_pay"] == {"min": data["you_pay"]["min"], "max": data["you_pay"]["max"]}
    assert total["min"] - aid["max"] <= mine["left_to_pay"]["min"] <= total["min"] - aid["min"]
    assert total["max"] - aid["max"] <= mine["left_to_pay"]["max"] <= total["max"] - aid["min"]
    assert mine["program"]["id"] == data["recommendations"]["program"]["id"]
    assert mine["certification"]["code"] == data["recommendations"]["certification"]["code"]
    # The plan's own row counts the plan's own aid (the funding's counted ids); the row without
    # aid counts none.
    assert mine["counted_aid"] == data["funding"]["counted"] == ["gi-bill"]
    bare = [o for o in options if o["labels"] == ["without-aid"]]
    assert all(o["counted_aid"] == [] for o in bare)
    assert [
        to_json(o)
        for o in plan_for(
            {
                "education": "ged",
                "budget": 0,
                "schedule": "full-time",
                "veteran": True,
                "current_pay": 30000,
            }
        ).options
    ] == options


FIGURE = re.compile(r"\$[0-9][0-9,]*(?:-\$[0-9][0-9,]*)?")


@pytest.mark.parametrize("index", range(len(PEOPLE)))
def test_the_table_fits_80_columns_with_every_figure_whole(invoke: Any, index: int) -> None:
    answers = PEOPLE[index]
    args = ["plan", "--no-input", "--no-save", "--start", START.isoformat()]
    for name, value in answers.items():
        flag = "--" + name.replace("_", "-")
        if value is True:
            args.append(flag)
        else:
            args += [flag, str(value)]
    plan = plan_for(answers)
    for width in (80, 40):
        result = invoke(*args, env={"COLUMNS": str(width), "NO_COLOR": "1"})
        assert result.code == 0, result.err
        assert max(len(line) for line in result.out.splitlines()) <= width
        part = result.out.split("Your options", 1)[1].split("Left to pay is the total", 1)[0]
        if width == 80:
            assert "Option: program" in part  # a table, not stacked
        for option in plan.options:
            for amount in (option.cost, option.left_to_pay):
                low, high = int(amount.min), int(amount.max)
                whole = f"${low:,}" if low == high else f"${low:,}-${high:,}"
                assert whole in FIGURE.findall(part)
            assert short_date(option.ready_by) in part


@pytest.mark.parametrize(
    ("where", "after"),
    [
        (("--in-high-school", "--graduation", "2028-05", "--age", "17"), dt.date(2028, 5, 31)),
        (("--failed-exam", "CBCS", "--training-done", "2025"), None),
    ],
    ids=["in high school", "failed the exam"],
)
def test_every_option_is_dated_as_its_own_plan_would_be(
    invoke: Any, where: Any, after: Any
) -> None:
    """Each row's job-ready date comes from the plan's own timeline: no path is ready before
    high school is over, and a retake's wait counts on every path."""
    args = ["plan", "--no-input", "--no-save", "--json", "--start", "2027-01-05"]
    person = [*args, "--education", "none", "--budget", "3000", "--schedule", "full-time", *where]
    data = json.loads(invoke(*person).out)
    for option in data["options"]:
        ready = dt.date.fromisoformat(option["ready_by"])
        if after is not None:
            assert ready > after, option
        if "recommended" in option["labels"]:
            assert option["ready_by"] == data["ready_by"]
    if after is None:  # the retake plan: its only path is the exam, dated as the plan is
        assert {option["ready_by"] for option in data["options"]} == {data["ready_by"]}
