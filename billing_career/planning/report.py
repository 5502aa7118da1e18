"""A counselor's caseload report: each plan reduced to a small typed record, the cohort summed up.

A plan is reduced to ClientFacts (`client_facts`): ids, amounts and dates only, no sentences
except the first action. The cohort's CaseloadReport is then added up from those records alone
(`Caseload.add`), so every total is the sum over the clients' own plans.

Nothing here names a rule or an aid source: blockers and warnings are grouped by the id of the
rule that raised them, aid by the id of its funding source, and a referral is any source the
client's first actions send them to (Plan.referred: the actions of data/aid.yaml `funding`, less
those a gate holds back).
A rule or source added to the data appears in the report without a change here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import statistics
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from billing_career.knowledge.serialize import JSON_SKIP
from billing_career.planning.amounts import MinMax
from billing_career.records import fast_init

if TYPE_CHECKING:
    from billing_career.knowledge.models import KnowledgeBase
    from billing_career.planning.batch import Options, Row, Work
    from billing_career.planning.money import NotAssessed, PaidFirst
    from billing_career.planning.planner import Plan


@fast_init
@dataclass(frozen=True)
class SourceFacts:
    """One aid source that applies to a client, or that its first actions send it to: whether
    the plan counted it, and for how much."""

    id: str
    name: str
    counted: bool
    # What this source alone is counted as paying of the client's path (0-0 when not counted).
    paid: MinMax
    # The source comes with something to do (visit an office, file a form): a referral.
    referral: bool


@fast_init
@dataclass(frozen=True)
class ClientFacts:
    """What the caseload report needs of one client's plan."""

    client: str
    line: int
    program: str | None
    program_name: str | None
    certification: str
    blockers: tuple[str, ...]
    warnings: tuple[str, ...]
    sources: tuple[SourceFacts, ...]
    # The path's total to plan for, as the plan's Total cost line says it (newer reports' higher
    # figures, where they raise it: money.against_plan_for).
    total_cost: MinMax
    # What the counted aid pays of that total (total_cost less you_pay: the columns add up).
    aid_counted: MinMax
    # What the aid counts at that total beyond its count at the guide's figures, at the low and
    # the high end (either may be below 0: a newer member fee lower than the guide's non-member
    # one that the GI Bill pays): the plan's sources say their shares at the guide's figures.
    aid_of_newer_figures: MinMax
    # What the person pays of that total after the counted aid, before the budget: the plan's
    # "You pay" (its "plan for" figure, where newer reports raise it).
    you_pay: MinMax
    # What the budget and the counted aid leave unpaid of that total (0-0: fully funded): the
    # shortfall the plan's Funding line and its budget warnings measure ("falls short by").
    left_to_pay: MinMax
    # The budget and the counted aid pay it all, and nothing blocks the start: a blocked client
    # is never counted fully funded, whatever the money of the plan for afterward.
    fully_funded: bool
    ready_by: dt.date
    payback_months: MinMax | None
    more_pay_now: bool
    # Pay given, but no months claimed: the guide's bands go by experience (planning/payback.py).
    payback_not_claimed: bool
    first_action: str | None
    # What the job-ready date rests on that the plan cannot know (the data's words: "if you are
    # off the exclusion list before training starts"), or None: such a date is not a sure one.
    ready_by_condition: str | None = None
    # The aid sources the client's answers leave undecided, with the answers that would decide
    # them (the plan's own not_assessed).
    not_assessed: tuple[NotAssessed, ...] = ()
    # Every step of the plan waits on a check the plan cannot know will pass (an early step's
    # gate: the exclusion list): the plan and its money are for afterward, so the client is
    # counted apart from the funded and the not funded. A blocker the client clears by their
    # own steps (a diploma or GED first, finishing high school) is no gate: those plans are
    # dated after it, and their money counts as the plan says.
    blocked: bool = False
    # The rules that held with a label (rules.yaml `label`) but are neither a blocker nor a
    # warning: a barrier a counselor counts (still in high school), by rule id.
    barriers: tuple[str, ...] = ()
    # What the client pays up front that a counted source repays after (the GI Bill's exam
    # fee), as the plan's You pay line says it; () where nothing is.
    paid_first: tuple[PaidFirst, ...] = ()
    # What the budget falls short by at first, with that paid up front, of the same total as
    # left_to_pay (the plan's "... at first"); None where nothing is paid first or the budget
    # holds it.
    short_at_first: MinMax | None = None


