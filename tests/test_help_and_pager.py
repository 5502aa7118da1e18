"""Help that fits 80 columns in plain words, completion of every fixed list, global options
after the command name, the width cap and hanging indents, and the pager."""

from __future__ import annotations

import io
import os
import re
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main
from conftest import DATA, bcareer_executable, ended

from billing_career.cli.app import GLOBAL
from billing_career.cli.main import app  # (importing main registers every command)
from billing_career.planning.load import load_knowledge
from billing_career.render import terminal
from billing_career.render.terminal import (
    MAX_WIDTH,
    bullet_list,
    hanging,
    needs_paging,
    pager_command,
    text_width,
)

HELP_WIDTH = 80


def command_tree() -> list[tuple[tuple[str, ...], Any]]:
    """Every command and group with its own help, the root first, found by walking the tree:
    a command added later is covered with no change here."""
    found: list[tuple[tuple[str, ...], Any]] = []

    def walk(node: Any, words: tuple[str, ...]) -> None:
        found.append((words, node))
        for name, child in getattr(node, "commands", {}).items():
            if not getattr(child, "hidden", False):
                walk(child, (*words, name))

    walk(typer.main.get_command(app), ())
    return found


TREE = command_tree()
PATHS = [words for words, _ in TREE]


def help_text(invoke: Any, words: tuple[str, ...]) -> str:
    result = invoke(*words, "--help", env={"COLUMNS": str(HELP_WIDTH)})
    assert result.code == 0, result.err
    return str(result.out)


# --- help: width and notation -------------------------------------------------------------------

# Notation a job seeker won't follow: Python types, braces, nested brackets, number ranges, and
# the environment-variable note that repeats what the help already says.
PROGRAMMER_NOTATION = {
    "a type in angle brackets": re.compile(r"<[a-z][^<>]*>"),
    "braces around an argument": re.compile(r"\{[A-Z_]+\}"),
    "nested brackets": re.compile(r"\[\[|\]\.\.\.\]"),
    "a number range": re.compile(r"<=\s*x|x\s*[<>]=|\bx\s*[<>]\s*\d"),
    "Typer's env var note": re.compile(r"env var:"),
}
ENV_VARS = ("BCAREER_DATA_DIR", "BCAREER_NO_INPUT", "BCAREER_PAGER")


@pytest.mark.parametrize("words", PATHS, ids=lambda words: " ".join(words) or "bcareer")
def test_help_fits_80_columns_in_plain_words(invoke, words: tuple[str, ...]) -> None:
    text = help_text(invoke, words)
    wide = [line for line in text.splitlines() if len(line) > HELP_WIDTH]
    assert not wide, f"{len(wide)} lines wider than {HELP_WIDTH}: {wide}"
    for what, pattern in PROGRAMMER_NOTATION.items():
        found = pattern.search(text)
        assert found is None, f"{what}: {found.group(0) if found else ''!r}"
    for name in ENV_VARS:
        assert text.count(name) <= 1, f"{name} is named {text.count(name)} times"


@pytest.mark.parametrize(
    ("typer_says", "shown"),
    [
        ("Years.  [0<=x<=60]", "Years.  [0 to 60]"),
        ("Dollars.  [0<=x<=10000000]", "Dollars.  [0 to 10,000,000]"),
        ("At most N.  [default: 3; x>=1]", "At most N.  [default: 3; 1 or more]"),
        ("Months.  [x<=24]", "Months.  [24 or less]"),
        ("A folder.  [env var: BCAREER_DATA_DIR]", "A folder."),
        ("A folder.  [env var: X; default: a]", "A folder.  [default: a]"),
        ("Code.  [required]", "Code.  [required]"),
        ("No extras here.", "No extras here."),
    ],
)
def test_typers_notes_are_said_in_words(typer_says: str, shown: str) -> None:
    from billing_career.cli.app import plain_definition, plain_term, plain_usage

    assert plain_definition(typer_says) == shown
    assert plain_term("CODE <list[str]>") == "CODE"
    assert plain_term("--data-dir <path>") == "--data-dir"
    assert plain_usage("[OPTIONS] {CODE}") == "[OPTIONS] CODE"


# Jargon, and the words that explain it: on each help page where a term appears, its first
# appearance comes with the explanation, and the explanation is not repeated.
JARGON = {
    "CEU": "continuing education units",
    "WIOA": "Workforce Innovation and Opportunity Act",
    "ETPL": "Eligible Training Provider List",
    "JSON Lines": "per line",
}


