"""The Typer app, its global options, and the knowledge base every command reads."""

from __future__ import annotations

import os
import re
import sys
from datetime import UTC, date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from billing_career import __version__

if TYPE_CHECKING:
    from billing_career.knowledge.models import KnowledgeBase

# The order `bcareer --help` lists commands in: the plan first, then the questions people ask
# in the order they ask them, then housekeeping. Commands not named here follow, in any order.
COMMAND_ORDER = (
    "plan",
    "report",
    "compare",
    "cost",
    "aid",
    "programs",
    "salary",
    "outlook",
    "paths",
    "about",
    "faq",
    "resources",
    "renew",
    "sources",
    "profile",
    "data",
)


# Options of the whole app that a person may also type after the command name
# (`bcareer plan --no-color`), as git and gh allow: the root's own options, by parameter name.
GLOBAL_OPTION_NAMES = ("data_dir", "no_color", "no_pager")


class PlainGroup(TyperGroup):
    """A group whose command list shows each summary whole, wrapped rather than cut short
    with "..." on a narrow terminal."""

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=10_000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


class _OrderedGroup(PlainGroup):
    """The root command: lists commands in COMMAND_ORDER, lends its global options to every
    command, and gives every command plain help (see _PlainHelpContext)."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        shared = [param for param in self.params if param.name in GLOBAL_OPTION_NAMES]
        _spread(self, shared)

    # Any: the parameter is Typer's vendored Click context, which Typer does not export.
    def list_commands(self, ctx: Any) -> list[str]:
        names = super().list_commands(ctx)
        rank = {name: index for index, name in enumerate(COMMAND_ORDER)}
        return sorted(names, key=lambda name: rank.get(name, len(rank)))

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        # A new run starts from no global choices (in-process runs reuse the module).
        GLOBAL.reset()
        return super().parse_args(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        try:
            on_terminal = sys.stdout.isatty()
        except (AttributeError, ValueError):  # a closed or replaced stream
            on_terminal = False
        if not on_terminal:  # piped: no pager, and no terminal module to import for it
            return super().invoke(ctx)
        from billing_career.render.terminal import paging

        # What a command prints for people goes through the pager when it is longer than
        # the screen; JSON never does (it is written straight to stdout).
        with paging(lambda: not GLOBAL.no_pager):
            return super().invoke(ctx)


def _spread(node: Any, shared: list[Any]) -> None:
    """Give every command and group below node the shared options it does not declare itself,
    and plain help."""
    node.context_class = _PlainHelpContext
    for child in getattr(node, "commands", {}).values():
        declared = {opt for param in child.params for opt in param.opts}
        child.params.extend(param for param in shared if not declared.intersection(param.opts))
        _spread(child, shared)


class _PlainHelpContext(typer.Context):
    """A context whose help is written for people: see _PlainHelpFormatter."""

    def make_formatter(self) -> Any:
        return _PlainHelpFormatter(super().make_formatter())


# Typer's help shows a parameter's Python type (`CODE <list[str]>`), a required argument in
# braces (`{CODE}`), each number range as `[0<=x<=60]` and the environment variable that an
# option's own help already names. Rewritten here, before the text is wrapped, so every
# command (and any added later) reads plainly without each declaration working around it.
# Patterns compiled on first use (re keeps them): only help needs them, not a command's start.
_TYPE_NOTE = r" <[^<>]*>(?:\.\.\.)?"
_EXTRAS = r"\s*\[([^\[\]]*)\]$"
_RANGE = r"^(?:(?P<low>[-\d.]+)<=?)?x(?:(?P<op>>=?|<=?)(?P<bound>[-\d.]+))?$"


def _plain_number(text: str | None) -> str | None:
    """10000000 -> '10,000,000' (other text as it is)."""
    return f"{int(text):,}" if text is not None and text.isdigit() else text


def _plain_range(extra: str) -> str | None:
    """`0<=x<=60` -> '0 to 60', `x>=1` -> '1 or more'; None if extra is not a range."""
    match = re.match(_RANGE, extra.replace(" ", ""))
    if match is None:
        return None
    low, op, bound = (_plain_number(match.group(name)) for name in ("low", "op", "bound"))
    if low is not None and bound is not None:
        return f"{low} to {bound}"
    if op is not None and op.startswith(">"):
        return f"{bound} or more"
    if op is not None:
        return f"{bound} or less"
    return f"{low} or more"


def plain_definition(text: str) -> str:
    """An option's help without the environment-variable note and with ranges in words."""
    match = re.search(_EXTRAS, text)
    if match is None:
        return text
    kept = []
    for extra in match.group(1).split("; "):
        if extra.startswith("env var:"):
            continue
        kept.append(_plain_range(extra) or extra)
    body = text[: match.start()]
    return f"{body}  [{'; '.join(kept)}]" if kept else body


def plain_term(text: str) -> str:
    """An option or argument name without Typer's type note."""
    return re.sub(_TYPE_NOTE, "", text)