def client_facts(plan: Plan, client: str, line: int) -> ClientFacts:
    """The facts of one plan, for the client named client (the file's id, or its row)."""
    # The budget against the total the plan says to plan for, as its warnings measure it: the
    # guide's figures, or newer reports' higher ones where they raise the total ("newer
    # reports: falls short by $145-$422").
    budget = plan.planned_budget
    program = plan.program
    # A referral is a source the plan's first actions send the client to: none held back by a
    # gate (the exclusion list), and a source named by another's action (the FAFSA in VR's,
    # where the path has no program for it) as well.
    referred = plan.referred
    sources = tuple(
        SourceFacts(
            source.id,
            source.name,
            source.counted,
            source.counted_as if source.counted_as is not None else MinMax(0, 0),
            source.id in referred,
        )
        for source in plan.funding.sources
        if source.applies or source.id in referred
    )
    payback = plan.payback
    blocked = plan.gate is not None
    you = plan.you_pay
    # At first, of the total left_to_pay is measured against (the plan's Funding line says the
    # one after newer reports' clause where they raise what is paid at first: it may rise where
    # what is left after the aid does not, the aid repaying all of a higher fee after).
    at_first = (
        you.short_at_first
        if you.short_at_first_with_newer_figures is None
        else you.short_at_first_with_newer_figures
    )
    return ClientFacts(
        client=client,
        line=line,
        program=program.id if program is not None else None,
        program_name=program.name if program is not None else None,
        certification=plan.certification.id,
        blockers=tuple(message.rule for message in plan.blockers),
        warnings=tuple(message.rule for message in plan.warnings),
        sources=sources,
        total_cost=MinMax(budget.total_min, budget.total_max),
        aid_counted=budget.aid_counted,
        aid_of_newer_figures=MinMax(
            budget.aid_counted.min - plan.budget.aid_counted.min,
            budget.aid_counted.max - plan.budget.aid_counted.max,
        ),
        you_pay=budget.left_to_pay,
        left_to_pay=budget.gap,
        fully_funded=budget.covers == "all" and not blocked,
        ready_by=plan.ready_by,
        payback_months=payback.months if payback is not None else None,
        # Only current pay above the band; no months claimed for experience is not that.
        more_pay_now=payback is not None and payback.more_pay_now,
        payback_not_claimed=payback is not None and payback.basis == "experience",
        first_action=plan.first_actions[0] if plan.first_actions else None,
        ready_by_condition=plan.ready_by_condition,
        not_assessed=plan.not_assessed,
        blocked=blocked,
        barriers=tuple(
            result.rule.id
            for result in plan.findings.results
            if result.fired
            and result.rule.label is not None
            and not (result.rule.then.blocker or result.rule.then.warning)
        ),
        paid_first=you.paid_first,
        short_at_first=at_first,
    )


@dataclass(frozen=True)
class RowFailure:
    """A row of the file that gave no plan: its line and why."""

    row: int
    line: int
    message: str


@dataclass(frozen=True)
class Count:
    """How many clients share one value (a program, a certification), and which."""

    id: str
    name: str
    count: int
    clients: tuple[str, ...]


@dataclass(frozen=True)
class Finding:
    """A blocker or warning (by the id of the rule that raised it), with the clients it
    concerns."""

    id: str
    kind: str  # 'blocker', 'barrier' (a labeled rule neither: ClientFacts.barriers) or 'warning'
    count: int
    clients: tuple[str, ...]
    # The rule's own few words (rules.yaml `label`), when it has them.
    label: str | None = None


@dataclass(frozen=True)
class SourceTotal:
    """One aid source over the cohort: the clients it is counted for and the sum it pays."""

    id: str
    name: str
    clients: int
    min: float
    max: float


@dataclass(frozen=True)
class Referral:
    """The clients to send to one aid source's office or form."""

    id: str
    name: str
    count: int
    clients: tuple[str, ...]


