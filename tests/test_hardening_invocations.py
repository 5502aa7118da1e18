"""Bad invocations and the documented exit codes, table-driven.

Every bad invocation must exit 1 (bad data, failed operation) or 2 (bad usage), leave exactly one
short line on stderr that names the problem, print nothing on stdout and never a traceback. The
table runs in-process through the console script's own entry (cli.main.run); a few rows also run
the installed command, to show a real process exits and writes the same way.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA, REPO, bcareer_executable
from hardening_tools import MAX_ERROR_LINE, big_cohort, one_error_line

HUGE = "x" * 100_000
# Answers that make a complete plan, so only the value under test is wrong.
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
RENEW = ("renew", "CPB", "--earned", "2025-03-14", "--as-of", "2025-06-01")


def plan_with(flag: str, value: str) -> tuple[str, ...]:
    """The complete plan invocation with one flag's value replaced."""
    args = list(PLAN)
    if flag in args:
        args[args.index(flag) + 1] = value
    else:
        args += [flag, value]
    return tuple(args)


# (args, exit code, what the one line must say). {tmp} is the test's folder of prepared files.
BAD = [
    # unknown commands, options and values
    pytest.param(("frobnicate",), 2, "No such command 'frobnicate'", id="unknown-command"),
    pytest.param(("data", "frob"), 2, "No such command 'frob'", id="unknown-subcommand"),
    pytest.param(("compare", "--frob"), 2, "No such option: --frob", id="unknown-option"),
    pytest.param(("--frob", "about"), 2, "No such option: --frob", id="unknown-global-option"),
    pytest.param(("compare", "CPB", "CBSC"), 2, "Did you mean 'CBCS'?", id="unknown-cert"),
    pytest.param(
        ("cost", "--program", "onlnie"), 2, "Did you mean 'online'?", id="unknown-program"
    ),
    pytest.param(("cost", "--aid", "grants-please"), 2, "Unknown aid option", id="unknown-aid"),
    pytest.param(("salary", "--state", "ZZ"), 2, "Unknown state 'ZZ'", id="unknown-state"),
    pytest.param(plan_with("--education", "phd"), 2, "Invalid --education", id="unknown-education"),
    pytest.param(("cost", "--program"), 2, "requires an argument", id="option-without-value"),
    pytest.param(("renew",), 2, "Missing argument 'CODE'", id="missing-argument"),
    pytest.param(("renew", "CPB"), 2, "Missing option '--earned'", id="missing-option"),
    pytest.param(("compare", "CPB"), 2, "at least two", id="one-code-to-compare"),
    pytest.param(
        ("plan", "--no-input", "--no-save"), 2, "Missing --education", id="plan-missing-answers"
    ),
    pytest.param(
        ("programs", "check", "--no-input"), 2, "no terminal to ask in", id="check-without-answers"
    ),
    pytest.param(
        ("programs", "find", "--online", "--in-person"),
        2,
        "exclude each other",
        id="contradicting-flags",
    ),
    pytest.param(
        ("plan", "--output", "{tmp}/plans.jsonl"),
        2,
        "--output goes with --batch",
        id="output-without-batch",
    ),
    # empty values
    pytest.param(("compare", "", "CPB"), 2, "Unknown certification ''", id="empty-code"),
    pytest.param(("cost", "--program", ""), 2, "Unknown program ''", id="empty-program"),
    pytest.param(plan_with("--budget", ""), 2, "Invalid --budget", id="empty-budget"),
    pytest.param(("renew", "CPB", "--earned", ""), 2, "Bad date for --earned", id="empty-date"),
    pytest.param(
        ("--data-dir", "", "about"), 2, "holds none of bcareer's data files", id="empty-data-dir"
    ),
    # huge values (100,000 characters): still one short line
    pytest.param(("compare", "CPB", HUGE), 2, "Unknown certification 'xxx", id="huge-code"),
    pytest.param(plan_with("--education", HUGE), 2, "Invalid --education", id="huge-education"),
    pytest.param((HUGE,), 2, "No such command", id="huge-command"),
    pytest.param(("faq", "--limit", "9" * 100_000), 2, "--limit", id="huge-number"),
    # non-ASCII values
    pytest.param(("compare", "CPB", "Zertifikät™"), 2, "'Zertifikät™'", id="non-ascii-code"),
    pytest.param(
        ("cost", "--program", "ünline"), 2, "Did you mean 'online'?", id="non-ascii-program"
    ),
    pytest.param(plan_with("--schedule", "全职"), 2, "'全职'", id="cjk-schedule"),
    # Rich markup: shown as typed, never interpreted or crashing
    pytest.param(("compare", "[red]x[/]", "CPB"), 2, "'[red]x[/]'", id="markup-code"),
    pytest.param(("salary", "--experience", "[/]"), 2, "'[/]'", id="markup-closing-tag"),
    pytest.param(("cost", "--aid", "[/]"), 2, "Unknown aid option '[/]'", id="markup-aid"),
    # NaN, infinity and negative numbers
    pytest.param(("aid", "--budget", "nan"), 2, "--budget", id="nan-int"),
    pytest.param(("aid", "--budget", "-1"), 2, "--budget", id="negative-int"),
    pytest.param(("aid", "--budget", "10000001"), 2, "--budget", id="budget-over-the-limit"),
    pytest.param(
        plan_with("--budget", "10000001"), 2, "at most 10,000,000", id="plan-budget-over-the-limit"
    ),
    pytest.param(("programs", "find", "--max-months", "nan"), 2, "--max-months", id="nan-float"),
    pytest.param(("programs", "find", "--max-months", "inf"), 2, "--max-months", id="inf-float"),
    pytest.param(
        ("programs", "find", "--max-months", "-3"), 2, "--max-months", id="negative-float"
    ),
    pytest.param(plan_with("--budget", "nan"), 2, "Invalid --budget", id="nan-budget"),
    pytest.param(plan_with("--budget", "-100"), 2, "negative", id="negative-budget"),
    pytest.param(plan_with("--budget", "1e309"), 2, "Invalid --budget", id="overflowing-budget"),
    # impossible dates
    pytest.param(("renew", "CPB", "--earned", "2026-02-30"), 2, "'2026-02-30'", id="february-30"),
    pytest.param(
        ("renew", "CPB", "--earned", "2025-01-01", "--as-of", "2026-13-01"),
        2,
        "--as-of",
        id="month-13",
    ),
    pytest.param(plan_with("--start", "2026-02-30"), 2, "Invalid --start", id="plan-february-30"),
    pytest.param(("renew", "CPB", "--earned", "yesterday"), 2, "YYYY-MM-DD", id="word-date"),
    # missing and unreadable files
    pytest.param(
        plan_with("--answers", "{tmp}/missing.yaml"), 2, "missing.yaml", id="answers-missing"
    ),
    pytest.param(
        plan_with("--answers", "{tmp}/folder"), 2, "is a folder", id="answers-is-a-folder"
    ),
    pytest.param(
        plan_with("--answers", "{tmp}/latin1.yaml"), 2, "not UTF-8", id="answers-not-utf8"
    ),
    pytest.param(
        ("--data-dir", "{tmp}/missing", "compare", "CPB", "CBCS"),
        2,
        "does not exist",
        id="data-dir-missing",
    ),
    pytest.param(
        ("compare", "CPB", "CBCS", "--data-dir", "{tmp}/plain.txt"),
        2,
        "is a file, not a folder",
        id="data-dir-is-a-file",
    ),
    pytest.param(
        ("data", "check", "--data-dir", "{tmp}/folder"),
        2,
        "holds none of bcareer's data files",
        id="data-dir-empty",
    ),
    # chmod 000 means nothing to root (the tests run as root): a folder where a file should be
    # is unreadable for everyone.
    pytest.param(
        ("data", "check", "--data-dir", "{tmp}/school"),
        1,
        "school/certifications.yaml: is a folder, not a regular file",
        id="data-file-unreadable",
    ),
    pytest.param(
        ("compare", "CPB", "CBCS", "--data-dir", "d" * 300),
        2,
        "File name too long",
        id="data-dir-name-too-long",
    ),
    pytest.param(
        plan_with("--answers", "a" * 300 + ".yaml"),
        2,
        "File name too long",
        id="answers-name-too-long",
    ),
    pytest.param(("plan", "--batch", "{tmp}/missing.csv"), 2, "not found", id="batch-missing"),
    pytest.param(("plan", "--batch", "{tmp}/folder.csv"), 2, "is a folder", id="batch-is-a-folder"),
    pytest.param(
        ("plan", "--batch", "{tmp}/plain.txt"),
        2,
        "Cannot tell the format",
        id="batch-unknown-format",
    ),
    pytest.param(("plan", "--batch", "{tmp}/latin1.csv"), 2, "not UTF-8", id="batch-not-utf8"),
    # export paths in missing folders, folders and files in the way
    pytest.param(
        plan_with("--export", "{tmp}/missing/plan.md"),
        1,
        "does not exist",
        id="export-missing-folder",
    ),
    pytest.param(
        (*RENEW, "--export", "{tmp}/missing/cpb.ics"), 1, "does not exist", id="ics-missing-folder"
    ),
    pytest.param(
        ("plan", "--batch", "{tmp}/cohort.csv", "--output", "{tmp}/missing/p.jsonl"),
        1,
        "does not exist",
        id="output-missing-folder",
    ),
    pytest.param(
        plan_with("--export", "{tmp}/plan.pdf"),
        2,
        "Unknown export format",
        id="export-unknown-format",
    ),
    pytest.param(
        plan_with("--export", "e" * 300 + ".md"), 2, "File name too long", id="export-name-too-long"
    ),
    pytest.param(
        plan_with("--export", "{tmp}/existing.md"), 2, "already exists", id="export-file-in-the-way"
    ),
    pytest.param(
        ("plan", "--batch", "{tmp}/cohort.csv", "--output", "{tmp}/folder"),
        2,
        "is a folder",
        id="output-is-a-folder",
    ),
]


