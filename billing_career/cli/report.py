"""`bcareer report CLIENTS`: a counselor's caseload, planned and summed up (planning/report.py)."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from billing_career.cli.app import GLOBAL, DataDirOption, JsonOption, app, knowledge


@app.command(
    "report",
    short_help="A counselor's caseload: every client planned, summed up.",
    epilog=(
        "\b\nExamples:\n"
        "  bcareer report examples/cohort.csv\n"
        "  bcareer report cohort.csv --start 2027-01-04 --output caseload.html\n"
        "  bcareer report cohort.yaml --output caseload.csv\n"
        "  bcareer report cohort.csv --json"
    ),
)
def report_command(
    clients: Annotated[
        Path,
        typer.Argument(
            metavar="CLIENTS",
            show_default=False,
            help="A CSV or YAML file of clients, with the columns of 'plan --batch' and an "
            "optional id column.",
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            show_default=False,
            help="Also write the report to FILE: .html (prints, reads on a phone), .md, .csv "
            "(one row per client) or .json.",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Let --output replace an existing file.")
    ] = False,
    start: Annotated[
        str | None,
        typer.Option(
            "--start",
            metavar="DATE",
            show_default=False,
            help="First day of the plans of clients whose row gives none, YYYY-MM-DD. "
            "Default: today.",
        ),
    ] = None,
    data_dir: DataDirOption = None,
    as_json: JsonOption = False,
) -> None:
    """Plan every client of a file and sum the caseload up: programs, blockers, money, dates."""
    from billing_career.cli.batch import _progress
    from billing_career.errors import OperationError, UsageError
    from billing_career.planning.batch import (
        Options,
        input_format,
        open_batch,
        read_rows,
        workers_for,
    )
    from billing_career.planning.report import plan_caseload
    from billing_career.render.report import render_report, report_format

    kind = input_format(clients)
    out_kind = None
    if output is not None:
        from billing_career.files import check_target

        check_target(
            output,
            overwrite=force,
            folder_hint="Give --output a file name, e.g. caseload.html.",
            inputs=[clients],
        )
        out_kind = report_format(output)
    if start is not None:
        try:
            dt.date.fromisoformat(start.strip())
        except ValueError:
            raise UsageError(f"Invalid --start '{start}': expected a date as YYYY-MM-DD.") from None
    today = dt.date.today()
    options = Options(start=start.strip() if start else None, today=today)
    stream = open_batch(clients)
    kb = knowledge(data_dir)
    # The facts of every client are kept to the end: the collector is off meanwhile.
    with _collector_paused():
        with stream, _progress(clients, stream, kind, no_color=GLOBAL.no_color) as advance:
            report = plan_caseload(
                kb,
                read_rows(stream, kind, str(clients)),
                options,
                workers=workers_for(os.fstat(stream.fileno()).st_size),
                progress=advance,
                rows_json=as_json or out_kind == ".json",
            )
        if as_json:
            from billing_career.render.report import to_json_text

            sys.stdout.write(to_json_text(report))
            sys.stdout.flush()
        else:
            from billing_career.render.report import show_report
            from billing_career.render.terminal import make_console

            show_report(report, make_console(no_color=GLOBAL.no_color))
        if output is not None and out_kind is not None:
            from billing_career.files import write_atomic

            write_atomic(output, render_report(report, out_kind), overwrite=force, inputs=[clients])
            sys.stderr.write(f"Wrote {output}\n")
    if report.errors:
        rows = report.clients + len(report.errors)
        raise OperationError(
            f"{len(report.errors):,} of {rows:,} rows had no plan; they are listed in the "
            "report, and the other rows were planned."
        )


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a caseload is planned and written, on again after.

    A report keeps every client's facts to the end, and they hold no cycles (records of ids,
    amounts and dates): the collector could free none of them, yet each of its passes over the
    oldest objects went through them all again, some 0.3 s of the parent's CPU for 10,000
    clients (the workers' facts arrive as new objects, unpickled). Reference counting still
    frees what is dropped meanwhile; only cycles wait for the collector. The workers are forked
    while it is off and keep it off to their end: they plan rows and hand back facts, which
    make no cycles either (700 rows, 200 of them bad, left no cyclic garbage behind)."""
    import gc

    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        if not gc.get_freeze_count():
            # What was made meanwhile joins the oldest generation as it is (frozen and thawed
            # at once): else the first collection after would go through all of it three
            # times, young, middle and old, some 0.2 s for 10,000 clients. Where
            # objects are kept frozen (a test session), thawing would undo that: left as is.
            gc.freeze()
            gc.unfreeze()
        gc.enable()
