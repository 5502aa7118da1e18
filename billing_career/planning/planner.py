"""Answers + knowledge -> Plan: program, certification, funding, dated steps, cost, pay, actions.

The decisions are the rules' (data/rules.yaml): the planner adds up their scores and picks the
highest candidate that no rule ruled out (ties follow planning.tie_break). Around that:

- money (planning/money.py) decides first which aid sources count, so programs are ranked on
  what the budget plus the counted aid can pay for, then what each source pays of the chosen path
  and what is left; when counted aid has a condition, the plan also gives a fallback the budget
  alone pays for (recommendations.fallback), and when another path leaves less to pay it says so;
- with programs_by_cost (the funds reach no program) programs are ranked by their cost before
  the exam, cheapest first, then by score: the smallest gap among the programs not ruled out;
- the rules run in two stages: the first chooses the program, delivery and certification; the
  cost of that whole path then gives the path facts (money.Budget.path_facts) for the second;
- the dates come from planning/timeline.py, pay and "is it worth it?" from planning/payback.py.

The same profile (start date included) always gives the same plan and byte-identical JSON.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from billing_career.knowledge.figures import money_span
from billing_career.knowledge.lookup import lower_first
from billing_career.knowledge.memo import PerKnowledgeBase
from billing_career.knowledge.serialize import JSON_INLINE, JSON_OMIT_NONE, JSON_SKIP, json_as
from billing_career.knowledge.wording import date_text, fee_text
from billing_career.planning import timeline
from billing_career.planning.amounts import MinMax
from billing_career.planning.conditions import COUNTED_AID

# The money functions a plan prices its path with, imported once (a function's own import
# is looked up again at every call, a plan's several prices).
from billing_career.planning.money import (
    Budget,
    against_plan_for,
    assess,
    budget_of,
    decision_wait,
    for_training,
    left_to_plan_for,
    not_assessed,
    paid_first,
    unknown_names,
    up_front,
    up_front_with_newer_figures,
    with_gap,
    with_path,
    with_planned,
    without_conditional,
)
from billing_career.planning.options import (
    OptionCertification,
    OptionPayback,
    OptionProgram,
    PathOption,
    choose,
    contenders,
    goal_program,
    goal_row,
    priced,
    ready_by,
)
from billing_career.planning.payback import experience_levels, person_payback, salary_view
from billing_career.planning.profile import Profile
from billing_career.planning.reasons import (
    AidPick,
    Alternative,
    Pick,
    PlanReasons,
    ProvisionalExam,
    provisional_exam,
)
from billing_career.planning.rules import (
    CandidateKind,
    Findings,
    Message,
    RuleEngine,
    engine_for,
)
from billing_career.records import fast_init
from billing_career.reference.costs import already_member, cost_breakdown, total_with_newer_figures

if TYPE_CHECKING:
    from billing_career.knowledge.models import Conclusion, KnowledgeBase, Program
    from billing_career.planning.explain import Explanation
    from billing_career.planning.money import (
        AidWait,
        Funding,
        FundingSource,
        NotAssessed,
        PaidFirst,
    )
    from billing_career.planning.options import Candidate, GoalRow
    from billing_career.planning.payback import Payback, PlanSalary
    from billing_career.planning.timeline import Gate, PlanStep
    from billing_career.reference.costs import CostBreakdown, NewerTotal


@fast_init
@dataclass(frozen=True)
class FallbackProgram:
    """The program the budget alone would pay for."""

    id: str
    name: str
    optional: bool


@fast_init
@dataclass(frozen=True)
class FallbackCertification:
    """The certification of the fallback path."""

    code: str


@fast_init
@dataclass(frozen=True)
class Fallback:
    """When counted aid has a condition: the path the budget alone pays for, and its gap."""

    when: str
    program: FallbackProgram | None
    certification: FallbackCertification
    cost: MinMax
    covers: str
    gap: MinMax
    summary: str


@fast_init
@dataclass(frozen=True)
class YouPay:
    """What the person pays themselves after the counted aid, as a range (the first screen's
    "You pay"), and what they would pay if the conditional aid does not come through."""

    min: float
    max: float
    # None when no counted source has a condition.
    without_conditional_aid: MinMax | None
    # The path's costs no source gives a figure for: not in the range.
    not_counted: tuple[str, ...]
    # Where newer reports raise the total to plan for: what the person pays of it (the higher
    # figure at each end, as for the total), the counted aid paying of the newer figures as it
    # pays of the guide's; None where they do not raise it.
    with_newer_figures: MinMax | None = None
    # What the person pays up front that a counted source repays after (money.paid_first):
    # counted in min and max as paid by the source.
    paid_first: tuple[PaidFirst, ...] = ()
    # What the budget falls short by at first, with paid_first paid up front (money.up_front):
    # None where nothing is paid first or the budget holds it; the shortfall that stays (the
    # warnings', the report's) is the budget's gap.
    short_at_first: MinMax | None = None
    # The same at the total to plan for where newer reports raise it
    # (money.up_front_with_newer_figures): short_at_first is at the guide's figures.
    short_at_first_with_newer_figures: MinMax | None = None


# A path the options weigh: its program record, delivery, certification, whether training is
# optional, and its cost (Planner._paths).
PathParts = tuple["Program | None", str | None, str, bool, "CostBreakdown"]

# When another path is job-ready beside the chosen one.
Timing = Literal["sooner", "same", "later"]


@fast_init
@dataclass(frozen=True)
class OtherPath:
    """Another path of the options that leaves less to pay than the chosen one: one ready as
    soon (or sooner), else, when the budget falls short, the lowest-cost (Planner._other_path)."""

    program: FallbackProgram
    certification: str
    cost: MinMax
    left_to_pay: MinMax
    covers: str
    gap: MinMax
    # Its job-ready date, and when that is beside the chosen path's: "sooner", "same", "later".
    ready_by: dt.date
    timing: Timing
    # Whether it leaves less to pay than the chosen path; False: no more, and ready sooner.
    leaves_less: bool = True
    # The aid counted against it (ids, and names for the sentence): what it leaves rests on it.
    counted_aid: tuple[str, ...] = ()
    counted_aid_names: tuple[str, ...] = field(default=(), metadata=JSON_SKIP)


@dataclass(frozen=True)
class SwappedFrom:
    """The path the rules chose, when the plan recommends another in its place (Planner._swap):
    the budget does not cover what the rules' pick leaves to pay, and another path of the
    options, ready as soon or sooner, leaves less. The plan is built from that other path."""

    program: FallbackProgram
    delivery: str | None
    certification: str
    cost: MinMax
    left_to_pay: MinMax
    ready_by: dt.date
    # How the plan's own job-ready date stands beside this one's: "same" or "sooner".
    timing: Timing
    # The guide's Best For of its program ("Quick entry"), for the sentence.
    best_for: str | None = field(default=None, metadata=JSON_SKIP)


@fast_init
@dataclass(frozen=True)
class ProgramRecommendation:
    """The recommended program: its reasons, whether training is optional, and how it is given."""

    id: str
    name: str
    reasons: tuple[str, ...]
    optional: bool
    delivery: str | None


@fast_init
@dataclass(frozen=True)
class CertificationRecommendation:
    """The recommended certification and its reasons."""

    code: str
    name: str
    reasons: tuple[str, ...]


@fast_init
@dataclass(frozen=True)
class Recommendations:
    """What the plan recommends: program, certification, a fallback, aid, and the alternatives."""

    program: ProgramRecommendation | None
    certification: CertificationRecommendation
    fallback: Fallback | None
    financial_aid: tuple[AidPick, ...]
    alternatives: tuple[Alternative, ...]


@fast_init
@dataclass(frozen=True)
class PlanProfile:
    """The answers a plan was made from, and where each came from (JSON `profile`)."""

    answers: Profile = field(metadata=JSON_INLINE)
    # Each answer's origin: flag, answers-file, asked, saved or default.
    answered: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "answered", self.answers.origins)


@fast_init
@dataclass(frozen=True)
class PlanCost:
    """The path's cost breakdown, with its total redone with newer figures beside it."""

    breakdown: CostBreakdown = field(metadata=JSON_INLINE)
    total_with_newer_figures: NewerTotal | None


