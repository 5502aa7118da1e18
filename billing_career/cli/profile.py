"""`bcareer profile show|reset`: the answers `bcareer plan` saved for next time."""

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
    help="See or remove the answers 'bcareer plan' saved.",
    epilog=("\b\nExamples:\n  bcareer profile show\n  bcareer profile reset --yes"),
    no_args_is_help=True,
    rich_markup_mode=None,
    cls=PlainGroup,
)
app.add_typer(profile_app, name="profile")


@profile_app.command(
    "show",
    epilog=("\b\nExamples:\n  bcareer profile show\n  bcareer profile show --json"),
)
def profile_show(data_dir: DataDirOption = None, as_json: JsonOption = False) -> None:
    """Show the saved answers and where they are kept."""
    from billing_career.planning.profile import load_saved, profile_path

    path = profile_path()
    saved = load_saved(path)
    if as_json:
        from billing_career.planning.saved import saved_answers
        from billing_career.render.output import emit_json

        emit_json(saved_answers(path, saved))
        return
    if saved is None:
        sys.stderr.write(
            for_stderr(f"No saved profile (it would be {path}). Run 'bcareer plan' to make one.\n")
        )
        return
    from billing_career.render.plan import render_profile

    render_profile(path, saved, knowledge(data_dir), no_color=GLOBAL.no_color)


@profile_app.command(
    "reset",
    epilog=("\b\nExamples:\n  bcareer profile reset\n  bcareer profile reset --yes"),
)
def profile_reset(
    yes: Annotated[
        bool, typer.Option("--yes", "-y", "--force", help="Remove without asking.")
    ] = False,
    no_input: Annotated[
        bool,
        typer.Option(
            "--no-input", envvar="BCAREER_NO_INPUT", help="Never ask (then --yes is needed)."
        ),
    ] = False,
) -> None:
    """Remove the saved answers (asks first; the answer defaults to No)."""
    from billing_career.cli.app import can_prompt
    from billing_career.errors import UsageError
    from billing_career.planning.profile import profile_path, reset_profile

    path = profile_path()
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
