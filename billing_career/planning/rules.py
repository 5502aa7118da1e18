"""The rules engine: data/rules.yaml compiled once into plain predicates, evaluated part by part.

A condition is structured data ({fact, op, value} under all / any / not), so there is no parser
and nothing from a data file is ever run as code. Compiling checks every fact, op, value and id a
rule names and turns each test into a small closure (well under a microsecond to call). Every
part of every condition is evaluated, not short-circuited, and its outcome kept: a plan can then
say which rules held and why, and for the others which part failed, in plain words (the labels
of rules.yaml and the answer labels of questions.yaml).

Rules run in two stages. Most test the answers and what the budget covers (stage 1), and choose
the program, delivery and certification. A few test the cost of the whole path (PATH_FACTS),
which is known only once those are chosen: they run in stage 2 (RuleEngine.evaluate_path) and may
only conclude what does not change the choice (aid, warnings, details, first actions).

Stage 1 is worked out in runs of rules next to each other (_Run): a run's results, sentences and
what its rules that held add are kept by the values of the facts they all read, so a cohort,
which meets each run's few cases again and again, adds up a few runs instead of every rule.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from billing_career.knowledge.figures import money_span
from billing_career.knowledge.memo import PerKnowledgeBase
from billing_career.planning.conditions import (
    AID_BY_PROGRAM,
    BUDGET_FACTS,
    COUNTED_AID,
    KINDS,
    PATH_FACTS,
    TOPICS,
    TRAINING_RECENT_YEARS,
    CandidateKind,
    Compiled,
    Contribution,
    Facts,
    Message,
    Part,
    RuleResult,
    Topic,
    aid_short,
    condition_tests,
    fact_specs,
    topic_of,
)
from billing_career.planning.profile import Profile, answer_facts
from billing_career.planning.rules_check import RuleChecker, band_rules
from billing_career.planning.rules_words import RuleWords
from billing_career.records import fast_init
from billing_career.reference.bands import at_hours
from billing_career.reference.costs import pre_exam_costs, pre_exam_counts, program_costs

if TYPE_CHECKING:
    from billing_career.knowledge.models import KnowledgeBase

__all__ = [
    "BUDGET_FACTS",
    "TOPICS",
    "CandidateKind",
    "Contribution",
    "Facts",
    "Findings",
    "Message",
    "Part",
    "RuleEngine",
    "RuleResult",
    "engine_for",
    "evaluate",
]


@fast_init
@dataclass(frozen=True)
class Findings:
    """What the rules concluded for one profile, with every rule's outcome kept."""

    facts: Facts
    results: tuple[RuleResult, ...]
    scores: Mapping[CandidateKind, Mapping[str, tuple[Contribution, ...]]]
    ruled_out: Mapping[CandidateKind, Mapping[str, tuple[Contribution, ...]]]
    blockers: tuple[Message, ...]
    warnings: tuple[Message, ...]
    early_steps: tuple[str, ...]
    details: Mapping[str, tuple[str, ...]]
    flags: frozenset[str]
    actions: tuple[str, ...]
    engine: RuleEngine = field(repr=False, compare=False)
    # Each action's kind (Conclusion.action_kind), by its text: the planner orders by it.
    action_kinds: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)
    # The answers the person did not give (Profile.defaulted): sentences resting on them say so.
    defaulted: frozenset[str] = frozenset()
    # Each held rule's sentence, by position (None where it did not hold).
    texts: tuple[str | None, ...] = field(default=(), repr=False, compare=False)
    # The scores added up once (score() is called often while ranking).
    totals: Mapping[CandidateKind, Mapping[str, int]] = field(
        default_factory=dict, repr=False, compare=False
    )
    # Made with words (sentences and actions), not the decisions only (evaluate(words=False)).
    worded: bool = field(default=True, repr=False, compare=False)

    @property
    def path_evaluated(self) -> bool:
        """False until the stage-2 rules have run (RuleEngine.evaluate_path)."""
        return not any(result.pending for result in self.results)

    def score(self, kind: CandidateKind, ident: str) -> int:
        """The total score of a candidate."""
        totals = self.totals.get(kind)
        if totals is not None:
            return totals.get(ident, 0)
        return sum(c.points or 0 for c in self.scores[kind].get(ident, ()))

    def is_ruled_out(self, kind: CandidateKind, ident: str) -> bool:
        """True when some rule took this candidate off the table."""
        return ident in self.ruled_out[kind]

    def result(self, rule_id: str) -> RuleResult:
        """One rule's result by id."""
        return self.results[self.engine.position(rule_id)]

    def fired(self, rule_id: str) -> bool:
        """Whether the rule with this id held."""
        return self.result(rule_id).fired

    def explain(self, result: RuleResult) -> Part:
        """The rule's condition with each part's outcome, in words."""
        return self.engine.explain(result, self.facts)

    def missed(self, kind: CandidateKind, ident: str) -> list[RuleResult]:
        """Rules that would have scored this candidate up but did not hold: the "why not"."""
        results = self.results
        return [
            results[index]
            for index in self.engine.favoring(kind, ident)
            if not results[index].fired
        ]

    def missed_otherwise(self, kind: CandidateKind, ident: str) -> list[str]:
        """The "otherwise" sentences of missed(kind, ident), in order, the rules that have none
        left out (as otherwise() of each, empty ones dropped)."""
        results, facts, defaulted = self.results, self.facts, self.defaulted
        sentence = self.engine.sentence
        out = []
        for index in self.engine.favoring_otherwise(kind, ident):
            result = results[index]
            if not result.fired:
                text = sentence(index, result.outcome, facts, defaulted, False)
                if text:
                    out.append(text)
        return out

    def because(self, result: RuleResult) -> str:
        """The rule's sentence for these facts, marked where it rests on a default answer."""
        index = self.engine.position(result.rule.id)
        if index < len(self.texts) and self.texts[index] is not None:
            return self.texts[index]  # type: ignore[return-value]
        return self.engine.sentence(index, result.outcome, self.facts, self.defaulted, True)

    def otherwise(self, result: RuleResult) -> str | None:
        """The rule's sentence for when it does not hold, if it has one."""
        if result.rule.otherwise is None:
            return None
        index = self.engine.position(result.rule.id)
        return self.engine.sentence(index, result.outcome, self.facts, self.defaulted, False)


