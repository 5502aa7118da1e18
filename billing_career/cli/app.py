"""The Typer app, its global options, and the knowledge base every command reads."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from billing_career import __version__

if TYPE_CHECKING:
    from billing_career.knowledge.models import KnowledgeBase

# The order `bcareer --help` lists commands in: the plan first, then the questions people ask
# in the order they ask them, then housekeeping. Commands not named here follow, in any order.
COMMAND_ORDER = (
    "plan",
    "compare",
    "cost",
    "aid",
    "programs",
    "salary",
    "outlook",
    "paths",
    "about",
    "faq",
    "resources",
    "renew",
    "sources",
    "profile",
    "data",
)


class _OrderedGroup(TyperGroup):
    """Lists commands in COMMAND_ORDER instead of the order their modules were imported."""

    # Any: the parameter is Typer's vendored Click context, which Typer does not export.
    def list_commands(self, ctx: Any) -> list[str]:
        names = super().list_commands(ctx)
        rank = {name: index for index, name in enumerate(COMMAND_ORDER)}
        return sorted(names, key=lambda name: rank.get(name, len(rank)))


app = typer.Typer(
    name="bcareer",
    cls=_OrderedGroup,
    help=(
        "Plan a career as a US medical billing specialist: programs, certifications, costs, "
        "aid and pay, with the reasons for every recommendation. Works offline."
    ),
    epilog=(
        "\b\nExamples:\n"
        "  bcareer plan                       answer a few questions, get a dated plan\n"
        "  bcareer compare CPB CBCS           certifications side by side\n"
        "  bcareer cost --program online      what a path costs, item by item\n"
        "  bcareer data check                 validate the bundled figures"
    ),
    no_args_is_help=True,
    add_completion=True,
    # Plain help keeps --help fast and readable on any terminal; examples use \b paragraphs.
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class GlobalOptions:
    """Options given before the command, shared by every command."""

    data_dir: Path | None = None
    no_color: bool = False


GLOBAL = GlobalOptions()

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead of tables.")]
DataDirOption = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        envvar="BCAREER_DATA_DIR",
        help="Read figures from this folder instead of the bundled data (env BCAREER_DATA_DIR).",
        show_default=False,
    ),
]
NoColorOption = Annotated[
    bool, typer.Option("--no-color", help="Turn colour off (NO_COLOR=1 and TERM=dumb do too).")
]


def _version_callback(value: bool) -> None:
    if value:
        sys.stdout.write(f"bcareer {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_version_callback,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
    data_dir: DataDirOption = None,
    no_color: NoColorOption = False,
) -> None:
    GLOBAL.data_dir = data_dir
    GLOBAL.no_color = no_color


def knowledge(data_dir: Path | None = None) -> KnowledgeBase:
    """Load the knowledge base from the command's --data-dir, the global one, or the bundle."""
    from billing_career.planning.load import load_knowledge

    return load_knowledge(data_dir or GLOBAL.data_dir)