def plain_usage(text: str) -> str:
    """A usage line without braces around required arguments."""
    return re.sub(r"\{([^{}]*)\}", r"\1", text)


# Help is as wide as the terminal, up to Click's 80 columns, less Click's margin of 2; never
# narrower than this, where no sentence would fit.
_HELP_MAX_WIDTH = 80
_HELP_MIN_WIDTH = 20
# An example line in a help text: the command, then (after two spaces or more) what it does.
_EXAMPLE = r"^(?P<indent>\s*)(?P<command>bcareer(?:\S| (?! ))*)(?:\s{2,}(?P<what>.*))?$"


def help_width() -> int:
    """The width help is wrapped to: the terminal's, up to 80 columns, less a margin of 2."""
    import shutil

    columns = shutil.get_terminal_size().columns
    return max(min(columns, _HELP_MAX_WIDTH) - 2, _HELP_MIN_WIDTH)


def wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """Text wrapped at spaces only: never at a hyphen (`quick-entry` stays whole) and never
    inside a word (a word longer than the line gets a line of its own)."""
    import textwrap

    lines = textwrap.wrap(
        text,
        width=max(width, len(first) + 1, len(rest) + 1),
        initial_indent=first,
        subsequent_indent=rest,
        break_on_hyphens=False,
        break_long_words=False,
    )
    return lines or [first.rstrip()]


def for_stderr(text: str) -> str:
    """A status or error message as a person's terminal shows it: each line wrapped at spaces
    to the terminal's width (never inside a word or at a value's hyphen), wrapped lines
    indented by 2. Piped or redirected, each message stays one line, for scripts and logs."""
    try:
        on_terminal = sys.stderr.isatty()
    except (AttributeError, ValueError):
        on_terminal = False
    if not on_terminal:
        return text
    import shutil

    columns = shutil.get_terminal_size().columns
    width = columns if columns >= _HELP_MIN_WIDTH else _HELP_MAX_WIDTH
    lines = [
        "\n".join(wrap(line, width - 1, "", "  ")) if len(line) >= width else line
        for line in text.split("\n")
    ]
    return "\n".join(lines)


class _PlainHelpFormatter:
    """Click's help formatter, with each usage line and definition row made plain first, and
    every text wrapped to the terminal at spaces only (see wrap): help texts and epilogs are
    written as paragraphs, never pre-wrapped, and reflow to any width."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        inner.width = help_width()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    @property
    def width(self) -> int:
        return int(self._inner.width)

    def _indent(self) -> str:
        return " " * int(self._inner.current_indent)

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        head = f"{prefix or 'Usage: '}{prog} "
        if len(head) + len(args.split(" ")[0]) > self.width:
            lines = [head.rstrip(), *wrap(plain_usage(args), self.width, "    ", "    ")]
        else:
            lines = wrap(plain_usage(args), self.width, head, " " * len(head))
        self._inner.write("\n".join(lines) + "\n")

    def write_text(self, text: str) -> None:
        indent = self._indent()
        blocks: list[str] = []
        for paragraph in re.split(r"\n[ \t]*\n", text.strip("\n")):
            # Click's convention: a line holding only \b starts a block kept line by line
            # (examples, a sample to copy); other paragraphs are prose, wrapped here.
            for index, part in enumerate(
                re.split(r"^[ \t]*\x08[ \t]*(?:\n|$)", paragraph, flags=re.M)
            ):
                if not part.strip():
                    continue
                if index == 0:
                    blocks.append(
                        "\n".join(wrap(" ".join(part.split()), self.width, indent, indent))
                    )
                else:
                    blocks.append(self._verbatim(part.strip("\n"), indent))
        self._inner.write("\n\n".join(blocks) + "\n")

    def _verbatim(self, block: str, indent: str) -> str:
        """A `\\b` block: its lines kept as lines (a heading, a sample to copy), except that an
        example's description wraps under it when the line is too narrow for both."""
        lines: list[str] = []
        examples = [re.match(_EXAMPLE, line) for line in block.splitlines()]
        # Descriptions line up after the longest command that has one.
        described = [len(m["indent"]) + len(m["command"]) for m in examples if m and m["what"]]
        column = max(described, default=0) + 2
        for line, match in zip(block.splitlines(), examples, strict=True):
            if match is None:
                lines.append(f"{indent}{line}" if line else "")
                continue
            start = indent + match["indent"]
            what = match["what"]
            if not what:
                lines.extend(wrap(match["command"], self.width, start, start + "    "))
            elif len(indent) + column + 20 <= self.width:
                first = (start + match["command"]).ljust(len(indent) + column)
                lines.extend(wrap(what, self.width, first, " " * (len(indent) + column)))
            else:
                lines.extend(wrap(match["command"], self.width, start, start + "    "))
                lines.extend(wrap(what, self.width, start + "    ", start + "    "))
        return "\n".join(lines)

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        plain = [(plain_term(term), plain_definition(text)) for term, text in rows]
        if not plain:
            return
        indent = self._indent()
        # On a narrow terminal a long option name gets a line of its own rather than
        # squeezing its description into a sliver.
        col_max = min(col_max, max(self.width // 3, 8))
        first_col = min(max(len(term) for term, _ in plain), col_max) + col_spacing
        out: list[str] = []
        for term, text in plain:
            if not text:
                out.extend(wrap(term, self.width, indent, indent + "  "))
                continue
            pad = " " * (len(indent) + first_col)
            if len(term) <= first_col - col_spacing:
                out.extend(wrap(text, self.width, (indent + term).ljust(len(pad)), pad))
            else:
                out.extend(wrap(term, self.width, indent, indent + "  "))
                out.extend(wrap(text, self.width, pad, pad))
        self._inner.write("\n".join(out) + "\n")


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
    """Options of the whole app, given before or after the command name."""

    data_dir: Path | None = None
    no_color: bool = False
    no_pager: bool = False

    def reset(self) -> None:
        self.data_dir = None
        self.no_color = False
        self.no_pager = False


GLOBAL = GlobalOptions()

DATA_DIR_ENV = "BCAREER_DATA_DIR"

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead of tables.")]
# A command's own --data-dir (it wins over the global one). BCAREER_DATA_DIR is read once, by
# the root's option into GLOBAL, so a --data-dir typed before the command wins over it too.
DataDirOption = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        metavar="FOLDER",
        help=f"Read figures from FOLDER instead of the bundled data (or set {DATA_DIR_ENV}).",
        show_default=False,
    ),
]


