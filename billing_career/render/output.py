"""Machine-readable output: JSON on stdout, identical at any terminal width."""

from __future__ import annotations

import json
import sys
from json.encoder import encode_basestring_ascii
from typing import Any

from billing_career.knowledge.serialize import to_json


def emit_json(result: object) -> None:
    """Write a result (see knowledge.serialize.to_json) as indented JSON to stdout; ASCII-only
    so any terminal encoding can carry it."""
    sys.stdout.write(indented_json(to_json(result)) + "\n")
    sys.stdout.flush()


def indented_json(value: Any) -> str:
    """json.dumps(value, indent=2), the same text, several times faster: with an indent the
    standard library writes JSON in Python, a generator per nested value, and a caseload
    report holds a few hundred thousand values."""
    return _indented(value, "\n")


def _indented(value: Any, newline: str) -> str:
    """One value's text; newline: a line break and the indent of the value's own line."""
    kind = value.__class__
    if kind is str:
        return encode_basestring_ascii(value)
    if kind is dict or (kind is not list and kind is not tuple and isinstance(value, dict)):
        if not value:
            return "{}"
        inner = newline + "  "
        return (
            "{"
            + inner
            + ("," + inner).join(
                [
                    f"{encode_basestring_ascii(key) if key.__class__ is str else _key(key)}: "
                    f"{_indented(part, inner)}"
                    for key, part in value.items()
                ]
            )
            + newline
            + "}"
        )
    if kind is list or kind is tuple or isinstance(value, list | tuple):
        if not value:
            return "[]"
        inner = newline + "  "
        return (
            "["
            + inner
            + ("," + inner).join([_indented(part, inner) for part in value])
            + newline
            + "]"
        )
    return _scalar(value)


def _scalar(value: Any) -> str:
    # In json.encoder's order: a str (subclass), None, the bools, an int, a float.
    if isinstance(value, str):
        return encode_basestring_ascii(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    # Anything else is json.dumps's own error.
    return json.dumps(value)


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == -float("inf"):
        return "-Infinity"
    return float.__repr__(value)


def _key(key: Any) -> str:
    # A key that is not a string is written as json.dumps writes it, as a string.
    if isinstance(key, str):
        return encode_basestring_ascii(key)
    if isinstance(key, float):
        return encode_basestring_ascii(_float(key))
    if key is True or key is False or key is None:
        return encode_basestring_ascii(_scalar(key))
    if isinstance(key, int):
        return encode_basestring_ascii(int.__repr__(key))
    return json.dumps({key: None})  # json.dumps's own error
