"""`bcareer salary | outlook | paths | faq | about | resources | sources`: the guide, looked up."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from billing_career.cli.answer_options import with_answer_options
from billing_career.cli.app import GLOBAL, DataDirOption, JsonOption, app, knowledge
from billing_career.cli.completion import experience_levels, state_codes, work_settings
from billing_career.knowledge.states import STATES_EXAMPLE

# The person's answers that change what `salary` shows (the band marked, pay against yours).
SALARY_ANSWERS = ("experience_years", "current_pay", "hours_per_week")


def user_folders(data_dir: Path | None) -> list[Path]:
    """Where a person's own files may be: the chosen data folder, then their user-data folder."""
    from billing_career.paths import user_data_dir

    chosen = data_dir or GLOBAL.data_dir
    folders = [chosen] if chosen is not None else []
    folders.append(user_data_dir())
    return folders


def salary(
    # The old spelling, by band name: still accepted, no longer shown (--experience-years is
    # the one name for experience in every command).
    experience: Annotated[
        str | None,
        typer.Option(
            "--experience",
            metavar="LEVEL",
            show_default=False,
            hidden=True,
            autocompletion=experience_levels,
            help="Mark an experience level: entry, early-career, mid-career, experienced.",
        ),
    ] = None,
    setting: Annotated[
        str | None,
        typer.Option(
            "--setting",
            metavar="SETTING",
            show_default=False,
            autocompletion=work_settings,
            help="Mark a work setting: hospitals, insurance-companies, physician-offices, "
            "outpatient-care-centers, remote-billing-services.",
        ),
    ] = None,
    state: Annotated[
        str | None,
        typer.Option(
            "--state",
            metavar="STATE",
            show_default=False,
            autocompletion=state_codes,
            help="Show your own pay rows for a state (two-letter code) from salary_states.yaml.",
        ),
    ] = None,
    data_dir: DataDirOption = None,
    as_json: JsonOption = False,
    **raw_answers: Any,
) -> None:
    """Pay by experience level, work setting and the hour, and the national median."""
    from billing_career.planning.profile import person_answers
    from billing_career.reference.salary import salary_view

    # The person's answers, parsed as `bcareer plan` parses them (one declaration).
    person = person_answers(raw_answers)
    kb = knowledge(data_dir)
    view = salary_view(
        kb,
        experience=experience,
        setting=setting,
        state=state,
        state_folders=user_folders(data_dir),
        experience_years=person.get("experience_years"),
        current_pay=person.get("current_pay"),
        hours_per_week=person.get("hours_per_week"),
    )
    if as_json:
        from billing_career.render.output import emit_json

        emit_json(view)
        return
    from billing_career.render.salary import render_salary

    render_salary(view, no_color=GLOBAL.no_color)


app.command(
    "salary",
    short_help="Pay by experience, work setting and the hour.",
    epilog=(
        "\b\nExamples:\n"
        "  bcareer salary\n"
        "  bcareer salary --experience-years 2 --setting hospitals\n"
        "  bcareer salary --state TX\n"
        "  bcareer salary --experience-years 2 --current-pay 17/h --hours-per-week 30\n"
        "  bcareer salary --json\n"
        "\nState figures: no state pay is bundled (the guide's state table is empty). "
        "Put your own rows in salary_states.yaml in your bcareer data folder or in "
        "--data-dir, like this:\n\n"
        "\b\n" + STATES_EXAMPLE.rstrip("\n")
    ),
)(with_answer_options(salary, SALARY_ANSWERS))


@app.command(
    "outlook",
    short_help="Jobs, projected growth and openings each year.",
    epilog="\b\nExamples:\n  bcareer outlook\n  bcareer outlook --json",
)
def outlook(data_dir: DataDirOption = None, as_json: JsonOption = False) -> None:
    """Employment, projected growth, annual openings and growth factors, with newer figures."""
    from billing_career.reference.outlook import outlook_view

    view = outlook_view(knowledge(data_dir))
    if as_json:
        from billing_career.render.output import emit_json

        emit_json(view)
        return
    from billing_career.render.guide import render_outlook

    render_outlook(view, no_color=GLOBAL.no_color)


@app.command(
    "paths",
    short_help="Where the career leads: specializations and advanced roles.",
    epilog="\b\nExamples:\n  bcareer paths\n  bcareer paths --json",
)
def paths(data_dir: DataDirOption = None, as_json: JsonOption = False) -> None:
    """Where the career leads: specializations, advanced roles and certifications, career paths."""
    from billing_career.reference.career_paths import paths_view

    view = paths_view(knowledge(data_dir))
    if as_json:
        from billing_career.render.output import emit_json

        emit_json(view)
        return
    from billing_career.render.guide import render_paths

    render_paths(view, no_color=GLOBAL.no_color)


@app.command(
    "about",
    short_help="What a medical billing specialist does, and what it takes.",
    epilog="\b\nExamples:\n  bcareer about\n  bcareer about --json",
)
def about(data_dir: DataDirOption = None, as_json: JsonOption = False) -> None:
    """What a medical billing specialist does, where, what it takes, and what the work is like."""
    from billing_career.reference.about import about_view

    view = about_view(knowledge(data_dir))
    if as_json:
        from billing_career.render.output import emit_json

        emit_json(view)
        return
    from billing_career.render.guide import render_about

    render_about(view, no_color=GLOBAL.no_color)


@app.command(
    "resources",
    short_help="Certification bodies, professional organizations, more to read.",
    epilog="\b\nExamples:\n  bcareer resources\n  bcareer resources --json",
)
def resources(data_dir: DataDirOption = None, as_json: JsonOption = False) -> None:
    """Certification bodies, professional organizations, industry resources, career development."""
    from billing_career.reference.resources import resources_view

    view = resources_view(knowledge(data_dir))
    if as_json:
        from billing_career.render.output import emit_json

        emit_json(view)
        return
    from billing_career.render.guide import render_resources

    render_resources(view, no_color=GLOBAL.no_color)


@app.command(
    "sources",
    short_help="Every source behind the figures, and the newer figures.",
    epilog="\b\nExamples:\n  bcareer sources\n  bcareer sources --json",
)
def sources(data_dir: DataDirOption = None, as_json: JsonOption = False) -> None:
    """Every source behind the figures, with its date, and every figure with a newer value."""
    from billing_career.reference.sources import sources_view

    view = sources_view(knowledge(data_dir))
    if as_json:
        from billing_career.render.output import emit_json

        emit_json(view)
        return
    from billing_career.render.guide import render_sources

    render_sources(view, no_color=GLOBAL.no_color)


@app.command(
    "faq",
    short_help="The guide's frequently asked questions, or a search in them.",
    epilog=(
        "\b\nExamples:\n"
        "  bcareer faq\n"
        "  bcareer faq 'work from home'\n"
        "  bcareer faq cost --limit 1 --json"
    ),
)
def faq(
    words: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="WORDS",
            show_default=False,
            help="Words to search for; leave out to list every question.",
        ),
    ] = None,
    limit: Annotated[
        int,
        typer.Option("--limit", min=1, metavar="N", help="Show at most N best matches."),
    ] = 3,
    data_dir: DataDirOption = None,
    as_json: JsonOption = False,
) -> None:
    """The guide's frequently asked questions: all of them, or the best matches for WORDS."""
    from billing_career.reference.faq import faq_lookup

    query = " ".join(words) if words else None
    result = faq_lookup(knowledge(data_dir), query, limit)
    if as_json:
        from billing_career.render.output import emit_json

        emit_json(result)
        return
    from billing_career.render.faq import render_faq

    render_faq(result, no_color=GLOBAL.no_color)
