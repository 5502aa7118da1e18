"""`bcareer programs [check | find]`: the guide's program tables, a program scored, your own."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from billing_career.cli.app import (
    GLOBAL,
    DataDirOption,
    JsonOption,
    PlainGroup,
    app,
    can_prompt,
    knowledge,
)
from billing_career.cli.completion import answer_values, certification_codes

if TYPE_CHECKING:
    from billing_career.knowledge.models import KnowledgeBase

programs_app = typer.Typer(
    help="Training programs: the guide's tables, a program checked, your local programs.",
    short_help="Training programs: the guide's tables, checks, your own list.",
    rich_markup_mode=None,
    cls=PlainGroup,
    invoke_without_command=True,
    no_args_is_help=False,
)
app.add_typer(programs_app, name="programs")

# One flag per criterion of the guide's "What to look for in a program" (programs.yaml ids).
CRITERION_FLAGS: dict[str, str] = {
    "certification-prep": "--certification-prep",
    "software-training": "--software-training",
    "externship": "--externship",
    "job-placement": "--job-placement",
    "online-options": "--online-options",
}

Answer = Annotated[bool | None, typer.Option(show_default=False)]


@programs_app.callback(
    epilog=(
        "\b\nExamples:\n"
        "  bcareer programs\n"
        "  bcareer programs --json\n"
        "  bcareer programs check --certification-prep --externship --no-job-placement\n"
        "  bcareer programs find --max-cost 3000 --learning online"
    ),
)
def programs(
    ctx: typer.Context, data_dir: DataDirOption = None, as_json: JsonOption = False
) -> None:
    """Both program tables, what to look for in a program, and online versus in-person."""
    if ctx.invoked_subcommand is not None:
        # `bcareer programs --data-dir X find` means the same as `programs find --data-dir X`.
        if data_dir is not None:
            GLOBAL.data_dir = data_dir
        if as_json:
            from billing_career.errors import UsageError

            raise UsageError(
                f"--json belongs after '{ctx.invoked_subcommand}'.",
                f"Run 'bcareer programs {ctx.invoked_subcommand} --json'.",
            )
        return
    from billing_career.reference.program_tables import programs_view

    view = programs_view(knowledge(data_dir))
    if as_json:
        from billing_career.render.output import emit_json

        emit_json(view)
        return
    from billing_career.render.programs import render_programs

    render_programs(view, no_color=GLOBAL.no_color)


def ask_missing(
    kb: KnowledgeBase, answers: dict[str, bool | None], program: str | None
) -> dict[str, bool | None]:
    """Ask each of the guide's questions that no flag answered (questionnaire.choose)."""
    from billing_career.cli.questionnaire import choose

    choices: list[tuple[str, bool | None]] = [("Yes", True), ("No", False), ("Don't know", None)]
    asked = dict(answers)
    subject = f"Does {program}" if program else "Does the program"
    for criterion in kb.programs.what_to_look_for:
        if criterion.id in asked:
            continue
        asked[criterion.id] = choose(
            f"{criterion.name}: {subject} offer this? ({criterion.description})",
            choices,
            instruction="(Arrow keys, then enter.)",
        )
    return asked


