"""Machine-readable output: JSON on stdout, identical at any terminal width."""

from __future__ import annotations

import sys
from typing import Any

from billing_career.knowledge.serialize import json_text, to_json


def emit_json(result: object) -> None:
    """Write a result (see knowledge.serialize.to_json) as indented JSON to stdout; ASCII-only
    so any terminal encoding can carry it."""
    sys.stdout.write(indented_json(to_json(result)) + "\n")
    sys.stdout.flush()


def indented_json(value: Any) -> str:
    """json.dumps(value, indent=2), the same text, several times faster: with an indent the
    standard library writes JSON in Python, a generator per nested value, and a caseload
    report holds a few hundred thousand values (knowledge.serialize.json_text writes it, as it
    writes records)."""
    return json_text(value, indent=True)
