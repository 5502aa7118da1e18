"""Interruption: Ctrl-C at every question of `plan`, Ctrl-C in a batch, a silent stdin pipe.

Ctrl-C at every question runs in-process (prompt_toolkit reading keys from a pipe); the first
and the last also in a real pseudo-terminal (pexpect). The batch gets a real SIGINT.

To reach question N, the answers before the one just before it come in an answers file (other
than the saved ones, so a save of any of them would show), that one is answered at its prompt,
and Ctrl-C goes to question N: each run asks two or three questions, not N.
"""

from __future__ import annotations

import io
import os
import re
import signal
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import (
    DATA,
    bcareer_executable,
    ended,
    spawn_terminal,
)
from hardening_tools import big_cohort, wait_until
from prompt_toolkit.application import create_app_session
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output.vt100 import Vt100_Output

from billing_career.planning.profile import (
    ASKED_ONLY_IF,
    FIELD_KINDS,
    Profile,
    profile_path,
    save_profile,
)

ENTER, CTRL_C = "\r", "\x03"
CONFIRM_SAVED = "Use them?"
START_OVER = "\x1b[B\x1b[B" + ENTER


def asked_questions() -> list[dict[str, Any]]:
    """The plan's questions in the order asked (data/questions.yaml). Read as plain YAML: at
    collection time there is no isolated cache folder to load into."""
    questions = yaml.safe_load((DATA / "questions.yaml").read_text(encoding="utf-8"))["questions"]
    # A question that depends on an earlier yes is not asked when the defaults are taken.
    return [question for question in questions if question["id"] not in ASKED_ONLY_IF]


QUESTIONS = asked_questions()
# The saved-profile question, then every question of data/questions.yaml, as regexes for
# pexpect.
PROMPTS = [
    re.escape(CONFIRM_SAVED),
    *(re.escape(question["prompt"][:30]) for question in QUESTIONS),
]
# An answer to each question, none of them the saved profile's (below), and none a yes that
# asks a follow-up: an earlier answer the run would wrongly save changes the file.
EARLIER: dict[str, Any] = {
    "education": "ged",
    "budget": 3000,
    "schedule": "full-time",
    "learning": "in-person",
    "experience_years": 1,
    "background": ["data-entry"],
    "goal": "advancement",
    "veteran": False,
    "employer_sponsor": False,
    "remote": True,
    "job_seeker": True,
    "military_spouse": False,
    "disability_services": False,
    "snap": False,
    "current_pay": 30000,
    "hours_per_week": 40,  # the follow-up a current pay asks
    "credentials": [],
    "training_done": 2024,
    "failed_exam": [],
    "in_high_school": False,
    "age": 30,
    "record": "none",
    "state": "TX",
}


def earlier_answers(index: int) -> dict[str, Any]:
    """The answers to every question before the one just before PROMPTS[index] (that one is
    answered at its prompt), with the follow-ups of those answers."""
    given = {question["id"]: EARLIER[question["id"]] for question in QUESTIONS[: max(index - 2, 0)]}
    given |= {
        follow_up: EARLIER[follow_up]
        for follow_up, parent in ASKED_ONLY_IF.items()
        if given.get(parent)
    }
    return given


def keys_to(index: int, given: dict[str, Any], saved: Path) -> list[tuple[str, str]]:
    """The keys typed before Ctrl-C at PROMPTS[index], each when its prompt is shown (a regex):
    "Start over" on the saved answers when they are offered (some of them not given), so every
    question is asked; then the default of the question just before (the budget has none once
    you start over: one is typed)."""
    keys = []
    if index and not set(yaml.safe_load(saved.read_text(encoding="utf-8"))) <= set(given):
        keys.append((PROMPTS[0], START_OVER))
    if index >= 2:
        keys.append((PROMPTS[index - 1], "2500" + ENTER if index == 3 else ENTER))
    return keys


@pytest.fixture
def saved_profile() -> tuple[Path, bytes, int]:
    path = save_profile(
        Profile(
            education="high-school",
            budget=2500,
            schedule="part-time",
            learning="online",
            background=("insurance",),
            veteran=True,
        )
    )
    return path, path.read_bytes(), stat.S_IMODE(path.stat().st_mode)


