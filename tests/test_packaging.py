"""The wheel carries the data and the command; every module and command documents itself.

The wheel is built once per run (about two seconds), however many workers share the run; deselect
its tests with -m "not packaging".
"""

from __future__ import annotations

import ast
import configparser
import fcntl
import importlib.util
import os
import shlex
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import typer.main
from conftest import DATA, REPO

from billing_career.cli.main import app
from billing_career.knowledge.loader import DATA_FILES

PACKAGE = REPO / "billing_career"


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built once per run: under pytest-xdist the first worker to get here builds it
    in the run's shared temp folder while holding a lock, and the others take that one."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        folder = tmp_path_factory.getbasetemp().parent / "wheel"  # this run's, for all workers
    else:
        folder = tmp_path_factory.mktemp("wheel")
    folder.mkdir(exist_ok=True)
    with open(folder.parent / "wheel.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        built = list(folder.glob("bcareer-*.whl"))
        if not built:
            # With the build backend installed (the test extras have it), the wheel is built
            # by it, as pip builds it without isolation: the same files, without pip's start-up
            # and its two backend processes (.ci/run builds and installs the wheel with pip
            # itself). Without it, pip builds it in isolation.
            if importlib.util.find_spec("hatchling") is None:
                command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet"]
                command += ["-w", str(folder), str(REPO)]
            else:
                build = (
                    "import sys; from hatchling.build import build_wheel; build_wheel(sys.argv[1])"
                )
                command = [sys.executable, "-c", build, str(folder)]
            proc = subprocess.run(
                command, cwd=REPO, capture_output=True, text=True, timeout=300, check=False
            )
            assert proc.returncode == 0, proc.stderr
            built = list(folder.glob("bcareer-*.whl"))
    (wheel_file,) = built
    return wheel_file


@pytest.mark.packaging
def test_wheel_contains_every_data_file(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for name in DATA_FILES:
            inside = f"billing_career/data/{name}.yaml"
            assert inside in names
            # The shipped file is the repo's file, byte for byte.
            assert archive.read(inside) == (DATA / f"{name}.yaml").read_bytes()


@pytest.mark.packaging
def test_wheel_contains_every_module(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    modules = {path.relative_to(REPO).as_posix() for path in PACKAGE.rglob("*.py")}
    assert modules <= names
    assert not any(name.startswith(("tests/", "bench/", "data/")) for name in names)


@pytest.mark.packaging
def test_wheel_declares_the_console_script(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        parser = configparser.ConfigParser()
        parser.read_string(archive.read(entry_points).decode("utf-8"))
    assert dict(parser["console_scripts"]) == {"bcareer": "billing_career.cli.entry:main"}


@pytest.mark.packaging
def test_installed_wheel_reads_its_own_data_from_any_folder(wheel: Path, tmp_path: Path) -> None:
    """Not the repo's data/: the copy inside the package, found through importlib.resources."""
    target = tmp_path / "site"
    # A pure-Python wheel is installed by unpacking it into site-packages (.ci/run installs
    # this one with pip, and runs it from another folder); unpacked here, without pip's start-up.
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    script = (
        "import billing_career, json\n"
        "from billing_career.knowledge.loader import bundled_data_dir, load_knowledge\n"
        "kb = load_knowledge()\n"
        "print(json.dumps([billing_career.__file__, str(bundled_data_dir()),"
        " kb.certification('CPB').exam.questions]))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(target))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    proc = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        cwd=elsewhere,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    module_file, data_dir, questions = __import__("json").loads(proc.stdout)
    assert Path(module_file).is_relative_to(target)
    assert Path(data_dir) == target / "billing_career" / "data"
    assert questions == 100


# --- every module and every command documents itself ---------------------------------------------


@pytest.mark.parametrize(
    "module", sorted(path.relative_to(REPO).as_posix() for path in PACKAGE.rglob("*.py"))
)
def test_every_module_has_a_one_line_docstring(module: str) -> None:
    doc = ast.get_docstring(ast.parse((REPO / module).read_text(encoding="utf-8")), clean=False)
    assert doc and doc.strip(), f"{module} has no module docstring"
    lines = doc.strip().splitlines()
    assert lines[0].strip().endswith("."), f"{module}: the summary should be one full sentence"
    assert len(lines) == 1 or not lines[1].strip(), (
        f"{module}: the summary runs onto a second line; keep it to one line, then a blank line"
    )


def command_paths() -> list[tuple[str, ...]]:
    """Every command and group of the app, found by walking Click's tree, so commands added later
    are covered with no change here."""
    found: list[tuple[str, ...]] = []

    def walk(command: object, path: tuple[str, ...]) -> None:
        if getattr(command, "hidden", False):
            return
        found.append(path)
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            walk(sub, (*path, name))

    walk(typer.main.get_command(app), ())
    return found


def examples(help_text: str) -> list[str]:
    """The command lines under 'Examples:' in a help screen, without their comments."""
    lines = help_text.splitlines()
    starts = [index for index, line in enumerate(lines) if line.strip() == "Examples:"]
    found: list[str] = []
    for start in starts:
        continued = False
        for line in lines[start + 1 :]:
            text = line.strip()
            if continued:
                # A long example goes on after a trailing backslash, as in a shell.
                found[-1] = found[-1].removesuffix("\\").rstrip() + " " + text
            elif text.startswith("bcareer"):
                # An example may be followed by two or more spaces and what it does.
                found.append(text.split("  ")[0])
            else:
                break
            continued = text.endswith("\\")
    return found


@pytest.mark.parametrize("path", command_paths(), ids=lambda path: " ".join(path) or "bcareer")
def test_every_command_has_help_with_examples(invoke, path: tuple[str, ...]) -> None:
    result = invoke(*path, "--help")
    assert result.code == 0, result.err
    command = typer.main.get_command(app)
    for name in path:
        command = command.commands[name]  # type: ignore[attr-defined]
    assert (command.help or "").strip(), f"'{' '.join(path)}' has no help text"
    shown = examples(result.out)
    assert shown, f"'bcareer {' '.join(path)} --help' shows no 'Examples:' lines"
    prefix = " ".join(["bcareer", *path])
    assert any(example.startswith(prefix) for example in shown), (
        f"no example of '{prefix}' in its own help: {shown}"
    )


@pytest.mark.parametrize("path", command_paths(), ids=lambda path: " ".join(path) or "bcareer")
def test_every_example_names_a_real_command_and_options(invoke, path: tuple[str, ...]) -> None:
    """Each example parses: its command exists and its options are known (checked by asking for
    the example's help, which parses every option without running the command)."""
    for example in examples(invoke(*path, "--help").out):
        args = shlex.split(example)[1:]
        result = invoke(*args, "--help")
        assert result.code == 0, f"the example '{example}' does not parse: {result.err.strip()}"
