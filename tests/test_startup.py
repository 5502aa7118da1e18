"""Start-up guards: what a real bcareer process imports, so commands stay fast to start.

Which module may import what (the layers, the core without terminal libraries) is
tests/test_layers.py's one rule; these tests watch a real process's imports."""

from __future__ import annotations

import functools
import json
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


def run_profiled(run_installed, *args: str, env: dict[str, str] | None = None):
    result = run_installed(*args, env={"PYTHONPROFILEIMPORTTIME": "1", **(env or {})})
    return result, imported_modules(result.err)


def test_help_imports_neither_questionary_nor_yaml(run_installed) -> None:
    # 60 columns: the app builds this help itself (at 80 or more it prints a stored text).
    result, modules = run_profiled(run_installed, "--help", env={"COLUMNS": "60"})
    assert result.code == 0
    assert "Usage:" in result.out
    assert "billing_career.cli" in modules  # the report really covers our process
    assert tops(modules).isdisjoint({"questionary", "prompt_toolkit", "yaml", "rich"}), sorted(
        name for name in modules if tops({name}) & {"questionary", "yaml", "rich"}
    )


def warm_commands() -> list[tuple[str, ...]]:
    commands: list[tuple[str, ...]] = [("cost", "--json")]
    # A plan's answers are checked by planning.profile itself, not by a pydantic model.
    answers = ("--education", "ged", "--budget", "1500", "--schedule", "part-time", "--start")
    answers += ("2027-01-04",)  # the same plan from both runs, whenever they run
    commands.append(("plan", "--no-input", "--no-save", "--json", *answers))
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


@functools.cache  # the same for every command: one process per worker
def bare_typer_modules() -> set[str]:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", BARE_TYPER_APP, "someone"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    return imported_modules(proc.stderr)


# A cold run first: its cache folder starts empty (tests/conftest.py copies in none).
@pytest.mark.cold_cache
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


def test_reading_the_cache_imports_neither_yaml_nor_pydantic() -> None:
    """The core on a warm cache, with no command line around it: the knowledge base and a
    comparison come from plain records alone (every test starts with the bundled data's cache
    entry: tests/conftest.py)."""
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


def test_data_check_validates_the_files_even_with_a_warm_cache(
    run_installed, invoke, tmp_path: Path
) -> None:
    # Every test starts with the bundled data's cache entry (tests/conftest.py).
    result, modules = run_profiled(run_installed, "data", "check", "--json")
    assert result.code == 0, result.err
    assert "billing_career.knowledge.cache" in modules
    assert {"yaml", "pydantic"} <= tops(modules)
    assert json.loads(result.out)["ok"] is True
    # The same report as with no cache at all.
    cold = invoke("data", "check", "--json", env={"BCAREER_CACHE_DIR": str(tmp_path / "empty")})
    assert cold.code == 0 and cold.out == result.out


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


