"""Money: for a person and a path, which aid applies, what each source pays for, and what is left.

This is the one place that decides money. Ranking (the per-program amounts the budget facts of
rules.yaml test), the plan, its fallback, `bcareer cost`, `bcareer aid` and batches all call it.
It returns facts (ids, amounts, conditions); the sentences are made from them in
knowledge/wording.py and the renderers.

The catalog is data (data/aid.yaml `funding`): for each source, who qualifies (a condition over
the answers, compiled by the rules engine), what it pays for (tuition, program fees, exam, books,
membership, other), how it pays (in whole, a reported or stated amount, or nothing: named only),
its condition and first action. No source id is named in code.

How aid is counted (the model's rules):
- sources are counted in catalog order, the FAFSA first; each pays what is left of the items it
  pays for, up to its amount, so the sources' shares (counted_as) add up to the aid counted;
- at the low end of cost the most aid is assumed (an amount's top), at the high end the least
  (its bottom), so what is left to pay is never understated at the high end; what is left at
  each end is that end's cost less that end's aid (a source may pay more at the low end, all of
  a cheaper tuition, than at the high end: its counted_as shows its two shares lower first);
- an exam paid "up to" a limit (the GI Bill's $2,000 a test) is never paid beyond the fee;
- an amount the person states (an employer's) is counted against the whole path, with no
  condition; a source whose amount could be stated but was not is counted on its condition, and
  programs are not ranked on it;
- a source restricted to some program types (Pell, where the program's hours can be shown) is not
  counted for the others.

API for any path (a program or none, and a certification)::

    from billing_career.planning.money import money_for
    money = money_for(kb, profile, cost)   # cost: reference.costs.cost_breakdown(...)
    money.total          MinMax  the path's total of its known items
    money.sources        every catalog source that applies (FundingSource: id, name, amount,
                         pays_for, condition, counted, counted_as MinMax or None, reasons, actions)
    money.aid_counted    MinMax  the sum of the counted sources' counted_as
    money.left_to_pay    MinMax  each end of the total less that end's aid (what the person pays)
    money.conditional    bool    some counted source has a condition that may fail
    money.without_conditional  MinMax  what is left to pay if no conditional source comes through
    money.budget, money.gap (MinMax), money.covers ('all', 'part', 'none'): the budget against it
    money.own_gap        MinMax  the gap with the budget alone (no conditional aid)
    money.unknown        names of the path's items no source gives a figure for

`assume` counts named sources as though the person qualified (`bcareer cost --aid`); `known`
(the answers given) leaves a source whose condition tests an answer not given undecided.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from billing_career.knowledge.figures import money as money_text_of
from billing_career.knowledge.figures import money_span
from billing_career.knowledge.memo import PerKnowledgeBase, kept_for
from billing_career.knowledge.serialize import JSON_INLINE, JSON_OMIT_NONE, JSON_SKIP, json_as
from billing_career.planning.amounts import MinMax
from billing_career.records import fast_init

if TYPE_CHECKING:
    from billing_career.knowledge.models import AidDecision, FundingRule, KnowledgeBase, WorkRule
    from billing_career.planning.profile import Profile
    from billing_career.planning.rules import Facts, RuleEngine
    from billing_career.reference.costs import CostBreakdown, NewerTotal

NOT_GIVEN = "not given"

Span = tuple[float, float]
# The parts of a path's cost aid may pay, by cost item id (others are 'other').
_PART_OF_ITEM = {
    "tuition": "tuition",
    "program-fees": "program-fees",
    "exam-fee": "exam",
    "membership": "membership",
    "textbooks": "books",
}
PARTS = ("tuition", "program-fees", "exam", "books", "membership", "other")


def part_of(item_id: str) -> str:
    """The part of the cost a cost item is (tuition, program-fees, exam, books, ...)."""
    return _PART_OF_ITEM.get(item_id, "other")


@dataclass(frozen=True)
class Amount:
    """What an aid source may bring, as the data reports it (with that report) or as the person
    stated it."""

    min: float
    max: float
    # 'maximum', 'typical' (as the report puts it), 'stated by you', or None.
    value_is: str | None = field(metadata=json_as(key="is"))
    source: str | None = field(default=None, metadata=JSON_OMIT_NONE)


# How a counted source counts: its amount at the low and high end (None: in whole), the parts it
# pays, the most it pays of the exam (None: no limit), and whether the person stated the amount.
@dataclass(frozen=True)
class Terms:
    """How a counted source is counted against a path."""

    amount: Span | None = None
    pays_for: tuple[str, ...] = ()
    exam_up_to: float | None = None
    stated: bool = False
    # The parts it repays only after the person has paid them (aid.yaml repaid_after).
    repaid_after: tuple[str, ...] = ()


@dataclass(frozen=True)
class WithoutProgram:
    """How a source the person qualifies for reads on a path with no training program (aid.yaml
    without_program), made by assess from the same answers and set in by with_path."""

    counted: bool
    pays_for: tuple[str, ...]
    terms: Terms
    condition: str | None
    reasons: tuple[str, ...]
    actions: tuple[str, ...]
    in_full_because: str | None


@fast_init
@dataclass(frozen=True)
class FundingSource:
    """One aid source for this person: what it may bring, on what condition, whether counted."""

    id: str
    name: str
    amount: Amount | str
    # What it pays for: tuition, program-fees, exam, books, membership, other.
    pays_for: tuple[str, ...]
    condition: str | None
    counted: bool
    applies: bool = field(metadata=JSON_SKIP)
    # What this source is counted as paying of the path (None if not counted). The counted
    # sources' counted_as add up to funding.aid_counted.
    counted_as: MinMax | None = field(init=False)
    reasons: tuple[str, ...]
    actions: tuple[str, ...] = field(default=(), metadata=JSON_SKIP)
    sources: tuple[str, ...] = ()
    # Beside each of sources, the body whose own offer it reports (aid.yaml `also`
    # organization), or None: with_path cites it only where the path's exam is that body's.
    source_issuers: tuple[str | None, ...] = field(default=(), metadata=JSON_SKIP)
    paid: Span = field(default=(0, 0), metadata=JSON_SKIP)
    terms: Terms = field(default=Terms(), metadata=JSON_SKIP)
    # False when its amount is one the person can give but did not (an employer's): counted on
    # its condition for the chosen path, but programs are not ranked on money not yet known.
    ranked: bool = field(default=True, metadata=JSON_SKIP)
    # The program types it is counted for (empty: every one), and why not for the others.
    programs: tuple[str, ...] = field(default=(), metadata=JSON_SKIP)
    not_for_others: str | None = field(default=None, metadata=JSON_SKIP)
    only_with_gap: bool = field(default=False, metadata=JSON_SKIP)
    # The award year its amount is for, where it is one year's (FundingRule.award_year).
    award_year: str | None = field(default=None, metadata=JSON_SKIP)
    # The month and day its award years begin ("07-01"; FundingRule.award_year_begins).
    award_year_begins: str | None = field(default=None, metadata=JSON_SKIP)
    # What each later year needs (FundingRule.renew_by), for the sentence.
    renew_by: str | None = field(default=None, metadata=JSON_SKIP)
    # Set against a path (with_path) whose program runs longer than a year, or in a plan whose
    # training runs into a later award year (for_training): the one award year counted, the
    # first of the training ("2026-27"; "2027-28" where training starts then, counted at the
    # figure's amount); later years need a new application and are not counted.
    counts_one_year: str | None = field(default=None, metadata=JSON_OMIT_NONE)
    # In a plan whose training starts in an award year after the one its amount is for
    # (for_training): that later year ("2027-28"), whose application the person files; the
    # amount counted stays the latest figure's.
    starts_in_award_year: str | None = field(default=None, metadata=JSON_OMIT_NONE)
    # Why it is counted in full, in its sources' words (aid.yaml in_full_because), or None.
    in_full_because: str | None = field(default=None, metadata=JSON_SKIP)
    # Who repays the parts it pays only after the person has (terms.repaid_after): "the VA".
    repaid_by: str | None = field(default=None, metadata=JSON_SKIP)
    # The days its office takes to decide, and who says so (aid.yaml decides_within), or None.
    decides_within: AidDecision | None = field(default=None, metadata=JSON_OMIT_NONE)
    # A work rule of the benefit the training counts toward (SNAP's time limit), where it may
    # cover the person (their age within its ages, or not given), or None.
    work_rule: WorkRule | None = field(default=None, metadata=JSON_OMIT_NONE)
    # What it counts and says on a path with no training program, where the catalog says it
    # otherwise there (aid.yaml without_program), or None.
    without_program: WithoutProgram | None = field(default=None, metadata=JSON_SKIP)
    # Set on a path with no training at all (on_exam_alone): its work rule has no training to
    # count toward it.
    exam_alone: bool = field(default=False, metadata=JSON_SKIP)

    def __post_init__(self) -> None:
        counted_as = MinMax(min(self.paid), max(self.paid)) if self.counted else None
        object.__setattr__(self, "counted_as", counted_as)

    def on_exam_alone(self) -> FundingSource:
        """The source on a path with no training program: its without_program terms and words
        in place of its own (itself where the catalog gives none)."""
        other = self.without_program
        if other is None:
            return self
        return replace(
            self,
            counted=other.counted,
            pays_for=other.pays_for,
            terms=other.terms,
            condition=other.condition,
            reasons=other.reasons,
            actions=other.actions,
            in_full_because=other.in_full_because,
            without_program=None,
        )


def _ranked(sources: Iterable[FundingSource]) -> tuple[str, ...]:
    """Funding.ranked of these sources."""
    counted = [source for source in sources if source.counted]
    if any(not source.ranked for source in counted):
        return ()
    return tuple(source.id for source in counted if source.ranked)


def _applying(sources: tuple[FundingSource, ...]) -> tuple[FundingSource, ...]:
    """The sources that apply to the person: the ones JSON lists."""
    return tuple(source for source in sources if source.applies)


def _sum_counted(sources: Iterable[FundingSource]) -> MinMax:
    low = high = 0.0
    for source in sources:
        if source.counted_as is not None:
            low += source.counted_as.min
            high += source.counted_as.max
    return MinMax(low, high)


@fast_init
@dataclass(frozen=True)
class Funding:
    """The budget and every aid source weighed for one person (JSON `funding`)."""

    budget: int
    # Ids of the counted sources, and whether some counted source has a condition that may fail.
    counted: tuple[str, ...] = field(init=False)
    conditional: bool = field(init=False)
    # The sum of the counted sources' counted_as.
    aid_counted: MinMax = field(init=False)
    # JSON lists the sources that apply.
    sources: tuple[FundingSource, ...] = field(metadata=json_as(convert=_applying))
    # What the counted aid pays of each program's cost before the exam (for ranking).
    paid: dict[str, Span] = field(default_factory=dict, metadata=JSON_SKIP)
    # The counted sources ranked on for each program type.
    by_program: dict[str, tuple[str, ...]] = field(default_factory=dict, metadata=JSON_SKIP)

    def __post_init__(self) -> None:
        # What is worked out of the sources, kept by the very sources (kept with them, so
        # their id is not another tuple's while here): a plan's fundings share their sources.
        sources = self.sources
        found = _DERIVED.get(id(sources))
        if found is None or found[0] is not sources:
            counted = tuple(source.id for source in sources if source.counted)
            conditional = any(source.counted and source.condition for source in sources)
            found = (
                sources,
                counted,
                conditional,
                _sum_counted(sources),
                _ranked(sources),
                _unranked(sources),
            )
            if isinstance(sources, tuple):
                if len(_DERIVED) >= _KEPT_LIMIT:
                    _DERIVED.clear()
                _DERIVED[id(sources)] = found
        object.__setattr__(self, "counted", found[1])
        object.__setattr__(self, "conditional", found[2])
        object.__setattr__(self, "aid_counted", found[3])

    @property
    def aid_by_end(self) -> Span:
        """What the counted sources pay at the low and at the high end of the path's cost,
        each end summed on its own (funding after with_path). A source may pay more at the low
        end (all of a cheaper tuition) than at the high end (the least of its amount): what is
        left to pay at each end is that end's cost less that end's aid. aid_counted, each
        source's two shares in order of size, is the range shown."""
        low = high = 0.0
        for source in self.sources:
            if source.counted:
                low += source.paid[0]
                high += source.paid[1]
        return low, high

    @property
    def ranked(self) -> tuple[str, ...]:
        """Ids of the counted sources programs are ranked on: none while a counted source's
        amount is not known (an employer's, before the others: what it pays may leave them
        nothing, so programs are weighed on the budget alone, as the plan's reasons say)."""
        sources = self.sources
        found = _DERIVED.get(id(sources))
        if found is not None and found[0] is sources:
            return found[4]
        return _ranked(sources)

    @property
    def unranked(self) -> tuple[str, ...]:
        """Names of the counted sources whose amount is not known, so not ranked on."""
        sources = self.sources
        found = _DERIVED.get(id(sources))
        if found is not None and found[0] is sources:
            return found[5]
        return _unranked(sources)


