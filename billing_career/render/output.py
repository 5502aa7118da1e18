"""Machine-readable output: JSON on stdout, identical at any terminal width."""

from __future__ import annotations

import json
import sys

from billing_career.knowledge.serialize import to_json


def emit_json(result: object) -> None:
    """Write a result (see knowledge.serialize.to_json) as indented JSON to stdout; ASCII-only
    so any terminal encoding can carry it."""
    sys.stdout.write(json.dumps(to_json(result), indent=2, sort_keys=False) + "\n")
    sys.stdout.flush()
