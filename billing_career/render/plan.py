"""Terminal rendering of `bcareer plan` (and of the saved profile) for people."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from billing_career.knowledge.figures import UNKNOWN, money, money_span
from billing_career.knowledge.lookup import lower_first
from billing_career.render.terminal import hanging, literal, make_console

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
) -> Table:
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
        console.print(
            f"Program: {literal(plan.program.name)}{literal(how)}{optional}", style="bold"
        )
        console.print(_bullets(plan.program.reasons, indent=2))
    else:
        console.print("Program: none left after the rules (see --explain)", style="bold")
    cert = plan.certification
    console.print(f"Certification: {literal(cert.id)}, {literal(cert.name)}", style="bold")
    console.print(_bullets(cert.reasons, indent=2))
    console.print(
        f"Job-ready by about {plan.ready_by.isoformat()} ({literal(plan.ready_by_basis)})",
        style="bold",
    )
    if plan.fallback is not None:
        console.print(literal(fallback_text(plan.fallback)))
    if plan.assumed:
        console.print(literal(plan.assumed), style="dim")

    findings = plan.findings
    if findings.blockers or plan.warnings:
        _heading(console, "Blockers and warnings")
        if findings.blockers:
            console.print(_bullets([f"Blocker: {m.text}" for m in findings.blockers], style="red"))
        if plan.warnings:
            console.print(_bullets([f"Warning: {m.text}" for m in plan.warnings], style="yellow"))

    _heading(console, "Steps")
    for step in plan.steps:
        dates = (
            step.start.isoformat()
            if step.start == step.end
            else f"{step.start.isoformat()} to {step.end.isoformat()}"
        )
        console.print(
            hanging(dates, f"{step.number}. {step.title}", lead_style="cyan", text_style="bold")
        )
        console.print(_bullets(step.details, indent=2))

    _render_cost(console, plan)
    _heading(console, "Funding")
    console.print(_bullets(funding_lines(plan)))
    if plan.aid:
        for option in plan.aid:
            console.print(f"{literal(option.name)}: {literal(option.description)}", style="bold")
            console.print(
                _bullets(
                    [*option.reasons, *(f"newer: {figure.label()}" for figure in option.newer)],
                    indent=2,
                )
            )
    elif plan.budget.covers == "all":
        console.print("None needed: your budget covers this path.")
    else:
        console.print("None of the guide's options fits your answers (see --explain).")

    _render_pay(console, plan)
    if plan.payback is not None:
        _heading(console, "Is it worth it?")
        console.print(literal(plan.payback["note"]))
    _heading(console, "First actions for this week")
    console.print(_bullets(plan.first_actions, marker="#"))
    if explain:
        _render_explain(console, plan)


def fallback_text(fallback: dict[str, Any]) -> str:
    """'If the counted aid does not come through: ... with your budget alone, ...'."""
    program = fallback.get("program") or {}
    name = program.get("name") or "no program"
    code = (fallback.get("certification") or {}).get("code")
    summary = lower_first(str(fallback.get("summary")))
    return f"Fallback {fallback.get('when')}: {name} with {code}; {summary}"


def funding_lines(plan: Plan) -> list[str]:
    """The budget, then each aid source that applies: amount, condition, counted or not."""
    lines = [f"Your budget: {money(plan.funding.budget)}."]
    for source in plan.funding.sources:
        if not source.applies:
            continue
        amount = source.amount
        shown = _range(amount) if isinstance(amount, dict) else str(amount)
        state = "counted" if source.counted else "not counted"
        condition = f", {source.condition}" if source.condition else ""
        lines.append(f"{source.name}: amount {shown}; {state}{condition}.")
    return lines


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
    table.add_row(
        Text("Total", style="bold"), Text(money_span(cost.total_min, cost.total_max), style="bold")
    )
    console.print(table)
    newer = plan.total_with_newer_figures
    if newer is not None:
        console.print(
            literal(
                f"With newer reported figures: {money_span(newer['min'], newer['max'])} "
                f"({'; '.join(newer['because'])})."
            ),
            style="dim",
        )
    console.print(literal(plan.budget.summary), style="bold")
    if cost.notes:
        console.print(_bullets(list(cost.notes), style="dim"))


def _render_pay(console: Console, plan: Plan) -> None:
    _heading(console, "Expected pay")
    salary = plan.salary
    table = Table(show_edge=False, pad_edge=False, box=None, padding=(0, 2, 0, 0))
    table.add_column("Level", overflow="fold")
    table.add_column("A year", justify="right", no_wrap=True)
    for row in pay_rows(salary):
        table.add_row(literal(row[0]), row[1])
    console.print(table)
    console.print(_bullets(pay_notes(salary)))


def pay_rows(salary: dict[str, Any]) -> list[tuple[str, str]]:
    """The pay table: the person's experience band, the next one, then any career paths."""
    rows = []
    for level in salary.get("levels") or []:
        rows.append(
            (
                f"{level['name']}, {_years(level)}{' (yours)' if level.get('yours') else ''}",
                _range(level.get("annual")),
            )
        )
    for path in salary.get("career_paths") or []:
        rows.append(
            (f"Career path: {path['role']} ({path['requirements']})", _range(path.get("annual")))
        )
    return rows


