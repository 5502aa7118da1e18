"""Shared fixtures: an isolated home for every test, and two ways to run bcareer."""

from __future__ import annotations

import gc
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

# No deadline for any property test: a deadline is a timing assert, and on a shared or loaded
# machine it fails a sound test (speed is measured in bench/, not here).
settings.register_profile("bcareer", deadline=None)
settings.load_profile("bcareer")

# The test processes' garbage collector, tuned for a run of many short in-process commands (a
# tenth of their CPU): a young generation collected every 50,000 new objects instead of every
# 700 (each plan renders tens of thousands of short-lived ones), and what was imported and
# collected before the first test frozen out of every full collection (pytest_collection_finish).
# Only this process: the bcareer processes the tests start keep Python's own settings.
gc.set_threshold(50_000, 20, 100)

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
GUIDE = REPO.parent / "shared" / "seeds" / "000_a349d864826c4367.txt"
FACTS = REPO.parent / "shared" / "research" / "facts-2026.md"


def read_guide() -> str:
    """The career guide's text; tests that check figures against it skip where it is absent
    (it lives beside the repo in ../shared/seeds/, as in CI, not inside it)."""
    if not GUIDE.exists():
        pytest.skip(f"the career guide is not beside the repo ({GUIDE.name} in ../shared/seeds/)")
    return GUIDE.read_text(encoding="utf-8")


def bcareer_executable() -> str:
    """The installed console script of the interpreter running the tests."""
    beside = Path(sys.executable).parent / "bcareer"
    if beside.exists():
        return str(beside)
    found = shutil.which("bcareer")
    if found is None:
        pytest.fail("the bcareer console script is not installed: run pip install -e '.[test]'")
    return found


def typing_at_once(child: Any) -> Any:
    """A pexpect child that types at once.

    pexpect waits 50 ms before each send, for programs that flush their input after showing a
    prompt; every test here waits for the prompt before it types, and prompt_toolkit reads in
    raw mode without flushing, so the waits only add up (about 5 s of the suite)."""
    child.delaybeforesend = None
    return child


def spawn_terminal(*args: str, env: dict[str, str] | None = None) -> Any:
    """The installed `bcareer` in a 100x24 pseudo-terminal that answers no cursor queries, in
    color, keys typed without pexpect's wait (see typing_at_once); env adds to the test's own."""
    import pexpect

    full_env = dict(os.environ)
    full_env.update(
        {
            "PROMPT_TOOLKIT_NO_CPR": "1",
            "TERM": "xterm-256color",
            "COLUMNS": "100",
            "LINES": "24",
            "PYTHONIOENCODING": "utf-8",
        }
    )
    full_env.pop("NO_COLOR", None)
    full_env.update(env or {})
    return typing_at_once(
        pexpect.spawn(
            bcareer_executable(),
            list(args),
            env=full_env,
            encoding="utf-8",
            dimensions=(24, 100),
            timeout=10,
        )
    )


def ended(child: Any) -> str:
    """Everything a pexpect child printed since the last match, once it has ended, with its exit
    status read.

    pexpect's close() sleeps 0.1 s after closing the terminal before it asks whether the child
    is still alive (else it would kill it); waiting for the exit itself first, that sleep has
    nothing left to wait for. A child still running after its timeout is killed by close(), as
    before, and its exit status tells."""
    import time

    import pexpect

    child.expect(pexpect.EOF)
    deadline = time.monotonic() + child.timeout
    while child.isalive() and time.monotonic() < deadline:
        time.sleep(0.005)
    child.ptyproc.delayafterclose = 0
    child.close()
    return str(child.before)


@dataclass
class Result:
    """What a run of bcareer left behind."""

    code: int
    out: str
    err: str


# inline-snapshot writes the fixed snapshots back into the test files, which it can do only from
# one process: with any of these it runs the suite serially.
SNAPSHOT_WRITES = {"fix", "create", "update", "review", "trim"}


def pytest_configure(config: pytest.Config) -> None:
    """Compile the package's bytecode once, before any worker starts.

    The suite runs bcareer in a few hundred processes (commands, pseudo-terminals, batch
    workers). An installed package has its bytecode; a checkout has none until Python writes
    it, and where PYTHONDONTWRITEBYTECODE is set it never does, so each of those processes
    compiled the package from source again: about a tenth of a second each."""
    if hasattr(config, "workerinput"):  # an xdist worker: the controller has done it
        return
    import compileall

    compileall.compile_dir(REPO / "billing_career", quiet=1)
    _temporary_files_in_memory(config)