@pytest.mark.parametrize("words", PATHS, ids=lambda words: " ".join(words) or "bcareer")
def test_jargon_is_explained_once_where_it_first_appears(invoke, words: tuple[str, ...]) -> None:
    flat = " ".join(help_text(invoke, words).split())
    for term, explanation in JARGON.items():
        first = flat.find(term)
        if first < 0:
            continue
        assert flat.count(explanation) == 1, f"{term}: '{explanation}' {flat.count(explanation)}x"
        near = flat[max(0, first - 80) : first + 80]
        assert explanation in near, f"{term} is not explained where it first appears: {near!r}"


def test_the_jargon_check_sees_every_term_somewhere(invoke) -> None:
    """Control: each term does appear in some help, so the test above checks something."""
    every = " ".join(" ".join(help_text(invoke, words).split()) for words in PATHS)
    assert all(term in every for term in JARGON), [t for t in JARGON if t not in every]


def options_of(node: Any) -> list[Any]:
    return [param for param in node.params if param.param_type_name == "option"]


# The same metavar means the same thing everywhere: amounts of money are DOLLARS, whole years
# of experience YEARS, certification codes CODE.
MEANINGS = {
    "DOLLARS": {"--budget", "--max-cost", "--employer-amount"},
    "YEARS": {"--experience-years"},
    "CODE": {"--cert", "--failed-exam"},
}


def test_metavars_mean_one_thing_everywhere() -> None:
    seen: dict[str, dict[str, str]] = {}
    for words, node in TREE:
        for param in options_of(node):
            if param.is_flag or not param.opts[0].startswith("--"):
                continue
            metavar = param.metavar or ""
            assert re.fullmatch(r"[A-Z][A-Z]*(?:,\.\.\.)?", metavar), (words, param.opts, metavar)
            seen.setdefault(param.opts[0], {})[" ".join(words)] = metavar
            for meaning, options in MEANINGS.items():
                if param.opts[0] in options:
                    assert metavar == meaning, (words, param.opts[0], metavar)
                elif metavar == meaning:
                    pytest.fail(f"{' '.join(words)} {param.opts[0]} uses {meaning} for another use")
    different = {flag: where for flag, where in seen.items() if len(set(where.values())) > 1}
    assert not different, different
    arguments = [
        (words, param.metavar)
        for words, node in TREE
        for param in node.params
        if param.param_type_name == "argument" and param.name in {"code", "codes"}
    ]
    assert arguments and all(metavar == "CODE" for _, metavar in arguments), arguments


def test_command_lists_show_whole_one_line_summaries(invoke) -> None:
    for words, node in TREE:
        if not getattr(node, "commands", None):
            continue
        text = help_text(invoke, words)
        listing = text.split("Commands:\n", 1)[1].split("\n\n", 1)[0].splitlines()
        names = [line.split()[0] for line in listing]
        assert sorted(names) == sorted(node.commands), (words, listing)  # one line each
        assert not [line for line in listing if line.rstrip().endswith("...")], listing


# --- global options before or after the command name ----------------------------------------

GLOBAL_OPTIONS = ("--no-color", "--no-pager", "--data-dir", str(DATA))


@pytest.mark.parametrize("words", PATHS[1:], ids=" ".join)
def test_global_options_are_accepted_after_every_command(invoke, words: tuple[str, ...]) -> None:
    result = invoke(*words, *GLOBAL_OPTIONS, "--help")
    assert result.code == 0, result.err
    assert "--no-color" in result.out and "--no-pager" in result.out


COLORED = {"FORCE_COLOR": "1", "TERM": "xterm-256color"}
ESCAPE = "\x1b["


@pytest.mark.parametrize(
    "argv",
    [
        ("--no-color", "compare", "CPB", "CBCS"),
        ("compare", "CPB", "CBCS", "--no-color"),
        ("compare", "--no-color", "CPB", "CBCS"),
        ("programs", "find", "--no-color"),
        ("profile", "show", "--no-color"),
    ],
    ids=" ".join,
)
def test_no_color_works_before_or_after_the_command(invoke, argv: tuple[str, ...]) -> None:
    command = [word for word in argv if word != "--no-color"]
    control = invoke(*command, env=COLORED)
    assert control.code == 0, control.err
    result = invoke(*argv, env=COLORED)
    assert result.code == 0, result.err
    if ESCAPE in control.out:  # (a command with nothing on stdout has nothing to color)
        assert ESCAPE not in result.out
    assert GLOBAL.no_color


