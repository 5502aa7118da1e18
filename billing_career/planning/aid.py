"""The financial aid options, and which of them apply to a person according to data/rules.yaml.

Whether an option applies is decided by the rules engine (planning.rules), never here: this
module only runs the engine on what the person told us and keeps the conclusions of the rules
whose every fact was actually given. A rule that tests an answer the person did not give says
nothing about them, so its conclusion is left out rather than guessed from a default.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from billing_career.knowledge.models import AllOf, AnyOf, FactTest, KnowledgeBase, NotOf
from billing_career.knowledge.serialize import JsonDict, newer_list, range_json, source_json

if TYPE_CHECKING:
    from billing_career.knowledge.models import Condition, Rule

# Answers that `bcareer aid` takes; the budget also decides the budget facts rules test.
AID_ANSWERS = ("veteran", "employer_sponsor", "experience_years", "budget")
# Stand-ins for the plan's required answers, so the engine can run on a partial profile. The
# conclusions of any rule that reads them are dropped (see trusted_rules), so they never show.
_STAND_INS: dict[str, Any] = {"education": "high-school", "budget": 0, "schedule": "full-time"}


@dataclass(frozen=True)
class AidFit:
    """Whether an option applies (None: not known from the answers given) and why."""

    applies: bool | None
    reasons: tuple[str, ...] = ()
    why_not: tuple[str, ...] = ()


def condition_facts(node: Condition | None) -> Iterator[str]:
    """Every fact a condition tests."""
    if node is None:
        return
    if isinstance(node, FactTest):
        yield node.fact
    elif isinstance(node, AllOf):
        for part in node.all:
            yield from condition_facts(part)
    elif isinstance(node, AnyOf):
        for part in node.any:
            yield from condition_facts(part)
    elif isinstance(node, NotOf):
        yield from condition_facts(node.not_)


def known_facts(answers: Mapping[str, Any]) -> frozenset[str]:
    """The facts the answers settle: each answer, and the budget facts when the budget is given."""
    from billing_career.planning.rules import BUDGET_FACTS

    known = set(answers)
    if "budget" in answers:
        known.update(BUDGET_FACTS)
    return frozenset(known)


def trusted_rules(rules: tuple[Rule, ...], known: frozenset[str]) -> frozenset[str]:
    """Ids of the rules whose condition tests only facts the person gave."""
    return frozenset(rule.id for rule in rules if set(condition_facts(rule.when)) <= known)


def aid_fits(knowledge: KnowledgeBase, answers: Mapping[str, Any]) -> dict[str, AidFit]:
    """Each aid option's fit for these answers (ids of profile fields -> parsed values)."""
    from billing_career.planning.profile import build_profile
    from billing_career.planning.rules import evaluate

    profile = build_profile({**_STAND_INS, **answers})
    findings = evaluate(knowledge, profile)
    trusted = trusted_rules(tuple(r.rule for r in findings.results), known_facts(answers))
    fits: dict[str, AidFit] = {}
    for option in knowledge.aid.aid:
        ruled_out = [
            c.because for c in findings.ruled_out["aid"].get(option.id, ()) if c.rule in trusted
        ]
        scored = [c for c in findings.scores["aid"].get(option.id, ()) if c.rule in trusted]
        reasons = tuple(dict.fromkeys(c.because for c in scored if (c.points or 0) > 0))
        why_not = tuple(
            dict.fromkeys(
                text
                for result in findings.missed("aid", option.id)
                if result.rule.id in trusted and (text := findings.otherwise(result))
            )
        )
        if ruled_out:
            fits[option.id] = AidFit(False, tuple(dict.fromkeys(ruled_out)), why_not)
        elif reasons:
            fits[option.id] = AidFit(True, reasons, why_not)
        else:
            fits[option.id] = AidFit(False if why_not else None, (), why_not)
    return fits


def aid_view(knowledge: KnowledgeBase, answers: Mapping[str, Any] | None = None) -> JsonDict:
    """Every aid option with the guide's words and newer figures, and its fit for the answers."""
    fits = aid_fits(knowledge, answers) if answers else {}
    options = []
    for option in knowledge.aid.aid:
        fit = fits.get(option.id)
        options.append(
            {
                "id": option.id,
                "name": option.name,
                "description": option.description,
                "examples": list(option.examples),
                "amount": range_json(option.amount),
                "amount_note": option.amount_note,
                "newer": newer_list(knowledge, option),
                "applies": fit.applies if fit else None,
                "reasons": list(fit.reasons) if fit else [],
                "why_not": list(fit.why_not) if fit else [],
                "source": source_json(knowledge, option.source),
            }
        )
    return {
        "answers": dict(answers or {}),
        "assessed": bool(answers),
        "options": options,
    }
