"""`bcareer data ...`: check the knowledge base and see what it holds."""

from __future__ import annotations

import typer

from billing_career.cli.app import GLOBAL, DataDirOption, JsonOption, PlainGroup, app, for_stderr

data_app = typer.Typer(
    help="Check the figures bcareer uses.",
    epilog=(
        "\b\nExamples:\n  bcareer data check\n  bcareer data check --data-dir ./my-school-figures"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
    cls=PlainGroup,
)
app.add_typer(data_app, name="data")


@data_app.command(
    "check",
    short_help="Validate every data file; list the figures with a newer value.",
    epilog=(
        "\b\nExamples:\n"
        "  bcareer data check\n"
        "  bcareer data check --data-dir ./my-school-figures\n"
        "  bcareer data check --json"
    ),
)
def data_check(data_dir: DataDirOption = None, as_json: JsonOption = False) -> None:
    """Validate every data file and list the figures that have a newer reported value."""
    from billing_career.knowledge.loader import resolve_data_dir
    from billing_career.planning.load import load_knowledge
    from billing_career.reference.data_check import inspect_data

    folder = resolve_data_dir(data_dir or GLOBAL.data_dir)
    # A check reads and validates every file, whatever the cache holds (and refreshes it).
    check = inspect_data(load_knowledge(folder, refresh=True), str(folder))
    if as_json:
        from billing_career.render.output import emit_json

        emit_json(check)
        return
    from billing_career.render.data import render_check

    render_check(check, no_color=GLOBAL.no_color)
    import sys

    from billing_career.errors import one_line

    # Such text is shown escaped everywhere, but it is almost surely a mistake (a pasted
    # terminal escape): say where, on stderr, so it can be cleaned up.
    for item in check.warnings:
        sys.stderr.write(for_stderr(f"Warning: {one_line(item)}\n"))
