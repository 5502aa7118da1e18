"""The entry point: register every command, run the app, map every error to an exit code."""

from __future__ import annotations

import copy
import os
import sys

import typer

# Importing the command modules registers their commands on `app`.
from billing_career.cli import aid, compare, cost, data, guide, plan, profile, programs, renew
from billing_career.cli.app import app
from billing_career.errors import BcareerError, ExitCode

COMMAND_MODULES = (aid, compare, cost, data, guide, plan, profile, programs, renew)

DEBUG_ENV = "BCAREER_DEBUG"


# An error echoes what was typed; a pasted 100,000-character value must not become the message.
MAX_WORD = 200
MAX_MESSAGE = 500


def _one_line(text: str) -> str:
    words = [
        word if len(word) <= MAX_WORD else f"{word[:120]}...{word[-40:]}" for word in text.split()
    ]
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


# Options that may come before the command; the value of --data-dir is not a command name.
_GLOBAL_FLAGS = frozenset({"--no-color", "--no-pager"})
_GLOBAL_WITH_VALUE = frozenset({"--data-dir"})


def _for_command(typer_app: typer.Typer, args: list[str]) -> typer.Typer:
    """The app with only the command args name, when they plainly name one; for the top-level
    --help alone, the app with every command as a stand-in that has its name and help but no
    options.

    Typer builds the options of every command at each start: building the twenty-odd a command
    line does not use is about 4% of a command's start, and a tenth of `bcareer --help`.
    Anything out of the ordinary (an unknown option or command, --version, shell completion)
    gets the whole app, so listings, suggestions and completion still see every command.
    """
    if any(name.endswith("_COMPLETE") for name in os.environ):
        return typer_app
    wanted = None
    asks_help = False
    index = 0
    while index < len(args):
        token = args[index]
        if token in _GLOBAL_WITH_VALUE:
            index += 2
            continue
        if token in _HELP:
            asks_help = True
        elif not (token in _GLOBAL_FLAGS or token.split("=", 1)[0] in _GLOBAL_WITH_VALUE):
            if not token.startswith("-"):
                wanted = token
            break
        index += 1
    if wanted is None:
        complete = index >= len(args)
        return _listing(typer_app) if asks_help and complete else typer_app
    commands = [info for info in typer_app.registered_commands if _name(info) == wanted]
    groups = [info for info in typer_app.registered_groups if info.name == wanted]
    if asks_help or (not commands and not groups):
        return typer_app
    chosen = copy.copy(typer_app)
    chosen.registered_commands = commands
    chosen.registered_groups = groups
    return chosen


_HELP = frozenset({"-h", "--help"})


def _name(info: typer.models.CommandInfo) -> str | None:
    if info.callback is None:
        return None
    return info.name or typer.main.get_command_name(info.callback.__name__)


def _listing(typer_app: typer.Typer) -> typer.Typer:
    """typer_app with each command (and each group's commands) replaced by a stand-in with the
    same name and help and no options: all a list of commands shows."""
    listing = copy.copy(typer_app)
    listing.registered_commands = [_stand_in(info) for info in typer_app.registered_commands]
    listing.registered_groups = []
    for group in typer_app.registered_groups:
        stand_in = copy.copy(group)
        if group.typer_instance is not None:
            stand_in.typer_instance = _listing(group.typer_instance)
        listing.registered_groups.append(stand_in)
    return listing


def _stand_in(info: typer.models.CommandInfo) -> typer.models.CommandInfo:
    original = info.callback
    if original is None:
        return info

    def command() -> None:
        """Never run: only listed."""

    command.__name__ = original.__name__
    command.__doc__ = original.__doc__
    stand_in = copy.copy(info)
    stand_in.callback = command
    return stand_in


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
        chosen = _for_command(app, sys.argv[1:] if argv is None else argv)
        _resolve_annotations(chosen)
        result = chosen(args=argv, prog_name="bcareer", standalone_mode=False)
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
        _report(
            f"Unexpected error: {type(error).__name__}: {error}. "
            f"Rerun with {DEBUG_ENV}=1 to see the details."
        )
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
