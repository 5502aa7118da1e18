"""Terminal rendering of `bcareer plan` (and of the saved profile) for people."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from billing_career.knowledge.figures import money
from billing_career.render.glossary import Explainer
from billing_career.render.outline import (
    OPTIONS_TITLE,
    Grid,
    Outline,
    Section,
    goal_note,
    made_text,
    plan_outline,
    swap_note,
    swap_reason,
)
from billing_career.render.terminal import Hanging, hanging, literal, make_console

if TYPE_CHECKING:
    from billing_career.knowledge.models import KnowledgeBase
    from billing_career.planning.planner import Plan


def _heading(console: Console, title: str) -> None:
    console.print()
    console.print(Text(title, style="bold underline"))


def _bullets(
    items: list[str] | tuple[str, ...],
    *,
    marker: str = "-",
    indent: int = 0,
    style: str | None = None,
) -> Hanging:
    """Items with a hanging indent, so wrapped lines stay under their text."""
    return Hanging(
        (
            (f"{index}." if marker == "#" else literal(marker), literal(item))
            for index, item in enumerate(items, 1)
        ),
        gap=1,
        indent=indent,
        text_style=style or "",
    )


def _grid(grid: Grid, gloss: Explainer) -> Table:
    table = Table(show_edge=False, pad_edge=False, box=None, padding=(0, 2, 0, 0))
    table.add_column(grid.header[0], overflow="fold")
    for name in grid.header[1:]:
        table.add_column(name, justify="right", no_wrap=True)
    for row in grid.rows:
        table.add_row(*(literal(gloss(cell)) for cell in row))
    if grid.total is not None:
        table.add_row(*(Text(cell, style="bold") for cell in grid.total))
    return table


def _answer(console: Console, outline: Outline, gloss: Explainer) -> None:
    """The answer block: each line's label, then its text wrapping under itself."""
    rows = [
        (literal(f"{line.label}:"), literal(gloss(line.text, answer=True)))
        for line in outline.answer
    ]
    console.print(Hanging(rows, gap=1, lead_style="bold"))


def _section(console: Console, section: Section, gloss: Explainer, *, details: bool) -> None:
    if section.details_only and not details:
        return
    _heading(console, section.title)
    full = details or section.always_full
    if not full and section.brief is not None:
        if section.title == "Steps":
            # One grid, so every title starts in the same column.
            rows = []
            for line in section.brief:
                dates, _, title = line.partition("  ")
                rows.append((literal(dates), literal(gloss(title))))
            console.print(Hanging(rows, gap=2, lead_style="cyan"))
        else:
            console.print(_bullets([gloss(line) for line in section.brief]))
        return
    for item in section.items:
        text = gloss(item.text)
        shown = [gloss(detail) for detail in item.details] if full else []
        if item.checkbox and item.label:  # a dated step
            console.print(hanging(item.label, text, lead_style="cyan", text_style="bold"))
            if full:
                console.print(_bullets(shown, indent=2))
        elif item.checkbox:
            console.print(_bullets([text], marker="[ ]"))
        elif item.label:
            console.print(f"{literal(item.label)}: {literal(text)}", style="bold")
            console.print(_bullets(shown, indent=2))
        else:
            style = "red" if text.startswith("Blocker") else None
            style = "yellow" if text.startswith("Warning") else style
            console.print(_bullets([text], style=style))
    if full and section.grid is not None:
        console.print(_grid(section.grid, gloss))
    if full and section.notes:
        console.print(_bullets([gloss(note) for note in section.notes], style="dim"))
    elif section.notes and not section.items and section.grid is None:
        console.print(_bullets([gloss(note) for note in section.notes]))


def _options(console: Console, section: Section, grid: Grid) -> None:
    """'Your options': a table when it fits, each path stacked when it does not."""
    from billing_career.render.side_by_side import print_grid

    _heading(console, section.title)
    print_grid(console, grid, folded={0}, right=range(2, len(grid.header)), min_fold=15)
    for note in section.notes:
        console.print(literal(note), style="dim")


def render_plan(
    plan: Plan,
    *,
    explain: bool,
    no_color: bool,
    details: bool = False,
    made_on: dt.date | None = None,
) -> None:
    """The answer first (program, certification, total and funding, job-ready, this week),
    then blockers and warnings, the steps one line each, and short cost, pay and aid; with
    details, every reason and the full tables; with explain, the alternatives and every rule."""
    console = make_console(no_color=no_color)
    outline = plan_outline(plan)
    # Each word a reader may not know is explained once, where this rendering first uses it.
    gloss = Explainer(outline.glossary)
    console.print(Text(outline.title, style="bold"))
    if outline.lead:
        console.print(literal(gloss(outline.lead)), style="dim")
    console.print()
    _answer(console, outline, gloss)
    for section in outline.sections:
        if section.title == plan.first_actions_heading:
            _heading(console, section.title)
            console.print(_bullets([gloss(item.text) for item in section.items], marker="#"))
            continue
        if section.title == OPTIONS_TITLE and section.grid is not None:
            _options(console, section, section.grid)
            continue
        _section(console, section, gloss, details=details)
    if made_on is not None or outline.assumed:
        console.print()
    if made_on is not None:
        # The day and the answers the plan was made for: a printout says what it rests on.
        console.print(literal(made_text(outline, made_on)), style="dim")
    if outline.assumed:
        console.print(literal(gloss(outline.assumed)), style="dim")
    if not details and not explain:
        console.print(
            "More: add --details for every reason, or --explain for every rule.",
            style="dim",
        )
    if explain:
        _render_explain(console, plan)


