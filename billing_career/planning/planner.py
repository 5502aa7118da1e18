"""Findings + knowledge -> Plan: program, certification, aid, dated steps, cost, pay, first actions.

The decisions are the rules' (data/rules.yaml): the planner adds up their scores, picks the
highest candidate that no rule ruled out (ties follow planning.tie_break), and turns the guide's
five steps into dates. Its time assumptions are data too (rules.yaml `planning`):

- a program's duration range: full-time takes the short end, part-time the long end, flexible
  the middle rounded up to a whole month; "varies" uses planning.varies_months;
- the other steps take planning's weeks for the schedule, and each step says that its time is an
  assumption of this tool, not a figure of the guide;
- with the training_optional flag (a year of billing experience) training takes no time and the
  cost leaves tuition out; with experience_done the practical-experience step takes no time;
- steps follow one another: each starts the day the one before ends, the first on --start;
- ready_by is the end of Step 4 (certified); Step 5 is the job search after it;
- with programs_by_cost (the budget reaches no program) programs are ranked by their cost before
  the exam, cheapest first, then by score: the smallest gap among the programs not ruled out.

The rules run in two stages: the first chooses the program, delivery and certification; the
cost of that whole path then gives the path facts (Budget.path_facts) for the second, which
weighs aid, warnings and actions against what the budget really covers.

The same profile (start date included) always gives the same plan and byte-identical JSON.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from billing_career.knowledge.figures import money, money_span
from billing_career.knowledge.lookup import lower_first
from billing_career.knowledge.memo import PerKnowledgeBase
from billing_career.planning.profile import Profile
from billing_career.planning.rules import (
    TOPICS,
    Facts,
    Findings,
    Kind,
    RuleEngine,
    RuleResult,
    engine_for,
)
from billing_career.reference.bands import band_overlap_for
from billing_career.reference.newer import median_series

if TYPE_CHECKING:
    from billing_career.knowledge.lookup import ReportedFigure
    from billing_career.knowledge.models import BySchedule, ExperiencePay, KnowledgeBase, Program
    from billing_career.reference.costs import CostBreakdown


@dataclass(frozen=True)
class Pick:
    """A recommended candidate and the reasons for it."""

    kind: Kind
    id: str
    name: str
    score: int
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Alternative:
    """A candidate considered and not recommended, and why not."""

    kind: Kind
    id: str
    name: str
    score: int
    ruled_out: bool
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "kind": self.kind,
            "id": self.id,
            "name": self.name,
            "score": self.score,
            "ruled_out": self.ruled_out,
            "reasons": list(self.reasons),
        }


@dataclass(frozen=True)
class PlanStep:
    """One dated step of the plan; id is the guide step's (steps.yaml) or the early step's."""

    id: str
    title: str
    start: dt.date
    end: dt.date
    details: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON, dates as ISO text."""
        return {
            "id": self.id,
            "title": self.title,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "details": list(self.details),
        }


@dataclass(frozen=True)
class AidPick:
    """An aid option that may pay for the plan, with reasons and newer reported amounts."""

    id: str
    name: str
    description: str
    reasons: tuple[str, ...]
    newer: tuple[ReportedFigure, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON; newer figures as `bcareer cost --json` gives them."""
        return {
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "reasons": list(self.reasons),
            "newer": [figure.to_dict() for figure in self.newer],
        }


@dataclass(frozen=True)
class Budget:
    """The budget against the plan's total cost."""

    amount: int
    total_min: float
    total_max: float

    @property
    def gap_min(self) -> float:
        """Shortfall if costs come in at the low end (0 when the budget covers it)."""
        return max(0, self.total_min - self.amount)

    @property
    def gap_max(self) -> float:
        """Shortfall if costs come in at the high end."""
        return max(0, self.total_max - self.amount)

    @property
    def covers(self) -> str:
        """'all', 'part' (covers the low end only) or 'none'."""
        if self.amount >= self.total_max:
            return "all"
        return "part" if self.amount >= self.total_min else "none"

    @property
    def shortfall(self) -> str:
        """What the budget does against the path, to end a sentence: 'may fall short by up to
        $480', 'falls short by $285-$530', 'covers it'."""
        covers = self.covers
        if covers == "all":
            return "covers it"
        if covers == "part":
            return f"may fall short by up to {money(self.gap_max)}"
        return f"falls short by {money_span(self.gap_min, self.gap_max)}"

    @property
    def summary(self) -> str:
        """The budget against the whole path in one sentence, as the Cost section shows it."""
        amount = money(self.amount)
        covers = self.covers
        if covers == "all":
            return (
                f"Your budget of {amount} covers this path, even at its high end "
                f"({money(self.total_max)})."
            )
        if covers == "part":
            return (
                f"Your budget of {amount} covers this path at its low end "
                f"({money(self.total_min)}) but may fall short by up to "
                f"{money(self.gap_max)}."
            )
        return (
            f"Your budget of {amount} falls short of this path by "
            f"{money_span(self.gap_min, self.gap_max)}."
        )

    def path_facts(self) -> Facts:
        """The facts stage-2 rules test (rules.PATH_FACTS)."""
        return {
            "path_covered": self.covers,
            "path_cost_min": self.total_min,
            "path_cost_max": self.total_max,
            "path_gap_min": self.gap_min,
            "path_gap_max": self.gap_max,
        }

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "amount": self.amount,
            "covers": self.covers,
            "gap": {"min": self.gap_min, "max": self.gap_max},
            "summary": self.summary,
        }


