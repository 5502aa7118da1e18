"""`bcareer plan`: answers (flags, a file, the saved profile, questions) -> an explained plan."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from billing_career.cli.answer_options import with_answer_options
from billing_career.cli.app import (
    GLOBAL,
    NO_INPUT_ENV,
    DataDirOption,
    JsonOption,
    app,
    can_prompt,
    for_stderr,
    knowledge,
    made_on_date,
)
from billing_career.errors import BcareerError, one_line, printable
from billing_career.planning.answers import ANSWERS

if TYPE_CHECKING:
    import datetime as dt

    from billing_career.knowledge.models import KnowledgeBase
    from billing_career.planning.planner import Plan
    from billing_career.planning.whatif import Change


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
        "  bcareer plan --answers answers.yaml --what-if schedule=full-time\n"
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
    save: Annotated[
        bool | None,
        typer.Option(
            "--save/--no-save",
            help="Save the answers as the profile (--profile) without asking, or never. "
            "Without either, a run with questions asks at the end and --no-input never saves.",
            show_default=False,
        ),
    ] = None,
    use_saved: Annotated[
        bool,
        typer.Option(
            "--use-saved",
            help="With --no-input: fill answers not given from the saved profile (flags win); "
            "stderr names the saved answers used.",
        ),
    ] = False,
    profile_name: Annotated[
        str | None,
        typer.Option(
            "--profile",
            metavar="NAME",
            show_default=False,
            help="Which saved profile to read or write: letters, digits, - and _ (one per "
            "client). Default: me.",
        ),
    ] = None,
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
    what_if: Annotated[
        list[str] | None,
        typer.Option(
            "--what-if",
            metavar="CHANGE",
            show_default=False,
            autocompletion=_what_if_values,
            help="Also plan with one answer changed and compare side by side: CHANGE is "
            "ANSWER=VALUE, named as in an answers file (schedule=full-time); repeatable.",
        ),
    ] = None,
    data_dir: DataDirOption = None,
    as_json: JsonOption = False,
    **raw_answers: Any,
) -> None:
    """Make your personal plan: program, certification, aid, dated steps, cost and pay."""
    import datetime as dt

    from billing_career.planning.profile import DEFAULT_PROFILE, parse_flag
    from billing_career.planning.profile import profile_name as valid_profile_name

    today = dt.date.today()
    name = profile_name or DEFAULT_PROFILE
    # Checked first: a bad name is bad usage, before anything is read or asked. Its path waits
    # until a file is written (--export, saving): finding it imports platformdirs, which a
    # batch or a plain plan never needs.
    valid_profile_name(name)
    given: dict[str, Any] = {}
    for field, raw in raw_answers.items():
        if raw is not None:
            given[field] = parse_flag(field, raw, today=today)
    changes = _changes(what_if or [], today=today, batch=batch, explain=explain, export=export)
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
    # The files --export must not write over.
    inputs = _inputs(answers, _profile_path(name)) if export is not None else []
    if export is not None:
        from billing_career.render.export import check_export_target

        # Fail before any question is asked, not after.
        check_export_target(export, force=force, inputs=inputs)

    kb = knowledge(data_dir)
    asking = can_prompt(no_input)
    profile, reviewed = _collect(
        kb,
        given,
        answers,
        today=today,
        interactive=asking,
        use_saved=use_saved,
        will_save=save is True,
        name=name,
    )

    from billing_career.paths import user_data_dir
    from billing_career.planning.planner import make_plan

    # A person's own state pay rows: the chosen data folder, then their user-data folder.
    chosen = data_dir or GLOBAL.data_dir
    folders: tuple[Path, ...] = (chosen,) if chosen is not None else ()
    if profile.state is not None:
        with contextlib.suppress(BcareerError):  # no home folder: only the chosen folder
            folders += (user_data_dir(),)
    plan = make_plan(kb, profile, today=today, state_folders=folders)
    for notice in plan.notices:
        # Said on stderr too, so a script sees it; the plan's warnings carry it as well.
        sys.stderr.write(for_stderr(f"Warning: {notice.text}\n"))
    if changes:
        _show_what_if(
            kb,
            plan,
            changes,
            today=today,
            as_json=as_json,
            details=details,
            export=export,
            force=force,
            inputs=inputs,
        )
    else:
        _show_plan(
            plan,
            as_json=as_json,
            details=details,
            explain=explain,
            export=export,
            force=force,
            today=today,
            inputs=inputs,
        )
        if reviewed and not as_json:
            # The questionnaire's review, after the plan: "Compare with a change".
            _offer_changes(kb, plan, today=today)
    # Saving comes at the end: with --save, or when the person says yes to it (never silently).
    if save is None and asking:
        from billing_career.cli.questionnaire import confirm

        save = confirm(f"Save these answers as your profile '{name}' for next time?", default=True)
    if save:
        sys.stderr.write(for_stderr(_save(profile, name, _profile_path(name))))
    if export is not None:
        # The confirmation is the last line printed, where it cannot scroll away.
        sys.stderr.write(f"Wrote {printable(export)}\n")


def _show_plan(
    plan: Plan,
    *,
    as_json: bool,
    details: bool,
    explain: bool,
    export: Path | None,
    force: bool,
    today: dt.date,
    inputs: list[Path],
) -> None:
    """The plan: exported, as JSON, or on the terminal."""
    if export is not None:
        from billing_career.render.export import write_export

        write_export(plan, export, force=force, made_on=made_on_date(today), inputs=inputs)
    if as_json:
        from billing_career.render.output import emit_json

        emit_json(plan.explained() if explain else plan)
    else:
        from billing_career.render.plan import render_plan

        render_plan(
            plan,
            explain=explain,
            details=details,
            no_color=GLOBAL.no_color,
            made_on=made_on_date(today),
        )


def _offer_changes(kb: KnowledgeBase, plan: Plan, *, today: dt.date) -> None:
    """Offer "Compare with a change" until the person is done: each change asked as its
    question is, then the plan beside the plan with that change."""
    from billing_career.cli.questionnaire import next_change
    from billing_career.planning.whatif import Change, what_if
    from billing_career.render.terminal import show_held
    from billing_career.render.whatif import render_what_if

    profile = plan.profile
    answers = {name: getattr(profile, name) for name in profile.model_fields_set}
    while True:
        show_held()  # the plan (or the last comparison) on screen before the question
        picked = next_change(kb.questions, answers, today=today)
        if picked is None:
            return
        result = what_if(kb, plan, [Change(*picked)], today=today)
        render_what_if(result, details=False, no_color=GLOBAL.no_color)


def _what_if_values(incomplete: str) -> list[str]:
    """ANSWER= for each answer, then ANSWER=VALUE for an answer with fixed values."""
    name, equals, _ = incomplete.partition("=")
    if not equals:
        return [f"{spec.id}=" for spec in ANSWERS if spec.id.startswith(incomplete)]
    spec = next((spec for spec in ANSWERS if spec.id == name), None)
    values = spec.choices if spec is not None and spec.choices else ()
    if spec is not None and spec.kind == "yes-no":
        values = ("yes", "no")
    return [f"{name}={value}" for value in values if f"{name}={value}".startswith(incomplete)]


def _changes(
    texts: list[str],
    *,
    today: dt.date,
    batch: Path | None,
    explain: bool,
    export: Path | None,
) -> list[Change]:
    """The --what-if changes, checked before any question is asked."""
    if not texts:
        return []
    from billing_career.errors import UsageError
    from billing_career.planning.whatif import parse_change

    if batch is not None:
        raise UsageError("--what-if compares one person's plans; it does not apply to --batch.")
    if explain:
        raise UsageError("--what-if and --explain do not go together: run --explain on its own.")
    if export is not None and export.suffix.lower() == ".ics":
        raise UsageError("A --what-if comparison exports to .md or .html, not a calendar.")
    return [parse_change(text, today=today) for text in texts]


def _show_what_if(
    kb: KnowledgeBase,
    plan: Plan,
    changes: list[Change],
    *,
    today: dt.date,
    as_json: bool,
    details: bool,
    export: Path | None,
    force: bool,
    inputs: list[Path],
) -> None:
    """The base plan beside one plan per change: exported, as JSON, or as a table."""
    from billing_career.planning.whatif import what_if

    result = what_if(kb, plan, changes, today=today)
    if export is not None:
        from billing_career.render.export import write_export
        from billing_career.render.whatif import what_if_outline

        write_export(
            what_if_outline(result), export, force=force, made_on=made_on_date(today), inputs=inputs
        )
    if as_json:
        from billing_career.render.output import emit_json

        emit_json(result)
    else:
        from billing_career.render.whatif import render_what_if

        render_what_if(result, details=details, no_color=GLOBAL.no_color)


def _profile_path(name: str) -> Path | None:
    """The saved profile's path for this name (a bad name: UsageError); None with no home."""
    from billing_career.planning.profile import profile_name, profile_path

    profile_name(name)
    with contextlib.suppress(BcareerError):  # no home folder: no saved profile to protect
        return profile_path(name)
    return None