@fast_init
@dataclass(frozen=True, kw_only=True)
class Plan:
    """A personal plan, with everything it was made from; its fields in the order of the JSON
    of `bcareer plan --json` (to_json(plan))."""

    profile: Profile = field(metadata=json_as(convert=PlanProfile))
    findings: Findings = field(metadata=JSON_SKIP)
    # One line naming, in words, the defaults the plan used and how to change them.
    assumed: str = field(init=False)
    blockers: tuple[Message, ...] = field(init=False)
    # The rules' warnings, then the plan's own.
    warnings: tuple[Message, ...] = field(init=False)
    recommendations: Recommendations = field(init=False)
    # "Your options": the paths worth weighing side by side (planning/options.py).
    options: tuple[PathOption, ...] = ()
    # Why the path of the goal the person gave (its options row) is not the recommended one, as
    # facts (planning/options.py GoalRow; render words them); left out of the JSON without one.
    goal_row: GoalRow | None = field(default=None, metadata=JSON_OMIT_NONE)
    program: Pick | None = field(metadata=JSON_SKIP)
    program_optional: bool = field(metadata=JSON_SKIP)
    delivery: str | None = field(metadata=JSON_SKIP)
    certification: Pick = field(metadata=JSON_SKIP)
    aid: tuple[AidPick, ...] = field(metadata=JSON_SKIP)
    alternatives: tuple[Alternative, ...] = field(metadata=JSON_SKIP)
    fallback: Fallback | None = field(default=None, metadata=JSON_SKIP)
    funding: Funding
    # The aid sources an answer not given leaves undecided (money.not_assessed).
    not_assessed: tuple[NotAssessed, ...] = ()
    steps: tuple[PlanStep, ...]
    cost: CostBreakdown = field(metadata=JSON_SKIP)
    total_with_newer_figures: NewerTotal | None = field(default=None, metadata=JSON_SKIP)
    priced: PlanCost = field(init=False, metadata=json_as(key="cost"))
    budget: Budget
    # The budget against the total the plan says to plan for (money.against_plan_for): what
    # the budget warnings measure, and the caseload report.
    planned_budget: Budget = field(metadata=JSON_SKIP)
    you_pay: YouPay
    # Another path that leaves less to pay: one ready as soon, or, when the chosen path leaves
    # a gap, the lowest-cost (Planner._other_path).
    other_path: OtherPath | None = None
    # The rules' pick when the plan recommends, in its place, a path ready as soon that leaves
    # less to pay than the budget could (Planner._swap); None when the plan is the rules' pick.
    swapped_from: SwappedFrom | None = None
    salary: PlanSalary
    ready_by: dt.date
    ready_by_basis: str = ""
    # What the date rests on that the plan cannot know ("if you are off the exclusion list
    # before training starts"), or None.
    ready_by_condition: str | None = None
    # An aid office's decision that lengthened the enroll step (VR's 60 days), or None.
    enroll_wait: AidWait | None = field(default=None, metadata=JSON_OMIT_NONE)
    # Still in high school: the certification's provisional certificate, where it has one and
    # the plan's exam falls in its months before graduation (reasons.provisional_exam).
    provisional_exam: ProvisionalExam | None = field(default=None, metadata=JSON_OMIT_NONE)
    # A check every later step rests on (the exclusion list): which steps hold only once it
    # passes, and what to do while it fails; None for everyone else.
    gate: Gate | None = None
    payback: Payback | None = None
    first_actions: tuple[str, ...]
    # The aid sources (ids) the first actions send the person to: the caseload report's
    # referrals, so a gate's held-back actions hold the referrals back too.
    referred: tuple[str, ...] = field(default=(), metadata=JSON_SKIP)
    # Warnings that are not a rule's (a start date in the past).
    notices: tuple[Message, ...] = field(default=(), metadata=JSON_SKIP)

    def __post_init__(self) -> None:
        findings = self.findings
        set_field = object.__setattr__
        set_field(self, "assumed", assumed_line(findings, self.profile.defaulted))
        set_field(self, "blockers", tuple(findings.blockers))
        set_field(self, "warnings", (*findings.warnings, *self.notices))
        program = None
        if self.program is not None:
            program = ProgramRecommendation(
                self.program.id,
                self.program.name,
                self.program.reasons,
                self.program_optional,
                self.delivery,
            )
        cert = self.certification
        recommendations = Recommendations(
            program,
            CertificationRecommendation(cert.id, cert.name, cert.reasons),
            self.fallback,
            self.aid,
            self.alternatives,
        )
        set_field(self, "recommendations", recommendations)
        set_field(self, "priced", PlanCost(self.cost, self.total_with_newer_figures))

    @property
    def other_path_is_not_the_least(self) -> bool:
        """Whether the other path (one ready as soon that leaves less) is not the options'
        least-to-pay row, which is ready later: two true answers a reader takes for one."""
        other = self.other_path
        least = next((row for row in self.options if "lowest-cost" in row.labels), None)
        if other is None or least is None or not other.leaves_less or other.timing == "later":
            return False
        same = least.path == (other.program.id, other.certification)
        return not same and least.ready_by > other.ready_by

    @property
    def starts_in_past(self) -> bool:
        """The plan starts before the day it was made: its first week is not this week."""
        return any(notice.rule == "start-date-in-past" for notice in self.notices)

    @property
    def first_actions_heading(self) -> str:
        """'First actions for this week', or, for a plan that starts before today, words that
        do not put its first week now."""
        if self.starts_in_past:
            return f"First actions (from your start date, {date_text(self.profile.start)})"
        return "First actions for this week"

    def explained(self) -> ExplainedPlan:
        """The plan with every rule's outcome: the JSON of `bcareer plan --json --explain`."""
        from billing_career.planning.explain import explanation

        return ExplainedPlan(self, explanation(self.findings, self.funding))


@dataclass(frozen=True)
class ExplainedPlan:
    """A plan and why: to_json gives the plan's keys, then `explain`."""

    plan: Plan = field(metadata=JSON_INLINE)
    explain: Explanation


def assumed_line(findings: Findings, defaulted: Sequence[str]) -> str:
    """'Assumed, as you did not say: your billing experience: 0 years; ... If one is wrong, ...',
    or '' with no defaults. In words only: the plan's body names no flag."""
    # The line reads the rules' words and, of each default, its fact's value: kept by those
    # (each value with its type, as RuleWords.sentence keeps them), for the engine it was
    # worded by; a batch meets a handful of lines.
    engine = findings.engine
    facts = findings.facts
    values = [facts.get(name, _ABSENT) for name in defaulted]
    key = (id(engine), *defaulted, _ABSENT, *values, *[value.__class__ for value in values])
    try:
        found = _ASSUMED.get(key)
    except TypeError:  # a value that cannot be a key
        return _assumed_line(findings, defaulted)
    if found is not None and found[0] is engine:
        return found[1]
    line = _assumed_line(findings, defaulted)
    if len(_ASSUMED) >= _ASSUMED_LIMIT:
        _ASSUMED.clear()
    # The engine is kept with its line, so its id cannot be another's while it is kept.
    _ASSUMED[key] = (engine, line)
    return line


# A default whose fact the facts lack (assumed_line leaves it out).
_ABSENT = object()
# The lines of assumed_line by what they read, with the engine that worded each.
_ASSUMED: dict[tuple[object, ...], tuple[RuleEngine, str]] = {}
_ASSUMED_LIMIT = 1024


