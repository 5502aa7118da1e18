"""`bcareer compare`: certifications side by side."""

from __future__ import annotations

from typing import Annotated

import typer

from billing_career.cli.app import GLOBAL, DataDirOption, JsonOption, app, knowledge
from billing_career.cli.completion import certification_codes


@app.command(
    "compare",
    short_help="Certifications side by side: exam, fees, renewal.",
    epilog=(
        "\b\nExamples:\n"
        "  bcareer compare CPB CBCS\n"
        "  bcareer compare cpb cmrs cbcs --json\n"
        "  bcareer compare --all"
    ),
)
def compare_command(
    codes: Annotated[
        list[str] | None,
        typer.Argument(
            help="Two or more certification codes (any case): CPB, CMRS, CBCS, CPC, CHFP, CMA.",
            show_default=False,
            metavar="CODE",
            autocompletion=certification_codes,
        ),
    ] = None,
    every: Annotated[
        bool, typer.Option("--all", help="Compare every certification in the guide.")
    ] = False,
    data_dir: DataDirOption = None,
    as_json: JsonOption = False,
) -> None:
    """Compare certifications field by field: issuer, prerequisites, exam, fees, renewal."""
    from billing_career.reference.compare import compare

    result = compare(knowledge(data_dir), codes or [], all=every)
    if as_json:
        from billing_career.render.output import emit_json

        emit_json(result)
        return
    from billing_career.render.compare import render_comparison

    render_comparison(result, no_color=GLOBAL.no_color)
