"""The financial aid options, and which of them apply to a person according to data/rules.yaml.

Whether an option applies is decided by the funding table of rules.yaml (its conditions compiled
by the rules engine), never here: this module runs those conditions on what the person told us.
An entry whose condition tests an answer the person did not give says nothing about them, so it
gets no verdict rather than one guessed from a default.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from billing_career.knowledge.serialize import Citation, citation, newer_of

if TYPE_CHECKING:
    from billing_career.knowledge.lookup import ReportedFigure
    from billing_career.knowledge.models import KnowledgeBase, Range

# Answers that `bcareer aid` takes; the budget also decides the budget facts rules test.
AID_ANSWERS = ("veteran", "employer_sponsor", "experience_years", "budget")
# Stand-ins for the plan's required answers, so the engine can run on a partial profile. The
# verdict of any entry that reads them is left out (see aid_fits), so they never show.
_STAND_INS: dict[str, Any] = {"education": "high-school", "budget": 0, "schedule": "full-time"}


@dataclass(frozen=True)
class AidFit:
    """Whether an option applies (None: not known from the answers given) and why."""

    applies: bool | None
    reasons: tuple[str, ...] = ()
    why_not: tuple[str, ...] = ()


def aid_fits(knowledge: KnowledgeBase, answers: Mapping[str, Any]) -> dict[str, AidFit]:
    """Each aid option's fit for these answers (ids of profile fields -> parsed values): the
    funding table of rules.yaml decides; an entry whose condition tests an answer not given
    gets no verdict rather than a default's."""
    from billing_career.planning.conditions import condition_tests
    from billing_career.planning.profile import build_profile
    from billing_career.planning.rules import engine_for

    engine = engine_for(knowledge)
    profile = build_profile({**_STAND_INS, **answers})
    facts = engine.answer_facts(profile)
    known = frozenset(answers)
    fits: dict[str, AidFit] = {}
    for entry in knowledge.rules.funding:
        tested = {test.fact for test in condition_tests(entry.when)}
        if not tested <= known:
            fits[entry.aid] = AidFit(None)
            continue
        test = engine.funding_tests[entry.aid]
        outcome = True if test is None else test(facts)
        held = bool(outcome if isinstance(outcome, bool) else outcome[0])
        if held:
            fits[entry.aid] = AidFit(True, (engine.text(entry.because, facts),))
        else:
            fits[entry.aid] = AidFit(False, (), (engine.text(entry.otherwise, facts),))
    return fits


@dataclass(frozen=True)
class AidOptionView:
    """An aid option in the guide's words, newer figures, and its fit for the answers."""

    id: str
    name: str
    description: str
    examples: tuple[str, ...]
    amount: Range | None
    amount_note: str | None
    newer: tuple[ReportedFigure, ...]
    applies: bool | None
    reasons: tuple[str, ...]
    why_not: tuple[str, ...]
    source: Citation


@dataclass(frozen=True)
class AidView:
    """What `bcareer aid` shows: the answers given, whether any were, and every option."""

    answers: dict[str, Any]
    assessed: bool
    options: tuple[AidOptionView, ...]


def aid_view(knowledge: KnowledgeBase, answers: Mapping[str, Any] | None = None) -> AidView:
    """Every aid option with the guide's words and newer figures, and its fit for the answers."""
    fits = aid_fits(knowledge, answers) if answers else {}
    options = []
    for option in knowledge.aid.aid:
        fit = fits.get(option.id, AidFit(None))
        options.append(
            AidOptionView(
                option.id,
                option.name,
                option.description,
                tuple(option.examples),
                option.amount,
                option.amount_note,
                newer_of(knowledge, option),
                fit.applies,
                fit.reasons,
                fit.why_not,
                citation(knowledge, option.source),
            )
        )
    return AidView(dict(answers or {}), bool(answers), tuple(options))
