"""Terminal rendering of `bcareer aid`: each option, newer amounts, and whether it applies."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from rich.text import Text

from billing_career.render.guide import indented, reported_text
from billing_career.render.layout import Column, RecordTable
from billing_career.render.terminal import literal, make_console

if TYPE_CHECKING:
    from billing_career.planning.aid import AidView

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
            parts.append(name if value else f"not {name}" if key == "veteran" else f"no {name}")
        elif key == "budget":
            parts.append(f"budget ${value:,}")
        else:
            parts.append(f"{name} {value}")
    return ", ".join(parts)


def render_aid(view: AidView, *, no_color: bool) -> None:
    """A table of the options; with answers, a verdict column and the rules' reasons below."""
    console = make_console(no_color=no_color)
    table = RecordTable(
        "Financial aid options",
        [
            Column("Option", {"overflow": "fold"}),
            Column("What it is", {"overflow": "fold", "ratio": 2}),
            Column("Newer reported", {"overflow": "fold", "ratio": 2}),
        ],
        wide_at=80,
    )
    if view.assessed:
        table.add_column("For you", no_wrap=True)
    for option in view.options:
        newer = "\n".join(reported_text(item) for item in option.newer)
        row: list[str | Text] = [
            literal(option.name),
            literal(option.description),
            literal(newer or "none reported"),
        ]
        if view.assessed:
            label, style = VERDICTS[option.applies]
            row.append(Text(label, style=style))
        table.add_row(*row)
    console.print(table)
    if not view.assessed:
        console.print(
            Text(
                "Give --veteran, --employer-sponsor, --experience-years or --budget "
                "to see which apply to you.",
                style="dim",
            ),
            overflow="fold",
        )
        return
    console.print(
        Text(f"Your answers: {_answers_text(view.answers)}", style="dim"), overflow="fold"
    )
    if any(option.applies is None for option in view.options):
        console.print(
            Text("Not assessed: none of your answers bears on that option.", style="dim"),
            overflow="fold",
        )
    # The table gave each verdict; below come only the reasons, once each.
    explained = [option for option in view.options if option.reasons or option.why_not]
    if explained:
        console.print()
        console.print(Text("Why", style="bold"))
    for option in explained:
        label, style = VERDICTS[option.applies]
        console.print(Text(f"{option.name} ({label}):", style=style), overflow="fold")
        for reason in option.reasons or option.why_not:
            console.print(indented(f"- {reason}"))
