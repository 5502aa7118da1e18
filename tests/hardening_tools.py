"""Helpers shared by the tests/test_hardening_*.py files: the command tree, stderr checks."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

# Options that change the user's shell set-up rather than ask bcareer anything.
SHELL_SETUP_OPTIONS = frozenset({"--install-completion", "--show-completion"})
# Where a whole error message must fit: one line a person reads at a glance.
MAX_ERROR_LINE = 600


@dataclass(frozen=True)
class Command:
    """One runnable command of the app: its words and its Click object."""

    words: tuple[str, ...]
    click: Any

    @property
    def name(self) -> str:
        return " ".join(self.words)

    def options(self) -> list[Any]:
        return [
            param
            for param in self.click.params
            if param.param_type_name == "option" and not set(param.opts) & SHELL_SETUP_OPTIONS
        ]

    def arguments(self) -> list[Any]:
        return [param for param in self.click.params if param.param_type_name == "argument"]


def root_command() -> Any:
    import typer.main

    from billing_career.cli.main import app

    return typer.main.get_command(app)


def commands() -> list[Command]:
    """Every command a person can run, found by walking the Click tree: a command added later
    (plan, batch, ...) is covered with no change here. A group that runs on its own
    (`bcareer programs`) counts as a command too."""

    def walk(node: Any, words: tuple[str, ...]) -> Iterator[Command]:
        children = getattr(node, "commands", None)
        if children is None:
            yield Command(words, node)
            return
        if words and getattr(node, "invoke_without_command", False):
            yield Command(words, node)
        for name, child in sorted(children.items()):
            if not getattr(child, "hidden", False):
                yield from walk(child, (*words, name))

    return list(walk(root_command(), ()))


def command_names() -> list[str]:
    return [command.name for command in commands()]


def one_error_line(err: str) -> str:
    """The single 'Error: ...' line a failed run must leave on stderr, and nothing else."""
    assert "Traceback" not in err, err
    lines = err.splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got {len(lines)}:\n{err[:2000]}"
    line = lines[0]
    assert line.startswith("Error: "), line
    assert len(line) <= MAX_ERROR_LINE, f"{len(line)} characters: {line[:300]}..."
    assert "Unexpected error" not in line, line
    return line


def big_cohort(folder: Path, rows: int = 20_000) -> Path:
    """A CSV cohort that takes seconds to plan: long enough to interrupt halfway."""
    path = folder / "cohort.csv"
    lines = ["education,budget,schedule"]
    lines += [f"ged,{1000 + row},part-time" for row in range(rows)]
    path.write_text("\n".join(lines) + "\n")
    return path


def wait_until(
    condition: Callable[[], bool], what: str, process: subprocess.Popen[Any], timeout: float = 30
) -> None:
    """Wait for something a running process does (not for a length of time): fail if the
    process ends first, or if it never happens."""
    deadline = time.monotonic() + timeout
    while not _holds(condition):
        if process.poll() is not None:
            pytest.fail(f"the process ended (exit {process.returncode}) before {what}")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"waited {timeout:g} s for {what}")
        time.sleep(0.01)


def _holds(condition: Callable[[], bool]) -> bool:
    try:
        return condition()
    except FileNotFoundError:  # a temp file renamed or removed between listing and looking
        return False


class NetworkAttempt(AssertionError):
    """Raised by the blocked socket functions: bcareer must never reach for the network."""


def block_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make every way out to the network raise; returns the list of attempts, for asserting."""
    attempts: list[str] = []

    def refuse(name: str) -> Any:
        def refused(*args: Any, **kwargs: Any) -> Any:
            attempts.append(f"{name}{args[:2]!r}")
            raise NetworkAttempt(f"network access attempted: {name}")

        return refused

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket.socket, "sendto", refuse("socket.sendto"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    monkeypatch.setattr(socket, "gethostbyname", refuse("gethostbyname"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    return attempts


# The same block, for a subprocess: PYTHONPATH to a folder holding this as sitecustomize.py.
SITECUSTOMIZE_BLOCKING_NETWORK = """\
import socket, sys

def _refuse(name):
    def refused(*args, **kwargs):
        sys.stderr.write("NETWORK ATTEMPT: " + name + "\\n")
        raise OSError("network access attempted: " + name)
    return refused

socket.socket.connect = _refuse("socket.connect")
socket.socket.connect_ex = _refuse("socket.connect_ex")
socket.socket.sendto = _refuse("socket.sendto")
socket.getaddrinfo = _refuse("getaddrinfo")
socket.gethostbyname = _refuse("gethostbyname")
socket.create_connection = _refuse("create_connection")
"""