def test_an_earlier_runs_global_option_does_not_stick(invoke) -> None:
    assert invoke("compare", "CPB", "CBCS", "--no-color").code == 0
    assert GLOBAL.no_color
    assert invoke("compare", "CPB", "CBCS").code == 0
    assert not GLOBAL.no_color and not GLOBAL.no_pager and GLOBAL.data_dir is None


def test_data_dir_after_a_command_without_its_own_is_used(invoke, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder"
    # `profile reset` and the `data` group declare no --data-dir: the global one is used.
    result = invoke("data", "--data-dir", str(missing), "check")
    assert result.code != 0 and str(missing) in result.err
    assert invoke("data", "check", "--data-dir", str(DATA)).code == 0
    assert invoke("profile", "reset", "--data-dir", str(DATA), "--yes").code == 0
    assert GLOBAL.data_dir == DATA


@pytest.mark.parametrize(
    "argv",
    [
        ("--data-dir", str(DATA), "compare", "CPB", "CBCS"),
        ("compare", "CPB", "CBCS", "--data-dir", str(DATA)),
        ("--data-dir", str(DATA), "sources"),
        ("data", "check", "--data-dir", str(DATA)),
        ("--data-dir", str(DATA), "data", "check"),
    ],
    ids=" ".join,
)
def test_a_typed_data_dir_wins_over_the_environment(
    invoke, tmp_path: Path, argv: tuple[str, ...]
) -> None:
    env = {"BCAREER_DATA_DIR": str(tmp_path / "missing")}
    command = [word for word in argv if word not in {"--data-dir", str(DATA)}]
    assert invoke(*command, "--json", env=env).code != 0  # control: the environment is read
    result = invoke(*argv, "--json", env=env)
    assert result.code == 0, result.err


# --- completion of every fixed list, through Typer's own completion variables ------------------


def complete(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    line: str,
    shell: str = "bash",
    **env: str,
) -> str:
    """What bcareer answers a shell's completion request for line (typed so far), in-process."""
    from billing_career.cli.main import run

    monkeypatch.setenv("_BCAREER_COMPLETE", f"complete_{shell}")
    if shell == "bash":
        monkeypatch.setenv("COMP_WORDS", line)
        monkeypatch.setenv("COMP_CWORD", str(len(line.split(" ")) - 1))
    else:
        monkeypatch.setenv("_TYPER_COMPLETE_ARGS", line)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    capsys.readouterr()
    with pytest.raises(SystemExit) as exited:
        run([])
    out = capsys.readouterr().out
    out += f"\n(exit {exited.value.code})" if exited.value.code not in (0, None) else ""
    return out


def lists() -> dict[str, list[str]]:
    kb = load_knowledge()
    choices = {q.id: [c.value for c in q.choices] for q in kb.questions.questions}
    return {
        "bcareer salary --experience ": [level.id for level in kb.salary.by_experience],
        "bcareer salary --setting ": [setting.id for setting in kb.salary.by_setting],
        "bcareer programs find --cert ": [c.code for c in kb.certifications.certifications],
        "bcareer cost --aid ": [*(option.id for option in kb.aid.aid), "all"],
        "bcareer compare ": [c.code for c in kb.certifications.certifications],
        "bcareer plan --education ": choices["education"],
        "bcareer plan --schedule ": choices["schedule"],
        "bcareer plan --learning ": choices["learning"],
        "bcareer plan --goal ": choices["goal"],
        "bcareer plan --background ": [*choices["background"], "none"],
    }


# The plan's answer options come from planning/answers.py and attach completion.answer_values.
LISTS = list(lists())


@pytest.mark.parametrize("line", LISTS)
def test_every_fixed_list_completes_in_bash(monkeypatch, capsys, line: str) -> None:
    expected = lists()[line]
    assert len(expected) >= 2
    assert complete(monkeypatch, capsys, line).split() == expected


@pytest.mark.parametrize("line", LISTS)
def test_no_file_names_where_a_list_exists_in_zsh_and_fish(monkeypatch, capsys, line) -> None:
    first = lists()[line][0]
    zsh = complete(monkeypatch, capsys, line, "zsh")
    assert "_files" not in zsh and f'"{first}"' in zsh
    fish = complete(monkeypatch, capsys, line, "fish", _TYPER_COMPLETE_FISH_ACTION="get-args")
    assert fish.split() == lists()[line]


def test_a_list_of_several_answers_completes_after_a_comma(monkeypatch, capsys) -> None:
    from types import SimpleNamespace

    from billing_career.cli.completion import answer_values

    context: Any = SimpleNamespace(params={}, parent=None)  # what completion reads of Click's
    assert answer_values("background")(context, "data-entry,c") == [
        "data-entry,customer-service",
        "data-entry,computer-skills",
    ]
    assert answer_values("education")(context, "h") == ["high-school"]
    assert complete(monkeypatch, capsys, "bcareer cost --aid wioa,gi").split() == ["wioa,gi-bill"]


def test_global_data_dir_after_the_command_reaches_completion(monkeypatch, capsys, tmp_path):
    assert complete(monkeypatch, capsys, "bcareer compare ").split()  # control
    got = complete(monkeypatch, capsys, f"bcareer compare --data-dir {tmp_path} ")
    assert got.split() == []


# --- width: a cap on wide terminals, hanging indents -------------------------------------------


def test_text_stops_near_100_columns_on_a_wide_terminal() -> None:
    assert text_width(200, on_terminal=True, columns_given=False) == MAX_WIDTH == 100
    assert text_width(80, on_terminal=True, columns_given=False) == 80
    # What COLUMNS asks for, or a pipe's width, is used as given.
    assert text_width(200, on_terminal=True, columns_given=True) == 200
    assert text_width(200, on_terminal=False, columns_given=False) == 200


def rendered(renderable: Any, width: int) -> list[str]:
    from rich.console import Console

    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return [line.rstrip() for line in console.export_text().splitlines()]


def test_wrapped_bullets_hang_under_their_text() -> None:
    lines = rendered(
        bullet_list("Pros", ["a long item that has to wrap onto more lines", "short"]), 24
    )
    assert lines[0] == "Pros"
    assert lines[1].lstrip().startswith("- a long")
    column = lines[1].index("a long")
    continued = lines[2 : lines.index(" - short")]
    assert continued and all(line[:column] == " " * column and line.strip() for line in continued)


def test_a_wrapped_step_heading_hangs_under_its_title() -> None:
    title = "Step 1: Practice English and communication skills"
    lines = rendered(hanging("2027-01-26 to 2027-02-23", title), 60)
    assert lines[0].startswith("2027-01-26 to 2027-02-23  Step 1:")
    column = lines[0].index("Step 1")
    assert len(lines) > 1 and all(line[:column].strip() == "" for line in lines[1:])


def test_plan_step_headings_hang_at_60_columns(invoke) -> None:
    args = ("plan", "--education", "ged", "--budget", "3000", "--schedule", "part-time")
    result = invoke(
        *args, "--no-input", "--no-save", "--details", env={"COLUMNS": "60", "NO_COLOR": "1"}
    )
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    # "Feb 1, 2027 to Feb 15", "Feb 15 to Aug 15", "Sep 5": the step tables' short dates.
    day = r"[A-Z][a-z]{2} \d{1,2}(, \d{4})?"
    dated = re.compile(rf"^{day}( to {day})?  ")
    headings = [index for index, line in enumerate(lines) if dated.match(line)]
    assert headings
    wrapped = [lines[i + 1] for i in headings if lines[i + 1].startswith(" " * 10)]
    assert wrapped, "no step heading wrapped at 60 columns: the check would be empty"
    for index in headings:
        after = lines[index + 1]
        assert after.startswith(" "), f"continues at column 0: {lines[index]!r} / {after!r}"


# --- the pager ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("enabled", "tty", "environ", "expected"),
    [
        (True, True, {}, ["less"]),
        (True, False, {}, None),  # a pipe or a file: never
        (False, True, {}, None),  # --no-pager
        (True, True, {"TERM": "dumb"}, None),
        (True, True, {"PAGER": "more -s"}, ["more", "-s"]),
        (True, True, {"PAGER": "more", "BCAREER_PAGER": "most"}, ["most"]),
        (True, True, {"BCAREER_PAGER": "", "PAGER": "more"}, None),
        (True, True, {"PAGER": "cat"}, None),
        (True, True, {"PAGER": "/bin/cat"}, None),
        (True, True, {"PAGER": "less '-R"}, None),  # unbalanced quote
    ],
)
def test_the_pager_is_only_for_a_terminal(
    enabled: bool, tty: bool, environ: dict[str, str], expected: list[str] | None
) -> None:
    assert pager_command(enabled=enabled, stdout_is_terminal=tty, environ=environ) == expected