def _years(level: dict[str, Any]) -> str:
    low, high = level.get("years_min"), level.get("years_max")
    if high is None:
        return f"{low}+ years"
    return f"{low}-{high} year{'' if high == 1 else 's'}"


def pay_notes(salary: dict[str, Any]) -> list[str]:
    """Hourly pay, the national median with newer figures, remote settings."""
    notes = []
    hourly = [
        f"{level['name'].lower()} {_range(level.get('hourly'))}"
        for level in salary.get("hourly") or []
    ]
    if hourly:
        notes.append(f"Hourly pay in the guide: {', '.join(hourly)} an hour.")
    notes.append(
        f"National median: {money(salary.get('national_median'))} a year ({salary.get('source')})."
    )
    notes.extend(newer_text(figure) for figure in salary.get("newer") or [])
    if salary.get("national_median_series"):
        notes.append(salary["national_median_series"])
    if salary.get("experience_band_note"):
        notes.append(salary["experience_band_note"])
    for setting in salary.get("remote_settings") or []:
        notes.append(
            f"Remote-friendly setting: {setting['name']}, pay {_range(setting.get('annual'))}."
        )
    return notes


def newer_text(figure: Any) -> str:
    """A newer reported figure (ReportedFigure.to_dict()) as one line."""
    if isinstance(figure, dict):
        return (
            f"newer: {figure.get('summary')} ({figure.get('source')}, "
            f"{figure.get('reported_by')}, {figure.get('date')})"
        )
    return str(figure)


_TOPIC_TITLES = {
    "program": "Program and delivery",
    "certification": "Certification",
    "aid": "Financial aid and budget",
    "steps": "Steps",
    "actions": "First actions",
}
_TOPIC_KINDS = {"program": ("program",), "certification": ("certification",), "aid": ("aid",)}


def _render_explain(console: Console, plan: Plan) -> None:
    from billing_career.planning.explain import failed_text, held_text
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
        if topic == "certification":
            console.print(
                f"Chosen: {literal(plan.certification.name)} (score {plan.certification.score})",
                style="bold",
            )
        for alternative in plan.alternatives:
            if alternative.kind not in _TOPIC_KINDS.get(topic, ()):
                continue
            state = "ruled out" if alternative.ruled_out else f"score {alternative.score}"
            console.print(f"Not chosen: {literal(alternative.name)} ({state})", style="bold")
            console.print(_bullets(alternative.reasons, indent=2))
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
                        [f"Failed: {failed_text(findings, result)}"],
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
