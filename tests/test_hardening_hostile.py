"""Hostile files and the network: YAML tags, huge and deep files, duplicate keys, no sockets.

Data files, answers files and saved profiles all go through knowledge.loader.read_yaml, a safe
loader that also refuses a key given twice (PyYAML keeps the last one silently).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import DATA, examples, replace_once
from hardening_tools import (
    SITECUSTOMIZE_BLOCKING_NETWORK,
    block_network,
    commands,
    one_error_line,
)

from billing_career.errors import DataError
from billing_career.knowledge import strict_yaml
from billing_career.knowledge.loader import MAX_FILE_BYTES, read_yaml

PLAN = (
    "plan",
    "--education",
    "ged",
    "--budget",
    "3000",
    "--schedule",
    "part-time",
    "--no-input",
    "--no-save",
)
LOADERS = [pytest.param(strict_yaml.StrictSafeLoader, id="python-loader")]
if hasattr(yaml, "CSafeLoader"):
    LOADERS.append(pytest.param(strict_yaml.StrictCSafeLoader, id="c-loader"))


# The bundled data files as they are: every other test parses them.
BUNDLED = frozenset(path.read_text(encoding="utf-8") for path in DATA.glob("*.yaml"))


@pytest.fixture(params=LOADERS)
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> type:
    """Each test that takes this runs with the C loader and with the pure-Python one.

    What each loader must survive is the test's own text; the untouched files of a copied data
    folder keep the fastest loader (the pure-Python one would spend about half a second a test
    on them, proving nothing new)."""
    chosen = request.param
    fastest = strict_yaml.FASTEST
    original = strict_yaml.load

    def load(text: str) -> Any:
        strict_yaml.FASTEST = fastest if text in BUNDLED else chosen
        try:
            return original(text)
        finally:
            strict_yaml.FASTEST = chosen

    monkeypatch.setattr(strict_yaml, "FASTEST", chosen)
    monkeypatch.setattr(strict_yaml, "load", load)
    return chosen  # type: ignore[no-any-return]


# --- YAML tags that would run code -----------------------------------------------------------

TAGS = [
    "!!python/object/apply:os.system ['touch {canary}']",
    "!!python/object/new:os.system ['touch {canary}']",
    "!!python/name:os.system",
    "!!python/object:__main__.Thing {{path: '{canary}'}}",
]


@pytest.mark.parametrize("tag", TAGS, ids=["apply", "new", "name", "object"])
def test_tags_in_a_data_file_are_refused(
    invoke, school: Path, tmp_path: Path, tag: str, loader: type
) -> None:
    canary = tmp_path / "ran"
    replace_once(
        school / "certifications.yaml",
        "    name: Certified Professional Biller",
        f"    name: {tag.format(canary=canary)}",
    )
    result = invoke("data", "check", "--data-dir", str(school))
    assert result.code == 1
    line = one_error_line(result.err)
    assert "school/certifications.yaml" in line and "is not allowed" in line
    assert "certifications[0] (CPB): name" in line  # the record and field
    assert not canary.exists()


@pytest.mark.parametrize("tag", TAGS, ids=["apply", "new", "name", "object"])
def test_tags_in_an_answers_file_are_refused(
    invoke, tmp_path: Path, tag: str, loader: type
) -> None:
    canary = tmp_path / "ran"
    answers = tmp_path / "answers.yaml"
    answers.write_text(f"education: {tag.format(canary=canary)}\nbudget: 1\nschedule: flexible\n")
    result = invoke(*PLAN[:1], "--answers", str(answers), "--no-input", "--no-save")
    assert result.code == 2
    line = one_error_line(result.err)
    assert str(answers) in line and "is not allowed" in line
    assert not canary.exists()


def test_tags_in_a_batch_file_never_run(invoke, tmp_path: Path) -> None:
    canary = tmp_path / "ran"
    cohort = tmp_path / "cohort.yaml"
    cohort.write_text(
        f"- education: !!python/object/apply:os.system ['touch {canary}']\n"
        "  budget: 1\n  schedule: flexible\n"
    )
    result = invoke("plan", "--batch", str(cohort))
    assert result.code in {1, 2}  # the row is refused: no plan from a tagged answer
    assert result.out == ""
    assert "Traceback" not in result.err and "row 1" in result.err
    assert not canary.exists()


# --- huge and deep files -------------------------------------------------------------------------


def test_a_50_mb_answers_file_is_refused_unread(invoke, tmp_path: Path) -> None:
    import tracemalloc

    answers = tmp_path / "answers.yaml"
    answers.write_text("education: ged\nbudget: 3000\nschedule: part-time\nnotes: |\n")
    os.truncate(answers, 50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing to write
    tracemalloc.start()
    try:
        result = invoke("plan", "--answers", str(answers), "--no-input", "--no-save")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.code == 2
    assert "too large" in one_error_line(result.err)
    # Refused from its size: the 50 MB were never held in memory (reading them would be).
    assert peak < 20 * 1024 * 1024, f"{peak:,} bytes at the peak"


def test_an_oversized_data_file_is_refused(invoke, school: Path) -> None:
    with open(school / "faq.yaml", "a") as stream:
        stream.write("#" + "x" * (MAX_FILE_BYTES + 10) + "\n")
    result = invoke("faq", "--data-dir", str(school))
    assert result.code == 1
    assert "school/faq.yaml: file is too large" in one_error_line(result.err)


DEEP = [
    pytest.param("[" * 100_000 + "]" * 100_000, id="flow-lists"),
    pytest.param("{a: " * 50_000 + "1" + "}" * 50_000, id="flow-mappings"),
    pytest.param(
        "".join("  " * depth + "a:\n" for depth in range(900)) + "  " * 900 + "b: 1\n",
        id="block-mappings",
    ),
    pytest.param("- " * 20_000 + "x\n", id="block-lists"),
    pytest.param("a: &a [*a, *a]\nb: [*a, *a, *a]\n", id="self-alias"),
]


@pytest.mark.parametrize("text", DEEP)
def test_deeply_nested_answers_do_not_crash(
    invoke, tmp_path: Path, text: str, loader: type
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(text)
    result = invoke("plan", "--answers", str(answers), "--no-input", "--no-save")
    assert result.code == 2
    line = one_error_line(result.err)
    assert str(answers) in line


@pytest.mark.parametrize("text", DEEP)
def test_deeply_nested_data_does_not_crash(invoke, school: Path, text: str, loader: type) -> None:
    (school / "outlook.yaml").write_text(text)
    result = invoke("outlook", "--data-dir", str(school))
    assert result.code == 1
    assert "school/outlook.yaml" in one_error_line(result.err)


def test_the_pure_python_loader_stops_at_its_flow_depth_not_at_python_s_stack() -> None:
    # Its scanner costs the square of the depth of [[[[...; it refuses past MAX_FLOW_DEPTH
    # (with where), and still reads a file nested that deep.
    deepest = strict_yaml.MAX_FLOW_DEPTH
    reader = strict_yaml.StrictSafeLoader("[" * deepest + "]" * deepest)
    try:
        data = reader.get_single_data()
    finally:
        reader.dispose()
    for _ in range(deepest - 1):
        data = data[0]
    assert data == []
    reader = strict_yaml.StrictSafeLoader("a: " + "[" * 100_000)
    with pytest.raises(yaml.MarkedYAMLError) as refused:
        reader.get_single_data()
    assert f"nested more than {deepest} levels deep" in str(refused.value.problem)
    assert refused.value.problem_mark is not None
    assert refused.value.problem_mark.column == 3 + deepest


LAUGHS = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}' if prev else 'lol'] * 9)}]\n"
    for prev, name in zip(["", *"abcdefgh"], "abcdefghi", strict=True)
)


def test_aliases_that_expand_forever_are_refused(invoke, school: Path, loader: type) -> None:
    # "Billion laughs": nine lines that expand to 9**9 values.
    (school / "outlook.yaml").write_text(LAUGHS)
    result = invoke("outlook", "--data-dir", str(school))
    assert result.code == 1
    line = one_error_line(result.err)
    assert "school/outlook.yaml" in line and "aliases (*name) expand to more than" in line


def test_aliases_in_an_answers_file_are_refused(invoke, tmp_path: Path, loader: type) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(LAUGHS.replace("i: &i", "background: &i"))
    result = invoke("plan", "--answers", str(answers), "--no-input", "--no-save")
    assert result.code == 2
    assert "expand to more than" in one_error_line(result.err)


def test_a_modest_alias_is_still_fine(tmp_path: Path) -> None:
    path = tmp_path / "fine.yaml"
    path.write_text("a: &a [1, 2, 3]\nb: *a\n")
    assert read_yaml(path) == {"a": [1, 2, 3], "b": [1, 2, 3]}
    assert strict_yaml.expanded_size(yaml.compose(path.read_text())) == 11


# --- duplicate keys ------------------------------------------------------------------------------


def test_the_strict_loaders_are_safe_loaders() -> None:
    assert issubclass(strict_yaml.StrictSafeLoader, yaml.SafeLoader)
    if hasattr(yaml, "CSafeLoader"):
        assert issubclass(strict_yaml.StrictCSafeLoader, yaml.CSafeLoader)
        assert strict_yaml.FASTEST is strict_yaml.StrictCSafeLoader


def test_a_duplicate_key_is_refused_naming_file_and_key(tmp_path: Path, loader: type) -> None:
    path = tmp_path / "prices.yaml"
    path.write_text("items:\n  - id: exam\n    fee: 349\n    note: x\n    fee: 449\n")
    with pytest.raises(DataError) as caught:
        read_yaml(path, label="prices.yaml")
    message = str(caught.value)
    assert message.startswith("prices.yaml: ")
    assert "the key 'fee' is given twice (first on line 3)" in message
    assert "line 5" in message


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: 2\n",
        "base: &base {a: 1, b: 2}\nchild:\n  <<: *base\n  a: 3\n",  # a merge is overridden, fine
        "- {a: 1}\n- {a: 2}\n",  # the same key in two mappings
        "a: {x: 1}\nb: {x: 1}\n",
    ],
)
def test_no_duplicate_is_seen_where_there_is_none(tmp_path: Path, text: str, loader: type) -> None:
    path = tmp_path / "fine.yaml"
    path.write_text(text)
    assert read_yaml(path) == yaml.safe_load(text)


@pytest.mark.parametrize("text", ["1: a\n'1': b\n", "a: 1\nb: {c: 1, c: 2}\n", "? [x]\n: 1\n"])
def test_other_key_shapes(tmp_path: Path, text: str, loader: type) -> None:
    # '1' and 1 are different keys; a nested duplicate is found; a list key is the safe
    # loader's own error (unhashable), never a crash.
    path = tmp_path / "keys.yaml"
    path.write_text(text)
    if "c: 2" in text:
        with pytest.raises(DataError, match="the key 'c' is given twice"):
            read_yaml(path)
    elif text.startswith("?"):
        with pytest.raises(DataError):
            read_yaml(path)
    else:
        assert read_yaml(path) == {1: "a", "1": "b"}


def test_a_duplicate_key_in_a_data_file(invoke, school: Path) -> None:
    replace_once(
        school / "certifications.yaml",
        "      member: 349\n",
        "      member: 349\n      member: 300\n",
    )
    result = invoke("compare", "CPB", "CBCS", "--data-dir", str(school))
    assert result.code == 1
    line = one_error_line(result.err)
    assert line.startswith("Error: school/certifications.yaml: certifications[0] (CPB): ")
    assert "the key 'member' is given twice" in line


def test_a_duplicate_key_in_an_answers_file(invoke, tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("education: ged\nbudget: 3000\nschedule: part-time\nbudget: 300\n")
    result = invoke("plan", "--answers", str(answers), "--no-input", "--no-save")
    assert result.code == 2
    line = one_error_line(result.err)
    assert str(answers) in line and "the key 'budget' is given twice (first on line 2)" in line


def test_the_bundled_data_has_no_duplicate_keys(loader: type) -> None:
    for path in sorted(DATA.glob("*.yaml")):
        read_yaml(path)  # raises on a duplicate


# --- no network, ever --------------------------------------------------------------------------


def test_no_command_touches_the_network(
    invoke, example_files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts = block_network(monkeypatch)
    runs = 0
    for command in commands():
        for argv in [
            list(command.words),
            [*command.words, "--help"],
            *examples(command.click.epilog),
        ]:
            if "--json" not in argv and "--help" not in argv and command.name != "plan":
                argv = (
                    [*argv, "--json"]
                    if any(p.opts == ["--json"] for p in command.options())
                    else argv
                )
            result = invoke(*argv)
            runs += 1
            assert result.code in {0, 1, 2}, (argv, result.err)
            assert "network access attempted" not in result.err, argv
            assert "Unexpected error" not in result.err, (argv, result.err)
    assert attempts == []
    assert runs >= 3 * len(commands())


def test_the_network_block_itself_works(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    attempts = block_network(monkeypatch)
    with pytest.raises(AssertionError, match="network access attempted"):
        socket.create_connection(("127.0.0.1", 9))
    assert attempts


# Every command runs in-process above, after its libraries were imported. These few runs of the
# installed command cover what that cannot: a library reaching out as it is imported. Together
# they import every library bcareer uses outside the questionnaire (Rich tables, YAML on a cold
# cache, pydantic, the HTML export, icalendar).
INSTALLED = [
    ("compare", "CPB", "CBCS"),
    ("renew", "CPB", "--earned", "2025-03-14", "--export", "cpb.ics"),
    (*PLAN, "--export", "plan.html"),
]


def test_the_installed_command_never_touches_the_network(run_installed, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    marker = tmp_path / "sitecustomize-ran"
    (site / "sitecustomize.py").write_text(
        SITECUSTOMIZE_BLOCKING_NETWORK + f"open({str(marker)!r}, 'a').write('x')\n"
    )
    work = tmp_path / "work"
    work.mkdir()
    env = {"PYTHONPATH": str(site)}
    for args in INSTALLED:
        result = run_installed(*args, env=env, cwd=work)
        assert result.code == 0, (args, result.err)
        assert "NETWORK ATTEMPT" not in result.err and "network access" not in result.err
    # The block was really in place in every run.
    assert marker.read_text() == "x" * len(INSTALLED)
    # And it does block: a process that tries is stopped.
    import subprocess

    probe = subprocess.run(
        [sys.executable, "-c", "import socket; socket.create_connection(('127.0.0.1', 9))"],
        env={"PYTHONPATH": str(site)},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert probe.returncode != 0 and "NETWORK ATTEMPT: create_connection" in probe.stderr
