"""Why the plan chose what it chose: picks, alternatives, the aid that applies, first actions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from billing_career.knowledge.dates import add_months
from billing_career.knowledge.figures import money_span
from billing_career.knowledge.lookup import lower_first
from billing_career.knowledge.wording import fee_text
from billing_career.planning.rules import CandidateKind, Contribution, Findings
from billing_career.records import fast_init

if TYPE_CHECKING:
    from billing_career.knowledge.lookup import ReportedFigure
    from billing_career.knowledge.models import ActionsWithout, KnowledgeBase
    from billing_career.planning.money import Funding, FundingSource
    from billing_career.planning.rules import RuleEngine
    from billing_career.planning.timeline import Gate


@fast_init
@dataclass(frozen=True)
class Pick:
    """A recommended candidate and the reasons for it."""

    kind: CandidateKind
    id: str
    name: str
    score: int
    reasons: tuple[str, ...]


@fast_init
@dataclass(frozen=True)
class Alternative:
    """A candidate considered and not recommended, and why not."""

    kind: CandidateKind
    id: str
    name: str
    score: int
    ruled_out: bool
    reasons: tuple[str, ...]


@fast_init
@dataclass(frozen=True)
class AidPick:
    """An aid option that may pay for the plan, with reasons and newer reported amounts."""

    id: str
    name: str
    description: str
    reasons: tuple[str, ...]
    newer: tuple[ReportedFigure, ...]


@dataclass(frozen=True)
class ProvisionalExam:
    """A provisional certificate a person still in high school may test for before graduating
    (JSON `provisional_exam`): the certification, how close to graduating, and the source's id."""

    certification: str
    months_before_graduation: int
    source: str
    # Whether the plan's own exam falls in those months (it follows the diploma in most plans:
    # then the certificate is a route the plan does not take, said as such).
    in_plan: bool


def provisional_exam(
    kb: KnowledgeBase, cert_id: str, graduation: dt.date | None, exam: dt.date | None
) -> ProvisionalExam | None:
    """The plan's certification's provisional certificate (certifications.yaml provisional),
    for a person still in high school (graduation known), and whether the plan's exam falls on
    or before graduation and no more than its months before it, the only time it can be used;
    None without one (not in high school, or a certification with none)."""
    if graduation is None:
        return None
    found = kb.certification(cert_id).provisional
    if found is None:
        return None
    months = found.months_before_graduation
    in_plan = exam is not None and add_months(graduation, -months) <= exam <= graduation
    return ProvisionalExam(cert_id, months, found.source.id, in_plan)


