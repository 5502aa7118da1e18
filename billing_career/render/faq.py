"""Terminal rendering of `bcareer faq`: questions and the guide's answers."""

from __future__ import annotations

from rich.padding import Padding
from rich.text import Text

from billing_career.errors import shown
from billing_career.reference.faq import FaqResult
from billing_career.render.guide import newer_line
from billing_career.render.terminal import literal, make_console


def render_faq(result: FaqResult, *, no_color: bool) -> None:
    """Each question in bold with its answer indented below; a plain line when nothing matched."""
    console = make_console(no_color=no_color)
    # The query as typed is echoed cut to a glance's length: a pasted page is not repeated.
    query = None if result.query is None else shown(result.query.strip())
    entries = result.matches
    if query is not None and not entries:
        console.print(
            literal(f"No question matches '{query}'. Run 'bcareer faq' to list them all."),
            overflow="fold",
        )
        return
    if query is not None:
        plural = "match" if len(entries) == 1 else "matches"
        console.print(Text(f"Best {plural} for '{query}':", style="dim"))
        console.print()
    for number, entry in enumerate(entries, start=1):
        console.print(Text(f"{number}. {entry.question}", style="bold"), overflow="fold")
        console.print(Padding(Text(entry.answer), (0, 0, 0, 3), expand=False), overflow="fold")
        for item in entry.newer:
            line = Text(f"{item.guide}: {newer_line(item.figure)}", style="yellow")
            console.print(Padding(line, (0, 0, 0, 3), expand=False), overflow="fold")
        console.print()
