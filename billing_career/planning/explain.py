"""--explain: every rule's outcome part by part, and why each aid source was or was not counted."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from billing_career.planning.rules import TOPICS, CandidateKind, Findings, RuleResult

if TYPE_CHECKING:
    from billing_career.planning.funding import Funding


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


def failed_text(findings: Findings, result: RuleResult) -> str:
    """Which parts of a rule's condition failed, in words, with the person's own value."""
    return _tests_text(findings.explain(result).failed_tests(), always_yours=True)


def held_text(findings: Findings, result: RuleResult) -> str:
    """Which parts of a rule's condition held, in words ('always' for a standing rule)."""
    part = findings.explain(result)
    if part.kind == "always":
        return part.text
    return _tests_text(part.held_tests(), always_yours=False)


def why_not(findings: Findings, result: RuleResult) -> str:
    """A sentence for a rule that did not hold."""
    sentence = findings.otherwise(result)
    if sentence:
        return sentence
    return f"Does not apply: {failed_text(findings, result)}."


def explain_dict(findings: Findings, funding: Funding | None = None) -> dict[str, Any]:
    """Every rule with its topic, whether it held, its sentence, each part's outcome in words,
    the scores, and each aid source: counted or not, and why."""
    engine = findings.engine
    rules = []
    for result in findings.results:
        part = findings.explain(result)
        rules.append(
            {
                "id": result.rule.id,
                "topic": engine.topics[result.rule.id],
                "fired": result.fired,
                "because": findings.because(result) if result.fired else None,
                "why_not": None if result.fired else why_not(findings, result),
                "held": [test.text for test in part.held_tests()],
                "failed": [test.text for test in part.failed_tests()],
                "condition": part.to_dict(),
            }
        )
    kinds: tuple[CandidateKind, ...] = ("program", "certification", "aid", "delivery")
    scores = {
        kind: {
            ident: {
                "score": findings.score(kind, ident),
                "ruled_out": findings.is_ruled_out(kind, ident),
            }
            for ident in engine.candidates(kind)
        }
        for kind in kinds
    }
    aid = [
        {
            "id": source.id,
            "applies": source.applies,
            "counted": source.counted,
            "condition": source.condition,
            "why": list(source.reasons),
        }
        for source in (funding.sources if funding is not None else ())
    ]
    return {"topics": list(TOPICS), "rules": rules, "scores": scores, "funding": aid}
