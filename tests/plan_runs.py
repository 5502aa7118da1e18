"""Running `bcareer plan` as a person runs it, for the tests of what a counselor found: the
text they read (flattened: wrapping set aside) and the plan's JSON."""

from __future__ import annotations

import json
from typing import Any


def flat(text: str) -> str:
    """The text with every run of spaces and line breaks as one space."""
    return " ".join(text.split())


def plan_args(start: str, *flags: str) -> tuple[str, ...]:
    """`plan` with no questions, nothing saved, no pager, from this start date."""
    return ("plan", "--no-input", "--no-save", "--no-pager", "--start", start, *flags)


def text_and_json(
    invoke: Any, start: str, env: dict[str, str], *flags: str, details: bool = False
) -> tuple[str, dict[str, Any]]:
    """The plan's text (with --details, as a counselor reads it; else as the person first
    reads it), flattened, and its JSON."""
    args = plan_args(start, *flags)
    text = invoke(*args, *(("--details",) if details else ()), env=env)
    assert text.code == 0, text.err
    data = invoke(*args, "--json")
    assert data.code == 0, data.err
    return flat(text.out), json.loads(data.out)