@pytest.fixture
def prepared(tmp_path: Path) -> Path:
    """The files the table's {tmp} paths name."""
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder.csv").mkdir()
    (tmp_path / "plain.txt").write_text("not a folder\n")
    (tmp_path / "existing.md").write_text("an earlier export\n")
    (tmp_path / "latin1.yaml").write_bytes("education: g\xe9d\n".encode("latin-1"))
    (tmp_path / "latin1.csv").write_bytes(
        # In the header: a bad byte in a row is that row's error (tests/test_hardening_round3.py).
        "\xe9ducation,budget,schedule\nged,1,flexible\n".encode("latin-1")
    )
    (tmp_path / "cohort.csv").write_text("education,budget,schedule\nged,3000,part-time\n")
    school = tmp_path / "school"
    shutil.copytree(DATA, school)
    (school / "certifications.yaml").unlink()
    (school / "certifications.yaml").mkdir()
    return tmp_path


def check_bad_invocation(
    run: Any, prepared: Path, args: tuple[str, ...], code: int, says: str
) -> None:
    argv = [arg.replace("{tmp}", str(prepared)) for arg in args]
    before = sorted(path.name for path in prepared.iterdir())
    result = run(*argv)
    assert result.code == code, (result.code, result.err[:500])
    line = one_error_line(result.err)
    assert says.replace("{tmp}", str(prepared)) in line, line
    assert result.out == ""  # nothing half-done
    # Nothing written either: no export, no output, no temp file.
    assert sorted(path.name for path in prepared.iterdir()) == before


