"""The rules engine: data/rules.yaml compiled once into plain predicates, evaluated part by part.

A condition is structured data ({fact, op, value} under all / any / not), so there is no parser
and nothing from a data file is ever run as code. Compiling checks every fact, op, value and id a
rule names and turns each test into a small closure (well under a microsecond to call). Every
part of every condition is evaluated, not short-circuited, and its outcome kept: a plan can then
say which rules held and why, and for the others which part failed, in plain words (the labels
of rules.yaml and the answer labels of questions.yaml).

Rules run in two stages. Most test the answers and what the budget covers (stage 1), and choose
the program, delivery and certification. A few test the cost of the whole path (PATH_FACTS),
which is known only once those are chosen: they run in stage 2 (RuleEngine.complete) and may
only conclude what does not change the choice (aid, warnings, details, first actions).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from billing_career.errors import DataError
from billing_career.knowledge.figures import NOT_IN_GUIDE, money, money_range, money_span
from billing_career.knowledge.memo import PerKnowledgeBase
from billing_career.planning.profile import CHOICES, FIELD_KINDS, Profile, flag_of
from billing_career.reference.ranking import rank_texts

if TYPE_CHECKING:
    from billing_career.knowledge.models import (
        Certification,
        Condition,
        FactTest,
        KnowledgeBase,
        Rule,
    )

Facts = dict[str, Any]
# A test's outcome is a bool; an all / any / not node's is (passed, outcomes of its parts).
Outcome = bool | tuple[bool, tuple["Outcome", ...]]
Predicate = Callable[[Facts], Outcome]
FactType = Literal["choice", "number", "bool", "set"]
Kind = Literal["program", "certification", "aid", "delivery"]
KINDS: tuple[Kind, ...] = ("program", "certification", "aid", "delivery")
# What a rule is about, for --explain: from what it concludes (see topic_of).
Topic = Literal["program", "certification", "aid", "steps", "actions"]
TOPICS: tuple[Topic, ...] = ("program", "certification", "aid", "steps", "actions")

OPS: dict[FactType, frozenset[str]] = {
    "choice": frozenset({"eq", "ne", "in", "not_in"}),
    "number": frozenset({"eq", "ne", "lt", "le", "gt", "ge"}),
    "bool": frozenset({"eq", "ne"}),
    "set": frozenset({"has", "lacks", "has_any", "has_none", "empty"}),
}
ALL_OPS = frozenset().union(*OPS.values())
_KIND_OF_ANSWER: dict[str, FactType] = {
    "choice": "choice",
    "multi": "set",
    "money": "number",
    "years": "number",
    "yes-no": "bool",
}
# Derived from the budget and each program type's cost before the exam: tuition, fees and the
# extras every path has (textbooks, background check; the home office setup when remote).
BUDGET_FACTS = (
    "programs_fully_covered",
    "programs_partly_covered",
    "programs_mostly_covered",
    "programs_over_budget",
)
# Known only once the program and certification are chosen: the budget against the whole path
# (the plan's cost total). Rules that use them run in stage 2.
PATH_COVERED = ("all", "part", "none")
PATH_FACTS = ("path_covered", "path_cost_min", "path_cost_max", "path_gap_min", "path_gap_max")
MONEY_FACTS = frozenset(
    {"budget", "path_cost_min", "path_cost_max", "path_gap_min", "path_gap_max"}
)
# Placeholders naming a figure of the data: {program_cost.ID} (tuition plus fees),
# {program_path.ID} (its cost before the exam, with what that counts), {exam_fee.CODE} ...
FIGURE_PLACEHOLDERS = (
    "program_cost",
    "program_path",
    "exam_fee",
    "renewal",
    "expense",
    "career_path",
    # Comparisons among the entry certifications, computed from their figures (reference.ranking).
    "exam_fee_rank",
    "upkeep_rank",
)
# {matched.FACT}: the person's values of a list answer that this rule's has / has_any tests name.
MATCHED = "matched"
# Placeholders only first actions may use, filled in by the planner.
PLAN_PLACEHOLDERS = ("program", "certification")
_PLACEHOLDER = re.compile(r"\{([a-z_]+)(?:\.([A-Za-z0-9_-]+))?\}")


@dataclass(frozen=True)
class FactSpec:
    """A fact rules may test: its type and, for choices and lists, the values it can hold."""

    name: str
    type: FactType
    choices: tuple[str, ...] = ()
    # 2: known only once the program and certification are chosen (PATH_FACTS).
    stage: int = 1


def fact_specs(kb: KnowledgeBase) -> dict[str, FactSpec]:
    """Every fact rules may name: the answers (not the start date), the budget facts and the
    path facts."""
    specs: dict[str, FactSpec] = {}
    for name, kind in FIELD_KINDS.items():
        if kind == "date":
            continue
        specs[name] = FactSpec(name, _KIND_OF_ANSWER[kind], tuple(CHOICES.get(name, ())))
    program_ids = tuple(program.id for program in kb.programs.programs)
    for name in BUDGET_FACTS:
        specs[name] = FactSpec(name, "set", program_ids)
    specs["path_covered"] = FactSpec("path_covered", "choice", PATH_COVERED, stage=2)
    for name in PATH_FACTS[1:]:
        specs[name] = FactSpec(name, "number", stage=2)
    return specs


def topic_of(rule: Rule) -> Topic:
    """What a rule is about, from what it concludes."""
    then = rule.then
    ruled = then.rule_out
    if (
        then.programs
        or then.delivery
        or (ruled is not None and ruled.programs)
        or ({"training_optional", "programs_by_cost"} & set(then.flags))
    ):
        return "program"
    if then.certifications or (ruled is not None and ruled.certifications):
        return "certification"
    if then.aid or (ruled is not None and ruled.aid) or then.warning:
        return "aid"
    if then.steps or then.details_for or then.flags or then.blocker:
        return "steps"
    return "actions"


# --- results ------------------------------------------------------------------------------------


# Named tuples, not frozen dataclasses: a plan makes a few hundred of these, and a tuple is
# several times cheaper to build.
class Contribution(NamedTuple):
    """What one rule did to one candidate: points added (None for a rule-out) and why."""

    rule: str
    points: int | None
    because: str


class Message(NamedTuple):
    """A blocker or warning, with the rule that raised it."""

    rule: str
    text: str

    def to_dict(self) -> dict[str, str]:
        """Plain data for JSON."""
        return {"rule": self.rule, "message": self.text}


class RuleResult(NamedTuple):
    """One rule's evaluation: whether it held and the outcome of each part of its condition.
    pending: a stage-2 rule not evaluated yet (the path's cost is not known)."""

    rule: Rule
    fired: bool
    outcome: Outcome | None
    pending: bool = False


@dataclass(frozen=True)
class Part:
    """One part of a condition, evaluated, in plain words: for --explain."""

    kind: Literal["test", "all", "any", "not", "always", "pending"]
    passed: bool
    text: str
    actual: str | None = None
    children: tuple[Part, ...] = ()
    # The test as data (fact, op, value), for JSON.
    test: tuple[str, str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        data: dict[str, Any] = {"kind": self.kind, "passed": self.passed, "text": self.text}
        if self.kind == "test":
            data["actual"] = self.actual
            if self.test is not None:
                fact, op, value = self.test
                data["fact"], data["op"] = fact, op
                data["value"] = list(value) if isinstance(value, tuple) else value
        if self.children:
            data["parts"] = [child.to_dict() for child in self.children]
        return data

    def tests(self, passed: bool) -> list[Part]:
        """The tests that made this part come out as `passed` (held, or failed)."""
        if self.passed is not passed:
            return []
        if self.kind == "test":
            return [self]
        if self.kind == "not":
            # The inner part came out the other way, which is what made this one.
            inner = self.children[0]
            return [
                Part("test", passed, f"not: {test.text}", test.actual, test=test.test)
                for test in inner.tests(not passed)
            ]
        return [test for child in self.children for test in child.tests(passed)]

    def failed_tests(self) -> list[Part]:
        """The tests that made this part fail (empty when it passed)."""
        return self.tests(False)

    def held_tests(self) -> list[Part]:
        """The tests that made this part hold (empty when it failed)."""
        return self.tests(True)


@dataclass(frozen=True)
class Findings:
    """What the rules concluded for one profile, with every rule's outcome kept."""

    facts: Facts
    results: tuple[RuleResult, ...]
    scores: Mapping[Kind, Mapping[str, tuple[Contribution, ...]]]
    ruled_out: Mapping[Kind, Mapping[str, tuple[Contribution, ...]]]
    blockers: tuple[Message, ...]
    warnings: tuple[Message, ...]
    early_steps: tuple[str, ...]
    details: Mapping[str, tuple[str, ...]]
    flags: frozenset[str]
    actions: tuple[str, ...]
    engine: RuleEngine = field(repr=False, compare=False)
    # The answers the person did not give (Profile.defaulted): sentences resting on them say so.
    defaulted: frozenset[str] = frozenset()
    # Each held rule's sentence, by position (None where it did not hold).
    texts: tuple[str | None, ...] = field(default=(), repr=False, compare=False)
    # The scores added up once (score() is called often while ranking).
    totals: Mapping[Kind, Mapping[str, int]] = field(
        default_factory=dict, repr=False, compare=False
    )

    @property
    def complete(self) -> bool:
        """False until the stage-2 rules have run (RuleEngine.complete)."""
        return not any(result.pending for result in self.results)

    def score(self, kind: Kind, ident: str) -> int:
        """The total score of a candidate."""
        totals = self.totals.get(kind)
        if totals is not None:
            return totals.get(ident, 0)
        return sum(c.points or 0 for c in self.scores[kind].get(ident, ()))

    def is_ruled_out(self, kind: Kind, ident: str) -> bool:
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

    def missed(self, kind: Kind, ident: str) -> list[RuleResult]:
        """Rules that would have scored this candidate up but did not hold: the "why not"."""
        results = self.results
        return [
            results[index]
            for index in self.engine.favouring(kind, ident)
            if not results[index].fired
        ]

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


# --- compiling ----------------------------------------------------------------------------------

Pieces = tuple[str | tuple[str, str | None], ...]


@dataclass(frozen=True)
class _Compiled:
    rule: Rule
    test: Predicate | None
    points: tuple[tuple[Kind, str, int], ...]
    rule_out: tuple[tuple[Kind, str], ...]
    because: Pieces
    otherwise: Pieces | None
    actions: tuple[Pieces, ...]
    stage: int
    # The answers the condition tests (for marking sentences that rest on a default).
    answers: frozenset[str]
    # {matched.FACT}: the values this rule's has / has_any tests name, per fact.
    matched: Mapping[str, frozenset[str]]
    # Whether holding changes anything beyond the rule's own result.
    concludes: bool


class RuleEngine:
    """The rules of one knowledge base, checked and compiled once; evaluate() per profile."""

    def __init__(self, kb: KnowledgeBase, folder: str = "data") -> None:
        self.kb = kb
        self.folder = folder
        self.specs = fact_specs(kb)
        self._labels = {
            question.id: {choice.value: choice.label for choice in question.choices}
            for question in kb.questions.questions
        }
        self._program_names = {program.id: program.name for program in kb.programs.programs}
        self.program_costs: dict[str, tuple[float, float]] = {}
        for program in kb.programs.programs:
            fees = kb.tuition_category(program.fees_category).fees
            self.program_costs[program.id] = (
                program.tuition.min + fees.min,
                program.tuition.max + fees.max,
            )
        # A program's cost before the exam, without and with remote work.
        self.path_costs: dict[bool, dict[str, tuple[float, float]]] = {}
        self._path_texts: dict[bool, dict[str, str]] = {}
        for remote in (False, True):
            extras = [
                expense
                for expense in kb.costs.expenses
                if expense.applies == "always" or (remote and expense.applies == "remote")
            ]
            low = sum(expense.cost.min for expense in extras)
            high = sum(expense.cost.max for expense in extras)
            counted = _and_list(
                ["tuition", "fees", *(_lower_first(expense.name) for expense in extras)]
            )
            self.path_costs[remote] = {
                ident: (cost_low + low, cost_high + high)
                for ident, (cost_low, cost_high) in self.program_costs.items()
            }
            self._path_texts[remote] = {
                ident: f"{money_span(cost_low, cost_high)} for {counted}"
                for ident, (cost_low, cost_high) in self.path_costs[remote].items()
            }
        self._figures = self._figure_texts()
        self._early = {step.id: index for index, step in enumerate(kb.rules.early_steps)}
        self._guide_steps = {step.id for step in kb.steps.steps}
        self._candidates: dict[Kind, tuple[str, ...]] = {
            "program": tuple(program.id for program in kb.programs.programs),
            "certification": tuple(
                cert.code for cert in kb.certifications.certifications if cert.level == "entry"
            ),
            "aid": tuple(option.id for option in kb.aid.aid),
            "delivery": ("online", "in-person"),
        }
        self._check_tie_break()
        self._fact_labels, self._op_words = self._check_labels()
        self._marked: dict[tuple[str, tuple[str, ...]], str] = {}
        seen: dict[str, int] = {}
        compiled: list[_Compiled] = []
        for rule in kb.rules.rules:
            if rule.id in seen:
                raise self._error(rule.id, "id", f"duplicate id '{rule.id}'")
            seen[rule.id] = len(compiled)
            compiled.append(self._compile_rule(rule))
        self._rules = tuple(compiled)
        self._positions = seen
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
        self._favouring: dict[tuple[Kind, str], tuple[int, ...]] = {}
        for index, item in enumerate(self._rules):
            for kind, ident, points in item.points:
                if points > 0:
                    key = (kind, ident)
                    self._favouring[key] = (*self._favouring.get(key, ()), index)

    # The candidates rules may score, in data order.
    def candidates(self, kind: Kind) -> tuple[str, ...]:
        """Programs, entry certifications, aid options or delivery modes."""
        return self._candidates[kind]

    def points(self, rule_id: str, kind: Kind, ident: str) -> int:
        """The points a rule gives a candidate when it holds (0 if it names it not)."""
        return self._points[rule_id].get((kind, ident), 0)

    def favouring(self, kind: Kind, ident: str) -> tuple[int, ...]:
        """Positions of the rules that score this candidate up."""
        return self._favouring.get((kind, ident), ())

    def position(self, rule_id: str) -> int:
        """Where a rule stands in rules.yaml."""
        return self._positions[rule_id]

    def label(self, fact: str) -> str:
        """A fact in plain words: 'your billing experience'."""
        return self._fact_labels[fact]

    # --- checking ---

    def _error(self, rule: str, where: str, problem: str) -> DataError:
        return DataError(f"{self.folder}/rules.yaml: {rule}: {where}: {problem}.")

    def _check_tie_break(self) -> None:
        tie = self.kb.rules.planning.tie_break
        for kind, listed in (
            ("program", tie.programs),
            ("certification", tie.certifications),
            ("delivery", tie.delivery),
            ("aid", tie.aid),
        ):
            expected = self._candidates[kind]  # type: ignore[index]
            if sorted(listed) != sorted(expected):
                raise DataError(
                    f"{self.folder}/rules.yaml: planning: tie_break: "
                    f"{kind}: must list each of {', '.join(expected)} once."
                )

    def _check_labels(self) -> tuple[dict[str, str], dict[str, str]]:
        labels = self.kb.rules.labels
        where = f"{self.folder}/rules.yaml: labels"
        missing = [name for name in self.specs if name not in labels.facts]
        if missing:
            raise DataError(f"{where}: facts: no label for {', '.join(missing)}.")
        unknown = [name for name in labels.facts if name not in self.specs]
        if unknown:
            raise DataError(
                f"{where}: facts: unknown fact {', '.join(unknown)}. "
                f"Known: {', '.join(self.specs)}."
            )
        # 'empty' reads "...: none" / "...: at least one" and needs no words.
        wanted = sorted(ALL_OPS - {"empty"})
        missing = [op for op in wanted if op not in labels.ops]
        if missing:
            raise DataError(f"{where}: ops: no words for {', '.join(missing)}.")
        unknown = [op for op in labels.ops if op not in wanted]
        if unknown:
            raise DataError(
                f"{where}: ops: unknown operator {', '.join(unknown)}. Known: {', '.join(wanted)}."
            )
        for name, words in labels.values.items():
            spec = self.specs.get(name)
            if spec is None or not spec.choices:
                raise DataError(f"{where}: values: {name}: not a fact with named values.")
            odd = [value for value in words if value not in spec.choices]
            if odd:
                raise DataError(
                    f"{where}: values: {name}: unknown value {', '.join(odd)}. "
                    f"Known: {', '.join(spec.choices)}."
                )
            self._labels[name] = {**self._labels.get(name, {}), **words}
        return dict(labels.facts), dict(labels.ops)

    def _compile_rule(self, rule: Rule) -> _Compiled:
        test = None if rule.when is None else self._compile(rule.id, rule.when, "when")
        tested = list(_tests(rule.when))
        then = rule.then
        points: list[tuple[Kind, str, int]] = []
        for kind, mapping in (
            ("program", then.programs),
            ("certification", then.certifications),
            ("aid", then.aid),
            ("delivery", then.delivery),
        ):
            for ident, value in mapping.items():
                self._need_candidate(rule.id, kind, ident)  # type: ignore[arg-type]
                points.append((kind, ident, value))  # type: ignore[arg-type]
        rule_out: list[tuple[Kind, str]] = []
        if then.rule_out is not None:
            for kind, idents in (
                ("program", then.rule_out.programs),
                ("certification", then.rule_out.certifications),
                ("aid", then.rule_out.aid),
            ):
                for ident in idents:
                    self._need_candidate(rule.id, kind, ident)  # type: ignore[arg-type]
                    rule_out.append((kind, ident))  # type: ignore[arg-type]
        for step in then.steps:
            if step not in self._early:
                raise self._error(
                    rule.id, "then.steps", f"unknown early step '{step}' (see early_steps)"
                )
        for step in then.details_for:
            if step not in self._guide_steps:
                raise self._error(
                    rule.id, "then.details_for", f"unknown step '{step}' (see steps.yaml)"
                )
        matched: dict[str, set[str]] = {}
        for item in tested:
            if item.op in {"has", "has_any"}:
                values = item.value if isinstance(item.value, tuple) else (item.value,)
                matched.setdefault(item.fact, set()).update(str(value) for value in values)
        frozen_matched = {name: frozenset(values) for name, values in matched.items()}
        named: set[str] = set()
        because = self._template(rule.id, "because", rule.because, frozen_matched, named)
        otherwise = None
        if rule.otherwise is not None:
            otherwise = self._template(rule.id, "otherwise", rule.otherwise, frozen_matched, named)
        actions = tuple(
            self._template(rule.id, "then.actions", action, frozen_matched, named, plan=True)
            for action in then.actions
        )
        stage = self._stage(rule, {item.fact for item in tested} | named)
        answers = frozenset(item.fact for item in tested if item.fact in FIELD_KINDS)
        concludes = bool(
            points
            or rule_out
            or then.blocker
            or then.warning
            or then.steps
            or then.details_for
            or then.flags
            or actions
        )
        return _Compiled(
            rule,
            test,
            tuple(points),
            tuple(rule_out),
            because,
            otherwise,
            actions,
            stage,
            answers,
            frozen_matched,
            concludes,
        )

    def _stage(self, rule: Rule, facts: set[str]) -> int:
        late = sorted(name for name in facts if self.specs[name].stage == 2)
        if not late:
            return 1
        then = rule.then
        ruled = then.rule_out
        # What a stage-2 rule may not conclude: the choices its facts are made from.
        barred = [
            what
            for what, present in (
                ("score programs", bool(then.programs)),
                ("score certifications", bool(then.certifications)),
                ("choose the delivery", bool(then.delivery)),
                (
                    "rule out programs or certifications",
                    ruled is not None and bool(ruled.programs or ruled.certifications),
                ),
                ("add early steps", bool(then.steps)),
                ("set flags", bool(then.flags)),
            )
            if present
        ]
        if barred:
            raise self._error(
                rule.id,
                "then",
                f"it uses {', '.join(late)}, known only once the program and "
                f"certification are chosen, so it cannot {barred[0]}",
            )
        return 2

    def _need_candidate(self, rule: str, kind: Kind, ident: str) -> None:
        known = self._candidates[kind]
        if ident not in known:
            what = "entry certification" if kind == "certification" else kind.replace("_", " ")
            raise self._error(
                rule, f"then ({kind})", f"unknown {what} '{ident}'. Known: {', '.join(known)}"
            )

    def _compile(self, rule: str, node: Condition, where: str) -> Predicate:
        from billing_career.knowledge.models import AllOf, AnyOf, FactTest, NotOf

        if isinstance(node, AllOf | AnyOf):
            parts = node.all if isinstance(node, AllOf) else node.any
            label = "all" if isinstance(node, AllOf) else "any"
            if not parts:
                raise self._error(rule, f"{where}.{label}", "needs at least one condition")
            compiled = tuple(
                self._compile(rule, part, f"{where}.{label}[{index}]")
                for index, part in enumerate(parts)
            )
            combine = all if label == "all" else any
            if all(isinstance(part, FactTest) for part in parts):
                # Only tests below: their outcomes are the bools themselves.
                def simple(facts: Facts) -> Outcome:
                    outcomes = tuple([test(facts) for test in compiled])
                    return (combine(outcomes), outcomes)

                return simple

            def group(facts: Facts) -> Outcome:
                outcomes = tuple([test(facts) for test in compiled])
                return (
                    combine(
                        [
                            o if o.__class__ is bool else o[0]  # type: ignore[index]
                            for o in outcomes
                        ]
                    ),
                    outcomes,
                )

            return group
        if isinstance(node, NotOf):
            inner = self._compile(rule, node.not_, f"{where}.not")

            def negate(facts: Facts) -> Outcome:
                outcome = inner(facts)
                held = outcome if isinstance(outcome, bool) else outcome[0]
                return (not held, (outcome,))

            return negate
        return self._compile_test(rule, node, where)

    def _compile_test(self, rule: str, test: FactTest, where: str) -> Predicate:
        spec = self.specs.get(test.fact)
        if spec is None:
            raise self._error(
                rule, f"{where}.fact", f"unknown fact '{test.fact}'. Known: {', '.join(self.specs)}"
            )
        if test.op not in ALL_OPS:
            raise self._error(
                rule,
                f"{where}.op",
                f"unknown operator '{test.op}'. Known: {', '.join(sorted(ALL_OPS))}",
            )
        if test.op not in OPS[spec.type]:
            raise self._error(
                rule,
                f"{where}.op",
                f"'{test.op}' does not apply to {test.fact}; use one of "
                f"{', '.join(sorted(OPS[spec.type]))}",
            )
        value = self._check_value(rule, where, spec, test.op, test.value)
        return _predicate(test.fact, test.op, value)

    def _check_value(self, rule: str, where: str, spec: FactSpec, op: str, value: Any) -> Any:
        def fail(problem: str) -> DataError:
            return self._error(rule, f"{where}.value", problem)

        def known(item: Any) -> str:
            if not isinstance(item, str) or item not in spec.choices:
                raise fail(
                    f"unknown value {item!r} for {spec.name}. Known: {', '.join(spec.choices)}"
                )
            return item

        if op == "empty":
            if not isinstance(value, bool):
                raise fail("must be true or false")
            return value
        if op in {"in", "not_in", "has_any", "has_none"}:
            if not isinstance(value, tuple) or not value:
                raise fail(f"'{op}' needs a list of values")
            return frozenset(known(item) for item in value)
        if spec.type == "number":
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise fail(f"{spec.name} is a number")
            return value
        if spec.type == "bool":
            if not isinstance(value, bool):
                raise fail(f"{spec.name} is true or false")
            return value
        return known(value)

    def _template(
        self,
        rule: str,
        where: str,
        text: str,
        matched: Mapping[str, frozenset[str]],
        named: set[str],
        *,
        plan: bool = False,
    ) -> Pieces:
        """Split a sentence into literal text and placeholders, checking each placeholder; the
        facts it names go into `named`."""
        pieces: list[str | tuple[str, str | None]] = []
        last = 0
        for match in _PLACEHOLDER.finditer(text):
            name, key = match.group(1), match.group(2)
            if key is None and name in self.specs:
                named.add(name)
            elif key is not None and name in FIGURE_PLACEHOLDERS:
                if key not in self._figures[name]:
                    raise self._error(
                        rule,
                        where,
                        f"{{{name}.{key}}} names an unknown {name.replace('_', ' ')} '{key}'",
                    )
            elif key is not None and name == MATCHED:
                if key not in matched:
                    raise self._error(
                        rule,
                        where,
                        f"{match.group(0)}: the rule tests no '{key}' with has or has_any",
                    )
            elif plan and key is None and name in PLAN_PLACEHOLDERS:
                pieces.append(text[last : match.end()])
                last = match.end()
                continue
            else:
                raise self._error(rule, where, f"unknown placeholder {match.group(0)}")
            pieces.append(text[last : match.start()])
            pieces.append((name, key))
            last = match.end()
        pieces.append(text[last:])
        return tuple(piece for piece in pieces if piece != "")

    # --- words for figures and facts ---

    def _figure_texts(self) -> dict[str, dict[str, str]]:
        kb = self.kb
        return {
            "program_cost": {
                ident: money_span(low, high) for ident, (low, high) in self.program_costs.items()
            },
            # Depends on remote: filled per profile (see _piece); listed here for the check.
            "program_path": dict(self._path_texts[False]),
            "exam_fee": {cert.code: fee_text(cert) for cert in kb.certifications.certifications},
            "renewal": {cert.code: renewal_text(cert) for cert in kb.certifications.certifications},
            "expense": {expense.id: money_range(expense.cost) for expense in kb.costs.expenses},
            "career_path": {
                path.id: f"{path.role} ({path.requirements}, {money_range(path.salary)})"
                for path in kb.careers.career_paths
            },
            **rank_texts(kb),
        }

    def value_text(self, name: str, value: Any) -> str:
        """One value of a fact in words: a choice's label, a program's name, '$3,000'."""
        if name in MONEY_FACTS:
            return money(value)
        if name == "experience_years":
            return "1 year" if value == 1 else f"{value} years"
        if isinstance(value, bool):
            return "yes" if value else "no"
        if name in BUDGET_FACTS:
            return self._program_names.get(value, str(value))
        label = self._labels.get(name, {}).get(value)
        return _lower_first(label) if label else str(value)

    def fact_text(self, name: str, value: Any) -> str:
        """A fact's value in words: '$3,000', '2 years', 'customer service, data entry'."""
        if isinstance(value, frozenset | tuple | list):
            order = self.specs[name].choices
            items = [item for item in order if item in value]
            if not items:
                return "none"
            return ", ".join(self.value_text(name, item) for item in items)
        return self.value_text(name, value)

    def text(self, template: str, facts: Facts) -> str:
        """A rule's sentence with its placeholders filled from the facts and the data."""
        out: list[str] = []
        last = 0
        for match in _PLACEHOLDER.finditer(template):
            name, key = match.group(1), match.group(2)
            out.append(template[last : match.start()])
            if key is None and name in facts:
                out.append(self.fact_text(name, facts[name]))
            elif key is not None and name in self._figures:
                out.append(self._figure(name, key, facts))
            else:
                out.append(match.group(0))
            last = match.end()
        out.append(template[last:])
        return "".join(out)

    def _figure(self, name: str, key: str, facts: Facts) -> str:
        if name == "program_path":
            return self._path_texts[bool(facts.get("remote"))].get(key, key)
        return self._figures[name].get(key, key)

    def _render(self, item: _Compiled, pieces: Pieces, facts: Facts) -> str:
        out = []
        for piece in pieces:
            if isinstance(piece, str):
                out.append(piece)
                continue
            name, key = piece
            if key is None:
                out.append(self.fact_text(name, facts[name]))
            elif name == MATCHED:
                values = facts[key]
                out.append(
                    self.fact_text(
                        key, frozenset(value for value in item.matched[key] if value in values)
                    )
                )
            else:
                out.append(self._figure(name, key, facts))
        return "".join(out)

    def sentence(
        self,
        index: int,
        outcome: Outcome | None,
        facts: Facts,
        defaulted: frozenset[str],
        held: bool,
    ) -> str:
        """A rule's because (held) or otherwise sentence, marked when it rests on an answer
        the person did not give."""
        item = self._rules[index]
        pieces = item.because if held else item.otherwise
        if pieces is None:
            return ""
        text = (
            pieces[0]
            if len(pieces) == 1 and isinstance(pieces[0], str)
            else self._render(item, pieces, facts)
        )
        if item.answers and outcome is not None and not item.answers.isdisjoint(defaulted):
            if outcome.__class__ is bool:
                # One test, which decided the rule.
                resting: list[str] = list(item.answers)
            else:
                when = item.rule.when
                assert when is not None
                resting = sorted(
                    set(_deciding_facts(when, outcome, held)) & defaulted,
                    key=_ANSWER_ORDER.__getitem__,
                )
            if resting:
                key = (text, tuple(resting))
                marked = self._marked.get(key)
                if marked is None:
                    marked = default_marked(text, resting)
                    if len(self._marked) < 4096:
                        self._marked[key] = marked
                text = marked
        return text

    # --- evaluating ---

    def facts(self, profile: Profile) -> Facts:
        """The facts rules test: the answers, and which programs the budget covers."""
        budget = profile.budget
        full, partly, mostly, over = [], [], [], []
        for ident, (low, high) in self.path_costs[profile.remote].items():
            if budget >= high:
                full.append(ident)
            elif budget >= low:
                partly.append(ident)
                if budget >= (low + high) / 2:
                    mostly.append(ident)
            else:
                over.append(ident)
        return {
            "education": profile.education,
            "budget": budget,
            "schedule": profile.schedule,
            "learning": profile.learning,
            "experience_years": profile.experience_years,
            "background": frozenset(profile.background),
            "goal": profile.goal,
            "veteran": profile.veteran,
            "employer_sponsor": profile.employer_sponsor,
            "remote": profile.remote,
            "programs_fully_covered": frozenset(full),
            "programs_partly_covered": frozenset(partly),
            "programs_mostly_covered": frozenset(mostly),
            "programs_over_budget": frozenset(over),
        }

    def evaluate(self, profile: Profile) -> Findings:
        """Run the stage-1 rules against the profile; stage-2 rules stay pending until
        complete() is given the path's cost."""
        facts = self.facts(profile)
        results: list[RuleResult] = []
        append = results.append
        for item, fixed in zip(self._rules, self._fixed, strict=True):
            if fixed is not None:
                append(fixed)
                continue
            outcome = item.test(facts)  # type: ignore[misc]
            append(
                RuleResult(
                    item.rule,
                    outcome if outcome.__class__ is bool else outcome[0],  # type: ignore[index]
                    outcome,
                )
            )
        return self._collect(facts, frozenset(profile.defaulted), results, ())

    def complete(self, findings: Findings, path: Facts) -> Findings:
        """Findings with the stage-2 rules run too, given the path facts (PATH_FACTS)."""
        missing = [name for name in PATH_FACTS if name not in path]
        if missing:
            raise ValueError(f"complete() needs {', '.join(missing)}")
        facts = {**findings.facts, **path}
        results = list(findings.results)
        held_now: list[int] = []
        for index in self._stage2:
            item = self._rules[index]
            test = item.test
            outcome = None if test is None else test(facts)
            if outcome is None:
                held = True
            elif outcome.__class__ is bool:
                held = bool(outcome)
            else:
                held = outcome[0]  # type: ignore[index]
            results[index] = RuleResult(item.rule, bool(held), outcome)
            if held:
                held_now.append(index)
        return self._merge(findings, facts, results, held_now)

    def _merge(
        self, findings: Findings, facts: Facts, results: list[RuleResult], held_now: list[int]
    ) -> Findings:
        """findings with the conclusions of the newly held stage-2 rules added, each list kept
        in rule order (stage-2 rules add no flags and no early steps)."""
        from dataclasses import replace

        if not held_now:
            return replace(findings, facts=facts, results=tuple(results))
        position = self._positions.__getitem__
        texts = list(findings.texts)
        scores = {kind: dict(found) for kind, found in findings.scores.items()}
        ruled_out = {kind: dict(found) for kind, found in findings.ruled_out.items()}
        totals = {kind: dict(found) for kind, found in findings.totals.items()}
        blockers = list(findings.blockers)
        warnings = list(findings.warnings)
        details_touched: set[str] = set()
        actions_touched = False
        for index in held_now:
            item = self._rules[index]
            because = self.sentence(index, results[index].outcome, facts, findings.defaulted, True)
            texts[index] = because
            rule_id = item.rule.id
            for kind, ident, points in item.points:
                scores[kind][ident] = tuple(
                    sorted(
                        (*scores[kind].get(ident, ()), Contribution(rule_id, points, because)),
                        key=lambda c: position(c.rule),
                    )
                )
                totals[kind][ident] = totals[kind].get(ident, 0) + points
            for kind, ident in item.rule_out:
                ruled_out[kind][ident] = tuple(
                    sorted(
                        (*ruled_out[kind].get(ident, ()), Contribution(rule_id, None, because)),
                        key=lambda c: position(c.rule),
                    )
                )
            then = item.rule.then
            if then.blocker:
                blockers.append(Message(rule_id, because))
            if then.warning:
                warnings.append(Message(rule_id, because))
            details_touched.update(then.details_for)
            actions_touched = actions_touched or bool(item.actions)
        details = dict(findings.details)
        for step in details_touched:
            details[step] = tuple(
                texts[index]  # type: ignore[misc]
                for index in self._details_rules[step]
                if results[index].fired
            )
        actions = findings.actions
        if actions_touched:
            rendered: list[str] = []
            for index in self._action_rules:
                if results[index].fired:
                    item = self._rules[index]
                    for action in item.actions:
                        text = self._render(item, action, facts)
                        if text not in rendered:
                            rendered.append(text)
            actions = tuple(rendered)
        return replace(
            findings,
            facts=facts,
            results=tuple(results),
            scores=scores,
            ruled_out=ruled_out,
            totals=totals,
            texts=tuple(texts),
            details=details,
            actions=actions,
            blockers=tuple(sorted(blockers, key=lambda m: position(m.rule))),
            warnings=tuple(sorted(warnings, key=lambda m: position(m.rule))),
        )

    def _collect(
        self,
        facts: Facts,
        defaulted: frozenset[str],
        results: list[RuleResult],
        known_texts: tuple[str | None, ...],
    ) -> Findings:
        """Add up what the rules that held conclude, in rule order."""
        scores: dict[Kind, dict[str, list[Contribution]]] = {kind: {} for kind in KINDS}
        ruled_out: dict[Kind, dict[str, list[Contribution]]] = {kind: {} for kind in KINDS}
        blockers: list[Message] = []
        warnings: list[Message] = []
        early: set[str] = set()
        details: dict[str, list[str]] = {}
        flags: set[str] = set()
        actions: list[str] = []
        texts: list[str | None] = [None] * len(results)
        known_count = len(known_texts)
        for index, result in enumerate(results):
            if not result.fired:
                continue
            item = self._rules[index]
            known = known_texts[index] if index < known_count else None
            because = (
                known
                if known is not None
                else self.sentence(index, result.outcome, facts, defaulted, True)
            )
            texts[index] = because
            if not item.concludes:
                continue
            rule_id = item.rule.id
            for kind, ident, points in item.points:
                scores[kind].setdefault(ident, []).append(Contribution(rule_id, points, because))
            for kind, ident in item.rule_out:
                ruled_out[kind].setdefault(ident, []).append(Contribution(rule_id, None, because))
            then = item.rule.then
            if then.blocker:
                blockers.append(Message(rule_id, because))
            if then.warning:
                warnings.append(Message(rule_id, because))
            if then.steps:
                early.update(then.steps)
            for step in then.details_for:
                details.setdefault(step, []).append(because)
            if then.flags:
                flags.update(then.flags)
            for action in item.actions:
                text = self._render(item, action, facts)
                if text not in actions:
                    actions.append(text)
        totals = {
            kind: {
                ident: sum(c.points or 0 for c in found) for ident, found in scores[kind].items()
            }
            for kind in KINDS
        }
        return Findings(
            facts=facts,
            results=tuple(results),
            scores={kind: {k: tuple(v) for k, v in scores[kind].items()} for kind in KINDS},
            ruled_out={kind: {k: tuple(v) for k, v in ruled_out[kind].items()} for kind in KINDS},
            blockers=tuple(blockers),
            warnings=tuple(warnings),
            early_steps=tuple(sorted(early, key=self._early.__getitem__)),
            details={step: tuple(texts) for step, texts in details.items()},
            flags=frozenset(flags),
            actions=tuple(actions),
            engine=self,
            defaulted=defaulted,
            texts=tuple(texts),
            totals=totals,
        )

    # --- explaining ---

    def explain(self, result: RuleResult, facts: Facts) -> Part:
        """The outcome of each part of a rule's condition, in words."""
        if result.rule.when is None:
            return Part("always", True, "always holds")
        if result.pending:
            return Part(
                "pending",
                False,
                "not evaluated: it needs the whole path's cost, known only in a plan",
            )
        assert result.outcome is not None
        return self._explain(result.rule.when, result.outcome, facts)

    def _explain(self, node: Condition, outcome: Outcome, facts: Facts) -> Part:
        from billing_career.knowledge.models import AllOf, AnyOf, NotOf

        if isinstance(node, AllOf | AnyOf):
            assert isinstance(outcome, tuple)
            parts = node.all if isinstance(node, AllOf) else node.any
            children = tuple(
                self._explain(part, sub, facts) for part, sub in zip(parts, outcome[1], strict=True)
            )
            kind: Literal["all", "any"] = "all" if isinstance(node, AllOf) else "any"
            joiner = " and " if kind == "all" else " or "
            return Part(
                kind, outcome[0], joiner.join(f"({c.text})" for c in children), children=children
            )
        if isinstance(node, NotOf):
            assert isinstance(outcome, tuple)
            child = self._explain(node.not_, outcome[1][0], facts)
            return Part("not", outcome[0], f"not: {child.text}", children=(child,))
        assert isinstance(outcome, bool)
        return Part(
            "test",
            outcome,
            self.test_text(node),
            self.fact_text(node.fact, facts[node.fact]),
            test=(node.fact, node.op, node.value),
        )

    def test_text(self, test: FactTest) -> str:
        """A test in plain words: 'your billing experience is less than 1 year'."""
        label = self._fact_labels[test.fact]
        value = test.value
        if test.op == "empty":
            return f"{label}: {'none' if value else 'at least one'}"
        if self.specs[test.fact].type == "bool" and isinstance(value, bool):
            yes = value if test.op == "eq" else not value
            return f"{label}: {'yes' if yes else 'no'}"
        if isinstance(value, tuple):
            words = [self.value_text(test.fact, item) for item in value]
            shown = _or_list(words) if test.op in {"in", "has_any"} else ", ".join(words)
        else:
            shown = self.value_text(test.fact, value)
        return f"{label} {self._op_words[test.op]} {shown}"


_ANSWER_ORDER = {name: index for index, name in enumerate(FIELD_KINDS)}


def default_marked(text: str, answers: Sequence[str]) -> str:
    """A sentence marked as resting on default answers: '... (default; change with --goal).'"""
    flags = ", ".join(flag_of(name) for name in answers)
    note = f" (default; change with {flags})"
    return text[:-1] + note + "." if text.endswith(".") else text + note


def _tests(node: Condition | None) -> Iterator[FactTest]:
    from billing_career.knowledge.models import AllOf, AnyOf, FactTest, NotOf

    if node is None:
        return
    if isinstance(node, FactTest):
        yield node
    elif isinstance(node, AllOf | AnyOf):
        for part in node.all if isinstance(node, AllOf) else node.any:
            yield from _tests(part)
    elif isinstance(node, NotOf):
        yield from _tests(node.not_)


def _deciding_facts(node: Condition, outcome: Outcome, want: bool) -> Iterator[str]:
    """The facts of the tests that made this condition come out as `want`."""
    from billing_career.knowledge.models import AllOf, AnyOf, NotOf

    if isinstance(node, AllOf | AnyOf):
        assert isinstance(outcome, tuple)
        if outcome[0] is not want:
            return
        parts = node.all if isinstance(node, AllOf) else node.any
        for part, sub in zip(parts, outcome[1], strict=True):
            yield from _deciding_facts(part, sub, want)
    elif isinstance(node, NotOf):
        assert isinstance(outcome, tuple)
        if outcome[0] is want:
            yield from _deciding_facts(node.not_, outcome[1][0], not want)
    elif isinstance(outcome, bool) and outcome is want:
        yield node.fact


def _lower_first(text: str) -> str:
    # Keep acronyms and names whole ("GED", "HIPAA"): only a capital before a lower-case letter.
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _and_list(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _or_list(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _predicate(name: str, op: str, value: Any) -> Predicate:
    """One plain closure per test: a dict lookup and one comparison."""
    predicates: dict[str, Predicate] = {
        "eq": lambda facts: facts[name] == value,
        "ne": lambda facts: facts[name] != value,
        "lt": lambda facts: facts[name] < value,
        "le": lambda facts: facts[name] <= value,
        "gt": lambda facts: facts[name] > value,
        "ge": lambda facts: facts[name] >= value,
        "in": lambda facts: facts[name] in value,
        "not_in": lambda facts: facts[name] not in value,
        "has": lambda facts: value in facts[name],
        "lacks": lambda facts: value not in facts[name],
        "has_any": lambda facts: not value.isdisjoint(facts[name]),
        "has_none": lambda facts: value.isdisjoint(facts[name]),
        "empty": (lambda facts: not facts[name]) if value else (lambda facts: bool(facts[name])),
    }
    return predicates[op]


def fee_text(cert: Certification) -> str:
    """A certification's exam fee as the guide gives it: '$155', '$349-$449', '$199 (member)'."""
    fees = cert.fees
    if fees is None:
        return NOT_IN_GUIDE
    if fees.single is not None:
        return money(fees.single)
    if fees.member is not None and fees.non_member is not None:
        return f"{money(fees.member)}-{money(fees.non_member)}"
    if fees.member is not None:
        return f"{money(fees.member)} (member)"
    if fees.non_member is not None:
        return f"{money(fees.non_member)} (non-member)"
    return NOT_IN_GUIDE


def renewal_text(cert: Certification) -> str:
    """'36 CEUs every 2 years', 'continuing education every year'."""
    renewal = cert.renewal
    if renewal is None or renewal.every_years is None:
        return NOT_IN_GUIDE
    every = "every year" if renewal.every_years == 1 else f"every {renewal.every_years} years"
    if renewal.ceus is not None:
        return f"{renewal.ceus} CEUs {every}"
    return f"continuing education {every}"


_ENGINES: PerKnowledgeBase[RuleEngine] = PerKnowledgeBase()


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