# Free space a run may fill in the memory file system: a run leaves about 300 MB, and pytest
# keeps the folders of the last three runs (as it does on disk: each run removes the older
# ones), so up to a gigabyte of memory stays in use between runs; a small one (a container's
# 64 MB) is left alone.
MEMORY_TEMP_MIN_FREE = 4 * 2**30


def _temporary_files_in_memory(config: pytest.Config) -> None:
    """The tests' temporary folders (tmp_path, and every temporary file of the processes they
    start) in /dev/shm, where it is a roomy memory file system, unless told where (--basetemp,
    TMPDIR).

    Each test makes a home of its own (five folders and a cache entry), and many write and
    replace files, each write made durable with fsync: on a virtual machine's disk a folder or
    file costs a few tenths of a millisecond of CPU and fsync waits on the disk, where memory
    takes a hundredth of it. Nothing a test checks depends on the disk: modes, links, FIFOs and
    renames behave the same there."""
    if config.option.basetemp or os.environ.get("TMPDIR"):
        return
    memory = "/dev/shm"
    try:
        status = os.statvfs(memory)
    except OSError:
        return
    if status.f_flag & (os.ST_RDONLY | os.ST_NOEXEC) or not os.access(memory, os.W_OK | os.X_OK):
        return  # the tests run helper scripts from their folders
    if status.f_bavail * status.f_frsize < MEMORY_TEMP_MIN_FREE:
        return
    import tempfile

    os.environ["TMPDIR"] = memory  # the workers and every process they start inherit it
    tempfile.tempdir = None  # read TMPDIR again


def pytest_collection_finish(session: pytest.Session) -> None:
    """The modules, plugins and collected tests stay to the end: no full collection need walk
    them again (see gc.set_threshold above). What the tests make is collected as always."""
    gc.freeze()


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    """Run serially when asked to write snapshots (addopts runs in parallel: -n auto)."""
    asked = set((getattr(config.option, "inline_snapshot", None) or "").split(","))
    if asked & SNAPSHOT_WRITES and getattr(config.option, "numprocesses", None):
        config.option.numprocesses = 0


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests of the built wheel go first, together: pytest-xdist hands each worker a run of
    consecutive tests to start with, so one worker builds the wheel and no other waits for it."""
    items.sort(key=lambda item: item.get_closest_marker("packaging") is None)


@pytest.fixture(scope="session")
def warm_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache folder holding the knowledge-base cache of the bundled data, built once per worker.

    Building it (YAML read and validated) costs about 70 ms of CPU a test, and a subprocess
    about 0.5 s with its imports: over the suite, a fifth of its time, spent proving again what
    tests/test_cache.py and tests/test_loader.py prove once. Tests marked cold_cache start
    without it."""
    folder = tmp_path_factory.mktemp("warm-cache")
    with pytest.MonkeyPatch.context() as patch:
        for name in [name for name in os.environ if name.startswith("BCAREER_")]:
            patch.delenv(name)
        patch.setenv("BCAREER_CACHE_DIR", str(folder))
        from billing_career.knowledge.loader import load_knowledge

        load_knowledge()
    return folder