class RuleEngine(RuleChecker, RuleWords):
    """The rules of one knowledge base, checked and compiled once; evaluate() per profile."""

    def __init__(self, kb: KnowledgeBase, folder: str = "data") -> None:
        self.kb = kb
        self.folder = folder
        self._last_answers: tuple[Profile, Facts] | None = None
        # The rules that set each flag, with the facts their conditions read (see holds_flag).
        self._flag_setters: dict[str, tuple[tuple[int, tuple[str, ...]], ...]] = {}
        # The rules that name each flag or early step (see setting).
        self._setting: dict[tuple[str, str], tuple[int, ...]] = {}
        self.specs = fact_specs(kb)
        self._labels = {
            question.id: {choice.value: choice.label for choice in question.choices}
            for question in kb.questions.questions
        }
        self._proper_names = frozenset(q.id for q in kb.questions.questions if q.proper_names)
        # The entry certifications (certifications.yaml level): an exam of one sat is billing
        # training done; an advanced one's (the CPC) is not, and the plan trains for an entry one.
        self._entry_exams = frozenset(
            cert.code for cert in kb.certifications.certifications if cert.level == "entry"
        )
        self._program_names = {program.id: program.name for program in kb.programs.programs}
        self._aid_names = {option.id: aid_short(option) for option in kb.aid.aid}
        # Each program's tuition plus fees, and its cost before the exam without and with
        # remote work (reference/costs.py does the adding up).
        self.program_costs = program_costs(kb)
        self.path_costs = {remote: pre_exam_costs(kb, remote) for remote in (False, True)}
        self._path_texts = {
            remote: {
                ident: f"{money_span(low, high)} for {pre_exam_counts(kb, remote)}"
                for ident, (low, high) in self.path_costs[remote].items()
            }
            for remote in (False, True)
        }
        # What is left of a program's cost before the exam once aid pays its tuition and fees:
        # the extras every path has, the same for every program type.
        self._extras_texts = {remote: self._extras_text(kb, remote) for remote in (False, True)}
        self._figures = self._figure_texts()
        self._early = {step.id: index for index, step in enumerate(kb.rules.early_steps)}
        self._guide_steps = {step.id for step in kb.steps.steps}
        self._candidates: dict[CandidateKind, tuple[str, ...]] = {
            "program": tuple(program.id for program in kb.programs.programs),
            "certification": tuple(cert.code for cert in kb.certifications.certifications),
            "aid": tuple(option.id for option in kb.aid.aid),
            "delivery": ("online", "in-person"),
        }
        self._check_tie_break()
        self._check_goal_paths()
        self._fact_labels, self._op_words = self._check_labels()
        seen: dict[str, int] = {}
        compiled: list[Compiled] = []
        for rule in (*kb.rules.rules, *band_rules(kb)):
            if rule.id in seen:
                raise self._error(rule.id, "id", f"duplicate id '{rule.id}'")
            seen[rule.id] = len(compiled)
            compiled.append(self._compile_rule(rule))
        self._rules = tuple(compiled)
        self._positions = seen
        self.funding_tests = self._compile_funding()
        self._stage1 = tuple(index for index, item in enumerate(compiled) if item.stage == 1)
        self._stage2 = tuple(index for index, item in enumerate(compiled) if item.stage == 2)
        self.topics: dict[str, Topic] = {item.rule.id: topic_of(item.rule) for item in compiled}
        # The results known before any profile: stage-2 rules pending, rules with no condition
        # held.
        self._fixed: tuple[RuleResult | None, ...] = tuple(
            RuleResult(item.rule, False, None, True)
            if item.stage == 2
            else RuleResult(item.rule, True, None)
            if item.test is None
            else None
            for item in compiled
        )
        # Each stage-1 rule's result, and its sentence when it held, by the values of the facts
        # it reads (see evaluate); None for a rule with no condition or of stage 2.
        reads = [
            self._reads_of(index, item) if fixed is None else (None, False)
            for index, (item, fixed) in enumerate(zip(compiled, self._fixed, strict=True))
        ]
        self._result_keys: tuple[Callable[[Facts], Any] | None, ...] = tuple(
            key for key, _ in reads
        )
        self._worded: tuple[bool, ...] = tuple(worded for _, worded in reads)
        self._known: tuple[dict[Any, list[Any]], ...] = tuple({} for _ in compiled)
        # Each stage-2 rule's result by the values of the facts its condition reads (see
        # evaluate_path): a caseload meets each path's few cases thousands of times.
        self._stage2_keys: dict[int, Callable[[Facts], Any] | None] = {
            index: self._condition_reads(compiled[index]) for index in self._stage2
        }
        self._stage2_known: dict[int, dict[Any, RuleResult]] = {index: {} for index in self._stage2}
        # What each rule concludes when it holds, read once (None: nothing beyond its result).
        self._conclusions: tuple[
            tuple[
                str,
                tuple[tuple[CandidateKind, str, int], ...],
                tuple[tuple[CandidateKind, str], ...],
                Any,
                tuple[str, ...],
                tuple[str, ...],
                bool,
            ]
            | None,
            ...,
        ] = tuple(
            (
                item.rule.id,
                item.points,
                item.rule_out,
                item.rule.then,
                tuple(item.rule.then.steps),
                tuple(item.rule.then.details_for),
                bool(item.actions),
            )
            if item.concludes
            else None
            for item in compiled
        )
        # Per rule, what it adds when it holds, by its sentence (see _conclude).
        self._made: tuple[dict[str, Any], ...] = tuple({} for _ in compiled)
        # The stage-2 rules that, when they hold, add only warnings and first actions: the
        # stage-1 conclusions stand as they are around them (see _complete).
        self._warns_only = frozenset(
            index
            for index in self._stage2
            if (made := self._conclusions[index]) is None
            or not (made[1] or made[2] or made[3].blocker or made[4] or made[5] or made[3].flags)
        )
        # Whether every stage-1 rule's actions are plain words, naming no fact (see _complete).
        self._plain_stage1_actions = all(
            isinstance(piece, str)
            for item in compiled
            if item.stage == 1
            for action in item.actions
            for piece in action
        )
        # Where details and first actions come from, in rule order (for RuleEngine._merge).
        self._details_rules: dict[str, tuple[int, ...]] = {}
        for index, item in enumerate(compiled):
            for step in item.rule.then.details_for:
                self._details_rules[step] = (*self._details_rules.get(step, ()), index)
        self._action_rules = tuple(index for index, item in enumerate(compiled) if item.actions)
        self._points = {
            item.rule.id: {(kind, ident): points for kind, ident, points in item.points}
            for item in self._rules
        }
        # For "why not X?": the rules that would score each candidate up, by position.
        self._favoring: dict[tuple[CandidateKind, str], tuple[int, ...]] = {}
        for index, item in enumerate(self._rules):
            for kind, ident, points in item.points:
                if points > 0:
                    key = (kind, ident)
                    self._favoring[key] = (*self._favoring.get(key, ()), index)
        self._favoring_otherwise = {
            key: tuple(index for index in found if self._rules[index].rule.otherwise is not None)
            for key, found in self._favoring.items()
        }
        # The stage-1 rules in order, as runs of rules worked out together and single rules
        # (see evaluate and _units_of).
        self._units = self._units_of()

    # The candidates rules may score, in data order.
    def candidates(self, kind: CandidateKind) -> tuple[str, ...]:
        """Programs, entry certifications, aid options or delivery modes."""
        return self._candidates[kind]

    def points(self, rule_id: str, kind: CandidateKind, ident: str) -> int:
        """The points a rule gives a candidate when it holds (0 if it names it not)."""
        return self._points[rule_id].get((kind, ident), 0)

    def favoring(self, kind: CandidateKind, ident: str) -> tuple[int, ...]:
        """Positions of the rules that score this candidate up."""
        return self._favoring.get((kind, ident), ())

    def setting(self, what: Literal["flags", "steps"], name: str) -> tuple[int, ...]:
        """Positions of the rules whose conclusion names this flag or early step, in order."""
        found = self._setting.get((what, name))
        if found is None:
            found = self._setting[what, name] = tuple(
                index
                for index, item in enumerate(self._rules)
                if name in getattr(item.rule.then, what)
            )
        return found

    def favoring_otherwise(self, kind: CandidateKind, ident: str) -> tuple[int, ...]:
        """favoring(kind, ident), less the rules with no "otherwise" sentence."""
        return self._favoring_otherwise.get((kind, ident), ())

    def position(self, rule_id: str) -> int:
        """Where a rule stands in rules.yaml."""
        return self._positions[rule_id]

    def label(self, fact: str) -> str:
        """A fact in plain words: 'your billing experience'."""
        return self._fact_labels[fact]

    # --- evaluating ---

    def answer_facts(self, profile: Profile) -> Facts:
        """The answers as rules read them (no budget facts yet), and the person facts derived
        from them (conditions.PERSON_FACTS)."""
        # A plan asks for them two to four times (the aid, each stage-1 evaluation): worked out
        # once for the last profile (frozen, kept with them so its id is its own), a copy given.
        return dict(self._answers_kept(profile))

    def _answers_kept(self, profile: Profile) -> Facts:
        """answer_facts(profile) as kept (not to be changed: facts() copies it)."""
        last = self._last_answers
        if last is not None and last[0] is profile:
            return last[1]
        facts = self._answer_facts(profile)
        self._last_answers = (profile, facts)
        return facts

    def _answer_facts(self, profile: Profile) -> Facts:
        facts = answer_facts(profile)
        done = profile.training_done
        years_ago = None if done is None else profile.start.year - done
        facts["training_recent"] = years_ago is not None and years_ago <= TRAINING_RECENT_YEARS
        facts["training_old"] = years_ago is not None and years_ago > TRAINING_RECENT_YEARS
        # Trained already: a certification held, a program completed (recent, or older: AAPC
        # asks no proof of training), or an entry exam sat (to retake). An advanced exam failed
        # (the CPC, with no billing training named) leaves the plan's program to train for.
        facts["trained"] = bool(
            done is not None
            or profile.credentials
            or any(code in self._entry_exams for code in profile.failed_exam)
        )
        low, high = self._band_pay(profile.experience_years)
        facts["band_pay_min"], facts["band_pay_max"] = low, high
        pay = profile.current_pay
        # Like with like: the band is a full-time year (40 hours a week); a pay earned at other
        # hours is set against the band at those hours (planning/payback.py does the same).
        facts["pay_above_band"] = (
            pay is not None and high is not None and pay > at_hours(high, profile.hours_per_week)
        )
        return facts

    def _band_pay(self, years: int) -> tuple[float | None, float | None]:
        """The guide's yearly pay band for this many years of experience (where two bands
        meet, the later one: a full year is experience)."""
        band = None
        for level in self.kb.salary.by_experience:
            if level.years_min <= years:
                band = level
        if band is None:
            return None, None
        return band.annual.min, band.annual.max

    def facts(
        self,
        profile: Profile,
        paid: Mapping[str, tuple[float, float]] | None = None,
        counted: Sequence[str] = (),
        by_program: Mapping[str, tuple[str, ...]] | None = None,
    ) -> Facts:
        """The facts rules test: the answers, and which programs the budget plus the counted
        aid (paid: what it pays of each program's cost before the exam) covers."""
        budget = profile.budget
        full, partly, mostly, over, tuition_paid = [], [], [], [], []
        # Each program's counted aid and what is left to pay of it, low and high end.
        left: dict[str, tuple[tuple[str, ...], tuple[float, float]]] = {}
        for ident, (cost_low, cost_high) in self.path_costs[profile.remote].items():
            paid_low, paid_high = paid[ident] if paid else (0, 0)
            low, high = cost_low - paid_low, cost_high - paid_high
            fees_low, fees_high = self.program_costs[ident]
            left[ident] = ((by_program or {}).get(ident, ()), (low, high))
            if budget >= high:
                full.append(ident)
            elif (
                left[ident][0] and paid_low >= fees_low and paid_high >= (fees_low + fees_high) / 2
            ):
                # The aid pays tuition and fees (whole, or past the middle of their range even at
                # its least): what is left is the extras, the same for every program, and any
                # tuition the aid may not reach at the high end; the sentence says which.
                tuition_paid.append(ident)
            elif budget >= low:
                partly.append(ident)
                if budget >= (low + high) / 2:
                    mostly.append(ident)
            else:
                over.append(ident)
        # The sets as one object per value (see _SETS): the runs' keys read them (evaluate).
        key = (tuple(counted), *map(tuple, (full, partly, mostly, over, tuition_paid)))
        sets = _SETS.get(key)
        if sets is None:
            if len(_SETS) >= _KNOWN_LIMIT:
                _SETS.clear()
            sets = _SETS[key] = tuple(map(frozenset, key))
        return {
            **self._answers_kept(profile),
            COUNTED_AID: sets[0],
            "programs_fully_covered": sets[1],
            "programs_partly_covered": sets[2],
            "programs_mostly_covered": sets[3],
            "programs_over_budget": sets[4],
            "programs_tuition_paid": sets[5],
            AID_BY_PROGRAM: left,
        }

    def holds_flag(self, profile: Profile, flag: str) -> bool | None:
        """Whether the stage-1 findings of this profile hold the flag whatever aid is counted,
        told from the answers alone (the rules that set it, run on the answer facts); None when
        a rule that sets it reads what the counted aid changes (then only evaluate() tells)."""
        setters = self._flag_setters.get(flag)
        if setters is None:
            setters = self._flag_setters[flag] = tuple(
                (index, tuple(test.fact for test in condition_tests(item.rule.when)))
                for index, item in enumerate(self._rules)
                if self._conclusions[index] is not None and flag in item.rule.then.flags
            )
        answers: Facts | None = None
        for index, names in setters:
            item = self._rules[index]
            if item.stage != 1:
                return None
            if item.test is None:
                return True
            if answers is None:
                answers = self.answer_facts(profile)
            if any(name in _FUNDED or name not in answers for name in names):
                return None
            outcome = item.test(answers)
            if outcome if outcome.__class__ is bool else outcome[0]:  # type: ignore[index]
                return True
        return False

    def evaluate(
        self,
        profile: Profile,
        paid: Mapping[str, tuple[float, float]] | None = None,
        counted: Sequence[str] = (),
        by_program: Mapping[str, tuple[str, ...]] | None = None,
        *,
        words: bool = True,
    ) -> Findings:
        """Run the stage-1 rules against the profile; stage-2 rules stay pending until
        evaluate_path() is given the path's cost. paid and counted: the aid counted (see facts).
        words=False: the decisions only (scores, rule-outs, flags), for a choice nobody reads
        the reasons of; sentences are then made only when asked for (Findings.because), and
        the findings hold no actions."""
        facts = self.facts(profile, paid, counted, by_program)
        defaulted = frozenset(profile.defaulted)
        results: list[RuleResult] = list(self._fixed)  # type: ignore[arg-type]
        texts: list[str | None] = [None] * len(results)
        sums = _Sums()
        for unit in self._units:
            if isinstance(unit, _Run):
                # A run of rules: its results, sentences and what the rules that held add,
                # worked out once for the values of the facts they all read.
                run = unit
                reads = run.reads
                key = reads(facts) if reads is not None else None
                known = run.known[words]
                part = known.get(key)
                if part is None:
                    part = self._run_part(run, facts, defaulted, words)
                    if len(known) >= _KNOWN_LIMIT:
                        known.clear()
                    known[key] = part
                results[run.start : run.stop] = part.results
                texts[run.start : run.stop] = part.texts
                if part.adds:
                    sums.add_part(part)
                continue
            if isinstance(unit, _Tests):
                # Rules whose results are told together, their sentences made one by one.
                key = unit.reads(facts)
                told = unit.known.get(key)
                if told is None:
                    told = self._told(unit, facts, defaulted, words)
                    if len(unit.known) >= _KNOWN_LIMIT:
                        unit.known.clear()
                    unit.known[key] = told
                results[unit.start : unit.stop] = told[0]
                for index in told[1]:
                    texts[index] = self._add_held(
                        sums, index, results[index], None, facts, defaulted, words
                    )
                continue
            # A single rule (see _units_of).
            result, text = self._result(unit, facts, defaulted, words)
            results[unit] = result
            if result.fired:
                texts[unit] = self._add_held(sums, unit, result, text, facts, defaulted, words)
        return sums.findings(self, facts, defaulted, results, texts, words)

    def _result(
        self, index: int, facts: Facts, defaulted: frozenset[str], words: bool
    ) -> tuple[RuleResult, str | None]:
        """A stage-1 rule's result, and its sentence when it held and is kept with its result
        (else None)."""
        fixed = self._fixed[index]
        if fixed is not None:
            return fixed, None
        item, reads, known = self._rules[index], self._result_keys[index], self._known[index]
        # The same result (and sentence) for the same values of the facts the rule reads: a
        # cohort meets each rule's few cases thousands of times. Every fact holds values of
        # one type (the answers are strict; the others are made here), so equal values read
        # alike.
        key = reads(facts) if reads is not None else None
        entry = known.get(key) if reads is not None else None
        if entry is None:
            outcome = item.test(facts)  # type: ignore[misc]
            entry = [
                RuleResult(
                    item.rule,
                    outcome if outcome.__class__ is bool else outcome[0],  # type: ignore[index]
                    outcome,
                ),
                None,
            ]
            if reads is not None:
                if len(known) >= _KNOWN_LIMIT:
                    known.clear()
                known[key] = entry
        result: RuleResult = entry[0]
        if words and self._worded[index] and result.fired:
            text = entry[1]
            if text is None:
                text = entry[1] = self.sentence(index, result.outcome, facts, defaulted, True)
            return result, text
        return result, None

    def _add_held(
        self,
        sums: _Sums,
        index: int,
        result: RuleResult,
        known: str | None,
        facts: Facts,
        defaulted: frozenset[str],
        words: bool,
    ) -> str | None:
        """Add what a rule that held concludes; its sentence (None without words). known:
        its sentence, when already made."""
        if known is not None:
            because = known
        elif words:
            because = self.sentence(index, result.outcome, facts, defaulted, True)
        else:
            because = ""  # not made: its text stays None, so because() makes it
        if self._conclusions[index] is not None:
            made = self._made[index].get(because)
            if made is None:
                made = self._made_of(index, because)
            sums.add(made, because)
            if made[8] is not None and words:
                item = self._rules[index]
                sums.add_actions(
                    [self._render(item, action, facts) for action in item.actions], made[8]
                )
        return because if words else None

    def _run_part(self, run: _Run, facts: Facts, defaulted: frozenset[str], words: bool) -> _Part:
        """What a run of rules gives for these facts: each rule's result and sentence, and what
        the rules that held add, in rule order."""
        sums = _Sums()
        results = []
        texts: list[str | None] = []
        for index in range(run.start, run.stop):
            result, text = self._result(index, facts, defaulted, words)
            results.append(result)
            if result.fired:
                text = self._add_held(sums, index, result, text, facts, defaulted, words)
            texts.append(text if words else None)
        return sums.part(tuple(results), tuple(texts))

    def _told(
        self, tests: _Tests, facts: Facts, defaulted: frozenset[str], words: bool
    ) -> tuple[tuple[RuleResult, ...], tuple[int, ...]]:
        """The results of rules gathered as _Tests, and the positions of those that held."""
        results = tuple(
            self._result(index, facts, defaulted, words)[0]
            for index in range(tests.start, tests.stop)
        )
        return results, tuple(tests.start + at for at, result in enumerate(results) if result.fired)

    def _units_of(self) -> tuple[_Run | _Tests | int, ...]:
        """The rules in order as runs (see _Run) and, between them, single rules: those whose
        sentence reads the money words (worded from more than facts), whose actions name a
        fact, or that read facts a run cannot key on."""
        units: list[_Run | int] = []
        names: list[str] = []
        start: int | None = None

        def close(stop: int) -> None:
            nonlocal start, names
            if start is not None:
                reads = itemgetter(*dict.fromkeys(names)) if names else None
                units.append(_Run(start, stop, reads))
            start, names = None, []

        for index in range(len(self._rules)):
            read = self._run_reads(index)
            if read is None:
                close(index)
                units.append(index)
                continue
            if start is None:
                start = index
            names += read
            if index + 1 - start >= _RUN_LENGTH:
                close(index + 1)
        close(len(self._rules))
        return tuple(self._tests_of(units))

    def _tests_of(self, units: list[_Run | int]) -> list[_Run | _Tests | int]:
        """The units, with single rules next to each other whose results a key of the facts
        their conditions read can tell gathered as _Tests (their sentences are made one by
        one, for the rules that held)."""
        out: list[_Run | _Tests | int] = []
        gathered: list[int] = []

        def close() -> None:
            if len(gathered) > 1:
                names = [
                    test.fact
                    for index in gathered
                    for test in condition_tests(self._rules[index].rule.when)
                ]
                out.append(_Tests(gathered[0], gathered[-1] + 1, itemgetter(*dict.fromkeys(names))))
            else:
                out.extend(gathered)
            gathered.clear()

        for unit in units:
            told = isinstance(unit, int) and self._fixed[unit] is None
            if not isinstance(unit, int) or not told or self._result_keys[unit] is None:
                close()
                out.append(unit)
                continue
            if gathered and (gathered[-1] != unit - 1 or len(gathered) >= _TESTS_LENGTH):
                close()
            gathered.append(unit)
        close()
        return out

    def _run_reads(self, index: int) -> list[str] | None:
        """The facts a rule's result, sentence and actions read, when a run can key on them
        (None: a single rule)."""
        item = self._rules[index]
        fixed = self._fixed[index]
        if fixed is not None and fixed.pending:
            return []  # never holds in stage 1
        if any(not isinstance(piece, str) for action in item.actions for piece in action):
            return None
        if fixed is None:
            if self._result_keys[index] is None or not self._worded[index]:
                return None
            names = [test.fact for test in condition_tests(item.rule.when)]
        else:
            names = []
        sentence = self._sentence_reads(index, True, item.because)
        if sentence is None:
            return None
        names += sentence
        if any(name not in self.specs or self.specs[name].stage != 1 for name in names):
            return None
        return names

    def _reads_of(self, index: int, item: Compiled) -> tuple[Callable[[Facts], Any] | None, bool]:
        """What a stage-1 rule's result reads, and its sentence when it holds: the values of
        those facts, as a key (None: not kept), and whether the key covers the sentence too
        (not when it reads the money words, made from more than facts)."""
        names = [test.fact for test in condition_tests(item.rule.when)]
        sentence = self._sentence_reads(index, True, item.because)
        if sentence is not None:
            names += sentence
        if not names or any(
            name not in self.specs or self.specs[name].stage != 1 for name in names
        ):
            return None, False
        return itemgetter(*dict.fromkeys(names)), sentence is not None

    def _condition_reads(self, item: Compiled) -> Callable[[Facts], Any] | None:
        """The values of the facts a rule's condition reads, as a key (None: not kept, for a
        rule with no condition or one reading a fact the specs do not hold)."""
        names = [test.fact for test in condition_tests(item.rule.when)]
        if not names or any(name not in self.specs for name in names):
            return None
        return itemgetter(*dict.fromkeys(names))

    def evaluate_path(self, findings: Findings, path: Facts) -> Findings:
        """Findings with the stage-2 rules run too, given the path facts (PATH_FACTS)."""
        missing = [name for name in PATH_FACTS if name not in path]
        if missing:
            raise ValueError(f"evaluate_path() needs {', '.join(missing)}")
        facts = {**findings.facts, **path}
        results = list(findings.results)
        for index in self._stage2:
            reads = self._stage2_keys[index]
            key = None
            if reads is not None:
                try:
                    key = reads(facts)
                    found = self._stage2_known[index].get(key)
                except (KeyError, TypeError):  # a fact not given, or a value no key can hold
                    reads = found = None
                if found is not None:
                    results[index] = found
                    continue
            item = self._rules[index]
            test = item.test
            outcome = None if test is None else test(facts)
            if outcome is None:
                held = True
            elif outcome.__class__ is bool:
                held = bool(outcome)
            else:
                held = outcome[0]  # type: ignore[index]
            result = results[index] = RuleResult(item.rule, bool(held), outcome)
            if reads is not None:
                known = self._stage2_known[index]
                if len(known) >= _KNOWN_LIMIT:
                    known.clear()
                known[key] = result
        # Completing is for stage-1 findings only: findings that already hold stage-2
        # conclusions are added up again.
        # (Findings.path_evaluated, asked of the stage-2 rules only: no other is ever pending.)
        if findings.worded and any(findings.results[index].pending for index in self._stage2):
            completed = self._complete(findings, facts, results)
            if completed is not None:
                return completed
        return self._conclude(facts, findings.defaulted, results, findings.texts)

    def _complete(
        self, findings: Findings, facts: Facts, results: list[RuleResult]
    ) -> Findings | None:
        """What _conclude gives for the stage-2 results, made from the stage-1 findings without
        adding every rule up again, when the stage-2 rules that hold add only warnings and
        first actions; None otherwise. Each warning goes where its rule stands; the actions
        are made again from the new facts, as _conclude makes them."""
        fired = [index for index in self._stage2 if results[index].fired]
        if any(index not in self._warns_only for index in fired):
            return None
        texts = list(findings.texts)
        texts += [None] * (len(results) - len(texts))
        warnings = list(findings.warnings)
        positions = self._positions
        for index in fired:
            because = texts[index]
            if because is None:
                because = texts[index] = self.sentence(
                    index, results[index].outcome, facts, findings.defaulted, True
                )
            conclusion = self._conclusions[index]
            if conclusion is None or not conclusion[3].warning:
                continue
            message = self._made_of(index, because)[2]
            at = next(
                (at for at, held in enumerate(warnings) if positions[held.rule] > index),
                len(warnings),
            )
            warnings.insert(at, message)
        conclusions = self._conclusions
        if self._plain_stage1_actions and not any(
            conclusions[index] is not None and self._rules[index].actions for index in fired
        ):
            # No stage-2 rule that holds has actions, and the stage-1 rules' actions name no
            # fact: the actions are the stage-1 findings' own, as made again below.
            return self._completed(findings, facts, results, warnings, texts)
        actions: list[str] = []
        action_kinds: dict[str, str] = {}
        for index in self._action_rules:
            conclusion = conclusions[index]
            if not results[index].fired or conclusion is None:
                continue
            item = self._rules[index]
            for action in item.actions:
                text = self._render(item, action, facts)
                if text not in actions:
                    actions.append(text)
                    action_kinds[text] = conclusion[3].action_kind
        return self._completed(
            findings, facts, results, warnings, texts, tuple(actions), action_kinds
        )

    def _completed(
        self,
        findings: Findings,
        facts: Facts,
        results: list[RuleResult],
        warnings: list[Message],
        texts: list[str | None],
        actions: tuple[str, ...] | None = None,
        action_kinds: Mapping[str, str] | None = None,
    ) -> Findings:
        """The stage-1 findings with the stage-2 results, warnings and sentences (and actions,
        when given: else the stage-1 findings' own)."""
        return Findings(
            facts=facts,
            results=tuple(results),
            scores=findings.scores,
            ruled_out=findings.ruled_out,
            blockers=findings.blockers,
            warnings=tuple(warnings),
            early_steps=findings.early_steps,
            details=findings.details,
            flags=findings.flags,
            actions=findings.actions if actions is None else actions,
            action_kinds=findings.action_kinds if action_kinds is None else action_kinds,
            engine=self,
            defaulted=findings.defaulted,
            texts=tuple(texts),
            totals=findings.totals,
        )

    def _made_of(self, index: int, because: str) -> Any:
        """What rule index adds when it holds, for this sentence, made once per sentence
        (immutable, shared): its contributions, its rule-outs, its message, then what
        _conclude adds besides: the message as a blocker and as a warning (None where the rule
        raises none), its early steps, the steps it details, its flags, and its action kind
        (None: no actions)."""
        made_for = self._made[index]
        made = made_for.get(because)
        if made is None:
            conclusion = self._conclusions[index]
            assert conclusion is not None
            rule_id, points_of, rule_out, then, steps, details_for, has_actions = conclusion
            message = Message(rule_id, because)
            made = (
                tuple(
                    (kind, ident, Contribution(rule_id, points, because), points or 0)
                    for kind, ident, points in points_of
                ),
                tuple(
                    (kind, ident, Contribution(rule_id, None, because)) for kind, ident in rule_out
                ),
                message,
                message if then.blocker else None,
                message if then.warning else None,
                steps,
                details_for,
                frozenset(then.flags),
                then.action_kind if has_actions else None,
            )
            if len(made_for) >= _KNOWN_LIMIT:
                made_for.clear()
            made_for[because] = made
        return made

    def _conclude(
        self,
        facts: Facts,
        defaulted: frozenset[str],
        results: list[RuleResult],
        known_texts: tuple[str | None, ...],
        *,
        words: bool = True,
    ) -> Findings:
        """Add up what the rules that held conclude, in rule order, each rule on its own (stage
        2 ends here when it cannot complete stage 1; evaluate adds runs of rules up the same
        way, through _Sums). known_texts: sentences already made for these facts, by
        position."""
        sums = _Sums()
        texts: list[str | None] = [None] * len(results)
        known_count = len(known_texts)
        for index in [index for index, result in enumerate(results) if result[1]]:
            texts[index] = self._add_held(
                sums,
                index,
                results[index],
                known_texts[index] if index < known_count else None,
                facts,
                defaulted,
                words,
            )
        return sums.findings(self, facts, defaulted, results, texts, words)