@pytest.mark.parametrize(("args", "code", "says"), BAD)
def test_bad_invocation(
    invoke: Any,
    prepared: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
    code: int,
    says: str,
) -> None:
    monkeypatch.chdir(prepared)  # relative names ("d" * 300) land in the test's own folder
    check_bad_invocation(invoke, prepared, args, code, says)


# One row per way an error leaves the program: Click's usage errors, bcareer's own usage and
# data errors, and the operating system refusing a path.
THROUGH_A_PROCESS = [
    "unknown-command",
    "unknown-cert",
    "data-file-unreadable",
    "export-name-too-long",
]


@pytest.mark.parametrize(
    ("args", "code", "says"), [row for row in BAD if row.id in THROUGH_A_PROCESS]
)
def test_bad_invocation_of_the_installed_command(
    run_installed: Any, prepared: Path, args: tuple[str, ...], code: int, says: str
) -> None:
    check_bad_invocation(partial(run_installed, cwd=prepared), prepared, args, code, says)


def test_one_line_even_for_a_huge_value_with_spaces(invoke: Any) -> None:
    words = " ".join(["word"] * 20_000)
    result = invoke("compare", "CPB", words)
    assert result.code == 2
    line = one_error_line(result.err)
    assert line.startswith("Error: Unknown certification 'word word")
    assert line.endswith("Known: CPB, CMRS, CBCS, CPC, CHFP, CMA.")  # what to do survives
    assert len(line) <= MAX_ERROR_LINE