@dataclass(frozen=True)
class FollowUp:
    """One aid source the answers of some clients leave undecided, and the answers that would
    decide it: a counselor's follow-up."""

    id: str
    name: str
    # Its short name where it has one ('WIOA'), else None.
    short: str | None
    # The answers to get (ids of planning.answers) and their questions as asked.
    answers: tuple[str, ...]
    questions: tuple[str, ...]
    # Where the clients can ask instead (the catalog's refer_to), or None.
    refer_to: str | None
    count: int
    clients: tuple[str, ...]


@dataclass(frozen=True)
class NotAssessedTotals:
    """The aid the clients' answers leave undecided, summed from their plans' not_assessed."""

    # Every client with at least one source not assessed, in the file's order.
    clients: tuple[str, ...]
    # By source and the answers that would decide it: the most clients first.
    by_source: tuple[FollowUp, ...]


@dataclass(frozen=True)
class FundingTotals:
    """The cohort's money, each figure the sum over its clients' plans."""

    total_cost: MinMax
    aid_counted: MinMax
    # Each source alone, summed; together they may pay less (a plan never counts past the cost).
    # At the guide's figures, as the plans name them.
    aid_by_source: tuple[SourceTotal, ...]
    # What the clients pay after the counted aid, before their budgets (ClientFacts.you_pay).
    you_pay: MinMax
    # What their budgets and the counted aid leave unpaid: the shortfall (ClientFacts.left_to_pay).
    left_to_pay: MinMax
    # Each client is in exactly one of the three: fully funded, not, or blocked (counted as
    # neither: ClientFacts.blocked). The sums above are over every client, the blocked too.
    fully_funded: tuple[str, ...]
    not_funded: tuple[str, ...]
    blocked: tuple[str, ...] = ()
    # The clients who pay a fee up front that their aid repays after (ClientFacts.paid_first),
    # and the shortfall at first over every client: each one's short_at_first where given, else
    # its left_to_pay (what stays short once the fee is repaid).
    paid_up_front: tuple[str, ...] = ()
    short_at_first: MinMax = field(default_factory=lambda: MinMax(0, 0))
    # What aid_counted holds beyond the sources' lines (at the guide's figures), at each end:
    # ClientFacts.aid_of_newer_figures, summed (either end may be below 0).
    aid_of_newer_figures: MinMax = field(default_factory=lambda: MinMax(0, 0))


@dataclass(frozen=True)
class PaybackSummary:
    """Months to pay back the path, over the clients whose entry pay beats their current pay."""

    # The clients with a payback in months (they gave their current pay, and it is beaten).
    clients: int
    # The median of the clients' fastest and of their slowest months; the range over all.
    median: MinMax | None
    range: MinMax | None
    # Clients whose current pay the band for their experience does not beat: no months.
    no_payback: tuple[str, ...]
    # Clients with billing experience: no months claimed (the guide's pay goes by experience,
    # and it gives no figure for what a certification adds).
    not_claimed: tuple[str, ...] = ()


@dataclass(frozen=True)
class OnCondition:
    """The clients whose job-ready date holds only on one condition the plans cannot know (the
    exclusion list): left out of the dates by month."""

    condition: str
    count: int
    clients: tuple[str, ...]
    # The condition as the counselor reads it of a client ("if they are off the exclusion list
    # before training starts"): the early step's ready_condition_of_client.
    of_client: str = ""


@dataclass(frozen=True)
class CaseloadReport:
    """The whole caseload, in the order of the JSON of `bcareer report --output FILE.json`."""

    clients: int
    errors: tuple[RowFailure, ...]
    by_program: tuple[Count, ...]
    by_certification: tuple[Count, ...]
    blockers: tuple[Finding, ...]
    funding: FundingTotals
    referrals: tuple[Referral, ...]
    not_assessed: NotAssessedTotals
    # The sure dates only; the others are in ready_by_on_condition.
    ready_by_month: dict[str, int]
    ready_by_on_condition: tuple[OnCondition, ...]
    payback: PaybackSummary
    rows: tuple[ClientFacts, ...]
    # The first day any plan was made from, for the page's heading.
    made_on: dt.date | None = field(default=None, metadata=JSON_SKIP)
    # Each row's indented JSON as it stands in the report's rows, when the workers that planned
    # them wrote it (see facts_and_json_of_row); () when not. rows_json_of: the very rows they
    # were written for (a copy of the report with other rows must not use them).
    rows_json: tuple[str, ...] = field(default=(), metadata=JSON_SKIP, compare=False, repr=False)
    rows_json_of: tuple[ClientFacts, ...] = field(
        default=(), metadata=JSON_SKIP, compare=False, repr=False
    )


