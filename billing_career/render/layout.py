"""Tables that stay readable on narrow terminals.

Columns when there is room, else one record after another with each value under its heading's
name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from billing_career.render.terminal import literal


@dataclass
class Column:
    """A column's heading and how the wide table lays it out (Table.add_column keywords)."""

    header: str
    options: dict[str, Any] = field(default_factory=dict)
    # The name shown beside each value when records are stacked, if the header is long.
    short: str | None = None


class RecordTable:
    """Rows of cells (markup-escaped strings or renderables) under headed columns."""

    def __init__(
        self,
        title: str | None,
        columns: Sequence[Column],
        *,
        wide_at: int = 60,
        show_header: bool = True,
        expand: bool = False,
    ) -> None:
        self.title = title
        self.columns = list(columns)
        self.rows: list[tuple[list[RenderableType], str | None]] = []
        self.wide_at = wide_at
        self.show_header = show_header
        self.expand = expand

    def add_column(self, header: str, **options: Any) -> None:
        self.columns.append(Column(header, options))

    def add_row(self, *cells: RenderableType, style: str | None = None) -> None:
        self.rows.append((list(cells), style))

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(min(options.max_width, 20), options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if options.max_width >= self.wide_at:
            yield self._wide()
        else:
            yield from self._narrow()

    def _wide(self) -> Table:
        table = Table(
            title=literal(self.title) if self.title else None,
            title_justify="left",
            show_header=self.show_header,
            expand=self.expand,
        )
        for column in self.columns:
            table.add_column(column.header, **column.options)
        for cells, style in self.rows:
            table.add_row(*cells, style=style)
        return table

    def _narrow(self) -> RenderResult:
        if self.title:
            yield Text(self.title, style="bold")
        for cells, style in self.rows:
            first, rest = cells[0], cells[1:]
            # A row with no name of its own (a chart's axis) continues the record above it.
            if not (isinstance(first, str) and not first.strip()):
                yield Text.from_markup(first, style="bold") if isinstance(first, str) else first
            grid = Table.grid(padding=(0, 1))
            grid.add_column(no_wrap=True, style="dim")
            grid.add_column(overflow="fold", ratio=1)
            for column, cell in zip(self.columns[1:], rest, strict=False):
                if isinstance(cell, str) and not cell.strip():
                    continue
                grid.add_row(f"  {literal(column.short or column.header)}:", cell, style=style)
            yield grid
