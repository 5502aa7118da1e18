"""Issue 13's cases (data loss, hangs, escapes, exit codes, messages), one test each.

In-process through the real entry point, except where a real process is the point: racing runs
(two forked processes meeting at a barrier), signals, and what the console script does with its
own stdout.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import socket
import stat
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import bcareer_executable
from hardening_tools import big_cohort, one_error_line

from billing_career.planning.profile import Profile, profile_path, save_profile

PLAN = ("plan", "--education", "ged", "--budget", "3000", "--schedule", "part-time", "--no-input")
GOOD_ROW = "ged,3000,part-time"
HUGE = "5" * 5000


@pytest.fixture
def cohort(tmp_path: Path) -> Path:
    path = tmp_path / "cohort.csv"
    path.write_text(f"education,budget,schedule\n{GOOD_ROW}\n")
    return path


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    return path


@pytest.fixture
def unix_socket(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "sock.jsonl"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    yield path
    server.close()


# --- D1: --output and --export write only to regular files or new paths ---------------------------


@pytest.mark.parametrize("kind", ["fifo", "socket", "device", "folder"])
def test_output_onto_something_not_a_regular_file_is_refused(
    invoke, request: pytest.FixtureRequest, tmp_path: Path, cohort: Path, kind: str
) -> None:
    target = {
        "fifo": lambda: request.getfixturevalue("fifo"),
        "socket": lambda: request.getfixturevalue("unix_socket"),
        "device": lambda: Path(os.devnull),
        "folder": lambda: tmp_path,
    }[kind]()
    before = os.stat(target).st_mode
    result = invoke("plan", "--batch", str(cohort), "--output", str(target), "--force")
    assert result.code == (2 if kind == "folder" else 1)
    line = one_error_line(result.err)
    assert str(target) in line
    assert os.stat(target).st_mode == before  # still what it was, not a file put in its place


def test_export_onto_a_fifo_is_refused(invoke, tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    os.mkfifo(target)
    result = invoke(*PLAN, "--no-save", "--export", str(target), "--force")
    assert result.code == 1
    assert "named pipe" in one_error_line(result.err)
    assert stat.S_ISFIFO(os.stat(target).st_mode)


# --- D2: two runs racing for one new path: exactly one wins ---------------------------------------


def _race(barrier: Any, argv: list[str]) -> None:
    """A child process: plan, but wait for the other runner right before putting the file in
    place (after both have checked the path is free), then exit with the run's code."""
    from billing_career import files
    from billing_career.cli.main import run

    real_fsync = os.fsync

    def fsync_then_wait(handle: int) -> None:
        real_fsync(handle)
        barrier.wait(timeout=30)

    files.os.fsync = fsync_then_wait  # type: ignore[attr-defined]
    os._exit(run(argv))


def test_two_runs_racing_for_one_new_output_one_fails(tmp_path: Path, cohort: Path) -> None:
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(2)
    target = tmp_path / "plans.jsonl"
    argv = ["plan", "--batch", str(cohort), "--output", str(target)]
    runners = [context.Process(target=_race, args=(barrier, argv)) for _ in range(2)]
    for runner in runners:
        runner.start()
    for runner in runners:
        runner.join(timeout=60)
    codes = sorted(runner.exitcode for runner in runners)
    assert codes == [0, 2]  # one wrote the plans; the other found the file there and said so
    assert len(target.read_text().splitlines()) == 1
    assert [entry.name for entry in tmp_path.iterdir() if entry.name.startswith(".")] == []


# --- D3: one bad row is that row's error ---------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "field", "says"),
    [
        (f"ged,{HUGE},part-time", "budget", "at most"),
        (f"ged,3000,{'x' * 200_000}", "schedule", "200,000 characters"),
        ("ged\x00,3000,part-time", "education", "control character: 'ged\\x00'"),
    ],
    ids=["5000-digit-budget", "200000-character-cell", "nul"],
)
def test_one_bad_row_is_that_rows_error(
    invoke, tmp_path: Path, cell: str, field: str, says: str
) -> None:
    path = tmp_path / "cohort.csv"
    path.write_text(f"education,budget,schedule\n{GOOD_ROW}\n{cell}\n{GOOD_ROW}\n")
    result = invoke("plan", "--batch", str(path))
    assert result.code == 1
    assert len(result.out.splitlines()) == 2  # the good rows are planned
    errors = result.err.splitlines()
    assert len(errors) == 2, result.err
    assert errors[0].startswith(f"Error: {path} row 2 (line 3): ")
    assert field in errors[0] and says in errors[0]
    assert len(errors[0]) < 400 and "\x00" not in result.err
    assert "2 were planned" in errors[1] or "other 2" in errors[1]