def _unranked(sources: Iterable[FundingSource]) -> tuple[str, ...]:
    """Funding.unranked of these sources."""
    return tuple(source.name for source in sources if source.counted and not source.ranked)


@dataclass(frozen=True)
class AidWait:
    """An aid office's decision that a plan's enroll step waits for (JSON `enroll_wait`): the
    aid source's id and name, the days its office takes to decide, and the id of the source
    that says so."""

    id: str
    name: str
    days: int
    source: str


def decision_wait(funding: Funding) -> AidWait | None:
    """The longest decision the plan waits for before training starts: of the sources that
    apply to the person and send them to an office this week (they carry actions), the ones
    whose office takes a stated time to decide (VR's 60 days); None without one."""
    # It reads only the sources: kept by the very tuple (kept with it, so its id stays its),
    # the very wait given again (a plan asks it four times; the timelines are kept by it).
    return kept_for(_WAITS, funding.sources, _decision_wait, _KEPT_LIMIT)


# Waits by the very sources (see decision_wait); bounded.
_WAITS: dict[int, tuple[tuple[FundingSource, ...], AidWait | None]] = {}


def _decision_wait(sources: tuple[FundingSource, ...]) -> AidWait | None:
    found: AidWait | None = None
    for source in sources:
        decision = source.decides_within
        if decision is None or not (source.applies and source.actions):
            continue
        if found is None or decision.days > found.days:
            found = AidWait(source.id, source.name, decision.days, decision.source.id)
    return found


# What Funding works out of its sources, by the very sources (see Funding.__post_init__).
_DERIVED: dict[
    int,
    tuple[
        tuple[FundingSource, ...], tuple[str, ...], bool, MinMax, tuple[str, ...], tuple[str, ...]
    ],
] = {}


def funding_of(
    budget: int,
    sources: tuple[FundingSource, ...],
    paid: dict[str, Span],
    by_program: dict[str, tuple[str, ...]],
) -> Funding:
    """Funding(budget, sources, paid, by_program), the very object made before for the same
    budget and the very same sources and payments (a frozen value, read and never changed):
    plans with the same aid share one funding, and a batch's JSON writes its text once."""
    # Kept by the budget (with its type: an int and a bool of equal value are written apart)
    # and the very sources and payments, kept with the funding, so their ids stay theirs.
    key = (budget.__class__, budget, id(sources), id(paid), id(by_program))
    found = _FUNDINGS.get(key)
    if (
        found is not None
        and found.sources is sources
        and found.paid is paid
        and found.by_program is by_program
    ):
        return found
    funding = Funding(budget, sources, paid, by_program)
    if len(_FUNDINGS) >= _KEPT_LIMIT:
        _FUNDINGS.clear()
    _FUNDINGS[key] = funding
    return funding


# Fundings by budget and the very sources and payments (see funding_of); bounded.
_FUNDINGS: dict[tuple[object, ...], Funding] = {}


# --- counting --------------------------------------------------------------------------------


def allocate(
    parts: Mapping[str, Span],
    sources: Sequence[Terms],
    total: Span,
    by_part: list[tuple[dict[str, float], dict[str, float]]] | None = None,
) -> list[Span]:
    """What each counted source pays of a path whose cost parts are `parts` (low, high end),
    in order, each from what is left of the parts it pays for: at the low end of cost the most
    of each amount, at the high end the least. Never more than the total. by_part, when given,
    gets each source's pay by part at the low and the high end."""
    out: list[list[float]] = [[0.0, 0.0] for _ in sources]
    if by_part is not None:
        by_part[:] = [({}, {}) for _ in sources]
    for end, pick in ((0, 1), (1, 0)):
        left = {part: float(span[end]) for part, span in parts.items()}
        room = float(total[end])
        for index, terms in enumerate(sources):
            pays_for = PARTS if terms.stated else terms.pays_for
            budget = float("inf") if terms.amount is None else float(terms.amount[pick])
            paid = 0.0
            for part in pays_for:
                have = left.get(part, 0.0)
                if part == "exam" and terms.exam_up_to is not None:
                    have = min(have, terms.exam_up_to)
                pay = max(0.0, min(have, budget, room - paid))
                if by_part is not None:
                    by_part[index][end][part] = pay
                left[part] = left.get(part, 0.0) - pay
                budget -= pay
                paid += pay
            room -= paid
            out[index][end] = paid
    return [(low, high) for low, high in out]


def _path_parts(cost: CostBreakdown) -> Mapping[str, Span]:
    """A path's known cost items by part (read, never changed: the very mapping is given again
    for the very path)."""
    # It reads only the path's items: kept by the very path (kept with it, so its id stays its).
    return kept_for(_PARTS, cost, _path_parts_made, _KEPT_LIMIT)


# A path's parts, by the very path (see _path_parts); bounded.
_PARTS: dict[int, tuple[CostBreakdown, dict[str, Span]]] = {}


def _path_parts_made(cost: CostBreakdown) -> dict[str, Span]:
    parts: dict[str, list[float]] = {}
    for item in cost.items:
        if item.known and item.min is not None and item.max is not None:
            span = parts.setdefault(part_of(item.id), [0.0, 0.0])
            span[0] += item.min
            span[1] += item.max
    return {part: (low, high) for part, (low, high) in parts.items()}


@fast_init
@dataclass(frozen=True)
class PaidFirst:
    """What the person pays up front that a counted source repays after (the GI Bill's test
    fee): counted as paid by the source, but out of the person's pocket until it is repaid."""

    id: str
    name: str
    # The parts paid first (exam), what they come to at the low and the high end, and who
    # repays them ("the VA").
    parts: tuple[str, ...]
    amount: MinMax
    by: str | None = field(metadata=json_as(key="repaid_by"))


def against_newer(amount: int, gap: tuple[float, float], newer: MinMax | None) -> Budget | None:
    """The budget (amount) against what the person pays of the total to plan for (newer:
    newer reports' higher figures), where that does another thing than against the guide's
    figures (gap: low, high); None where it does not, or no newer figure raises the total."""
    if newer is None:
        return None
    budget = Budget(amount, newer.min, newer.max)
    return None if (budget.gap_min, budget.gap_max) == tuple(gap) else budget


def against_plan_for(
    budget: Budget, funding: Funding, cost: CostBreakdown, newer: NewerTotal | None
) -> Budget:
    """The budget against the total the plan says to plan for: where newer reports raise it,
    that total and what the person pays of it (left_to_plan_for, as "You pay ...; plan for"
    says, or what is left at the guide's figures where that does not rise); budget itself where
    they do not raise the total. The path facts the stage-2 rules test (the budget
    warnings, the first actions about money) are this budget's, so a warning measures the
    budget against what the plan says to plan for, not the guide's lower figure."""
    if newer is None:
        return budget
    # It reads only the budget, the sources, the path and its newer total: kept by the very
    # objects (kept with it, so their ids stay theirs).
    sources = funding.sources
    key = (id(budget), id(sources), id(cost), id(newer))
    found = _PLANNED.get(key)
    if found is not None:
        kept = found[0]
        if kept[0] is budget and kept[1] is sources and kept[2] is cost and kept[3] is newer:
            return found[1]
    planned = _against_plan_for(budget, funding, cost, newer)
    if len(_PLANNED) >= _KEPT_LIMIT:
        _PLANNED.clear()
    _PLANNED[key] = ((budget, sources, cost, newer), planned)
    return planned


# Budgets against the total to plan for, by the very objects read (see against_plan_for);
# bounded.
_PLANNED: dict[tuple[int, ...], tuple[tuple[object, ...], Budget]] = {}


