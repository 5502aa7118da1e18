"""Start-up guards: what a real bcareer process imports, so commands stay fast to start.

Which module may import what (the layers, the core without terminal libraries) is
tests/test_layers.py's one rule; these tests watch a real process's imports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "billing_career"


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


def warm_commands() -> list[tuple[str, ...]]:
    commands: list[tuple[str, ...]] = [("data", "check", "--json")]
    if (PACKAGE / "cli" / "compare.py").exists():
        commands.append(("compare", "CPB", "CBCS"))
    return commands


@pytest.mark.parametrize("command", warm_commands(), ids=" ".join)
def test_warm_cache_run_imports_no_yaml(run_installed, command: tuple[str, ...]) -> None:
    cold, cold_modules = run_profiled(run_installed, *command)
    assert cold.code == 0, cold.err
    assert "yaml" in cold_modules  # the first run reads the data files...
    warm, warm_modules = run_profiled(run_installed, *command)
    assert warm.code == 0, warm.err
    assert "billing_career.knowledge.cache" in warm_modules
    assert "yaml" not in tops(warm_modules)  # ...the second takes them from the cache
    assert warm.out == cold.out


def test_warm_cache_run_never_builds_a_validator(run_installed) -> None:
    """The models defer building their validators, so a cached start pays for none of them."""
    run_installed("data", "check", "--json")
    script = (
        "from billing_career.planning.load import load_knowledge\n"
        "from billing_career.knowledge import models\n"
        "kb = load_knowledge()\n"
        "assert kb.certification('CPB').code == 'CPB'\n"
        "print(models.Certification.__pydantic_complete__, models.KnowledgeBase."
        "__pydantic_complete__)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["False", "False"]