def test_only_output_longer_than_the_screen_is_paged() -> None:
    assert not needs_paging("line\n" * 23, 24)
    assert needs_paging("line\n" * 24, 24)


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def terminal_out(monkeypatch: pytest.MonkeyPatch) -> Any:
    """A function giving stdout and stderr that say they are a terminal of 24 lines, and a
    pager that records. (Called in the test: pytest sets sys.stdout again once a test starts.)"""
    return lambda: fake_terminal(monkeypatch)


def fake_terminal(monkeypatch: pytest.MonkeyPatch) -> tuple[FakeTerminal, FakeTerminal, list[str]]:
    out, err = FakeTerminal(), FakeTerminal()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setenv("BCAREER_PAGER", "less")
    monkeypatch.setattr(terminal, "_screen_lines", lambda: 24)
    paged: list[str] = []

    def fake_pager(command: list[str], text: str) -> bool:
        paged.append(text)
        err.write("<pager closed>\n")
        return True

    monkeypatch.setattr(terminal, "_run_pager", fake_pager)
    return out, err, paged


def test_long_output_goes_through_the_pager_and_notes_come_after_it(terminal_out) -> None:
    out, err, paged = terminal_out()
    with terminal.paging(lambda: True):
        sys.stderr.write("Planning...\n")  # before any output: shown at once
        console = terminal.make_console(no_color=True)
        for number in range(40):
            console.print(f"line {number}")
        sys.stderr.write("Wrote plan.md\n")
        assert err.getvalue() == "Planning...\n"
    assert out.getvalue() == ""
    assert paged and paged[0].count("\n") == 40
    assert err.getvalue() == "Planning...\n<pager closed>\nWrote plan.md\n"