def test_the_questions_are_all_here() -> None:
    # One Ctrl-C case per question: the confirmation, then one per answer of a profile.
    assert len(PROMPTS) == 1 + len(FIELD_KINDS) - len(ASKED_ONLY_IF)
    # An earlier answer for each question but the last, to reach the ones after it.
    assert {question["id"] for question in QUESTIONS[:-1]} <= set(EARLIER)


PROMPT_IDS = ["confirm", *[f"q{n}" for n in range(1, len(PROMPTS))]]


def nothing_changed(path: Path, before: bytes, mode: int) -> None:
    assert path.read_bytes() == before  # the saved answers are untouched
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert sorted(entry.name for entry in path.parent.iterdir()) == [path.name]  # no temp file


def plan_in_a_terminal(
    invoke: Any, monkeypatch: pytest.MonkeyPatch, typed: str, *args: str
) -> tuple[Any, str]:
    """`bcareer plan` in-process, as on a terminal: stdin and stdout say they are one, and
    prompt_toolkit reads the typed keys from a pipe and draws on a screen (returned as text)."""
    monkeypatch.setenv("PROMPT_TOOLKIT_NO_CPR", "1")
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    screen = io.StringIO()
    with create_pipe_input() as keys:
        keys.send_text(typed)
        terminal = Vt100_Output(screen, lambda: Size(rows=24, columns=100), term="xterm")
        with create_app_session(input=keys, output=terminal):
            result = invoke("plan", *args)
    return result, screen.getvalue()


@pytest.mark.parametrize("index", range(len(PROMPTS)), ids=PROMPT_IDS)
def test_ctrl_c_at_every_question(
    saved_profile: tuple[Path, bytes, int],
    invoke: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    index: int,
) -> None:
    """In-process: the keys come through a pipe that prompt_toolkit reads as a terminal, and
    stdin and stdout say they are one. Ctrl-C reaches a prompt as a key (the terminal is in raw
    mode), exactly as below in a real one."""
    path, before, mode = saved_profile
    given = earlier_answers(index)
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump(given), encoding="utf-8")
    keys = keys_to(index, given, path)
    typed = "".join(key for _prompt, key in keys) + CTRL_C
    result, drawn = plan_in_a_terminal(invoke, monkeypatch, typed, "--answers", str(answers))
    assert result.code == 130, (result.err, drawn[-2000:])
    assert all(re.search(prompt, drawn) for prompt, _key in keys)  # answered on the way...
    assert re.search(PROMPTS[index], drawn)  # ...interrupted at this question...
    assert not any(re.search(prompt, drawn) for prompt in PROMPTS[index + 1 :])  # ...not later
    assert "Traceback" not in result.err and "Error" not in result.err
    assert "Interrupted." in result.err
    assert "Your medical billing career plan" not in result.out  # nothing half-done
    nothing_changed(path, before, mode)


@pytest.mark.parametrize("index", [0, len(PROMPTS) - 1], ids=["confirm", "last-question"])
def test_ctrl_c_in_a_real_terminal(
    saved_profile: tuple[Path, bytes, int], tmp_path: Path, index: int
) -> None:
    path, before, mode = saved_profile
    given = earlier_answers(index)
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump(given), encoding="utf-8")
    child = spawn_terminal("plan", "--answers", str(answers))
    for prompt, key in keys_to(index, given, path):
        child.expect(prompt)
        child.send(key)
    child.expect(PROMPTS[index])
    child.send(CTRL_C)
    output = ended(child)
    assert child.exitstatus == 130, output[-2000:]
    assert "Traceback" not in output and "Error" not in output
    assert "Interrupted." in output
    assert "Your medical billing career plan" not in output  # nothing half-done
    nothing_changed(path, before, mode)


