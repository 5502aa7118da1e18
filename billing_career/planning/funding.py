"""Funding: the budget plus each aid source that applies, and whether the plan counted it.

Each source gives what it may bring and on what condition (data/rules.yaml `funding`).

A counted source's money is added to the budget before programs are ranked; a source with a
condition (GI Bill approval, an ETPL listing, a Title IV school, an employer's confirmation) may
not come through, so the plan then also gives a fallback that the budget alone pays for.
Payment plans are mentioned when there is a gap and never counted as money.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from billing_career.knowledge.figures import money
from billing_career.knowledge.memo import PerKnowledgeBase
from billing_career.knowledge.serialize import JSON_OMIT_NONE, JSON_SKIP, json_as
from billing_career.planning.amounts import MinMax
from billing_career.reference.costs import Span, aid_paid

if TYPE_CHECKING:
    from billing_career.knowledge.models import FundingRule, KnowledgeBase
    from billing_career.planning.profile import Profile
    from billing_career.planning.rules import Facts, RuleEngine
    from billing_career.reference.costs import CostBreakdown

NOT_GIVEN = "not given"


# How a counted source is counted: against tuition and fees (a span, or None for all of them),
# an amount the person stated (against the whole path), and an exam fee paid up to a limit.
Terms = tuple[tuple[Span | None, ...], int | None, int]
NO_TERMS: Terms = ((), None, 0)


@dataclass(frozen=True)
class Amount:
    """What an aid source may bring, as the data reports it (with that report) or as the person
    stated it."""

    min: float
    max: float
    # 'maximum', 'typical' (as the report puts it), 'stated by you', or None.
    value_is: str | None = field(metadata=json_as(key="is"))
    source: str | None = field(default=None, metadata=JSON_OMIT_NONE)


@dataclass(frozen=True)
class FundingSource:
    """One aid source for this person: what it may bring, on what condition, whether counted."""

    id: str
    name: str
    amount: Amount | str
    condition: str | None
    counted: bool
    applies: bool = field(metadata=JSON_SKIP)
    # What this source alone is counted as paying of the chosen path (JSON; None if not counted).
    counted_as: MinMax | None = field(init=False)
    reasons: tuple[str, ...]
    actions: tuple[str, ...] = field(default=(), metadata=JSON_SKIP)
    sources: tuple[str, ...] = ()
    # What the plan counts it as paying of the chosen path, low and high end (0 if not counted).
    paid: Span = field(default=(0, 0), metadata=JSON_SKIP)
    terms: Terms = field(default=NO_TERMS, metadata=JSON_SKIP)
    # False when its amount is one the person can give but did not (an employer's): counted on
    # its condition for the chosen path, but programs are not ranked on money not yet known.
    ranked: bool = field(default=True, metadata=JSON_SKIP)
    # The program types it is counted for (empty: every one), and why not for the others.
    programs: tuple[str, ...] = field(default=(), metadata=JSON_SKIP)
    not_for_others: str | None = field(default=None, metadata=JSON_SKIP)

    def __post_init__(self) -> None:
        counted_as = MinMax(min(self.paid), max(self.paid)) if self.counted else None
        object.__setattr__(self, "counted_as", counted_as)


def _applying(sources: tuple[FundingSource, ...]) -> tuple[FundingSource, ...]:
    """The sources that apply to the person: the ones JSON lists."""
    return tuple(source for source in sources if source.applies)


@dataclass(frozen=True)
class Funding:
    """The budget and every aid source weighed for one person."""

    budget: int
    # Ids of the counted sources, and whether some counted source has a condition that may fail.
    counted: tuple[str, ...] = field(init=False)
    conditional: bool = field(init=False)
    # JSON lists the sources that apply.
    sources: tuple[FundingSource, ...] = field(metadata=json_as(convert=_applying))
    # What the counted aid pays of each program's cost before the exam (for ranking).
    paid: dict[str, Span] = field(default_factory=dict, metadata=JSON_SKIP)
    # The counted sources ranked on for each program type.
    by_program: dict[str, tuple[str, ...]] = field(default_factory=dict, metadata=JSON_SKIP)

    def __post_init__(self) -> None:
        counted = tuple(source.id for source in self.sources if source.counted)
        object.__setattr__(self, "counted", counted)
        conditional = any(source.counted and source.condition for source in self.sources)
        object.__setattr__(self, "conditional", conditional)

    @property
    def terms(self) -> Terms:
        """The counted sources' terms together."""
        amounts: list[Span | None] = []
        stated: int | None = None
        exam = 0
        for source in self.sources:
            if source.counted:
                amounts += source.terms[0]
                if source.terms[1] is not None:
                    stated = (stated or 0) + source.terms[1]
                exam += source.terms[2]
        return tuple(amounts), stated, exam

    @property
    def ranked(self) -> tuple[str, ...]:
        """Ids of the counted sources programs are ranked on."""
        return tuple(source.id for source in self.sources if source.counted and source.ranked)

    @property
    def unranked(self) -> tuple[str, ...]:
        """Names of the counted sources whose amount is not known, so not ranked on."""
        return tuple(source.name for source in self.sources if source.counted and not source.ranked)


