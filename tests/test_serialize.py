"""The one serializer behind every --json: dataclass fields in order, with skip, inline and keys."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

from billing_career.knowledge.models import Range
from billing_career.knowledge.serialize import JSON_INLINE, JSON_SKIP, json_as, to_json


@dataclass(frozen=True)
class Inner:
    summary: str
    value: Range | None


@dataclass(frozen=True)
class Outer:
    name: str
    when: date = field(metadata=json_as(key="date"))
    figure: Inner = field(metadata=JSON_INLINE)
    share: float = field(metadata=json_as(convert=lambda v: round(v, 2)))
    tags: tuple[str, ...] = ()
    secret: object = field(default=None, metadata=JSON_SKIP)
    count: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "count", len(self.tags))


def test_fields_in_declared_order_with_keys_inlining_and_conversions() -> None:
    value = Outer(
        "x",
        date(2026, 3, 1),
        Inner("newer", Range(min=1, max=2)),
        0.12345,
        ("a", "b"),
        secret=object(),
    )
    assert json.dumps(to_json(value)) == json.dumps(
        {
            "name": "x",
            "date": "2026-03-01",
            "summary": "newer",
            "value": {"min": 1, "max": 2},
            "share": 0.12,
            "tags": ["a", "b"],
            "count": 2,
        }
    )


def test_plain_values_pass_through_and_containers_recurse() -> None:
    assert to_json({"a": (1, Inner("s", None))}) == {"a": [1, {"summary": "s", "value": None}]}
    assert to_json("varies") == "varies"
    assert to_json(None) is None