def _against_plan_for(
    budget: Budget, funding: Funding, cost: CostBreakdown, newer: NewerTotal
) -> Budget:
    low, high = newer.plan_for(cost.total_min, cost.total_max)
    if (low, high) == (cost.total_min, cost.total_max):
        return budget
    # Where what is left after the aid does not rise (the aid repays the whole newer fee), the
    # total is still the one to plan for, what is left the guide's.
    planned = left_to_plan_for(funding, cost, budget.left_to_pay, newer) or budget.left_to_pay
    # The aid counted is what it pays of this total (total less what is left), not the guide's
    # range: a caseload's total, aid and "you pay" columns then add up (an employer's amount or
    # the GI Bill that pays the newer fee's rise pays it here too).
    return Budget(
        budget.amount,
        low,
        high,
        low - planned.min,
        high - planned.max,
        budget.aid_names,
        budget.unknown,
    )


def up_front(amount: int, left: MinMax, paid: Sequence[PaidFirst]) -> Budget | None:
    """The budget (amount) against what the person pays before the aid repays its share (left
    to pay plus what is paid first), where the budget does not hold that: a budget of $400
    covers $130-$375, not $285-$530 with a $155 exam fee up front; one of $300, short by up to
    $75 of $130-$375, is short by up to $230 at first. None where nothing is paid first or the
    budget holds it. (The shortfall that stays, as warnings and the report measure it, is the
    budget's: the aid repays the fee.)"""
    if not paid:
        return None
    first = Budget(
        amount,
        left.min + sum(item.amount.min for item in paid),
        left.max + sum(item.amount.max for item in paid),
    )
    return None if first.covers == "all" else first


def paid_first(funding: Funding, cost: CostBreakdown) -> tuple[PaidFirst, ...]:
    """The counted sources' shares the person pays first and is repaid after, in catalog order
    (funding already set against the path): each source's counted share of its repaid_after
    parts, at each end of the path's cost as allocate counts it."""
    counted = [source for source in funding.sources if source.counted]
    if not any(source.terms.repaid_after for source in counted):
        return ()
    return _paid_first_kept(counted, cost, None)


def _paid_first_kept(
    counted: Sequence[FundingSource], cost: CostBreakdown, newer: NewerTotal | None
) -> tuple[PaidFirst, ...]:
    """_paid_first of the counted sources against the path at the guide's figures (newer None)
    or at newer reports' (newer)."""
    # It reads of each counted source its id, name, who repays it and its terms: kept by those
    # and the very path, newer total and terms (kept with it, so their ids stay theirs).
    terms = [source.terms for source in counted]
    key = (
        id(cost),
        id(newer),
        *[
            part
            for source in counted
            for part in (source.id, source.name, source.repaid_by, id(source.terms))
        ],
    )
    found = _PAID_FIRST.get(key)
    if (
        found is not None
        and found[0] is cost
        and found[1] is newer
        and all(kept is given for kept, given in zip(found[2], terms, strict=True))
    ):
        return found[3]
    if newer is None:
        made = _paid_first(counted, _path_parts(cost), (cost.total_min, cost.total_max))
    else:
        made = _paid_first(counted, _newer_parts(cost, newer), (newer.min, newer.max))
    if len(_PAID_FIRST) >= _KEPT_LIMIT:
        _PAID_FIRST.clear()
    _PAID_FIRST[key] = (cost, newer, terms, made)
    return made


# What is paid first, by the very path, newer total and terms, and the sources' words (see
# _paid_first_kept); bounded.
_PAID_FIRST: dict[
    tuple[object, ...],
    tuple[CostBreakdown, NewerTotal | None, list[Terms], tuple[PaidFirst, ...]],
] = {}


def _paid_first(
    counted: Sequence[FundingSource], path_parts: Mapping[str, Span], total: Span
) -> tuple[PaidFirst, ...]:
    """paid_first of the counted sources against a path's parts and total (the guide's figures
    or newer reports')."""
    by_part: list[tuple[dict[str, float], dict[str, float]]] = []
    allocate(path_parts, [source.terms for source in counted], total, by_part)
    out = []
    for source, (low_parts, high_parts) in zip(counted, by_part, strict=True):
        parts = source.terms.repaid_after
        low = sum(low_parts.get(part, 0.0) for part in parts)
        high = sum(high_parts.get(part, 0.0) for part in parts)
        if low or high:
            out.append(
                PaidFirst(
                    source.id,
                    source.name,
                    parts,
                    MinMax(min(low, high), max(low, high)),
                    source.repaid_by,
                )
            )
    return tuple(out)


def left_with_newer_figures(funding: Funding, cost: CostBreakdown, newer: NewerTotal) -> MinMax:
    """What is left to pay of the path at newer reports' figures (newer.items in place of the
    guide's), the counted sources paying of them as they pay of the guide's: a cheaper exam
    fee is less for the aid that pays it, a membership no source pays is the person's."""
    # It reads only the path, its newer total and the counted sources' terms: kept by the very
    # path, total and terms (kept with it, so their ids are not others' while here; equal terms
    # are the very same, _same_terms), as a plan asks it for its warnings and again for what
    # the person pays.
    counted = tuple(source.terms for source in funding.sources if source.counted)
    key = (id(cost), id(newer), *map(id, counted))
    found = _NEWER_LEFT.get(key)
    if (
        found is not None
        and found[0] is cost
        and found[1] is newer
        and all(kept is given for kept, given in zip(found[2], counted, strict=True))
    ):
        return found[3]
    left = _left_with_newer_figures(cost, newer, counted)
    if len(_NEWER_LEFT) >= _KEPT_LIMIT:
        _NEWER_LEFT.clear()
    _NEWER_LEFT[key] = (cost, newer, counted, left)
    return left


# What is left at newer figures, by the very path, newer total and terms; bounded.
_NEWER_LEFT: dict[tuple[int, ...], tuple[CostBreakdown, NewerTotal, tuple[Terms, ...], MinMax]] = {}


def _left_with_newer_figures(
    cost: CostBreakdown, newer: NewerTotal, counted: tuple[Terms, ...]
) -> MinMax:
    shares = allocate(_newer_parts(cost, newer), counted, (newer.min, newer.max))
    # Each end less that end's aid, as budget_of counts the guide's figures (aid_by_end).
    return MinMax(
        newer.min - sum(low for low, _ in shares), newer.max - sum(high for _, high in shares)
    )


def _newer_parts(cost: CostBreakdown, newer: NewerTotal) -> dict[str, Span]:
    """A path's known cost items by part, at newer reports' figures (newer.items in place of
    the guide's)."""
    spans = {
        item.id: (float(item.min), float(item.max))
        for item in cost.items
        if item.known and item.min is not None and item.max is not None
    }
    for item_id, low, high in newer.items:
        spans[item_id] = (float(low), float(high))
    parts: dict[str, Span] = {}
    for item_id, (low, high) in spans.items():
        part = part_of(item_id)
        had = parts.get(part, (0.0, 0.0))
        parts[part] = (had[0] + low, had[1] + high)
    return parts


def left_to_plan_for(
    funding: Funding, cost: CostBreakdown, left: MinMax, newer: NewerTotal | None
) -> MinMax | None:
    """What the person pays of the total to plan for (newer.plan_for: the higher figure at each
    end), where newer reports raise it above what is left at the guide's figures (left); None
    where they do not. The plan's "You pay" and `cost`/`aid` ask this one function."""
    if newer is None or newer.plan_for(cost.total_min, cost.total_max) == (
        cost.total_min,
        cost.total_max,
    ):
        return None
    at_newer = left_with_newer_figures(funding, cost, newer)
    higher = MinMax(max(left.min, at_newer.min), max(left.max, at_newer.max))
    return None if higher == left else higher


def up_front_with_newer_figures(
    amount: int,
    funding: Funding,
    cost: CostBreakdown,
    left: MinMax,
    newer: NewerTotal | None,
    *,
    paid: Sequence[PaidFirst] | None = None,
) -> Budget | None:
    """up_front against the total to plan for (the higher figure at each end of what is paid
    at first at the guide's figures and at newer reports'), where newer reports raise what is
    paid at first: a veteran's CPB of $645-$1,022 to plan for, the GI Bill repaying the newer
    $425 fee after, is $645-$1,022 at first, not the guide's $479-$824; a CMRS retake's newer
    $325 fee is $355-$700 at first, though the GI Bill repays all of it, so what is left after
    the aid does not rise. None where the budget holds it, nothing is paid first, or the newer
    figures do not raise what is paid at first."""
    if newer is None or newer.plan_for(cost.total_min, cost.total_max) == (
        cost.total_min,
        cost.total_max,
    ):
        return None
    counted = [source for source in funding.sources if source.counted]
    if not any(source.terms.repaid_after for source in counted):
        return None
    # paid: paid_first(funding, cost) where the caller has it already (a plan's You pay).
    guide = paid_first(funding, cost) if paid is None else paid
    at_newer = _paid_first_kept(counted, cost, newer)
    newer_left = left_with_newer_figures(funding, cost, newer)
    guide_low = left.min + sum(item.amount.min for item in guide)
    guide_high = left.max + sum(item.amount.max for item in guide)
    low = max(guide_low, newer_left.min + sum(item.amount.min for item in at_newer))
    high = max(guide_high, newer_left.max + sum(item.amount.max for item in at_newer))
    if (low, high) == (guide_low, guide_high):
        return None
    first = Budget(amount, low, high)
    return None if first.covers == "all" else first


# --- who qualifies ------------------------------------------------------------------------------


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


def _held(engine: RuleEngine, entry: FundingRule, facts: Facts) -> bool:
    test = engine.funding_tests[entry.aid]
    outcome = True if test is None else test(facts)
    return bool(outcome if isinstance(outcome, bool) else outcome[0])


def facts_read(entry: FundingRule) -> frozenset[str]:
    """The answers a catalog entry's condition reads."""
    from billing_career.planning.conditions import condition_tests

    return frozenset(test.fact for test in condition_tests(entry.when))


def decided(kb: KnowledgeBase, known: Collection[str]) -> dict[str, bool]:
    """For each catalog entry, whether the answers given (known) decide it."""
    return {entry.aid: facts_read(entry) <= frozenset(known) for entry in kb.aid.funding}


@dataclass(frozen=True)
class NotAssessed:
    """An aid source the answers leave undecided: its condition reads an answer not given, and
    some answer to it would make the source apply (JSON `not_assessed` of a plan)."""

    id: str
    name: str
    # Its short name where it has one ('WIOA'), else None.
    short: str | None
    # The answers to give (ids of planning.answers), in the catalog condition's order.
    answers: tuple[str, ...]
    # Where a person can ask instead (the catalog's refer_to), or None.
    refer_to: str | None


