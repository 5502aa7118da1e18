"""`bcareer plan`: answers (flags, a file, the saved profile, questions) -> an explained plan."""

from __future__ import annotations

import contextlib
import inspect
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from billing_career.cli.app import (
    GLOBAL,
    NO_INPUT_ENV,
    DataDirOption,
    JsonOption,
    app,
    can_prompt,
    for_stderr,
    knowledge,
)
from billing_career.cli.completion import answer_values
from billing_career.errors import BcareerError
from billing_career.planning.answers import ANSWERS

if TYPE_CHECKING:
    import datetime as dt

    from billing_career.knowledge.models import KnowledgeBase


def _plan_epilog() -> str:
    """Which answers are required and what the others default to, from the Profile's fields."""
    required = [spec.flag for spec in ANSWERS if spec.required]
    defaults = []
    for spec in ANSWERS:
        if spec.default_text and spec.kind == "yes-no":
            defaults.append(spec.flag if spec.default else f"--no-{spec.flag[2:]}")
        elif spec.default_text:
            defaults.append(f"{spec.flag} {spec.default_text}")
    optional = [spec.flag for spec in ANSWERS if not spec.required and not spec.default_text]
    answers = (
        f"Required: {', '.join(required[:-1])} and {required[-1]} (as flags, in --answers FILE, "
        "from the saved profile, or asked). The others default to: "
        f"{', '.join(defaults)}; {', '.join(optional[:-1])} and {optional[-1]} are optional."
    )
    return (
        f"{answers}\n\n"
        "Questions are asked only when stdin and stdout are terminals and --no-input is "
        "not given, and only those not answered yet; saved answers are shown first. "
        "Answers are saved (readable only by you) for next time unless --no-save.\n\n"
        "\b\n"
        "Examples:\n"
        "  bcareer plan\n"
        "  bcareer plan --education ged --budget 3000 --schedule part-time --no-input\n"
        "  bcareer plan --education ged --budget 1500 --schedule full-time --json\n"
        "  bcareer plan --education ged --budget 0 --schedule full-time --job-seeker\n"
        "  bcareer plan --answers answers.yaml --details\n"
        "  bcareer plan --answers answers.yaml --start 2026-01-05 --explain\n"
        "  bcareer plan --answers answers.yaml --no-input --export plan.md\n"
        "  bcareer plan --batch cohort.csv --start 2026-01-05 --output plans.jsonl"
    )


def _text_option(flag: str, help_text: str, metavar: str) -> Any:
    # Text, not click types: the answer is checked by planning.profile, whose one-line
    # error names the flag and what it expects.
    return typer.Option(flag, help=help_text, metavar=metavar, show_default=False)


def plan_command(
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            metavar="FILE",
            show_default=False,
            help="Read answers from a YAML file (the saved profile's format; flags win).",
        ),
    ] = None,
    no_input: Annotated[
        bool,
        typer.Option(
            "--no-input", envvar=NO_INPUT_ENV, help=f"Never ask questions (also {NO_INPUT_ENV}=1)."
        ),
    ] = False,
    no_save: Annotated[
        bool, typer.Option("--no-save", help="Do not save the answers as your profile.")
    ] = False,
    details: Annotated[
        bool,
        typer.Option(
            "--details", help="Also show every reason, the full cost and pay tables and notes."
        ),
    ] = False,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Also show every rule: which held and why, which did not and which part failed.",
        ),
    ] = False,
    export: Annotated[
        Path | None,
        typer.Option(
            "--export",
            metavar="FILE",
            show_default=False,
            help="Also write the plan to FILE: .md, .html or .ics.",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Let --export (or --output) replace an existing file.")
    ] = False,
    batch: Annotated[
        Path | None,
        typer.Option(
            "--batch",
            metavar="FILE",
            show_default=False,
            help="Plan for a cohort: one profile per row of a CSV or YAML file, columns named as "
            "the flags above; one JSON plan per line (JSON Lines) out.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            metavar="FILE",
            show_default=False,
            help="With --batch: write the plans to FILE (atomically) instead of stdout.",
        ),
    ] = None,
    data_dir: DataDirOption = None,
    as_json: JsonOption = False,
    **raw_answers: Any,
) -> None:
    """Make your personal plan: program, certification, aid, dated steps, cost and pay."""
    import datetime as dt

    from billing_career.planning.profile import parse_flag

    today = dt.date.today()
    given: dict[str, Any] = {}
    for field, raw in raw_answers.items():
        if raw is not None:
            given[field] = parse_flag(field, raw, today=today)
    if batch is not None or output is not None:
        from billing_career.cli.batch import plan_batch

        plan_batch(
            batch,
            output,
            given=given,
            answers=answers,
            export=export,
            force=force,
            explain=explain,
            data_dir=data_dir,
        )
        return
    if export is not None:
        from billing_career.render.export import check_export_target

        # Fail before any question is asked, not after.
        check_export_target(export, force=force, inputs=_inputs(answers))

    kb = knowledge(data_dir)
    asking = can_prompt(no_input)
    profile = _collect(kb, given, answers, today=today, interactive=asking, will_save=not no_save)

    from billing_career.planning.planner import make_plan

    plan = make_plan(kb, profile, today=today)
    for notice in plan.notices:
        # Said on stderr too, so a script sees it; the plan's warnings carry it as well.
        sys.stderr.write(for_stderr(f"Warning: {notice.text}\n"))
    saved_note = ""
    if not no_save:
        from billing_career.planning.profile import save_profile

        try:
            saved_to: Path | None = save_profile(profile)
        except BcareerError as error:
            # The plan matters more than the saving: show it, and say last what failed.
            saved_to = None
            saved_note = f"Warning: your answers could not be saved: {error}\n"
        if saved_to is not None and asking:
            # Someone who just typed their answers should know where they went; said last,
            # after the plan, so it does not scroll away.
            saved_note = (
                f"Answers saved to {saved_to} (see 'bcareer profile show'; --no-save skips this).\n"
            )
    if export is not None:
        from billing_career.render.export import write_export

        write_export(plan, export, force=force, made_on=today, inputs=_inputs(answers))
    if as_json:
        from billing_career.render.output import emit_json

        emit_json(plan.explained() if explain else plan)
    else:
        from billing_career.render.plan import render_plan

        render_plan(plan, explain=explain, details=details, no_color=GLOBAL.no_color)
    if saved_note:
        sys.stderr.write(for_stderr(saved_note))
    if export is not None:
        # The confirmation is the last line printed, where it cannot scroll away.
        sys.stderr.write(f"Wrote {export}\n")


