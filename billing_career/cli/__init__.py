"""The command line: parse, call the core, render, and map every error to an exit code."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from billing_career import __version__
from billing_career.errors import BcareerError, ExitCode

if TYPE_CHECKING:
    from billing_career.knowledge.models import KnowledgeBase

DEBUG_ENV = "BCAREER_DEBUG"

app = typer.Typer(
    name="bcareer",
    help=(
        "Plan a career as a US medical billing specialist: programs, certifications, costs, "
        "aid and pay, with the reasons for every recommendation. Works offline."
    ),
    epilog=(
        "\b\nExamples:\n"
        "  bcareer plan                       answer a few questions, get a dated plan\n"
        "  bcareer compare CPB CBCS           certifications side by side\n"
        "  bcareer cost --program online      what a path costs, item by item\n"
        "  bcareer data check                 validate the bundled figures"
    ),
    no_args_is_help=True,
    add_completion=True,
    # Plain help keeps --help fast and readable on any terminal; examples use \b paragraphs.
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class GlobalOptions:
    """Options given before the command, shared by every command."""

    data_dir: Path | None = None
    no_color: bool = False


GLOBAL = GlobalOptions()

JsonOption = Annotated[
    bool, typer.Option("--json", help="Print JSON on stdout instead of tables.")
]
DataDirOption = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        envvar="BCAREER_DATA_DIR",
        help="Read figures from this folder instead of the bundled data (env BCAREER_DATA_DIR).",
        show_default=False,
    ),
]
NoColorOption = Annotated[
    bool, typer.Option("--no-color", help="Turn colour off (NO_COLOR=1 and TERM=dumb do too).")
]


def _version_callback(value: bool) -> None:
    if value:
        sys.stdout.write(f"bcareer {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version_callback, is_eager=True,
                     help="Print the version and exit."),
    ] = False,
    data_dir: DataDirOption = None,
    no_color: NoColorOption = False,
) -> None:
    GLOBAL.data_dir = data_dir
    GLOBAL.no_color = no_color


def knowledge(data_dir: Path | None = None) -> KnowledgeBase:
    """Load the knowledge base from the command's --data-dir, the global one, or the bundle."""
    from billing_career.knowledge.loader import load_knowledge

    return load_knowledge(data_dir or GLOBAL.data_dir)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _report(message: str) -> None:
    sys.stderr.write(f"Error: {_one_line(message)}\n")
    sys.stderr.flush()


def run(argv: list[str] | None = None) -> int:
    """Run the app on argv and return the exit code; never lets a traceback reach the user."""
    try:
        result = app(args=argv, prog_name="bcareer", standalone_mode=False)
    except BcareerError as error:
        _report(str(error))
        return int(error.exit_code)
    except typer.TyperException as error:  # Click's usage errors, vendored by Typer
        context = getattr(error, "ctx", None)
        command = context.command_path if context is not None else "bcareer"
        if type(error).__name__ == "NoArgsIsHelpError" and context is not None:
            sys.stdout.write(context.get_help() + "\n")
            return int(ExitCode.USAGE)
        _report(f"{error.format_message()} See '{command} --help'.")
        return int(getattr(error, "exit_code", ExitCode.USAGE))
    except typer.Abort:
        _report("Aborted.")
        return int(ExitCode.INTERRUPTED)
    except KeyboardInterrupt:
        sys.stderr.write("\nInterrupted.\n")
        return int(ExitCode.INTERRUPTED)
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): nothing more to say, and nothing to flush.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return int(ExitCode.FAILURE)
    except Exception as error:
        if os.environ.get(DEBUG_ENV):
            raise
        _report(f"Unexpected error: {type(error).__name__}: {error}. "
                f"Rerun with {DEBUG_ENV}=1 to see the details.")
        return int(ExitCode.FAILURE)
    return result if isinstance(result, int) else int(ExitCode.OK)


def main() -> None:
    """Console-script entry point."""
    # A terminal that cannot encode a character gets a replacement, not a crash.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    sys.exit(run())


# Importing the command modules registers their commands on `app`.
from billing_career.cli import data as _data  # noqa: E402, F401
