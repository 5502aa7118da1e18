"""`bcareer aid`: the financial aid options, which apply to you, and what each pays of a path."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from billing_career.cli.answer_options import parsed_answers, with_answer_options
from billing_career.cli.app import GLOBAL, DataDirOption, JsonOption, app, knowledge
from billing_career.cli.completion import certification_codes, program_names
from billing_career.planning.answers import AID_RULE_ANSWERS, MONEY_ANSWERS, PRICE_ANSWERS


def aid_command(
    program: Annotated[
        str | None,
        typer.Option(
            "--program",
            "-p",
            show_default=False,
            metavar="NAME",
            autocompletion=program_names,
            help="Count the aid against this program's path ('none' for no training), as "
            "'bcareer cost --program' names it.",
        ),
    ] = None,
    cert: Annotated[
        str | None,
        typer.Option(
            "--cert",
            metavar="CODE",
            autocompletion=certification_codes,
            show_default=False,
            help="With --program: the certification of the path (any case); when not given, "
            "the one entry exam named by --failed-exam, else CPB.",
        ),
    ] = None,
    member: Annotated[
        bool,
        typer.Option(
            "--member/--no-member",
            help="With --program: count the issuer's membership and the member exam fee.",
        ),
    ] = False,
    remote: Annotated[
        bool,
        typer.Option("--remote/--no-remote", help="With --program: count a home-office setup."),
    ] = False,
    data_dir: DataDirOption = None,
    as_json: JsonOption = False,
    **raw_answers: Any,
) -> None:
    """The financial aid options: which apply to you, and what each pays of a path."""
    from billing_career.cli.cost import exam_of, path_cost
    from billing_career.planning.aid import aid_view

    answers = parsed_answers(raw_answers)
    kb = knowledge(data_dir)
    cost, optional = (
        path_cost(
            kb,
            program,
            exam_of(kb, cert, program, answers),
            member=member,
            remote=remote,
            answers=answers,
        )
        if program is not None
        else (None, None)
    )
    view = aid_view(kb, answers, cost, optional)
    if as_json:
        from billing_career.render.output import emit_json

        emit_json(view)
        return
    from billing_career.render.aid import render_aid

    render_aid(view, no_color=GLOBAL.no_color)


app.command(
    "aid",
    short_help="Financial aid options, and which of them apply to you.",
    epilog=(
        "\b\nExamples:\n"
        "  bcareer aid\n"
        "  bcareer aid --veteran --no-employer-sponsor\n"
        "  bcareer aid --education ged --job-seeker --budget 200 -p short-certificate\n"
        "  bcareer aid --military-spouse -p extended-certificate --cert CBCS --json\n"
        "\nWhich options apply, and what each counts, comes from the same money "
        "model as 'bcareer plan'. Only the answers you give are used: an option "
        "with no answer to go on shows as not assessed. With --program, each option "
        "you qualify for shows what it counts toward that path and what you pay. "
        "WIOA (Workforce Innovation and Opportunity Act) funds pay only for "
        "programs on your state's Eligible Training Provider List (ETPL)."
    ),
)(with_answer_options(aid_command, (*MONEY_ANSWERS, *PRICE_ANSWERS, *AID_RULE_ANSWERS)))
