"""A what-if comparison as one outline for the terminal, Markdown and HTML.

The base plan and each variant side by side, a changed value marked, then (in full) each plan.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from billing_career.knowledge.figures import money_span
from billing_career.knowledge.wording import date_text, short_date
from billing_career.planning.amounts import MinMax
from billing_career.render.money import (
    newer_shortfall_text,
    up_front_amount_text,
    up_front_text,
)
from billing_career.render.outline import (
    Grid,
    Item,
    Line,
    Outline,
    Section,
    answer_lines,
    answered_text,
    option_program,
    payback_text,
    plan_for_raised,
    plan_outline,
)

if TYPE_CHECKING:
    from billing_career.planning.planner import Plan
    from billing_career.planning.whatif import WhatIf

TITLE = "What if: your plan with one answer changed"
COMPARISON_TITLE = "Side by side"
BASE = "Your plan"
ROWS = (
    "Program",
    "Certification",
    "Total cost",
    "Left to pay",
    "Up front",
    "Funding",
    "Job-ready by",
    "Payback",
    "First action",
)
# Shown only where a compared plan pays something up front that its aid repays after.
UP_FRONT = "Up front"
MARK = "* "
MARK_NOTE = "* differs from your plan."


def _column(plan: Plan) -> tuple[str, ...]:
    """The compared figures of one plan, in ROWS order."""
    budget = plan.budget
    payback = plan.payback
    mine = plan.options[0] if plan.options else None
    you = plan.you_pay
    left = MinMax(you.min, you.max)
    return (
        option_program(mine) if mine is not None else "none",
        plan.certification.id,
        money_span(plan.cost.total_min, plan.cost.total_max),
        money_span(budget.net_min, budget.net_max),
        up_front_amount_text(you.paid_first),
        # As the plan's Funding line: what the budget does against the total to plan for and
        # against what is paid first too.
        budget.shortfall
        + up_front_text(budget.amount, left, you.paid_first)
        + newer_shortfall_text(
            budget.amount,
            (budget.gap_min, budget.gap_max),
            you.with_newer_figures,
            you.short_at_first_with_newer_figures,
            you.short_at_first,
        ),
        # A date that rests on a check the plan cannot know says so (the exclusion list).
        short_date(plan.ready_by)
        + (f", {plan.ready_by_condition}" if plan.ready_by_condition else ""),
        payback_text(
            None
            if payback is None or payback.months is None
            else (
                payback.months.min,
                payback.months.max,
            ),
            given=payback is not None,
            basis="gain" if payback is None else payback.basis,
        ),
        plan.first_actions[0] if plan.first_actions else "none",
    )


def change_text(plan: Plan, changed: dict[str, Any]) -> str:
    """'schedule: full-time' in the plan's own words for the answer."""
    from billing_career.knowledge.figures import money
    from billing_career.planning.answers import ANSWER

    engine = plan.findings.engine
    parts = []
    for name, value in changed.items():
        facts = plan.findings.facts
        wage = plan.profile.hourly_pay_cents if name == "current_pay" else None
        if value is None:
            shown = "not given"
        elif wage is not None:
            # As given, by the hour, with the yearly figure the plan uses.
            shown = f"{money(wage / 100)} an hour ({money(value)} a year)"
        elif ANSWER[name].kind == "money":
            shown = money(value)
        elif name in facts:
            shown = engine.fact_text(name, facts[name])
        else:
            shown = date_text(value) if isinstance(value, dt.date) else str(value)
        label = engine.label(name) if name in facts else name.replace("_", " ")
        parts.append(f"{label}: {shown}")
    return "; ".join(parts)


def comparison_grid(result: WhatIf) -> Grid:
    """One row per compared figure, one column for the base plan and one per variant."""
    base = _column(result.base)
    columns = [
        tuple(
            (MARK + value) if value != base[index] else value
            for index, value in enumerate(_column(variant.plan))
        )
        for variant in result.what_if
    ]
    header = ("", BASE, *(change_text(v.plan, v.changed) for v in result.what_if))
    up_front = any(plan.you_pay.paid_first for plan in _plans(result))
    rows = tuple(
        (name, base[index], *(column[index] for column in columns))
        for index, name in enumerate(ROWS)
        if up_front or name != UP_FRONT
    )
    return Grid(header, rows)