def _amount(kb: KnowledgeBase, entry: FundingRule) -> tuple[Amount | str, Span | None]:
    """The amount the data gives (reported), as JSON and as a span; 'not given' otherwise."""
    from billing_career.knowledge.lookup import reported_all
    from billing_career.knowledge.models import Range

    option = kb.aid_option(entry.aid)
    for figure in reported_all(kb, option.updates_for("amount")):
        value = figure.value
        if value is None:
            continue
        low, high = (value.min, value.max) if isinstance(value, Range) else (value, value)
        shown = Amount(low, high, figure.value_is, figure.label())
        # A maximum is what the plan counts: the fallback covers an award below it.
        return shown, (high, high) if figure.value_is == "maximum" else (low, high)
    return NOT_GIVEN, None


def _counts(
    entry: FundingRule, profile: Profile, span: Span | None
) -> tuple[Span | None, int | None, str | None]:
    """What a source is counted as against tuition and fees (None: all of them), an amount the
    person stated, and its condition."""
    if entry.amount_answer is not None:
        stated = getattr(profile, entry.amount_answer, None)
        if stated is not None:
            return (0, 0), int(stated), None
    return (span if entry.pays == "reported-amount" else None), None, entry.condition


def assess(engine: RuleEngine, profile: Profile, facts: Facts) -> Funding:
    """Which sources apply to these answers and are counted, and what the counted ones pay of
    each program's cost before the exam."""
    kb = engine.kb
    static = _STATIC.get(kb, _static)
    sources: list[FundingSource] = []
    for entry in kb.rules.funding:
        test = engine.funding_tests[entry.aid]
        outcome = True if test is None else test(facts)
        held = bool(outcome if isinstance(outcome, bool) else outcome[0])
        shown, span, names, name = static[entry.aid]
        counted = held and entry.pays != "nothing"
        condition: str | None = entry.condition
        terms = NO_TERMS
        ranked = True
        if counted:
            counts, given, condition = _counts(entry, profile, span)
            if given is not None:
                shown = Amount(given, given, "stated by you")
                terms = ((), given, 0)
            else:
                terms = ((counts,), None, entry.exam_up_to or 0)
                ranked = entry.amount_answer is None
        reasons = [engine.text(entry.because if held else entry.otherwise, facts)]
        if counted and condition:
            reasons.append(f"Counted {condition}.")
        sources.append(
            FundingSource(
                id=entry.aid,
                name=name,
                amount=shown,
                condition=condition,
                counted=counted,
                applies=held,
                reasons=tuple(reasons),
                actions=entry.actions if held else (),
                sources=names,
                terms=terms,
                ranked=ranked,
                programs=entry.programs,
                not_for_others=entry.not_for_others,
            )
        )
    funding = Funding(profile.budget, tuple(sources))
    paid: dict[str, Span] = {}
    by_program: dict[str, tuple[str, ...]] = {}
    if funding.ranked:
        for ident, tuition_fees in engine.program_costs.items():
            for_program = tuple(
                source
                for source in sources
                if source.counted
                and source.ranked
                and (not source.programs or ident in source.programs)
            )
            amounts, stated, _exam = Funding(profile.budget, for_program).terms
            path = engine.path_costs[profile.remote][ident]
            paid[ident] = aid_paid(tuition_fees, (0, 0), path, amounts, stated=stated)
            # The sources that pay tuition and fees (not a stated amount, which is like budget).
            by_program[ident] = tuple(
                source.id for source in for_program if source.terms[1] is None
            )
    return Funding(profile.budget, tuple(sources), paid, by_program)