@dataclass(frozen=True)
class Plan:
    """A personal plan, with everything it was made from."""

    profile: Profile
    findings: Findings
    program: Pick | None
    program_optional: bool
    delivery: str | None
    certification: Pick
    aid: tuple[AidPick, ...]
    alternatives: tuple[Alternative, ...]
    steps: tuple[PlanStep, ...]
    cost: CostBreakdown
    budget: Budget
    salary: dict[str, Any]
    ready_by: dt.date
    first_actions: tuple[str, ...]

    def to_dict(self, *, explain: bool = False) -> dict[str, Any]:
        """The JSON of `bcareer plan --json`; with explain, every rule's outcome too."""
        kb = self.findings.engine.kb
        program = None
        if self.program is not None:
            program = {
                "id": self.program.id,
                "name": self.program.name,
                "reasons": list(self.program.reasons),
                "optional": self.program_optional,
                "delivery": self.delivery,
            }
        data: dict[str, Any] = {
            # defaulted: the answers not given, whose documented default the plan used.
            "profile": {**self.profile.to_dict(), "defaulted": list(self.profile.defaulted)},
            "blockers": [message.to_dict() for message in self.findings.blockers],
            "warnings": [message.to_dict() for message in self.findings.warnings],
            "recommendations": {
                "program": program,
                "certification": {
                    "code": self.certification.id,
                    "name": self.certification.name,
                    "reasons": list(self.certification.reasons),
                },
                "financial_aid": [pick.to_dict() for pick in self.aid],
                "alternatives": [alternative.to_dict() for alternative in self.alternatives],
            },
            "steps": [step.to_dict() for step in self.steps],
            "cost": self.cost.to_dict(kb),
            "budget": self.budget.to_dict(),
            "salary": self.salary,
            "ready_by": self.ready_by.isoformat(),
            "first_actions": list(self.first_actions),
        }
        if explain:
            data["explain"] = explain_dict(self.findings)
        return data


# --- explanations -------------------------------------------------------------------------------


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


def explain_dict(findings: Findings) -> dict[str, Any]:
    """Every rule with its topic, whether it held, its sentence, each part's outcome in words,
    and the scores."""
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
    kinds: tuple[Kind, ...] = ("program", "certification", "aid", "delivery")
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
    return {"topics": list(TOPICS), "rules": rules, "scores": scores}


# --- planning -----------------------------------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day of the month, months later (the last day when that month is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _weeks(by: BySchedule, schedule: str) -> int:
    if schedule == "full-time":
        return by.full_time
    if schedule == "part-time":
        return by.part_time
    return by.flexible


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


def experience_levels(bands: Sequence[ExperiencePay], years: int) -> list[ExperiencePay]:
    """The pay band a person's years of experience fall in, then the next one. Where two bands
    meet (the guide's 0-1 and 1-3 years), the later one counts: a full year is experience."""
    if not bands:
        return []
    current = 0
    for index, band in enumerate(bands):
        if band.years_min <= years:
            current = index
    return list(bands[current : current + 2])


