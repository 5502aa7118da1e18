"""One small exception hierarchy; each error carries the exit code the CLI reports."""

from __future__ import annotations

import re
from enum import IntEnum

# About what one glance takes in: a value echoed in a message is cut to this many characters.
SHOWN_CHARACTERS = 80
# C0 controls but newline and tab, DEL, and C1 controls: each could move the cursor, recolor or
# retitle a terminal when text from a file is printed. The bidirectional embeddings, overrides
# and isolates (U+202A-U+202E, U+2066-U+2069) go with them: they reorder what the terminal shows,
# so a line could read other than it is (the "Trojan Source" trick).
_BIDI = "\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")
_CONTROL_OR_BREAK = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")


class ExitCode(IntEnum):
    """Exit codes documented in the README."""

    OK = 0
    FAILURE = 1
    USAGE = 2
    HANGUP = 129  # 128 + SIGHUP
    INTERRUPTED = 130
    TERMINATED = 143  # 128 + SIGTERM


def escape_controls(text: str, *, keep_breaks: bool = True) -> str:
    """text with every control character written as a visible escape (ESC as \\x1b), so text
    from a file can never drive the terminal it is shown on. keep_breaks keeps newlines and tabs."""
    pattern = _CONTROL if keep_breaks else _CONTROL_OR_BREAK
    return pattern.sub(lambda match: repr(match.group())[1:-1], text)


def printable(value: object) -> str:
    """A file name or other value echoed whole in a status line: on one line, controls escaped,
    so a name holding an escape sequence is shown as written, never run."""
    return escape_controls(str(value), keep_breaks=False)


def has_controls(text: str) -> bool:
    """Whether text holds a control character other than a newline or a tab."""
    return _CONTROL.search(text) is not None


def shown(value: object, limit: int = SHOWN_CHARACTERS) -> str:
    """A value to echo in a message: on one line, controls escaped, cut to about limit
    characters (its start and its end kept, so both what was typed and where it ends show)."""
    text = escape_controls(str(value), keep_breaks=False)
    if len(text) <= limit:
        return text
    tail = limit // 4
    return f"{text[: limit - tail - 3]}...{text[-tail:]}"


# A message echoes what was typed or read; a pasted 100,000-character value must not become it.
MAX_WORD = 200
MAX_MESSAGE = 500


def one_line(text: str) -> str:
    """A message as one line of bounded length, controls shown escaped: long words cut in the
    middle, and a long line keeps its start (what is wrong) and its end (what to do)."""
    words = [
        word if len(word) <= MAX_WORD else f"{word[:120]}...{word[-40:]}"
        for word in escape_controls(text, keep_breaks=True).split()
    ]
    line = " ".join(words)
    if len(line) > MAX_MESSAGE:
        line = f"{line[:250]} ... {line[-240:]}"
    return line


class BcareerError(Exception):
    """Base class: a problem a user can fix, reported as one line without a traceback."""

    exit_code: ExitCode = ExitCode.FAILURE

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message} {self.hint}"


class DataError(BcareerError):
    """A data file is missing, unreadable or invalid."""


class ProfileError(BcareerError):
    """A saved profile or answers file cannot be read or written."""


class OperationError(BcareerError):
    """An operation such as writing an export failed."""


class UsageError(BcareerError):
    """The command line asked for something that does not exist or does not fit."""

    exit_code = ExitCode.USAGE


# How alike a typed value and a choice must be for "Did you mean": difflib's own default. Lower,
# unrelated words pass ("senior" would suggest "entry").
CLOSE_ENOUGH = 0.6
# A value may also be one part of a hyphenated choice, typed nearly whole ("loans" for
# "student-loans").
CLOSE_PART = 0.8


def close_match(value: str, choices: list[str]) -> str | None:
    """The choice a mistyped value most likely meant, in any case, or None."""
    from difflib import get_close_matches

    # difflib's likeness is 2 x the characters matched over both lengths: a value over 2.34
    # times as long as every choice is never alike enough. Not compared, a huge value costs
    # nothing (difflib indexes it first: half a second for a megabyte).
    if len(value) > 3 * max((len(choice) for choice in choices), default=0):
        return None
    lowered = {choice.lower(): choice for choice in choices}
    close = get_close_matches(value.lower(), list(lowered), n=1, cutoff=CLOSE_ENOUGH)
    if close:
        return lowered[close[0]]
    parts = {part: choice for low, choice in reversed(lowered.items()) for part in low.split("-")}
    close = get_close_matches(value.lower(), list(parts), n=1, cutoff=CLOSE_PART)
    return parts[close[0]] if close else None


class UnknownValueError(UsageError):
    """A value is not one of the known choices; carries a close match when there is one."""

    def __init__(self, kind: str, value: str, choices: list[str]) -> None:
        self.kind = kind
        self.value = value
        self.choices = choices
        self.suggestion = close_match(value, choices)
        message = f"Unknown {kind} '{shown(value)}'."
        if self.suggestion:
            message += f" Did you mean '{shown(self.suggestion)}'?"
        super().__init__(message, f"Known: {', '.join(choices)}.")


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived. A BaseException, like KeyboardInterrupt, so nothing catches it on
    the way out and every cleanup (a temp file, worker processes) runs; exit 128 + signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
