"""Write billing_career/cli/top_help.py from the app's own `bcareer --help` (after a command or
its summary changes; tests/test_startup.py fails until the stored text matches)."""

from __future__ import annotations

import contextlib
import io
import json
import os
from pathlib import Path

TARGET = Path(__file__).resolve().parents[1] / "billing_career" / "cli" / "top_help.py"


def live_help() -> str:
    """What the full app prints for `bcareer --help` at 100 columns."""
    from billing_career.cli.main import run

    os.environ["COLUMNS"] = "100"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = run(["--help"])
    if code != 0:
        raise SystemExit(f"bcareer --help exited {code}")
    return out.getvalue()


def module_text(help_text: str) -> str:
    """The module: the text as one string, a line of source per line of help."""
    # JSON's quoting is valid Python for this ASCII text, and is what ruff format writes.
    lines = "".join(f"    {json.dumps(line)}\n" for line in help_text.splitlines(keepends=True))
    return (
        '"""The top-level `bcareer --help`, stored so it prints without building the app."""\n\n'
        "# Made by scripts/top_help.py from the app itself; tests/test_startup.py checks it.\n"
        f"TOP_HELP = (\n{lines})\n"
    )


if __name__ == "__main__":
    TARGET.write_text(module_text(live_help()), encoding="utf-8")
    print(f"Wrote {TARGET}")
