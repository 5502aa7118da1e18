"""`bcareer cost`: what a path costs, item by item, and what aid may take off."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from billing_career.cli.app import GLOBAL, DataDirOption, JsonOption, app, knowledge
from billing_career.cli.completion import aid_names, certification_codes, program_names

if TYPE_CHECKING:
    from billing_career.knowledge.models import KnowledgeBase

# `--program none` prices the path without training (for people with billing experience).
NO_PROGRAM = "none"


@app.command(
    "cost",
    short_help="What becoming a biller costs, item by item.",
    epilog=(
        "\b\nExamples:\n"
        "  bcareer cost                              every program's total\n"
        "  bcareer cost --program online\n"
        "  bcareer cost --program certificate --cert CBCS --remote\n"
        "  bcareer cost --program online --member --aid federal-aid,wioa\n"
        "  bcareer cost --program none --cert CPB    no training: exam and extras only\n"
        "  bcareer cost --program online --veteran\n"
        "  bcareer cost --program associate --json"
    ),
)
def cost_command(
    program: Annotated[
        str | None,
        typer.Option(
            "--program",
            "-p",
            show_default=False,
            metavar="NAME",
            autocompletion=program_names,
            help="Program type or tuition-table row: online, certificate, "
            "short-certificate, extended-certificate, community-college, "
            "associate, online-self-paced (or 'none' for no training). "
            "Leave out to see every program's total.",
        ),
    ] = None,
    cert: Annotated[
        str,
        typer.Option(
            "--cert",
            metavar="CODE",
            autocompletion=certification_codes,
            help="Certification whose exam fee to count (any case).",
        ),
    ] = "CPB",
    member: Annotated[
        bool,
        typer.Option(
            "--member/--no-member", help="Count the issuer's membership and the member exam fee."
        ),
    ] = False,
    remote: Annotated[
        bool, typer.Option("--remote/--no-remote", help="Count a home-office setup.")
    ] = False,
    veteran: Annotated[
        bool,
        typer.Option(
            "--veteran/--no-veteran",
            help="A US military veteran: count the aid a veteran's plan counts (the GI Bill).",
        ),
    ] = False,
    aid: Annotated[
        list[str] | None,
        typer.Option(
            "--aid",
            show_default=False,
            metavar="OPTION,...",
            autocompletion=aid_names,
            help="Aid options, comma-separated or repeated: federal-aid, wioa "
            "(Workforce Innovation and Opportunity Act job-training funds), payment-plans, "
            "employer-sponsorship, gi-bill, or all.",
        ),
    ] = None,
    data_dir: DataDirOption = None,
    as_json: JsonOption = False,
) -> None:
    """Itemize what becoming a biller costs: tuition, fees, books, exam, membership, extras."""
    from billing_career.reference.costs import aid_for_yes, cost_breakdown, cost_overview

    kb = knowledge(data_dir)
    aid_ids = [part for value in aid or [] for part in value.split(",") if part.strip()]
    if veteran:
        aid_ids.extend(ident for ident in aid_for_yes(kb, "veteran") if ident not in aid_ids)
    if program is None:
        overview = cost_overview(kb, cert=cert, member=member, remote=remote, aid=aid_ids)
        if as_json:
            from billing_career.render.output import emit_json

            emit_json(overview)
            return
        from billing_career.render.cost import render_overview

        render_overview(overview, no_color=GLOBAL.no_color)
        return
    chosen = None if program.strip().lower() == NO_PROGRAM else _checked(kb, program)
    breakdown = cost_breakdown(kb, chosen, cert=cert, member=member, remote=remote, aid=aid_ids)
    if as_json:
        from billing_career.render.output import emit_json

        emit_json(breakdown)
        return
    from billing_career.render.cost import render_breakdown

    render_breakdown(breakdown, no_color=GLOBAL.no_color)


def _checked(kb: KnowledgeBase, program: str) -> str:
    """The program name, after checking it; the error's list of choices includes 'none'."""
    from billing_career.errors import UnknownValueError
    from billing_career.reference.costs import listed_program_names, resolve_program

    try:
        resolve_program(kb, program)
    except UnknownValueError:
        raise UnknownValueError(
            "program", program.strip(), [*listed_program_names(kb), NO_PROGRAM]
        ) from None
    return program