def _assumed_line(findings: Findings, defaulted: Sequence[str]) -> str:
    """assumed_line's line, worded afresh."""
    engine = findings.engine
    parts = []
    for name in defaulted:
        if name not in findings.facts:
            continue
        value = engine.fact_text(name, findings.facts[name])
        parts.append(f"{engine.label(name)}: {value}")
    if not parts:
        return ""
    return (
        f"Assumed, as you did not say: {'; '.join(parts)}. If one is wrong, answer that "
        "question and make the plan again."
    )


@fast_init
@dataclass(frozen=True)
class Choice:
    """What the stage-1 rules chose: the program (ranked list too), delivery, certification."""

    programs: tuple[str, ...]
    program_id: str | None
    record: Program | None
    delivery: str | None
    delivery_reasons: tuple[str, ...]
    cert_id: str
    optional: bool
    remote: bool
    # Already a member of the certification's issuer (through a credential held).
    already_member: bool = False
    # The certification's exam was sat and not passed: the path fact path_retake (the retake's
    # first actions); priced as a retake where no program is counted (costs.cost_breakdown).
    retake: bool = False


# How much of the path the budget covers (Budget.covers), as a level set against the program's.
_COVERS_LEVEL = {"all": 2, "part": 1, "none": 0}

# How many rankings, certification readings and salary views a Planner keeps (each memo is
# cleared, or stops growing, when full): a batch needs a few dozen of each.
_RANKINGS_LIMIT = 1024
_BY_CERT_LIMIT = 1024
_PATHS_LIMIT = 1024
# The options' rows kept: a 10,000-row batch meets some 4,000 distinct tables.
_CHOSEN_LIMIT = 8192
_SALARIES_LIMIT = 1024
# The fallbacks kept (see Planner._fallback): a 10,000-row batch meets some 2,000.
_FALLBACKS_LIMIT = 4096
# A fact a profile's answer facts do not hold (see Planner._fallback).
_ABSENT = object()
# The flags _choose reads (and _ranked_programs): what the fallback's choice turns on besides
# the scores and rule-outs.
_CHOICE_FLAGS = frozenset(
    {"exam_only", "training_optional", "home_office_cost", "programs_by_cost"}
)