# --- D4: never over the input ---------------------------------------------------------------------


@pytest.mark.parametrize("how", ["same-path", "symlink", "hard-link"])
def test_output_onto_the_input_is_refused_even_with_force(
    invoke, tmp_path: Path, cohort: Path, how: str
) -> None:
    before = cohort.read_bytes()
    target = cohort
    if how != "same-path":
        target = tmp_path / "out.jsonl"
        (os.symlink if how == "symlink" else os.link)(cohort, target)
    result = invoke("plan", "--batch", str(cohort), "--output", str(target), "--force")
    assert result.code == 2
    assert "input" in one_error_line(result.err)
    assert cohort.read_bytes() == before


def test_export_onto_the_answers_file_is_refused(invoke, tmp_path: Path) -> None:
    answers = tmp_path / "answers.md"
    answers.write_text("education: ged\nbudget: 3000\nschedule: part-time\n")
    before = answers.read_bytes()
    result = invoke(
        "plan", "--answers", str(answers), "--no-input", "--export", str(answers), "--force"
    )
    assert result.code == 2
    assert "input" in one_error_line(result.err)
    assert answers.read_bytes() == before


# --- S3: exports honor the umask ------------------------------------------------------------------


@pytest.fixture
def umask() -> Iterator[Any]:
    old = os.umask(0o022)

    def set_mask(mask: int) -> None:
        os.umask(mask)

    yield set_mask
    os.umask(old)


@pytest.mark.parametrize(("mask", "mode"), [(0o077, 0o600), (0o022, 0o644), (0o002, 0o664)])
def test_a_new_export_honors_the_umask(
    invoke, tmp_path: Path, umask: Any, mask: int, mode: int
) -> None:
    umask(mask)
    target = tmp_path / "plan.md"
    assert invoke(*PLAN, "--no-save", "--export", str(target)).code == 0
    assert stat.S_IMODE(os.stat(target).st_mode) == mode


def test_a_private_export_replaced_with_force_stays_private(
    invoke, tmp_path: Path, umask: Any
) -> None:
    target = tmp_path / "plan.md"
    target.write_text("old\n")
    target.chmod(0o600)
    assert invoke(*PLAN, "--no-save", "--export", str(target), "--force").code == 0
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert target.read_text().startswith("# ")


# --- S4: control characters from files are shown escaped ------------------------------------------


def test_escapes_in_a_local_catalog_are_shown_not_run(invoke, isolated_home: Path) -> None:
    (isolated_home / "userdata").mkdir(exist_ok=True)
    (isolated_home / "userdata" / "programs_local.yaml").write_text(
        "programs:\n"
        '  - name: "Evil \\e]0;owned\\a\\e[2J College"\n'
        "    state: IL\n"
        "    tuition: 2000\n"
        "    online: true\n"
        "    source: my notes\n"
        "    checked: 2026-01-05\n"
    )
    result = invoke("programs", "find")
    assert "\x1b" not in result.out + result.err
    if result.code == 0:
        assert "Evil \\x1b]0;owned" in result.out
    else:  # a catalog whose fields differ: the message shows the text escaped too
        assert "\\x1b" in result.err or "Evil" not in result.err


def test_data_check_warns_about_control_characters(invoke, school: Path) -> None:
    from conftest import replace_once

    text = (school / "faq.yaml").read_text()
    first = text.split("question: ", 1)[1].split("\n", 1)[0]
    replace_once(school / "faq.yaml", f"question: {first}", 'question: "Hi \\e[31mthere"')
    result = invoke("data", "check", "--data-dir", str(school))
    assert result.code == 0
    assert "\x1b[31m" not in result.out + result.err
    warning = result.err.splitlines()[-1]
    assert warning.startswith("Warning: faq.yaml: faq[0].question: holds a control character")
    assert "\\x1b[31mthere" in warning


