"""Odd terminals: narrow, wide and piped; color turned off three ways; an ASCII-only encoding.

Layout and color depend only on the environment, so those runs are in-process through the
console script's entry (cli.main.run), with output captured as a pipe gets it. What depends on
the process itself runs the installed command: an ASCII-only stdout, a reader that leaves early.
FORCE_COLOR=1 makes Rich color even a pipe, so the color-off cases can really fail.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from billing_career.knowledge.figures import money, money_range

ESCAPE = re.compile(r"\x1b\[")
PLAN = (
    "plan",
    "--education",
    "ged",
    "--budget",
    "1500",
    "--schedule",
    "part-time",
    "--no-input",
    "--no-save",
    "--start",
    "2099-01-05",  # ahead: a past start adds a warning line
)
COMMANDS = {
    "compare": ("compare", "CPB", "CBCS"),
    "cost": ("cost", "--program", "online"),
    "salary": ("salary",),
    "plan": PLAN,
}


@pytest.fixture
def run(invoke: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Run in-process with COLUMNS and the color variables exactly as given (None: unset), on
    a dumb terminal unless TERM is given, as a script's pipe would be."""

    def call(args: tuple[str, ...], **env: str | None) -> tuple[int, str, str]:
        for key in ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR"):
            monkeypatch.delenv(key, raising=False)
        given = {"TERM": "dumb"}
        for key, value in env.items():
            if value is None:
                monkeypatch.delenv(key, raising=False)
                given.pop(key, None)
            else:
                given[key] = value
        result = invoke(*args, env=given)
        return result.code, result.out, result.err

    return call


def key_figures(invoke: Any, name: str) -> list[str]:
    """The figures a reader must see whole, taken from the same command's JSON."""
    data = json.loads(invoke(*COMMANDS[name], "--json").out)
    if name == "compare":
        return [
            money(cert[fee])
            for cert in data["certifications"]
            for fee in ("fee_member", "fee_non_member", "fee_single")
            if cert[fee]
        ]
    if name == "salary":
        return [money_range(_range(band["annual"])) for band in data["by_experience"]]
    cost = data if name == "cost" else data["cost"]
    figures = [money_range(_range(item)) for item in cost["items"] if item.get("known")]
    figures.append(money_range(_range(cost["total"])))
    if name == "plan":
        figures.append(money(1500))
    return figures


def _range(value: dict[str, Any]) -> Any:
    from billing_career.knowledge.models import Range

    return Range(min=value["min"], max=value["max"])


# Every run is piped; with no COLUMNS at all Rich lays out 80 columns.
@pytest.mark.parametrize(
    "columns", ["40", "80", "200", None], ids=["40", "80", "200", "no-COLUMNS"]
)
@pytest.mark.parametrize("name", list(COMMANDS))
def test_no_line_wider_than_the_terminal(
    run: Any, invoke: Any, name: str, columns: str | None
) -> None:
    code, out, err = run(COMMANDS[name], COLUMNS=columns)
    assert code == 0, err
    assert not ESCAPE.search(out), "escape codes in piped output"
    width = int(columns or 80)  # piped with no COLUMNS: Rich's 80
    lines = out.splitlines()
    assert lines and max(len(line) for line in lines) <= width
    if columns == "40":
        figures = key_figures(invoke, name)
        assert len(figures) >= 3
        assert {"compare": "$349", "plan": "$1,500", "cost": "$449", "salary": "$35,000-$42,000"}[
            name
        ] in out  # the guide's figures, e.g.
        for figure in figures:
            # Whole: on one line, not split at a comma or a dash.
            assert any(figure in line for line in lines), (figure, out)