# What does not depend on the person: each entry's amount, its sources' names, the option's name.
Static = dict[str, tuple[Amount | str, Span | None, tuple[str, ...], str]]


def _static(kb: KnowledgeBase) -> Static:
    return {
        entry.aid: (
            *_amount(kb, entry),
            tuple(_source_names(kb, entry)),
            kb.aid_option(entry.aid).name,
        )
        for entry in kb.rules.funding
    }


_STATIC: PerKnowledgeBase[Static] = PerKnowledgeBase()


def _source_names(kb: KnowledgeBase, entry: FundingRule) -> list[str]:
    names = []
    for ref in (entry.source, *entry.also):
        title = kb.source(ref.id).title
        names.append(f"{title}: {ref.section}" if ref.section else title)
    return names


def path_paid(terms: Terms, cost: CostBreakdown) -> Span:
    """What aid counted on these terms pays of a path (its tuition, fees and, where a source
    pays it, the exam fee)."""
    amounts, stated, exam_up_to = terms
    if not amounts and stated is None and not exam_up_to:
        return (0, 0)
    tuition = [item for item in cost.items if item.id in {"tuition", "program-fees"} and item.known]
    tuition_fees = (sum(i.min or 0 for i in tuition), sum(i.max or 0 for i in tuition))
    exam = next((i for i in cost.items if i.id == "exam-fee" and i.known), None)
    exam_span = (exam.min or 0, exam.max or 0) if exam else (0, 0)
    return aid_paid(
        tuition_fees,
        exam_span,
        (cost.total_min, cost.total_max),
        amounts,
        exam_up_to=exam_up_to,
        stated=stated,
    )


def with_path(funding: Funding, cost: CostBreakdown) -> Funding:
    """The funding with each counted source's share of the chosen path; a source with nothing
    to pay on this path (no tuition when training is optional) is not counted."""
    out = []
    program = cost.program.id if cost.program is not None else None
    for source in funding.sources:
        if (
            source.counted
            and source.programs
            and program is not None
            and program not in source.programs
        ):
            source = replace(
                source,
                counted=False,
                reasons=(source.reasons[0], source.not_for_others or "Not counted here."),
            )
        if source.counted:
            paid = path_paid(source.terms, cost)
            if paid == (0, 0):
                source = replace(
                    source,
                    counted=False,
                    paid=paid,
                    reasons=(
                        source.reasons[0],
                        "Not counted: this path has no tuition or program fees for it to pay.",
                    ),
                )
            else:
                source = replace(source, paid=paid)
        out.append(source)
    return Funding(funding.budget, tuple(out), funding.paid, funding.by_program)


def with_gap(funding: Funding, gap: bool) -> Funding:
    """Payment plans are mentioned only when the funds leave a gap."""
    sources = tuple(
        replace(source, applies=gap) if source.id == "payment-plans" else source
        for source in funding.sources
    )
    return Funding(funding.budget, sources, funding.paid, funding.by_program)


def money_text(span: Span) -> str:
    """'$1,500' or '$1,500-$3,500'."""
    low, high = span
    return money(low) if low == high else f"{money(min(low, high))}-{money(max(low, high))}"
