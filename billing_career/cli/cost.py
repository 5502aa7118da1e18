"""`bcareer cost`: what a path costs, item by item, and with your answers what you pay."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, Any

import typer

from billing_career.cli.answer_options import parsed_answers, with_answer_options
from billing_career.cli.app import GLOBAL, DataDirOption, JsonOption, app, knowledge
from billing_career.cli.completion import aid_names, certification_codes, program_names
from billing_career.planning.answers import AID_RULE_ANSWERS, MONEY_ANSWERS, PRICE_ANSWERS

if TYPE_CHECKING:
    from billing_career.knowledge.models import KnowledgeBase
    from billing_career.planning.money import OptionalTraining
    from billing_career.reference.costs import CostBreakdown

# `--program none` prices the path without training (for people with billing experience).
NO_PROGRAM = "none"


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
        str | None,
        typer.Option(
            "--cert",
            metavar="CODE",
            autocompletion=certification_codes,
            show_default=False,
            help="Certification whose exam fee to count (any case); when not given, the "
            "one entry exam named by --failed-exam, else CPB.",
        ),
    ] = None,
    member: Annotated[
        bool,
        typer.Option(
            "--member/--no-member", help="Count the issuer's membership and the member exam fee."
        ),
    ] = False,
    remote: Annotated[
        bool, typer.Option("--remote/--no-remote", help="Count a home-office setup.")
    ] = False,
    aid: Annotated[
        list[str] | None,
        typer.Option(
            "--aid",
            show_default=False,
            metavar="OPTION,...",
            autocompletion=aid_names,
            help="With --program: count these aid options as if you qualified, "
            "comma-separated or repeated (see 'bcareer aid'), or all.",
        ),
    ] = None,
    data_dir: DataDirOption = None,
    as_json: JsonOption = False,
    **raw_answers: Any,
) -> None:
    """Itemize what becoming a biller costs: tuition, fees, books, exam, membership, extras."""
    from billing_career.reference.costs import cost_overview

    kb = knowledge(data_dir)
    answers = parsed_answers(raw_answers)
    aid_ids = _aid_ids(kb, aid)
    cert = exam_of(kb, cert, program, answers)
    if program is None:
        failed = answers.get("failed_exam", ())
        if set(answers) - {"failed_exam"} or aid_ids:
            # What aid pays depends on the path: said, not silently ignored (a failed exam
            # prices the row without training as a retake, as --program none does).
            sys.stderr.write(
                "Note: your answers and --aid count toward one path: add --program NAME to see "
                "what you pay.\n"
            )
        overview = cost_overview(kb, cert=cert, member=member, remote=remote, failed=failed)
        if as_json:
            from billing_career.render.output import emit_json

            emit_json(overview)
            return
        from billing_career.render.cost import render_overview

        render_overview(overview, no_color=GLOBAL.no_color)
        return
    breakdown, optional = path_cost(
        kb, program, cert, member=member, remote=remote, answers=answers
    )
    priced = _priced(kb, breakdown, answers, aid_ids, optional)
    if as_json:
        from billing_career.render.output import emit_json

        emit_json(priced)
        return
    from billing_career.render.cost import render_breakdown

    render_breakdown(priced, no_color=GLOBAL.no_color)


def exam_of(
    kb: KnowledgeBase, cert: str | None, program: str | None, answers: dict[str, Any]
) -> str:
    """--cert as given; else the one entry exam the person did not pass (--failed-exam), as
    the plan retakes it; else the CPB. For a person's path (--program with their answers) the
    default is said, not silent: the plan picks the certification from answers these commands
    do not take."""
    if cert is not None:
        return cert
    failed: list[str] = [
        str(code)
        for code in answers.get("failed_exam", ())
        if any(c.code == code and c.level == "entry" for c in kb.certifications.certifications)
    ]
    if len(failed) == 1:
        if program is not None:
            sys.stderr.write(
                f"Note: priced with the {failed[0]} exam, the one you did not pass (the default "
                "with --failed-exam); your plan may pick another certification: add --cert CODE "
                "as your plan names it.\n"
            )
        return failed[0]
    if program is not None and answers:
        sys.stderr.write(
            "Note: priced with the CPB exam (the default); your plan may pick another "
            "certification: add --cert CODE as your plan names it.\n"
        )
    return "CPB"


def path_cost(
    kb: KnowledgeBase,
    program: str,
    cert: str,
    *,
    member: bool = False,
    remote: bool = False,
    answers: Mapping[str, Any] | None = None,
) -> tuple[CostBreakdown, OptionalTraining | None]:
    """The itemized path of --program (or 'none') and --cert, as the plan prices it for the
    answers given (planning.money.named_path: a member already, training made optional)."""
    from billing_career.planning.aid import partial_profile
    from billing_career.planning.money import named_path

    chosen = None if program.strip().lower() == NO_PROGRAM else _checked(kb, program)
    given = answers or {}
    return named_path(
        kb,
        chosen,
        cert,
        member=member,
        remote=remote,
        held=given.get("credentials", ()),
        profile=partial_profile(given) if given else None,
        failed=given.get("failed_exam", ()),
    )


def _aid_ids(kb: KnowledgeBase, aid: list[str] | None) -> tuple[str, ...]:
    """The --aid names as catalog ids (checked; 'all' is every option)."""
    from billing_career.knowledge.lookup import resolve_aid

    names = [part for value in aid or [] for part in value.split(",") if part.strip()]
    return tuple(option.id for option in resolve_aid(kb, names)) if names else ()


def _priced(
    kb: KnowledgeBase,
    breakdown: CostBreakdown,
    answers: dict[str, Any],
    assume: tuple[str, ...],
    optional: OptionalTraining | None,
) -> Any:
    """The path with the money against it when answers or --aid were given."""
    from billing_career.planning.aid import partial_profile
    from billing_career.planning.money import PricedPath, money_for

    if not answers and not assume:
        return PricedPath(breakdown, None, optional)
    money = money_for(
        kb, partial_profile(answers), breakdown, assume=assume, known=frozenset(answers)
    )
    return PricedPath(breakdown, money, optional)


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


app.command(
    "cost",
    short_help="What becoming a biller costs, item by item, and what you pay.",
    epilog=(
        "\b\nExamples:\n"
        "  bcareer cost                              every program's total\n"
        "  bcareer cost --program online\n"
        "  bcareer cost --program certificate --cert CBCS --remote\n"
        "  bcareer cost -p extended-certificate --education ged --job-seeker\n"
        "  bcareer cost --program none --cert CBCS --aid gi-bill\n"
        "  bcareer cost --program none --cert CPB    no training: exam and extras only\n"
        "  bcareer cost -p online-self-paced --cert CHFP --experience-years 10\n"
        "  bcareer cost --program associate --json\n"
        "\nWith --program and your answers (or --aid), the cost also shows what each aid "
        "source counts toward the path and what you pay, as 'bcareer plan' counts it. With "
        "--experience-years, a program your experience makes optional is left out of the total, "
        "as the plan leaves it out, with the total with it beside. With --failed-exam naming "
        "the --cert exam and no training program, the path is a retake, priced as the plan "
        "prices one: textbooks are optional (from $0), as you likely still have your study "
        "materials. Without --cert, the one entry exam named by --failed-exam is priced."
    ),
)(with_answer_options(cost_command, (*MONEY_ANSWERS, *PRICE_ANSWERS, *AID_RULE_ANSWERS)))
