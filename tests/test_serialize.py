"""The one serializer behind every --json: dataclass fields in order, with skip, inline, keys and
keys only some results have."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

from billing_career.knowledge.models import Range
from billing_career.knowledge.serialize import (
    JSON_INLINE,
    JSON_OMIT_NONE,
    JSON_SKIP,
    json_as,
    to_json,
)


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


@dataclass(frozen=True)
class Sparse:
    kind: str
    extra: Inner | None = field(default=None, metadata=JSON_INLINE)
    parts: tuple[str, ...] | None = field(default=None, metadata=JSON_OMIT_NONE)
    note: str | None = None


def test_optional_keys_are_left_out_only_when_none() -> None:
    assert json.dumps(to_json(Sparse("a"))) == json.dumps({"kind": "a", "note": None})
    full = Sparse("b", Inner("s", None), ("x",), "n")
    assert json.dumps(to_json(full)) == json.dumps(
        {"kind": "b", "summary": "s", "value": None, "parts": ["x"], "note": "n"}
    )
    # An empty value is not None: the key stays.
    assert to_json(Sparse("c", parts=())) == {"kind": "c", "parts": [], "note": None}


def test_answers_are_written_in_question_order_lists_and_dates_as_json() -> None:
    from billing_career.planning.profile import Profile

    profile = Profile(
        education="ged",
        budget=500,
        schedule="part-time",
        background=("insurance", "accounting"),
        start=date(2027, 2, 1),
    )
    data = to_json(profile)
    assert list(data) == list(Profile.field_names())
    assert data["background"] == ["insurance", "accounting"]
    assert data["start"] == "2027-02-01"
    assert data["employer_amount"] is None