_TOPIC_TITLES = {
    "program": "Program and delivery",
    "certification": "Certification",
    "aid": "Financial aid and budget",
    "steps": "Steps",
    "actions": "First actions",
}
_TOPIC_KINDS = {"program": ("program",), "certification": ("certification",), "aid": ("aid",)}


def _render_explain(console: Console, plan: Plan) -> None:
    from billing_career.planning.explain import NOT_SO, failed_text, held_text
    from billing_career.planning.rules import TOPICS

    findings = plan.findings
    engine = findings.engine
    console.print()
    console.print(Text("Why this plan: every rule, by topic", style="bold"))
    _heading(console, "Your answers, as the rules read them")
    facts = []
    for name, value in findings.facts.items():
        default = " (default)" if name in findings.defaulted else ""
        facts.append(f"{engine.label(name)}: {engine.fact_text(name, value)}{default}")
    console.print(_bullets(facts))
    for topic in TOPICS:
        _heading(console, _TOPIC_TITLES[topic])
        if topic == "program" and plan.program is not None:
            console.print(
                f"Chosen: {literal(plan.program.name)} (score {plan.program.score})", style="bold"
            )
            swapped = swap_reason(plan, scored=True)
            if swapped is not None:
                # Not the highest score: the rules' pick leaves more than the budget can pay.
                console.print(_bullets([f"Recommended over {swapped}"], indent=2))
        if topic == "certification":
            console.print(
                f"Chosen: {literal(plan.certification.name)} (score {plan.certification.score})",
                style="bold",
            )
        goal = None if plan.goal_row is None else plan.goal_row.path.program
        note = swap_note(plan)
        picked = None if plan.swapped_from is None else plan.swapped_from.program.id
        for alternative in plan.alternatives:
            if alternative.kind not in _TOPIC_KINDS.get(topic, ()):
                continue
            state = "ruled out" if alternative.ruled_out else f"score {alternative.score}"
            console.print(f"Not chosen: {literal(alternative.name)} ({state})", style="bold")
            reasons = alternative.reasons
            if goal is not None and alternative.kind == "program" and alternative.id == goal:
                # The goal row's program: why it is not the plan's, as the options table says.
                reasons = (goal_note(plan), *reasons)
            if note is not None and alternative.kind == "program" and alternative.id == picked:
                # The rules' pick, which won the scores: why the plan recommends another path.
                reasons = (note, *reasons)
            console.print(_bullets(reasons, indent=2))
        if topic == "aid":
            console.print(Text("Each aid source: counted or not, and why", style="bold"))
            for source in plan.funding.sources:
                state = "counted" if source.counted else "not counted"
                console.print(_bullets([f"{source.name}: {state}. {' '.join(source.reasons)}"]))
        results = [result for result in findings.results if engine.topics[result.rule.id] == topic]
        held = [result for result in results if result.fired]
        if held:
            console.print(Text("Rules that held", style="green bold"))
            for result in held:
                console.print(_bullets([findings.because(result)]))
                if result.rule.when is not None:
                    console.print(
                        _bullets(
                            [f"Held: {held_text(findings, result)}"],
                            indent=2,
                            marker=" ",
                            style="dim",
                        )
                    )
        missed = [result for result in results if not result.fired]
        worded = [result for result in missed if result.rule.otherwise]
        if worded:
            console.print(Text("Rules that did not hold", style="bold"))
            for result in worded:
                console.print(_bullets([findings.otherwise(result) or ""]))
                console.print(
                    _bullets(
                        [f"{NOT_SO} {failed_text(findings, result)}"],
                        indent=2,
                        marker=" ",
                        style="dim",
                    )
                )
        # The rest say nothing beyond their condition: one line for all of them.
        others = list(
            dict.fromkeys(
                part.text
                for result in missed
                if not result.rule.otherwise
                for part in findings.explain(result).failed_tests()
            )
        )
        if others:
            console.print(
                _bullets([f"Also checked, not true for you: {'; '.join(others)}."], style="dim")
            )


def render_profile(
    path: Path, answers: dict[str, Any], kb: KnowledgeBase, *, no_color: bool
) -> None:
    """The saved answers, with each question's wording."""
    console = make_console(no_color=no_color)
    console.print(f"Saved profile: {literal(str(path))}")
    table = Table(show_edge=False, pad_edge=False, box=None, padding=(0, 2, 0, 0))
    table.add_column("Question", overflow="fold", ratio=2)
    table.add_column("Answer", overflow="fold", ratio=1)
    for question in kb.questions.questions:
        if question.id not in answers:
            continue
        value = answers[question.id]
        labels = {choice.value: choice.label for choice in question.choices}
        if isinstance(value, bool):
            shown = "yes" if value else "no"
        elif isinstance(value, tuple | list):
            shown = ", ".join(labels.get(str(item)) or str(item) for item in value) or "none"
        elif question.kind == "money":
            shown = money(value)
        else:
            shown = labels.get(str(value), str(value))
        table.add_row(literal(question.prompt), literal(shown))
    console.print(table)
