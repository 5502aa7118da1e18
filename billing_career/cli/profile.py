"""`bcareer profile list|show|delete` (and `reset`, the old name of delete): saved answers."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from billing_career.cli.app import (
    GLOBAL,
    DataDirOption,
    JsonOption,
    PlainGroup,
    app,
    for_stderr,
    knowledge,
)

profile_app = typer.Typer(
    help="List, see or remove saved answers (one profile per person).",
    epilog=(
        "\b\nExamples:\n  bcareer profile list\n  bcareer profile show\n"
        "  bcareer profile show client-07\n  bcareer profile delete client-07 --yes"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
    cls=PlainGroup,
)
app.add_typer(profile_app, name="profile")


NameArgument = Annotated[
    str,
    typer.Argument(
        metavar="NAME",
        help="The profile: letters, digits, - and _ (as 'bcareer plan --profile NAME').",
        show_default=False,
    ),
]


@profile_app.command(
    "list",
    epilog=("\b\nExamples:\n  bcareer profile list\n  bcareer profile list --json"),
)
def profile_list(as_json: JsonOption = False) -> None:
    """List the saved profiles by name."""
    from billing_career.planning.profile import profile_names

    names = profile_names()
    if as_json:
        from billing_career.render.output import emit_json

        emit_json({"profiles": names})
        return
    if not names:
        sys.stderr.write("No saved profiles. 'bcareer plan --save' makes one.\n")
        return
    sys.stdout.write("".join(f"{name}\n" for name in names))


@profile_app.command(
    "show",
    epilog=("\b\nExamples:\n  bcareer profile show\n  bcareer profile show client-07 --json"),
)
def profile_show(
    name: NameArgument = "me", data_dir: DataDirOption = None, as_json: JsonOption = False
) -> None:
    """Show one profile's saved answers and where they are kept."""
    from billing_career.planning.profile import load_saved, profile_path

    path = profile_path(name)
    saved = load_saved(path)
    if as_json:
        from billing_career.planning.saved import saved_answers
        from billing_career.render.output import emit_json

        emit_json(saved_answers(path, saved))
        return
    if saved is None:
        sys.stderr.write(
            for_stderr(
                f"No saved profile '{name}' (it would be {path}). "
                f"Run 'bcareer plan --profile {name} --save' to make one.\n"
            )
        )
        return
    from billing_career.render.plan import render_profile

    render_profile(path, saved, knowledge(data_dir), no_color=GLOBAL.no_color)


# The options of both ways to remove a profile.
YesOption = Annotated[bool, typer.Option("--yes", "-y", "--force", help="Remove without asking.")]
NoInputOption = Annotated[
    bool,
    typer.Option("--no-input", envvar="BCAREER_NO_INPUT", help="Never ask (then --yes is needed)."),
]


@profile_app.command(
    "delete",
    epilog=("\b\nExamples:\n  bcareer profile delete client-07\n  bcareer profile delete me --yes"),
)
def profile_delete(
    name: NameArgument = "me",
    yes: YesOption = False,
    no_input: NoInputOption = False,
) -> None:
    """Remove one profile's saved answers (asks first; default No)."""
    _remove(name, yes=yes, no_input=no_input)


@profile_app.command(
    "reset",
    epilog=("\b\nExamples:\n  bcareer profile reset\n  bcareer profile reset --yes"),
)
def profile_reset(
    yes: YesOption = False,
    no_input: NoInputOption = False,
) -> None:
    """Remove profile 'me' (the old name of 'delete me')."""
    _remove("me", yes=yes, no_input=no_input)


def _remove(name: str, *, yes: bool, no_input: bool) -> None:
    """Remove a saved profile, asking first unless --yes."""
    from billing_career.cli.app import can_prompt
    from billing_career.errors import UsageError
    from billing_career.planning.profile import profile_path, reset_profile

    path = profile_path(name)
    if not path.exists() and not path.is_symlink():
        sys.stderr.write(for_stderr(f"No saved profile to remove ({path}).\n"))
        return
    if not yes:
        if not can_prompt(no_input):
            raise UsageError(
                f"Not removing {path} without confirmation.", "Rerun with --yes to remove it."
            )
        from billing_career.cli.questionnaire import confirm

        if not confirm(f"Remove your saved answers ({path})?", default=False):
            sys.stderr.write("Nothing removed.\n")
            return
    reset_profile(path)
    sys.stderr.write(for_stderr(f"Removed {path}.\n"))