def _candidates(fact: str, entry: FundingRule) -> tuple[object, ...]:
    """The values an answer not given could take that the entry's condition may turn on: a
    yes-no answer's two, a choice's choices, and the values the condition names."""
    from billing_career.planning.answers import ANSWER
    from billing_career.planning.conditions import condition_tests

    answer = ANSWER.get(fact)
    values: list[object] = []
    if answer is not None and answer.kind == "yes-no":
        values += [True, False]
    elif answer is not None and answer.kind == "choice":
        values += list(answer.choices)
    for test in condition_tests(entry.when):
        if test.fact == fact and test.value not in values:
            values.append(test.value)
    return tuple(values)


def not_assessed(
    engine: RuleEngine, facts: Facts, cost: CostBreakdown | None = None
) -> tuple[NotAssessed, ...]:
    """The catalog's sources the answers leave undecided, in catalog order: an answer their
    condition reads was not given (None: an optional answer with no default), some answer to
    it would make the source apply, and it can bring money (it pays, or pays for something;
    for a path, something the path has). A source named only, never money (a closed program),
    is left out: answering would change nothing the person can use."""
    kept = _UNDECIDED.get(engine.kb, _undecided)
    # Most people's answers decide every entry: every fact any entry reads is given.
    get = facts.get
    for fact in kept.facts:
        if get(fact) is None:
            break
    else:
        return ()
    # The path's parts, worked out for the first entry the answers leave undecided (most
    # people's answers decide them all).
    parts: Mapping[str, Span] | None = None
    program = (
        cost.program.id
        if cost is not None and cost.program is not None and cost.include_tuition
        else None
    )
    out: list[NotAssessed] = []
    for entry, reads in kept.entries:
        if all(facts.get(fact) is not None for fact in reads):
            continue
        if cost is not None and parts is None:
            parts = _path_parts(cost)
        if parts is not None and (
            not any(part in parts for part in entry.pays_for)
            or (entry.programs and program is None)
        ):
            # Nothing on this path it could pay (a path with no program for tuition-only aid).
            continue
        # Whether an answer could make it apply reads only the facts its condition reads.
        key = (entry.aid, *(facts.get(fact) for fact in reads))
        found = kept.found.get(key)
        if found is None:
            found = _could_apply(engine, entry, reads, facts)
            if len(kept.found) >= _KEPT_LIMIT:
                kept.found.clear()
            kept.found[key] = found
        out += found
    return tuple(out)


def _could_apply(
    engine: RuleEngine, entry: FundingRule, reads: tuple[str, ...], facts: Facts
) -> tuple[NotAssessed, ...]:
    """The entry as not assessed (one item) when some answer to the facts not given (None)
    would make it apply; none otherwise."""
    from itertools import product

    from billing_career.planning.conditions import aid_short

    missing = [fact for fact in reads if facts.get(fact) is None]
    tries = product(*(_candidates(fact, entry) for fact in missing))
    if not any(
        _held(engine, entry, {**facts, **dict(zip(missing, values, strict=True))})
        for values in tries
    ):
        return ()
    option = engine.kb.aid_option(entry.aid)
    short = aid_short(option)
    return (
        NotAssessed(
            entry.aid,
            option.name,
            short if short != option.name else None,
            tuple(missing),
            entry.refer_to,
        ),
    )


@dataclass
class _Undecided:
    """Per knowledge base: the entries that can bring money, each with the facts its condition
    reads (sorted), and what not_assessed found by those facts' values."""

    entries: tuple[tuple[FundingRule, tuple[str, ...]], ...]
    found: dict[tuple[object, ...], tuple[NotAssessed, ...]] = field(default_factory=dict)
    # Every fact some entry reads.
    facts: tuple[str, ...] = ()


def _undecided(kb: KnowledgeBase) -> _Undecided:
    entries = tuple(
        (entry, tuple(sorted(facts_read(entry))))
        for entry in kb.aid.funding
        if facts_read(entry) and not (entry.pays == "nothing" and not entry.pays_for)
    )
    facts = tuple(sorted({fact for _, reads in entries for fact in reads}))
    return _Undecided(entries, facts=facts)


_UNDECIDED: PerKnowledgeBase[_Undecided] = PerKnowledgeBase()


def assess(
    engine: RuleEngine,
    profile: Profile,
    facts: Facts,
    *,
    assume: Collection[str] = (),
    known: Collection[str] | None = None,
) -> Funding:
    """Which sources apply to these answers and are counted, and what the counted ones pay of
    each program's cost before the exam (for ranking)."""
    # Each source by what it reads (only for answers taken as they are: no assume, no known).
    kept = _KEPT.get(engine.kb, _kept) if not assume and known is None else None
    # All the sources and what they pay read only what each source reads and remote work: the
    # whole kept by all of that at once (None: some source's key cannot be told).
    whole = None if kept is None else _whole_key(kept, profile, facts)
    if whole is not None:
        assert kept is not None
        found = kept.wholes.get(whole)
        if found is not None:
            return funding_of(profile.budget, *found)
    funding = _assess(engine, profile, facts, assume, known, kept)
    if whole is not None:
        assert kept is not None
        if len(kept.wholes) >= _KEPT_LIMIT:
            kept.wholes.clear()
        kept.wholes[whole] = (funding.sources, funding.paid, funding.by_program)
    return funding


def _whole_key(kept: _Kept, profile: Profile, facts: Facts) -> tuple[object, ...] | None:
    """What all the catalog's sources read (see _source_key), and remote work (what the
    counted ones pay of each program reads it); None when that cannot be told."""
    return _key_or_none(
        lambda: (
            profile.remote,
            tuple(getattr(profile, name, None) for name in kept.amount_answers),
            tuple(rule.covers(profile.age) for rule in kept.work_rules),
            None if kept.all_reads is None else kept.all_reads(facts),
        )
    )


def _key_or_none(make: Callable[[], tuple[object, ...]]) -> tuple[object, ...] | None:
    """make()'s key, or None where it cannot be one: a placeholder that is no fact (its
    sentence keeps it as written) or a value that cannot be hashed."""
    try:
        key = make()
        hash(key)
    except (KeyError, TypeError):
        return None
    return key


def _assess(
    engine: RuleEngine,
    profile: Profile,
    facts: Facts,
    assume: Collection[str],
    known: Collection[str] | None,
    kept: _Kept | None,
) -> Funding:
    kb = engine.kb
    static = _STATIC.get(kb, _static)
    sure = decided(kb, known) if known is not None else {}
    sources: list[FundingSource] = []
    for entry in kb.aid.funding:
        key = None
        if kept is not None:
            key = _source_key(kept, entry, profile, facts)
            found = kept.sources.get(key) if key is not None else None
            if found is not None:
                sources.append(found)
                continue
        if entry.aid in assume:
            held = True
        elif known is not None and not sure[entry.aid]:
            held = False
        else:
            held = _held(engine, entry, facts)
        shown, span, names, name, issuers = static[entry.aid]
        counted = held and entry.pays != "nothing"
        condition: str | None = entry.condition
        terms = _NO_TERMS
        ranked = True
        if counted:
            stated = (
                getattr(profile, entry.amount_answer, None)
                if entry.amount_answer is not None
                else None
            )
            if stated is not None:
                shown = Amount(stated, stated, "stated by you")
                terms = _same_terms(Terms((stated, stated), entry.pays_for, None, stated=True))
                condition = None
            else:
                amount = span if entry.pays == "reported-amount" else None
                repaid = entry.repaid_after
                terms = _same_terms(
                    Terms(
                        amount,
                        entry.pays_for,
                        entry.exam_up_to,
                        repaid_after=tuple(repaid.parts) if repaid is not None else (),
                    )
                )
                ranked = entry.amount_answer is None
                if entry.pays == "reported-amount" and span is None:
                    counted = False
        reasons: list[str] = []
        text = entry.because if held else entry.otherwise
        if text:
            reasons.append(engine.text(text, facts))
        if counted and condition:
            reasons.append(f"Counted {condition}.")
        alone = _without_program(engine, entry, facts, counted, condition, terms) if held else None
        sources.append(
            FundingSource(
                id=entry.aid,
                name=name,
                amount=shown,
                pays_for=tuple(entry.pays_for),
                condition=condition,
                counted=counted,
                applies=held and not entry.only_with_gap,
                reasons=tuple(reasons),
                actions=entry.actions if held else (),
                sources=names,
                source_issuers=issuers,
                terms=terms,
                ranked=ranked,
                programs=entry.programs,
                not_for_others=entry.not_for_others,
                only_with_gap=entry.only_with_gap and held,
                award_year=entry.award_year,
                award_year_begins=entry.award_year_begins,
                renew_by=entry.renew_by,
                in_full_because=entry.in_full_because,
                repaid_by=entry.repaid_after.by if entry.repaid_after is not None else None,
                decides_within=entry.decides_within,
                # Said only where it may cover the person: SNAP's asks nothing of a 17-year-old.
                work_rule=entry.work_rule
                if entry.work_rule is not None and entry.work_rule.covers(profile.age)
                else None,
                without_program=alone,
            )
        )
        if kept is not None and key is not None:
            if len(kept.sources) >= _KEPT_LIMIT:
                kept.sources.clear()
            kept.sources[key] = sources[-1]
    given = _interned(sources)
    # What the counted sources pay of each program reads only their terms and remote work:
    # kept by the very sources first (kept with them, so their id stays theirs), then by
    # those terms.
    by_sources = (id(given), profile.remote)
    if kept is not None:
        had = kept.paid_by_sources.get(by_sources)
        if had is not None and had[0] is given:
            # The very payments kept (read, never changed): the very funding for the budget.
            return funding_of(profile.budget, given, had[1], had[2])
    paid_key = (
        profile.remote,
        tuple((s.id, s.counted, s.ranked, s.programs, s.terms) for s in sources),
    )
    paid_known = None if kept is None else kept.paid.get(paid_key)
    if paid_known is not None:
        assert kept is not None
        _keep_paid(kept, by_sources, given, paid_known)
        return funding_of(profile.budget, given, *paid_known)
    paid: dict[str, Span] = {}
    by_program: dict[str, tuple[str, ...]] = {}
    if _ranked(given):
        for ident, tuition_fees in engine.program_costs.items():
            for_program = [
                source
                for source in sources
                if source.counted
                and source.ranked
                and (not source.programs or ident in source.programs)
            ]
            path = engine.path_costs[profile.remote][ident]
            extras = (path[0] - tuition_fees[0], path[1] - tuition_fees[1])
            # Before the exam: tuition and fees as one part, the extras every path has as other.
            parts = {"tuition": tuition_fees, "other": extras}
            shares = allocate(parts, [_as_tuition(source.terms) for source in for_program], path)
            paid[ident] = (sum(low for low, _ in shares), sum(high for _, high in shares))
            # The sources that pay tuition and fees (not a stated amount, which is like budget).
            by_program[ident] = tuple(
                source.id for source in for_program if not source.terms.stated
            )
    if kept is not None:
        if len(kept.paid) >= _KEPT_LIMIT:
            kept.paid.clear()
        # Equal payments of other terms (the same programs paid alike) are the very ones made
        # before, so the fundings that hold them are shared too.
        kept.paid[paid_key] = _same_paid(kept, paid, by_program)
        _keep_paid(kept, by_sources, given, kept.paid[paid_key])
        return funding_of(profile.budget, given, *kept.paid[paid_key])
    return Funding(profile.budget, given, paid, by_program)


