"""The planner: properties that hold for any valid answers, dates, and byte-identical JSON."""

from __future__ import annotations

import datetime as dt
import functools
import json
from typing import Any

import pytest
from conftest import DATA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from billing_career.knowledge.dates import add_months
from billing_career.knowledge.figures import money_span
from billing_career.knowledge.models import KnowledgeBase
from billing_career.knowledge.serialize import to_json
from billing_career.planning.load import build_knowledge
from billing_career.planning.planner import make_plan
from billing_career.planning.profile import CHOICES, MAX_BUDGET, Profile, build_profile


@functools.cache
def kb() -> KnowledgeBase:
    """The bundled knowledge base, built once per worker where these tests run (not at
    collection, where every worker would build it)."""
    return build_knowledge(DATA)


profiles = st.builds(
    Profile,
    education=st.sampled_from(CHOICES["education"]),
    budget=st.one_of(st.integers(0, 25_000), st.integers(0, MAX_BUDGET)),
    schedule=st.sampled_from(CHOICES["schedule"]),
    learning=st.sampled_from(CHOICES["learning"]),
    experience_years=st.integers(0, 60),
    background=st.lists(st.sampled_from(CHOICES["background"]), unique=True).map(
        lambda chosen: tuple(v for v in CHOICES["background"] if v in chosen)
    ),
    goal=st.sampled_from(CHOICES["goal"]),
    veteran=st.booleans(),
    employer_sponsor=st.booleans(),
    remote=st.booleans(),
    job_seeker=st.one_of(st.none(), st.booleans()),
    military_spouse=st.booleans(),
    disability_services=st.booleans(),
    snap=st.booleans(),
    employer_amount=st.one_of(st.none(), st.integers(0, 20_000)),
    start=st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)),
)


