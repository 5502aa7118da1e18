"""Terminal rendering of `bcareer plan` (and of the saved profile) for people."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from billing_career.figures import UNKNOWN, money, money_span
from billing_career.render.terminal import literal, make_console

if TYPE_CHECKING:
    from billing_career.knowledge.models import KnowledgeBase
    from billing_career.planner import Plan


def _heading(console: Console, title: str) -> None:
    console.print()
    console.print(Text(title, style="bold underline"))


def _bullets(items: list[str] | tuple[str, ...], *, marker: str = "-", indent: int = 0,
             style: str | None = None) -> Table:
    """Items with a hanging indent, so wrapped lines stay under their text."""
    table = Table(show_header=False, box=None, padding=(0, 1, 0, 0), pad_edge=False)
    if indent:
        table.add_column("indent", width=indent, no_wrap=True)
    table.add_column("marker", no_wrap=True)
    table.add_column("text", overflow="fold", style=style)
    for index, item in enumerate(items, 1):
        mark = f"{index}." if marker == "#" else marker
        cells = ["", mark, literal(item)] if indent else [mark, literal(item)]
        table.add_row(*cells)
    return table


def _range(value: Any) -> str:
    if isinstance(value, dict):
        return money_span(value.get("min"), value.get("max"))
    return UNKNOWN if value is None else str(value)


def render_plan(plan: Plan, *, explain: bool, no_color: bool) -> None:
    """The plan in the issue's order: summary, blockers and warnings, dated steps, cost, aid,
    pay, first actions; then, with --explain, the alternatives and every rule."""
    console = make_console(no_color=no_color)
    console.print(Text("Your medical billing career plan", style="bold"))

    _heading(console, "Summary")
    if plan.program is not None:
        optional = " (optional for you)" if plan.program_optional else ""
        how = f", {plan.delivery}" if plan.delivery else ""
        console.print(f"Program: {literal(plan.program.name)}{literal(how)}{optional}",
                      style="bold")
        console.print(_bullets(plan.program.reasons, indent=2))
    else:
        console.print("Program: none left after the rules (see --explain)", style="bold")
    cert = plan.certification
    console.print(f"Certification: {literal(cert.id)}, {literal(cert.name)}", style="bold")
    console.print(_bullets(cert.reasons, indent=2))
    console.print(f"Job-ready by: {plan.ready_by.isoformat()}", style="bold")

    findings = plan.findings
    if findings.blockers or findings.warnings:
        _heading(console, "Blockers and warnings")
        if findings.blockers:
            console.print(_bullets([f"Blocker: {m.text}" for m in findings.blockers],
                                   style="red"))
        if findings.warnings:
            console.print(_bullets([f"Warning: {m.text}" for m in findings.warnings],
                                   style="yellow"))

    _heading(console, "Steps")
    for step in plan.steps:
        dates = (step.start.isoformat() if step.start == step.end
                 else f"{step.start.isoformat()} to {step.end.isoformat()}")
        console.print(Text.assemble((dates, "cyan"), "  ", (step.title, "bold")))
        console.print(_bullets(step.details, indent=2))

    _render_cost(console, plan)
    _heading(console, "Financial aid")
    if plan.aid:
        for option in plan.aid:
            console.print(f"{literal(option.name)}: {literal(option.description)}", style="bold")
            console.print(_bullets([*option.reasons, *option.newer], indent=2))
    else:
        console.print("None needed for this path, or none that fits your answers "
                      "(see --explain).")

    _render_pay(console, plan)
    _heading(console, "First actions for this week")
    console.print(_bullets(plan.first_actions, marker="#"))
    if explain:
        _render_explain(console, plan)


def _render_cost(console: Console, plan: Plan) -> None:
    _heading(console, "Cost")
    cost = plan.cost
    table = Table(show_edge=False, pad_edge=False, box=None, padding=(0, 2, 0, 0))
    table.add_column("Item", overflow="fold")
    table.add_column("Cost", justify="right", no_wrap=True)
    for item in cost.items:
        low, high = (item.min, item.max) if item.known else (None, None)
        figure = money_span(low, high) + ("/yr" if item.per == "year" and item.known else "")
        table.add_row(literal(item.name), figure)
    table.add_row(Text("Total", style="bold"),
                  Text(money_span(cost.total_min, cost.total_max), style="bold"))
    console.print(table)
    budget = plan.budget
    if budget.covers == "all":
        line = f"Your budget of {money(budget.amount)} covers this path."
    else:
        line = (f"Your budget of {money(budget.amount)} leaves a gap of "
                f"{money_span(budget.gap_min, budget.gap_max)}.")
    console.print(line, style="bold")
    if cost.notes:
        console.print(_bullets(list(cost.notes), style="dim"))


def _render_pay(console: Console, plan: Plan) -> None:
    _heading(console, "Expected pay")
    salary = plan.salary
    rows = []
    for key, label in (("entry", "Entry level"), ("early_career", "After 1-3 years")):
        level = salary.get(key)
        rows.append((label, _range(level.get("annual")) if level else UNKNOWN))
    table = Table(show_edge=False, pad_edge=False, box=None, padding=(0, 2, 0, 0))
    table.add_column("Level", overflow="fold")
    table.add_column("A year", justify="right", no_wrap=True)
    for label, figure in rows:
        table.add_row(label, figure)
    console.print(table)
    notes = []
    hourly = (salary.get("hourly") or {}).get("entry")
    if hourly:
        notes.append(f"Entry-level hourly pay: {_range(hourly)} an hour.")
    notes.append(f"National median: {money(salary.get('national_median'))} a year "
                 f"({salary.get('source')}).")
    notes.extend(salary.get("newer") or [])
    for setting in salary.get("remote_settings") or []:
        notes.append(f"Remote-friendly setting: {setting['name']}, pay "
                     f"{_range(setting.get('annual'))}.")
    console.print(_bullets(notes))


def _render_explain(console: Console, plan: Plan) -> None:
    from billing_career.planner import failed_text, why_not

    findings = plan.findings
    _heading(console, "Alternatives considered")
    for alternative in plan.alternatives:
        state = "ruled out" if alternative.ruled_out else f"score {alternative.score}"
        console.print(f"{literal(alternative.kind)}: {literal(alternative.name)} ({state})",
                      style="bold")
        console.print(_bullets(alternative.reasons, indent=2))
    _heading(console, "Rules that held")
    for result in findings.results:
        if result.fired:
            console.print(Text(result.rule.id, style="green bold"))
            console.print(_bullets([findings.because(result)], indent=2))
    _heading(console, "Rules that did not hold")
    for result in findings.results:
        if not result.fired:
            console.print(Text(result.rule.id, style="bold"))
            console.print(_bullets([f"Failed: {failed_text(findings, result)}",
                                    why_not(findings, result)]
                                   if result.rule.otherwise else
                                   [f"Failed: {failed_text(findings, result)}"], indent=2))


def render_profile(path: Path, answers: dict[str, Any], kb: KnowledgeBase, *,
                   no_color: bool) -> None:
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