def test_ctrl_c_before_any_profile_saves_none(invoke: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    result, drawn = plan_in_a_terminal(invoke, monkeypatch, CTRL_C)
    assert result.code == 130
    assert re.search(PROMPTS[1], drawn)  # the first question, with no saved answers to offer
    assert not profile_path().exists()
    assert not any(profile_path().parent.iterdir())


# --- Ctrl-C in a long batch -----------------------------------------------------------------------


@pytest.mark.parametrize("old_file", [False, True], ids=["new-output", "replacing-old-output"])
def test_ctrl_c_during_a_batch_leaves_no_partial_output(tmp_path: Path, old_file: bool) -> None:
    cohort = big_cohort(tmp_path)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "plans.jsonl"
    args = [bcareer_executable(), "plan", "--batch", str(cohort), "--output", str(target)]
    if old_file:
        target.write_text("the old plans\n")
        args.append("--force")
    process = subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True
    )
    # Wait until plans are being written to the temp file, then press Ctrl-C.
    wait_until(
        lambda: any(
            entry.stat().st_size for entry in out_dir.iterdir() if entry.name != "plans.jsonl"
        ),
        "the batch to write its first plans",
        process,
    )
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=15)
    assert process.returncode == 130, err
    assert "Traceback" not in err and err.strip() == "Interrupted."
    assert out == ""
    if old_file:
        assert target.read_text() == "the old plans\n"  # whole, not half a new file
        assert [entry.name for entry in out_dir.iterdir()] == ["plans.jsonl"]
    else:
        assert list(out_dir.iterdir()) == []  # no partial file, no temp file


# --- a silent pipe on stdin --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("plan",), 2),
        (("plan", "--education", "ged", "--budget", "3000", "--schedule", "part-time"), 0),
        (("programs", "check"), 2),
        (("profile", "reset"), 2),
        (("compare", "CPB", "CBCS"), 0),
    ],
    ids=["plan-nothing-given", "plan-complete", "programs-check", "profile-reset", "compare"],
)
def test_a_silent_open_pipe_on_stdin_never_hangs(
    tmp_path: Path, request: pytest.FixtureRequest, args: tuple[str, ...], code: int
) -> None:
    if args[0] == "profile":
        request.getfixturevalue("saved_profile")  # something to (not) remove
    out_path, err_path = tmp_path / "out.txt", tmp_path / "err.txt"
    with open(out_path, "w") as out, open(err_path, "w") as err:
        process = subprocess.Popen(
            [bcareer_executable(), *args], stdin=subprocess.PIPE, stdout=out, stderr=err
        )
        try:
            returncode = process.wait(timeout=10)  # stdin stays open and silent throughout
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            pytest.fail(f"bcareer {' '.join(args)} waited on a silent stdin")
        finally:
            assert process.stdin is not None
            process.stdin.close()
    errors = err_path.read_text()
    assert returncode == code, errors
    assert "Traceback" not in errors
    if code:
        assert len(errors.splitlines()) == 1 and errors.startswith("Error: ")


# --- streams closed by the shell (`<&-`, `>&-`, `2>&-`) ------------------------------------------


@pytest.mark.parametrize(
    ("closed", "args", "code"),
    [
        (0, ("programs", "check"), 2),
        (0, ("plan",), 2),
        (0, ("profile", "reset"), 0),
        (1, ("compare", "CPB", "CBCS"), 1),  # output that cannot be written is a failure
        (2, ("compare", "CPB", "CBSC"), 2),
        (2, ("renew", "CPB", "--earned", "2025-03-14", "--export", "{tmp}/cpb.ics"), 0),
    ],
    ids=["stdin-check", "stdin-plan", "stdin-reset", "stdout", "stderr-error", "stderr-export"],
)
def test_a_closed_stream_changes_no_exit_code(
    tmp_path: Path, closed: int, args: tuple[str, ...], code: int
) -> None:
    argv = [bcareer_executable(), *(arg.replace("{tmp}", str(tmp_path)) for arg in args)]
    streams = [subprocess.DEVNULL, subprocess.PIPE, subprocess.PIPE]
    process = subprocess.run(
        argv,
        stdin=streams[0],
        stdout=streams[1],
        stderr=streams[2],
        preexec_fn=lambda: os.close(closed),
        timeout=20,
    )
    assert process.returncode == code, process.stderr
    errors = process.stderr.decode() if process.stderr else ""
    assert "Traceback" not in errors and "Unexpected error" not in errors
    if "--export" in args:
        assert (tmp_path / "cpb.ics").read_text().startswith("BEGIN:VCALENDAR")
