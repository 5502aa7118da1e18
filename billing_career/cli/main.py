"""The full entry point: register the command asked for, run the app, map errors to exit codes."""

from __future__ import annotations

import copy
import errno
import functools
import importlib
import os
import sys
import typing
from pathlib import Path
from typing import Any, TextIO

import typer

from billing_career.cli import app as shell
from billing_career.errors import (
    BcareerError,
    ExitCode,
    OperationError,
    Terminated,
    UsageError,
    one_line,
    shown,
)

# The module whose import registers each command on the app. Only the one a command line names
# is imported: importing all of them is a few percent of every start.
COMMAND_MODULES: dict[str, str] = {
    "plan": "plan",
    "report": "report",
    "compare": "compare",
    "cost": "cost",
    "aid": "aid",
    "programs": "programs",
    "salary": "guide",
    "outlook": "guide",
    "paths": "guide",
    "about": "guide",
    "faq": "guide",
    "resources": "guide",
    "renew": "renew",
    "sources": "guide",
    "profile": "profile",
    "data": "data",
}


def register(names: list[str] | None = None) -> typer.Typer:
    """The app with the commands named registered (all of them without names)."""
    modules = (
        set(COMMAND_MODULES.values()) if names is None else {COMMAND_MODULES[n] for n in names}
    )
    for module in sorted(modules):
        importlib.import_module(f"billing_career.cli.{module}")
    return shell.app


def __getattr__(name: str) -> Any:
    # `main.app` is the whole app, every command registered (for tools that walk it).
    if name == "app":
        return register()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


DEBUG_ENV = "BCAREER_DEBUG"


def _say(text: str) -> None:
    """Write to stderr, if there is one: with stderr closed (`2>&-`) the exit code still tells."""
    from billing_career.cli.app import for_stderr

    try:
        sys.stderr.write(for_stderr(text))
        sys.stderr.flush()
    except (AttributeError, OSError, ValueError):
        pass


def _report(message: str) -> None:
    _say(f"Error: {one_line(message)}\n")


def _resolve_annotations(typer_app: typer.Typer) -> None:
    """Turn each command's string annotations (from `from __future__ import annotations`) into
    objects, once. Typer reads every command's signature twice per start (inspect.signature
    with eval_str, then get_type_hints), and evaluating the strings each time was half the cost
    of building the app: ~6 ms, on every command and on --help. Each option's callback and
    completion function is read the same way (some twenty on `plan`), so theirs are too."""
    functions = [info.callback for info in typer_app.registered_commands]
    if typer_app.registered_callback is not None:
        functions.append(typer_app.registered_callback.callback)
    for group in typer_app.registered_groups:
        functions.append(group.callback)
        if group.typer_instance is not None:
            _resolve_annotations(group.typer_instance)
    for function in functions:
        for hint in _resolved(function).values():
            for info in getattr(hint, "__metadata__", ()):
                for helper in (
                    getattr(info, "callback", None),
                    getattr(info, "autocompletion", None),
                ):
                    _resolved(helper)


def _resolved(function: Any) -> dict[str, Any]:
    """function's annotations, its strings evaluated (and kept so) the first time."""
    annotations = getattr(function, "__annotations__", None)
    if not annotations:
        return {}
    if any(isinstance(value, str) for value in annotations.values()):
        annotations = function.__annotations__ = typing.get_type_hints(
            function, include_extras=True
        )
    return dict(annotations)


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
    if _completing():
        return typer_app
    wanted, asks_help, complete = _scan(args)
    if wanted is None:
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


def _completing() -> bool:
    """Shell completion is asking: it must see every command."""
    return any(name.endswith("_COMPLETE") for name in os.environ)


def _scan(args: list[str]) -> tuple[str | None, bool, bool]:
    """(the command args name, if plainly one; whether --help comes before it; whether nothing
    but global options and --help was given)."""
    index = 0
    asks_help = False
    while index < len(args):
        token = args[index]
        if token in _GLOBAL_WITH_VALUE:
            index += 2
            continue
        if token in _HELP:
            asks_help = True
        elif not (token in _GLOBAL_FLAGS or token.split("=", 1)[0] in _GLOBAL_WITH_VALUE):
            return (None if token.startswith("-") else token), asks_help, False
        index += 1
    return None, asks_help, True


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


def _refuse_shell_names(argv: list[str]) -> None:
    """--install-completion takes no value; Typer would take a shell name after it (tcsh) for a
    command, ignore it and install for the shell it detects: refuse it instead."""
    for index, word in enumerate(argv[:-1]):
        following = argv[index + 1]
        if word == "--install-completion" and not following.startswith("-"):
            raise UsageError(
                f"--install-completion takes no shell name (got '{shown(following)}').",
                "Run it from the shell to set up: bash, zsh, fish or PowerShell "
                "(other shells, such as tcsh, are not supported).",
            )


# The Click command built for each shape of command line (see _command).
_BUILT: dict[tuple[Any, ...], Any] = {}