class Planner(PlanReasons):
    """Plans for one knowledge base; keeps what does not depend on the person (rules, names,
    cost breakdowns) so that planning many profiles stays fast."""

    def __init__(self, kb: KnowledgeBase) -> None:
        from billing_career.knowledge.lookup import reported_all

        self.kb = kb
        self.engine: RuleEngine = engine_for(kb)
        planning = kb.rules.planning
        self._tie: dict[str, dict[str, int]] = {
            "program": {ident: index for index, ident in enumerate(planning.tie_break.programs)},
            "certification": {
                ident: index for index, ident in enumerate(planning.tie_break.certifications)
            },
            "aid": {ident: index for index, ident in enumerate(planning.tie_break.aid)},
            "delivery": {ident: index for index, ident in enumerate(planning.tie_break.delivery)},
        }
        self._names: dict[str, dict[str, str]] = {
            "program": {program.id: program.name for program in kb.programs.programs},
            "certification": {cert.code: cert.name for cert in kb.certifications.certifications},
            "aid": {option.id: option.name for option in kb.aid.aid},
            "delivery": {"online": "Online", "in-person": "In person"},
        }
        self._costs: dict[tuple[Any, ...], CostBreakdown] = {}
        # Each with the body whose own offer it reports, if any (see _aid_newer_for).
        self._aid_newer = {
            option.id: tuple(
                (update.organization, figure)
                for update, figure in zip(
                    option.updates, reported_all(kb, option.updates), strict=True
                )
            )
            for option in kb.aid.aid
        }
        self._salary_newer = reported_all(kb, kb.salary.national_median.updates)
        self._salaries: dict[tuple[int, bool, bool], PlanSalary] = {}
        self._newer: dict[int, tuple[CostBreakdown, NewerTotal | None]] = {}
        self._aid_picks = {}
        # What a path's price reads of each certification, by the certifications and the
        # credentials held (see _options).
        self._by_cert: dict[
            tuple[tuple[str, ...], tuple[str, ...]], dict[str, tuple[bool, bool]]
        ] = {}
        # The plan's own options rows by their figures, and the rows chosen by the very rows
        # they were chosen from (see _options).
        self._own_rows: dict[tuple[object, ...], PathOption] = {}
        self._chosen: dict[
            tuple[object, ...], tuple[tuple[object, ...], tuple[PathOption, ...]]
        ] = {}
        # The fallbacks by what they read, and those facts' names (see _fallback).
        self._fallbacks: dict[tuple[object, ...], Fallback] = {}
        self._fallback_facts: tuple[str, ...] | None = None
        # The paths the options weigh, by what they read (see _paths).
        self._paths_of: dict[tuple[object, ...], tuple[PathParts, ...]] = {}
        # Rankings by the kind, allowed set, totals and rule-outs they read (see _ranked).
        self._rankings: dict[
            tuple[str, tuple[str, ...] | None, tuple[tuple[str, int], ...], tuple[str, ...]],
            tuple[str, ...],
        ] = {}

    def _ranked(
        self, findings: Findings, kind: CandidateKind, allowed: Sequence[str] | None = None
    ) -> list[str]:
        """Candidates not ruled out, best first: highest score, then the tie-break order."""
        ruled_out = findings.ruled_out[kind]
        totals = findings.totals.get(kind)
        if totals is None:
            return self._rank(findings, kind, allowed, ruled_out, totals)
        # A ranking reads only its pool (allowed, or every candidate of the kind), which of
        # them are ruled out, and their totals: kept by exactly those, a plan meets its
        # rankings again (the choice, the fallback's, the options') and a batch meets the
        # same few scores again and again.
        key = (
            kind,
            None if allowed is None else tuple(allowed),
            tuple(totals.items()),
            tuple(ruled_out),
        )
        found = self._rankings.get(key)
        if found is None:
            found = tuple(self._rank(findings, kind, allowed, ruled_out, totals))
            if len(self._rankings) >= _RANKINGS_LIMIT:
                self._rankings.clear()
            self._rankings[key] = found
        return list(found)

    def _rank(
        self,
        findings: Findings,
        kind: CandidateKind,
        allowed: Sequence[str] | None,
        ruled_out: Mapping[str, object],
        totals: Mapping[str, int] | None,
    ) -> list[str]:
        tie = self._tie[kind]
        last = len(tie)
        pool = [
            ident
            for ident in (allowed if allowed is not None else self.engine.candidates(kind))
            if ident not in ruled_out  # Findings.is_ruled_out
        ]
        # Findings.score, from the totals when the findings hold them.
        if totals is None:
            return sorted(
                pool, key=lambda ident: (-findings.score(kind, ident), tie.get(ident, last))
            )
        return sorted(pool, key=lambda ident: (-totals.get(ident, 0), tie.get(ident, last)))

    def _ranked_programs(
        self, findings: Findings, remote: bool, paid: dict[str, tuple[float, float]]
    ) -> list[str]:
        """Programs best first; with programs_by_cost, the smallest gap after the counted aid
        first (equal gaps keep the score order)."""
        ranked = self._ranked(findings, "program")
        if "programs_by_cost" in findings.flags:
            costs = self.engine.path_costs[remote]

            def net(ident: str) -> tuple[float, float]:
                low, high = costs[ident]
                paid_low, paid_high = paid.get(ident, (0, 0))
                return (low - paid_low, high - paid_high)

            ranked.sort(key=net)
        return ranked

    def _cost(
        self,
        program: str | None,
        cert: str,
        member: bool,
        remote: bool,
        include_tuition: bool,
        already_member: bool = False,
        retake: bool = False,
    ) -> CostBreakdown:

        key = (program, cert, member, remote, include_tuition, already_member, retake)
        cached = self._costs.get(key)
        if cached is None:
            cached = cost_breakdown(
                self.kb,
                program,
                cert=cert,
                member=member,
                remote=remote,
                include_tuition=include_tuition,
                already_member=already_member,
                retake=retake,
            )
            if len(self._costs) < 4096:
                self._costs[key] = cached
        return cached

    # --- the plan ---

    def _choose(
        self,
        findings: Findings,
        profile: Profile,
        paid: dict[str, tuple[float, float]] | None = None,
    ) -> Choice:
        """The program, delivery and certification the stage-1 rules point to."""
        kb = self.kb
        programs = self._ranked_programs(findings, profile.remote, paid or {})
        # Trained already (a credential, a recent program, a failed exam to retake): no program.
        exam_only = "exam_only" in findings.flags
        program_id = programs[0] if programs and not exam_only else None
        record = None if program_id is None else kb.program(program_id)
        delivery, reasons = self._delivery(findings, record)
        certs = self._ranked(findings, "certification")
        cert_id = certs[0] if certs else self.engine.candidates("certification")[0]
        return Choice(
            tuple(programs),
            program_id,
            record,
            delivery,
            reasons,
            cert_id,
            "training_optional" in findings.flags or exam_only,
            "home_office_cost" in findings.flags,
            self._already_member(cert_id, profile.credentials),
            cert_id in profile.failed_exam,
        )

    def _delivery(
        self, findings: Findings, record: Program | None
    ) -> tuple[str | None, tuple[str, ...]]:
        """A program's best delivery (the rules' ranking of its modes) and its reasons."""
        delivery = None
        reasons: list[str] = []
        if record is not None and record.delivery:
            modes = self._ranked(findings, "delivery", record.delivery)
            if modes:
                delivery = modes[0]
                reasons = self._reasons(findings, "delivery", delivery)
                if len(record.delivery) == 1:
                    reasons.append(f"{record.name} programs are {delivery} only.")
        elif record is not None:
            reasons.append(
                f"The guide does not say whether {record.name} programs are online or in person."
            )
        return delivery, tuple(reasons)

    def _path(self, choice: Choice) -> CostBreakdown:
        member = self.kb.certification(choice.cert_id).membership_required is True
        return self._cost(
            choice.program_id,
            choice.cert_id,
            member,
            choice.remote,
            not choice.optional,
            choice.already_member,
            choice.retake,
        )

    def _newer_total(self, path: CostBreakdown) -> NewerTotal | None:
        """The path's total redone with newer figures. It reads only the path's items, and a
        path is one object per pricing (see _cost): kept with the path, so its id is not
        another path's while it is here."""
        kept = self._newer.get(id(path))
        if kept is None or kept[0] is not path:
            if len(self._newer) >= 4096:
                self._newer.clear()
            kept = self._newer[id(path)] = (path, total_with_newer_figures(self.kb, path))
        return kept[1]

    def _already_member(self, cert_id: str, held: Sequence[str]) -> bool:
        """A credential held from the same issuer makes the person its member already (a CPC
        holder is an AAPC member); `cost` and `aid` ask the same function."""
        if not held:
            return False  # as already_member answers, without importing it at every plan

        return already_member(self.kb, cert_id, held)

    def plan(
        self,
        profile: Profile,
        *,
        today: dt.date | None = None,
        state_folders: Sequence[Path] = (),
        brief: bool = False,
    ) -> Plan:
        """The plan for one profile; with today, a start date before it is warned about. brief:
        without the options table, the other path, the fallback, the alternatives, the aid's
        reasons (Plan.aid), the reasons of the program, certification and early steps, and of
        "You pay" its range alone (not what is paid without the conditional aid, of newer
        figures or up front): a caseload report reads none of them (its money is the budget's,
        Plan.planned_budget), and they are a third of the work."""

        engine = self.engine
        assessed = assess(engine, profile, engine.answer_facts(profile))
        # The stage-1 findings on the budget alone, when made (the fallback's choice reads them).
        unpaid: Findings | None = None
        # Optional training is not paid for in this plan, so no aid weighs on which program is
        # named: the budget alone ranks them. Told from the answers when the rules allow, so
        # the findings with the aid counted are not made only to be set aside.
        if assessed.ranked and engine.holds_flag(profile, "training_optional"):
            findings = unpaid = engine.evaluate(profile)
            paid: dict[str, tuple[float, float]] = {}
        else:
            findings = engine.evaluate(profile, assessed.paid, assessed.ranked, assessed.by_program)
            paid = assessed.paid
            if "training_optional" in findings.flags and assessed.ranked:
                findings, paid = engine.evaluate(profile), {}
                unpaid = findings
        choice = self._choose(findings, profile, paid)
        stage1 = findings
        findings, path, funding, budget, planned = self._price(stage1, choice, assessed)
        # The same decision brief or not (a caseload report's totals are its clients' plans'),
        # made from the options rows' facts before the plan is assembled: only a plan that
        # swaps is priced twice.
        swap = self._swap(findings, profile, choice, budget, funding, assessed)
        swapped_from = None
        if swap is not None:
            choice, swapped_from = swap
            findings, path, funding, budget, planned = self._price(stage1, choice, assessed)
        return self._assemble(
            profile,
            findings,
            choice,
            path,
            budget,
            funding,
            today,
            brief,
            unpaid,
            assessed=assessed,
            state_folders=state_folders,
            swapped_from=swapped_from,
            planned=planned,
        )

    def _price(
        self, findings: Findings, choice: Choice, assessed: Funding
    ) -> tuple[Findings, CostBreakdown, Funding, Budget, Budget]:
        """A choice's path, the funding against it, the budget, the findings with the stage-2
        rules run on that path (findings: the stage-1 findings), and the budget against the
        total the plan says to plan for (money.against_plan_for; Plan.planned_budget)."""
        engine = self.engine
        path = self._path(choice)
        # Each counted source's share of the path, in catalog order: the shares add up.
        funding = with_path(assessed, path)
        # The counted aid's names, and its ids as a set, read only the very sources (and the
        # engine's words): kept with them, so their id stays theirs.
        sources = funding.sources
        named = _COUNTED_NAMES.get(id(sources))
        if named is None or named[0] is not sources or named[1] is not engine:
            counted = [source for source in sources if source.counted]
            names = sorted(engine.value_text("counted_aid", source.id) for source in counted)
            named = (sources, engine, " and ".join(names), frozenset(funding.counted))
            if len(_COUNTED_NAMES) >= 4096:
                _COUNTED_NAMES.clear()
            _COUNTED_NAMES[id(sources)] = named
        budget = budget_of(funding, path, named[2])
        # The path's sentences name the aid counted for this path (not Pell for a program
        # whose hours it cannot show, say), and measure the budget against the total the plan
        # says to plan for (newer reports' higher figures, where they raise it).
        planned = against_plan_for(budget, funding, path, self._newer_total(path))
        findings = engine.evaluate_path(
            findings,
            {
                **planned.path_facts(),
                "path_certification": choice.cert_id,
                "path_retake": choice.retake,
                COUNTED_AID: named[3],
            },
        )
        # Funds that cover a path with no training name no aid they do not count.
        quiet = not path.include_tuition
        funding = with_gap(funding, budget.covers != "all", quiet_when_covered=quiet)
        return findings, path, funding, budget, planned

    def _swap(
        self,
        findings: Findings,
        profile: Profile,
        choice: Choice,
        budget: Budget,
        funding: Funding,
        assessed: Funding,
    ) -> tuple[Choice, SwappedFrom] | None:
        """The path the plan recommends in place of the rules' pick, with the pick as a fact;
        None where the pick stands. It is replaced where the budget does not cover what the
        pick leaves to pay at the guide's figures (the Funding line's first word; not where
        only newer reports' higher total falls short: a budget that pays the pick itself is
        not traded for a path whose saving rests on aid yet to come, a few dollars short of a
        report's figure) and a path with the pick's certification (which carries the goal: CPB
        for advancement) is ready as soon or sooner and leaves less to pay. Never
        where the plan weighs no other path: optional training, an amount of counted aid not
        known (Funding.unranked). A plan held behind a gate (the exclusion list) is the plan for
        once the person is off it: it swaps as theirs off the list would."""
        program_id = choice.program_id
        if budget.covers == "all" or choice.optional or program_id is None or funding.unranked:
            return None
        kb = self.kb
        # The pick's date waits for an aid office's decision as the plan's own steps do
        # (money.decision_wait), so the other paths' dates (which wait too) compare like with like.
        ready = ready_by(
            kb,
            findings,
            profile,
            choice.record,
            choice.delivery,
            choice.cert_id,
            False,
            decision_wait(funding),
        )
        # The pick's row as the options table has it (its payback reads in no decision).
        recommended = PathOption(
            (),
            OptionProgram(program_id, self._names["program"][program_id], choice.delivery, False),
            OptionCertification(choice.cert_id, self._names["certification"][choice.cert_id]),
            MinMax(budget.total_min, budget.total_max),
            MinMax(budget.net_min, budget.net_max),
            ready,
            None,
        )
        # The pick's certification's cheapest and fastest paths, found among its own (another
        # certification's cheaper path would hide them among all the options' rows).
        candidates = self._contending(
            findings, profile, False, recommended, assessed, (choice.cert_id,)
        )
        other = self._other_path(budget, False, choose(recommended, candidates), ready)
        if other is None or not other.leaves_less or other.timing == "later":
            return None
        to = other.program.id
        # Its delivery as its options row has it (_program_mode), with the reasons.
        record = self.kb.program(to)
        delivery, delivery_reasons = self._delivery(findings, record)
        rules_pick = choice.record
        swapped_from = SwappedFrom(
            FallbackProgram(program_id, self._names["program"][program_id], False),
            choice.delivery,
            choice.cert_id,
            recommended.cost,
            recommended.left_to_pay,
            ready,
            other.timing,
            None if rules_pick is None else rules_pick.best_for,
        )
        swapped = replace(
            choice,
            # The others in the rules' order after it (the rules' pick is worded on its own).
            programs=(to, *(p for p in choice.programs if p not in (to, program_id))),
            program_id=to,
            record=record,
            delivery=delivery,
            delivery_reasons=delivery_reasons,
        )
        return swapped, swapped_from

    @staticmethod
    def _other_path(
        budget: Budget, optional: bool, options: tuple[PathOption, ...], ready_by: dt.date
    ) -> OtherPath | None:
        """Another path of the options that beats the chosen one (one answer for the first
        screen and the options table): among those ready by the chosen path's date (ready_by)
        that leave less to pay, or ready sooner and leave no more, the one leaving least (then
        the earlier ready, then the table's order), whether or not the budget covers the chosen
        path; else, when it leaves a gap, the lowest-cost path."""
        if optional:
            return None
        left_mine = budget.left_to_pay
        mine = (left_mine.max, left_mine.min)

        def less(row: PathOption) -> bool:
            return (row.left_to_pay.max, row.left_to_pay.min) < mine

        def sooner_for_no_more(row: PathOption) -> bool:
            left = row.left_to_pay
            return (
                row.ready_by < ready_by and left.max <= left_mine.max and left.min <= left_mine.min
            )

        # A row of its own labeled only without-aid is priced with no aid counted: not what
        # that path leaves to pay beside the chosen one (the Fallback line says it). A row of
        # the goal's alone is there because a goal was stated: the answer does not turn on it.
        others = [
            row
            for row in options
            if "recommended" not in row.labels
            and row.labels not in (("without-aid",), ("goal",))
            and row.program is not None
        ]
        soon = [
            row
            for row in others
            if (row.ready_by <= ready_by and less(row)) or sooner_for_no_more(row)
        ]
        if soon:
            # min keeps the first of equals: the table's order last.
            found = min(
                soon, key=lambda row: (row.left_to_pay.max, row.left_to_pay.min, row.ready_by)
            )
        else:
            lowest = next((row for row in others if "lowest-cost" in row.labels), None)
            if budget.covers == "all" or lowest is None or not less(lowest):
                return None
            found = lowest
        left = found.left_to_pay
        gap = MinMax(max(0, left.min - budget.amount), max(0, left.max - budget.amount))
        covers = "all" if gap.max == 0 else "part" if gap.min == 0 else "none"
        program = found.program
        assert program is not None  # others name a program
        timing: Timing = (
            "sooner"
            if found.ready_by < ready_by
            else "same"
            if found.ready_by == ready_by
            else "later"
        )
        return OtherPath(
            FallbackProgram(program.id, program.name, program.optional),
            found.certification.code,
            found.cost,
            left,
            covers,
            gap,
            found.ready_by,
            timing,
            less(found),
            found.counted_aid,
            found.counted_aid_names,
        )

    def _assemble(
        self,
        profile: Profile,
        findings: Findings,
        choice: Choice,
        path: CostBreakdown,
        budget: Budget,
        funding: Funding,
        today: dt.date | None,
        brief: bool = False,
        unpaid: Findings | None = None,
        *,
        assessed: Funding | None = None,
        state_folders: Sequence[Path] = (),
        swapped_from: SwappedFrom | None = None,
        planned: Budget,
    ) -> Plan:
        """The plan, made once: its options (unless brief) and a state's pay rows worked out
        from its parts before it is built. assessed: the funding before a path was chosen;
        swapped_from: the rules' pick, when this path took its place (_swap); planned: the
        budget against the total to plan for (_price)."""
        # Its functions are imported with the module, not here: an import statement run for
        # every plan costs some 10,000 instructions even with the module loaded.
        kb = self.kb
        exam = next((item for item in path.items if item.id == "exam-fee" and item.known), None)
        exam_fee = (
            (float(exam.min), float(exam.max))
            if exam is not None and exam.min is not None and exam.max is not None
            else None
        )
        timeline_input = timeline.StepInput(
            start=profile.start,
            schedule=profile.schedule,
            program=choice.record,
            delivery=choice.delivery,
            cert=choice.cert_id,
            optional=choice.optional,
            flags=findings.flags,
            # Brief: the steps' reasons are not worded (they word the steps, never date them).
            early=tuple(
                (step_id, () if brief else tuple(self._step_reasons(findings, step_id)))
                for step_id in findings.early_steps
            ),
            details=dict(findings.details),
            graduation=profile.graduation if profile.in_high_school else None,
            retake=profile.failed_exam,
            # A retake's fee is said at the plan's own price of the exam.
            exam_fee=exam_fee,
            wait=decision_wait(funding),
            held=profile.credentials,
        )
        dates = timeline.build(kb, timeline_input)
        training = next((step for step in dates.steps if step.id == "complete-training"), None)
        if training is not None and choice.record is not None and not choice.optional:
            # Whether a Pell Grant's one year is all of it: told on the plan's own training
            # dates (a part-time certificate from January runs past July 1), not its months.
            funding = for_training(funding, training.start, training.end)
        newer = self._newer_total(path)
        band = experience_levels(kb.salary.by_experience, profile.experience_years)
        notices: tuple[Message, ...] = ()
        if today is not None and profile.start < today:
            notices = (
                Message(
                    "start-date-in-past",
                    f"Your start date {date_text(profile.start)} is before today "
                    f"({date_text(today)}): the plan's dates count from it, and its first "
                    "actions are for when you begin; give another start date to plan from "
                    "another day.",
                ),
            )
        program = (
            self._bare_pick(findings, "program", choice.program_id)
            if brief and choice.program_id is not None
            else self._program_pick(findings, choice, path, planned, funding.unranked)
        )
        actions, referred = self._actions(
            findings,
            funding,
            program,
            choice.cert_id,
            choice.delivery,
            own_covered=budget.amount >= path.total_max,
            gate=dates.gate,
            exam_fee=exam_fee,
        )
        certification = (
            self._bare_pick(findings, "certification", choice.cert_id)
            if brief
            else self._pick(findings, "certification", choice.cert_id)
        )
        fallback = None if brief else self._fallback(profile, funding, path, unpaid)
        you_pay = _you_pay(funding, path, budget, newer, brief=brief)
        # Payback on what the person pays after the counted aid (the You pay), and, where that
        # aid has a condition, without it too.
        # (A brief plan's payback is its months alone: the caseload report words no "without".)
        without = you_pay.without_conditional_aid if not brief else None
        pay = person_payback(
            kb,
            profile,
            band,
            (you_pay.min, you_pay.max),
            aid_counted=(you_pay.min, you_pay.max) != (path.total_min, path.total_max),
            without_aid=None if without is None else (without.min, without.max),
        )
        options: tuple[PathOption, ...] = ()
        other = None
        if not brief and assessed is not None:
            options = self._options(
                findings,
                profile,
                program,
                choice.delivery,
                choice.optional,
                certification,
                budget,
                dates.ready_by,
                pay,
                fallback,
                assessed,
                funding,
                path.total.not_counted,
                dates.ready_by_condition,
            )
            # Programs are weighed on the budget alone while a counted source's amount is not
            # known (Funding.ranked): another path's "less" or "no more" would rest on that
            # unknown amount paying its tuition, so none is named. Nor for a plan held behind a
            # gate (the exclusion list): its first screen says to pay for no training yet.
            if not funding.unranked and dates.gate is None:
                other = self._other_path(budget, choice.optional, options, dates.ready_by)
        goal_row = (
            None
            if program is None
            else self._goal_row(findings, profile, program, options, swapped_from)
        )
        salary = self._salary(
            profile.experience_years,
            "remote_settings" in findings.flags,
            "career_paths" in findings.flags,
        )
        if profile.state is not None:
            from billing_career.reference.salary import find_state_rows

            state = find_state_rows(kb, profile.state, list(state_folders))
            salary = replace(salary, state=state)
        return Plan(
            profile=profile,
            findings=findings,
            program=program,
            program_optional=choice.optional,
            delivery=choice.delivery,
            certification=certification,
            aid=() if brief else self._aid(funding, choice.cert_id),
            alternatives=()
            if brief
            else tuple(
                self._alternatives(
                    findings,
                    "program",
                    choice.program_id,
                    remote=profile.remote,
                    first=None if swapped_from is None else swapped_from.program.id,
                )
                + self._alternatives(findings, "certification", choice.cert_id)
            ),
            options=options,
            steps=dates.steps,
            cost=path,
            # Its summary says what the funds do against the total to plan for too, where that
            # is another thing (one story with the warnings, which measure that total).
            budget=with_planned(budget, planned),
            planned_budget=planned,
            you_pay=you_pay,
            other_path=other,
            swapped_from=swapped_from,
            salary=salary,
            ready_by=dates.ready_by,
            first_actions=actions,
            referred=referred,
            funding=funding,
            not_assessed=not_assessed(self.engine, self.engine.answer_facts(profile), path),
            ready_by_basis=dates.ready_by_basis,
            ready_by_condition=dates.ready_by_condition,
            enroll_wait=dates.waited,
            provisional_exam=provisional_exam(
                kb,
                choice.cert_id,
                timeline.graduation_day(profile.graduation)
                if profile.in_high_school and profile.graduation
                else None,
                next((step.end for step in dates.steps if step.id == "obtain-certification"), None),
            ),
            gate=dates.gate,
            fallback=fallback,
            payback=pay,
            total_with_newer_figures=newer,
            notices=notices,
            goal_row=goal_row,
        )

    def _goal_row(
        self,
        findings: Findings,
        profile: Profile,
        program: Pick,
        options: tuple[PathOption, ...],
        swapped_from: SwappedFrom | None = None,
    ) -> GoalRow | None:
        """Why the row of the person's goal (planning/options.py goal_program) is not the plan's,
        as facts; None where the plan swapped the rules' pick (the "Chosen over" line says why
        it recommends its path, not the rules' scores, which ranked the pick first; the goal's
        row stays in the options table, priced)."""

        row = next((row for row in options if "goal" in row.labels), None)
        if row is None:
            return None
        wanted = goal_program(self.kb, findings, profile, program.id)
        if wanted is None:
            return None
        if swapped_from is not None:
            return None
        recommended = next(row for row in options if "recommended" in row.labels)
        return goal_row(self.kb, findings, wanted, row, recommended)

    def _program_pick(
        self,
        findings: Findings,
        choice: Choice,
        path: CostBreakdown,
        budget: Budget,
        unranked: Sequence[str] = (),
    ) -> Pick | None:
        """The program with its reasons: the rules', the delivery's, and what the whole path
        costs when that changes the picture (budget: against the total the plan says to plan
        for, as the budget warnings measure it)."""
        program_id, record = choice.program_id, choice.record
        if program_id is None:
            return None
        name = record.name if record else program_id
        extra: list[str] = [
            f"The amount of your {name.lower()} is not known yet, so programs are weighed "
            "on your budget alone; get the amount in writing before you choose a program."
            for name in unranked
        ]
        if choice.optional:
            extra += self._flag_reasons(findings, "training_optional")
            member = path.member
            with_training = self._cost(program_id, choice.cert_id, member, choice.remote, True)
            extra.append(
                f"Optional: with {name} training this path would cost "
                f"{money_span(with_training.total_min, with_training.total_max)} instead of "
                f"{money_span(path.total_min, path.total_max)}."
            )
        # Optional training carries no cost in this plan: one money story, the Cost section's.
        if "programs_by_cost" in findings.flags and not choice.optional:
            extra += self._flag_reasons(findings, "programs_by_cost")
            chosen_score = findings.score("program", program_id)
            extra += [
                f"{self._names['program'][other]} scores higher on your other answers but "
                "leaves a larger gap."
                for other in choice.programs[1:]
                if findings.score("program", other) > chosen_score
            ]
        after = []
        facts = findings.facts
        covered = (
            2
            if program_id in facts["programs_fully_covered"]
            else 1
            if program_id in facts["programs_partly_covered"]
            else 0
        )
        path_level = _COVERS_LEVEL[budget.covers]
        if not choice.optional and path_level < covered:
            cert = self.kb.certification(choice.cert_id)
            after.append(
                f"But: with the {choice.cert_id} exam ({fee_text(cert)}) and its extras the "
                f"whole path costs {money_span(budget.total_min, budget.total_max)}, so "
                f"{lower_first(budget.funds)} {budget.shortfall}."
            )
        reasons = self._reasons(findings, "program", program_id)
        if (
            "degree_advancement" in findings.flags
            and not choice.optional
            and all(
                c.rule != "advancement-with-a-degree"
                for c in findings.scores["program"].get(program_id, ())
            )
        ):
            reasons = [*self._flag_reasons(findings, "degree_advancement"), *reasons]
        if choice.optional:
            # The budget bands weigh tuition this plan does not count.
            bands = {
                lower_first(c.because)
                for c in findings.scores["program"].get(program_id, ())
                if c.rule.startswith("budget-")
            }
            reasons = [r for r in reasons if lower_first(r.removeprefix("But: ")) not in bands]
        return self._pick(
            findings,
            "program",
            program_id,
            [*extra, *reasons, *choice.delivery_reasons, *after],
            own=False,
        )

    def _fallback(
        self,
        profile: Profile,
        funding: Funding,
        path: CostBreakdown,
        unpaid: Findings | None = None,
    ) -> Fallback | None:
        """When counted aid has a condition and the budget alone does not cover the path: what
        the budget alone covers, with its gap. unpaid: the stage-1 findings on the budget alone,
        if the plan made them already (the same decisions: they are not made twice)."""
        if not funding.conditional or profile.budget >= path.total_max:
            return None
        # The fallback reads only the choice made on the budget alone and its price: the
        # stage-1 findings' scores, rule-outs and the flags _choose reads, which come from the
        # rules that conclude those holding or not, and each rule's result reads only the facts
        # its condition tests (as RuleEngine.evaluate keeps results; with no aid counted, the
        # budget and remote give the budget's facts), then what the choice and its price read
        # of the profile besides (remote, the credentials held, the exams failed) and the
        # budget. Kept by exactly those, a batch meets the same fallbacks again and again: the
        # findings are not made for them.
        facts = self.engine.answer_facts(profile)
        key = (
            tuple([facts.get(name, _ABSENT) for name in self._fallback_reads()]),
            profile.budget,
            profile.remote,
            profile.credentials,
            profile.failed_exam,
        )
        found = self._fallbacks.get(key)
        if found is not None:
            return found
        # Only the choice is kept (no reasons, no actions): the rules' sentences are not made.
        own = unpaid if unpaid is not None else self.engine.evaluate(profile, words=False)
        choice = self._choose(own, profile)
        path = self._path(choice)
        budget = Budget(profile.budget, path.total_min, path.total_max)
        program = (
            None
            if choice.program_id is None
            else FallbackProgram(
                choice.program_id, self._names["program"][choice.program_id], choice.optional
            )
        )
        made = Fallback(
            "if the counted aid does not come through",
            program,
            FallbackCertification(choice.cert_id),
            MinMax(path.total_min, path.total_max),
            budget.covers,
            budget.gap,
            budget.summary,
        )
        if len(self._fallbacks) >= _FALLBACKS_LIMIT:
            self._fallbacks.clear()
        self._fallbacks[key] = made
        return made

    def _fallback_reads(self) -> tuple[str, ...]:
        """The facts the fallback's choice reads (see _fallback): those the conditions of the
        rules test that score or rule out a program, certification or delivery, or set a flag
        _choose reads (every rule's, stage 2's too: a fact no answer gives is simply absent)."""
        names = self._fallback_facts
        if names is None:
            from billing_career.planning.conditions import condition_tests
            from billing_career.planning.rules_check import band_rules

            def decides(then: Conclusion) -> bool:
                return bool(
                    then.programs
                    or then.certifications
                    or then.delivery
                    or then.rule_out
                    or _CHOICE_FLAGS.intersection(then.flags)
                )

            names = self._fallback_facts = tuple(
                dict.fromkeys(
                    test.fact
                    for rule in (*self.kb.rules.rules, *band_rules(self.kb))
                    if decides(rule.then)
                    for test in condition_tests(rule.when)
                )
            )
        return names

    def _options(
        self,
        findings: Findings,
        profile: Profile,
        program: Pick | None,
        delivery: str | None,
        optional: bool,
        certification: Pick,
        budget: Budget,
        ready_by: dt.date,
        pay: Payback | None,
        fallback: Fallback | None,
        assessed: Funding,
        funding: Funding,
        not_counted: tuple[str, ...] = (),
        condition: str | None = None,
    ) -> tuple[PathOption, ...]:
        """Your options: every path the rules allow, priced as the plan prices its own
        (planning/options.py chooses the rows); assessed is the funding before a path was chosen,
        funding the plan's own, set against its path; not_counted: what the plan's own total
        leaves out (CMRS's AMBA membership), on its row; condition: what every row's date rests
        on (the plan's ready_by_condition)."""

        kb = self.kb
        recommended = self._recommended_row(
            program, delivery, optional, certification, budget, ready_by, pay, funding
        )
        candidates = self._contending(findings, profile, optional, recommended, assessed)
        without_aid = None
        if fallback is not None:
            program_id = None if fallback.program is None else fallback.program.id
            candidate = self._path_candidate(
                findings, profile, optional, program_id, fallback.certification.code, False
            )
            without_aid = priced(kb, findings, profile, assessed, candidate)
        # The path of the goal the person gave, when the plan recommends another: with the
        # plan's certification, so the row differs from the plan's in the program alone.
        goal = None
        wanted = None if optional else goal_program(kb, findings, profile, recommended.path[0])
        if wanted is not None:
            candidate = self._path_candidate(
                findings, profile, optional, wanted.program, certification.id
            )
            goal = priced(kb, findings, profile, assessed, candidate)
        # The rows are chosen from these rows alone (each the very row for its figures: see
        # _recommended_row and options.priced), so the same rows give the very same tuple:
        # the batch's JSON lines then write its text once (batch.PlanLines). The rows are kept
        # with the tuple, so their ids are not other rows' while it is here.
        key = (
            id(recommended),
            tuple(map(id, candidates)),
            id(without_aid),
            id(goal),
            not_counted,
            condition,
        )
        known = self._chosen.get(key)
        if known is not None:
            return known[1]
        chosen = choose(recommended, candidates, without_aid, goal, not_counted, condition)
        if len(self._chosen) >= _CHOSEN_LIMIT:
            self._chosen.clear()
        self._chosen[key] = ((recommended, candidates, without_aid, goal), chosen)
        return chosen

    def _recommended_row(
        self,
        program: Pick | None,
        delivery: str | None,
        optional: bool,
        certification: Pick,
        budget: Budget,
        ready_by: dt.date,
        pay: Payback | None,
        funding: Funding,
    ) -> PathOption:
        """The plan's own options row (its figures, without labels), the very row for the
        same figures (see _options)."""

        names = tuple(source.name for source in funding.sources if source.counted)
        months = None if pay is None or pay.months is None else (pay.months.min, pay.months.max)
        figures = (budget.total_min, budget.total_max, budget.net_min, budget.net_max)
        # Every field of the row, as the values it is made of, the amounts with their types
        # (375 and 375.0 are equal, but JSON writes them apart).
        key = (
            None if program is None else (program.id, program.name),
            delivery,
            optional,
            certification.id,
            certification.name,
            figures,
            tuple(map(type, figures)),
            ready_by,
            None if pay is None else (pay.basis, months, months and tuple(map(type, months))),
            funding.counted,
            names,
        )
        row = self._own_rows.get(key)
        if row is None:
            row = PathOption(
                (),
                None
                if program is None
                else OptionProgram(program.id, program.name, delivery, optional),
                OptionCertification(certification.id, certification.name),
                MinMax(budget.total_min, budget.total_max),
                MinMax(budget.net_min, budget.net_max),
                ready_by,
                None if pay is None else OptionPayback(pay.months, pay.basis),
                funding.counted,
                names,
            )
            if len(self._own_rows) >= _CHOSEN_LIMIT:
                self._own_rows.clear()
            self._own_rows[key] = row
        return row

    def _contending(
        self,
        findings: Findings,
        profile: Profile,
        optional: bool,
        recommended: PathOption,
        assessed: Funding,
        only: Sequence[str] = (),
    ) -> list[PathOption]:
        """The paths the rules allow that the options can name lowest-cost or fastest beside
        the recommended row (options.contenders), priced in full: these few only; with only,
        among those of these certifications alone."""

        kb = self.kb
        paths = self._paths(findings, profile, optional, recommended.path, only)
        # Only the paths that can be named lowest-cost or fastest are priced in full.
        return [
            priced(kb, findings, profile, assessed, candidate)
            for candidate in contenders(kb, findings, profile, assessed, recommended, paths)
        ]

    def _paths(
        self,
        findings: Findings,
        profile: Profile,
        optional: bool,
        recommended: tuple[str | None, str],
        only: Sequence[str] = (),
    ) -> tuple[PathParts, ...]:
        """The paths the rules allow but the recommended one (its program and certification),
        each as (record, delivery, certification, optional, cost), in the rules' order; with
        only, those of these certifications alone (see _contending)."""
        programs: list[str | None] = list(self._ranked(findings, "program")) or [None]
        if optional:
            # Training is optional: no tuition is counted, so the program changes nothing.
            programs = [recommended[0]]
        certs = self._ranked(findings, "certification") or [recommended[1]]
        if only:
            certs = [cert for cert in certs if cert in only]
        remote = "home_office_cost" in findings.flags
        held = profile.credentials
        # The paths read only the programs and certifications in order, each program's best
        # delivery (the delivery scores and rule-outs: see _ranked), the flags and answers
        # below: kept by exactly those, a batch meets the same few again and again.
        modes = findings.totals.get("delivery")
        key = None
        if modes is not None:
            key = (
                tuple(programs),
                tuple(certs),
                tuple(modes.items()),
                tuple(findings.ruled_out["delivery"]),
                remote,
                optional,
                held,
                profile.failed_exam,
                recommended,
            )
            found = self._paths_of.get(key)
            if found is not None:
                return found
        # What a path's price reads of its certification, once per certification.
        by_cert = self._by_cert.get((tuple(certs), held))
        if by_cert is None:
            by_cert = {
                cert: (
                    self.kb.certification(cert).membership_required is True,
                    self._already_member(cert, held),
                )
                for cert in certs
            }
            if len(self._by_cert) >= _BY_CERT_LIMIT:
                self._by_cert.clear()
            self._by_cert[tuple(certs), held] = by_cert
        paths = []
        for program_id in programs:
            record, mode = self._program_mode(findings, program_id)
            for cert in certs:
                # The plan's own path has the plan's own figures.
                if (program_id, cert) == recommended:
                    continue
                member, already = by_cert[cert]
                retake = cert in profile.failed_exam
                cost = self._cost(program_id, cert, member, remote, not optional, already, retake)
                paths.append((record, mode, cert, optional, cost))
        made = tuple(paths)
        if key is not None:
            if len(self._paths_of) >= _PATHS_LIMIT:
                self._paths_of.clear()
            self._paths_of[key] = made
        return made

    def _program_mode(
        self, findings: Findings, program_id: str | None
    ) -> tuple[Program | None, str | None]:
        """A program's record and its best delivery (the rules' ranking of its modes)."""
        record = None if program_id is None else self.kb.program(program_id)
        modes = self._ranked(findings, "delivery", record.delivery) if record else []
        return record, modes[0] if modes else None

    def _candidate(self, plan: Plan, program_id: str | None, cert: str) -> Candidate:
        """The path of a program (with its best delivery) and a certification, as _path
        prices the plan's own."""
        return self._path_candidate(
            plan.findings, plan.profile, plan.program_optional, program_id, cert
        )

    def _path_candidate(
        self,
        findings: Findings,
        profile: Profile,
        optional: bool,
        program_id: str | None,
        cert: str,
        with_aid: bool = True,
    ) -> Candidate:
        """_candidate from the parts of a plan not made yet."""
        from billing_career.planning.options import Candidate

        record, mode = self._program_mode(findings, program_id)
        member = self.kb.certification(cert).membership_required is True
        remote = "home_office_cost" in findings.flags
        already = self._already_member(cert, profile.credentials)
        retake = cert in profile.failed_exam
        cost = self._cost(program_id, cert, member, remote, not optional, already, retake)
        return Candidate(record, mode, cert, optional, cost, with_aid)

    def _salary(self, years: int, remote: bool, career_paths: bool) -> PlanSalary:
        """Pay from the person's experience band on (planning/payback.py), kept per answers."""
        key = (years, remote, career_paths)
        cached = self._salaries.get(key)
        if cached is None:
            cached = salary_view(self.kb, years, remote, career_paths, self._salary_newer)
            if len(self._salaries) < _SALARIES_LIMIT:
                self._salaries[key] = cached
        return cached