def _keep_paid(
    kept: _Kept,
    key: tuple[int, bool],
    given: tuple[FundingSource, ...],
    paid: tuple[dict[str, Span], dict[str, tuple[str, ...]]],
) -> None:
    if len(kept.paid_by_sources) >= _KEPT_LIMIT:
        kept.paid_by_sources.clear()
    kept.paid_by_sources[key] = (given, *paid)


def _same_paid(
    kept: _Kept, paid: dict[str, Span], by_program: dict[str, tuple[str, ...]]
) -> tuple[dict[str, Span], dict[str, tuple[str, ...]]]:
    """The payments, the very ones kept before equal to them (each amount with its type)."""
    key = (
        tuple((ident, low, high, type(low), type(high)) for ident, (low, high) in paid.items()),
        tuple(by_program.items()),
    )
    found = kept.equal_paid.get(key)
    if found is None:
        if len(kept.equal_paid) >= _KEPT_LIMIT:
            kept.equal_paid.clear()
        found = kept.equal_paid[key] = (paid, by_program)
    return found


def _interned(sources: list[FundingSource]) -> tuple[FundingSource, ...]:
    """The sources as a tuple, the very tuple given before for the very same sources (assess
    keeps each source by what it reads): what is kept by the very sources (Funding's derived
    values, with_path, with_gap, the aid picks) is then found again."""
    key = tuple(map(id, sources))
    found = _SOURCES.get(key)
    # Kept with the tuple, the sources' ids are not other sources' while here.
    if found is not None and all(one is other for one, other in zip(found, sources, strict=True)):
        return found
    given = tuple(sources)
    if len(_SOURCES) >= _KEPT_LIMIT:
        _SOURCES.clear()
    _SOURCES[key] = given
    return given


# Tuples of sources by the very sources (see _interned); bounded.
_SOURCES: dict[tuple[int, ...], tuple[FundingSource, ...]] = {}


def _same_sources(sources: tuple[FundingSource, ...]) -> tuple[FundingSource, ...]:
    """The sources, each the very source made before equal to it, in the very tuple given
    before for those (_interned): a source set against many paths reads the same on most of
    them, and the plans that share their sources share one funding and its JSON text."""
    return _interned([_same_source(source) for source in sources])


def _same_source(source: FundingSource) -> FundingSource:
    # Kept by its value and the types of its amounts (equal numbers of another type are
    # written apart: 500 and 500.0), the source kept with it.
    amount = source.amount
    counted = source.counted_as
    key = (
        source,
        *map(type, source.paid),
        *(map(type, source.terms.amount) if source.terms.amount is not None else ()),
        *((type(amount.min), type(amount.max)) if isinstance(amount, Amount) else ()),
        *((type(counted.min), type(counted.max)) if counted is not None else ()),
    )
    found = _EQUAL_SOURCES.get(key)
    if found is not None:
        return found
    if len(_EQUAL_SOURCES) >= _KEPT_LIMIT:
        _EQUAL_SOURCES.clear()
    _EQUAL_SOURCES[key] = source
    return source


# Sources by their value (see _same_source); bounded.
_EQUAL_SOURCES: dict[tuple[object, ...], FundingSource] = {}


@dataclass
class _Kept:
    """Sources as assess makes them, by what each reads, and what the counted ones pay."""

    # Per catalog entry: the facts its condition and its sentences read (None: not kept).
    reads: dict[str, Callable[[Facts], object] | None]
    sources: dict[tuple[object, ...], FundingSource] = field(default_factory=dict)
    paid: dict[tuple[object, ...], tuple[dict[str, Span], dict[str, tuple[str, ...]]]] = field(
        default_factory=dict
    )
    # The same by the very sources and remote work (see assess).
    paid_by_sources: dict[
        tuple[int, bool],
        tuple[tuple[FundingSource, ...], dict[str, Span], dict[str, tuple[str, ...]]],
    ] = field(default_factory=dict)
    # The payments by their values (see _same_paid).
    equal_paid: dict[tuple[object, ...], tuple[dict[str, Span], dict[str, tuple[str, ...]]]] = (
        field(default_factory=dict)
    )
    # What every entry reads (see _whole_key): the facts, the amounts a person may state, the
    # work rules that cover some ages; and the sources and payments by all of it.
    all_reads: Callable[[Facts], object] | None = None
    amount_answers: tuple[str, ...] = ()
    work_rules: tuple[WorkRule, ...] = ()
    wholes: dict[
        tuple[object, ...],
        tuple[tuple[FundingSource, ...], dict[str, Span], dict[str, tuple[str, ...]]],
    ] = field(default_factory=dict)


def _kept(kb: KnowledgeBase) -> _Kept:
    from operator import itemgetter

    from billing_career.planning.conditions import _PLACEHOLDER

    reads: dict[str, Callable[[Facts], object] | None] = {}
    every: set[str] = set()
    for entry in kb.aid.funding:
        names = list(facts_read(entry))
        alone = entry.without_program.because if entry.without_program is not None else None
        for text in (entry.because, entry.otherwise, alone):
            for match in _PLACEHOLDER.finditer(text or ""):
                name, key = match.group(1), match.group(2)
                if key is None:
                    names.append(name)
                elif name == "program_path":
                    names.append("remote")
        reads[entry.aid] = itemgetter(*sorted(set(names))) if names else None
        every.update(names)
    return _Kept(
        reads,
        all_reads=itemgetter(*sorted(every)) if every else None,
        amount_answers=tuple(
            entry.amount_answer for entry in kb.aid.funding if entry.amount_answer is not None
        ),
        work_rules=tuple(
            entry.work_rule for entry in kb.aid.funding if entry.work_rule is not None
        ),
    )


def _source_key(
    kept: _Kept, entry: FundingRule, profile: Profile, facts: Facts
) -> tuple[object, ...] | None:
    """What an entry's source reads: the facts its condition and sentences read, and the
    amount the person stated for it; None when that cannot be told (a fact missing)."""
    reads = kept.reads[entry.aid]
    stated = getattr(profile, entry.amount_answer, None) if entry.amount_answer else None
    # A work rule covers some ages (SNAP's 18-64): whether the source carries it reads the age.
    covered = entry.work_rule.covers(profile.age) if entry.work_rule is not None else None
    if reads is None:
        return (entry.aid, stated, covered)
    return _key_or_none(lambda: (entry.aid, stated, covered, reads(facts)))


_KEPT: PerKnowledgeBase[_Kept] = PerKnowledgeBase()
# Distinct sources (and payments) kept at once; past it a memo starts over.
_KEPT_LIMIT = 4096


def _as_tuition(terms: Terms) -> Terms:
    """Terms for the cost before the exam, where tuition and program fees are one part."""
    known = _AS_TUITION.get(terms)
    if known is None:
        pays = tuple("tuition" if part == "program-fees" else part for part in terms.pays_for)
        known = replace(terms, pays_for=tuple(dict.fromkeys(pays)))
        if len(_AS_TUITION) >= 1024:  # bounded: stated amounts are the person's own
            _AS_TUITION.clear()
        _AS_TUITION[terms] = known
    return known


# Terms are frozen values, met again and again in a batch.
_AS_TUITION: dict[Terms, Terms] = {}


# What does not depend on the person: each entry's amount, its sources' names, the option's name.
Static = dict[str, tuple[Amount | str, Span | None, tuple[str, ...], str, tuple[str | None, ...]]]


def _static(kb: KnowledgeBase) -> Static:
    return {
        entry.aid: (
            *_amount(kb, entry),
            tuple(_source_names(kb, entry)),
            kb.aid_option(entry.aid).name,
            (None, *(ref.organization for ref in entry.also)),
        )
        for entry in kb.aid.funding
    }


_STATIC: PerKnowledgeBase[Static] = PerKnowledgeBase()


def _same_terms(terms: Terms) -> Terms:
    """The very terms made before equal to these (with the types of their amount: 500 and
    500.0 are kept apart), so that what is kept by the very terms (with_path's shares) is met
    again by every source that counts alike."""
    amount = terms.amount
    key = (terms, *(map(type, amount) if amount is not None else ()))
    found = _EQUAL_TERMS.get(key)
    if found is None:
        if len(_EQUAL_TERMS) >= _KEPT_LIMIT:
            _EQUAL_TERMS.clear()
        found = _EQUAL_TERMS[key] = terms
    return found


# Terms by their value (see _same_terms); bounded. No terms: one object for every source.
_EQUAL_TERMS: dict[tuple[object, ...], Terms] = {}
_NO_TERMS = Terms()


