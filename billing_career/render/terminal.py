"""Rich consoles and small shared renderables for people reading a terminal."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.table import Table

if TYPE_CHECKING:
    from collections.abc import Iterable


def make_console(*, stderr: bool = False, no_color: bool = False) -> Console:
    """A console that honours --no-color, NO_COLOR and TERM=dumb, and never wraps mid-figure."""
    colorless = no_color or bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"
    return Console(
        stderr=stderr,
        no_color=colorless,
        highlight=False,
        emoji=False,
        # Color off also means no styles at all: piped or dumb output must be plain text.
        color_system=None if colorless else "auto",
    )


def literal(text: str) -> str:
    """Text from data files or users, escaped so '[red]' prints as written."""
    return escape(text)


def bullet_list(title: str, items: Iterable[str]) -> Table:
    """A titled one-column list that wraps cleanly at any width."""
    table = Table(title=literal(title), show_header=False, box=None, title_justify="left",
                  padding=(0, 1))
    table.add_column("item", overflow="fold")
    for item in items:
        table.add_row(f"- {literal(item)}")
    return table
