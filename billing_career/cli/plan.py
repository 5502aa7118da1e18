"""`bcareer plan`: answers (flags, a file, the saved profile, questions) -> an explained plan."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from billing_career.cli.app import GLOBAL, DataDirOption, JsonOption, app, knowledge
from billing_career.errors import BcareerError

if TYPE_CHECKING:
    import datetime as dt

    from billing_career.knowledge.models import KnowledgeBase

NO_INPUT_ENV = "BCAREER_NO_INPUT"

# Kept in step with billing_career.planning.profile.DEFAULTS and data/questions.yaml by a test.
_PLAN_EPILOG = (
    "\b\n"
    "Required: --education, --budget and --schedule (as flags, in --answers FILE,\n"
    "from the saved profile, or asked). The others default to: --learning either,\n"
    "--experience-years 0, --background none, --goal quick-entry, --no-veteran,\n"
    "--no-employer-sponsor, --no-remote, --start today.\n"
    "\b\n"
    "Questions are asked only when stdin and stdout are terminals and --no-input is\n"
    "not given, and only those not answered yet; saved answers are offered as\n"
    "defaults. Answers are saved (readable only by you) for next time unless\n"
    "--no-save.\n"
    "\b\n"
    "Examples:\n"
    "  bcareer plan\n"
    "  bcareer plan --education ged --budget 3000 --schedule part-time --no-input\n"
    "  bcareer plan --education ged --budget 1500 --schedule full-time --json\n"
    "  bcareer plan --answers answers.yaml --start 2026-01-05 --explain\n"
    "  bcareer plan --answers answers.yaml --no-input --export plan.md\n"
    "  bcareer plan --batch cohort.csv --start 2026-01-05 --output plans.jsonl"
)


def _text_option(flag: str, help_text: str, metavar: str) -> Any:
    # Text, not click types: the answer is checked by planning.profile, whose one-line
    # error names the flag and what it expects.
    return typer.Option(flag, help=help_text, metavar=metavar, show_default=False)


@app.command(
    "plan",
    short_help="Your own plan: program, certification, cost, aid and dated steps.",
    epilog=_PLAN_EPILOG,
)
def plan_command(
    education: Annotated[
        str | None,
        _text_option(
            "--education",
            "Highest education: none, ged, high-school, some-college, associate, bachelor.",
            "LEVEL",
        ),
    ] = None,
    budget: Annotated[
        str | None,
        _text_option("--budget", "What you can spend, in whole US dollars (0 or more).", "DOLLARS"),
    ] = None,
    schedule: Annotated[
        str | None, _text_option("--schedule", "full-time, part-time or flexible.", "SCHEDULE")
    ] = None,
    learning: Annotated[
        str | None,
        _text_option("--learning", "online, in-person or either. Default: either.", "MODE"),
    ] = None,
    experience_years: Annotated[
        str | None,
        _text_option(
            "--experience-years", "Whole years of medical billing experience. Default: 0.", "YEARS"
        ),
    ] = None,
    background: Annotated[
        str | None,
        _text_option(
            "--background",
            "Comma list of: customer-service, healthcare-office, data-entry, insurance, "
            "computer-skills, accounting. Default: none.",
            "LIST",
        ),
    ] = None,
    goal: Annotated[
        str | None,
        _text_option(
            "--goal", "quick-entry, comprehensive or advancement. Default: quick-entry.", "GOAL"
        ),
    ] = None,
    veteran: Annotated[
        bool | None,
        typer.Option(
            "--veteran/--no-veteran", help="A US military veteran? Default: no.", show_default=False
        ),
    ] = None,
    employer_sponsor: Annotated[
        bool | None,
        typer.Option(
            "--employer-sponsor/--no-employer-sponsor",
            help="An employer offers to pay for training? Default: no.",
            show_default=False,
        ),
    ] = None,
    remote: Annotated[
        bool | None,
        typer.Option(
            "--remote/--no-remote", help="Want to work from home? Default: no.", show_default=False
        ),
    ] = None,
    start: Annotated[
        str | None,
        _text_option("--start", "First day of the plan, YYYY-MM-DD. Default: today.", "DATE"),
    ] = None,
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
) -> None:
    """Make your personal plan: program, certification, aid, dated steps, cost and pay."""
    import datetime as dt

    from billing_career.planning.profile import parse_flag

    today = dt.date.today()
    given: dict[str, Any] = {}
    for field, raw in (
        ("education", education),
        ("budget", budget),
        ("schedule", schedule),
        ("learning", learning),
        ("experience_years", experience_years),
        ("background", background),
        ("goal", goal),
        ("veteran", veteran),
        ("employer_sponsor", employer_sponsor),
        ("remote", remote),
        ("start", start),
    ):
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
    asking = interactive(no_input)
    profile = _collect(kb, given, answers, today=today, interactive=asking, will_save=not no_save)

    from billing_career.planning.planner import make_plan

    plan = make_plan(kb, profile, today=today)
    for notice in plan.notices:
        # Said on stderr too, so a script sees it; the plan's warnings carry it as well.
        sys.stderr.write(f"Warning: {notice.text}\n")
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

        write_export(plan.to_dict(), export, force=force, kb=kb, inputs=_inputs(answers))
        sys.stderr.write(f"Wrote {export}\n")
    if as_json:
        from billing_career.render.output import emit_json

        emit_json(plan.to_dict(explain=explain))
    else:
        from billing_career.render.plan import render_plan

        render_plan(plan, explain=explain, no_color=GLOBAL.no_color)
    if saved_note:
        sys.stderr.write(saved_note)


def _inputs(answers: Path | None) -> list[Path]:
    """The files this plan reads, never to be written over by --export."""
    from billing_career.planning.profile import profile_path

    inputs = [answers] if answers is not None else []
    with contextlib.suppress(BcareerError):  # no home folder: no saved profile to protect
        inputs.append(profile_path())
    return inputs


def interactive(no_input: bool) -> bool:
    """Ask questions only on a real terminal, both ways, when input is allowed. isatty() is
    checked before stdin is ever read, so a silent pipe cannot hang the tool."""
    if no_input or os.environ.get(NO_INPUT_ENV, "").strip().lower() in {"1", "true", "yes"}:
        return False
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):  # closed or replaced streams
        return False


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
    complete = not interactive and not missing_required(answered)
    saved = None if (complete and not will_save) else load_saved()
    if interactive:
        from billing_career.cli.questionnaire import ask_missing, confirm

        defaults: dict[str, Any] = {}
        if saved:
            unanswered = [name for name in saved if name not in answered]
            if unanswered and confirm("Use your saved answers from last time?", default=True):
                answered = {**saved, **answered}
            else:
                defaults = saved
        answered.update(ask_missing(kb.questions, answered, defaults, today=today))
    else:
        answered = {**(saved or {}), **answered}
        missing = missing_required(answered)
        if missing:
            raise missing_error(missing)
    return build_profile(answered, today=today)
