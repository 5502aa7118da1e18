"""The other path ("Less to pay", or "Sooner"): one ready as soon that leaves less to pay, or
ready sooner for no more, is named, whether or not the budget covers the chosen path; else, with
a gap, the lowest-cost path."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from conftest import DATA

from billing_career.knowledge.models import KnowledgeBase
from billing_career.knowledge.serialize import to_json
from billing_career.planning.amounts import MinMax
from billing_career.planning.load import build_knowledge
from billing_career.planning.money import Budget
from billing_career.planning.options import OptionCertification, OptionProgram, PathOption
from billing_career.planning.planner import Plan, Planner, make_plan
from billing_career.planning.profile import build_profile
from billing_career.render.money import other_path_text
from billing_career.render.outline import answer_lines

START = dt.date(2027, 1, 4)
JUNE = dt.date(2027, 6, 1)
AUGUST = dt.date(2027, 8, 1)


@functools.cache
def kb() -> KnowledgeBase:
    return build_knowledge(DATA)


def _plan(answers: dict[str, Any]) -> Plan:
    return make_plan(kb(), build_profile({"schedule": "full-time", "start": START, **answers}))


def _less_to_pay(plan: Plan) -> str | None:
    return next((line.text for line in answer_lines(plan) if line.label == "Less to pay"), None)


# The counselor's two plans (the brief's commands).
COVERED = {"education": "some-college", "budget": 1500, "job_seeker": True}
SPONSORED = {
    "education": "high-school",
    "budget": 0,
    "employer_sponsor": True,
    "employer_amount": 2000,
}


def test_a_covered_plan_names_the_cheaper_path_ready_as_soon() -> None:
    """$1,500 covers the Short Certificate's $285-$1,330 (WIOA counted); Online Self-Paced is
    ready the same day and leaves $285-$530: named, with its date."""
    plan = _plan(COVERED)
    assert plan.budget.covers == "all"
    assert plan.program is not None and plan.program.id == "short-certificate"
    other = plan.other_path
    assert other is not None
    assert other.program.id == "online-self-paced" and other.certification == "CBCS"
    assert other.left_to_pay == MinMax(285, 530)
    assert other.ready_by == plan.ready_by == JUNE and other.timing == "same"
    assert _less_to_pay(plan) == (
        "Online Self-Paced, ready as soon (about June 1, 2027): you pay $285-$530 of $835-$2,680, "
        "with Workforce Development counted."
    )
    data = to_json(plan)["other_path"]
    assert data["ready_by"] == "2027-06-01" and data["timing"] == "same"
    # The aid the figure rests on, by id (the names are the sentence's).
    assert data["counted_aid"] == ["wioa"] and "counted_aid_names" not in data


def test_a_gap_plan_takes_the_path_ready_as_soon_then_names_the_cheaper_later_one() -> None:
    """$0 with $2,000 from an employer: Online Self-Paced ($0-$680) is ready the same day as the
    Short Certificate ($0-$2,330): the budget cannot pay the rules' pick, so the plan takes it
    (planner._swap); the Extended Certificate leaves least ($285-$530) but is ready two months
    later: named, as the lowest-cost path of a plan with a gap."""
    plan = _plan(SPONSORED)
    assert plan.program is not None and plan.program.id == "online-self-paced"
    assert plan.swapped_from is not None
    assert plan.swapped_from.program.id == "short-certificate"
    assert plan.budget.covers != "all"
    lowest = next(row for row in plan.options if "lowest-cost" in row.labels)
    assert lowest.program is not None and lowest.program.id == "extended-certificate"
    assert lowest.ready_by == AUGUST
    other = plan.other_path
    assert other is not None and other.program.id == "extended-certificate"
    assert other.timing == "later" and other.left_to_pay == MinMax(285, 530)
    assert _less_to_pay(plan) == (
        "Extended Certificate, ready about August 1, 2027: you pay $285-$530 of $3,385-$6,830, "
        "with Employer Sponsorship and Federal Financial Aid counted."
    )


def test_a_covered_plan_with_only_a_slower_cheaper_path_names_none() -> None:
    """$5,000 covers the in-person Short Certificate; the Extended Certificate leaves less but
    is ready later: a covered plan names no other path (nor a line)."""
    plan = _plan({"education": "some-college", "budget": 5000, "learning": "in-person"})
    assert plan.budget.covers == "all"
    lowest = next(row for row in plan.options if "lowest-cost" in row.labels)
    assert "recommended" not in lowest.labels and lowest.ready_by > plan.ready_by
    assert plan.other_path is None and _less_to_pay(plan) is None


def test_a_gap_plan_with_only_a_slower_cheaper_path_keeps_the_lowest_cost() -> None:
    """$0 with $1,200 from an employer: Online Self-Paced leaves up to $1,480 and is the fastest;
    only the later Extended Certificate leaves less: named as before, with its later date."""
    plan = _plan(
        {"education": "high-school", "budget": 0, "employer_sponsor": True, "employer_amount": 1200}
    )
    assert plan.budget.covers != "all"
    other = plan.other_path
    assert other is not None and other.program.id == "extended-certificate"
    assert other.left_to_pay == MinMax(285, 530)
    assert other.ready_by == AUGUST > plan.ready_by and other.timing == "later"
    assert _less_to_pay(plan) == (
        "Extended Certificate, ready about August 1, 2027: you pay $285-$530 of $3,385-$6,830, "
        "with Employer Sponsorship and Federal Financial Aid counted."
    )


def test_a_path_ready_sooner_is_worded_so() -> None:
    """An advancement goal's Associate Degree is ready in 2029: the Extended Certificate (with
    CBCS, not the plan's certification), ready in August 2027 and leaving less, is 'ready
    sooner'."""
    plan = _plan({"education": "high-school", "budget": 20000, "goal": "advancement"})
    other = plan.other_path
    assert other is not None and other.timing == "sooner" and other.ready_by < plan.ready_by
    text = _less_to_pay(plan)
    assert text is not None and text.startswith(
        "Extended Certificate with CBCS, ready sooner (about August 1, 2027): you pay $285-$530"
    )


