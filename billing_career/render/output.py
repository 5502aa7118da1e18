"""Machine-readable output: JSON on stdout, identical at any terminal width."""

from __future__ import annotations

import json
import sys
from typing import Any


def emit_json(data: Any) -> None:
    """Write data as indented JSON to stdout; ASCII-only so any terminal encoding can carry it."""
    sys.stdout.write(json.dumps(data, indent=2, sort_keys=False) + "\n")
    sys.stdout.flush()
