"""The one money model (issue 18): plan, cost and aid agree on every counted source and amount;
the shares add up; each catalog source appears for the person it fits and no one else; no code
names a source id."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA

from billing_career.knowledge.models import KnowledgeBase
from billing_career.knowledge.serialize import to_json
from billing_career.planning.amounts import MinMax
from billing_career.planning.answers import (
    AID_RULE_ANSWERS,
    ANSWER,
    MONEY_ANSWERS,
    PRICE_ANSWERS,
)
from billing_career.planning.load import build_knowledge
from billing_career.planning.money import Terms, allocate, facts_read, money_for
from billing_career.planning.planner import make_plan
from billing_career.planning.profile import build_profile
from billing_career.reference.costs import cost_breakdown

START = dt.date(2027, 2, 1)
PACKAGE = Path(__file__).resolve().parent.parent / "billing_career"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return build_knowledge(DATA)


# Twenty-one people, each a different money situation a counselor meets, and three by where they
# stand (a credential held, an exam failed).
PEOPLE: list[dict[str, Any]] = [
    {"education": "ged", "budget": 200, "job_seeker": True},
    {"education": "high-school", "budget": 5000},
    {"education": "high-school", "budget": 0, "veteran": True},
    {"education": "high-school", "budget": 0, "veteran": True, "job_seeker": True},
    {"education": "bachelor", "budget": 300},
    {"education": "bachelor", "budget": 0, "job_seeker": True},
    {"education": "some-college", "budget": 1500, "military_spouse": True},
    {"education": "ged", "budget": 0, "military_spouse": True, "snap": True},
    {"education": "high-school", "budget": 400, "disability_services": True},
    {"education": "high-school", "budget": 0, "snap": True, "job_seeker": True},
    {"education": "associate", "budget": 2000, "employer_sponsor": True},
    {
        "education": "high-school",
        "budget": 0,
        "employer_sponsor": True,
        "employer_amount": 1200,
    },
    {"education": "bachelor", "budget": 0, "employer_sponsor": True},
    {"education": "high-school", "budget": 20000, "goal": "advancement"},
    {"education": "some-college", "budget": 4000, "learning": "in-person"},
    {"education": "high-school", "budget": 600, "experience_years": 1},
    {"education": "associate", "budget": 500, "experience_years": 10, "veteran": True},
    {"education": "none", "budget": 1000, "job_seeker": True},
    {"education": "ged", "budget": 3000, "remote": True, "job_seeker": True},
    {"education": "bachelor", "budget": 0, "veteran": True, "military_spouse": True},
    # WIOA pays more at the low end of cost (all of a cheaper tuition) than at the high end.
    {"education": "bachelor", "budget": 1000, "job_seeker": True, "goal": "comprehensive"},
    # Where they stand changes the path and its price: a CPC holder is an AAPC member already
    # (the member CPB price, and a year of the membership it needs); a CBCS holder is not; a
    # failed CPB is a retake.
    {"education": "high-school", "budget": 800, "credentials": ("CPC",)},
    {"education": "high-school", "budget": 800, "credentials": ("CBCS",)},
    {"education": "high-school", "budget": 300, "failed_exam": ("CPB",)},
    # Ten years of billing: the plan names a program it makes optional and leaves its tuition
    # out; `cost --program` and `aid --program` of that program, with the experience, do too.
    {"education": "associate", "budget": 500, "experience_years": 10, "goal": "advancement"},
]


def _plan(kb: KnowledgeBase, answers: dict[str, Any]) -> Any:
    profile = build_profile({"schedule": "full-time", "start": START, **answers})
    return make_plan(kb, profile)


def _flags(answers: dict[str, Any]) -> list[str]:
    """The person's money answers as `cost` and `aid` flags."""
    args: list[str] = []
    for key, value in answers.items():
        if key not in MONEY_ANSWERS and key not in PRICE_ANSWERS:
            continue
        flag = ANSWER[key].flag
        if isinstance(value, bool):
            args.append(flag if value else f"--no-{flag[2:]}")
        elif isinstance(value, tuple):
            args += [flag, ",".join(value)]
        else:
            args += [flag, str(value)]
    return args


