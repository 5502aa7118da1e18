"""The layer rule, read from the folders: arrows run one way and no module imports in a circle.

    cli -> render -> planning -> reference -> knowledge -> base

A module may import from its own folder or from folders to its right, never to its left. The
layer of a module is its folder (base: the modules at the package top); nothing lists module
names, so a module added later is checked with no change here. Every import statement counts:
at the top, inside functions (lazy imports), and under `if TYPE_CHECKING:` (an annotation that
names a renderer is still the core knowing about the shell).
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE_DIR = Path(__file__).resolve().parents[1] / "billing_career"
PACKAGE = PACKAGE_DIR.name

# Left to right: each layer may import itself and any layer after it.
LAYERS = ("cli", "render", "planning", "reference", "knowledge", "base")
BASE = "base"
CORE = frozenset({"planning", "reference", "knowledge", BASE})
# Libraries that draw on or read from a terminal: the shell's business, never the core's.
TERMINAL_LIBRARIES = frozenset({"typer", "click", "rich", "questionary", "prompt_toolkit"})
# The questionnaire is the one place that prompts.
PROMPT_LIBRARIES = frozenset({"questionary", "prompt_toolkit"})
QUESTIONNAIRE = f"{PACKAGE}.cli.questionnaire"
# `python -m billing_career` runs the command line: the one module at the top that may.
MAIN = f"{PACKAGE}.__main__"


@dataclass(frozen=True)
class Import:
    """One imported name, where it is written."""

    target: str  # a module of the package, or a third-party top-level name
    line: int


@dataclass(frozen=True)
class Module:
    name: str
    path: Path
    layer: str
    imports: tuple[Import, ...]


def module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(name: str) -> str:
    """The layer a module belongs to, by its folder; modules at the top are the base."""
    parts = name.split(".")
    if len(parts) == 2 and (PACKAGE_DIR / f"{parts[1]}.py").exists():
        return BASE
    return parts[1] if len(parts) > 1 else BASE


def import_statements(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import in the file: ast.walk reaches function bodies and `if TYPE_CHECKING:`."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node


def resolve(node: ast.Import | ast.ImportFrom, here: str, known: set[str]) -> list[str]:
    """The modules an import statement loads: `from a.b import c` is a.b.c when c is a module
    of the package, else a.b; a relative import is resolved against the importing module."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        is_package = (PACKAGE_DIR.parent / here.replace(".", "/") / "__init__.py").exists()
        anchor = here.split(".") if is_package else here.split(".")[:-1]
        anchor = anchor[: len(anchor) - (node.level - 1)]
        base = ".".join([*anchor, *([base] if base else [])])
    found = []
    for alias in node.names:
        candidate = f"{base}.{alias.name}"
        found.append(candidate if candidate in known else base)
    return found


def read_package(root: Path) -> dict[str, Module]:
    paths = sorted(root.rglob("*.py"))
    known = {module_name(path, root) for path in paths}
    modules = {}
    for path in paths:
        name = module_name(path, root)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        imports = []
        for node in import_statements(tree):
            for target in resolve(node, name, known):
                if target.split(".")[0] != PACKAGE:
                    target = target.split(".")[0]  # a library: its top-level name is enough
                elif target not in known:
                    # `import billing_career.x.y` where y is a name, or a typo: the nearest module.
                    while target not in known and "." in target:
                        target = target.rsplit(".", 1)[0]
                imports.append(Import(target, node.lineno))
        modules[name] = Module(name, path, layer_of(name), tuple(imports))
    return modules


@functools.cache
def package_modules() -> dict[str, Module]:
    """The real package's modules, read once per worker, by the tests that need them (not at
    collection, where every worker would pay for parsing the whole package)."""
    return read_package(PACKAGE_DIR)


def ours(target: str) -> bool:
    return target.split(".")[0] == PACKAGE


def where(module: Module, item: Import) -> str:
    return f"{module.path.relative_to(PACKAGE_DIR.parent)}:{item.line} imports {item.target}"


# --- the checks, as functions of the module table, so the test of the test can feed them -------


def arrows_broken(modules: dict[str, Module]) -> list[str]:
    """Imports that point left: to a layer the importing module's layer must not know."""
    broken = []
    for module in modules.values():
        if module.layer not in LAYERS:
            broken.append(f"{module.path.name}: the folder {module.layer}/ is in no layer")
            continue
        allowed = set(LAYERS[LAYERS.index(module.layer) :])
        for item in module.imports:
            if not ours(item.target) or item.target == PACKAGE:
                continue
            if module.name == MAIN and layer_of(item.target) == "cli":
                continue
            if layer_of(item.target) not in allowed:
                broken.append(f"{module.layer} -> {layer_of(item.target)}: {where(module, item)}")
    return broken


def terminal_imports_in_the_core(modules: dict[str, Module]) -> list[str]:
    return [
        where(module, item)
        for module in modules.values()
        if module.layer in CORE
        for item in module.imports
        if item.target in TERMINAL_LIBRARIES
    ]


def prompt_imports_outside_the_questionnaire(modules: dict[str, Module]) -> list[str]:
    return [
        where(module, item)
        for module in modules.values()
        if module.name != QUESTIONNAIRE
        for item in module.imports
        if item.target in PROMPT_LIBRARIES
    ]