class Planner:
    """Plans for one knowledge base; keeps what does not depend on the person (rules, names,
    cost breakdowns) so that planning many profiles stays fast."""

    def __init__(self, kb: KnowledgeBase) -> None:
        from billing_career.knowledge.lookup import reported_all

        self.kb = kb
        self.engine: RuleEngine = engine_for(kb)
        planning = kb.rules.planning
        self.planning = planning
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
        self._guide_steps = {step.id: step for step in kb.steps.steps}
        self._early = {step.id: step for step in kb.rules.early_steps}
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
        self._salary_newer = tuple(
            figure.to_dict() for figure in reported_all(kb, kb.salary.national_median.updates)
        )
        self._salaries: dict[tuple[int, bool, bool], dict[str, Any]] = {}

    # --- choosing ---

    def _ranked(
        self, findings: Findings, kind: Kind, allowed: Sequence[str] | None = None
    ) -> list[str]:
        """Candidates not ruled out, best first: highest score, then the tie-break order."""
        tie = self._tie[kind]
        pool = [
            ident
            for ident in (allowed if allowed is not None else self.engine.candidates(kind))
            if not findings.is_ruled_out(kind, ident)
        ]
        return sorted(
            pool, key=lambda ident: (-findings.score(kind, ident), tie.get(ident, len(tie)))
        )

    def _ranked_programs(self, findings: Findings, remote: bool) -> list[str]:
        """Programs best first; with programs_by_cost, the smallest gap first."""
        ranked = self._ranked(findings, "program")
        if "programs_by_cost" in findings.flags:
            costs = self.engine.path_costs[remote]
            ranked.sort(key=lambda ident: costs[ident])
        return ranked

    def _reasons(self, findings: Findings, kind: Kind, ident: str) -> list[str]:
        contributions = findings.scores[kind].get(ident, ())
        reasons = [c.because for c in contributions if (c.points or 0) > 0]
        reasons += [f"But: {lower_first(c.because)}" for c in contributions if (c.points or 0) < 0]
        return _unique(reasons)

    def _flag_reasons(self, findings: Findings, flag: str) -> list[str]:
        return [
            findings.because(result)
            for result in findings.results
            if result.fired and flag in result.rule.then.flags
        ]

    def _pick(self, findings: Findings, kind: Kind, ident: str, extra: Sequence[str] = ()) -> Pick:
        reasons = [*extra, *self._reasons(findings, kind, ident)]
        if not any(not reason.startswith("But: ") for reason in reasons):
            reasons.insert(
                0,
                "It has the highest score of the options no rule ruled out "
                "(ties go to the first in planning.tie_break).",
            )
        return Pick(
            kind,
            ident,
            self._names[kind][ident],
            findings.score(kind, ident),
            tuple(_unique(reasons)),
        )

    def _alternatives(
        self,
        findings: Findings,
        kind: Kind,
        chosen: str | None,
        skip: Sequence[str] = (),
        remote: bool = False,
    ) -> list[Alternative]:
        out = []
        best = None if chosen is None else findings.score(kind, chosen)
        by_cost = kind == "program" and "programs_by_cost" in findings.flags
        costs = self.engine.path_costs[remote]
        for ident in self.engine.candidates(kind):
            if ident == chosen or ident in skip:
                continue
            score = findings.score(kind, ident)
            ruled_out = findings.is_ruled_out(kind, ident)
            reasons: list[str] = []
            if ruled_out:
                reasons += [f"Ruled out: {c.because}" for c in findings.ruled_out[kind][ident]]
            else:
                # What counts for it, what against it, and what would have counted.
                reasons += self._reasons(findings, kind, ident)
                # Rules without an "otherwise" sentence are left to --explain.
                reasons += [
                    text
                    for result in findings.missed(kind, ident)
                    if (text := findings.otherwise(result))
                ]
                if chosen is not None and best is not None:
                    shown = chosen if kind == "certification" else self._names[kind][chosen]
                    if by_cost:
                        reasons.append(
                            f"It leaves a larger gap than {shown} "
                            f"({money_span(*costs[ident])} against {money_span(*costs[chosen])} "
                            "before the exam fee); with no program within your budget, the "
                            "plan picks the smallest gap."
                        )
                    elif score == best:
                        reasons.append(
                            f"Tied with {shown} at {score}; {shown} comes first in "
                            "the tie-break order (rules.yaml, planning.tie_break)."
                        )
                    else:
                        reasons.append(f"Scored {score} against {best} for {shown}.")
                elif kind == "aid":
                    reasons.append("No rule recommends it for your answers.")
            out.append(
                Alternative(
                    kind, ident, self._names[kind][ident], score, ruled_out, tuple(_unique(reasons))
                )
            )
        return out

    # --- costs ---

    def _cost(
        self,
        program: str | None,
        cert: str,
        member: bool,
        remote: bool,
        aid: tuple[str, ...],
        include_tuition: bool,
    ) -> CostBreakdown:
        from billing_career.reference.costs import cost_breakdown

        key = (program, cert, member, remote, aid, include_tuition)
        cached = self._costs.get(key)
        if cached is None:
            cached = cost_breakdown(
                self.kb,
                program,
                cert=cert,
                member=member,
                remote=remote,
                aid=aid,
                include_tuition=include_tuition,
            )
            if len(self._costs) < 4096:
                self._costs[key] = cached
        return cached

    # --- the plan ---

    def plan(self, profile: Profile) -> Plan:
        """The plan for one profile."""
        from billing_career.planning.rules import fee_text

        kb = self.kb
        findings = self.engine.evaluate(profile)
        optional = "training_optional" in findings.flags
        remote = "home_office_cost" in findings.flags

        programs = self._ranked_programs(findings, profile.remote)
        program_id = programs[0] if programs else None
        program_record = None if program_id is None else kb.program(program_id)
        delivery = None
        delivery_reasons: list[str] = []
        if program_record is not None and program_record.delivery:
            modes = self._ranked(findings, "delivery", program_record.delivery)
            if modes:
                delivery = modes[0]
                delivery_reasons = self._reasons(findings, "delivery", delivery)
                if len(program_record.delivery) == 1:
                    delivery_reasons.append(f"{program_record.name} programs are {delivery} only.")
        elif program_record is not None:
            delivery_reasons.append(
                f"The guide does not say whether {program_record.name} programs are online or "
                "in person."
            )

        certs = self._ranked(findings, "certification")
        cert_id = certs[0] if certs else self.engine.candidates("certification")[0]
        cert_record = kb.certification(cert_id)
        member = cert_record.membership_required is True

        # The chosen path's whole cost decides the stage-2 rules (aid, warnings, actions).
        path = self._cost(program_id, cert_id, member, remote, (), not optional)
        budget = Budget(profile.budget, path.total_min, path.total_max)
        findings = self.engine.complete(findings, budget.path_facts())
        certification = self._pick(findings, "certification", cert_id)

        aid_ids = [
            ident for ident in self._ranked(findings, "aid") if findings.score("aid", ident) > 0
        ]
        cost = self._cost(program_id, cert_id, member, remote, tuple(aid_ids), not optional)

        program = None
        if program_id is not None:
            name = program_record.name if program_record else program_id
            extra: list[str] = []
            if optional:
                extra += self._flag_reasons(findings, "training_optional")
                with_training = self._cost(program_id, cert_id, member, remote, (), True)
                extra.append(
                    f"Optional: with {name} training this path would cost "
                    f"{money_span(with_training.total_min, with_training.total_max)} instead of "
                    f"{money_span(cost.total_min, cost.total_max)}."
                )
            if "programs_by_cost" in findings.flags:
                extra += self._flag_reasons(findings, "programs_by_cost")
                chosen_score = findings.score("program", program_id)
                extra += [
                    f"{self._names['program'][other]} scores higher on your other answers but "
                    f"leaves a larger gap (see the alternatives)."
                    for other in programs[1:]
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
            path_level = {"all": 2, "part": 1, "none": 0}[budget.covers]
            if not optional and path_level < covered:
                # The program's budget reason stops before the exam; the Cost section does not.
                after.append(
                    f"But: with the {cert_id} exam ({fee_text(cert_record)}) the whole path "
                    f"costs {money_span(budget.total_min, budget.total_max)}, so your budget "
                    f"{budget.shortfall} (see Cost)."
                )
            program = self._pick(
                findings,
                "program",
                program_id,
                [
                    *extra,
                    *self._reasons(findings, "program", program_id),
                    *delivery_reasons,
                    *after,
                ],
            )

        aid = tuple(
            AidPick(
                ident,
                self._names["aid"][ident],
                kb.aid_option(ident).description,
                tuple(self._reasons(findings, "aid", ident)),
                self._aid_newer_for(ident, cert_id),
            )
            for ident in aid_ids
        )
        alternatives = (
            self._alternatives(findings, "program", program_id, remote=profile.remote)
            + self._alternatives(findings, "certification", cert_id)
            + self._alternatives(findings, "aid", None, skip=aid_ids)
        )
        steps, ready_by = self._steps(
            profile, findings, program_record, delivery, cert_id, optional
        )
        names = {"{program}": program.name if program else "training", "{certification}": cert_id}
        actions = []
        for action in findings.actions:
            for placeholder, value in names.items():
                action = action.replace(placeholder, value)
            actions.append(action)
        return Plan(
            profile=profile,
            findings=findings,
            program=program,
            program_optional=optional,
            delivery=delivery,
            certification=certification,
            aid=aid,
            alternatives=tuple(alternatives),
            steps=steps,
            cost=cost,
            budget=budget,
            salary=self._salary(
                profile.experience_years,
                "remote_settings" in findings.flags,
                "career_paths" in findings.flags,
            ),
            ready_by=ready_by,
            first_actions=tuple(_unique(actions)),
        )

    def _program_months(self, program: Program, schedule: str) -> tuple[int, str]:
        from billing_career.knowledge.models import Range

        span = program.duration_months
        note = ""
        if not isinstance(span, Range):
            span = self.planning.varies_months
            note = f" {self.planning.varies_note}"
        point = {
            "full-time": self.planning.schedule_point.full_time,
            "part-time": self.planning.schedule_point.part_time,
            "flexible": self.planning.schedule_point.flexible,
        }[schedule]
        if point == "min":
            months, which = span.min, "the short end"
        elif point == "max":
            months, which = span.max, "the long end"
        else:
            months, which = math.ceil((span.min + span.max) / 2), "the middle"
        months = math.ceil(months)
        if span.min == span.max:
            text = f"Planned as {_plural(months, 'month')}, the guide's duration.{note}"
        else:
            text = (
                f"Planned as {_plural(months, 'month')}: {schedule} study takes {which} of "
                f"{int(span.min)}-{int(span.max)} months (an assumption of this tool).{note}"
            )
        return months, text

    def _steps(
        self,
        profile: Profile,
        findings: Findings,
        program: Program | None,
        delivery: str | None,
        cert: str,
        optional: bool,
    ) -> tuple[tuple[PlanStep, ...], dt.date]:
        from billing_career.planning.rules import fee_text, renewal_text

        schedule = profile.schedule
        cursor = profile.start
        steps: list[PlanStep] = []
        guide = self._guide_steps

        def add(ident: str, title: str, end: dt.date, details: Sequence[str]) -> None:
            nonlocal cursor
            steps.append(PlanStep(ident, title, cursor, end, tuple(_unique(details))))
            cursor = end

        def after(weeks: int) -> dt.date:
            return cursor + dt.timedelta(weeks=weeks)

        def assumed(weeks: int, note: str = "The guide gives no time for this.") -> str:
            return f"Planned as {_plural(weeks, 'week')}: an assumption of this tool. {note}"

        for step_id in findings.early_steps:
            early = self._early[step_id]
            weeks = _weeks(early.weeks, schedule)
            reasons = [
                findings.because(result)
                for result in findings.results
                if result.fired and step_id in result.rule.then.steps
            ]
            add(
                step_id,
                f"Step 1: {early.title}",
                after(weeks),
                [*reasons, *early.details, assumed(weeks, early.weeks_note)],
            )

        weeks = _weeks(self.planning.requirements_weeks, schedule)
        requirement = guide.get("meet-requirements")
        details = list(findings.details.get("meet-requirements", ()))
        details.append(
            "Choose your certification exam and register (the first actions below)."
            if optional
            else "Choose your program, arrange the money and enroll (the first actions below)."
        )
        add(
            "meet-requirements",
            f"Step 1: {requirement.title if requirement else 'Meet basic requirements'}",
            after(weeks),
            [*details, assumed(weeks)],
        )

        training = guide.get("complete-training")
        title = training.title if training else "Complete a training program"
        details = list(findings.details.get("complete-training", ()))
        if program is None:
            add(
                "complete-training",
                f"Step 2: {title} (none recommended)",
                cursor,
                [*details, "No program type is left after the rules; see the alternatives."],
            )
        else:
            months, note = self._program_months(program, schedule)
            how = f" ({delivery})" if delivery else ""
            if optional:
                add(
                    "complete-training",
                    f"Step 2: {title}: optional for you",
                    cursor,
                    [
                        *details,
                        f"If you choose {program.name}{how}: {note}",
                        "Planned as no time, since your experience stands in for training.",
                    ],
                )
            else:
                add(
                    "complete-training",
                    f"Step 2: {title}: {program.name}{how}",
                    add_months(cursor, months),
                    [*details, note],
                )

        experience = guide.get("gain-experience")
        title = experience.title if experience else "Gain practical experience"
        details = list(findings.details.get("gain-experience", ()))
        if "experience_done" in findings.flags:
            add("gain-experience", f"Step 3: {title}", cursor, [*details, "Planned as no time."])
        else:
            weeks = _weeks(self.planning.experience_weeks, schedule)
            add("gain-experience", f"Step 3: {title}", after(weeks), [*details, assumed(weeks)])

        certification = guide.get("obtain-certification")
        title = certification.title if certification else "Obtain certification"
        record = self.kb.certification(cert)
        weeks = _weeks(self.planning.certification_weeks, schedule)
        add(
            "obtain-certification",
            f"Step 4: {title}: {cert}",
            after(weeks),
            [
                *findings.details.get("obtain-certification", ()),
                f"{record.name}: study with exam prep materials, then pass the exam.",
                f"Exam fee: {fee_text(record)}; renewal: {renewal_text(record)}.",
                assumed(weeks, "You are job-ready when this step ends."),
            ],
        )
        ready_by = cursor

        career = guide.get("begin-career")
        title = career.title if career else "Begin your career"
        weeks = _weeks(self.planning.job_search_weeks, schedule)
        details = list(findings.details.get("begin-career", ()))
        if career is not None:
            details += [
                f"{section.title}: {', '.join(section.items)}." for section in career.sections
            ]
        if "remote_settings" in findings.flags:
            settings = [
                setting.name for setting in self.kb.salary.by_setting if setting.remote_friendly
            ]
            if settings:
                details.append(f"Remote-friendly settings: {', '.join(settings)}.")
        add("begin-career", f"Step 5: {title}", after(weeks), [*details, assumed(weeks)])
        return tuple(steps), ready_by

    def _aid_newer_for(self, ident: str, cert_id: str) -> tuple[ReportedFigure, ...]:
        """An aid option's newer figures, less a body's own offer when the plan's certification
        comes from another body (AAPC's payment help is no help with NHA's CBCS)."""
        issuer = self.kb.certification(cert_id).issuer
        return tuple(
            figure
            for organization, figure in self._aid_newer[ident]
            if organization is None or organization == issuer
        )

    def _salary(self, years: int, remote: bool, career_paths: bool) -> dict[str, Any]:
        """Pay from the person's experience band on: that band, then the next; the guide's
        hourly figures and national median; remote settings and career paths when asked for."""
        key = (years, remote, career_paths)
        cached = self._salaries.get(key)
        if cached is not None:
            return dict(cached)
        from billing_career.knowledge.lookup import range_dict

        salary = self.kb.salary
        bands = experience_levels(salary.by_experience, years)
        data: dict[str, Any] = {
            "experience_years": years,
            "levels": [
                {
                    "id": band.id,
                    "name": band.name,
                    "years_min": band.years_min,
                    "years_max": band.years_max,
                    "annual": range_dict(band.annual),
                    "yours": index == 0,
                }
                for index, band in enumerate(bands)
            ],
            "hourly": [
                {"id": level.id, "name": level.name, "hourly": range_dict(level.hourly)}
                for level in salary.hourly
            ],
            "national_median": salary.national_median.annual,
            "national_median_series": median_series(self.kb),
            # Which of two bands that share the person's years is used, and why.
            "experience_band_note": band_overlap_for(self.kb, years),
            "newer": list(self._salary_newer),
            "source": self.kb.source(salary.national_median.source.id).title,
        }
        if remote:
            data["remote_settings"] = [
                {
                    "id": setting.id,
                    "name": setting.name,
                    "annual": (
                        setting.median_annual
                        if isinstance(setting.median_annual, str)
                        else range_dict(setting.median_annual)
                    ),
                }
                for setting in salary.by_setting
                if setting.remote_friendly
            ]
        if career_paths:
            data["career_paths"] = [
                {
                    "id": path.id,
                    "role": path.role,
                    "requirements": path.requirements,
                    "annual": range_dict(path.salary),
                }
                for path in self.kb.careers.career_paths
            ]
        if len(self._salaries) < 1024:
            self._salaries[key] = data
        return dict(data)


def _unique(items: Sequence[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out


_PLANNERS: PerKnowledgeBase[Planner] = PerKnowledgeBase()


def planner_for(kb: KnowledgeBase) -> Planner:
    """The planner of a knowledge base, made on first use and kept (for batches)."""
    return _PLANNERS.get(kb, Planner)


def make_plan(kb: KnowledgeBase, profile: Profile) -> Plan:
    """The plan for one profile."""
    return planner_for(kb).plan(profile)
