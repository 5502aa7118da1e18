"""Citations follow the answer: outlook, compare and resources carry short marks ([1]) where a
figure stands, and who reported it once, in numbered notes at the end."""

from __future__ import annotations

import re
from typing import Any

import pytest

from billing_career.render.notes import Notes

SCREEN = {"COLUMNS": "80", "LINES": "24", "NO_COLOR": "1"}
# Where a newer figure comes from: a source's name, printed once, in the notes.
BLS_PAGES = "Pages citing the BLS Occupational Outlook Handbook"


def test_the_same_source_keeps_its_number() -> None:
    notes = Notes()
    assert notes.cite("a") == "[1]"
    assert notes.cite("b") == "[2]"
    assert notes.cite("a") == "[1]"
    assert notes.items() == [(1, "a"), (2, "b")]


@pytest.mark.parametrize(
    "argv", [("outlook",), ("compare", "CPB", "CBCS"), ("compare", "--all"), ("resources",)]
)
def test_the_first_screen_is_the_answer_and_the_notes_come_last(
    invoke: Any, argv: tuple[str, ...]
) -> None:
    out = invoke("--no-pager", *argv, env=SCREEN).out
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Notes"))
    body, notes = "\n".join(lines[:start]), "\n".join(lines[start:])
    # Every mark in the body has its note (a note may speak to no row of the table, as how an
    # exam is taken), and the notes hold the sources, not the body.
    marks = set(re.findall(r"\[(\d+)\]", body))
    listed = set(re.findall(r"^ \[(\d+)\]", notes, flags=re.M))
    assert marks and marks <= listed
    for noise in ("(newer ", ", third-party, ", ", issuer, read "):
        assert noise not in body, noise
    assert "differs between these certifications" not in out


def test_outlook_names_the_bls_pages_once(invoke: Any) -> None:
    out = invoke("--no-pager", "outlook", env=SCREEN).out
    assert " ".join(out.split()).count(BLS_PAGES) == 1
