"""Rich consoles and small shared renderables for people reading a terminal."""

from __future__ import annotations

import os
import re
import sys
from typing import TYPE_CHECKING, TextIO

from rich.console import Console
from rich.markup import escape
from rich.table import Table

if TYPE_CHECKING:
    from collections.abc import Iterable


# Spaces Rich pads a line with (tables and titles fill their whole width), up to its end or the
# style codes that close it.
_PADDING = re.compile(r" +(?=(?:\x1b\[[0-9;]*m)*\n)")


class TrimmedStream:
    """stdout or stderr (looked up at each write, as Rich does, so redirection still works),
    minus the spaces Rich pads each line with: piped text has no trailing blanks."""

    def __init__(self, *, stderr: bool = False) -> None:
        self._stderr = stderr

    @property
    def stream(self) -> TextIO:
        stream = sys.stderr if self._stderr else sys.stdout
        # While a progress bar redirects a stream to its console, write past the redirection
        # (to what it wraps), as Rich's own consoles do; else each write would come back here.
        proxied: TextIO = getattr(stream, "rich_proxied_file", stream)
        return proxied

    def write(self, text: str) -> int:
        return self.stream.write(_PADDING.sub("", text))

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def encoding(self) -> str:
        return getattr(self.stream, "encoding", None) or "utf-8"


def make_console(*, stderr: bool = False, no_color: bool = False) -> Console:
    """A console that honours --no-color, NO_COLOR and TERM=dumb, never wraps mid-figure, and
    writes no trailing blanks."""
    colorless = no_color or bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"
    return Console(
        # Rich needs only write, flush, isatty, fileno and encoding of its file.
        file=TrimmedStream(stderr=stderr),  # type: ignore[arg-type]
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
    table = Table(
        title=literal(title), show_header=False, box=None, title_justify="left", padding=(0, 1)
    )
    table.add_column("item", overflow="fold")
    for item in items:
        table.add_row(f"- {literal(item)}")
    return table