@pytest.mark.parametrize("columns", ["80", "100", "200"])
def test_the_stored_top_help_is_the_apps_own(
    invoke, monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    """`bcareer --help` prints a stored text at 80 columns or more: it must be the app's own
    (after changing a command or its summary, run `python scripts/top_help.py`)."""
    from billing_career.cli.top_help import TOP_HELP

    monkeypatch.setenv("COLUMNS", columns)
    full = invoke("--help")
    assert full.code == 0
    assert full.out == TOP_HELP, "stale: run `python scripts/top_help.py`"
    assert TOP_HELP.isascii()  # so no terminal encoding can fail on it


def test_top_help_is_printed_without_building_the_app(run_installed) -> None:
    from billing_career.cli.top_help import TOP_HELP

    result, modules = run_profiled(run_installed, "--help")
    assert result.code == 0
    assert result.out == TOP_HELP
    assert "billing_career.cli.entry" in modules  # the report covers our process
    assert "typer" not in tops(modules)
    # Narrower than Click's 80 columns the help wraps differently: the app itself answers.
    narrow, modules = run_profiled(run_installed, "--help", env={"COLUMNS": "60"})
    assert narrow.code == 0 and "Usage: bcareer" in narrow.out
    assert "typer" in tops(modules)


def test_every_command_names_the_module_that_registers_it() -> None:
    import typer

    from billing_career.cli.main import COMMAND_MODULES, app

    command = typer.main.get_command(app)
    assert set(command.commands) == set(COMMAND_MODULES)  # type: ignore[attr-defined]


def test_a_command_imports_only_its_own_command_module() -> None:
    # importlib.import_module escapes -X importtime's report: ask the process itself at exit.
    script = (
        "import atexit, json, sys\n"
        "atexit.register(lambda: sys.stderr.write(json.dumps(sorted(sys.modules))))\n"
        "sys.argv = ['bcareer', 'compare', 'CPB', 'CBCS', '--json']\n"
        "from billing_career.cli.entry import main\n"
        "main()\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr
    modules = set(json.loads(proc.stderr))
    assert "billing_career.cli.compare" in modules
    assert not {"billing_career.cli.plan", "billing_career.cli.guide"} & modules


@pytest.mark.parametrize(
    "command",
    [
        ("compare", "CPB", "CBCS"),
        ("cost", "--json"),
        ("--help",),
        # A person's own state pay file or program catalog is validated by pydantic, only
        # where there is one.
        ("salary", "--state", "TX"),
        ("programs", "find"),
    ],
    ids=" ".join,
)
def test_options_are_read_without_pydantic(run_installed, command: tuple[str, ...]) -> None:
    """Typer would build a pydantic validator for each option value; bcareer's own coercion of
    its option types (cli/main.py) leaves pydantic unloaded where nothing else needs it (on the
    warm cache every test starts with)."""
    result, modules = run_profiled(run_installed, *command)
    assert result.code == 0, result.err
    if command != ("--help",):
        assert "billing_career.knowledge.cache" in modules and "yaml" not in tops(modules)
    assert not tops(modules) & {"pydantic", "pydantic_core"}, sorted(tops(modules))


def test_the_plain_coercion_gives_what_typers_gives() -> None:
    """Every option of every command: the value, or the message for a bad one, is the one
    Typer's own (pydantic) coercion gives, for text, paths, numbers, yes/no and lists."""
    import typer
    import typer.main
    from typer._coercion import build_runtime_param

    from billing_career.cli import main

    app = main.register()
    main._resolve_annotations(app)
    for group in app.registered_groups:
        if group.typer_instance is not None:
            main._resolve_annotations(group.typer_instance)
    command = typer.main.get_command(app)
    main._plain_coercion(command)
    samples: dict[object, list[object]] = {
        str: ["x", "two words", b"bytes", ""],
        bool: [True, False, "1", "0", "yes", "No", " on ", "", "maybe"],
        int: [
            *(7, "7", " 7 ", "1_000", "0", "-3", "x", "1.5", "0x10", "10.0", "10.", "1_000.0"),
            *("+5", "\u0663", "1e3", ".5", "1,5", " 2.00 ", "1__0", "-0"),
        ],
        float: [
            *(1.5, "1.5", "2", " 3 ", "inf", "abc", "0", "-1", "10.", ".5", "1e3", "\u0663"),
            *("1_000", "1,5", "0x1"),
        ],
        Path: ["a/b", Path("c"), "", "-"],
    }

    def outcome(runtime: object, param: object, value: object) -> object:
        try:
            return ("value", runtime.coerce(value, param=param, ctx=None))  # type: ignore[attr-defined]
        except typer.BadParameter as error:
            return ("error", error.message)

    checked = 0

    def visit(node: object) -> None:
        nonlocal checked
        for param in getattr(node, "params", ()):
            plain = getattr(param, "_runtime_param", None)
            if plain is None or type(plain).__name__ != "PlainParam":
                continue
            own = build_runtime_param(param.type_descriptor)
            annotation = param.type_descriptor.annotation
            values = samples.get(annotation) or [["a", "b"], ("c",), "d"]
            for value in values:
                assert outcome(plain, param, value) == outcome(own, param, value), (
                    param.name,
                    value,
                )
                checked += 1
        for sub in getattr(node, "commands", {}).values():
            visit(sub)

    visit(command)
    assert checked > 200


def test_the_saved_profiles_folder_is_found_only_to_write_there(
    run_installed, tmp_path: Path
) -> None:
    # With no BCAREER_CONFIG_DIR, finding the saved profile's path imports platformdirs: a plan
    # that writes nothing there (and a batch, which never saves) does not look for it.
    env = {"BCAREER_CONFIG_DIR": "", "XDG_CONFIG_HOME": str(tmp_path / "xdg")}
    answers = ("--education", "ged", "--budget", "1500", "--schedule", "part-time")
    plan, modules = run_profiled(run_installed, "plan", *answers, "--no-input", "--json", env=env)
    assert plan.code == 0, plan.err
    assert "billing_career.planning.planner" in modules  # the report covers our process
    assert "platformdirs" not in tops(modules)
    cohort = tmp_path / "cohort.csv"
    cohort.write_text("education,budget,schedule\nged,1500,part-time\n", encoding="utf-8")
    batch, modules = run_profiled(run_installed, "plan", "--batch", str(cohort), env=env)
    assert batch.code == 0, batch.err
    assert json.loads(batch.out)["profile"]["education"] == "ged"
    assert "platformdirs" not in tops(modules)
    # Saving still finds the platform's folder.
    saved, modules = run_profiled(run_installed, "plan", *answers, "--no-input", "--save", env=env)
    assert saved.code == 0, saved.err
    assert "platformdirs" in tops(modules)
    assert (tmp_path / "xdg" / "bcareer" / "profile.yaml").is_file()


def test_the_collector_is_paused_for_the_start_and_runs_again_after() -> None:
    import gc

    from billing_career.cli import collector

    assert gc.isenabled()
    collector.pause_for_start()
    assert not gc.isenabled()
    frozen = gc.get_freeze_count()
    made_in_the_start = [[] for _ in range(100)]
    collector.resume()
    assert gc.isenabled()
    assert gc.get_freeze_count() >= frozen + len(made_in_the_start)  # frozen out of its passes
    collector.resume()  # once only
    assert gc.isenabled()
    # Paused by someone else (the report's caseload, a caller): left to them.
    gc.disable()
    try:
        collector.pause_for_start()
        collector.resume()
        assert not gc.isenabled()
    finally:
        gc.enable()
