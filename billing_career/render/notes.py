"""Citations as numbered notes at the end of a look-up, so the answer comes first.

A cell or line carries only a short mark ([1]), and each source is written out once after it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table

from billing_career.render.terminal import literal

if TYPE_CHECKING:
    from rich.console import Console

    from billing_career.knowledge.lookup import ReportedFigure


class Notes:
    """Numbered notes, in the order they are first cited; the same text keeps its number."""

    def __init__(self, title: str = "Notes") -> None:
        self.title = title
        self._numbers: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._numbers)

    def cite(self, text: str) -> str:
        """The mark of a note ('[2]'), numbered on first use."""
        number = self._numbers.setdefault(text, len(self._numbers) + 1)
        return f"[{number}]"

    def figure(self, figure: ReportedFigure) -> str:
        """A newer figure as its short summary and a mark; who reported it, when, and any note
        go to the notes: '$50,250 (May 2024) [1]'."""
        source = f"{figure.source}, {figure.reported_by}, {figure.date}"
        return f"{figure.summary} {self.cite(source + (f'. {figure.note}' if figure.note else ''))}"

    def items(self) -> list[tuple[int, str]]:
        """The notes as (number, text), in order."""
        return [(number, text) for text, number in self._numbers.items()]

    def render(self, console: Console) -> None:
        """The notes after the answer: a title, then '[n] text' with wrapped lines hanging."""
        if not self._numbers:
            return
        table = Table(
            title=literal(self.title),
            title_justify="left",
            title_style="bold",
            show_header=False,
            box=None,
            padding=(0, 1),
        )
        table.add_column("mark", no_wrap=True)
        table.add_column("text", overflow="fold", ratio=1)
        for number, text in self.items():
            table.add_row(f"\\[{number}]", literal(text))
        console.print()
        console.print(table)