# The global options set GLOBAL as they are read, wherever they were typed: the root and
# every command share the same option (see _spread), and a value the command line did not
# give must not undo one it did.
def _set_data_dir(ctx: typer.Context, param: typer.CallbackParam, value: Path | None) -> None:
    if value is None or param.name is None:
        return
    source = ctx.get_parameter_source(param.name)
    # BCAREER_DATA_DIR is read again by the shared option at every level; only the root's
    # reading counts, so that a --data-dir typed anywhere wins over the environment.
    if getattr(source, "name", "") == "ENVIRONMENT" and ctx.parent is not None:
        return
    GLOBAL.data_dir = value


def _set_no_color(value: bool) -> None:
    if value:
        GLOBAL.no_color = True


def _set_no_pager(value: bool) -> None:
    if value:
        GLOBAL.no_pager = True


def _version_callback(value: bool) -> None:
    if value:
        sys.stdout.write(f"bcareer {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_version_callback,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir",
            envvar=DATA_DIR_ENV,
            metavar="FOLDER",
            help=f"Read figures from FOLDER instead of the bundled data (or set {DATA_DIR_ENV}).",
            show_default=False,
            show_envvar=False,
            expose_value=False,
            callback=_set_data_dir,
        ),
    ] = None,
    no_color: Annotated[
        bool,
        typer.Option(
            "--no-color",
            help="Turn color off (NO_COLOR=1 and TERM=dumb do too).",
            expose_value=False,
            callback=_set_no_color,
        ),
    ] = False,
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="Print long output straight to the terminal instead of through a pager.",
            expose_value=False,
            callback=_set_no_pager,
        ),
    ] = False,
) -> None:
    # The options above are read into GLOBAL by their callbacks; nothing is left to do.
    return None


NO_INPUT_ENV = "BCAREER_NO_INPUT"


def made_on_date(today: date) -> date:
    """The day a plan says it was made ("Made on ..."): today, or the day (UTC) of
    SOURCE_DATE_EPOCH where it is set to whole seconds, as reproducible builds set it, so a
    Markdown or HTML export made again from the same answers is the same file."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return today
    from datetime import datetime

    try:
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    except (OverflowError, OSError, ValueError):  # a value past what a date can hold
        return today


def can_prompt(no_input: bool) -> bool:
    """Ask questions only on a real terminal, both ways, when input is allowed (no --no-input,
    no BCAREER_NO_INPUT). isatty() is checked before stdin is ever read, so a silent pipe cannot
    hang the tool. Where questions will be asked, the garbage collector runs again."""
    if no_input or os.environ.get(NO_INPUT_ENV, "").strip().lower() in {"1", "true", "yes"}:
        return False
    try:
        asking = sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):  # a closed stream (`<&-`) is None, or closed
        return False
    if asking:
        from billing_career.cli import collector

        # Questions may go on for as long as the person likes, and the prompts leave cycles
        # behind: the start is over.
        collector.resume()
    return asking


def knowledge(data_dir: Path | None = None) -> KnowledgeBase:
    """Load the knowledge base from the command's --data-dir, the global one, or the bundle."""
    from billing_career.planning.load import load_knowledge

    return load_knowledge(data_dir or GLOBAL.data_dir)
