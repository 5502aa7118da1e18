"""One spelling: US English in every command's help and output, and in the data's own wording
(the users are American). A list of British forms that must not appear."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import typer.main
from conftest import DATA, examples

from billing_career.cli.main import app  # (importing main registers every command)

# British forms (with their inflections) and the US form that replaces them.
BRITISH = re.compile(
    r"\b(?:"
    r"practis\w*|itemis\w*|specialis(?:e|ed|es|ing|ation|ations)\b|colour\w*|enrol|enrols|"
    r"enrolment\w*|counsell\w*|organis\w*|programmes?\b|licence\w*|behaviour\w*|honour\w*|"
    r"favour\w*|centres?\b|catalogue\w*|labell\w*|modell\w*|travell\w*|normalis\w*|recognis\w*|"
    r"customis\w*|prioritis\w*|summaris\w*|minimis\w*|maximis\w*|optimis\w*|authoris\w*|"
    r"utilis\w*|apologis\w*|familiaris\w*|standardis\w*|finalis\w*|categoris\w*|analys(?:e|ed|es|ing)\b|"
    r"defence|judgement|whilst|amongst|misspelt|learnt"
    r")\b",
    re.IGNORECASE,
)


def british(text: str) -> list[str]:
    return sorted({match.group(0) for match in BRITISH.finditer(text)})


def test_the_list_catches_british_forms() -> None:
    assert british("Practise spreadsheets; itemise costs; specialisations; colour; enrolment") == [
        "Practise",
        "colour",
        "enrolment",
        "itemise",
        "specialisations",
    ]
    assert british("Practice, itemize, specializations, color, enroll, counselor, program") == []


def tree() -> list[tuple[tuple[str, ...], Any]]:
    found: list[tuple[tuple[str, ...], Any]] = []

    def walk(node: Any, words: tuple[str, ...]) -> None:
        found.append((words, node))
        for name, child in sorted(getattr(node, "commands", {}).items()):
            if not getattr(child, "hidden", False):
                walk(child, (*words, name))

    walk(typer.main.get_command(app), ())
    return found


def test_every_help_and_every_command_output_is_in_us_english(invoke, example_files: Path) -> None:
    """Each command's help, the command bare, and each example of its help (their output and
    their messages), plus a plan with every reason and every rule."""
    runs = [
        ("plan", "--answers", "answers.yaml", "--no-input", "--no-save", "--details", "--explain"),
        (
            "plan",
            "--education",
            "none",
            "--budget",
            "0",
            "--schedule",
            "flexible",
            "--veteran",
            "--job-seeker",
            "--no-input",
            "--no-save",
            "--details",
        ),
        (
            "plan",
            "--education",
            "associate",
            "--budget",
            "500",
            "--schedule",
            "full-time",
            "--experience-years",
            "10",
            "--goal",
            "advancement",
            "--no-input",
            "--no-save",
            "--details",
        ),
    ]
    for words, command in tree():
        runs.append((*words, "--help"))
        runs.append(words)
        runs += [tuple(example) for example in examples(command.epilog)]
    seen = 0
    for argv in runs:
        result = invoke(*argv)
        assert "Unexpected error" not in result.err, (argv, result.err)
        found = british(result.out + result.err)
        assert not found, f"'bcareer {' '.join(argv)}' says {found}"
        seen += len(result.out)
    assert seen > 50_000  # the check read real output, not empty screens


def test_the_data_wording_is_in_us_english() -> None:
    """Every text in data/ except the titles of the sources it quotes."""
    for path in sorted(DATA.glob("*.yaml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.match(r"\s*-?\s*title:", line) and path.name == "sources.yaml":
                continue
            found = british(line)
            assert not found, f"{path.name}:{number}: {found}"
