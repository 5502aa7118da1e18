"""`bcareer aid`: the financial aid options, and which apply to you under the guide's rules."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from billing_career.cli.app import GLOBAL, DataDirOption, JsonOption, app, knowledge


@app.command(
    "aid",
    short_help="Financial aid options, and which of them apply to you.",
    epilog=(
        "\b\nExamples:\n"
        "  bcareer aid\n"
        "  bcareer aid --veteran --no-employer-sponsor\n"
        "  bcareer aid --employer-sponsor --experience-years 0 --budget 2000\n"
        "  bcareer aid --veteran --json\n"
        "\nWhich options apply comes from the same rules as 'bcareer plan'. Only the "
        "answers you give are used: an option with no answer to go on shows as not "
        "assessed. WIOA (Workforce Innovation and Opportunity Act) funds pay only for "
        "programs on your state's Eligible Training Provider List (ETPL)."
    ),
)
def aid(
    veteran: Annotated[
        bool | None,
        typer.Option(
            "--veteran/--no-veteran", show_default=False, help="Whether you are a veteran."
        ),
    ] = None,
    employer_sponsor: Annotated[
        bool | None,
        typer.Option(
            "--employer-sponsor/--no-employer-sponsor",
            show_default=False,
            help="Whether an employer offers to fund your training.",
        ),
    ] = None,
    experience_years: Annotated[
        int | None,
        typer.Option(
            "--experience-years",
            metavar="YEARS",
            min=0,
            max=60,
            show_default=False,
            help="Years of medical billing experience.",
        ),
    ] = None,
    budget: Annotated[
        int | None,
        # max: the plan's limit (profile.MAX_BUDGET), kept literal so --help stays light.
        typer.Option(
            "--budget",
            metavar="DOLLARS",
            min=0,
            max=10_000_000,
            show_default=False,
            help="What you can spend on training, in whole US dollars.",
        ),
    ] = None,
    data_dir: DataDirOption = None,
    as_json: JsonOption = False,
) -> None:
    """The financial aid options, and which of them apply to you."""
    from billing_career.planning.aid import aid_view

    given: dict[str, Any] = {
        "veteran": veteran,
        "employer_sponsor": employer_sponsor,
        "experience_years": experience_years,
        "budget": budget,
    }
    answers = {key: value for key, value in given.items() if value is not None}
    view = aid_view(knowledge(data_dir), answers)
    if as_json:
        from billing_career.render.output import emit_json

        emit_json(view)
        return
    from billing_career.render.aid import render_aid

    render_aid(view, no_color=GLOBAL.no_color)
