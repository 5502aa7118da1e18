"""`bcareer aid`'s view: every aid option, which apply to the answers given, and what each counts.

planning/money.py decides all of it (for a path, what each source counts toward it); this
module only gathers it.

An option whose condition tests an answer the person did not give says nothing about them, so it
gets no verdict rather than one guessed from a default.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from billing_career.knowledge.serialize import (
    JSON_OMIT_NONE,
    JSON_SKIP,
    Citation,
    citation,
    newer_of,
)
from billing_career.planning.amounts import MinMax

if TYPE_CHECKING:
    from billing_career.knowledge.lookup import ReportedFigure
    from billing_career.knowledge.models import FundingRule, KnowledgeBase, WorkRule
    from billing_career.planning.money import Amount, Money, OptionalTraining
    from billing_career.planning.profile import Profile
    from billing_career.reference.costs import CostBreakdown

# Stand-ins for the plan's required answers, so the model can run on a partial profile. The
# verdict of any entry that reads them is left out (money.assess's `known`), so they never show.
_STAND_INS: dict[str, Any] = {"education": "high-school", "budget": 0, "schedule": "full-time"}
# Why a source the person qualifies for does not apply to a path without training.
NO_PROGRAM_TO_PAY = "It pays for training programs, and this path has none."
# The same, where no path is named and the answers leave no training to do.
NO_TRAINING_TO_PAY = "It pays for training programs, and your answers leave no training to do."


def partial_profile(answers: Mapping[str, Any]) -> Profile:
    """A profile from the answers given, with stand-ins for the required ones not given."""
    from billing_career.planning.profile import build_profile

    return build_profile({**_STAND_INS, **answers})


@dataclass(frozen=True)
class AidOptionView:
    """An aid option: the guide's words, newer figures, its fit for the answers and, for a path,
    what it counts."""

    id: str
    name: str
    description: str
    examples: tuple[str, ...]
    # True: applies; False: does not; None: not known from the answers given.
    applies: bool | None
    counted: bool
    # What it is counted as paying of the path (None: not counted, or no path given).
    counted_as: MinMax | None
    amount: Amount | str | None
    # How it pays (the catalog's `pays`: whole, reported-amount, nothing) and what for.
    pays: str | None
    exam_up_to: int | None
    pays_for: tuple[str, ...]
    condition: str | None
    reasons: tuple[str, ...]
    why_not: tuple[str, ...]
    actions: tuple[str, ...]
    newer: tuple[ReportedFigure, ...]
    source: Citation
    sources: tuple[str, ...]
    # Why a source that pays whole is counted in full, in its sources' words (aid.yaml).
    in_full_because: str | None = field(default=None, metadata=JSON_SKIP)
    # A work rule of the benefit the training counts toward (SNAP's 80 hours), where the option
    # applies and the rule may cover the person's age (money.assess).
    work_rule: WorkRule | None = field(default=None, metadata=JSON_OMIT_NONE)
    # Answers that leave no training to do: the work rule has no training to count toward it.
    exam_alone: bool = field(default=False, metadata=JSON_SKIP)


@dataclass(frozen=True)
class AidView:
    """What `bcareer aid` shows: the answers given, the options for you first, then the rest,
    and for a path what is left to pay."""

    answers: dict[str, Any]
    assessed: bool
    # The path the amounts are counted against (program id or None, certification code).
    path: dict[str, Any] | None
    options: tuple[AidOptionView, ...]
    money: Money | None = field(default=None)
    # The path's program, where the answers make it optional (left out of the money, as the
    # plan leaves it out).
    optional_training: OptionalTraining | None = None
    # The options that apply, in the catalog's order (the FAFSA first).
    for_you: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "for_you", tuple(option.id for option in self.options if option.applies)
        )


def _filled(actions: tuple[str, ...], cost: CostBreakdown | None) -> tuple[str, ...]:
    """Actions with the path's program and certification named (or words for them); no award
    year is named (the aid command has no training dates to tell it from)."""
    program = "the program"
    cert = "certification"
    if cost is not None:
        cert = cost.certification.code
        if cost.program is not None and cost.include_tuition:
            program = cost.program.name
    return tuple(
        action.replace("{program}", program)
        .replace("{certification}", cert)
        .replace("{award_year}", "")
        for action in actions
    )


def _pays(entry: FundingRule | None, exam_alone: bool) -> str | None:
    """How the catalog entry pays (whole, reported-amount, nothing); with no training to do,
    as it pays for the exam alone (aid.yaml without_program)."""
    if entry is None:
        return None
    other = entry.without_program
    if exam_alone and other is not None and other.pays is not None:
        return other.pays
    return entry.pays


def aid_view(
    knowledge: KnowledgeBase,
    answers: Mapping[str, Any] | None = None,
    cost: CostBreakdown | None = None,
    optional: OptionalTraining | None = None,
) -> AidView:
    """Every aid option with the guide's words and newer figures, its fit for the answers (the
    catalog's conditions, through planning/money.py), and for a path what each counts."""
    from billing_career.planning.money import (
        assess,
        decided,
        money_of,
        on_exam_alone,
        with_gap,
        with_path,
        with_plan_for,
    )
    from billing_career.planning.rules import engine_for

    given = dict(answers or {})
    engine = engine_for(knowledge)
    profile = partial_profile(given)
    funding = assess(engine, profile, engine.answer_facts(profile), known=frozenset(given))
    money: Money | None = None
    # Who qualifies before the path is known: a source that pays only for programs does not
    # apply to a path without one, and its reason is then the path, not the person.
    qualified = {source.id for source in funding.sources if source.applies}
    # With no path named, answers that leave no training to do (a credential held: the rules'
    # exam_only, as the plan reads it) get each source's words for the exam alone, as the
    # plan's path with no program does.
    exam_alone = cost is None and engine.holds_flag(profile, "exam_only") is True
    if exam_alone:
        funding = replace(funding, sources=tuple(map(on_exam_alone, funding.sources)))
    if cost is not None:
        funding = with_path(funding, cost)
        gap = cost.total_max - funding.aid_by_end[1] > profile.budget
        funding = with_gap(funding, gap)
        money = with_plan_for(knowledge, money_of(funding, cost, budget_known="budget" in given))
    sure = decided(knowledge, given)
    by_id = {source.id: source for source in funding.sources}
    options: list[AidOptionView] = []
    for option in knowledge.aid.aid:
        source = by_id.get(option.id)
        applies: bool | None = None
        if source is not None and given and sure[option.id]:
            applies = source.applies or source.only_with_gap
        # A source that pays only for programs has nothing to pay where there is no training,
        # whatever the answers it would ask (the FAFSA without the education answer).
        program_only = bool(source is not None and source.programs) and (
            exam_alone or (cost is not None and cost.program is None)
        )
        if applies is None and given and program_only:
            applies = False
        entry = next((e for e in knowledge.aid.funding if e.aid == option.id), None)
        why_not: tuple[str, ...] = ()
        if applies is False and (option.id in qualified or (program_only and not sure[option.id])):
            why_not = (NO_TRAINING_TO_PAY if exam_alone else NO_PROGRAM_TO_PAY,)
        elif applies is False and entry is not None and entry.otherwise:
            why_not = (engine.text(entry.otherwise, engine.answer_facts(profile)),)
        options.append(
            AidOptionView(
                id=option.id,
                name=option.name,
                description=option.description,
                examples=tuple(option.examples),
                applies=applies,
                counted=bool(applies and source and source.counted and cost is not None),
                counted_as=source.counted_as if applies and source and cost is not None else None,
                amount=source.amount if source is not None else None,
                pays=_pays(entry, exam_alone),
                exam_up_to=entry.exam_up_to if entry is not None else None,
                pays_for=source.pays_for if source is not None else (),
                condition=source.condition if source is not None else None,
                reasons=source.reasons if applies and source is not None else (),
                why_not=why_not,
                actions=_filled(source.actions, cost) if applies and source is not None else (),
                newer=newer_of(knowledge, option),
                source=citation(knowledge, option.source),
                sources=source.sources if source is not None else (),
                in_full_because=source.in_full_because if source is not None else None,
                # As assess decides it: only where the rule may cover the person's age.
                work_rule=source.work_rule if applies and source is not None else None,
                exam_alone=exam_alone,
            )
        )
    # For you first, in the catalog's order; then the rest in the guide's order.
    order = {entry.aid: index for index, entry in enumerate(knowledge.aid.funding)}
    options.sort(key=lambda o: (not o.applies, order.get(o.id, len(order)) if o.applies else 0))
    path = None
    if cost is not None:
        program = cost.program.id if cost.program is not None and cost.include_tuition else None
        path = {"program": program, "certification": cost.certification.code}
    return AidView(given, bool(given), path, tuple(options), money, optional)
