"""hypothesis fuzzing of every option of every command, in-process through cli.run.

The commands and their options come from walking the Click tree, so a command added later is
fuzzed with no change here. Whatever the arguments: the exit code is 0, 1 or 2, stderr never
holds a traceback or "Unexpected error", --json output parses, and nothing ever prompts.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA
from hardening_tools import Command, commands
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# Modest: ~20 commands x this many runs stay well under 20 s in all.
EXAMPLES_PER_COMMAND = 25

WORDS = [
    # codes, names and aliases from the data, in several cases
    "CPB",
    "cbcs",
    "CMRS",
    "CPC",
    "chfp",
    "CMA",
    "online",
    "certificate",
    "associate",
    "none",
    "all",
    "federal-aid",
    "wioa,gi-bill",
    "entry",
    "hospitals",
    "TX",
    "IL",
    "cost",
    "work from home",
    # answers to the plan's questions
    "ged",
    "high-school",
    "bachelor",
    "part-time",
    "full-time",
    "flexible",
    "either",
    "quick-entry",
    "advancement",
    "customer-service,insurance",
    "today",
    "yes",
    "no",
    # numbers, good and bad
    "0",
    "1",
    "3000",
    "$3,000",
    "-1",
    "-0",
    "1e9",
    "nan",
    "NaN",
    "inf",
    "-inf",
    "1.5",
    "99999999999999999999",
    "0x10",
    # dates, good and impossible
    "2026-01-05",
    "2026-02-30",
    "2025-13-01",
    "0000-00-00",
    "1899-12-31",
    "2101-01-01",
    # hostile text
    "",
    " ",
    "[red]x[/]",
    "[/]",
    "[bold",
    "Zertifikät™",
    "全职",
    "\x00",
    "\t\n",
    "-",
    "--",
    "x" * 5_000,
]
# Paths relative to the folder each test runs in (see `playground`), plus the data copy.
PATHS = [
    "plan.md",
    "plan.html",
    "plan.ics",
    "plan.pdf",
    "plan",
    "renewal.ics",
    "plans.jsonl",
    "folder",
    "folder.csv",
    "folder/plan.md",
    "missing/plan.md",
    "missing/x.ics",
    "answers.yaml",
    "bad-answers.yaml",
    "cohort.csv",
    "cohort.yaml",
    "bad-cohort.csv",
    "not-utf8.yaml",
    "missing.yaml",
    "missing.csv",
    "data",
    "empty",
    "",
    ".",
]


# The strategies are built once: hypothesis validates a strategy as it first draws from it, and
# building them for every draw was half the time of each run.
STRINGS: st.SearchStrategy[str] = st.one_of(
    st.sampled_from(WORDS),
    st.text(max_size=24),
    st.dates(min_value=dt.date(1, 1, 1)).map(dt.date.isoformat),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.floats().map(repr),
)


def _relative(text: str) -> bool:
    # Generated paths stay inside the test's own folder.
    return not text.startswith(("/", "~")) and ".." not in text and "\x00" not in text


PATH_VALUES = st.one_of(st.sampled_from(PATHS), STRINGS.filter(_relative))
INT_VALUES = st.one_of(st.integers(min_value=-5, max_value=10**8).map(str), STRINGS)
FLOAT_VALUES = st.one_of(st.floats().map(repr), STRINGS)


def value_for(param: Any) -> st.SearchStrategy[str]:
    """Values for one option or argument, from its declared type."""
    annotation = param.type_descriptor.annotation
    inner = getattr(annotation, "__args__", (annotation,))[0]
    if inner is Path or param.name in {"export", "answers", "batch", "output", "data_dir"}:
        return PATH_VALUES
    if inner is int:
        return INT_VALUES
    if inner is float:
        return FLOAT_VALUES
    return STRINGS


@functools.cache
def chosen_options(command: Command) -> st.SearchStrategy[list[Any]]:
    """Up to six of a command's options, each as (its spellings, its values; None for a flag)."""
    options = [
        (st.sampled_from([*option.opts, *option.secondary_opts]), None)
        if option.is_flag
        else (st.sampled_from(option.opts), value_for(option))
        for option in command.options()
    ]
    return st.lists(st.sampled_from(options), max_size=6) if options else st.just([])


@st.composite
def invocation(draw: st.DrawFn, command: Command) -> list[str]:
    argv: list[str] = []
    if draw(st.booleans()):
        argv.append("--no-color")
    if draw(st.integers(0, 9)) == 0:
        argv += ["--data-dir", draw(st.sampled_from(["data", "empty", "missing", ""]))]
    argv += command.words
    for names, value in draw(chosen_options(command)):
        argv.append(draw(names))
        if value is not None:
            argv.append(draw(value))
    for argument in command.arguments():
        if argument.nargs == -1:
            argv += draw(st.lists(value_for(argument), max_size=4))
        elif argument.required is False or draw(st.integers(0, 5)):
            argv.append(draw(value_for(argument)))
    if draw(st.integers(0, 9)) == 0:
        argv.append(draw(st.sampled_from(["--help", "--frob", "extra"])))
    return argv


@pytest.fixture
def playground(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder to run in, with the files the path options may name; nothing can prompt."""
    folder = tmp_path / "play"
    folder.mkdir()
    (folder / "folder").mkdir()
    (folder / "folder.csv").mkdir()
    (folder / "empty").mkdir()
    shutil.copytree(DATA, folder / "data")
    (folder / "answers.yaml").write_text("education: ged\nbudget: 3000\nschedule: part-time\n")
    (folder / "bad-answers.yaml").write_text("education: [ged\nbudget: !!python/object:os.x\n")
    (folder / "not-utf8.yaml").write_bytes(b"education: g\xe9d\n")
    (folder / "cohort.csv").write_text(
        "education,budget,schedule\nged,3000,part-time\nphd,-1,never\n"
    )
    (folder / "cohort.yaml").write_text("- {education: ged, budget: 10, schedule: flexible}\n")
    (folder / "bad-cohort.csv").write_text("colour,budget\nred,1\n")
    monkeypatch.chdir(folder)

    def no_prompts(*args: object, **kwargs: object) -> Any:
        raise AssertionError("bcareer prompted in a test with no terminal")

    import questionary

    for name in ("select", "text", "confirm", "checkbox", "prompt", "password", "path"):
        monkeypatch.setattr(questionary, name, no_prompts)
    return folder


FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES_PER_COMMAND,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)


@pytest.mark.parametrize("command", commands(), ids=lambda command: command.name)
def test_fuzz_command(invoke, playground: Path, command: Command) -> None:
    @FUZZ_SETTINGS
    @given(argv=invocation(command))
    def run_one(argv: list[str]) -> None:
        result = invoke(*argv)
        where = f"bcareer {' '.join(repr(arg)[:60] for arg in argv)}"
        assert result.code in {0, 1, 2}, (where, result.code, result.err[-2000:])
        assert "Traceback" not in result.err, (where, result.err[-2000:])
        assert "Unexpected error" not in result.err, (where, result.err[-2000:])
        if result.code:
            assert result.err.strip(), where  # a failure always says why
        if result.code == 0 and "--json" in argv and "--batch" not in argv and "--help" not in argv:
            json.loads(result.out)

    run_one()


def test_every_command_is_fuzzed() -> None:
    # The walk finds commands as they land: today's, and plan / profile when registered.
    names = {command.name for command in commands()}
    assert {"compare", "cost", "salary", "renew", "faq", "data check"} <= names
