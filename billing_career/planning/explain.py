"""--explain: every rule's outcome part by part, and why each aid source was or was not counted."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from billing_career.knowledge.serialize import JSON_INLINE, JSON_OMIT_NONE
from billing_career.planning.conditions import Part
from billing_career.planning.rules import TOPICS, CandidateKind, Findings, RuleResult

if TYPE_CHECKING:
    from billing_career.planning.money import Funding

# What labels a rule's condition that was not met: the test as the rule checked it, and that it
# is not so for the person ("Not so: this plan's exam is a first attempt for you"), not a claim
# of its own as "Failed:" read. One label for the terminal and the JSON's why_not.
NOT_SO = "Not so:"


def _tests_text(tests: Sequence[Any], *, always_yours: bool) -> str:
    shown = []
    for test in tests:
        actual = test.actual
        # "(yours: ...)" only where it says more than the test itself.
        if actual is not None and (always_yours or actual not in test.text):
            shown.append(f"{test.text} (yours: {actual})")
        else:
            shown.append(test.text)
    return "; ".join(shown)


def failed_text(findings: Findings, result: RuleResult, part: Part | None = None) -> str:
    """Which parts of a rule's condition failed, in words, with the person's own value (part:
    the condition already explained, if at hand)."""
    explained = findings.explain(result) if part is None else part
    return _tests_text(explained.failed_tests(), always_yours=True)


def held_text(findings: Findings, result: RuleResult) -> str:
    """Which parts of a rule's condition held, in words ('always' for a standing rule)."""
    part = findings.explain(result)
    if part.kind == "always":
        return part.text
    return _tests_text(part.held_tests(), always_yours=False)


def why_not(findings: Findings, result: RuleResult, part: Part | None = None) -> str:
    """A sentence for a rule that did not hold (part: its condition already explained)."""
    sentence = findings.otherwise(result)
    if sentence:
        return sentence
    return f"{NOT_SO} {failed_text(findings, result, part)}."


@dataclass(frozen=True)
class TestData:
    """A test as data: the fact, the operator and the value it compares with."""

    fact: str
    op: str
    value: Any


@dataclass(frozen=True)
class TestShown:
    """What a test part adds: the person's own value, and the test as data where it has one."""

    actual: str | None
    data: TestData | None = field(metadata=JSON_INLINE)


@dataclass(frozen=True)
class ConditionShown:
    """One part of a rule's condition, evaluated, in words; its parts nested (JSON only has
    `parts` where there are some)."""

    kind: str
    passed: bool
    text: str
    test: TestShown | None = field(metadata=JSON_INLINE)
    parts: tuple[ConditionShown, ...] | None = field(metadata=JSON_OMIT_NONE)


def condition_shown(part: Part) -> ConditionShown:
    """A condition part as --explain's JSON shows it."""
    test = None
    if part.kind == "test":
        data = None if part.test is None else TestData(*part.test)
        test = TestShown(part.actual, data)
    children = tuple(condition_shown(child) for child in part.children)
    return ConditionShown(part.kind, part.passed, part.text, test, children or None)


@dataclass(frozen=True)
class RuleShown:
    """One rule: its topic, whether it held, its sentence or why not, and each test's outcome."""

    id: str
    topic: str
    fired: bool
    because: str | None
    why_not: str | None
    held: tuple[str, ...]
    failed: tuple[str, ...]
    condition: ConditionShown


@dataclass(frozen=True)
class Score:
    """A candidate's score and whether a rule ruled it out."""

    score: int
    ruled_out: bool


@dataclass(frozen=True)
class AidCounted:
    """An aid source: whether it applies and is counted, on what condition, and why."""

    id: str
    applies: bool
    counted: bool
    condition: str | None
    why: tuple[str, ...]


@dataclass(frozen=True)
class Explanation:
    """--explain: every rule's outcome, the scores, and why each aid source was counted or not."""

    topics: tuple[str, ...]
    rules: tuple[RuleShown, ...]
    scores: dict[CandidateKind, dict[str, Score]]
    funding: tuple[AidCounted, ...]


def explanation(findings: Findings, funding: Funding | None = None) -> Explanation:
    """Every rule with its topic, whether it held, its sentence, each part's outcome in words,
    the scores, and each aid source: counted or not, and why."""
    engine = findings.engine
    rules = []
    for result in findings.results:
        part = findings.explain(result)
        rules.append(
            RuleShown(
                id=result.rule.id,
                topic=engine.topics[result.rule.id],
                fired=result.fired,
                because=findings.because(result) if result.fired else None,
                why_not=None if result.fired else why_not(findings, result, part),
                held=tuple(test.text for test in part.held_tests()),
                failed=tuple(test.text for test in part.failed_tests()),
                condition=condition_shown(part),
            )
        )
    kinds: tuple[CandidateKind, ...] = ("program", "certification", "aid", "delivery")
    scores = {
        kind: {
            ident: Score(findings.score(kind, ident), findings.is_ruled_out(kind, ident))
            for ident in engine.candidates(kind)
        }
        for kind in kinds
    }
    aid = tuple(
        AidCounted(source.id, source.applies, source.counted, source.condition, source.reasons)
        for source in (funding.sources if funding is not None else ())
    )
    return Explanation(TOPICS, tuple(rules), scores, aid)
