"""The console script: `bcareer --help` from its stored text; everything else to cli.main."""

from __future__ import annotations

import os
import shutil
import sys

# Click wraps help at the terminal's width up to 80 columns, so on any terminal this wide or
# wider the top-level help is one fixed text.
HELP_WIDTH = 80


def _asks_top_help(args: list[str]) -> bool:
    """Only `bcareer --help` (or -h) alone, at full width, outside shell completion."""
    if args not in (["--help"], ["-h"]):
        return False
    if any(name.endswith("_COMPLETE") for name in os.environ):
        return False
    return shutil.get_terminal_size().columns >= HELP_WIDTH


def main() -> None:
    """Answer the top-level --help without building the app (Typer alone costs more than the
    whole answer); hand anything else, and any trouble writing, to the full entry point."""
    from billing_career.cli.collector import pause_for_start

    pause_for_start()
    if sys.stdout is not None and _asks_top_help(sys.argv[1:]):
        from billing_career.cli.top_help import TOP_HELP

        try:
            sys.stdout.write(TOP_HELP)
            sys.stdout.flush()
        except (OSError, ValueError):
            pass  # a closed or failing stdout: the full entry point reports it as usual
        else:
            sys.exit(0)
    from billing_career.cli.main import main as full_main

    full_main()