# --- the decision on rows of its own ------------------------------------------------------------


def _row(
    labels: tuple[str, ...],
    program: str | None,
    left: tuple[float, float],
    ready: dt.date,
    *,
    optional: bool = False,
) -> PathOption:
    named = None if program is None else OptionProgram(program, program.title(), None, optional)
    return PathOption(
        labels,
        named,
        OptionCertification("CBCS", "CBCS"),
        MinMax(left[0] + 500, left[1] + 2000),
        MinMax(*left),
        ready,
        None,
    )


# A path of $1,000-$3,000 with nothing counted: $1,000-$3,000 left to pay.
MINE = _row(("recommended",), "mine", (1000, 3000), JUNE)


def _other(budget: int, *rows: PathOption, optional: bool = False) -> str | None:
    other = Planner._other_path(Budget(budget, 1000, 3000), optional, (MINE, *rows), JUNE)
    return None if other is None else other.program.id


def test_the_least_left_among_paths_ready_as_soon_then_the_earlier_then_table_order() -> None:
    may = dt.date(2027, 5, 1)
    soon = _row(("fastest",), "soon", (500, 900), JUNE)
    sooner = _row(("a",), "sooner", (500, 900), may)
    least = _row(("b",), "least", (600, 800), JUNE)
    # Least left first (the higher end, then the lower), whether or not the budget covers it.
    for budget in (0, 5000):
        assert _other(budget, soon, least) == "least"
    # Equal: the earlier ready, then the table's order.
    assert _other(0, soon, sooner) == "sooner"
    twin = _row(("c",), "twin", (500, 900), JUNE)
    assert _other(0, soon, twin) == "soon"
    assert _other(0, twin, soon) == "twin"


def test_a_later_path_only_with_a_gap_and_only_the_lowest_cost() -> None:
    later = _row(("lowest-cost",), "later", (100, 200), AUGUST)
    assert _other(500, later) == "later"
    assert _other(5000, later) is None
    # Not the lowest-cost row: not named.
    assert _other(500, _row(("fastest",), "other", (100, 200), AUGUST)) is None
    # A path ready as soon comes first, even if the later one leaves less.
    soon = _row(("fastest",), "soon", (800, 2000), JUNE)
    assert _other(500, later, soon) == "soon"


