"""Terminal rendering of `bcareer aid`: for you first, then the other options, then the notes.

For you: what applies, what it counts and what you pay; the sources are numbered notes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from rich.text import Text

from billing_career.knowledge.figures import money
from billing_career.render.guide import indented, reported_text, section_title
from billing_career.render.money import (
    amount_text,
    optional_training_text,
    paid_first_text,
    pays_for_text,
    source_line,
    span_text,
    work_rule_text,
    you_pay_plan_for,
)
from billing_career.render.money import you_pay_text as _you_pay_text
from billing_career.render.terminal import hanging, make_console

if TYPE_CHECKING:
    from billing_career.planning.aid import AidOptionView, AidView

VERDICTS = {
    True: ("applies", "green"),
    False: ("does not apply", "red"),
    None: ("not assessed", "yellow"),
}


def _answers_text(answers: Mapping[str, Any]) -> str:
    parts = []
    for key, value in answers.items():
        name = key.replace("_", " ")
        if isinstance(value, bool):
            parts.append(name if value else f"not {name}")
        elif key in {"budget", "employer_amount"}:
            parts.append(f"{name} ${value:,}")
        elif isinstance(value, (tuple, list)):
            parts.append(f"{name} {' and '.join(str(part) for part in value)}")
        else:
            parts.append(f"{name} {value}")
    return ", ".join(parts)


class _Notes:
    """Citations collected as numbered notes, each source once."""

    def __init__(self) -> None:
        self.titles: list[str] = []

    def mark(self, titles: tuple[str, ...]) -> str:
        numbers = []
        for title in titles:
            if title not in self.titles:
                self.titles.append(title)
            numbers.append(self.titles.index(title) + 1)
        return "".join(f"[{number}]" for number in numbers)


def _for_you_line(option: AidOptionView) -> str:
    """What an option that applies does for the person (with a benefit's work rule the
    training counts toward); with a path, the plan's line."""
    return _for_you(option) + work_rule_text(option.work_rule, trains=not option.exam_alone)


def _for_you(option: AidOptionView) -> str:
    if option.counted and option.counted_as is not None:
        text = f"counts {span_text(option.counted_as)} toward {pays_for_text(option.pays_for)}"
        text += f" (of {amount_text(option.amount)})"
        condition = f", only {option.condition}" if option.condition else ""
        return f"{option.name}: {text}{condition}."
    condition = f" Only {option.condition}." if option.condition else ""
    if option.pays == "nothing":
        return f"{option.name}: named here, not counted as money.{condition}"
    pays = pays_for_text(option.pays_for)
    if option.pays == "whole":
        # In full is the plan's reading of what the sources say (in_full_because).
        why = f", as {option.in_full_because}" if option.in_full_because else ""
        limit = (
            f" (the exam fee up to {money(option.exam_up_to)} a test)"
            if option.exam_up_to is not None
            else ""
        )
        return f"{option.name}: counted as paying {pays} in full{why}{limit}.{condition}"
    return f"{option.name}: pays {pays}, {amount_text(option.amount)}.{condition}"


def render_aid(view: AidView, *, no_color: bool) -> None:
    """For you first; then the options that do not apply or were not assessed; notes last."""
    console = make_console(no_color=no_color)
    notes = _Notes()
    for_you = [option for option in view.options if option.applies]
    others = [option for option in view.options if not option.applies]
    if view.assessed:
        console.print(section_title("For you"))
        console.print(
            Text(f"Your answers: {_answers_text(view.answers)}", style="dim"), overflow="fold"
        )
        if view.path is not None:
            optional = view.optional_training
            program = view.path["program"] or (
                "no training program"
                if optional is None
                else f"no training program ({optional.name} optional)"
            )
            console.print(
                Text(f"Path: {program}, {view.path['certification']} exam", style="dim"),
                overflow="fold",
            )
            if optional is not None and view.money is not None:
                console.print(
                    hanging("  -", optional_training_text(optional, view.money.total)),
                )
        if not for_you:
            console.print(indented("- No aid option fits the answers given."))
        money = view.money
        for option in for_you:
            source = next((s for s in money.sources if s.id == option.id), None) if money else None
            line = source_line(source) if source is not None else _for_you_line(option)
            console.print(hanging("  -", f"{line} {notes.mark(option.sources)}"))
            for reason in option.reasons[:1]:
                if reason not in line:  # a source not counted gives its reason in the line
                    console.print(indented(reason, style="dim", by=5))
            for action in option.actions:
                console.print(indented(f"First: {action}", by=5))
        if money is not None:
            if money.funding.counted:
                console.print(
                    hanging("  -", f"Aid counted in all: {span_text(money.aid_counted)}.")
                )
            without = money.without_conditional if money.conditional else None
            paid = _you_pay_text(
                money.left_to_pay, without, money.unknown, bool(money.funding.counted)
            )
            paid = you_pay_plan_for(paid, money.with_newer_figures)
            paid = paid_first_text(paid, money.paid_first)
            console.print(hanging("  -", f"You pay: {paid}"))
        elif for_you:
            console.print(
                Text(
                    "What each counts and what you pay: add --program (and --cert).",
                    style="dim",
                ),
                overflow="fold",
            )
        console.print()
    console.print(section_title("Other options" if view.assessed else "Financial aid options"))
    for option in others:
        label, style = VERDICTS[option.applies]
        head = Text(f"- {option.name}", style="bold")
        if view.assessed:
            head.append(f" ({label})", style=style)
        console.print(head, overflow="fold")
        console.print(indented(f"{option.description} {notes.mark((option.source.title,))}", by=4))
        for why in option.why_not:
            console.print(indented(why, style="dim", by=5))
        for figure in option.newer:
            console.print(indented(f"newer: {reported_text(figure)}", style="dim", by=5))
    if not view.assessed:
        console.print(
            Text(
                "Give your answers (--education, --job-seeker, --veteran, --military-spouse, "
                "--disability-services, --snap, --employer-sponsor, --budget) to see which "
                "apply to you.",
                style="dim",
            ),
            overflow="fold",
        )
    elif any(option.applies is None for option in view.options):
        console.print(
            Text("Not assessed: none of your answers bears on that option.", style="dim"),
            overflow="fold",
        )
    if notes.titles:
        console.print()
        console.print(section_title("Notes"))
        for number, title in enumerate(notes.titles, 1):
            console.print(hanging(f"[{number}]", title))