# --- H1: non-text keys ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["- {[a]: ged}\n", "- ? [x]\n  : ged\n"])
def test_a_list_as_a_key_in_a_yaml_batch_is_a_row_error(invoke, tmp_path: Path, text: str) -> None:
    path = tmp_path / "cohort.yaml"
    path.write_text(text + "- {education: ged, budget: 3000, schedule: part-time}\n")
    result = invoke("plan", "--batch", str(path))
    assert result.code == 1
    assert len(result.out.splitlines()) == 1
    assert "row 1" in result.err and "plain words" in result.err


@pytest.mark.parametrize("text", ["? [x]\n: ged\n", "{[a]: ged}\n"])
def test_a_list_as_a_key_in_an_answers_file_is_named_plainly(
    invoke, tmp_path: Path, text: str
) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(text)
    result = invoke("plan", "--answers", str(path), "--no-input", "--no-save")
    assert result.code == 2
    line = one_error_line(result.err)
    assert "a key must be plain text" in line and "Node" not in line


# --- H2, H3, H4: only regular files are read, their size checked first ----------------------------


def _answers_args(path: Path) -> tuple[str, ...]:
    return ("plan", "--answers", str(path), "--no-input", "--no-save")


@pytest.mark.parametrize("what", ["answers", "batch", "profile", "data"])
def test_a_fifo_is_refused_never_waited_on(invoke, tmp_path: Path, school: Path, what: str) -> None:
    if what == "answers":
        path = tmp_path / "answers.yaml"
        argv: tuple[str, ...] = _answers_args(path)
    elif what == "batch":
        path = tmp_path / "cohort.csv"
        argv = ("plan", "--batch", str(path))
    elif what == "profile":
        path = profile_path()
        argv = ("profile", "show")
    else:
        path = school / "faq.yaml"
        path.unlink()
        argv = ("faq", "--data-dir", str(school))
    os.mkfifo(path)
    result = invoke(*argv)  # a blocking open would never return here
    assert result.code in (1, 2)
    assert "named pipe (FIFO), not a regular file" in one_error_line(result.err)


@pytest.mark.parametrize("what", ["answers", "batch", "data"])
def test_dev_zero_is_refused_before_a_byte_is_read(
    invoke, tmp_path: Path, school: Path, monkeypatch: pytest.MonkeyPatch, what: str
) -> None:
    link = {
        "answers": tmp_path / "answers.yaml",
        "batch": tmp_path / "cohort.csv",
        "data": school / "faq.yaml",
    }[what]
    link.unlink(missing_ok=True)
    link.symlink_to("/dev/zero")
    argv = {
        "answers": _answers_args(link),
        "batch": ("plan", "--batch", str(link)),
        "data": ("faq", "--data-dir", str(school)),
    }[what]
    result = invoke(*argv)
    assert result.code in (1, 2)
    assert "is a device, not a regular file" in one_error_line(result.err)


