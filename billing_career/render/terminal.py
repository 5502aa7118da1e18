"""Rich consoles and small shared renderables for people reading a terminal."""

from __future__ import annotations

import os
import re
import shlex
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TextIO

from rich.console import Console, ConsoleOptions, RenderResult
from rich.markup import escape
from rich.segment import Segment
from rich.table import Table

from billing_career.errors import escape_controls

if TYPE_CHECKING:
    from collections.abc import Iterable

# Lines of prose longer than this are hard to read: on a wider terminal the text stops here.
MAX_WIDTH = 100
PAGER_ENV = "BCAREER_PAGER"


# A width under this (COLUMNS=0, a mistyped COLUMNS=5) lays out nothing readable, or nothing at
# all: it is taken as unknown, and DEFAULT_WIDTH used.
MIN_WIDTH = 20
DEFAULT_WIDTH = 80
# Past any real terminal: a COLUMNS=99999 would have every table padded to that width.
MAX_COLUMNS = 1000

# The style codes that may close a line, after the spaces Rich pads it with.
_CLOSING_CODES = re.compile(r"(?:\x1b\[[0-9;]*m)*$")


def trim_padding(text: str) -> str:
    """text minus the spaces Rich pads each line with (tables and titles fill their whole
    width), up to its end or the style codes that close it. Line by line, in linear time: a
    pattern over the whole text backtracks over every run of spaces not at a line's end."""
    lines = text.split("\n")
    for index in range(len(lines) - 1):  # the text after the last newline is not a line yet
        line = lines[index]
        if not line.endswith(" ") and not line.endswith("m"):
            continue
        codes = _CLOSING_CODES.search(line)
        end = codes.start() if codes is not None else len(line)
        lines[index] = line[:end].rstrip(" ") + line[end:]
    return "\n".join(lines)


class TrimmedStream:
    """stdout or stderr (looked up at each write, as Rich does, so redirection still works),
    minus the spaces Rich pads each line with: piped text has no trailing blanks."""

    def __init__(self, *, stderr: bool = False) -> None:
        self._stderr = stderr

    @property
    def stream(self) -> TextIO:
        stream = sys.stderr if self._stderr else sys.stdout
        # While a progress bar redirects a stream to its console, write past the redirection
        # (to what it wraps), as Rich's own consoles do; else each write would come back here.
        proxied: TextIO = getattr(stream, "rich_proxied_file", stream)
        return proxied

    def write(self, text: str) -> int:
        trimmed = trim_padding(text)
        if _held is not None and not self._stderr:
            return _held.hold(trimmed, stderr=False)
        return self.stream.write(trimmed)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def encoding(self) -> str:
        return getattr(self.stream, "encoding", None) or "utf-8"


class SafeConsole(Console):
    """A Console that never sends a control character from text to the terminal: an escape
    sequence in a data file, a user's catalog or a CSV cell is shown as written (\\x1b[...),
    never run. Rich's own cursor moves (control segments) and styles pass as they are."""

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        return super()._render_buffer(
            segment if segment.control else Segment(escape_controls(segment.text), segment.style)
            for segment in buffer
        )


def make_console(*, stderr: bool = False, no_color: bool = False) -> Console:
    """A console that honors --no-color, NO_COLOR and TERM=dumb, never wraps mid-figure, and
    writes no trailing blanks."""
    colorless = no_color or bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"
    console = SafeConsole(
        # Rich needs only write, flush, isatty, fileno and encoding of its file.
        file=TrimmedStream(stderr=stderr),  # type: ignore[arg-type]
        no_color=colorless,
        highlight=False,
        emoji=False,
        # Color off also means no styles at all: piped or dumb output must be plain text.
        color_system=None if colorless else "auto",
    )
    console.width = text_width(
        console.width, on_terminal=console.is_terminal, columns_given="COLUMNS" in os.environ
    )
    return console


def text_width(detected: int, *, on_terminal: bool, columns_given: bool) -> int:
    """The width to lay text out in: a wide terminal's is capped at MAX_WIDTH so prose stays
    readable; a width asked for with COLUMNS, or piped output's, is used as given, within
    MIN_WIDTH (below it, the width is unknown: DEFAULT_WIDTH) and MAX_COLUMNS."""
    if detected < MIN_WIDTH:
        return DEFAULT_WIDTH
    if on_terminal and not columns_given:
        return min(detected, MAX_WIDTH)
    return min(detected, MAX_COLUMNS)