def _without_program(
    engine: RuleEngine,
    entry: FundingRule,
    facts: Facts,
    counted: bool,
    condition: str | None,
    terms: Terms,
) -> WithoutProgram | None:
    """What a source the person qualifies for counts and says on a path with no training
    program (aid.yaml without_program: each part given in place of the entry's own), or None
    where the catalog gives nothing else for it."""
    other = entry.without_program
    if other is None:
        return None
    # An amount the person stated is theirs to count, with no condition, here as on any path.
    stated = terms.stated
    counted = counted and (stated or other.pays != "nothing")
    pays_for = tuple(other.pays_for) if other.pays_for is not None else tuple(entry.pays_for)
    if condition is not None and other.condition is not None:
        condition = other.condition
    because = entry.because if stated else other.because or entry.because
    reasons = [engine.text(because, facts)]
    if counted and condition:
        reasons.append(f"Counted {condition}.")
    return WithoutProgram(
        counted,
        pays_for,
        _same_terms(replace(terms, pays_for=pays_for)) if counted else _NO_TERMS,
        condition,
        tuple(reasons),
        tuple(other.actions) if other.actions is not None else entry.actions,
        other.in_full_because or entry.in_full_because,
    )


def _source_names(kb: KnowledgeBase, entry: FundingRule) -> list[str]:
    names = []
    for ref in (entry.source, *entry.also):
        title = kb.source(ref.id).title
        names.append(f"{title}: {ref.section}" if ref.section else title)
    return names


# --- against a path -----------------------------------------------------------------------------


def with_path(funding: Funding, cost: CostBreakdown) -> Funding:
    """The funding with each counted source's share of the path, in catalog order; a source
    restricted to other program types, or with nothing to pay on this path, is not counted."""
    # The sources set against a path read only the sources and the path: kept by both (the
    # very objects, kept with them; assess gives the very tuple for the same sources).
    given = funding.sources
    key = (id(cost), id(given))
    found = _WITH_PATH.get(key)
    if found is not None and found[0] is cost and found[1] is given:
        return funding_of(funding.budget, found[2], funding.paid, funding.by_program)
    shares_of = _with_path(given, cost)
    if len(_WITH_PATH) >= _KEPT_LIMIT:
        _WITH_PATH.clear()
    _WITH_PATH[key] = (cost, given, shares_of)
    return funding_of(funding.budget, shares_of, funding.paid, funding.by_program)


def _with_path(given: tuple[FundingSource, ...], cost: CostBreakdown) -> tuple[FundingSource, ...]:
    # A batch meets few sources and few paths but many pairs of them (tuples of sources by
    # paths): each step is kept by what it reads alone, so a pair met for the first time is
    # put together from steps met before. A source before its share reads only the path's
    # issuer, program and whether it has one (_before_share); the shares read only the path
    # and the counted terms (_shares); a source with its share only that source, the share
    # and whether the path's program runs longer than a year (_with_share).
    shape = _SHAPES.get(id(cost))
    if shape is None or shape[0] is not cost:
        shape = _shape(cost)
    _, issuer, exam_alone, program, longer = shape
    before: list[FundingSource] = []
    for source in given:
        key = (id(source), issuer, exam_alone, program)
        found = _BEFORE_SHARE.get(key)
        if found is None or found[0] is not source:
            # The very source made before equal to it, so the ones with a share are kept by
            # few sources.
            found = (source, _same_source(_before_share(source, issuer, exam_alone, program)))
            if len(_BEFORE_SHARE) >= _KEPT_LIMIT:
                _BEFORE_SHARE.clear()
            _BEFORE_SHARE[key] = found
        before.append(found[1])
    counted = [source for source in before if source.counted]
    shares = iter(_shares(cost, [source.terms for source in counted]))
    out: list[FundingSource] = []
    for source in before:
        if source.counted:
            share = next(shares)
            # The share with its source, kept by the very source (kept with it).
            key_share = (id(source), share, longer and source.award_year is not None)
            made = _WITH_SHARE.get(key_share)
            if made is None or made[0] is not source:
                made = (source, _same_source(_with_share(source, share, key_share[2])))
                if len(_WITH_SHARE) >= _KEPT_LIMIT:
                    _WITH_SHARE.clear()
                _WITH_SHARE[key_share] = made
            out.append(made[1])
        else:
            out.append(source)
    return _interned(out)


def _shape(
    cost: CostBreakdown,
) -> tuple[CostBreakdown, str | None, bool, str | None, bool]:
    """What with_path reads of a path beside its parts: its issuer, whether it has no training
    at all, the program aid may pay for, and whether that program may run longer than a year;
    kept with the path, so its id stays its."""
    shape = (
        cost,
        cost.certification.issuer,
        # No training at all (training done, a credential held, a retake), not training made
        # optional: each source says what it does for the exam alone (aid.yaml
        # without_program).
        cost.program is None,
        cost.program.id if cost.program is not None and cost.include_tuition else None,
        _longer_than_a_year(cost),
    )
    if len(_SHAPES) >= _KEPT_LIMIT:
        _SHAPES.clear()
    _SHAPES[id(cost)] = shape
    return shape


def _before_share(
    source: FundingSource, issuer: str | None, exam_alone: bool, program: str | None
) -> FundingSource:
    """A source on a path before its share: citing what speaks to the path, with its words for
    the exam alone where the path has no training, and not counted where it pays only for
    programs the path does not have."""
    if any(org is not None and org != issuer for org in source.source_issuers):
        source = _cited_for(source, issuer)
    if exam_alone:
        source = on_exam_alone(source)
    elif source.programs and program is None:
        # A source that pays only for some programs has nothing to do on a path with no
        # program (training made optional): not named, so no first action sends the
        # person to it (VR's, which asks for the FAFSA too, keeps it).
        source = replace(source, counted=False, applies=False)
    elif source.counted and source.programs and program not in source.programs:
        why = source.not_for_others if program is not None else None
        source = replace(
            source,
            counted=False,
            reasons=(
                *source.reasons[:1],
                why or "Not counted: this path has no program for it to pay.",
            ),
        )
    return source


def _shares(cost: CostBreakdown, terms: list[Terms]) -> list[Span]:
    """allocate of the counted terms against the path's parts and total, kept by the very path
    and terms (kept with them, so their ids stay theirs)."""
    key = (id(cost), *map(id, terms))
    found = _SHARES.get(key)
    if (
        found is not None
        and found[0] is cost
        and all(kept is given for kept, given in zip(found[1], terms, strict=True))
    ):
        return found[2]
    shares = allocate(_path_parts(cost), terms, (cost.total_min, cost.total_max))
    if len(_SHARES) >= _KEPT_LIMIT:
        _SHARES.clear()
    _SHARES[key] = (cost, terms, shares)
    return shares


def _with_share(source: FundingSource, share: Span, longer: bool) -> FundingSource:
    """A counted source with its share of the path: not counted where the share is nothing;
    longer: the path's program may run longer than a year and the amount is one year's."""
    if share == (0, 0):
        return replace(
            source,
            counted=False,
            paid=share,
            reasons=(
                *source.reasons[:1],
                "Not counted here: the aid sought before it already pays "
                "what it would pay of this path, or the path has none of it.",
            ),
        )
    return replace(source, paid=share, counts_one_year=source.award_year if longer else None)


# What with_path reads of a path (_shape), by the very path; a source before its share, by
# the very source and what it reads of the path; the shares, by the very path and terms; a
# source with its share, by the very source, the share and the year it counts; bounded.
_SHAPES: dict[int, tuple[CostBreakdown, str | None, bool, str | None, bool]] = {}
_BEFORE_SHARE: dict[tuple[object, ...], tuple[FundingSource, FundingSource]] = {}
_SHARES: dict[tuple[int, ...], tuple[CostBreakdown, list[Terms], list[Span]]] = {}
_WITH_SHARE: dict[tuple[object, ...], tuple[FundingSource, FundingSource]] = {}


def _cited_for(source: FundingSource, issuer: str | None) -> FundingSource:
    """The source citing only what speaks to this path: a page on another body's own offer
    (AAPC's hardship policy on an NHA exam's path) is left out."""
    kept = [
        (name, org)
        for name, org in zip(source.sources, source.source_issuers, strict=True)
        if org is None or org == issuer
    ]
    return replace(
        source,
        sources=tuple(name for name, _ in kept),
        source_issuers=tuple(org for _, org in kept),
    )


def on_exam_alone(source: FundingSource) -> FundingSource:
    """A source on a path with no training at all (training done, a credential held, a
    retake): its words and terms for the exam alone (aid.yaml without_program); one that pays
    only for some programs has nothing to do there, so it is not named and no action, its own
    or another source's, sends the person to it (the FAFSA VR asks for is for a program)."""
    source = replace(source.on_exam_alone(), exam_alone=True)
    if source.programs:
        source = replace(source, counted=False, applies=False, actions=())
    return source


def _longer_than_a_year(cost: CostBreakdown) -> bool:
    """Whether the path's program may run longer than a year (the guide's months; a length
    that varies or is not given is not said to)."""
    program = cost.program if cost.include_tuition else None
    months = None if program is None else program.duration_months
    return months is not None and not isinstance(months, str) and months.max > 12


def for_training(funding: Funding, start: dt.date, end: dt.date) -> Funding:
    """The funding with each counted source of one award year's amount said to count that year
    alone (counts_one_year) on a plan's own training dates, in place of the program's length:
    where training from start to end runs past the next day its award years begin."""
    # The sources read only the sources and the two dates: kept by the very sources (kept with
    # them, so their id is not another tuple's while here) and the dates, so that plans with
    # the same aid and training dates share the very same sources (and funding).
    given = funding.sources
    key = (id(given), start, end)
    found = _FOR_TRAINING.get(key)
    if found is not None and found[0] is given:
        sources = found[1]
    else:
        sources = tuple(
            _on_training(source, source.award_year, source.award_year_begins, start, end)
            if source.counted and source.award_year is not None and source.award_year_begins
            else source
            for source in given
        )
        if all(new is old for new, old in zip(sources, given, strict=True)):
            sources = given  # nothing said of an award year: the very sources
        else:
            sources = _same_sources(sources)
        if len(_FOR_TRAINING) >= _KEPT_LIMIT:
            _FOR_TRAINING.clear()
        _FOR_TRAINING[key] = (given, sources)
    if sources is given:
        return funding
    return funding_of(funding.budget, sources, funding.paid, funding.by_program)


def _on_training(
    source: FundingSource, year: str, begins: str, start: dt.date, end: dt.date
) -> FundingSource:
    """The source on training from start to end (see for_training): the award year it starts
    in where later than the figure's (year), and the one year counted where training runs
    into another: the training's first, so the two never name two years for one award."""
    later = later_award_year(year, begins, start)
    longer = _intolater_award_year(begins, start, end)
    return replace(
        source,
        counts_one_year=(later or year) if longer else None,
        starts_in_award_year=later,
    )