def _command(typer_app: typer.Typer, args: list[str]) -> Any:
    """The Click command that runs args: built from the app (as Typer does at each call), or the
    one built before for the same commands and the same shape of command line.

    Building it is a pure function of the registered commands: their options, and a validator
    for each option that Typer makes on first use. One run builds it once, as before; a process
    that runs the app again (the test suite, a caller that embeds bcareer) reuses it, which
    saves about a fifth of a plan's in-process time."""
    key = (
        _scan(args),
        _completing(),
        tuple(id(info.callback) for info in typer_app.registered_commands),
        tuple(id(group.typer_instance) for group in typer_app.registered_groups),
    )
    built = _BUILT.get(key)
    if built is None:
        chosen = _for_command(typer_app, args)
        _resolve_annotations(chosen)
        built = _BUILT[key] = typer.main.get_command(chosen)
        _plain_coercion(built)
    return built


# What pydantic's bool takes from text (an environment variable such as BCAREER_NO_INPUT=1).
_TRUE = frozenset({"1", "on", "t", "true", "y", "yes"})
_FALSE = frozenset({"0", "off", "f", "false", "n", "no"})


def _plain_coercion(command: Any) -> None:
    """Give every option and argument of command (and of its subcommands, and their --help) a
    coercion of its value without pydantic, for the types bcareer's options have (text, paths,
    whole and decimal numbers, yes/no, lists of text): the values, and the messages for bad
    ones, are the ones Typer's own coercion gives.

    Typer coerces each value with a pydantic TypeAdapter it builds on first use; importing
    pydantic for that is about a third of every command's start, spent turning strings into
    strings. A type not listed here keeps Typer's own coercion."""
    for param in getattr(command, "params", ()):
        _give_plain_coercion(param)
    made_help = getattr(command, "get_help_option", None)
    if made_help is not None:

        def get_help_option(ctx: Any) -> Any:
            option = made_help(ctx)
            _give_plain_coercion(option)
            return option

        # --help is made on first use (it needs the context); its value is coerced too.
        command.get_help_option = get_help_option
    for sub in getattr(command, "commands", {}).values():
        _plain_coercion(sub)