def literal(text: str) -> str:
    """Text from data files or users, escaped so '[red]' prints as written and a control
    character shows as an escape (measured at its printed width)."""
    return escape(escape_controls(text))


def bullet_list(title: str, items: Iterable[str]) -> Hanging:
    """A titled list whose wrapped lines stay under their item's text (a hanging indent)."""
    return Hanging([(" -", literal(item)) for item in items], gap=1, title=literal(title))


def hanging(lead: str, text: str, *, lead_style: str = "", text_style: str = "") -> Hanging:
    """lead, then text whose wrapped lines stay under its first word, not under lead
    (a dated step heading: its title wraps under the title)."""
    return Hanging(
        [(literal(lead), literal(text))], gap=2, lead_style=lead_style, text_style=text_style
    )


class Hanging:
    """Rows of a lead (a marker, a label, dates) and a text whose wrapped lines stay under the
    text's first column: the lines a borderless Rich table of a no-wrap column and a folding
    column draws, laid out directly. A plan prints a few hundred such lists, and a Table
    measures and pads every cell several times over (two thirds of a plan's rendering).

    rows hold Rich markup (escaped with literal()); gap is the spaces after the lead; indent,
    blank columns before it (with their own gap); title, a heading line wrapped to the list's
    width, as a table's title is."""

    def __init__(
        self,
        rows: Iterable[tuple[str, str]],
        *,
        gap: int,
        indent: int = 0,
        lead_style: str = "",
        text_style: str = "",
        title: str = "",
    ) -> None:
        self.rows = list(rows)
        self.title = title
        self.gap = gap
        self.indent = indent
        self.lead_style = lead_style
        self.text_style = text_style

    def table(self) -> Table:
        """The same rows as a Rich table: what this lays out, and the layout where it cannot."""
        table = Table(
            title=self.title or None,
            title_justify="left",
            show_header=False,
            box=None,
            padding=(0, self.gap, 0, 0),
            pad_edge=False,
        )
        if self.indent:
            table.add_column("indent", width=self.indent, no_wrap=True)
        table.add_column("lead", no_wrap=True, style=self.lead_style)
        table.add_column("text", overflow="fold", style=self.text_style)
        for lead, text in self.rows:
            table.add_row(*([""] if self.indent else []), lead, text)
        return table

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.cells import cell_len
        from rich.style import Style

        # As a table's cells: no highlighting of numbers or quotes, whatever the console does.
        leads = [console.render_str(lead, highlight=False) for lead, _ in self.rows]
        texts = [console.render_str(text, highlight=False) for _, text in self.rows]
        lead_width = max((cell_len(lead.plain) for lead in leads), default=0)
        before = self.indent + self.gap if self.indent else 0
        room = options.max_width - before - lead_width - self.gap
        longest = max(
            (cell_len(line) for text in texts for line in text.plain.splitlines()), default=0
        )
        if (
            not self.rows
            or room < 1
            or lead_width == 0
            or any("\n" in lead.plain for lead in leads)
            or any("\t" in text.plain for text in texts)
        ):
            # What a table does then (columns squeezed, a blank lead kept one column wide)
            # is its own; it is rare enough to leave to it.
            yield self.table()
            return
        width = min(room, longest or 1)
        lead_style = console.get_style(self.lead_style)
        text_style = console.get_style(self.text_style)
        plain = Style.null()
        indent = [Segment(" " * before, plain)] if before else []
        blank_lead = Segment(" " * (lead_width + self.gap), lead_style)
        new_line = Segment.line()
        if self.title:
            heading = console.render_str(
                self.title, style=console.get_style("table.title"), highlight=False
            )
            size = before + lead_width + self.gap + width
            yield from console.render(heading, options.update(width=size, justify="left"))
        for lead, text in zip(leads, texts, strict=True):
            lines = text.wrap(console, width, justify="left", overflow="fold", tab_size=8)
            for number, line in enumerate(lines):
                yield from indent
                if number == 0:
                    yield from Segment.apply_style(lead.render(console), lead_style)
                    yield Segment(" " * (lead_width - cell_len(lead.plain) + self.gap), lead_style)
                else:
                    yield blank_lead
                yield from Segment.apply_style(line.render(console), text_style)
                yield Segment(" " * (width - line.cell_len), text_style)
                yield new_line


# --- the pager -----------------------------------------------------------------------------