def test_a_sparse_2_gb_data_file_is_refused_without_reading_it(
    invoke, school: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = school / "faq.yaml"
    with open(target, "r+b") as stream:
        stream.truncate(2 * 1024**3)  # sparse: takes no disk, reads as 2 GB
    read_bytes: list[int] = []
    real_read = os.read

    def counting(handle: int, size: int) -> bytes:
        data = real_read(handle, size)
        read_bytes.append(len(data))
        return data

    monkeypatch.setattr(os, "read", counting)
    result = invoke("faq", "--data-dir", str(school))
    assert result.code == 1
    assert "faq.yaml: file is too large (2,147,483,648 bytes" in one_error_line(result.err)
    assert sum(read_bytes) < 20_000_000  # the other data files, not this one


# --- T2: SIGTERM and SIGHUP during a batch clean up like Ctrl-C -----------------------------------


def _children(pid: int) -> list[int]:
    with open(f"/proc/{pid}/task/{pid}/children") as stream:
        return [int(child) for child in stream.read().split()]


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stream:
            return stream.read().split(") ", 1)[1][0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc (Linux)")
@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_a_signal_during_a_batch_leaves_nothing_and_says_nothing(
    tmp_path: Path, signum: int, code: int
) -> None:
    cohort = big_cohort(tmp_path)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "plans.jsonl"
    process = subprocess.Popen(
        [bcareer_executable(), "plan", "--batch", str(cohort), "--output", str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
    )
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:  # until plans are being written to the temp file
        temps = list(out_dir.iterdir())
        if temps and temps[0].stat().st_size > 0:
            break
        assert process.poll() is None, process.communicate()
        time.sleep(0.02)
    else:
        pytest.fail("the batch never started writing")
    workers = _children(process.pid)
    process.send_signal(signum)
    out, err = process.communicate(timeout=15)
    assert process.returncode == code
    assert (out, err) == ("", "")  # quiet: no traceback, from the parent or a worker
    assert list(out_dir.iterdir()) == []  # no half output, no temp file
    deadline = time.monotonic() + 5
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not any(_alive(pid) for pid in workers)


# --- W1: integers over 4,300 digits ---------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ("plan", "--education", "ged", "--budget", HUGE, "--schedule", "part-time"),
        ("plan", "--education", "ged", "--budget", "3000", "--experience-years", HUGE),
        ("aid", "--budget", HUGE),
    ],
    ids=["plan-budget", "plan-years", "aid-budget"],
)
def test_a_huge_integer_flag_is_a_usage_error(invoke, argv: tuple[str, ...]) -> None:
    result = invoke(*argv, "--no-input", "--no-save") if argv[0] == "plan" else invoke(*argv)
    assert result.code == 2
    line = one_error_line(result.err)
    assert "--budget" in line or "--experience-years" in line


def test_a_huge_integer_in_an_answers_file_names_file_and_record(invoke, tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(f"education: ged\nbudget: {HUGE}\nschedule: part-time\n")
    result = invoke(*_answers_args(path))
    assert result.code == 2
    line = one_error_line(result.err)
    assert f"Answers file {path}: budget: the number is 5,000 characters long" in line


def test_a_huge_integer_in_the_saved_profile_names_it(invoke) -> None:
    profile_path().write_text(f"education: ged\nbudget: {HUGE}\nschedule: part-time\n")
    result = invoke("profile", "show")
    assert result.code == 1
    line = one_error_line(result.err)
    assert str(profile_path()) in line and "budget" in line and "5,000 characters" in line


def test_a_huge_integer_in_a_data_file_names_file_and_record(invoke, school: Path) -> None:
    from conftest import replace_once

    replace_once(school / "costs.yaml", "{min: 349, max: 449}", f"{{min: {HUGE}, max: 449}}")
    result = invoke("cost", "--data-dir", str(school))
    assert result.code == 1
    line = one_error_line(result.err)
    assert "costs.yaml" in line and "5,000 characters" in line and "line " in line


# --- W3: no home folder ---------------------------------------------------------------------------


@pytest.fixture
def no_home(monkeypatch: pytest.MonkeyPatch) -> None:
    """HOME unset and an account with no home entry, as in some containers."""
    import pwd

    for name in ("HOME", "BCAREER_CONFIG_DIR", "XDG_CONFIG_HOME", "BCAREER_USER_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)

    def no_entry(uid: int) -> Any:
        raise KeyError(uid)

    monkeypatch.setattr(pwd, "getpwuid", no_entry)


@pytest.mark.parametrize(
    ("argv", "variable"),
    [
        (("profile", "show"), "BCAREER_CONFIG_DIR"),
        (("profile", "reset", "--yes"), "BCAREER_CONFIG_DIR"),
        (("salary", "--state", "TX"), "BCAREER_USER_DATA_DIR"),
        (("programs", "find"), "BCAREER_USER_DATA_DIR"),
    ],
    ids=["profile-show", "profile-reset", "salary-state", "programs-find"],
)
def test_no_home_says_what_is_missing(
    invoke, no_home: None, argv: tuple[str, ...], variable: str
) -> None:
    result = invoke(*argv)
    assert result.code == 1
    line = one_error_line(result.err)
    assert "no home folder" in line and variable in line


def test_no_home_still_shows_the_plan(invoke, no_home: None) -> None:
    result = invoke(*PLAN, "--save")
    assert result.code == 0
    assert result.out.startswith("Your medical billing career plan")
    warning = result.err.splitlines()[-1]
    assert "could not be saved" in warning
    assert "BCAREER_CONFIG_DIR" in warning and "--no-save" in warning


# --- C1: echoed values are shortened --------------------------------------------------------------


def test_a_huge_echoed_value_is_shortened(invoke, tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(f"education: {'phd ' * 250_000}\nbudget: 3000\nschedule: part-time\n")
    result = invoke(*_answers_args(path))
    assert result.code == 2
    line = one_error_line(result.err)
    echoed = line.split("Unknown education '", 1)[1].split("'", 1)[0]
    assert len(echoed) <= 80


# --- C2, C3: standard output that cannot be written, and other misleading messages ----------------


def test_closed_stdout_is_an_error_not_a_silent_loss() -> None:
    process = subprocess.run(
        [bcareer_executable(), "compare", "CPB", "CBCS"],
        stdin=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: os.close(1),
        timeout=30,
    )
    assert process.returncode == 1
    line = one_error_line(process.stderr.decode())
    assert "standard output" in line and "closed" in line


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_stdout_is_named_as_standard_output() -> None:
    with open("/dev/full", "w") as full:
        process = subprocess.run(
            [bcareer_executable(), "compare", "CPB", "CBCS"],
            stdin=subprocess.DEVNULL,
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=30,
        )
    assert process.returncode == 1
    line = one_error_line(process.stderr.decode())
    assert "Cannot write to standard output: No space left on device" in line


def test_an_encoding_that_cannot_carry_text_still_prints() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "idna"}
    process = subprocess.run(
        [bcareer_executable(), "--version"], capture_output=True, env=env, timeout=30
    )
    assert process.returncode == 0
    assert process.stdout.decode().startswith("bcareer ")


def test_a_config_dir_that_is_a_file_is_named_so(invoke, tmp_path: Path) -> None:
    not_a_folder = tmp_path / "config-file"
    not_a_folder.write_text("")
    result = invoke(*PLAN, "--save", env={"BCAREER_CONFIG_DIR": str(not_a_folder)})
    assert result.code == 0  # the plan is shown all the same
    warning = result.err.splitlines()[-1]
    assert f"{not_a_folder} is a file, not a folder" in warning
    assert "File exists" not in warning


# --- C4: a config folder that cannot be written ---------------------------------------------------


def test_a_read_only_config_folder_still_shows_the_plan(
    invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    # Root writes anywhere whatever the mode: make the folder refuse as a read-only one does.
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = invoke(*PLAN, "--save")
    assert result.code == 0
    assert result.out.startswith("Your medical billing career plan")
    warning = result.err.splitlines()[-1]
    assert warning.startswith("Warning: your answers could not be saved")
    assert "Permission denied" in warning
    assert not profile_path().exists()


# --- C5: tcsh, a linked profile, a dangling link --------------------------------------------------


def test_install_completion_for_tcsh_is_refused(
    invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "shell-home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))  # were it to install, it would install here
    result = invoke("--install-completion", "tcsh")
    assert result.code == 2
    assert "tcsh" in one_error_line(result.err)
    assert list(home.iterdir()) == []


def test_saving_writes_through_a_linked_profile(invoke, tmp_path: Path) -> None:
    real = tmp_path / "synced" / "profile.yaml"
    real.parent.mkdir()
    save_profile(Profile(education="bachelor", budget=9000, schedule="flexible"), real)
    profile_path().symlink_to(real)
    assert invoke(*PLAN, "--save").code == 0
    assert profile_path().is_symlink()  # still the link
    assert "budget: 3000" in real.read_text()  # the target holds the new answers
    assert stat.S_IMODE(os.stat(real).st_mode) == 0o600


def test_export_onto_a_dangling_link_needs_force(invoke, tmp_path: Path) -> None:
    link = tmp_path / "plan.md"
    link.symlink_to(tmp_path / "nowhere.md")
    result = invoke(*PLAN, "--no-save", "--export", str(link))
    assert result.code == 2
    assert "already exists" in one_error_line(result.err)
    assert link.is_symlink() and not (tmp_path / "nowhere.md").exists()