class PlanReasons:
    """The reasons half of the planner (Planner builds on it)."""

    kb: KnowledgeBase
    engine: RuleEngine
    _names: dict[str, dict[str, str]]
    # Each aid option's newer figures, with the body whose own offer each reports (or None).
    _aid_newer: dict[str, tuple[tuple[str | None, ReportedFigure], ...]]
    # The aid picks by the very sources and the certification (see _aid).
    _aid_picks: dict[tuple[int, str], tuple[tuple[FundingSource, ...], tuple[AidPick, ...]]]

    def _reasons(self, findings: Findings, kind: CandidateKind, ident: str) -> list[str]:
        return _reasons_of(findings.scores[kind].get(ident, ()))

    def _flag_reasons(self, findings: Findings, flag: str) -> list[str]:
        results = findings.results
        return [
            findings.because(results[index])
            for index in self.engine.setting("flags", flag)
            if index < len(results) and results[index].fired
        ]

    def _pick(
        self,
        findings: Findings,
        kind: CandidateKind,
        ident: str,
        extra: Sequence[str] = (),
        *,
        own: bool = True,
    ) -> Pick:
        """The chosen candidate with its reasons: extra first, then (own) the rules' own."""
        reasons = [*extra, *(self._reasons(findings, kind, ident) if own else ())]
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
            tuple(unique(reasons)),
        )

    def _bare_pick(self, findings: Findings, kind: CandidateKind, ident: str) -> Pick:
        """The chosen candidate without its reasons (a brief plan's: see Planner.plan)."""
        return Pick(kind, ident, self._names[kind][ident], findings.score(kind, ident), ())

    def _alternatives(
        self,
        findings: Findings,
        kind: CandidateKind,
        chosen: str | None,
        skip: Sequence[str] = (),
        remote: bool = False,
        first: str | None = None,
    ) -> tuple[Alternative, ...]:
        """The candidates not chosen, with their reasons and how each scored beside the one
        that won the scores: chosen, or first (the rules' pick, where the plan recommends
        another path in its place: Planner._swap), whose own entry is compared with nothing."""
        # What each candidate's entry reads of the findings: its score, its rule-outs, what
        # counted for and against it and the "otherwise" sentences of the rules that would
        # have counted (the texts themselves: they read the facts). With the score it is set
        # against, the arguments and whether the gap is what counts (then the paths' costs,
        # by remote), that is all an entry reads: the same entries are kept by exactly that,
        # and the very same tuple handed back (a batch's JSON text of it is then reused).
        won = chosen if first is None else first
        best = None if won is None else findings.score(kind, won)
        by_cost = kind == "program" and "programs_by_cost" in findings.flags
        ruled_out_of, scores_of = findings.ruled_out[kind], findings.scores[kind]
        known = self._alternatives_known()
        watched = self._otherwise_watched(kind)
        if watched is not None:
            # Where no "otherwise" sentence of this kind reads a fact (the data's, today), an
            # entry's sentences follow from which of those rules held: kept by that instead
            # of the sentences themselves, so a plan met again words none of them.
            results = findings.results
            key: tuple[object, ...] = (
                _BY_FIRED,
                kind,
                won,
                best,
                by_cost,
                by_cost and remote,
                tuple([results[index].fired for index in watched]),
                tuple(
                    [
                        (
                            ident,
                            findings.score(kind, ident),
                            ruled_out_of.get(ident),
                            scores_of.get(ident, ()),
                        )
                        for ident in self.engine.candidates(kind)
                        if ident != chosen and ident not in skip
                    ]
                ),
            )
            found = known.get(key)
            if found is None:
                found = self._alternatives_of(
                    kind,
                    won,
                    best,
                    by_cost,
                    remote,
                    self._alternative_entries(findings, kind, chosen, skip),
                )
                if len(known) >= _ALTERNATIVES_LIMIT:
                    known.clear()
                known[key] = found
            return found
        entries = self._alternative_entries(findings, kind, chosen, skip)
        key = (kind, won, best, by_cost, by_cost and remote, entries)
        found = known.get(key)
        if found is None:
            found = self._alternatives_of(kind, won, best, by_cost, remote, entries)
            if len(known) >= _ALTERNATIVES_LIMIT:
                known.clear()
            known[key] = found
        return found

    def _alternative_entries(
        self, findings: Findings, kind: CandidateKind, chosen: str | None, skip: Sequence[str]
    ) -> tuple[
        tuple[str, int, tuple[Contribution, ...] | None, tuple[Contribution, ...], tuple[str, ...]],
        ...,
    ]:
        """What each alternative's entry reads of the findings (see _alternatives)."""
        ruled_out_of, scores_of = findings.ruled_out[kind], findings.scores[kind]
        return tuple(
            (
                ident,
                findings.score(kind, ident),
                ruled_out_of.get(ident),
                scores_of.get(ident, ()),
                () if ident in ruled_out_of else tuple(findings.missed_otherwise(kind, ident)),
            )
            for ident in self.engine.candidates(kind)
            if ident != chosen and ident not in skip
        )

    def _otherwise_watched(self, kind: CandidateKind) -> tuple[int, ...] | None:
        """The rules whose "otherwise" sentences an alternative of this kind may say, when
        none of those sentences reads a fact (each is then the same text whatever the facts,
        and which of the rules held is all the entries' sentences read); None where one does.
        The same for every plan of the rules, worked out once per kind."""
        made: dict[str, tuple[int, ...] | None] | None = self.__dict__.get("_watched_made")
        if made is None:
            made = self.__dict__["_watched_made"] = {}
        if kind in made:
            return made[kind]
        engine = self.engine
        indexes = sorted(
            {
                index
                for ident in engine.candidates(kind)
                for index in engine.favoring_otherwise(kind, ident)
            }
        )
        watched = (
            tuple(indexes) if all(engine.reads_no_fact(index, False) for index in indexes) else None
        )
        made[kind] = watched
        return watched

    def _alternatives_known(
        self,
    ) -> dict[tuple[object, ...], tuple[Alternative, ...]]:
        """The alternatives made, by what they read (see _alternatives)."""
        known: dict[tuple[object, ...], tuple[Alternative, ...]] | None = self.__dict__.get(
            "_alternatives_made"
        )
        if known is None:
            known = self.__dict__["_alternatives_made"] = {}
        return known

    def _alternatives_of(
        self,
        kind: CandidateKind,
        won: str | None,
        best: int | None,
        by_cost: bool,
        remote: bool,
        entries: tuple[
            tuple[
                str, int, tuple[Contribution, ...] | None, tuple[Contribution, ...], tuple[str, ...]
            ],
            ...,
        ],
    ) -> tuple[Alternative, ...]:
        """The alternatives of _alternatives, made from what their entries read."""
        out = []
        costs = self.engine.path_costs[remote]
        for ident, score, ruled_out, contributions, otherwise in entries:
            reasons: list[str] = []
            if ruled_out is not None:
                reasons += [f"Ruled out: {c.because}" for c in ruled_out]
            else:
                # What counts for it, what against it, and what would have counted.
                reasons += _reasons_of(contributions)
                # Rules without an "otherwise" sentence are left to --explain.
                reasons += otherwise
                if won is not None and best is not None and ident != won:
                    shown = won if kind == "certification" else self._names[kind][won]
                    if by_cost:
                        reasons.append(
                            f"It leaves a larger gap than {shown} "
                            f"({money_span(*costs[ident])} against {money_span(*costs[won])} "
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
                    kind,
                    ident,
                    self._names[kind][ident],
                    score,
                    ruled_out is not None,
                    tuple(unique(reasons)),
                )
            )
        return tuple(out)

    # --- costs ---

    def _step_reasons(self, findings: Findings, step_id: str) -> list[str]:
        results = findings.results
        return [
            findings.because(results[index])
            for index in self.engine.setting("steps", step_id)
            if index < len(results) and results[index].fired
        ]

    def _aid(self, funding: Funding, cert_id: str) -> tuple[AidPick, ...]:
        """The aid sources that apply, counted ones first, each with its reasons and sources."""
        # They read only the sources and the certification: kept by the very sources (with
        # them, so their id is not another tuple's while here), the same tuple for each.
        given = funding.sources
        key = (id(given), cert_id)
        found = self._aid_picks.get(key)
        if found is not None and found[0] is given:
            return found[1]
        kb = self.kb
        applying = [source for source in given if source.applies]
        applying.sort(key=lambda source: not source.counted)
        picks = tuple(
            AidPick(
                source.id,
                source.name,
                kb.aid_option(source.id).description,
                (*source.reasons, f"Sources: {'; '.join(source.sources)}."),
                self._aid_newer_for(source.id, cert_id),
            )
            for source in applying
        )
        if len(self._aid_picks) >= 4096:
            self._aid_picks.clear()
        self._aid_picks[key] = (given, picks)
        return picks

    def _aid_newer_for(self, ident: str, cert_id: str) -> tuple[ReportedFigure, ...]:
        """An aid option's newer figures, less a body's own offer when the plan's certification
        comes from another body (AAPC's payment help is no help with NHA's CBCS)."""
        issuer = self.kb.certification(cert_id).issuer
        return tuple(
            figure
            for organization, figure in self._aid_newer[ident]
            if organization is None or organization == issuer
        )

    def _action_order(self) -> tuple[dict[str, str], set[str], dict[str, int]]:
        """Each aid source's action kind, the sources never counted as money, and each action
        kind's place in the order: the same for every plan of the knowledge base, made once."""
        found: tuple[dict[str, str], set[str], dict[str, int]] | None = self.__dict__.get(
            "_action_kinds"
        )
        if found is None:
            funding = self.kb.aid.funding
            kinds: dict[str, str] = {entry.aid: entry.action_kind for entry in funding}
            # Named, never counted as money (VR, SNAP E&T): the office that decides comes
            # first all the same; only money that could be counted but is not, waits for the
            # programs.
            never = {entry.aid for entry in funding if entry.pays == "nothing"}
            order: dict[str, int] = {
                kind: index for index, kind in enumerate(self.kb.rules.planning.action_order)
            }
            found = self.__dict__["_action_kinds"] = (kinds, never, order)
        return found

    def _actions_without(self) -> dict[str, ActionsWithout]:
        """Each aid source's actions for a plan without another source's (aid.yaml
        actions_without), by the source's id: the same for every plan, made once."""
        found: dict[str, ActionsWithout] | None = self.__dict__.get("_actions_without_made")
        if found is None:
            found = self.__dict__["_actions_without_made"] = {
                entry.aid: entry.actions_without
                for entry in self.kb.aid.funding
                if entry.actions_without is not None
            }
        return found

    def _exam_proof(self, cert_id: str) -> str:
        """What to gather for the exam, as the data gives the certification's prerequisites:
        'any proof of training or experience they ask for', or, where the guide lists none
        (the CPB), that none is asked."""
        if self.kb.certification(cert_id).prerequisites_required is False:
            return "(the guide lists no prerequisites for it: there is no proof to gather)"
        return "and gather any proof of training or experience they ask for"

    def _retake_wait(self, cert_id: str) -> str:
        """The issuer's wait before a retake in the words of rules.yaml (planning
        retake_wait_words), where the certification's data holds one; else nothing."""
        kb = self.kb
        cert = kb.certification(cert_id)
        wait = cert.retake.wait if cert.retake is not None else None
        if wait is None or cert.issuer is None:
            return ""
        issuer = kb.organization(cert.issuer)
        # replace, not format: a user's data file with another brace stays words, not an error.
        words = kb.rules.planning.retake_wait_words.replace("{days}", str(wait.days))
        return words.replace("{issuer}", issuer.abbreviation or issuer.name)

    def _retake_fee(self, cert_id: str, exam_fee: tuple[float, float] | None) -> str:
        """What a retake costs, in the words of rules.yaml (planning retake_packages_words and
        the membership's), where the certification's issuer sells exam packages: a two-attempt
        package pays for it, a one-attempt one means the exam fee again (exam_fee: the plan's
        own price of it, else the data's fee), and the membership must be current where the
        data or newer reports say so; else nothing."""
        kb = self.kb
        cert = kb.certification(cert_id)
        retake = cert.retake
        if retake is None or retake.fee is None or retake.fee.kind != "packages":
            return ""
        planning = kb.rules.planning
        fee = money_span(*exam_fee) if exam_fee is not None else fee_text(cert)
        words = planning.retake_packages_words.replace("{fee}", fee)
        if cert.issuer is None:
            return words
        if cert.membership_required is True:
            member = planning.retake_membership_words
        elif cert.updates_for("membership_required"):
            member = planning.retake_membership_reported_words
        else:
            return words
        issuer = kb.organization(cert.issuer)
        return words + member.replace("{issuer}", issuer.abbreviation or issuer.name)

    def _actions(
        self,
        findings: Findings,
        funding: Funding,
        program: Pick | None,
        cert_id: str,
        delivery: str | None = None,
        *,
        own_covered: bool = False,
        gate: Gate | None = None,
        exam_fee: tuple[float, float] | None = None,
    ) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The rules' first actions and what a counselor says about the aid that applies, in the
        order that unblocks: each action's kind (rules.yaml planning.action_order), the aid
        counted before the aid that only may apply, else in rule order. own_covered: the budget
        alone pays the whole path. gate: a check the later steps rest on (the exclusion list);
        then the check comes first, the actions of steps before it (its `keeps`) next, and one
        action stands for the rest, which wait until it passes. Also the ids of the aid sources
        the kept actions send the person to (the caseload report's referrals). exam_fee: the
        plan's own price of the exam (its cost list), which a retake's action names."""
        # They read the findings' actions and each one's kind, the program's name, the
        # certification, the delivery, own_covered, the check's actions and kinds kept, the
        # exam fee and of each source its id, whether it applies and is counted, its actions
        # and the later award year its training starts in: kept by exactly those (a plan's
        # sources are its own tuple, so by their values; a cohort meets a few hundred cases).
        action_kinds = findings.action_kinds
        key = (
            findings.actions,
            tuple([action_kinds.get(action) for action in findings.actions]),
            None if program is None else program.name,
            cert_id,
            delivery,
            own_covered,
            None if gate is None else (gate.keeps, gate.action, gate.later_action),
            exam_fee,
            tuple(
                [
                    (
                        source.id,
                        source.applies,
                        source.counted,
                        source.actions,
                        source.starts_in_award_year,
                    )
                    for source in funding.sources
                ]
            ),
        )
        known = self._actions_known()
        found = known.get(key)
        if found is None:
            found = self._actions_made(
                findings, funding, program, cert_id, delivery, own_covered, gate, exam_fee
            )
            if len(known) >= _ACTIONS_LIMIT:
                known.clear()
            known[key] = found
        return found

    def _actions_known(self) -> dict[tuple[object, ...], tuple[tuple[str, ...], tuple[str, ...]]]:
        """The first actions made, by what they read (see _actions)."""
        known: dict[tuple[object, ...], tuple[tuple[str, ...], tuple[str, ...]]] | None = (
            self.__dict__.get("_actions_made_for")
        )
        if known is None:
            known = self.__dict__["_actions_made_for"] = {}
        return known

    def _actions_made(
        self,
        findings: Findings,
        funding: Funding,
        program: Pick | None,
        cert_id: str,
        delivery: str | None,
        own_covered: bool,
        gate: Gate | None,
        exam_fee: tuple[float, float] | None,
    ) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The first actions and referrals of _actions, made afresh."""
        # Each placeholder's words, made only for an action that has it (most plans' actions
        # name the certification alone; the retake's words are a retake's).
        makers: dict[str, Callable[[], str]] = {
            "{program}": lambda: program.name if program else "training",
            "{certification}": lambda: cert_id,
            "{delivery}": lambda: delivery or "the",
            "{exam_proof}": lambda: self._exam_proof(cert_id),
            "{retake_wait}": lambda: self._retake_wait(cert_id),
            "{retake_fee}": lambda: self._retake_fee(cert_id, exam_fee),
        }
        filled: dict[str, str] = {}
        # Each action with its kind and the aid sources it sends the person to.
        # An action about the program has none to be about on an exam-only path ("Decide
        # whether training training is worth it" for a CPC holder with experience): left out.
        actions: list[tuple[str, str, tuple[str, ...]]] = [
            (findings.action_kinds.get(action, "program"), action, ())
            for action in findings.actions
            if program is not None or "{program}" not in action
        ]
        kinds, never, order = self._action_order()
        applying = [source for source in funding.sources if source.applies]
        acting = {source.id for source in applying if source.actions}
        # The person meets a source's condition when it carries actions (money.assess keeps them
        # only then), though a path with no program for it does not apply it (training optional).
        qualified = {source.id for source in funding.sources if source.actions}
        for source in sorted(applying, key=lambda source: not source.counted):
            kind = kinds.get(source.id, "money")
            if own_covered or (not source.counted and source.id not in never):
                # Aid that only may apply (or that a budget paying the whole path does not
                # need) is worth asking about with the programs, not before them.
                kind = "program"
            said = source.actions
            ids: tuple[str, ...] = (source.id,)
            without = self._actions_without().get(source.id)
            # Said by this source only where the other applies to the person but brings no
            # action here (the FAFSA on a path with no program); never where it does not apply
            # (a bachelor's degree: no Pell Grant, so no FAFSA to file for VR's sake).
            if (
                said
                and without is not None
                and without.aid in qualified
                and without.aid not in acting
            ):
                said = without.actions
                ids = (source.id, without.aid)
            # The award year whose application to file, where training starts in a later one
            # than the figure's (money.for_training); else nothing.
            year = source.starts_in_award_year
            words = (
                ""
                if year is None
                else self.kb.rules.planning.award_year_words.replace("{year}", year)
            )
            actions += [(kind, action.replace("{award_year}", words), ids) for action in said]
        out = []
        referred: list[str] = []
        # sorted is stable: within a kind, the rules' order and the aid's.
        for kind, action, ids in sorted(actions, key=lambda item: order.get(item[0], len(order))):
            if gate is not None and kind not in gate.keeps:
                # For once the check passes: the later action says so in their place.
                continue
            if "{" in action:
                for placeholder, make in makers.items():
                    if placeholder in action:
                        value = filled.get(placeholder)
                        if value is None:
                            value = filled[placeholder] = make()
                        action = action.replace(placeholder, value)
            out.append(action)
            referred += ids
        if gate is not None:
            out = [gate.action, *out, gate.later_action]
        return tuple(unique([action for action in out if action])), tuple(unique(referred))


def _reasons_of(contributions: Sequence[Contribution]) -> list[str]:
    """What counted for a candidate, then what against it ("But: ..."), each once."""
    reasons = [c.because for c in contributions if (c.points or 0) > 0]
    reasons += [f"But: {lower_first(c.because)}" for c in contributions if (c.points or 0) < 0]
    return unique(reasons)


# First actions kept at once (see PlanReasons._actions); past it the memo starts over.
_ACTIONS_LIMIT = 4096
# Alternatives kept at once (see PlanReasons._alternatives); past it the memo starts over.
_ALTERNATIVES_LIMIT = 4096
# Marks a key of the alternatives kept by which rules held (see PlanReasons._alternatives).
_BY_FIRED = object()


def unique(items: Sequence[str]) -> list[str]:
    """The items in order, each once (its first time)."""
    return list(dict.fromkeys(items))