_PLANNERS: PerKnowledgeBase[Planner] = PerKnowledgeBase()
# The counted aid's names and ids of the very sources, by them (see Planner._price); bounded.
_COUNTED_NAMES: dict[int, tuple[tuple[FundingSource, ...], RuleEngine, str, frozenset[str]]] = {}


def _you_pay(
    funding: Funding,
    path: CostBreakdown,
    budget: Budget,
    newer: NewerTotal | None = None,
    *,
    brief: bool = False,
) -> YouPay:
    """_you_pay_made, the very one made before for the very same sources, path, budget and
    newer total (kept with it, so their ids stay theirs): plans that pay alike share it (and a
    batch's JSON writes its text once)."""
    # Of the budget it reads what is left to pay (each end with its type: 500 and 500.0 are
    # written apart) and, only where something is paid first, the budget's amount: kept by
    # those and the very sources, path and newer total (kept with it, so their ids stay
    # theirs), so that people of other budgets meet it again.
    sources = funding.sources
    left = budget.left_to_pay
    low = left.min
    high = left.max
    key: tuple[object, ...] = (
        id(sources),
        id(path),
        id(newer),
        brief,
        low,
        low.__class__,
        high,
        high.__class__,
    )
    found = _YOU_PAY.get(key)
    if found is None or not (
        found[0][0] is sources and found[0][1] is path and found[0][2] is newer
    ):
        made = _you_pay_made(funding, path, budget, newer, brief=brief)
        # No counted source repaid after (nothing paid first, at the guide's figures or
        # newer reports'): the same whatever the amount.
        repaid = any(source.terms.repaid_after for source in sources if source.counted)
        kept = None if repaid else made
        if len(_YOU_PAY) >= 4096:
            _YOU_PAY.clear()
        _YOU_PAY[key] = ((sources, path, newer), kept)
        if kept is not None:
            return made
        amount = budget.amount
        _YOU_PAY[(*key, amount, amount.__class__)] = ((sources, path, newer), made)
        return made
    if found[1] is not None:
        return found[1]
    amount = budget.amount
    by_amount = (*key, amount, amount.__class__)
    found = _YOU_PAY.get(by_amount)
    if (
        found is not None
        and found[0][0] is sources
        and found[0][1] is path
        and found[0][2] is newer
    ):
        assert found[1] is not None
        return found[1]
    made = _you_pay_made(funding, path, budget, newer, brief=brief)
    if len(_YOU_PAY) >= 4096:
        _YOU_PAY.clear()
    _YOU_PAY[by_amount] = ((sources, path, newer), made)
    return made