class Caseload:
    """Adds plans up one at a time (a batch streams), then gives the CaseloadReport."""

    def __init__(
        self,
        labels: Mapping[str, str] | None = None,
        referrals: Mapping[str, str] | None = None,
        conditions: Mapping[str, str] | None = None,
        questions: Mapping[str, str] | None = None,
    ) -> None:
        self.rows: list[ClientFacts] = []
        self.errors: list[RowFailure] = []
        self.labels = dict(labels or {})
        self.referrals = dict(referrals or {})
        self.conditions = dict(conditions or {})
        self.questions = dict(questions or {})

    def add(self, facts: ClientFacts) -> None:
        self.rows.append(facts)

    def fail(self, failure: RowFailure) -> None:
        self.errors.append(failure)

    def report(
        self, made_on: dt.date | None = None, rows_json: tuple[str, ...] = ()
    ) -> CaseloadReport:
        report = summarize(
            self.rows,
            self.errors,
            made_on,
            self.labels,
            self.referrals,
            self.conditions,
            self.questions,
        )
        if rows_json:
            report = dataclasses.replace(report, rows_json=rows_json, rows_json_of=report.rows)
        return report


def facts_of_row(kb: KnowledgeBase, row: Row, options: Options) -> ClientFacts:
    """The work of a batch for the report: what the report needs of one row's plan."""
    from billing_career.planning.batch import plan_of_row

    # Brief: the report reads none of the options table, the other path or the fallback.
    return client_facts(plan_of_row(kb, row, options, brief=True), row.client, row.line)


# Where a row's JSON stands in the report's: an item of the list under the top-level "rows".
ROW_JSON_LEVEL = 2


def facts_and_json_of_row(kb: KnowledgeBase, row: Row, options: Options) -> tuple[ClientFacts, str]:
    """The work of a batch for a report written as JSON: the row's facts and their indented
    JSON as it stands in the report, written by the worker (not one after the other by the
    parent at the end)."""
    from billing_career.knowledge.serialize import json_text

    facts = facts_of_row(kb, row, options)
    return facts, json_text(facts, indent=True, level=ROW_JSON_LEVEL)


def plan_caseload(
    kb: KnowledgeBase,
    rows: Iterable[Row],
    options: Options,
    *,
    workers: int = 1,
    progress: Callable[[int], object] | None = None,
    rows_json: bool = False,
) -> CaseloadReport:
    """Plan every row (in workers processes, see planning.batch) and sum the caseload up;
    progress(rows done) is called now and then. rows_json: the report is to be written as
    JSON, each row's text made where the row is planned (CaseloadReport.rows_json)."""
    from billing_career.planning.batch import outcomes

    caseload = Caseload(
        rule_labels(kb), referral_names(kb), conditions_of_client(kb), question_prompts(kb)
    )
    texts: list[str] = []
    work: Work[ClientFacts | tuple[ClientFacts, str]] = (
        facts_and_json_of_row if rows_json else facts_of_row
    )
    for done, outcome in enumerate(outcomes(kb, rows, options, work, workers), 1):
        result = outcome.result
        if result is None:
            caseload.fail(RowFailure(outcome.number, outcome.line, outcome.error or ""))
        elif isinstance(result, tuple):
            caseload.add(result[0])
            texts.append(result[1])
        else:
            caseload.add(result)
        if progress is not None and not done % 50:
            progress(done)
    if progress is not None:
        progress(len(caseload.rows) + len(caseload.errors))
    return caseload.report(options.today, tuple(texts))


def _counts(pairs: Iterable[tuple[str, str, str]]) -> tuple[Count, ...]:
    """(id, name, client) triples grouped: the most clients first, then by id."""
    groups: dict[str, tuple[str, list[str]]] = {}
    for ident, name, client in pairs:
        groups.setdefault(ident, (name, []))[1].append(client)
    ordered = sorted(groups.items(), key=lambda item: (-len(item[1][1]), item[0]))
    return tuple(
        Count(ident, name, len(clients), tuple(clients)) for ident, (name, clients) in ordered
    )


