"""`bcareer renew CODE --earned DATE`: when a certification falls due, and reminders for it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from billing_career.cli.app import GLOBAL, DataDirOption, JsonOption, app, knowledge
from billing_career.cli.completion import certification_codes
from billing_career.errors import printable


@app.command(
    "renew",
    short_help="When a certification falls due for renewal, with reminders.",
    epilog=(
        "\b\nExamples:\n"
        "  bcareer renew CPB --earned 2025-03-14\n"
        "  bcareer renew cmrs --earned 2025-06-01 --json\n"
        "  bcareer renew CBCS --earned 2024-09-30 --export cbcs-renewal.ics"
    ),
)
def renew(
    code: Annotated[
        str,
        typer.Argument(
            metavar="CODE",
            help="Certification code, e.g. CPB, CMRS, CBCS.",
            autocompletion=certification_codes,
        ),
    ],
    earned: Annotated[
        str,
        typer.Option(
            "--earned", metavar="DATE", show_default=False, help="When you earned it (YYYY-MM-DD)."
        ),
    ],
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            show_default=False,
            help="Count from this date instead of today (YYYY-MM-DD).",
        ),
    ] = None,
    export: Annotated[
        Path | None,
        typer.Option(
            "--export",
            metavar="FILE",
            show_default=False,
            help="Also write the due date and reminders to FILE, an iCalendar (.ics) file.",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing export file.")
    ] = False,
    data_dir: DataDirOption = None,
    as_json: JsonOption = False,
) -> None:
    """When a certification falls due, how many continuing education units (CEUs) it
    takes, and a schedule of reminders."""
    from datetime import date

    from billing_career.reference.renewal import parse_iso_date, renewal_schedule

    earned_on = parse_iso_date(earned, "--earned")
    today = parse_iso_date(as_of, "--as-of") if as_of is not None else date.today()
    if earned_on > today:
        from billing_career.errors import UsageError

        counted = "--as-of" if as_of is not None else "today"
        raise UsageError(
            f"--earned {earned_on.isoformat()} is after {counted} "
            f"({today.isoformat()}): renewal counts from a certification you hold.",
            "Give the date you passed the exam; 'bcareer plan' dates one still ahead.",
        )
    if export is not None:
        from billing_career.render.renewal import check_export_path

        check_export_path(export, force=force)
    schedule = renewal_schedule(knowledge(data_dir), code, earned_on, today)
    if export is not None:
        from billing_career.render.renewal import write_renewal_ics

        count = write_renewal_ics(schedule, export, force=force)
    if as_json:
        from billing_career.render.output import emit_json

        emit_json(schedule)
    else:
        from billing_career.render.renewal import render_renewal

        render_renewal(schedule, no_color=GLOBAL.no_color)
    if export is not None:
        import sys

        # The confirmation is the last line printed, where it cannot scroll away.
        sys.stderr.write(f"Wrote {count} events to {printable(export)}.\n")
