"""Start-up guards: what a real bcareer process imports, so commands stay fast to start."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "billing_career"
# Heavy or terminal-only libraries the core must never pull in.
SHELL_ONLY = ("typer", "rich", "questionary")
# Folders and modules that are the shell, not the core: they may import Typer, Rich, questionary.
NOT_CORE = {"cli", "render", "__main__", "questionnaire"}


def imported_modules(stderr: str) -> set[str]:
    """Module names from a -X importtime / PYTHONPROFILEIMPORTTIME report."""
    names = set()
    for line in stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            name = line.rsplit("|", 1)[1].strip()
            if name != "imported package":
                names.add(name)
    return names


def tops(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


def core_modules() -> list[str]:
    """Every module of the package outside the shell, found on disk so new ones are covered."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[0] in NOT_CORE or parts[-1] == "__main__":
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found.append(".".join(("billing_career", *parts)))
    return found


def module_file(name: str) -> Path:
    parts = name.split(".")[1:]
    path = PACKAGE.joinpath(*parts)
    return path / "__init__.py" if path.is_dir() else path.with_suffix(".py")


def imported_names(path: Path) -> set[str]:
    """Every module an import statement of path names, lazy imports inside functions too."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path.name}: relative import"
            names.add(node.module or "")
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def run_profiled(run_installed, *args: str):
    result = run_installed(*args, env={"PYTHONPROFILEIMPORTTIME": "1"})
    return result, imported_modules(result.err)


def test_help_imports_neither_questionary_nor_yaml(run_installed) -> None:
    result, modules = run_profiled(run_installed, "--help")
    assert result.code == 0
    assert "Usage:" in result.out
    assert "billing_career.cli" in modules  # the report really covers our process
    assert tops(modules).isdisjoint({"questionary", "prompt_toolkit", "yaml", "rich"}), sorted(
        name for name in modules if tops({name}) & {"questionary", "yaml", "rich"}
    )


def test_core_modules_import_no_typer_rich_or_questionary(tmp_path: Path) -> None:
    """Import each core module (and load the knowledge base) in a fresh interpreter; name the
    first module that brings in a shell-only library."""
    modules = core_modules()
    assert "billing_career.knowledge.loader" in modules
    script = (
        "import importlib, json, sys\n"
        f"shell = {SHELL_ONLY!r}\n"
        "def loaded():\n"
        "    return sorted({m.split('.')[0] for m in sys.modules} & set(shell))\n"
        "report = {}\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "    report[name] = loaded()\n"
        "from billing_career.planning.load import load_knowledge\n"
        "load_knowledge()\n"  # a cold load: the cache folder is empty
        "load_knowledge()\n"  # and a warm one
        "report['load_knowledge()'] = loaded()\n"
        "print(json.dumps(report))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    offenders = {name: libs for name, libs in report.items() if libs}
    assert offenders == {}, f"first module to import a shell-only library: {next(iter(offenders))}"


def test_core_modules_import_neither_render_nor_cli() -> None:
    """The core decides and the shell shows: no core module, even lazily, reaches for a renderer
    or the command line (plain-text figures live in billing_career.knowledge.figures)."""
    shell = ("billing_career.render", "billing_career.cli")
    modules = core_modules()
    assert "billing_career.knowledge.figures" in modules
    offenders = {
        name: sorted(
            found
            for found in imported_names(module_file(name))
            if found in shell or found.startswith(tuple(f"{s}." for s in shell))
        )
        for name in modules
    }
    assert {name: found for name, found in offenders.items() if found} == {}


def warm_commands() -> list[tuple[str, ...]]:
    commands: list[tuple[str, ...]] = [("cost", "--json")]
    if (PACKAGE / "cli" / "compare.py").exists():
        commands.append(("compare", "CPB", "CBCS"))
    return commands


# A bare Typer app with one argument: Typer itself may import pydantic to convert arguments.
BARE_TYPER_APP = (
    "import typer\n"
    "app = typer.Typer()\n"
    "@app.command()\n"
    "def hello(name: str) -> None:\n"
    "    print(name)\n"
    "app()\n"
)
SCHEMA_LIBRARIES = {"yaml", "pydantic", "pydantic_core"}


def bare_typer_modules() -> set[str]:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", BARE_TYPER_APP, "someone"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    return imported_modules(proc.stderr)


@pytest.mark.parametrize("command", warm_commands(), ids=" ".join)
def test_warm_cache_run_imports_no_yaml_and_no_pydantic_of_its_own(
    run_installed, command: tuple[str, ...]
) -> None:
    """A warm start reads the data-only cache into plain records: no YAML is parsed and no
    validator is built. Of pydantic it imports at most what Typer imports for any app."""
    cold, cold_modules = run_profiled(run_installed, *command)
    assert cold.code == 0, cold.err
    assert "yaml" in tops(cold_modules)  # the first run reads the data files...
    warm, warm_modules = run_profiled(run_installed, *command)
    assert warm.code == 0, warm.err
    assert "billing_career.knowledge.cache" in warm_modules
    assert "yaml" not in tops(warm_modules)  # ...the second takes them from the cache
    ours = {name for name in warm_modules if tops({name}) & SCHEMA_LIBRARIES}
    assert ours <= bare_typer_modules(), sorted(ours - bare_typer_modules())
    assert warm.out == cold.out


def test_reading_the_cache_imports_neither_yaml_nor_pydantic(run_installed) -> None:
    """The core on a warm cache, with no command line around it: the knowledge base and a
    comparison come from plain records alone."""
    assert run_installed("compare", "CPB", "CBCS").code == 0  # writes the cache
    script = (
        "import json, sys\n"
        "from billing_career.planning.load import load_knowledge\n"
        "from billing_career.reference.compare import compare\n"
        "result = compare(load_knowledge(), ['CPB', 'CBCS'], all=False)\n"
        "assert result\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert SCHEMA_LIBRARIES.isdisjoint(json.loads(proc.stdout))


def test_data_check_validates_the_files_even_with_a_warm_cache(run_installed) -> None:
    first = run_installed("data", "check", "--json")
    assert first.code == 0, first.err
    again, modules = run_profiled(run_installed, "data", "check", "--json")
    assert again.code == 0, again.err
    assert {"yaml", "pydantic"} <= tops(modules)
    assert again.out == first.out


@pytest.mark.parametrize(
    ("args", "kept"),
    [
        (["compare", "CPB", "CBCS"], ["compare"]),
        (["--no-color", "--data-dir", "compare", "cost", "--json"], ["cost"]),
        (["--data-dir=plan", "data", "check"], ["data"]),
        (["--no-pager", "faq", "--data-dir", "x"], ["faq"]),
        (["compare", "--help"], ["compare"]),
        (["--help", "compare"], None),
        (["--version", "compare"], None),  # an option the scan does not know: the whole app
        (["compar", "CPB"], None),  # unknown: the whole app, for "did you mean"
        ([], None),
    ],
)
def test_only_the_named_command_is_built(args: list[str], kept: list[str] | None) -> None:
    """Typer builds every command's options at start; a plain command line builds one."""
    from billing_career.cli.main import _for_command, app

    chosen = _for_command(app, args)
    if kept is None:
        assert chosen is app
        return
    names = [info.name or info.callback.__name__ for info in chosen.registered_commands]
    names += [info.name for info in chosen.registered_groups]
    assert names == kept
    assert len(app.registered_commands) > 1  # the app itself is left whole


def test_a_command_after_global_options_runs(invoke, school) -> None:
    result = invoke("--no-color", "--data-dir", str(school), "compare", "CPB", "CBCS", "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["certifications"][0]["code"] == "CPB"


@pytest.mark.parametrize("columns", ["50", "100"])
@pytest.mark.parametrize("args", [["--help"], ["-h"], ["--no-color", "--help"]])
def test_the_quick_command_list_is_the_full_help(
    invoke, monkeypatch: pytest.MonkeyPatch, columns: str, args: list[str]
) -> None:
    """`bcareer --help` lists stand-ins with no options: it must read exactly as the whole app's."""
    import typer

    from billing_career.cli.main import _for_command, _resolve_annotations, app

    monkeypatch.setenv("COLUMNS", columns)
    assert _for_command(app, args) is not app  # the quick path is taken
    quick = invoke(*args)
    assert quick.code == 0
    _resolve_annotations(app)
    command = typer.main.get_command(app)
    full = command.make_context("bcareer", [], resilient_parsing=True).get_help()
    assert quick.out == full + "\n"
    assert "compare" in full and "data" in full