def _give_plain_coercion(param: Any) -> None:
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None or getattr(param, "_runtime_param", True) is not None:
        return
    info = descriptor.parameter_info
    annotation: Any = descriptor.annotation
    item = annotation
    if typing.get_origin(annotation) is list and len(typing.get_args(annotation)) == 1:
        item = typing.get_args(annotation)[0]
    if info.parser is not None or info.clamp or descriptor.file_annotation or item not in _COERCE:
        return
    param._runtime_param = _plain_param()(info, annotation)


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def _yes_no(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE or text == "":
        return False
    raise ValueError("Input should be a valid boolean, unable to interpret input")


def _whole(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = _text(value).strip()
    # As pydantic's: ASCII digits only, and a whole number may be written "10.0".
    if text.isascii():
        whole, point, zeros = text.partition(".")
        if not point or (zeros and not zeros.strip("0")):
            try:
                return int(whole)
            except ValueError:
                pass
    raise ValueError("Input should be a valid integer, unable to parse string as an integer")


def _decimal(value: Any) -> float:
    if isinstance(value, float | int) and not isinstance(value, bool):
        return float(value)
    text = _text(value).strip()
    if text.isascii():  # as pydantic's: no other script's digits
        try:
            return float(text)
        except ValueError:
            pass
    raise ValueError("Input should be a valid number, unable to parse string as a number")


_COERCE: dict[Any, Any] = {str: _text, bool: _yes_no, int: _whole, float: _decimal, Path: Path}


@functools.cache
def _plain_param() -> type[Any]:
    """The RuntimeParam class of _plain_coercion (made on first use: Typer's module for it is
    loaded only with the command line)."""
    from typer._coercion import RuntimeParam
    from typer._param_types import coerce_cli_path

    class PlainParam(RuntimeParam):
        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            annotation: Any = self.annotation
            if typing.get_origin(annotation) is list:
                items = value if isinstance(value, list | tuple) else [value]
                kind = typing.get_args(annotation)[0]
                return [self._one(kind, item, param, ctx) for item in items]
            return self._one(annotation, value, param, ctx)

        def _one(self, kind: Any, value: Any, param: Any, ctx: Any) -> Any:
            info = self.parameter_info
            if kind is Path:
                path = value if isinstance(value, Path) else Path(_text(value))
                return coerce_cli_path(path, info, path_type=Path, param=param, ctx=ctx)
            try:
                coerced = _COERCE[kind](value)
            except ValueError as error:
                raise typer.BadParameter(str(error), ctx=ctx, param=param) from None
            if kind in (int, float):
                if info.min is not None and coerced < info.min:
                    raise typer.BadParameter(
                        f"Input should be greater than or equal to {info.min}",
                        ctx=ctx,
                        param=param,
                    )
                if info.max is not None and coerced > info.max:
                    raise typer.BadParameter(
                        f"Input should be less than or equal to {info.max}", ctx=ctx, param=param
                    )
            return coerced

    return PlainParam


def run(argv: list[str] | None = None) -> int:
    """Run the app on argv and return the exit code; never lets a traceback reach the user."""
    try:
        args = sys.argv[1:] if argv is None else argv
        _refuse_shell_names(args)
        wanted = _scan(args)[0]
        only = [wanted] if wanted in COMMAND_MODULES and not _completing() else None
        result = _command(register(only), args)(
            args=argv, prog_name="bcareer", standalone_mode=False
        )
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
    except Terminated as stop:
        # Asked to stop (SIGTERM, SIGHUP): cleanup has run on the way here; end quietly with the
        # code a shell expects of that signal.
        return 128 + stop.signum
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
        # failed, and the system's own words say why. A name too long is one no file can have:
        # a bad value given, as for any other bad path (usage).
        if os.environ.get(DEBUG_ENV):
            raise
        where = f" {error.filename}" if error.filename else ""
        _report(f"Cannot use{where}: {error.strerror or error}.")
        if error.errno == errno.ENAMETOOLONG:
            return int(ExitCode.USAGE)
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


class StandardOutput:
    """sys.stdout as the console script sees it: a failed write (a full disk, a stream the shell
    closed with `>&-`) is an error that names standard output, not a silent loss."""

    def __init__(self, stream: TextIO, *, closed: bool = False) -> None:
        self._stream = stream
        self._closed = closed

    def write(self, text: str) -> int:
        if self._closed:
            raise _output_error("it was closed")
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise _output_error(exc.strerror or str(exc)) from None

    def flush(self) -> None:
        if self._closed:
            return
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise _output_error(exc.strerror or str(exc)) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _output_error(why: str) -> OperationError:
    return OperationError(
        f"Cannot write to standard output: {why}.",
        "Send the output to a file or a pipe that takes it.",
    )


def _usable(stream: Any) -> bool:
    """Whether stream's encoding carries plain text as is, and replaces what it cannot encode
    (PYTHONIOENCODING=idna does neither: every message would be lost)."""
    sample = "Error: bcareer 1.0, $3,000 (see --help).\n"
    try:
        "\u2014 \u00e9".encode(stream.encoding, errors="replace")
        return bool(sample.encode(stream.encoding, errors="replace") == sample.encode("ascii"))
    except (LookupError, UnicodeError, TypeError, AttributeError, ValueError):
        return False


def _ignore(signum: int, frame: object) -> None:
    """A signal after the first: the run is already stopping."""


def _stop_on(signum: int, frame: object) -> None:
    import signal

    # Once is enough: a second signal of any kind (TERM and HUP together, a Ctrl-C after a TERM)
    # must not cut the cleanup short, e.g. inside a lock's release. A handler that does nothing,
    # not SIG_IGN: a signal that arrived while this one ran would find SIG_IGN in place, and
    # Python says so on stderr ("Signal 15 ignored due to race condition").
    for other in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(other, _ignore)
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise Terminated(signum)


def _handle_stop_signals() -> None:
    """SIGTERM and SIGHUP unwind like Ctrl-C (SIGINT): temp files removed, workers ended, no
    traceback; whichever comes first wins, and the others that follow are let go."""
    import signal

    for signum, default in (
        (signal.SIGINT, signal.default_int_handler),
        (signal.SIGTERM, signal.SIG_DFL),
        (signal.SIGHUP, signal.SIG_DFL),
    ):
        try:
            if signal.getsignal(signum) is default:
                signal.signal(signum, _stop_on)
        except (OSError, ValueError):  # not the main thread, or a platform without it
            pass


def main() -> None:
    """Console-script entry point."""
    # bcareer uses no pydantic plugins; looking for them scans every installed package's entry
    # points (about 12 ms, 5% of a command) the first time a model is used.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    _handle_stop_signals()
    # A stream closed by the shell (`<&-`, `2>&-`) is None in Python: give it the null device,
    # so every isatty() and write() works and the exit code still tells what happened. Output
    # meant for a closed stdout is an error, though: it would be lost.
    stdout_closed = sys.stdout is None
    if sys.stdin is None:
        sys.stdin = open(os.devnull)  # noqa: SIM115
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115
    for stream in (sys.stdout, sys.stderr):
        if not hasattr(stream, "reconfigure"):
            continue
        if _usable(stream):
            # A terminal that cannot encode a character gets a replacement, not a crash.
            stream.reconfigure(errors="replace")
        else:
            # An encoding that cannot carry plain text would silence every message.
            stream.reconfigure(encoding="utf-8", errors="replace")
    sys.stdout = StandardOutput(sys.stdout, closed=stdout_closed)
    code = run()
    try:
        # Flush here, not at exit, so a reader that went away is seen while we can still
        # handle it.
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    except BcareerError as error:
        _report(str(error))
        code = code or int(error.exit_code)
        _silence_stdout()
    except (OSError, ValueError):
        pass
    # Ending the interpreter collects the garbage of a heap about to vanish anyway (typer, the
    # knowledge base, prompt_toolkit): a tenth of a second and more after the last line is
    # shown. Frozen, the collector leaves it be; atexit handlers and the final flushes still run.
    import gc

    gc.freeze()
    sys.exit(code)