# 100 examples: the profile is a product of small choice sets and booleans plus a few ranges;
# hypothesis reaches their edges (0, the maxima, None) within the first examples, and 300 cost
# the suite about 7 s more without finding more (each plan is made and serialized).
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles)
def test_any_valid_profile_gives_a_sound_plan(profile: Profile) -> None:
    result = make_plan(kb(), profile)
    data = to_json(result.explained())
    # Every recommendation has reasons.
    recommendations = data["recommendations"]
    if recommendations["program"] is not None:
        assert recommendations["program"]["reasons"]
    assert recommendations["certification"]["reasons"]
    for option in recommendations["financial_aid"]:
        assert option["reasons"], option["id"]
    for alternative in recommendations["alternatives"]:
        assert alternative["reasons"], alternative["id"]
    # One numbered list of steps, ordered by start, never before the start date.
    steps = data["steps"]
    assert [step["number"] for step in steps] == list(range(1, len(steps) + 1))
    assert steps[0]["start"] == profile.start.isoformat()
    starts = [dt.date.fromisoformat(step["start"]) for step in steps]
    assert starts == sorted(starts)
    for step in steps:
        assert dt.date.fromisoformat(step["start"]) <= dt.date.fromisoformat(step["end"])
    assert not any(step["title"].startswith("Step ") for step in steps)
    assert profile.start <= dt.date.fromisoformat(data["ready_by"])
    assert data["ready_by_basis"].startswith("estimate: ")
    # Cost: a real range, each item too.
    total = data["cost"]["total"]
    assert 0 <= total["min"] <= total["max"]
    for item in data["cost"]["items"]:
        if item["known"]:
            assert item["min"] <= item["max"]
    assert data["budget"]["gap"]["min"] <= data["budget"]["gap"]["max"]
    # Who may have what counted.
    counted = set(data["funding"]["counted"])
    applies = {source["id"] for source in data["funding"]["sources"]}
    # A source is named only for the person it fits; when the funds leave a gap, every source
    # that fits is named (when they cover the path, only the counted ones).
    assert ("gi-bill" in applies) <= profile.veteran
    assert ("employer-sponsorship" in applies) <= profile.employer_sponsor
    assert ("federal-aid" in applies) <= (profile.education != "bachelor")
    if data["budget"]["covers"] != "all":
        assert ("gi-bill" in applies) == profile.veteran
        # Pell pays for programs: a path without one (the exam alone) does not name it.
        has_program = data["cost"]["program"] is not None and data["cost"]["include_tuition"]
        assert ("federal-aid" in applies) == (profile.education != "bachelor" and has_program)
    assert counted <= applies and "payment-plans" not in counted
    # One money story: the sources' shares add up to the aid counted, and what is left to pay
    # at each end of cost is that end's cost less that end's aid (the "You pay" line): within
    # the total less the aid counted's range, and the two ends adding up as the shares do.
    shares = [s["counted_as"] for s in data["funding"]["sources"] if s["counted"]]
    assert all(share["min"] > 0 or share["max"] > 0 for share in shares)
    aid_counted = data["funding"]["aid_counted"]
    assert aid_counted["min"] == sum(share["min"] for share in shares)
    assert aid_counted["max"] == sum(share["max"] for share in shares)
    assert data["budget"]["aid_counted"] == aid_counted
    you_pay = data["you_pay"]
    aid_low, aid_high = result.funding.aid_by_end
    assert you_pay["min"] == total["min"] - aid_low >= 0
    assert you_pay["max"] == total["max"] - aid_high >= 0
    assert aid_counted["min"] <= min(aid_low, aid_high) <= max(aid_low, aid_high)
    assert max(aid_low, aid_high) <= aid_counted["max"]
    assert aid_low + aid_high == aid_counted["min"] + aid_counted["max"]
    assert bool(data["blockers"]) == (profile.education == "none")
    # A fallback when counted aid has a condition and the budget alone does not cover the path.
    assert (recommendations["fallback"] is not None) == (
        data["funding"]["conditional"] and profile.budget < total["max"]
    )
    # The budget: the summary, the warnings, the aid and the cost section agree on one total.
    budget = data["budget"]
    assert money_span(total["min"], total["max"]) in budget["summary"]
    aid = {option["id"] for option in recommendations["financial_aid"]}
    if budget["covers"] == "all":
        assert budget["gap"] == {"min": 0, "max": 0}
        assert "payment-plans" not in aid
    else:
        assert "fall short" in budget["summary"] or "falls short" in budget["summary"]
        assert "payment-plans" in aid
    # The warnings measure the budget against the total the plan says to plan for (newer
    # reports' higher figures, where they raise it), as the Funding line's "newer reports" do.
    planned = result.planned_budget
    if planned.covers == "all":
        assert not data["warnings"]
    else:
        assert [w["rule"] for w in data["warnings"]] in (
            ["budget-short-at-the-low-end"],
            ["budget-may-fall-short"],
        )
    # "Less to pay": a row of the options, not the plan's own, that leaves less; whenever one
    # ready as soon leaves less (or one ready sooner leaves no more), one of those (leaving
    # least); a later one only with a gap. "Sooner": ready sooner, leaving no more.
    other = result.other_path
    mine = (result.budget.left_to_pay.max, result.budget.left_to_pay.min)
    rows = [
        row
        for row in result.options
        if "recommended" not in row.labels
        and row.program is not None
        and row.labels != ("without-aid",)
    ]
    soon = [
        (row.left_to_pay.max, row.left_to_pay.min)
        for row in rows
        if (row.ready_by <= result.ready_by and (row.left_to_pay.max, row.left_to_pay.min) < mine)
        or (
            row.ready_by < result.ready_by
            and row.left_to_pay.max <= mine[0]
            and row.left_to_pay.min <= mine[1]
        )
    ]
    if result.program_optional or result.funding.unranked or result.gate is not None:
        # Optional training, a counted amount not known (paths weighed on the budget alone)
        # or a plan held behind a gate (pay for no training yet): no other path is named.
        assert other is None
    elif soon:
        assert other is not None and other.ready_by <= result.ready_by
        assert (other.left_to_pay.max, other.left_to_pay.min) == min(soon)
    if other is not None:
        assert any(
            row.path == (other.program.id, other.certification)
            and (row.left_to_pay, row.ready_by) == (other.left_to_pay, other.ready_by)
            for row in rows
        )
        less = (other.left_to_pay.max, other.left_to_pay.min) < mine
        assert other.leaves_less == less
        if not less:
            assert other.ready_by < result.ready_by and other.left_to_pay.min <= mine[1]
            assert other.left_to_pay.max <= mine[0]
        if other.ready_by > result.ready_by:
            assert budget["covers"] != "all" and other.timing == "later"
        assert data["other_path"]["ready_by"] == other.ready_by.isoformat()
    # Pay starts from the person's own experience band.
    levels = data["salary"]["levels"]
    assert levels[0]["yours"] and levels[0]["years_min"] <= profile.experience_years
    assert levels[0]["years_max"] is None or profile.experience_years <= levels[0]["years_max"]
    json.dumps(data)