def test_no_other_path_when_none_leaves_less_or_names_a_program_or_training_is_optional() -> None:
    dearer = _row(("fastest",), "dearer", (1000, 3500), JUNE)
    assert _other(0, dearer) is None
    # The same at the high end and more at the low end is not less (compared high end first).
    assert _other(0, _row(("fastest",), "same", (1200, 3000), JUNE)) is None
    assert _other(0, _row(("fastest",), None, (10, 20), JUNE)) is None
    # A row of its own priced without aid is not what that path leaves beside the chosen one.
    assert _other(0, _row(("without-aid",), "bare", (10, 20), JUNE)) is None
    cheaper = _row(("lowest-cost", "fastest"), "cheaper", (10, 20), JUNE, optional=True)
    assert _other(0, cheaper) == "cheaper"
    assert _other(0, cheaper, optional=True) is None


def test_the_words_of_each_timing() -> None:
    cost, left = MinMax(835, 2680), MinMax(0, 680)
    assert other_path_text("Online Self-Paced with CBCS", cost, left, JUNE, "same") == (
        "Online Self-Paced with CBCS, ready as soon (about June 1, 2027): you pay $0-$680 of "
        "$835-$2,680."
    )
    # The aid it counts, named as the Funding line names it; nothing where it counts none.
    assert other_path_text("X", cost, left, JUNE, "same", ("Federal Financial Aid",)).endswith(
        "you pay $0-$680 of $835-$2,680, with Federal Financial Aid counted."
    )
    assert other_path_text("X", cost, left, JUNE, "same", ("A", "B")).endswith(
        ", with A and B counted."
    )
    assert other_path_text("X", cost, left, JUNE, "sooner").startswith(
        "X, ready sooner (about June 1, 2027): "
    )
    assert other_path_text("X", cost, left, AUGUST, "later").startswith(
        "X, ready about August 1, 2027: "
    )


def test_a_path_ready_sooner_for_no_more_is_named_for_its_date() -> None:
    may = dt.date(2027, 5, 1)
    # Sooner, and no more at either end: named, though it leaves no less.
    same = _row(("fastest",), "same", (1000, 3000), may)
    assert _other(5000, same) == "same"
    other = Planner._other_path(Budget(5000, 1000, 3000), False, (MINE, same), JUNE)
    assert other is not None and not other.leaves_less and other.timing == "sooner"
    # More at either end, or not sooner: not named.
    assert _other(5000, _row(("fastest",), "dearer", (900, 3100), may)) is None
    assert _other(5000, _row(("fastest",), "dearer", (1100, 3000), may)) is None
    assert _other(5000, _row(("fastest",), "as-soon", (1000, 3000), JUNE)) is None
    # A path that leaves less comes first, as soon or sooner.
    less = _row(("lowest-cost",), "less", (900, 2900), JUNE)
    assert _other(5000, same, less) == "less"


def test_a_veteran_sees_the_sooner_path_that_costs_no_more() -> None:
    """No diploma yet, $0, comprehensive: the GI Bill pays the tuition of any path, so the
    Extended Certificate and Online Self-Paced both leave $130-$375; Online Self-Paced is ready
    two months sooner: named for its date ("Sooner"), not as less to pay."""
    plan = _plan(
        {
            "education": "none",
            "budget": 0,
            "learning": "online",
            "goal": "comprehensive",
            "veteran": True,
        }
    )
    other = plan.other_path
    assert other is not None and other.program.id == "online-self-paced"
    assert other.left_to_pay == plan.budget.left_to_pay == MinMax(130, 375)
    assert other.ready_by < plan.ready_by and not other.leaves_less
    line = next(line for line in answer_lines(plan) if line.label == "Sooner")
    assert line.text.startswith("Online Self-Paced")
    assert "ready sooner (about August 26, 2027): you pay $130-$375" in line.text
    assert _less_to_pay(plan) is None
    assert to_json(plan)["other_path"]["leaves_less"] is False


def test_no_other_path_rests_on_an_employer_amount_not_known() -> None:
    """$500, part-time, an employer's offer of unknown amount: programs are weighed on the budget
    alone; the Short Certificate would leave the same $285-$530 only if the offer paid its
    tuition, so no other path is named on that unknown amount."""
    plan = _plan(
        {
            "education": "high-school",
            "budget": 500,
            "schedule": "part-time",
            "employer_sponsor": True,
        }
    )
    assert plan.program is not None and plan.program.id == "online-self-paced"
    assert plan.funding.unranked
    sooner = [row for row in plan.options if row.ready_by < plan.ready_by]
    assert sooner  # the options table still shows the paths, "after the aid counted"
    assert plan.other_path is None
    assert not [line for line in answer_lines(plan) if line.label in ("Sooner", "Less to pay")]