class _Run:
    """Rules next to each other in rules.yaml whose results, sentences and conclusions read
    only the facts `reads` gives (None: none): what they give is worked out once per case
    (see RuleEngine.evaluate), with words and without."""

    __slots__ = ("known", "reads", "start", "stop")

    def __init__(self, start: int, stop: int, reads: Callable[[Facts], Any] | None) -> None:
        self.start = start
        self.stop = stop
        self.reads = reads
        # By words (False, True): the part for each case.
        self.known: tuple[dict[Any, _Part], dict[Any, _Part]] = ({}, {})


class _Tests:
    """Single rules next to each other whose results are told by the values of the facts
    their conditions read (`reads`): kept per case; their sentences (and what they add) are
    made one by one for the rules that held (see RuleEngine.evaluate)."""

    __slots__ = ("known", "reads", "start", "stop")

    def __init__(self, start: int, stop: int, reads: Callable[[Facts], Any]) -> None:
        self.start = start
        self.stop = stop
        self.reads = reads
        # The results, and the positions of the rules that held, for each case.
        self.known: dict[Any, tuple[tuple[RuleResult, ...], tuple[int, ...]]] = {}


class _Part(NamedTuple):
    """What a run of rules gives for one case: results, sentences, and what the rules that
    held add (the contributions and rule-outs grouped by candidate, each group in rule order)."""

    results: tuple[RuleResult, ...]
    texts: tuple[str | None, ...]
    scores: tuple[tuple[CandidateKind, str, tuple[Contribution, ...], int], ...]
    ruled_out: tuple[tuple[CandidateKind, str, tuple[Contribution, ...]], ...]
    blockers: tuple[Message, ...]
    warnings: tuple[Message, ...]
    early: frozenset[str]
    details: tuple[tuple[str, tuple[str, ...]], ...]
    flags: frozenset[str]
    actions: tuple[tuple[str, str], ...]
    # Whether the rules that held add anything (a third of the parts a cohort meets add
    # nothing: evaluate then skips them).
    adds: bool