# YouPays by the very objects and values they read (see _you_pay): None where one with
# something paid first reads the amount too, kept by it as well; bounded.
_YOU_PAY: dict[tuple[object, ...], tuple[tuple[object, ...], YouPay | None]] = {}


def _you_pay_made(
    funding: Funding,
    path: CostBreakdown,
    budget: Budget,
    newer: NewerTotal | None = None,
    *,
    brief: bool = False,
) -> YouPay:
    """What the person pays after the counted aid, and without the conditional aid (as
    money_of gives them, without the rest of the Money); with newer, also what they pay of the
    total to plan for where newer reports raise it. brief (a caseload report's plan): only what
    is paid up front and the shortfall at first besides."""
    left = budget.left_to_pay
    planned = left_to_plan_for(funding, path, left, newer)
    first = paid_first(funding, path)
    at_first = up_front(budget.amount, left, first)
    at_first_newer = up_front_with_newer_figures(
        budget.amount, funding, path, left, newer, paid=first
    )
    return YouPay(
        left.min,
        left.max,
        without_conditional(funding, path) if funding.conditional and not brief else None,
        () if brief else unknown_names(path),
        planned,
        first,
        None if at_first is None else at_first.gap,
        None if at_first_newer is None else at_first_newer.gap,
    )


def planner_for(kb: KnowledgeBase) -> Planner:
    """The planner of a knowledge base, made on first use and kept (for batches)."""
    return _PLANNERS.get(kb, Planner)


def make_plan(
    kb: KnowledgeBase,
    profile: Profile,
    *,
    today: dt.date | None = None,
    state_folders: Sequence[Path] = (),
    brief: bool = False,
) -> Plan:
    """The plan for one profile; with today, a start date before it is warned about;
    state_folders: where a person's own state pay rows may be (salary_states.yaml); brief: see
    Planner.plan."""
    return planner_for(kb).plan(profile, today=today, state_folders=state_folders, brief=brief)
