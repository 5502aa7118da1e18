"""Text that reflows to the terminal: help at 40, 60, 80 and 120 columns cuts no word and splits
no value at its hyphen, and every sample a person is told to copy parses at any width."""

from __future__ import annotations

from typing import Any

import pytest
import typer.main

from billing_career.cli.app import wrap
from billing_career.cli.main import app  # (importing main registers every command)

WIDTHS = (40, 60, 80, 120)


def command_paths() -> list[tuple[str, ...]]:
    """Every command and group, found by walking the tree (a new command is covered too)."""
    found: list[tuple[str, ...]] = []

    def walk(node: Any, words: tuple[str, ...]) -> None:
        found.append(words)
        for name, child in getattr(node, "commands", {}).items():
            if not getattr(child, "hidden", False):
                walk(child, (*words, name))

    walk(typer.main.get_command(app), ())
    return found


def help_at(invoke: Any, words: tuple[str, ...], columns: int) -> str:
    result = invoke(*words, "--help", env={"COLUMNS": str(columns)})
    assert result.code == 0, result.err
    return str(result.out)


@pytest.mark.parametrize("words", command_paths(), ids=lambda words: " ".join(words) or "bcareer")
def test_help_reflows_at_every_width_without_cutting_a_word(
    invoke: Any, words: tuple[str, ...]
) -> None:
    whole_words = set(help_at(invoke, words, 300).split())
    for columns in WIDTHS:
        text = help_at(invoke, words, columns)
        wide = [line for line in text.splitlines() if len(line) > columns]
        assert not wide, f"{columns} columns: {wide}"
        cut = [word for word in text.split() if word not in whole_words]
        assert not cut, f"{columns} columns: words cut or split at a hyphen: {cut}"


def test_command_summaries_wrap_instead_of_being_cut_short(invoke: Any) -> None:
    text = help_at(invoke, ("profile",), 40)
    assert "..." not in text.replace("[ARGS]...", "")
    assert "reset" in text


def test_a_value_is_never_split_at_its_hyphen() -> None:
    lines = wrap("Default: quick-entry or federal-aid, as you like", 12)
    assert "quick-entry" in lines[0] + lines[1]
    assert all(not line.endswith("-") for line in lines)
    assert "federal-aid," in " ".join(lines).split()


def test_a_word_longer_than_the_line_stays_whole() -> None:
    assert wrap("see outpatient-care-centers now", 10) == ["see", "outpatient-care-centers", "now"]


# --- samples to copy --------------------------------------------------------------------------


def printed_sample(text: str, first_key: str) -> object:
    """The indented YAML block that starts at `first_key:` in a command's output, parsed."""
    import textwrap

    import yaml

    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == f"{first_key}:")
    indent = len(lines[start]) - len(lines[start].lstrip())
    block = [lines[start]]
    for line in lines[start + 1 :]:
        if not line.startswith(" " * (indent + 1)):
            break
        block.append(line)
    return yaml.safe_load(textwrap.dedent("\n".join(block)))


@pytest.mark.parametrize(
    ("argv", "first_key", "constant"),
    [
        (("salary", "--state", "TX"), "states", "STATES_EXAMPLE"),
        (("programs", "find"), "programs", "CATALOG_EXAMPLE"),
    ],
)
def test_a_printed_sample_parses_at_every_width(
    invoke: Any, argv: tuple[str, ...], first_key: str, constant: str
) -> None:
    import yaml

    from billing_career.reference import local_programs, salary

    expected = yaml.safe_load(getattr(salary, constant, None) or getattr(local_programs, constant))
    for columns in WIDTHS:
        result = invoke("--no-pager", *argv, env={"COLUMNS": str(columns), "NO_COLOR": "1"})
        assert result.code == 0, result.err
        assert printed_sample(result.out, first_key) == expected, f"at {columns} columns"


def test_the_sample_in_salary_help_parses_at_every_width(invoke: Any) -> None:
    import yaml

    from billing_career.reference.salary import STATES_EXAMPLE

    expected = yaml.safe_load(STATES_EXAMPLE)["states"][0].keys()
    for columns in WIDTHS:
        parsed = printed_sample(help_at(invoke, ("salary",), columns), "states")
        assert isinstance(parsed, dict)
        assert parsed["states"][0].keys() == expected, f"at {columns} columns"
