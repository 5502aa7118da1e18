"""Shell completion of the installed command: commands, certification codes, program names.

Typer answers a completion request when _BCAREER_COMPLETE names a shell; for bash, COMP_WORDS
holds the line typed so far and COMP_CWORD the index of the word being completed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hardening_tools import commands

from billing_career.costs import program_names
from billing_career.knowledge.loader import load_knowledge


def complete(run_installed, line: str, **env: str) -> list[str]:  # type: ignore[no-untyped-def]
    words = line.split(" ")
    result = run_installed(env={"_BCAREER_COMPLETE": "complete_bash", "COMP_WORDS": line,
                                "COMP_CWORD": str(len(words) - 1), **env})
    assert result.code == 0, result.err
    assert result.err == ""
    return result.out.split()


def test_commands_are_completed(run_installed) -> None:
    top = {command.words[0] for command in commands()}
    assert set(complete(run_installed, "bcareer ")) == top
    assert {"compare", "cost"} <= top


def test_a_command_prefix_is_completed(run_installed) -> None:
    assert complete(run_installed, "bcareer co") == ["compare", "cost"]


def test_subcommands_are_completed(run_installed) -> None:
    assert complete(run_installed, "bcareer data ") == ["check"]


@pytest.mark.parametrize("line", ["bcareer compare ", "bcareer compare CPB ",
                                  "bcareer renew ", "bcareer cost --cert "])
def test_certification_codes_are_completed(run_installed, line: str) -> None:
    codes = [cert.code for cert in load_knowledge().certifications.certifications]
    assert complete(run_installed, line) == codes
    assert {"CPB", "CBCS", "CMRS"} <= set(codes)


@pytest.mark.parametrize(("typed", "expected"), [
    ("CP", ["CPB", "CPC"]),
    ("cb", ["cbcs"]),  # in the case typed; bcareer takes codes in any case
    ("Cm", ["CMRS", "CMA"]),
    ("ZZ", []),
])
def test_a_code_prefix_is_completed_in_any_case(run_installed, typed: str,
                                                expected: list[str]) -> None:
    assert complete(run_installed, f"bcareer compare {typed}") == expected


def test_program_names_and_aliases_are_completed(run_installed) -> None:
    names = program_names(load_knowledge())
    got = complete(run_installed, "bcareer cost --program ")
    assert got == [*names, "none"]
    assert {"online", "online-program", "self-paced", "associate"} <= set(got)  # aliases too
    assert complete(run_installed, "bcareer cost --program self") == ["self-paced"]


def test_aid_options_are_completed_one_after_another(run_installed) -> None:
    ids = [option.id for option in load_knowledge().aid.aid]
    assert complete(run_installed, "bcareer cost --aid ") == [*ids, "all"]
    assert complete(run_installed, "bcareer cost --aid wioa,g") == ["wioa,gi-bill"]


def test_options_are_completed(run_installed) -> None:
    got = complete(run_installed, "bcareer cost --")
    assert {"--program", "--cert", "--aid", "--json", "--help"} <= set(got)


def test_a_broken_data_folder_completes_nothing_quietly(run_installed, tmp_path: Path) -> None:
    assert complete(run_installed, "bcareer compare ", BCAREER_DATA_DIR=str(tmp_path)) == []