def _span(pairs: Iterable[MinMax]) -> MinMax:
    low = high = 0.0
    for pair in pairs:
        low += pair.min
        high += pair.max
    return MinMax(low, high)


def rule_labels(kb: KnowledgeBase) -> dict[str, str]:
    """Each blocker's or warning's few words, by the id of the rule that raises it."""
    return {rule.id: rule.label for rule in kb.rules.rules if rule.label}


def referral_names(kb: KnowledgeBase) -> dict[str, str]:
    """Where a counselor sends a client for each aid source (aid.yaml `refer_to`), by its id."""
    return {entry.aid: entry.refer_to for entry in kb.aid.funding if entry.refer_to}


def conditions_of_client(kb: KnowledgeBase) -> dict[str, str]:
    """Each early step's job-ready condition as a counselor reads it of a client, by the
    condition as the plan says it to the person."""
    return {
        step.ready_condition: step.ready_condition_of_client
        for step in kb.rules.early_steps
        if step.ready_condition and step.ready_condition_of_client
    }


def question_prompts(kb: KnowledgeBase) -> dict[str, str]:
    """Each answer's question as asked (data/questions.yaml), by the answer's id."""
    return {question.id: question.prompt for question in kb.questions.questions}


def summarize(
    rows: Iterable[ClientFacts],
    errors: Iterable[RowFailure] = (),
    made_on: dt.date | None = None,
    labels: Mapping[str, str] | None = None,
    referral_names: Mapping[str, str] | None = None,
    conditions: Mapping[str, str] | None = None,
    questions: Mapping[str, str] | None = None,
) -> CaseloadReport:
    """The caseload report of these clients' facts and the rows that gave no plan;
    conditions: conditions_of_client's, so the report speaks of the client; questions:
    question_prompts', so a follow-up names the question to ask."""
    rows = tuple(rows)
    # One pass over the clients, in their order (each sum is added up in it): a caseload may
    # hold 10,000 of them.
    programs: list[tuple[str, str, str]] = []
    certifications: list[tuple[str, str, str]] = []
    findings: dict[tuple[str, str], list[str]] = {}
    sources: dict[str, tuple[str, list[MinMax]]] = {}
    referred: dict[str, tuple[str, list[str]]] = {}
    cost_low = cost_high = aid_low = aid_high = pay_low = pay_high = left_low = left_high = 0.0
    first_low = first_high = newer_low = newer_high = 0.0
    up_front: list[str] = []
    fully_funded: list[str] = []
    not_funded: list[str] = []
    blocked: list[str] = []
    timed: list[MinMax] = []
    no_payback: list[str] = []
    not_claimed: list[str] = []
    undecided: list[str] = []
    follow_up: dict[tuple[str, tuple[str, ...]], tuple[NotAssessed, list[str]]] = {}
    where_to = referral_names or {}
    for row in rows:
        client = row.client
        if row.program is not None:
            programs.append((row.program, row.program_name or row.program, client))
        else:
            programs.append(("none", "No program", client))
        certifications.append((row.certification, row.certification, client))
        for kind, ids in (
            ("blocker", row.blockers),
            ("barrier", row.barriers),
            ("warning", row.warnings),
        ):
            for ident in dict.fromkeys(ids):
                findings.setdefault((kind, ident), []).append(client)
        # "More pay now" is a warning of the rules (with its label); the payback's "none" is the
        # same fact, so it is not counted a second time here.
        for source in row.sources:
            if source.counted:
                sources.setdefault(source.id, (source.name, []))[1].append(source.paid)
            if source.referral:
                where = where_to.get(source.id, source.name)
                referred.setdefault(source.id, (where, []))[1].append(client)
        cost_low += row.total_cost.min
        cost_high += row.total_cost.max
        aid_low += row.aid_counted.min
        aid_high += row.aid_counted.max
        newer_low += row.aid_of_newer_figures.min
        newer_high += row.aid_of_newer_figures.max
        pay_low += row.you_pay.min
        pay_high += row.you_pay.max
        left_low += row.left_to_pay.min
        left_high += row.left_to_pay.max
        first = row.left_to_pay if row.short_at_first is None else row.short_at_first
        first_low += first.min
        first_high += first.max
        if row.paid_first:
            up_front.append(client)
        if row.blocked:
            blocked.append(client)
        else:
            (fully_funded if row.fully_funded else not_funded).append(client)
        if row.payback_months is not None:
            timed.append(row.payback_months)
        if row.more_pay_now:
            no_payback.append(client)
        if row.payback_not_claimed:
            not_claimed.append(client)
        if row.not_assessed:
            undecided.append(client)
            for item in row.not_assessed:
                follow_up.setdefault((item.id, item.answers), (item, []))[1].append(client)
    rank = {"blocker": 0, "barrier": 1, "warning": 2}
    blockers = tuple(
        Finding(ident, kind, len(clients), tuple(clients), (labels or {}).get(ident))
        for (kind, ident), clients in sorted(
            findings.items(), key=lambda item: (rank[item[0][0]], -len(item[1]), item[0][1])
        )
    )
    funding = FundingTotals(
        total_cost=MinMax(cost_low, cost_high),
        aid_counted=MinMax(aid_low, aid_high),
        aid_by_source=tuple(
            SourceTotal(ident, name, len(paid), _span(paid).min, _span(paid).max)
            for ident, (name, paid) in sorted(sources.items(), key=lambda item: item[0])
        ),
        you_pay=MinMax(pay_low, pay_high),
        left_to_pay=MinMax(left_low, left_high),
        fully_funded=tuple(fully_funded),
        not_funded=tuple(not_funded),
        blocked=tuple(blocked),
        paid_up_front=tuple(up_front),
        short_at_first=MinMax(first_low, first_high),
        aid_of_newer_figures=MinMax(newer_low, newer_high),
    )
    referrals = tuple(
        Referral(ident, name, len(clients), tuple(clients))
        for ident, (name, clients) in sorted(
            referred.items(), key=lambda item: (-len(item[1][1]), item[0])
        )
    )
    months: dict[str, int] = {}
    # In date order; a month's words once for each day (many clients share a day).
    named: dict[dt.date, str] = {}
    on_condition: dict[str, list[str]] = {}
    for row in rows:
        if row.ready_by_condition is not None:
            # Not a sure date: counted apart (in the file's order, as every list of clients),
            # never as if the client will be ready then.
            on_condition.setdefault(row.ready_by_condition, []).append(row.client)
    for row in sorted(rows, key=lambda row: row.ready_by):
        if row.ready_by_condition is not None:
            continue
        key = named.get(row.ready_by)
        if key is None:
            key = named[row.ready_by] = row.ready_by.strftime("%Y-%m")
        months[key] = months.get(key, 0) + 1
    payback = PaybackSummary(
        clients=len(timed),
        median=MinMax(
            statistics.median(m.min for m in timed), statistics.median(m.max for m in timed)
        )
        if timed
        else None,
        range=MinMax(min(m.min for m in timed), max(m.max for m in timed)) if timed else None,
        no_payback=tuple(no_payback),
        not_claimed=tuple(not_claimed),
    )
    asked = questions or {}
    not_assessed = NotAssessedTotals(
        clients=tuple(undecided),
        by_source=tuple(
            FollowUp(
                item.id,
                item.name,
                item.short,
                item.answers,
                tuple(asked.get(answer, answer) for answer in item.answers),
                item.refer_to,
                len(clients),
                tuple(clients),
            )
            for (_, _), (item, clients) in sorted(
                follow_up.items(), key=lambda entry: (-len(entry[1][1]), entry[0])
            )
        ),
    )
    by_program = _counts(programs)
    by_certification = _counts(certifications)
    return CaseloadReport(
        clients=len(rows),
        errors=tuple(errors),
        by_program=by_program,
        by_certification=by_certification,
        blockers=blockers,
        funding=funding,
        referrals=referrals,
        not_assessed=not_assessed,
        ready_by_month=months,
        ready_by_on_condition=tuple(
            OnCondition(
                condition,
                len(clients),
                tuple(clients),
                (conditions or {}).get(condition, condition),
            )
            for condition, clients in sorted(on_condition.items())
        ),
        payback=payback,
        rows=rows,
        made_on=made_on,
    )