@pytest.fixture(scope="session", autouse=True)
def bundled_yaml_parsed_once() -> Iterator[None]:
    """The bundled data files' YAML parsed once per worker, and each later parse of the very same
    text served as a fresh copy of that result.

    Many tests load a copy of the data folder cold (a school's own figures, `data check`, the
    cache's rebuilds): two hundred loads, each parsing 80 kB of YAML again, a tenth of the suite.
    Only an unchanged bundled file is served this way: an edited file, an answers file and every
    other text are parsed as always, and whatever a test counts (files read, the cache) is
    untouched, since the files are still read; only the parser's work on known text is kept."""
    import pickle

    from billing_career.knowledge import strict_yaml

    original = strict_yaml.load
    bundled = frozenset(path.read_text(encoding="utf-8") for path in DATA.glob("*.yaml"))
    parsed: dict[str, bytes] = {}

    def load(text: str) -> Any:
        if text not in bundled:
            return original(text)
        if text not in parsed:
            parsed[text] = pickle.dumps(original(text))
        return pickle.loads(parsed[text])

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(strict_yaml, "load", load)
        yield


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> Path:
    """Each test gets its own config, cache and user-data folders and no inherited settings;
    its cache starts with the bundled data's entry (see warm_cache) unless marked cold_cache."""
    home = tmp_path / "home"
    for name in ("config", "cache", "userdata"):
        (home / name).mkdir(parents=True)
    # Nothing from the shell the suite runs in: no bcareer setting, and none of the variables
    # that make Rich force color or take a terminal size.
    for name in [name for name in os.environ if name.startswith("BCAREER_")]:
        monkeypatch.delenv(name)
    for name in ("NO_COLOR", "FORCE_COLOR", "LINES", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("BCAREER_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("BCAREER_CACHE_DIR", str(home / "cache"))
    monkeypatch.setenv("BCAREER_USER_DATA_DIR", str(home / "userdata"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("COLUMNS", "100")
    # Output read in a pseudo-terminal would otherwise wait in a pager for keys; the pager's
    # own tests (test_help_and_pager.py) choose one.
    monkeypatch.setenv("BCAREER_PAGER", "cat")
    if request.node.get_closest_marker("cold_cache") is None:
        # copytree keeps the modes: the entry is trusted only when private.
        shutil.copytree(request.getfixturevalue("warm_cache"), home / "cache", dirs_exist_ok=True)
    return home


@pytest.fixture
def run_installed():
    """Run the installed `bcareer` in a subprocess, with no terminal, from a folder outside the
    repo. Use for exit codes, stderr and anything a user sees from a real process."""

    def run(
        *args: str,
        env: dict[str, str] | None = None,
        stdin: str | None = None,
        cwd: Path | None = None,
        timeout: float = 60,
    ) -> Result:
        full_env = dict(os.environ)
        full_env.update({"PYTHONIOENCODING": "utf-8", "TERM": "dumb"})
        if env:
            full_env.update(env)
        proc = subprocess.run(
            [bcareer_executable(), *args],
            input=stdin if stdin is not None else "",
            capture_output=True,
            text=True,
            env=full_env,
            cwd=cwd or Path(full_env["BCAREER_CONFIG_DIR"]).parent,
            timeout=timeout,
        )
        return Result(proc.returncode, proc.stdout, proc.stderr)

    return run


@pytest.fixture
def invoke(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """Run bcareer in-process through the same entry as the console script (fast)."""
    from billing_career.cli.app import GLOBAL
    from billing_career.cli.main import run

    def call(*args: str, env: dict[str, str] | None = None) -> Result:
        for key, value in (env or {}).items():
            monkeypatch.setenv(key, value)
        GLOBAL.data_dir = None
        GLOBAL.no_color = False
        capsys.readouterr()
        code = run(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return call


@pytest.fixture
def school(tmp_path: Path) -> Path:
    """A copy of the bundled data, as a school would keep its own figures."""
    folder = tmp_path / "school"
    shutil.copytree(DATA, folder)
    return folder


def replace_once(path: Path, old: str, new: str) -> None:
    """Edit a copied data file in one place, failing loudly if that place is not unique."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not in {path.name} exactly once"
    path.write_text(text.replace(old, new), encoding="utf-8")


def examples(command_epilog: str | None) -> list[list[str]]:
    """The `bcareer ...` lines of a command's help examples, as argument lists."""
    found = []
    for line in (command_epilog or "").splitlines():
        text = re.split(r"\s{2,}", line.strip())[0]
        if text.startswith("bcareer "):
            found.append(shlex.split(text)[1:])
    return found


@pytest.fixture
def example_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The files the help examples name, in a folder to run them in."""
    folder = tmp_path / "work"
    folder.mkdir()
    shutil.copytree(DATA, folder / "my-school-figures")
    (folder / "answers.yaml").write_text("education: ged\nbudget: 3000\nschedule: part-time\n")
    (folder / "cohort.csv").write_text("education,budget,schedule\nged,3000,part-time\n")
    monkeypatch.chdir(folder)
    return folder