def _plans(result: WhatIf) -> tuple[Plan, ...]:
    return (result.base, *(variant.plan for variant in result.what_if))


def newer_figures_note(result: WhatIf) -> str:
    """'Total cost and Left to pay are at the guide's figures; newer reports raise them: plan
    for $645-$1,022 in all, $645-$1,022 left to pay (your plan; your schedule: full-time).'
    where a compared plan's Total cost line says to plan for newer reports' higher figures (the
    columns, all at the guide's, compare alike, as the options table's rows do); '' otherwise."""
    names = (BASE.lower(), *(change_text(v.plan, v.changed) for v in result.what_if))
    raised: dict[str, list[str]] = {}
    for name, plan in zip(names, _plans(result), strict=True):
        figures = plan_for_raised(plan)
        if figures:
            raised.setdefault(figures, []).append(name)
    if not raised:
        return ""
    parts = "; ".join(f"{figures} ({'; '.join(who)})" for figures, who in raised.items())
    return (
        "Total cost and Left to pay are at the guide's figures; newer reports raise them: "
        + parts
        + "."
    )


def _plan_sections(title: str, plan: Plan) -> list[Section]:
    """A plan in full under its own title: its answer lines, then each of its sections."""
    outline = plan_outline(plan)
    head = Section(
        title,
        tuple(Item(line.text, line.label) for line in answer_lines(plan)),
        details_only=True,
    )
    return [
        head,
        *(
            Section(
                f"{title}: {section.title}",
                section.items,
                section.grid,
                section.notes,
                None,
                details_only=True,
            )
            for section in outline.sections
        ),
    ]


def what_if_outline(result: WhatIf) -> Outline:
    """The comparison, then each plan in full (shown with --details and in the exports)."""
    grid = comparison_grid(result)
    newer = newer_figures_note(result)
    sections = [
        Section(
            COMPARISON_TITLE,
            grid=grid,
            notes=(MARK_NOTE, *((newer,) if newer else ())),
            always_full=True,
        ),
        *_plan_sections(BASE, result.base),
    ]
    for name, variant in zip(grid.header[2:], result.what_if, strict=True):
        sections += _plan_sections(f"What if {name}", variant.plan)
    compared = "; ".join(grid.header[2:])
    return Outline(
        TITLE,
        (Line("Compared", f"your plan, and with {compared}"),),
        tuple(sections),
        assumed=result.base.assumed,
        answers=answered_text(result.base),
    )


def render_what_if(result: WhatIf, *, details: bool, no_color: bool) -> None:
    """The comparison table (stacked per plan when it does not fit); with details, each plan."""
    from rich.text import Text

    from billing_career.render.plan import render_plan
    from billing_career.render.side_by_side import print_grid
    from billing_career.render.terminal import literal, make_console

    console = make_console(no_color=no_color)
    outline = what_if_outline(result)
    console.print(Text(outline.title, style="bold"))
    console.print()
    for line in outline.answer:
        console.print(f"{literal(line.label)}: {literal(line.text)}")
    section = outline.sections[0]
    grid = section.grid
    assert grid is not None  # the comparison is always a grid
    console.print()
    print_grid(console, grid, folded=range(1, len(grid.header)), by_column=True, min_fold=14)
    for note in section.notes:
        console.print(literal(note), style="dim")
    if outline.assumed:
        console.print(literal(outline.assumed), style="dim")
    if not details:
        console.print("More: --details for each full plan.", style="dim")
        return
    plans = [(BASE, result.base)] + [
        (f"What if {name}", variant.plan)
        for name, variant in zip(grid.header[2:], result.what_if, strict=True)
    ]
    for title, plan in plans:
        console.print()
        console.rule(literal(title))
        render_plan(plan, explain=False, details=True, no_color=no_color)