@pytest.mark.parametrize("enabled", [True, False], ids=["short", "no-pager"])
def test_short_output_or_no_pager_prints_straight(terminal_out, enabled: bool) -> None:
    out, err, paged = terminal_out()
    lines = 5 if enabled else 40
    with terminal.paging(lambda: enabled):
        console = terminal.make_console(no_color=True)
        for number in range(lines):
            console.print(f"line {number}")
        sys.stderr.write("Wrote plan.md\n")
    assert not paged
    assert out.getvalue().count("\n") == lines
    assert err.getvalue() == "Wrote plan.md\n"


def test_output_so_far_is_shown_when_a_command_fails(terminal_out) -> None:
    out, _, paged = terminal_out()
    with pytest.raises(KeyboardInterrupt), terminal.paging(lambda: True):
        terminal.make_console(no_color=True).print("\n".join(["line"] * 40))
        raise KeyboardInterrupt
    assert not paged and out.getvalue().count("line") == 40


def test_json_is_never_paged(terminal_out) -> None:
    from billing_career.render.output import emit_json

    out, _, paged = terminal_out()
    with terminal.paging(lambda: True):
        emit_json({"rows": list(range(100))})
    assert not paged and out.getvalue().count("\n") > 100


def spawn_in_terminal(*args: str, columns: int = 200) -> list[str]:
    import pexpect

    env = dict(os.environ, TERM="xterm-256color", NO_COLOR="1", BCAREER_PAGER="sed s/^/PAGED:/")
    env.pop("COLUMNS", None)
    child = pexpect.spawn(
        bcareer_executable(),
        list(args),
        env=env,
        dimensions=(24, columns),
        encoding="utf-8",
        timeout=20,
    )
    output = ended(child)
    assert child.exitstatus == 0, output
    return output.splitlines()


def test_in_a_real_terminal_long_output_is_paged_and_capped_at_100_columns() -> None:
    paged = spawn_in_terminal("compare", "--all")
    assert len(paged) > 24 and all(line.startswith("PAGED:") for line in paged)
    assert max(len(line.removeprefix("PAGED:")) for line in paged) <= MAX_WIDTH
    straight = spawn_in_terminal("compare", "--all", "--no-pager")
    assert len(straight) > 24 and not any(line.startswith("PAGED:") for line in straight)


def test_a_pipe_is_never_paged(run_installed) -> None:
    result = run_installed("compare", "--all", env={"BCAREER_PAGER": "sed s/^/PAGED:/"})
    assert result.code == 0 and result.out.count("\n") > 24
    assert "PAGED:" not in result.out
