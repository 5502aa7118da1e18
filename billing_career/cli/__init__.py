"""The command line: parse, call the core, render, and map every error to an exit code."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from billing_career import __version__
from billing_career.errors import BcareerError, ExitCode

if TYPE_CHECKING:
    from billing_career.knowledge.models import KnowledgeBase

DEBUG_ENV = "BCAREER_DEBUG"

# The order `bcareer --help` lists commands in: the plan first, then the questions people ask
# in the order they ask them, then housekeeping. Commands not named here follow, in any order.
COMMAND_ORDER = (
    "plan", "compare", "cost", "aid", "programs", "salary", "outlook", "paths", "about",
    "faq", "resources", "renew", "sources", "profile", "data",
)


class _OrderedGroup(TyperGroup):
    """Lists commands in COMMAND_ORDER instead of the order their modules were imported."""

    # Any: the parameter is Typer's vendored Click context, which Typer does not export.
    def list_commands(self, ctx: Any) -> list[str]:
        names = super().list_commands(ctx)
        rank = {name: index for index, name in enumerate(COMMAND_ORDER)}
        return sorted(names, key=lambda name: rank.get(name, len(rank)))


app = typer.Typer(
    name="bcareer",
    cls=_OrderedGroup,
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


# An error echoes what was typed; a pasted 100,000-character value must not become the message.
MAX_WORD = 200
MAX_MESSAGE = 500


def _one_line(text: str) -> str:
    words = [word if len(word) <= MAX_WORD else f"{word[:120]}...{word[-40:]}"
             for word in text.split()]
    line = " ".join(words)
    if len(line) > MAX_MESSAGE:
        # Keep the start (what is wrong) and the end (what to do).
        line = f"{line[:250]} ... {line[-240:]}"
    return line


def _say(text: str) -> None:
    """Write to stderr, if there is one: with stderr closed (`2>&-`) the exit code still tells."""
    try:
        sys.stderr.write(text)
        sys.stderr.flush()
    except (AttributeError, OSError, ValueError):
        pass


def _report(message: str) -> None:
    _say(f"Error: {_one_line(message)}\n")


def _resolve_annotations(typer_app: typer.Typer) -> None:
    """Turn each command's string annotations (from `from __future__ import annotations`) into
    objects, once. Typer reads every command's signature twice per start (inspect.signature
    with eval_str, then get_type_hints), and evaluating the strings each time was half the cost
    of building the app: ~6 ms, on every command and on --help."""
    import typing

    functions = [info.callback for info in typer_app.registered_commands]
    if typer_app.registered_callback is not None:
        functions.append(typer_app.registered_callback.callback)
    for group in typer_app.registered_groups:
        functions.append(group.callback)
        if group.typer_instance is not None:
            _resolve_annotations(group.typer_instance)
    for function in functions:
        annotations = getattr(function, "__annotations__", None)
        if annotations and any(isinstance(value, str) for value in annotations.values()):
            function.__annotations__ = typing.get_type_hints(function, include_extras=True)


def _silence_stdout() -> None:
    """Point stdout at the null device, so what is still buffered for a reader that left is
    dropped quietly, also at exit (Python would otherwise print 'Exception ignored ...')."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (AttributeError, OSError, ValueError):  # no real file behind stdout (tests)
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115


def run(argv: list[str] | None = None) -> int:
    """Run the app on argv and return the exit code; never lets a traceback reach the user."""
    try:
        _resolve_annotations(app)
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
        message = error.format_message().rstrip()
        if message and message[-1] not in ".!?":
            message += "."
        _report(f"{message} See '{command} --help'.")
        return int(getattr(error, "exit_code", ExitCode.USAGE))
    except typer.Abort:
        _report("Aborted.")
        return int(ExitCode.INTERRUPTED)
    except KeyboardInterrupt:
        _say("\nInterrupted.\n")
        return int(ExitCode.INTERRUPTED)
    except BrokenPipeError:
        # The reader went away (`| head` has what it wanted): not a failure of ours.
        _silence_stdout()
        return int(ExitCode.OK)
    except SystemExit as error:
        # Typer meets a closed pipe with sys.exit(1) from inside its `except OSError`; that is
        # the same reader going away, so it ends the same way.
        if isinstance(error.__context__, BrokenPipeError):
            _silence_stdout()
            return int(ExitCode.OK)
        raise
    except OSError as error:
        # A path the system refuses (too long, a loop of links, a full disk): the operation
        # failed, and the system's own words say why.
        if os.environ.get(DEBUG_ENV):
            raise
        where = f" {error.filename}" if error.filename else ""
        _report(f"Cannot use{where}: {error.strerror or error}.")
        return int(ExitCode.FAILURE)
    except Exception as error:
        if os.environ.get(DEBUG_ENV):
            raise
        _report(f"Unexpected error: {type(error).__name__}: {error}. "
                f"Rerun with {DEBUG_ENV}=1 to see the details.")
        return int(ExitCode.FAILURE)
    if result == ExitCode.INTERRUPTED:
        # Typer turns a KeyboardInterrupt inside a command into a silent Exit(130); say so, as
        # for one anywhere else (the newline ends the "^C" the terminal echoed).
        _say("\nInterrupted.\n")
    return result if isinstance(result, int) else int(ExitCode.OK)


def main() -> None:
    """Console-script entry point."""
    # bcareer uses no pydantic plugins; looking for them scans every installed package's entry
    # points (about 12 ms, 5% of a command) the first time a model is used.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # A stream closed by the shell (`<&-`, `2>&-`) is None in Python: give it the null device,
    # so every isatty() and write() works and the exit code still tells what happened.
    if sys.stdin is None:
        sys.stdin = open(os.devnull)  # noqa: SIM115
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115
    # A terminal that cannot encode a character gets a replacement, not a crash.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    code = run()
    try:
        # Flush here, not at exit, so a reader that went away is seen while we can still
        # handle it.
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    except (OSError, ValueError):
        pass
    sys.exit(code)


# Importing the command modules registers their commands on `app`.
from billing_career.cli import aid as _aid  # noqa: E402, F401
from billing_career.cli import compare as _compare  # noqa: E402, F401
from billing_career.cli import cost as _cost  # noqa: E402, F401
from billing_career.cli import data as _data  # noqa: E402, F401
from billing_career.cli import guide as _guide  # noqa: E402, F401
from billing_career.cli import plan as _plan  # noqa: E402, F401
from billing_career.cli import profile as _profile  # noqa: E402, F401
from billing_career.cli import programs as _programs  # noqa: E402, F401
from billing_career.cli import renew as _renew  # noqa: E402, F401
