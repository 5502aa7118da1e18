"""What if: the plan again with one answer changed, for each change, beside the base plan.

A change is written as an answers file names it (`schedule=full-time`, `employer-amount=1500`)
and its value is checked as an answers file's is; the names come from planning.answers, so a new
answer can be changed with no edit here. Each variant is exactly the plan made from the base
answers with that one answer changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from billing_career.errors import UnknownValueError, UsageError
from billing_career.planning.answers import ANSWER, ANSWERS

if TYPE_CHECKING:
    from billing_career.knowledge.models import KnowledgeBase
    from billing_career.planning.planner import Plan
    from billing_career.planning.profile import Profile

OPTION = "--what-if"


@dataclass(frozen=True)
class Change:
    """One answer changed: its id and its value as the profile holds it (None: not given)."""

    answer: str
    value: Any


@dataclass(frozen=True)
class Variant:
    """A plan with one answer changed (JSON {"changed": {ANSWER: VALUE}, "plan": PLAN})."""

    changed: dict[str, Any]
    plan: Plan


@dataclass(frozen=True)
class WhatIf:
    """The base plan and one variant per change (`bcareer plan --what-if ... --json`)."""

    base: Plan
    what_if: tuple[Variant, ...]


def _names() -> str:
    return ", ".join(answer.id for answer in ANSWERS)


def parse_change(text: str, *, today: dt.date | None = None) -> Change:
    """'schedule=full-time' as a Change; a UsageError of one line naming what is allowed."""
    from billing_career.errors import shown
    from billing_career.planning.profile import InvalidAnswer, field_of, parse_answer

    name, equals, raw = text.partition("=")
    if not equals or not name.strip():
        raise UsageError(
            f"Invalid {OPTION} '{shown(text)}': write ANSWER=VALUE, one of: {_names()}."
        )
    answer = field_of(name)
    if answer not in ANSWER:
        raise UsageError(
            f"Invalid {OPTION}: unknown answer '{shown(name.strip())}'; one of: {_names()}."
        )
    spec = ANSWER[answer]
    if not raw.strip():
        if spec.required:
            raise UsageError(f"Invalid {OPTION} {answer}: it needs a value; it cannot be left out.")
        # An optional answer left out: its documented default, as in an answers file.
        return Change(answer, None)
    try:
        value = parse_answer(answer, raw, today=today)
    except UnknownValueError as error:
        raise UsageError(f"Invalid {OPTION} {answer}: {error.message} {error.hint}") from None
    except InvalidAnswer as error:
        allowed = f" (one of: {', '.join(spec.choices)})" if spec.choices else ""
        raise UsageError(
            f"Invalid {OPTION} {answer}: {answer.replace('_', ' ')} {error}{allowed}."
        ) from None
    return Change(answer, value)


def changed_profile(base: Profile, change: Change) -> Profile:
    """The base answers with one changed: what was given stays given, the rest stays default."""
    from billing_career.planning.profile import build_profile

    given = {name: getattr(base, name) for name in base.model_fields_set}
    if "current_pay" in given:
        # A wage is made yearly again at the hours of the changed profile.
        given["current_pay"] = base.pay_as_given()
    given["start"] = base.start
    if change.value is None:
        given.pop(change.answer, None)
    else:
        given[change.answer] = change.value
    return build_profile(given, today=base.start)


def what_if(
    kb: KnowledgeBase,
    base: Plan,
    changes: Sequence[Change],
    *,
    today: dt.date | None = None,
) -> WhatIf:
    """The base plan beside one plan per change."""
    from billing_career.planning.planner import make_plan

    variants = []
    for change in changes:
        plan = make_plan(kb, changed_profile(base.profile, change), today=today)
        # The value as the changed profile holds it: a wage made yearly at its hours ("20/h"
        # at 30 hours a week is $31,200, not the $41,600 of 40 hours).
        value = None if change.value is None else getattr(plan.profile, change.answer)
        variants.append(Variant({change.answer: value}, plan))
    return WhatIf(base, tuple(variants))
