"""Terminal rendering of `bcareer data check`."""

from __future__ import annotations

from pathlib import Path

from rich.table import Table

from billing_career.knowledge.inventory import FileCount, NewerFigure
from billing_career.render.terminal import literal, make_console


def render_check(
    folder: Path, counts: list[FileCount], newer: list[NewerFigure], *, no_color: bool
) -> None:
    """Records per file, then each figure with a newer reported value."""
    console = make_console(no_color=no_color)
    console.print(f"Data OK: {literal(str(folder))}")
    files = Table(title="Records per file", title_justify="left")
    files.add_column("File", overflow="fold")
    files.add_column("Records", justify="right", no_wrap=True)
    for count in counts:
        files.add_row(f"{count.file}.yaml", str(count.records))
    console.print(files)
    table = Table(title=f"Figures with a newer reported value ({len(newer)})", title_justify="left")
    table.add_column("Record", overflow="fold")
    table.add_column("Field", overflow="fold")
    table.add_column("Newer figure", overflow="fold", ratio=3)
    table.add_column("Reported by", overflow="fold")
    for item in newer:
        table.add_row(
            literal(f"{item.file}: {item.record}"),
            literal(item.update.field),
            literal(item.update.summary + (f". {item.update.note}" if item.update.note else "")),
            literal(f"{item.source.title} ({item.update.reported_by}, {item.update.date})"),
        )
    console.print(table)