class _Sums:
    """What the rules that held conclude, added up in rule order: the one place conclusions
    are added up (RuleEngine._conclude, evaluate and the runs all add here)."""

    __slots__ = (
        "action_kinds",
        "actions",
        "blockers",
        "details",
        "early",
        "flags",
        "ruled_out",
        "scores",
        "totals",
        "warnings",
    )

    def __init__(self) -> None:
        # Each candidate's contributions as a tuple, a longer one made as rules add to it (a
        # few each): the findings take these very dicts, with nothing to copy.
        # (One dict per kind, in KINDS order: written out, as _check_kinds makes sure; a sum
        # is made per evaluation.)
        self.scores: dict[CandidateKind, dict[str, tuple[Contribution, ...]]] = {
            "program": {},
            "certification": {},
            "aid": {},
            "delivery": {},
        }
        self.ruled_out: dict[CandidateKind, dict[str, tuple[Contribution, ...]]] = {
            "program": {},
            "certification": {},
            "aid": {},
            "delivery": {},
        }
        # The scores added up as they come (in the same order as the contributions).
        self.totals: dict[CandidateKind, dict[str, int]] = {
            "program": {},
            "certification": {},
            "aid": {},
            "delivery": {},
        }
        self.blockers: list[Message] = []
        self.warnings: list[Message] = []
        self.early: set[str] = set()
        self.details: dict[str, tuple[str, ...]] = {}
        self.flags: set[str] = set()
        self.actions: list[str] = []
        self.action_kinds: dict[str, str] = {}

    def add(self, made: Any, because: str) -> None:
        """What one rule that held adds (RuleEngine._made_of), but its actions."""
        contributions, rulings, _, blocker, warning, steps, details_for, flags, _ = made
        scores, totals = self.scores, self.totals
        for kind, ident, contribution, points in contributions:
            kind_scores = scores[kind]
            found = kind_scores.get(ident)
            kind_scores[ident] = (contribution,) if found is None else (*found, contribution)
            kind_totals = totals[kind]
            kind_totals[ident] = kind_totals.get(ident, 0) + points
        for kind, ident, contribution in rulings:
            kind_ruled = self.ruled_out[kind]
            kind_ruled[ident] = (*kind_ruled.get(ident, ()), contribution)
        if blocker is not None:
            self.blockers.append(blocker)
        if warning is not None:
            self.warnings.append(warning)
        if steps:
            self.early.update(steps)
        for step in details_for:
            self.details[step] = (*self.details.get(step, ()), because)
        if flags:
            self.flags |= flags

    def add_actions(self, texts: Sequence[str], kind: str) -> None:
        """A rule's first actions, each kept once (with the kind of the rule that named it
        first)."""
        actions = self.actions
        for text in texts:
            if text not in actions:
                actions.append(text)
                self.action_kinds[text] = kind

    def add_part(self, part: _Part) -> None:
        """What a run of rules adds (as adding each of its rules that held)."""
        scores, totals = self.scores, self.totals
        for kind, ident, contributions, points in part.scores:
            kind_scores = scores[kind]
            found = kind_scores.get(ident)
            kind_scores[ident] = contributions if found is None else found + contributions
            kind_totals = totals[kind]
            kind_totals[ident] = kind_totals.get(ident, 0) + points
        for kind, ident, contributions in part.ruled_out:
            kind_ruled = self.ruled_out[kind]
            found = kind_ruled.get(ident)
            kind_ruled[ident] = contributions if found is None else found + contributions
        if part.blockers:
            self.blockers += part.blockers
        if part.warnings:
            self.warnings += part.warnings
        if part.early:
            self.early |= part.early
        for step, texts in part.details:
            found_texts = self.details.get(step)
            self.details[step] = texts if found_texts is None else found_texts + texts
        if part.flags:
            self.flags |= part.flags
        if part.actions:
            actions = self.actions
            for text, action_kind in part.actions:
                if text not in actions:
                    actions.append(text)
                    self.action_kinds[text] = action_kind

    def part(self, results: tuple[RuleResult, ...], texts: tuple[str | None, ...]) -> _Part:
        """What these sums add, as a run's part."""
        return _Part(
            results,
            texts,
            tuple(
                (kind, ident, found, self.totals[kind][ident])
                for kind in KINDS
                for ident, found in self.scores[kind].items()
            ),
            tuple(
                (kind, ident, found)
                for kind in KINDS
                for ident, found in self.ruled_out[kind].items()
            ),
            tuple(self.blockers),
            tuple(self.warnings),
            frozenset(self.early),
            tuple(self.details.items()),
            frozenset(self.flags),
            tuple((text, self.action_kinds[text]) for text in self.actions),
            bool(
                self.blockers
                or self.warnings
                or self.early
                or self.details
                or self.flags
                or self.actions
                or any(self.scores.values())
                or any(self.ruled_out.values())
            ),
        )

    def findings(
        self,
        engine: RuleEngine,
        facts: Facts,
        defaulted: frozenset[str],
        results: list[RuleResult],
        texts: list[str | None],
        words: bool,
    ) -> Findings:
        """The findings these sums conclude (the sums' own dicts: not added to after)."""
        return Findings(
            facts=facts,
            results=tuple(results),
            scores=self.scores,
            ruled_out=self.ruled_out,
            blockers=tuple(self.blockers),
            warnings=tuple(self.warnings),
            early_steps=tuple(sorted(self.early, key=engine._early.__getitem__)),
            details=self.details,
            flags=frozenset(self.flags),
            actions=tuple(self.actions),
            action_kinds=self.action_kinds,
            engine=engine,
            defaulted=defaulted,
            texts=tuple(texts),
            totals=self.totals,
            worded=words,
        )


