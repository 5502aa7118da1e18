"""The floor for start-up benchmarks: a bare, carefully lazy Typer app with two commands.

`table` prints a small Rich table; `hello NAME` prints a line. Rich is imported inside the command
and help is plain text, as in bcareer, so the only difference left is bcareer's own work.
"""

from __future__ import annotations

import typer

app = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)


@app.command()
def table(rows: int = typer.Option(3, help="How many rows to print.")) -> None:
    """Print a small Rich table."""
    from rich.console import Console
    from rich.table import Table

    grid = Table(title="Floor")
    grid.add_column("Item")
    grid.add_column("Cost", justify="right", no_wrap=True)
    for index in range(rows):
        grid.add_row(f"item {index + 1}", f"${(index + 1) * 100:,}")
    Console().print(grid)


@app.command()
def hello(name: str) -> None:
    """Print a greeting."""
    typer.echo(f"Hello {name}")


if __name__ == "__main__":
    app()