# --- the documented exit codes: 0 ok, 1 bad data or failed operation, 2 bad usage, 130 ----------


def interrupted_batch(env: dict[str, str], cohort: Path) -> tuple[int, str]:
    """Start a long batch, wait for its first plan, press Ctrl-C (SIGINT)."""
    process = subprocess.Popen(
        [bcareer_executable(), "plan", "--batch", str(cohort), "--start", "2026-01-05"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=env,
        text=True,
    )
    assert process.stdout is not None
    process.stdout.readline()  # planning has begun
    process.send_signal(signal.SIGINT)
    try:
        _, err = process.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()  # never leave it running: a hung bcareer is the failure to report
        process.communicate()
        pytest.fail("bcareer was still running 20 s after Ctrl-C (SIGINT)")
    return process.returncode, err


EXIT_CODES = [
    pytest.param(0, ("compare", "CPB", "CBCS"), id="0-ok"),
    pytest.param(0, ("cost", "--program", "online", "--json"), id="0-ok-json"),
    pytest.param(1, ("data", "check", "--data-dir", "{school}"), id="1-bad-data"),
    pytest.param(1, (*PLAN, "--export", "{tmp}/missing/plan.md"), id="1-failed-operation"),
    pytest.param(2, ("compare", "CPB", "CBSC"), id="2-unknown-value"),
    pytest.param(2, ("compare", "--colour"), id="2-unknown-option"),
    pytest.param(2, ("frobnicate",), id="2-unknown-command"),
    pytest.param(130, "interrupt", id="130-interrupted"),
]


@pytest.mark.parametrize(("code", "args"), EXIT_CODES)
def test_documented_exit_codes(
    invoke: Any, tmp_path: Path, code: int, args: tuple[str, ...] | str
) -> None:
    """The README's table: 0 ok, 1 bad data or a failed operation, 2 bad usage, 130 interrupted
    (a real SIGINT to a real process; the others in-process, as the process exits with what
    run() returns)."""
    school = tmp_path / "school"
    shutil.copytree(DATA, school)
    (school / "aid.yaml").write_text("aid: [{id: x}]\n")
    if args == "interrupt":
        env = {**os.environ, "TERM": "dumb"}
        got, err = interrupted_batch(env, big_cohort(tmp_path))
        assert "Traceback" not in err
        assert err.strip() == "Interrupted."
    else:
        argv = [a.replace("{school}", str(school)).replace("{tmp}", str(tmp_path)) for a in args]
        result = invoke(*argv)
        got = result.code
        if code:
            one_error_line(result.err)
        else:
            assert result.err == "" and result.out
    assert got == code


def test_the_readme_table_lists_these_codes() -> None:
    from billing_career.errors import ExitCode

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    documented = {int(code) for code in re.findall(r"^\|\s*(\d+)\s*\|", section, re.M)}
    # 129 and 143 (SIGHUP, SIGTERM) are asserted by the signal test of
    # test_hardening_files_round2.py, which sends them to a real batch.
    tested = {param.values[0] for param in EXIT_CODES} | {129, 143}
    assert documented == tested == {int(code) for code in ExitCode}