def circles(modules: dict[str, Module]) -> list[list[str]]:
    """Every strongly connected group of two or more modules (or one importing itself), by
    Tarjan's algorithm over the package's own imports."""
    graph = {
        name: sorted({item.target for item in module.imports if item.target in modules})
        for name, module in modules.items()
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(name: str) -> None:
        index[name] = low[name] = len(index)
        stack.append(name)
        on_stack.add(name)
        for target in graph[name]:
            if target not in index:
                visit(target)
                low[name] = min(low[name], low[target])
            elif target in on_stack:
                low[name] = min(low[name], index[target])
        if low[name] == index[name]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == name:
                    break
            if len(group) > 1 or name in graph[name]:
                found.append(sorted(group))

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return found


# --- the rule ---------------------------------------------------------------------------------


def test_every_module_is_in_a_layer() -> None:
    """A new folder must be placed on the arrow before it can hold code."""
    assert f"{PACKAGE}.knowledge.loader" in package_modules() and QUESTIONNAIRE in package_modules()
    assert {module.layer for module in package_modules().values()} == set(LAYERS)
    top = {name for name, module in package_modules().items() if module.layer == BASE}
    assert top == {
        PACKAGE,
        MAIN,
        f"{PACKAGE}.errors",
        f"{PACKAGE}.files",
        f"{PACKAGE}.paths",
        f"{PACKAGE}.records",
    }, "only a few base modules live at the package top; the rest go in their layer's folder"


def test_the_layers_keep_to_their_folders() -> None:
    """One test of folder rules: arrows one way, the core without terminal libraries, one module
    that prompts, and no import circle anywhere (lazy imports inside functions included)."""
    problems = [
        *arrows_broken(package_modules()),
        *(
            f"core imports a terminal library: {w}"
            for w in terminal_imports_in_the_core(package_modules())
        ),
        *(
            f"only {QUESTIONNAIRE} prompts: {w}"
            for w in prompt_imports_outside_the_questionnaire(package_modules())
        ),
        *(f"import circle: {' <-> '.join(group)}" for group in circles(package_modules())),
    ]
    assert not problems, "\n".join(["the layer rule is broken:", *problems])
    # The rule sees what it must: lazy imports too (the questionnaire is imported inside a
    # function), so an empty list above is not an empty reading.
    assert any(
        item.target == QUESTIONNAIRE for m in package_modules().values() for item in m.imports
    )
    assert any(item.target == "questionary" for item in package_modules()[QUESTIONNAIRE].imports)


# --- the rule can fail: each check, fed a small package that breaks it ----------------------------


def write_package(root: Path, files: dict[str, str]) -> dict[str, Module]:
    for relative, text in {"__init__.py": "", **files}.items():
        path = root / PACKAGE / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return read_package(root / PACKAGE)


Fake = Callable[[dict[str, str]], dict[str, Module]]


@pytest.fixture
def fake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Fake:
    """Build a throw-away package and read it; layer_of looks at its files, not the real ones."""

    def build(files: dict[str, str]) -> dict[str, Module]:
        monkeypatch.setattr(f"{__name__}.PACKAGE_DIR", tmp_path / PACKAGE)
        return write_package(tmp_path, files)

    return build


def test_a_core_module_reaching_for_a_renderer_is_caught(fake: Fake) -> None:
    modules = fake(
        {
            "errors.py": "",
            "knowledge/__init__.py": "",
            "knowledge/models.py": "import json\nfrom billing_career import errors\n",
            "planning/__init__.py": "",
            "planning/planner.py": (
                "from typing import TYPE_CHECKING\n"
                "if TYPE_CHECKING:\n    from billing_career.render.plan import Shown\n"
            ),
            "render/__init__.py": "",
            "render/plan.py": "from billing_career.knowledge import models\n",
        }
    )
    assert arrows_broken(modules) == [
        "planning -> render: billing_career/planning/planner.py:3"
        " imports billing_career.render.plan"
    ]


def test_a_lazy_terminal_import_in_the_core_is_caught(fake: Fake) -> None:
    modules = fake(
        {
            "reference/__init__.py": "",
            "reference/compare.py": "def show():\n    from rich.table import Table\n",
            "cli/__init__.py": "",
            "cli/plan.py": "def ask():\n    import questionary\n",
        }
    )
    assert terminal_imports_in_the_core(modules) == [
        "billing_career/reference/compare.py:2 imports rich"
    ]
    assert prompt_imports_outside_the_questionnaire(modules) == [
        "billing_career/cli/plan.py:2 imports questionary"
    ]


def test_a_circle_through_a_function_is_caught(fake: Fake) -> None:
    modules = fake(
        {
            "knowledge/__init__.py": "",
            "knowledge/loader.py": "from billing_career.knowledge.cache import read\n",
            "knowledge/cache.py": (
                "def read():\n    from billing_career.knowledge import loader\n"  # lazily
            ),
            "knowledge/models.py": "from . import figures\n",
            "knowledge/figures.py": "",
        }
    )
    assert circles(modules) == [
        ["billing_career.knowledge.cache", "billing_career.knowledge.loader"]
    ]
    assert arrows_broken(modules) == []  # the same folder: only the circle is wrong


def test_main_may_run_the_command_line_and_nothing_else_at_the_top_may(fake: Fake) -> None:
    modules = fake(
        {
            "__main__.py": "from billing_career.cli.main import main\n",
            "files.py": "from billing_career.cli import main\n",
            "cli/__init__.py": "",
            "cli/main.py": "from billing_career import files\n",
        }
    )
    assert arrows_broken(modules) == [
        "base -> cli: billing_career/files.py:1 imports billing_career.cli.main"
    ]
    assert circles(modules) == [["billing_career.cli.main", "billing_career.files"]]
