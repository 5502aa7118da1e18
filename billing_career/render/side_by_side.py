"""A small comparison table that fits the terminal, stacked when its figures would be cut.

Columns when every figure fits whole, else the same cells stacked (one block per row or column).
"""

from __future__ import annotations

from collections.abc import Collection

from rich.console import Console
from rich.table import Table
from rich.text import Text

from billing_career.render.outline import Grid
from billing_career.render.terminal import literal

# Blank columns between two columns of the table.
GAP = 2


def _widest_word(text: str) -> int:
    return max((len(word) for word in text.split()), default=0)


def table_width(grid: Grid, folded: Collection[int], min_fold: int = 0) -> int:
    """The narrowest the table can be with every figure whole: folded columns may wrap between
    words (but stay min_fold wide, to stay readable), the others stay on one line."""
    width = 0
    for index, header in enumerate(grid.header):
        cells = [header, *(row[index] for row in grid.rows)]
        if index in folded:
            width += max(min_fold, *(_widest_word(cell) for cell in cells))
        else:
            width += max(len(cell) for cell in cells)
    return width + GAP * (len(grid.header) - 1)


def print_grid(
    console: Console,
    grid: Grid,
    *,
    folded: Collection[int],
    by_column: bool = False,
    right: Collection[int] = (),
    min_fold: int = 0,
) -> None:
    """The grid as a table when it fits the console's width; otherwise stacked: each row (or,
    by_column, each column after the first) as a bold heading with 'header: cell' lines."""
    if table_width(grid, folded, min_fold) <= console.width:
        table = Table(show_edge=False, pad_edge=False, box=None, padding=(0, GAP, 0, 0))
        for index, name in enumerate(grid.header):
            table.add_column(
                literal(name),
                overflow="fold",
                no_wrap=index not in folded,
                justify="right" if index in right else "left",
            )
        for row in grid.rows:
            table.add_row(*(literal(cell) for cell in row))
        console.print(table)
        return
    blocks: list[tuple[str, list[tuple[str, str]]]]
    if by_column:
        blocks = [
            (grid.header[index], [(row[0], row[index]) for row in grid.rows])
            for index in range(1, len(grid.header))
        ]
    else:
        blocks = [(row[0], list(zip(grid.header[1:], row[1:], strict=True))) for row in grid.rows]
    for number, (title, cells) in enumerate(blocks):
        if number:
            console.print()
        console.print(Text(title, style="bold"))
        lines = Table.grid(padding=(0, 1, 0, 0))
        lines.add_column("name", no_wrap=True)
        lines.add_column("value", overflow="fold")
        for name, value in cells:
            lines.add_row(literal(f"  {name}:"), literal(value))
        console.print(lines)