def test_same_answers_and_start_give_byte_identical_json() -> None:
    answers: dict[str, Any] = {
        "education": "ged",
        "budget": 2500,
        "schedule": "part-time",
        "background": ("data-entry",),
        "remote": True,
        "start": dt.date(2026, 3, 31),
    }
    first = json.dumps(to_json(make_plan(kb(), build_profile(answers)).explained()))
    # A fresh knowledge base and planner, answers given in another order.
    other_kb = build_knowledge(DATA)
    reordered = dict(reversed(list(answers.items())))
    second = json.dumps(to_json(make_plan(other_kb, build_profile(reordered)).explained()))
    assert first == second


def test_json_has_the_documented_keys() -> None:
    data = to_json(
        make_plan(
            kb(),
            build_profile(
                {
                    "education": "ged",
                    "budget": 3000,
                    "schedule": "full-time",
                    "start": dt.date(2026, 1, 5),
                }
            ),
        )
    )
    assert list(data) == [
        "profile",
        "assumed",
        "blockers",
        "warnings",
        "recommendations",
        "options",
        "funding",
        "not_assessed",
        "steps",
        "cost",
        "budget",
        "you_pay",
        "other_path",
        "swapped_from",
        "salary",
        "ready_by",
        "ready_by_basis",
        "ready_by_condition",
        "gate",
        "payback",
        "first_actions",
    ]
    # Only a check whose outcome the plan cannot know (the exclusion list) sets them.
    assert data["ready_by_condition"] is None
    assert data["gate"] is None
    assert list(data["recommendations"]) == [
        "program",
        "certification",
        "fallback",
        "financial_aid",
        "alternatives",
    ]
    assert "total_with_newer_figures" in data["cost"]
    assert all(
        {"id", "name", "amount", "pays_for", "condition", "counted", "counted_as", "reasons"}
        <= set(source)
        for source in data["funding"]["sources"]
    )
    assert {"id", "name", "reasons"} <= set(data["recommendations"]["program"])
    assert {"code", "reasons"} <= set(data["recommendations"]["certification"])
    assert all(
        {"id", "name", "reasons"} <= set(option)
        for option in data["recommendations"]["financial_aid"]
    )
    assert all(
        {"number", "title", "start", "end", "details"} <= set(step) for step in data["steps"]
    )
    assert {"items", "total"} <= set(data["cost"])
    assert set(data["cost"]["total"]) >= {"min", "max"}
    assert [level["id"] for level in data["salary"]["levels"]] == ["entry", "early-career"]
    assert data["salary"]["levels"][0]["annual"] == {"min": 35000, "max": 42000}
    assert data["salary"]["levels"][1]["annual"] == {"min": 42000, "max": 50000}
    assert data["budget"]["summary"].startswith("Your budget of $3,000 ")
    # Every answer's origin, replacing the old "defaulted" list.
    assert "defaulted" not in data["profile"]
    answered = data["profile"]["answered"]
    assert list(answered) == [*Profile.field_names()]
    assert {name for name, origin in answered.items() if origin == "flag"} == {
        "education",
        "budget",
        "schedule",
        "start",
    }
    assert set(answered.values()) == {"flag", "default"}