def _check_kinds() -> None:
    """_Sums writes out one dict per kind of candidate: they must be KINDS, in order."""
    for made in (_Sums().scores, _Sums().ruled_out, _Sums().totals):
        if tuple(made) != KINDS:
            raise RuntimeError("_Sums does not match conditions.KINDS.")


_check_kinds()

# The facts RuleEngine.facts adds to the answer facts: what the counted aid changes.
_FUNDED = frozenset({COUNTED_AID, AID_BY_PROGRAM, *BUDGET_FACTS})
_ENGINES: PerKnowledgeBase[RuleEngine] = PerKnowledgeBase()
# Cases kept per rule (see RuleEngine.evaluate); past it the rule's memo starts over.
_KNOWN_LIMIT = 1024
# The sets RuleEngine.facts makes, by the ids in them in order: equal sets are then one object,
# whose hash is worked out once and which equals itself at once, where the runs' keys (and the
# sentences' memos) meet them again row after row. A frozenset made from the same ids in the
# same order is the same in every way, its order included.
_SETS: dict[tuple[tuple[str, ...], ...], tuple[frozenset[str], ...]] = {}
# The most rules in a run (see _Run): the fewer, the fewer cases each run meets.
_RUN_LENGTH = 12
# The most single rules told together (see _Tests).
_TESTS_LENGTH = 24


def engine_for(kb: KnowledgeBase) -> RuleEngine:
    """The compiled rules of a knowledge base, compiled on first use and kept."""
    return _ENGINES.get(kb, RuleEngine)


def evaluate(kb: KnowledgeBase, profile: Profile) -> Findings:
    """The stage-1 rules of kb against the profile (a plan runs stage 2 as well)."""
    return engine_for(kb).evaluate(profile)


def check_rules(kb: KnowledgeBase, folder: str) -> None:
    """Load-time check: every fact, op, value, id and placeholder a rule names must exist. The
    error names the rule."""
    _ENGINES.put(kb, RuleEngine(kb, folder))