# Sources on a plan's training dates, by the very sources and the dates (see for_training);
# bounded.
_FOR_TRAINING: dict[
    tuple[int, dt.date, dt.date], tuple[tuple[FundingSource, ...], tuple[FundingSource, ...]]
] = {}


def later_award_year(year: str, begins: str, start: dt.date) -> str | None:
    """The award year training starting on start falls in ("2027-28"), where it is later than
    year, the one the amount is for ("2026-27"); None where it is that year (or an earlier one:
    a start in the past is the figure's own concern). begins: the award years' first month and
    day ("07-01")."""
    month, day = (int(part) for part in begins.split("-"))
    first = start.year if start >= dt.date(start.year, month, day) else start.year - 1
    label = f"{first}-{(first + 1) % 100:02d}"
    figure_first = int(year.split("-")[0])
    return label if first > figure_first else None


def _intolater_award_year(begins: str, start: dt.date, end: dt.date) -> bool:
    """Whether training from start to end runs past the first day of an award year after the
    one it starts in (begins: its month and day, "07-01")."""
    month, day = (int(part) for part in begins.split("-"))
    following = dt.date(start.year, month, day)
    if following <= start:
        following = dt.date(start.year + 1, month, day)
    return end > following


# Sources set against a path, by the very path and sources (see with_path); bounded.
_WITH_PATH: dict[
    tuple[int, int],
    tuple[CostBreakdown, tuple[FundingSource, ...], tuple[FundingSource, ...]],
] = {}


def with_gap(funding: Funding, gap: bool, *, quiet_when_covered: bool = False) -> Funding:
    """Sources named only when the funds leave a gap (payment plans) apply then; with
    quiet_when_covered (a plan), funds that cover the path name no source they do not count."""
    # The sources read only the sources, gap and quiet_when_covered: kept by the very sources
    # (with them, so their id is not another tuple's while here), so that plans with the same
    # sources share the very same tuple (the aid picks and a batch's JSON are kept by it).
    given = funding.sources
    key = (id(given), gap, quiet_when_covered)
    found = _WITH_GAP.get(key)
    if found is not None and found[0] is given:
        return funding_of(funding.budget, found[1], funding.paid, funding.by_program)
    # A source already as it should be is kept as it is (an equal copy is all replace would make).
    sources = tuple(
        (source if source.applies == gap else replace(source, applies=gap))
        if source.only_with_gap
        else (source if not source.applies else replace(source, applies=False))
        if quiet_when_covered and not gap and not source.counted
        else source
        for source in given
    )
    # Unchanged: the very sources; else the very sources made before equal to these.
    changed = any(new is not old for new, old in zip(sources, given, strict=True))
    sources = _same_sources(sources) if changed else given
    if len(_WITH_GAP) >= _KEPT_LIMIT:
        _WITH_GAP.clear()
    _WITH_GAP[key] = (given, sources)
    return funding_of(funding.budget, sources, funding.paid, funding.by_program)


# Sources named with or without a gap, by the very sources (see with_gap); bounded.
_WITH_GAP: dict[
    tuple[int, bool, bool], tuple[tuple[FundingSource, ...], tuple[FundingSource, ...]]
] = {}


@fast_init
@dataclass(frozen=True)
class Budget:
    """The budget and the counted aid against the path's total cost (the one total)."""

    amount: int
    total_min: float = field(metadata=JSON_SKIP)
    total_max: float = field(metadata=JSON_SKIP)
    # What the counted aid pays of the path at its low and its high end of cost.
    aid_min: float = field(default=0, metadata=JSON_SKIP)
    aid_max: float = field(default=0, metadata=JSON_SKIP)
    aid_names: str = field(default="", metadata=JSON_SKIP)
    # Items of the path no source gives a figure for ("the CHFP exam fee"): not in the total.
    unknown: str = field(default="", metadata=JSON_SKIP)
    # The counted aid as a range, as the funding shows it (Funding.aid_counted); None: the two
    # ends' aid, lower first.
    aid_shown: MinMax | None = field(default=None, metadata=JSON_SKIP)
    # The budget against the total to plan for (against_plan_for), where newer reports raise
    # it and the funds do another thing against it (with_planned); the summary then says both.
    planned: Budget | None = field(default=None, metadata=JSON_SKIP)
    # Derived, for JSON and the views: the counted aid's part, 'all' / 'part' / 'none' (see
    # _covers), what is left to pay after the counted aid, the shortfall and the Cost section's
    # sentence.
    aid_counted: MinMax = field(init=False)
    left_to_pay: MinMax = field(init=False)
    covers: str = field(init=False)
    gap: MinMax = field(init=False)
    summary: str = field(init=False)

    def __post_init__(self) -> None:
        # What is derived reads only the fields (each number with its type: 500 and 500.0 are
        # written apart) and the very aid_shown and planned (kept with it, so their ids stay
        # theirs): a batch meets the same few budgets again and again, made once each.
        amount = self.amount
        low = self.total_min
        high = self.total_max
        aid_low = self.aid_min
        aid_high = self.aid_max
        shown = self.aid_shown
        planned = self.planned
        key = (
            amount,
            amount.__class__,
            low,
            low.__class__,
            high,
            high.__class__,
            aid_low,
            aid_low.__class__,
            aid_high,
            aid_high.__class__,
            self.aid_names,
            self.unknown,
            id(shown),
            id(planned),
        )
        found = _BUDGET_DERIVED.get(key)
        if found is None or found[0] is not shown or found[1] is not planned:
            self._derive()
            values = self.__dict__
            found = (shown, planned, {name: values[name] for name in _DERIVED_FIELDS})
            if len(_BUDGET_DERIVED) >= _KEPT_LIMIT:
                _BUDGET_DERIVED.clear()
            _BUDGET_DERIVED[key] = found
        else:
            # As _derive sets them, in the same order.
            self.__dict__.update(found[2])

    def _derive(self) -> None:
        shown = self.aid_shown
        if shown is None:
            shown = MinMax(min(self.aid_min, self.aid_max), max(self.aid_min, self.aid_max))
        object.__setattr__(self, "aid_counted", shown)
        object.__setattr__(self, "left_to_pay", MinMax(self.net_min, self.net_max))
        object.__setattr__(self, "covers", self._covers())
        object.__setattr__(self, "gap", MinMax(self.gap_min, self.gap_max))
        object.__setattr__(self, "summary", self._summary())

    @property
    def net_min(self) -> float:
        """What is left to pay at the low end, after the counted aid."""
        return self.total_min - self.aid_min

    @property
    def net_max(self) -> float:
        """What is left to pay at the high end, after the counted aid."""
        return self.total_max - self.aid_max

    @property
    def gap_min(self) -> float:
        """Shortfall if costs come in at the low end (0 when the funds cover it)."""
        return max(0, self.net_min - self.amount)

    @property
    def gap_max(self) -> float:
        """Shortfall if costs come in at the high end."""
        return max(0, self.net_max - self.amount)

    def _covers(self) -> str:
        """'all', 'part' (covers the low end only) or 'none'."""
        if self.amount >= self.net_max:
            return "all"
        return "part" if self.amount >= self.net_min else "none"

    @property
    def funds(self) -> str:
        """'Your budget of $500' or 'Your budget of $500 with the GI Bill counted'."""
        text = f"Your budget of {money_text_of(self.amount)}"
        return f"{text} with {self.aid_names} counted" if self.aid_names else text

    @property
    def shortfall(self) -> str:
        """What the funds do against the path, to end a sentence: 'may fall short by up to
        $480', 'falls short by $285-$530', 'covers it'."""
        covers = self.covers
        if covers == "all":
            return "covers it"
        if covers == "part":
            return f"may fall short by up to {money_text_of(self.gap_max)}"
        return f"falls short by {money_span(self.gap_min, self.gap_max)}"

    def _summary(self) -> str:
        """The funds against the whole path in one sentence, as the Cost section shows it; where
        newer reports raise the total to plan for and the funds do another thing against it
        (planned), against both: the guide's figures, then newer reports', as the warnings
        measure it."""
        total = money_span(self.total_min, self.total_max)
        aid = (
            f" ({self.aid_names} counted for "
            f"{money_span(self.aid_counted.min, self.aid_counted.max)})"
            if self.aid_names
            else ""
        )
        head = f"Your budget of {money_text_of(self.amount)}{aid}"
        planned = self.planned
        if planned is not None:
            return (
                f"{head}, at the guide's figures, {self._verdict(total)}; at newer reports' "
                f"total of {money_span(planned.total_min, planned.total_max)}, it "
                f"{planned._verdict(None)}."
            )
        return f"{head} {self._verdict(total)}."

    def _verdict(self, total: str | None) -> str:
        """What the funds do against the path, after the subject: 'covers this path's total of
        $579-$824, even at its high end'; total None: of a total already named ('covers its
        low end but may fall short by up to $22')."""
        what = "it" if total is None else f"this path's total of {total}"
        if self.covers == "all":
            if self.unknown:
                return f"covers {what}, apart from {self.unknown}, which no source gives"
            return f"covers {what}, even at its high end"
        if self.covers == "part":
            low = "its low end" if total is None else f"{what} at its low end"
            return f"covers {low} but may fall short by up to {money_text_of(self.gap_max)}"
        of = "" if total is None else f" of {what}"
        return f"falls short{of} by {money_span(self.gap_min, self.gap_max)}"

    def path_facts(self) -> Facts:
        """The facts stage-2 rules test (rules.PATH_FACTS) that the money gives (the planner adds
        path_certification and path_retake, facts of the chosen certification)."""
        return {
            "path_covered": self.covers,
            "path_cost_min": self.total_min,
            "path_cost_max": self.total_max,
            # gap_min and gap_max, as the budget made them.
            "path_gap_min": self.gap.min,
            "path_gap_max": self.gap.max,
        }


# What a Budget derives, in the order it sets them; and those values by what they read (see
# Budget.__post_init__), bounded.
_DERIVED_FIELDS = ("aid_counted", "left_to_pay", "covers", "gap", "summary")
_BUDGET_DERIVED: dict[
    tuple[object, ...], tuple[MinMax | None, Budget | None, dict[str, object]]
] = {}