@pytest.mark.parametrize("name", ["compare", "plan"])
def test_color_off_three_ways(run: Any, name: str) -> None:
    forced = {"FORCE_COLOR": "1", "TERM": "xterm-256color", "COLUMNS": "100"}
    code, colored, _ = run(COMMANDS[name], **forced)
    assert code == 0 and ESCAPE.search(colored), "control: forced color should show"
    plain = re.sub(r"\x1b\[[0-9;]*m", "", colored).split()
    for label, args, env in [
        ("NO_COLOR=1", COMMANDS[name], {**forced, "NO_COLOR": "1"}),
        ("--no-color", ("--no-color", *COMMANDS[name]), forced),
        ("TERM=dumb", COMMANDS[name], {**forced, "TERM": "dumb"}),
    ]:
        code, out, err = run(args, **env)
        assert code == 0, (label, err)
        assert "\x1b" not in out, label
        if label != "TERM=dumb":  # (Rich lays a dumb terminal out at 80 columns, not COLUMNS)
            assert out.split() == plain, label  # the same text, only without styles


# What each command must still show on an ASCII-only terminal: a figure, a heading, a chart.
ASCII_SHOWS = {
    "compare": ["$349"],
    "cost": ["$1,129-$3,974"],
    "salary": ["$35,000-$42,000", "#"],  # the bars are drawn in plain characters
    "plan": ["Program:", "Total cost:"],
}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_ascii_only_terminal_gets_output(run_installed: Any, name: str) -> None:
    """The stream's encoding is the process's own: this needs the installed command."""
    result = run_installed(
        *COMMANDS[name],
        env={"PYTHONIOENCODING": "ascii", "COLUMNS": "80", "LANG": "C", "LC_ALL": "C"},
    )
    assert result.code == 0, result.err
    assert "Traceback" not in result.err and result.err == ""
    result.out.encode("ascii")  # every character the terminal could not show was replaced
    for shown in ASCII_SHOWS[name]:
        assert shown in result.out, (shown, result.out[:2000])


@pytest.mark.parametrize("name", list(COMMANDS))
def test_json_is_the_same_at_any_width(run: Any, name: str) -> None:
    args = (*COMMANDS[name], "--json")
    narrow = run(args, COLUMNS="40", FORCE_COLOR="1", TERM="xterm-256color")
    piped = run(args, COLUMNS=None)
    assert narrow[0] == piped[0] == 0
    assert narrow[1] == piped[1]  # byte for byte
    assert "\x1b" not in narrow[1]
    json.loads(narrow[1])


# --- a reader that leaves early ---------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        COMMANDS["compare"],
        ("compare", "--all"),
        COMMANDS["cost"],
        ("cost",),
        PLAN,
        ("compare", "--all", "--json"),
        ("sources",),
        ("--help",),
        ("--version",),
    ],
    ids=lambda args: " ".join(args[:3]),
)
def test_a_reader_that_closes_early_is_not_a_failure(args: tuple[str, ...], tmp_path: Any) -> None:
    """`bcareer ... | head` is a normal use: the reader closing the pipe before bcareer is done
    ends it quietly, exit 0, and nothing on stderr (no 'Exception ignored', no BrokenPipe)."""
    import os
    import subprocess

    from conftest import bcareer_executable

    env = {**os.environ, "COLUMNS": "100", "TERM": "dumb"}
    proc = subprocess.Popen(
        [bcareer_executable(), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=env,
        cwd=tmp_path,
    )
    assert proc.stdout is not None and proc.stderr is not None
    # Closed before bcareer has started up, so every write it makes meets a closed pipe.
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0, err
    assert err == ""


@pytest.mark.parametrize(
    "args",
    [
        *COMMANDS.values(),
        ("cost",),
        ("compare", "--all"),
        ("renew", "CHFP", "--earned", "2024-01-01"),
        ("outlook",),
        ("sources",),
        ("aid", "--veteran"),
        ("programs",),
        ("data", "check"),
    ],
    ids=lambda args: " ".join(args[:2]),
)
def test_piped_lines_have_no_trailing_blanks(run: Any, args: tuple[str, ...]) -> None:
    """Rich pads table and title lines to the full width; piped into a file or a diff, those
    blanks are noise."""
    code, out, err = run(args, COLUMNS="100")
    assert code == 0, err
    padded = [line for line in out.splitlines() if line != line.rstrip()]
    assert not padded, padded[:3]