def pager_command(
    *, enabled: bool, stdout_is_terminal: bool, environ: Mapping[str, str]
) -> list[str] | None:
    """The pager long output goes through, as git and gh choose it, or None to print it
    straight: only on a terminal (never in a pipe or a file), never with --no-pager or a dumb
    terminal; BCAREER_PAGER, then PAGER, names it (empty or 'cat': none), else less."""
    if not enabled or not stdout_is_terminal or environ.get("TERM") == "dumb":
        return None
    chosen = environ.get(PAGER_ENV, environ.get("PAGER", "less"))
    try:
        words = shlex.split(chosen)
    except ValueError:  # an unbalanced quote: no pager rather than a failure
        return None
    if not words or os.path.basename(words[0]) == "cat":
        return None
    return words


def needs_paging(text: str, screen_lines: int) -> bool:
    """More lines than fit on the screen together with the shell's prompt line."""
    return text.count("\n") >= screen_lines


class _Held:
    """What a command printed while its output may still go through the pager: its stdout
    text, and what it wrote to stderr after that text began (said after the pager closes,
    so a 'Wrote FILE' note stays the last thing on the screen)."""

    def __init__(self) -> None:
        self.parts: list[tuple[bool, str]] = []
        self.has_output = False

    def hold(self, text: str, *, stderr: bool) -> int:
        self.parts.append((stderr, text))
        self.has_output = self.has_output or not stderr
        return len(text)

    def output(self) -> str:
        return "".join(text for stderr, text in self.parts if not stderr)

    def replay(self, *, skip_output: bool = False) -> None:
        for stderr, text in self.parts:
            if stderr:
                sys.stderr.write(text)
            elif not skip_output:
                sys.stdout.write(text)
        sys.stdout.flush()
        sys.stderr.flush()


_held: _Held | None = None
# The pager command and the check of --no-pager, while output is held.
_pager: tuple[list[str], Callable[[], bool]] | None = None


class _LaterStderr:
    """sys.stderr while output is held: a line written after the output began waits for it."""

    def __init__(self, real: TextIO, held: _Held) -> None:
        self._real = real
        self._held = held

    def write(self, text: str) -> int:
        if self._held.has_output:
            return self._held.hold(text, stderr=True)
        return self._real.write(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


def _screen_lines() -> int:
    import shutil

    return shutil.get_terminal_size().lines


@contextmanager
def paging(enabled: Callable[[], bool]) -> Iterator[None]:
    """Hold what the block prints for people; at its end, show it through a pager if it is
    longer than the screen and pager_command allows one, else print it as it was written.
    enabled is asked at the end, as an option typed after the command is read inside."""
    global _held, _pager
    try:
        is_terminal = sys.stdout.isatty()
    except (AttributeError, ValueError):
        is_terminal = False
    command = pager_command(enabled=True, stdout_is_terminal=is_terminal, environ=os.environ)
    if command is None or _held is not None:
        yield
        return
    held = _Held()
    real_stderr = sys.stderr
    _held = held
    _pager = (command, enabled)
    sys.stderr = _LaterStderr(real_stderr, held)
    try:
        yield
    except BaseException:
        _held = _pager = None
        sys.stderr = real_stderr
        held.replay()  # an error or Ctrl-C: show what there was, in order, and go on failing
        raise
    _held = _pager = None
    sys.stderr = real_stderr
    text = held.output()
    if enabled() and needs_paging(text, _screen_lines()) and _run_pager(command, text):
        held.replay(skip_output=True)
    else:
        held.replay()


def show_held() -> None:
    """Show what is held so far (through the pager when it is longer than the screen), as a
    question is about to follow it; what is printed next is held afresh."""
    held, pager = _held, _pager
    if held is None or pager is None or not held.parts:
        return
    command, enabled = pager
    shown = _Held()
    shown.parts, shown.has_output = held.parts, held.has_output
    held.parts, held.has_output = [], False
    text = shown.output()
    if enabled() and needs_paging(text, _screen_lines()) and _run_pager(command, text):
        shown.replay(skip_output=True)
    else:
        shown.replay()


def _run_pager(command: list[str], text: str) -> bool:
    """Send text through the pager and wait for it to close; False if it cannot start."""
    import signal
    import subprocess

    env = dict(os.environ)
    # As git and gh: quit at once if it fits after all, keep colors, leave the text on screen.
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    sys.stdout.flush()
    try:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    # Ctrl-C belongs to the pager while it runs (less uses it to stop a search), as in git.
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread
        previous = None
    try:
        assert process.stdin is not None
        try:
            process.stdin.write(text.encode(encoding, "replace"))
            process.stdin.close()
        except BrokenPipeError:  # the reader quit before the end: nothing more to show
            pass
        process.wait()
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    return True