@programs_app.command(
    "check",
    short_help="Score a program on the guide's five things to look for.",
    epilog=(
        "\b\nExamples:\n"
        "  bcareer programs check                 (in a terminal: asks each question)\n"
        "  bcareer programs check --name 'City College' --externship\n"
        "  bcareer programs check --certification-prep --no-job-placement --json\n"
        "\nA question with no flag counts as not known. Without a terminal (or with "
        "--no-input) give at least one flag."
    ),
)
def programs_check(
    name: Annotated[
        str | None,
        typer.Option(
            "--name",
            metavar="TEXT",
            show_default=False,
            help="The program's name, shown in the report.",
        ),
    ] = None,
    certification_prep: Annotated[
        bool | None,
        typer.Option(
            "--certification-prep/--no-certification-prep",
            show_default=False,
            help="Includes CPB, CBCS or CMRS exam preparation.",
        ),
    ] = None,
    software_training: Annotated[
        bool | None,
        typer.Option(
            "--software-training/--no-software-training",
            show_default=False,
            help="Practice with actual billing software.",
        ),
    ] = None,
    externship: Annotated[
        bool | None,
        typer.Option(
            "--externship/--no-externship",
            show_default=False,
            help="Hands-on experience in healthcare settings.",
        ),
    ] = None,
    job_placement: Annotated[
        bool | None,
        typer.Option(
            "--job-placement/--no-job-placement",
            show_default=False,
            help="Career services and employer connections.",
        ),
    ] = None,
    online_options: Annotated[
        bool | None,
        typer.Option(
            "--online-options/--no-online-options",
            show_default=False,
            help="Flexible scheduling for working students.",
        ),
    ] = None,
    no_input: Annotated[
        bool,
        typer.Option("--no-input", help="Never ask questions (or set BCAREER_NO_INPUT=1)."),
    ] = False,
    data_dir: DataDirOption = None,
    as_json: JsonOption = False,
) -> None:
    """Score a program you are considering on the guide's five things to look for."""
    from billing_career.errors import UsageError
    from billing_career.reference.program_check import check_program

    kb = knowledge(data_dir)
    given = {
        "certification-prep": certification_prep,
        "software-training": software_training,
        "externship": externship,
        "job-placement": job_placement,
        "online-options": online_options,
    }
    answers: dict[str, bool | None] = {
        key: value for key, value in given.items() if value is not None
    }
    unanswered = [c.id for c in kb.programs.what_to_look_for if c.id not in answers]
    if unanswered and not as_json and can_prompt(no_input):
        answers = ask_missing(kb, answers, name)
    elif not answers:
        flags = ", ".join(f"{flag}/--no-{flag[2:]}" for flag in CRITERION_FLAGS.values())
        raise UsageError("No answers to score and no terminal to ask in.", f"Give {flags}.")
    check = check_program(kb, answers, program=name)
    if as_json:
        from billing_career.render.output import emit_json

        emit_json(check)
        return
    from billing_career.render.programs import render_check

    render_check(check, no_color=GLOBAL.no_color)


@programs_app.command(
    "find",
    short_help="Filter and score the local programs in your own list.",
    epilog=(
        "\b\nExamples:\n"
        "  bcareer programs find\n"
        "  bcareer programs find --max-cost 3000 --learning online\n"
        "  bcareer programs find --state IL --cert CPB --json\n"
        "\nPrograms come from programs_local.yaml in your bcareer data folder or in "
        "--data-dir; none are bundled. See the README for the format."
    ),
)
def programs_find(
    max_cost: Annotated[
        int | None,
        typer.Option(
            "--max-cost",
            metavar="DOLLARS",
            min=0,
            show_default=False,
            help="Only programs whose tuition plus fees is at most DOLLARS US dollars.",
        ),
    ] = None,
    learning: Annotated[
        str | None,
        typer.Option(
            "--learning",
            metavar="MODE",
            show_default=False,
            autocompletion=answer_values("learning"),
            help="Only programs offered this way: online, in-person, either.",
        ),
    ] = None,
    # The old spellings: still accepted, no longer shown (--learning is the one name for how
    # a person learns, as in `plan`).
    online: Annotated[
        bool, typer.Option("--online", hidden=True, help="Only programs offered online.")
    ] = False,
    in_person: Annotated[
        bool, typer.Option("--in-person", hidden=True, help="Only programs offered in person.")
    ] = False,
    state: Annotated[
        str | None,
        typer.Option(
            "--state",
            metavar="STATE",
            show_default=False,
            help="Only programs in this state (two-letter code).",
        ),
    ] = None,
    cert: Annotated[
        str | None,
        typer.Option(
            "--cert",
            metavar="CODE",
            show_default=False,
            autocompletion=certification_codes,
            help="Only programs that prepare for this certification (CPB, CMRS, CBCS).",
        ),
    ] = None,
    max_months: Annotated[
        float | None,
        typer.Option(
            "--max-months",
            metavar="MONTHS",
            show_default=False,
            help="Only programs that take at most MONTHS months.",
        ),
    ] = None,
    data_dir: DataDirOption = None,
    as_json: JsonOption = False,
) -> None:
    """Filter and score the real local programs in your own catalog (programs_local.yaml)."""
    from billing_career.reference.local_programs import Filters, find_programs, learning_filter

    kb = knowledge(data_dir)
    if learning is not None:
        online, in_person = learning_filter(kb, learning)
    filters = Filters(
        max_cost=max_cost,
        online=online,
        in_person=in_person,
        state=state,
        certification=cert,
        max_months=max_months,
    )
    from billing_career.cli.guide import user_folders

    result = find_programs(kb, user_folders(data_dir), filters)
    if as_json:
        from billing_career.render.output import emit_json

        emit_json(result)
        return
    from billing_career.render.programs import render_find

    render_find(result, no_color=GLOBAL.no_color)
