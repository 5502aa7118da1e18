"""`bcareer data ...`: check the knowledge base and see what it holds."""

from __future__ import annotations

import typer

from billing_career.cli.app import GLOBAL, DataDirOption, JsonOption, app

data_app = typer.Typer(
    help="Check the figures bcareer uses.",
    epilog=(
        "\b\nExamples:\n  bcareer data check\n  bcareer data check --data-dir ./my-school-figures"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
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
    from billing_career.knowledge.inventory import count_records, newer_figures
    from billing_career.knowledge.loader import resolve_data_dir
    from billing_career.planning.load import load_knowledge

    folder = resolve_data_dir(data_dir or GLOBAL.data_dir)
    # A check reads and validates every file, whatever the cache holds (and refreshes it).
    kb = load_knowledge(folder, refresh=True)
    counts = count_records(kb)
    newer = newer_figures(kb)
    from billing_career.knowledge.controls import control_texts

    controls = control_texts(kb)
    if as_json:
        from billing_career.render.output import emit_json

        emit_json(
            {
                "ok": True,
                "data_dir": str(folder),
                "files": [{"file": f"{c.file}.yaml", "records": c.records} for c in counts],
                "newer_figures": [
                    {
                        "file": f"{n.file}.yaml",
                        "record": n.record,
                        "field": n.update.field,
                        "newer": n.update.summary,
                        "note": n.update.note,
                        "reported_by": n.update.reported_by,
                        "date": n.update.date,
                        "source": n.source.title,
                        "url": n.source.url,
                    }
                    for n in newer
                ],
                "warnings": [str(item) for item in controls],
            }
        )
        return
    from billing_career.render.data import render_check

    render_check(folder, counts, newer, no_color=GLOBAL.no_color)
    import sys

    from billing_career.errors import one_line

    # Such text is shown escaped everywhere, but it is almost surely a mistake (a pasted
    # terminal escape): say where, on stderr, so it can be cleaned up.
    for item in controls:
        sys.stderr.write(f"Warning: {one_line(str(item))}\n")