def _save(profile: Any, name: str, path: Path | None) -> str:
    """Save the answers given; the line to say last (where they went, or what failed)."""
    from billing_career.planning.profile import save_profile

    try:
        saved_to = save_profile(profile, path)
    except BcareerError as error:
        # The plan matters more than the saving: it is shown; say last what failed.
        return f"Warning: your answers could not be saved: {one_line(str(error))}\n"
    return (
        f"Answers saved as profile '{name}' to {printable(saved_to)} "
        f"(see 'bcareer profile show {name}').\n"
    )


def _inputs(answers: Path | None, profile: Path | None) -> list[Path]:
    """The files this plan reads, never to be written over by --export."""
    inputs = [answers] if answers is not None else []
    if profile is not None:
        inputs.append(profile)
    return inputs


def _register() -> None:
    """plan_command with the answer options in front, as Typer reads its signature."""
    with_answer_options(plan_command)
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
    use_saved: bool,
    will_save: bool,
    name: str,
) -> tuple[Any, bool]:
    """Merge flags over the answers file (over the saved profile, when chosen); ask for the
    rest if allowed. Every answer keeps its origin."""
    from billing_career.planning.profile import (
        build_profile,
        load_answers_file,
        load_saved,
        missing_error,
        missing_required,
        profile_path,
    )

    answered: dict[str, Any] = {}
    origins: dict[str, str] = {}
    if answers_file is not None:
        answered = load_answers_file(answers_file, today=today)
        origins = dict.fromkeys(answered, "answers-file")
    answered.update(given)
    origins.update(dict.fromkeys(given, "flag"))
    # The saved profile is read only when the person may choose it (the questionnaire's first
    # screen, or --use-saved), and before a --save: a corrupt one stops the run (naming the
    # file) rather than being replaced. The same flags give the same plan whatever is saved.
    saved = None
    if interactive or use_saved or will_save:
        try:
            path = profile_path(name)
        except BcareerError:
            path = None
        saved = None if path is None else load_saved(path)
    if interactive:
        from billing_career.cli.questionnaire import (
            ask_missing,
            confirm_past,
            review,
            use_saved_screen,
            without_orphans,
        )

        asked = False
        defaults: dict[str, Any] = {}
        if saved and any(name not in answered for name in saved):
            before = dict(answered)
            answered, defaults, asked = use_saved_screen(kb.questions, saved, answered)
            origins.update({key: "saved" for key in answered if key not in before})
        new = ask_missing(kb.questions, answered, defaults, today=today)
        origins.update(dict.fromkeys(new, "asked"))
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
            again = ask_missing(kb.questions, answered, {}, today=today, only=frozenset({"start"}))
            answered.update(again)
            origins.update(dict.fromkeys(again, "asked"))
        reviewed = asked or any(name != "start" for name in new)
        if reviewed:
            before = dict(answered)
            answered = review(kb.questions, answered, today=today)
            origins.update(
                {
                    key: "asked"
                    for key, value in answered.items()
                    if key not in before or before[key] != value
                }
            )
    else:
        reviewed = False
        if use_saved:
            used = {key: value for key, value in (saved or {}).items() if key not in answered}
            _say_used(kb, name, used)
            answered = {**used, **answered}
            origins.update(dict.fromkeys(used, "saved"))
        missing = missing_required(answered)
        if missing:
            raise missing_error(missing)
    return build_profile(answered, today=today, origins=origins), reviewed


def _say_used(kb: KnowledgeBase, name: str, used: dict[str, Any]) -> None:
    """One line on stderr naming the saved answers a --use-saved run used."""
    from billing_career.cli.questionnaire import answer_text, short_name

    if not used:
        sys.stderr.write(f"No saved answers used: profile '{name}' has none these flags lack.\n")
        return
    parts = [
        f"{short_name(question).lower()}: {_lower_yes_no(answer_text(question, used[question.id]))}"
        for question in kb.questions.questions
        if question.id in used
    ]
    sys.stderr.write(f"Using saved answers (profile '{name}'): {', '.join(parts)}.\n")


def _lower_yes_no(text: str) -> str:
    """'yes' and 'no' inside a sentence; other labels (GED, CBCS) as they are."""
    return text.lower() if text in {"Yes", "No"} else text
