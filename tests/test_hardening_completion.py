"""Shell completion: commands, certification codes, program names.

Typer answers a completion request when _BCAREER_COMPLETE names a shell; for bash, COMP_WORDS
holds the line typed so far and COMP_CWORD the index of the word being completed. The requests
run in-process through the console script's entry (cli.main.run), which a completion request
leaves through sys.exit, as the shell's call would; one runs the installed command.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hardening_tools import commands

from billing_career.planning.load import load_knowledge
from billing_career.reference.costs import listed_program_names


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # One knowledge-base cache for the module: each request then reads it, as a user's would.
    return tmp_path_factory.mktemp("completion-cache")


def request(line: str) -> dict[str, str]:
    """The environment bash sets for a completion request of the line typed so far."""
    return {
        "_BCAREER_COMPLETE": "complete_bash",
        "COMP_WORDS": line,
        "COMP_CWORD": str(len(line.split(" ")) - 1),
    }


@pytest.fixture
def complete(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, shared_cache: Path
) -> Callable[..., list[str]]:
    """The completions bash would offer for the line typed so far."""
    from billing_career.cli.main import run

    def call(line: str, **env: str) -> list[str]:
        for key, value in {**request(line), "BCAREER_CACHE_DIR": str(shared_cache), **env}.items():
            monkeypatch.setenv(key, value)
        capsys.readouterr()
        with pytest.raises(SystemExit) as leaving:
            run([])
        captured = capsys.readouterr()
        assert leaving.value.code == 0, captured.err
        assert captured.err == ""
        return captured.out.split()

    return call


def test_commands_are_completed(complete) -> None:
    top = {command.words[0] for command in commands()}
    assert set(complete("bcareer ")) == top
    assert {"compare", "cost"} <= top


def test_the_installed_command_answers_a_completion_request(run_installed) -> None:
    result = run_installed(env=request("bcareer compare C"))
    assert result.code == 0 and result.err == ""
    codes = [cert.code for cert in load_knowledge().certifications.certifications]
    assert result.out.split() == [code for code in codes if code.startswith("C")]
    assert "CPB" in result.out


def test_a_command_prefix_is_completed(complete) -> None:
    assert complete("bcareer co") == ["compare", "cost"]


def test_subcommands_are_completed(complete) -> None:
    assert complete("bcareer data ") == ["check"]


@pytest.mark.parametrize(
    "line", ["bcareer compare ", "bcareer compare CPB ", "bcareer renew ", "bcareer cost --cert "]
)
def test_certification_codes_are_completed(complete, line: str) -> None:
    codes = [cert.code for cert in load_knowledge().certifications.certifications]
    assert complete(line) == codes
    assert {"CPB", "CBCS", "CMRS"} <= set(codes)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("CP", ["CPB", "CPC"]),
        ("cb", ["cbcs"]),  # in the case typed; bcareer takes codes in any case
        ("Cm", ["CmRS", "CmA"]),  # what was typed is kept, or the shell would drop the match
        ("ZZ", []),
    ],
)
def test_a_code_prefix_is_completed_in_any_case(complete, typed: str, expected: list[str]) -> None:
    assert complete(f"bcareer compare {typed}") == expected


def test_program_names_are_completed_one_name_each(complete) -> None:
    names = listed_program_names(load_knowledge())
    got = complete("bcareer cost --program ")
    # One name per program (issue 21): ids, not their aliases, which are accepted when typed.
    assert set(got) < {*names, "none"}
    assert {"online", "online-self-paced", "associate-degree"} <= set(got)
    assert not {"online-program", "self-paced", "associate"} & set(got)
    # A tuition row that only supplies a program type's fees is accepted, not offered.
    assert "associate-degree-fees" not in got
    assert complete("bcareer cost --program self") == []
    assert complete("bcareer cost --program online-s") == ["online-self-paced"]


def test_aid_options_are_completed_one_after_another(complete) -> None:
    ids = [option.id for option in load_knowledge().aid.aid]
    assert complete("bcareer cost --aid ") == [*ids, "all"]
    assert complete("bcareer cost --aid wioa,g") == ["wioa,gi-bill"]


def test_options_are_completed(complete) -> None:
    got = complete("bcareer cost --")
    assert {"--program", "--cert", "--aid", "--json", "--help"} <= set(got)


def test_a_broken_data_folder_completes_nothing_quietly(complete, tmp_path: Path) -> None:
    assert complete("bcareer compare ", BCAREER_DATA_DIR=str(tmp_path)) == []
