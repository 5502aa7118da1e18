"""One small exception hierarchy; each error carries the exit code the CLI reports."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes documented in the README."""

    OK = 0
    FAILURE = 1
    USAGE = 2
    INTERRUPTED = 130


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


class UnknownValueError(UsageError):
    """A value is not one of the known choices; carries a close match when there is one."""

    def __init__(self, kind: str, value: str, choices: list[str]) -> None:
        from difflib import get_close_matches

        self.kind = kind
        self.value = value
        self.choices = choices
        lowered = {choice.lower(): choice for choice in choices}
        close = get_close_matches(value.lower(), list(lowered), n=1, cutoff=0.5)
        self.suggestion = lowered[close[0]] if close else None
        message = f"Unknown {kind} '{value}'."
        if self.suggestion:
            message += f" Did you mean '{self.suggestion}'?"
        super().__init__(message, f"Known: {', '.join(choices)}.")