def _counted(sources: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    return {source["id"]: source["counted_as"] for source in sources if source["counted"]}


def test_twenty_people_plan_cost_and_aid_agree(kb: KnowledgeBase, invoke: Any) -> None:
    raised = fronted = optional = 0
    for answers in PEOPLE:
        plan = _plan(kb, answers)
        data = to_json(plan)
        cost = plan.cost
        # The program the plan names, even where it makes it optional (its JSON names it).
        program = cost.program.id if cost.program is not None else "none"
        cert = cost.certification.code
        path = ["--program", program, "--cert", cert]
        if cost.member and not cost.member_required:
            path.append("--member")
        if cost.remote:
            path.append("--remote")
        funding = data["funding"]
        planned = _counted(funding["sources"])
        # The shares add up to the aid counted, which the budget's view repeats.
        assert funding["aid_counted"]["min"] == sum(s["min"] for s in planned.values())
        assert funding["aid_counted"]["max"] == sum(s["max"] for s in planned.values())
        assert data["budget"]["aid_counted"] == funding["aid_counted"]
        total = data["cost"]["total"]
        # What is left at each end of cost: that end's cost less that end's aid.
        aid_low, aid_high = plan.funding.aid_by_end
        left = {"min": total["min"] - aid_low, "max": total["max"] - aid_high}
        assert (data["you_pay"]["min"], data["you_pay"]["max"]) == (left["min"], left["max"])
        # `cost` for the same person and path: the same sources, shares and what is left.
        result = invoke("cost", *path, *_flags(answers), "--json")
        assert result.code == 0, (path, answers, result.err)
        priced = json.loads(result.out)
        assert priced["total"] == total, answers
        # The same items (a member price and its membership for a CPC holder), item by item.
        assert priced["items"] == data["cost"]["items"], answers
        assert _counted(priced["money"]["sources"]) == planned, answers
        assert priced["money"]["aid_counted"] == funding["aid_counted"], answers
        assert priced["money"]["left_to_pay"] == left, answers
        # `aid` for the same person and path: the same.
        result = invoke("aid", *path, *_flags(answers), "--json")
        assert result.code == 0, (path, answers, result.err)
        view = json.loads(result.out)
        assert view["money"]["total"] == priced["money"]["total"], answers
        aid_counted = {o["id"]: o["counted_as"] for o in view["options"] if o["counted"]}
        assert aid_counted == planned, answers
        assert view["money"]["left_to_pay"] == left, answers
        # What is left of the total to plan for (newer reports' higher figures), where they
        # raise it: the same in all three (None where they do not).
        newer = data["you_pay"]["with_newer_figures"]
        assert priced["money"]["with_newer_figures"] == newer, answers
        assert view["money"]["with_newer_figures"] == newer, answers
        raised += newer is not None
        # What is paid up front and repaid after (the GI Bill's exam fee): the same in all three.
        first = data["you_pay"]["paid_first"]
        assert priced["money"]["paid_first"] == first, answers
        assert view["money"]["paid_first"] == first, answers
        # A program the plan makes optional: `cost` and `aid` say so, with the path's total
        # with the training beside, as `cost` prices it for no answers.
        if plan.program_optional and cost.program is not None:
            optional += 1
            assert data["recommendations"]["program"]["optional"] is True
            with_training = json.loads(invoke("cost", *path, "--json").out)["total"]
            expected = {
                "program": program,
                "name": cost.program.name,
                "with_training": {"min": with_training["min"], "max": with_training["max"]},
            }
            assert priced["optional_training"] == expected, answers
            assert view["optional_training"] == expected, answers
        else:
            assert priced["optional_training"] is None, answers
            assert view["optional_training"] is None, answers
        fronted += bool(first)
        assert bool(first) is ("gi-bill" in planned and "exam" in _parts_of(plan)), answers
        # The first screen says the same amounts.
        text = " ".join(str(line.text) for line in _answer_lines(plan))
        if planned:
            low, high = funding["aid_counted"]["min"], funding["aid_counted"]["max"]
            shown = f"${low:,.0f}" if low == high else f"${low:,.0f}-${high:,.0f}"
            assert shown in text, (answers, text)
    # Some of them (CPB paths: a dearer reported exam fee, a membership reported as required)
    # have a total to plan for above the guide's.
    assert raised >= 3
    # The veterans whose path has an exam fee front it.
    assert fronted >= 3
    # The experienced ones (person 15 among them) have a program made optional.
    assert optional >= 2


def _parts_of(plan: Any) -> set[str]:
    from billing_career.planning.money import part_of

    return {part_of(item.id) for item in plan.cost.items if item.known and item.max}


def _answer_lines(plan: Any) -> Any:
    from billing_career.render.outline import answer_lines

    return answer_lines(plan)


def test_every_catalog_source_appears_for_the_person_it_fits_and_no_one_else(
    kb: KnowledgeBase,
) -> None:
    """Through `aid` with one answer at a time: the source whose condition tests that answer
    applies when it holds and not when it does not."""
    from billing_career.planning.aid import aid_view

    checked = 0
    for entry in kb.aid.funding:
        facts = facts_read(entry)
        if not facts:
            continue
        for fact in facts:
            spec = ANSWER[fact]
            if spec.kind != "yes-no":
                continue
            others = {f: False for f in facts if f != fact and ANSWER[f].kind == "yes-no"}
            yes = {o.id: o for o in aid_view(kb, {**others, fact: True}).options}
            no = {o.id: o for o in aid_view(kb, {**others, fact: False}).options}
            assert yes[entry.aid].applies is True, entry.aid
            assert no[entry.aid].applies is False, entry.aid
            # No other source turns on with this answer alone.
            for other in kb.aid.funding:
                if other.aid != entry.aid and fact not in facts_read(other):
                    assert yes[other.aid].applies == no[other.aid].applies, other.aid
            checked += 1
    # Pell: everyone without a bachelor's, never gated on being a job seeker.
    bachelor = {o.id: o for o in aid_view(kb, {"education": "bachelor"}).options}
    ged = {o.id: o for o in aid_view(kb, {"education": "ged", "job_seeker": False}).options}
    pell = next(e.aid for e in kb.aid.funding if facts_read(e) == {"education"})
    assert bachelor[pell].applies is False and ged[pell].applies is True
    assert checked >= 6


def test_the_rural_graduate_is_told_to_file_the_fafsa(kb: KnowledgeBase) -> None:
    plan = _plan(kb, {"education": "high-school", "budget": 5000, "learning": "either"})
    assert any("FAFSA" in action for action in plan.first_actions)


def test_each_new_answer_brings_its_source(kb: KnowledgeBase) -> None:
    """A military spouse gets MyCAA counted toward tuition and the exam; a person with a
    disability and one on SNAP are named their agency, which the plan does not count."""
    spouse = to_json(_plan(kb, {"education": "bachelor", "budget": 0, "military_spouse": True}))
    mycaa = next(s for s in spouse["funding"]["sources"] if "MyCAA" in s["name"])
    # Counted at its $2,000 a fiscal year (a program fits in one or two; $4,000 in all).
    assert mycaa["counted"] and mycaa["amount"]["max"] == 2000
    assert "exam" in mycaa["pays_for"] and "books" not in mycaa["pays_for"]
    assert mycaa["counted_as"]["max"] <= 2000
    for answer, words in (("disability_services", "Vocational"), ("snap", "SNAP")):
        data = to_json(_plan(kb, {"education": "bachelor", "budget": 0, answer: True}))
        source = next(s for s in data["funding"]["sources"] if words in s["name"])
        assert not source["counted"]
        assert any(words.split()[0] in action for action in data["first_actions"])


def test_an_unknown_employer_amount_never_reads_as_covering_without_its_condition(
    kb: KnowledgeBase,
) -> None:
    from billing_career.render.outline import funding_lines

    plan = _plan(kb, {"education": "bachelor", "budget": 0, "employer_sponsor": True})
    employer = next(s for s in plan.funding.sources if s.counted and not s.ranked)
    line = next(line for line in funding_lines(plan) if line.startswith(employer.name))
    assert "not known" in line and (employer.condition or "") in line
    assert "confirms the amount in writing" in (employer.condition or "")


def test_a_smaller_gap_elsewhere_is_said_on_the_first_screen(kb: KnowledgeBase) -> None:
    """The single parent with $200: the Short Certificate leaves $285-$1,330; Online
    Self-Paced, ready as soon, leaves $285-$530: the plan takes it (planner._swap), and one line
    of the first screen says so, with what each leaves."""
    plan = _plan(kb, {"education": "ged", "budget": 200, "job_seeker": True})
    picked = plan.swapped_from
    assert picked is not None and picked.program.id == "short-certificate"
    assert plan.program is not None and plan.program.id == "online-self-paced"
    assert plan.budget.gap_max < picked.left_to_pay.max - plan.budget.amount
    lines = {line.label: str(line.text) for line in _answer_lines(plan)}
    assert lines["You pay"].startswith("$285-$530")
    assert "it leaves you more to pay ($285-$1,330) and is ready no sooner" in lines["Chosen over"]


def test_allocation_is_in_order_and_never_more_than_the_parts() -> None:
    parts = {"tuition": (1000.0, 3000.0), "exam": (155.0, 155.0), "books": (100.0, 300.0)}
    first = Terms((2000.0, 2000.0), ("tuition",))
    second = Terms(None, ("tuition", "exam"), exam_up_to=100)
    shares = allocate(parts, [first, second], (1255.0, 3455.0))
    assert shares[0] == (1000.0, 2000.0)
    # The rest of tuition, and the exam only up to its limit; never the books.
    assert shares[1] == (100.0, 1100.0)


def test_the_money_answers_are_the_catalog_s(kb: KnowledgeBase) -> None:
    tested = set().union(*(facts_read(entry) for entry in kb.aid.funding))
    amounts = {entry.amount_answer for entry in kb.aid.funding if entry.amount_answer}
    assert set(MONEY_ANSWERS) == tested | amounts | {"budget"}


def test_aid_and_cost_help_show_the_person_answers(invoke: Any) -> None:
    for command in ("aid", "cost"):
        out = invoke(command, "--help", env={"COLUMNS": "200"}).out
        for answer in (*MONEY_ANSWERS, *PRICE_ANSWERS, *AID_RULE_ANSWERS):
            assert ANSWER[answer].flag in out, (command, answer)


@pytest.mark.parametrize("command", ["aid", "cost"])
@pytest.mark.parametrize(
    ("flag", "value"),
    [("--age", "-3"), ("--age", "abc"), ("--experience-years", "-1"), ("--experience-years", "x")],
)
def test_aid_and_cost_refuse_a_bad_person_answer_in_one_line(
    invoke: Any, command: str, flag: str, value: str
) -> None:
    """The answers `aid` and `cost` took this stop (the age, for SNAP's work rule; the years of
    experience, for optional training): a bad value is one line naming the flag, exit 2."""
    result = invoke(command, flag, value)
    assert result.code == 2
    assert result.out == ""
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: Invalid {flag}: "), result.err
    assert "Traceback" not in result.err


def test_no_code_names_a_source_id(kb: KnowledgeBase) -> None:
    ids = [option.id for option in kb.aid.aid]
    pattern = re.compile("|".join(rf"[\"']{re.escape(ident)}[\"']" for ident in ids))
    found = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert not found, found


def test_money_for_any_path(kb: KnowledgeBase) -> None:
    """The API other code calls: any program and certification, with the person's answers."""
    profile = build_profile(
        {"education": "ged", "budget": 200, "schedule": "full-time", "job_seeker": True}
    )
    cost = cost_breakdown(kb, "extended-certificate", cert="CBCS")
    money = money_for(kb, profile, cost)
    assert money.total.min == cost.total_min and money.total.max == cost.total_max
    assert money.aid_counted.max == sum(
        s.counted_as.max for s in money.sources if s.counted_as is not None
    )
    aid_low, aid_high = money.funding.aid_by_end
    assert money.left_to_pay.min == cost.total_min - aid_low
    assert money.left_to_pay.max == cost.total_max - aid_high
    assert money.conditional and money.without_conditional.max == cost.total_max
    assert money.gap is not None and money.gap.max == max(0, money.left_to_pay.max - 200)


def test_a_one_year_award_says_so_for_a_program_longer_than_a_year(kb: KnowledgeBase) -> None:
    """A Pell Grant's amount is one award year's (aid.yaml award_year): against the two-year
    degree it is counted once, marked as that one year; against the Extended Certificate (6-12
    months) it is not marked; a source with no award year never is."""
    profile = build_profile(
        {"education": "ged", "budget": 0, "schedule": "full-time", "job_seeker": True}
    )
    by_program = {}
    for program in ("associate-degree", "extended-certificate"):
        money = money_for(kb, profile, cost_breakdown(kb, program, cert="CBCS"))
        by_program[program] = {s.id: s for s in money.sources if s.counted}
    degree, certificate = by_program["associate-degree"], by_program["extended-certificate"]
    assert degree["federal-aid"].counts_one_year == "2026-27"
    assert degree["federal-aid"].counted_as == MinMax(7395, 7395)
    assert certificate["federal-aid"].counts_one_year is None
    assert degree["wioa"].counts_one_year is None
    assert to_json(degree["federal-aid"])["counts_one_year"] == "2026-27"
    assert "counts_one_year" not in to_json(certificate["federal-aid"])


@pytest.mark.parametrize(
    ("answers", "who_pays_the_rise"),
    [
        # A Pell Grant pays tuition and fees only: the newer exam fee and the membership reported
        # as required are all the person's.
        ({"education": "high-school", "budget": 0, "job_seeker": True}, "person"),
        # WIOA (tuition and fees too) pays more at the low end of cost than at the high end
        # ($3,100 against $3,000): the rise is still the person's, figure for figure.
        ({"education": "bachelor", "budget": 1000, "job_seeker": True}, "person"),
        # The GI Bill pays the exam fee in full: the newer, cheaper fee is less for it to pay,
        # and the membership, which no source pays, is the person's.
        ({"education": "high-school", "budget": 0, "veteran": True}, "membership"),
        # An employer paying more than the newer total: nothing more for the person.
        (
            {
                "education": "high-school",
                "budget": 0,
                "employer_sponsor": True,
                "employer_amount": 8000,
            },
            "nobody",
        ),
    ],
)
def test_what_you_pay_of_the_newer_total_is_counted_as_the_aid_pays(
    kb: KnowledgeBase, answers: dict[str, Any], who_pays_the_rise: str
) -> None:
    """Where newer reports raise a CPB path's total (the exam fee $449 -> $425, AAPC membership
    reported as required), what the person pays of the total to plan for counts what each aid
    source pays of the newer items, as it counts the guide's."""
    plan = _plan(kb, {**answers, "goal": "comprehensive"})
    assert plan.certification.id == "CPB"
    newer = plan.total_with_newer_figures
    assert newer is not None and newer.max > plan.cost.total_max
    you = plan.you_pay
    rise = (newer.min - plan.cost.total_min, newer.max - plan.cost.total_max)
    membership = next(high for item, _, high in newer.items if item == "membership")
    membership_low = next(low for item, low, _ in newer.items if item == "membership")
    if who_pays_the_rise == "person":
        assert you.with_newer_figures == MinMax(you.min + rise[0], you.max + rise[1])
    elif who_pays_the_rise == "membership":
        assert you.with_newer_figures == MinMax(you.min + membership_low, you.max + membership)
        assert membership_low > rise[0]  # the cheaper exam fee went to the GI Bill
    else:
        assert you.max == 0 and you.with_newer_figures is None
    # The same in the plan's JSON.
    data = to_json(plan)["you_pay"]["with_newer_figures"]
    expected = you.with_newer_figures
    assert data == (None if expected is None else {"min": expected.min, "max": expected.max})


def test_no_newer_figure_for_a_path_newer_reports_make_cheaper(kb: KnowledgeBase) -> None:
    """A CBCS path whose newer exam fee is lower: the guide's total is the one to plan for,
    and what the person pays has no newer figure."""
    plan = _plan(kb, {"education": "ged", "budget": 200, "job_seeker": True})
    assert plan.certification.id == "CBCS"
    newer = plan.total_with_newer_figures
    assert newer is not None and newer.max <= plan.cost.total_max
    assert plan.you_pay.with_newer_figures is None


def test_what_is_left_pairs_each_end_of_cost_with_that_ends_aid(kb: KnowledgeBase) -> None:
    """WIOA ($3,000-$5,000) on an Extended Certificate: at the low end of cost it pays all of
    the cheaper tuition and fees (more than its least), at the high end its least. What is left
    at each end is that end's cost less that end's aid, not the other end's (a job seeker with
    a bachelor's: no Pell). $5,000 covers what it leaves, so no cheaper path takes its place."""
    plan = _plan(
        kb, {"education": "bachelor", "budget": 5000, "job_seeker": True, "goal": "comprehensive"}
    )
    assert plan.program is not None and plan.program.id == "extended-certificate"
    wioa = next(source for source in plan.funding.sources if source.id == "wioa")
    assert wioa.counted and [s.id for s in plan.funding.sources if s.counted] == ["wioa"]
    amount = wioa.amount
    assert not isinstance(amount, str)
    tuition_fees = [item for item in plan.cost.items if item.id in ("tuition", "program-fees")]
    low_end = min(amount.max, sum(item.min or 0 for item in tuition_fees))
    high_end = min(amount.min, sum(item.max or 0 for item in tuition_fees))
    assert low_end > high_end  # the case: more aid at the low end of cost
    assert plan.you_pay.min == plan.cost.total_min - low_end
    assert plan.you_pay.max == plan.cost.total_max - high_end
    # Shown as a range, lower figure first.
    assert (wioa.counted_as.min, wioa.counted_as.max) == (high_end, low_end)
