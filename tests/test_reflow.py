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