def _inputs(answers: Path | None) -> list[Path]:
    """The files this plan reads, never to be written over by --export."""
    from billing_career.planning.profile import profile_path

    inputs = [answers] if answers is not None else []
    with contextlib.suppress(BcareerError):  # no home folder: no saved profile to protect
        inputs.append(profile_path())
    return inputs


def _answer_parameters() -> list[inspect.Parameter]:
    """One option per question, from the Profile's fields: --education ... --start."""
    parameters = []
    for spec in ANSWERS:
        option: Any
        if spec.kind == "yes-no":
            kind: Any = bool | None
            option = typer.Option(
                f"{spec.flag}/--no-{spec.flag[2:]}", help=spec.help_line, show_default=False
            )
        else:
            kind = str | None
            # Text, not click types: the answer is checked by planning.profile, whose one-line
            # error names the flag and what it expects.
            option = typer.Option(
                spec.flag,
                help=spec.help_line,
                metavar=spec.metavar,
                show_default=False,
                autocompletion=answer_values(spec.id) if spec.choices else None,
            )
        parameters.append(
            inspect.Parameter(
                spec.id,
                inspect.Parameter.KEYWORD_ONLY,
                default=None,
                annotation=Annotated[kind, option],
            )
        )
    return parameters


def _register() -> None:
    """plan_command with the answer options in front, as Typer reads its signature."""
    signature = inspect.signature(plan_command, eval_str=True)
    fixed = [
        parameter.replace(kind=inspect.Parameter.KEYWORD_ONLY)
        for parameter in signature.parameters.values()
        if parameter.kind is not inspect.Parameter.VAR_KEYWORD
    ]
    parameters = _answer_parameters() + fixed
    plan_command.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    plan_command.__annotations__ = {
        **{parameter.name: parameter.annotation for parameter in parameters},
        "return": None,
    }
    app.command(
        "plan",
        short_help="Your own plan: program, certification, cost, aid and dated steps.",
        epilog=_plan_epilog(),
    )(plan_command)


_register()


def _collect(
    kb: KnowledgeBase,
    given: dict[str, Any],
    answers_file: Path | None,
    *,
    today: dt.date,
    interactive: bool,
    will_save: bool,
) -> Any:
    """Merge flags over the answers file over the saved profile; ask for the rest if allowed."""
    from billing_career.planning.profile import (
        build_profile,
        load_answers_file,
        load_saved,
        missing_error,
        missing_required,
    )

    answered = dict(given)
    if answers_file is not None:
        answered = {**load_answers_file(answers_file, today=today), **answered}
    # The saved profile is read when it could matter, and always before a save: a corrupt one
    # stops the run (naming the file) rather than being replaced.
    answered_all = not interactive and not missing_required(answered)
    saved = None if (answered_all and not will_save) else load_saved()
    if interactive:
        from billing_career.cli.questionnaire import (
            ask_missing,
            confirm_past,
            review,
            use_saved,
            without_orphans,
        )

        asked = False
        defaults: dict[str, Any] = {}
        if saved and any(name not in answered for name in saved):
            answered, defaults, asked = use_saved(kb.questions, saved, answered)
        new = ask_missing(kb.questions, answered, defaults, today=today)
        answered = without_orphans({**answered, **new})
        start = answered.get("start")
        # A past --start (or answers-file start): confirm it, or ask for another day.
        if (
            start is not None
            and "start" not in new
            and start < today
            and not confirm_past(start, today)
        ):
            del answered["start"]
            answered.update(
                ask_missing(kb.questions, answered, {}, today=today, only=frozenset({"start"}))
            )
        if asked or any(name != "start" for name in new):
            answered = review(kb.questions, answered, today=today)
    else:
        answered = {**(saved or {}), **answered}
        missing = missing_required(answered)
        if missing:
            raise missing_error(missing)
    return build_profile(answered, today=today)
