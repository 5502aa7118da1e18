"""Terminal rendering of `bcareer data check`."""

from __future__ import annotations

from rich.table import Table

from billing_career.reference.data_check import DataCheck
from billing_career.render.terminal import literal, make_console


def render_check(check: DataCheck, *, no_color: bool) -> None:
    """Records per file, then each figure with a newer reported value."""
    console = make_console(no_color=no_color)
    newer = check.newer_figures
    console.print(f"Data OK: {literal(check.data_dir)}")
    files = Table(title="Records per file", title_justify="left")
    files.add_column("File", overflow="fold")
    files.add_column("Records", justify="right", no_wrap=True)
    for count in check.files:
        files.add_row(count.file, str(count.records))
    console.print(files)
    table = Table(title=f"Figures with a newer reported value ({len(newer)})", title_justify="left")
    table.add_column("Record", overflow="fold")
    table.add_column("Field", overflow="fold")
    table.add_column("Newer figure", overflow="fold", ratio=3)
    table.add_column("Reported by", overflow="fold")
    for item in newer:
        table.add_row(
            literal(f"{item.file.removesuffix('.yaml')}: {item.record}"),
            literal(item.field),
            literal(item.newer + (f". {item.note}" if item.note else "")),
            literal(f"{item.source} ({item.reported_by}, {item.date})"),
        )
    console.print(table)
