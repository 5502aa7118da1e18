"""The progress bar of `bcareer plan --batch`, drawn on stderr for a person watching."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator


@contextlib.contextmanager
def progress_bar(
    label: str, total: int | None, *, no_color: bool = False
) -> Iterator[Callable[[int], None]]:
    """A bar on stderr; the caller reports the rows done so far. total is an estimate (the
    file's lines) or None when unknown. Lines written to stderr meanwhile appear above it."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    from billing_career.render.terminal import literal, make_console

    console = make_console(stderr=True, no_color=no_color)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(
        *columns, console=console, transient=True, redirect_stderr=True, redirect_stdout=False
    ) as progress:
        task = progress.add_task(f"Planning {literal(label)}", total=total)

        def advance(done: int) -> None:
            # The line count is only an estimate (quoted cells may span lines): never show
            # more done than the total.
            if total is not None and done > total:
                progress.update(task, total=done)
            progress.update(task, completed=done)

        yield advance
