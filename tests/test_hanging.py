"""Hanging lays out what a borderless two-column Rich table drew (render/terminal.py): the same
lines, styles and all, for bullets, labels and dated steps at any width."""

from __future__ import annotations

import io
import random

import pytest
from rich.console import Console

from billing_career.render.terminal import Hanging, literal

WORDS = [
    "the",
    "bill",
    "certification",
    "$1,500",
    "2027",
    '"quoted"',
    "(CPB)",
    "[red]x[/red]",
    "quick-entry",
    "supercalifragilisticexpialidocious" * 2,
    "日本語の",
    "naïve",
    "https://www.aapc.com",
    "",
]
LEADS = ["-", " -", "[ ]", "1.", "12.", "Jan 4 - Mar 1, 2027", "Job-ready by:"]


def _hangings(seed: int) -> list[Hanging]:
    pick = random.Random(seed)
    made = []
    for _ in range(24):
        rows = [
            (
                literal(pick.choice(LEADS)),
                literal(" ".join(pick.choices(WORDS, k=pick.randint(0, 30)))),
            )
            for _ in range(pick.choice([0, 1, 1, 2, 5]))
        ]
        made.append(
            Hanging(
                rows,
                gap=pick.choice([1, 2]),
                indent=pick.choice([0, 0, 2]),
                lead_style=pick.choice(["", "bold", "cyan"]),
                text_style=pick.choice(["", "dim", "red"]),
                title=pick.choice(["", literal(" ".join(pick.choices(WORDS, k=12)))]),
            )
        )
    return made


def _shown(renderable: object, width: int, *, color: bool) -> str:
    out = io.StringIO()
    console = Console(file=out, width=width, color_system=None)
    console.print(renderable)
    return "\n".join(line.rstrip(" ") for line in out.getvalue().split("\n"))


def _styled(renderable: object, width: int) -> list[list[tuple[str, str]]]:
    """Each line as (character, its style), blanks at the end left out: what a color terminal
    shows, however the styles are split into runs."""
    # highlight left on (Rich's default): a table's cells are never highlighted.
    console = Console(file=io.StringIO(), width=width, force_terminal=True)
    lines = []
    for line in console.render_lines(renderable, pad=False):
        # A blank shows no color (none of these styles has a background or an underline).
        cells = [
            (char, "" if char == " " or segment.style is None else str(segment.style))
            for segment in line
            for char in segment.text
        ]
        while cells and cells[-1][0] == " ":
            cells.pop()
        lines.append(cells)
    return lines


@pytest.mark.parametrize("width", [20, 33, 40, 60, 80, 100, 120])
def test_hanging_draws_the_table_it_stands_for(width: int) -> None:
    for hanging in _hangings(width):
        assert _shown(hanging, width, color=False) == _shown(hanging.table(), width, color=False)
        assert _styled(hanging, width) == _styled(hanging.table(), width)