def test_cost_is_what_bcareer_cost_gives_for_the_chosen_path() -> None:
    from billing_career.reference.costs import cost_breakdown

    result = make_plan(
        kb(),
        build_profile(
            {"education": "ged", "budget": 3000, "schedule": "full-time", "remote": True}
        ),
    )
    assert result.program is not None
    same = cost_breakdown(
        kb(),
        result.program.id,
        cert=result.certification.id,
        remote=True,
    )
    assert to_json(result.cost) == to_json(same)


@pytest.mark.parametrize(
    ("schedule", "months"),
    [
        ("full-time", 4),
        ("part-time", 6),
        ("flexible", 5),
    ],
)
def test_schedule_takes_its_end_of_the_duration_range(schedule: str, months: int) -> None:
    # Short Certificate: 4-6 months in the guide.
    result = make_plan(
        kb(),
        build_profile(
            {
                "education": "ged",
                "budget": 3000,
                "schedule": schedule,
                "goal": "quick-entry",
                "learning": "in-person",
                "start": dt.date(2026, 1, 5),
                "background": ("computer-skills", "accounting", "customer-service"),
            }
        ),
    )
    assert result.program is not None and result.program.id == "short-certificate"
    training = next(step for step in result.steps if step.id == "complete-training")
    assert training.end == add_months(training.start, months)
    assert f"Planned as {months} months" in " ".join(training.details)


def test_varies_duration_uses_the_documented_assumption() -> None:
    result = make_plan(
        kb(),
        build_profile(
            {
                "education": "ged",
                # Covers the whole path ($835-$2,680): the rules' pick stands (no swap).
                "budget": 2700,
                "schedule": "part-time",
                "learning": "online",
                "start": dt.date(2026, 1, 5),
            }
        ),
    )
    assert result.swapped_from is None
    assert result.program is not None and result.program.id == "online-self-paced"
    training = next(step for step in result.steps if step.id == "complete-training")
    assert training.end == add_months(training.start, kb().rules.planning.varies_months.max)
    assert "Varies" in " ".join(training.details)


def test_add_months_keeps_the_day_or_takes_the_month_end() -> None:
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2026, 11, 15), 14) == dt.date(2028, 1, 15)


def test_defaulted_answers_are_listed_and_saved_answers_keep_them_defaulted(
    isolated_home: Any,
) -> None:
    from billing_career.planning.profile import load_saved, save_profile

    given = build_profile(
        {
            "education": "ged",
            "budget": 3000,
            "schedule": "full-time",
            "goal": "quick-entry",
            "start": dt.date(2026, 1, 5),
        }
    )
    assert given.defaulted == (
        "learning",
        "experience_years",
        "background",
        "veteran",
        "employer_sponsor",
        "remote",
        "military_spouse",
        "disability_services",
        "snap",
    )
    save_profile(given)
    saved = load_saved()
    # Only the answers given are saved: next time the defaults are still defaults.
    assert saved == {
        "education": "ged",
        "budget": 3000,
        "schedule": "full-time",
        "goal": "quick-entry",
    }
    again = build_profile(
        {**saved, "start": dt.date(2026, 1, 5)}, origins=dict.fromkeys(saved, "saved")
    )
    assert again.defaulted == given.defaulted and again == given
    data = to_json(make_plan(kb(), again))
    answered = data["profile"]["answered"]
    assert [name for name, origin in answered.items() if origin == "saved"] == list(saved)
    assert answered["start"] == "flag"
    assert all(answered[name] == "default" for name in given.defaulted)
    assert data["profile"]["goal"] == "quick-entry"