def with_planned(budget: Budget, planned: Budget) -> Budget:
    """The budget whose summary also says what the funds do against the total to plan for
    (planned: against_plan_for), where that is another thing than against the guide's figures
    (another shortfall); budget itself where it is not, so that one sentence never says
    'covers' while a warning at the total to plan for says 'may fall short'."""
    if planned is budget or (planned.gap_min, planned.gap_max) == (budget.gap_min, budget.gap_max):
        return budget
    return replace(budget, planned=planned)


def unknown_items(cost: CostBreakdown) -> str:
    """The path's items with no figure, in words: 'the CHFP exam fee'."""
    from billing_career.knowledge.lookup import lower_first
    from billing_career.knowledge.wording import and_list

    names = [f"the {lower_first(item.name)}" for item in cost.items if not item.known]
    return and_list(names) if names else ""


def budget_of(funding: Funding, cost: CostBreakdown, aid_names: str = "") -> Budget:
    """The budget against the path, with the counted sources' shares (funding after with_path)."""
    counted = funding.aid_counted
    aid_low, aid_high = funding.aid_by_end
    # A Budget reads only these values and the path's unknown items: kept by them (the path
    # kept with it, so its id is not another's while here; each value with its type, as an
    # int and a float of equal value are written apart).
    amount = funding.budget
    key = (
        id(cost),
        amount,
        amount.__class__,
        counted.min,
        counted.min.__class__,
        counted.max,
        counted.max.__class__,
        aid_low,
        aid_high,
        aid_names,
    )
    found = _BUDGETS.get(key)
    if found is not None and found[0] is cost:
        return found[1]
    budget = Budget(
        amount,
        cost.total_min,
        cost.total_max,
        aid_low,
        aid_high,
        aid_names,
        unknown_items(cost),
        counted,
    )
    if len(_BUDGETS) >= _KEPT_LIMIT:
        _BUDGETS.clear()
    _BUDGETS[key] = (cost, budget)
    return budget


# Budgets by what they read (see budget_of); bounded.
_BUDGETS: dict[tuple[object, ...], tuple[CostBreakdown, Budget]] = {}


# --- the API ------------------------------------------------------------------------------------


@fast_init
@dataclass(frozen=True)
class Money:
    """A person's money against one path: see the module docstring."""

    total: MinMax
    # None (and no gap, covers or own_gap) when the person gave no budget (`cost`, `aid`).
    budget: int | None
    sources: tuple[FundingSource, ...]
    aid_counted: MinMax
    left_to_pay: MinMax
    gap: MinMax | None
    covers: str | None
    conditional: bool
    # What is left to pay, and the gap, with only the sources that have no condition.
    without_conditional: MinMax
    own_gap: MinMax | None
    unknown: tuple[str, ...]
    funding: Funding = field(metadata=JSON_SKIP)
    # The path it is set against.
    cost: CostBreakdown = field(metadata=JSON_SKIP)
    # What is left to pay of the total to plan for, where newer reports raise it (see
    # left_to_plan_for); None where they do not (with_plan_for works it out: money_of has no
    # knowledge base).
    with_newer_figures: MinMax | None = None
    # What the person pays up front that a counted source repays after (paid_first).
    paid_first: tuple[PaidFirst, ...] = ()
    # What the budget falls short by at first at the guide's figures, with paid_first paid up
    # front (up_front); None where nothing is paid first, the budget holds it or is unknown.
    short_at_first: MinMax | None = None
    # What the budget falls short by at first of the total to plan for, with paid_first paid
    # up front (up_front_with_newer_figures); None where it holds it or the budget is unknown.
    short_at_first_with_newer_figures: MinMax | None = None


def money_of(funding: Funding, cost: CostBreakdown, *, budget_known: bool = True) -> Money:
    """The Money of a funding already set against a path (with_path)."""
    budget = budget_of(funding, cost)
    without = without_conditional(funding, cost)
    own = MinMax(max(0, without.min - funding.budget), max(0, without.max - funding.budget))
    paid = paid_first(funding, cost)
    first = up_front(funding.budget, budget.left_to_pay, paid) if budget_known else None
    return Money(
        total=MinMax(cost.total_min, cost.total_max),
        budget=funding.budget if budget_known else None,
        sources=tuple(source for source in funding.sources if source.applies),
        aid_counted=funding.aid_counted,
        left_to_pay=budget.left_to_pay,
        gap=budget.gap if budget_known else None,
        covers=budget.covers if budget_known else None,
        conditional=funding.conditional,
        without_conditional=without,
        own_gap=own if budget_known else None,
        unknown=unknown_names(cost),
        funding=funding,
        cost=cost,
        paid_first=paid,
        short_at_first=None if first is None else first.gap,
    )


def without_conditional(funding: Funding, cost: CostBreakdown) -> MinMax:
    """What is left to pay of the path with only the counted sources that have no condition
    (Money.without_conditional; funding already set against the path)."""
    # It reads only the path and the sources (kept by the very path and sources, kept with
    # it, so their ids are not others' while here: with_gap gives the very sources again).
    sources = funding.sources
    key = (id(cost), id(sources))
    found = _WITHOUT.get(key)
    if found is not None and found[0] is cost and found[1] is sources:
        return found[2]
    left = _without_conditional(funding, cost)
    if isinstance(sources, tuple):
        if len(_WITHOUT) >= _KEPT_LIMIT:
            _WITHOUT.clear()
        _WITHOUT[key] = (cost, sources, left)
    return left


# What is left to pay without the conditional sources, by the very path and sources; bounded.
_WITHOUT: dict[tuple[int, int], tuple[CostBreakdown, tuple[FundingSource, ...], MinMax]] = {}


def _without_conditional(funding: Funding, cost: CostBreakdown) -> MinMax:
    # Without the sources that have a condition, the others are counted again on their own:
    # they may pay what a conditional source sought before them would have paid.
    sure = _shares(cost, [s.terms for s in funding.sources if s.counted and not s.condition])
    return MinMax(
        cost.total_min - sum(low for low, _ in sure),
        cost.total_max - sum(high for _, high in sure),
    )


def unknown_names(cost: CostBreakdown) -> tuple[str, ...]:
    """The names of the path's items with no figure (Money.unknown)."""
    return tuple(item.name for item in cost.items if not item.known)


def money_for(
    kb: KnowledgeBase,
    profile: Profile,
    cost: CostBreakdown,
    *,
    assume: Collection[str] = (),
    known: Collection[str] | None = None,
) -> Money:
    """The person's money against any path: the sources that apply, what each counts, what is
    left to pay, and the budget against it. See the module docstring."""
    from billing_career.planning.rules import engine_for

    engine = engine_for(kb)
    funding = assess(engine, profile, engine.answer_facts(profile), assume=assume, known=known)
    funding = with_path(funding, cost)
    gap = cost.total_max - funding.aid_by_end[1] > profile.budget
    budget_known = known is None or "budget" in known
    return with_plan_for(kb, money_of(with_gap(funding, gap), cost, budget_known=budget_known))


def with_plan_for(kb: KnowledgeBase, money: Money) -> Money:
    """money, with what is left to pay of the total to plan for where newer reports raise it
    (the plan's "You pay ...; plan for"), for `cost` and `aid`."""
    from billing_career.reference.costs import total_with_newer_figures

    cost = money.cost
    total = total_with_newer_figures(kb, cost)
    newer = left_to_plan_for(money.funding, cost, money.left_to_pay, total)
    # What is paid at first may rise where what is left after the aid does not (the aid
    # repays all of a higher fee after): up_front_with_newer_figures asks it apart.
    first = (
        None
        if money.budget is None
        else up_front_with_newer_figures(
            money.budget, money.funding, cost, money.left_to_pay, total
        )
    )
    if newer is None and first is None:
        return money
    return replace(
        money,
        with_newer_figures=newer,
        short_at_first_with_newer_figures=None if first is None else first.gap,
    )


@dataclass(frozen=True)
class OptionalTraining:
    """A program named for a path that the person's answers make optional (the rules'
    training_optional, as the plan reads it): the path is priced without its tuition and fees,
    as the plan prices it; with_training is the path's total with them."""

    program: str
    name: str
    with_training: MinMax


def training_optional(kb: KnowledgeBase, profile: Profile) -> bool:
    """Whether the answers make a training program optional (the rules' training_optional
    flag, set by billing experience): the plan then leaves its tuition out, and so do `cost`
    and `aid` for the same answers."""
    from billing_career.planning.rules import engine_for

    engine = engine_for(kb)
    held = engine.holds_flag(profile, "training_optional")
    if held is None:
        held = "training_optional" in engine.evaluate(profile).flags
    return held


def named_path(
    kb: KnowledgeBase,
    program: str | None,
    cert: str,
    *,
    member: bool = False,
    remote: bool = False,
    held: Sequence[str] = (),
    profile: Profile | None = None,
    failed: Sequence[str] = (),
) -> tuple[CostBreakdown, OptionalTraining | None]:
    """The path `cost --program` and `aid --program` name (program None: no training), priced
    as the plan prices it for the person (profile: the answers given, None for none): a
    credential held from the certification's issuer makes them a member already, and a program
    their answers make optional leaves its tuition and fees out, its total with them beside;
    an exam they sat and did not pass (failed) is priced as a retake, as the plan prices it."""
    from billing_career.knowledge.lookup import resolve_certification
    from billing_career.reference.costs import already_member, cost_breakdown

    member_already = already_member(kb, cert, held)
    retake = resolve_certification(kb, cert).code in failed
    breakdown = cost_breakdown(
        kb,
        program,
        cert=cert,
        member=member,
        remote=remote,
        already_member=member_already,
        retake=retake,
    )
    chosen = breakdown.program
    if chosen is None or profile is None or not training_optional(kb, profile):
        return breakdown, None
    without = cost_breakdown(
        kb,
        program,
        cert=cert,
        member=member,
        remote=remote,
        include_tuition=False,
        already_member=member_already,
        retake=retake,
    )
    with_training = MinMax(breakdown.total_min, breakdown.total_max)
    return without, OptionalTraining(chosen.id, chosen.name, with_training)


@dataclass(frozen=True)
class PricedPath:
    """`bcareer cost --program`: the path's items and total, and with the person's answers (or
    --aid) the money against it."""

    breakdown: CostBreakdown = field(metadata=JSON_INLINE)
    money: Money | None
    # The named program, where the answers make it optional (left out of the total).
    optional_training: OptionalTraining | None = None


def money_text(span: Span) -> str:
    """'$1,500' or '$1,500-$3,500'."""
    low, high = span
    return money_span(min(low, high), max(low, high))
