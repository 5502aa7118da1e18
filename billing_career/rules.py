"""The rules engine: data/rules.yaml compiled once into plain predicates, evaluated part by part.

A condition is structured data ({fact, op, value} under all / any / not), so there is no parser
and nothing from a data file is ever run as code. Compiling checks every fact, op, value and id a
rule names and turns each test into a small closure (well under a microsecond to call). Every
part of every condition is evaluated, not short-circuited, and its outcome kept: a plan can then
say which rules held and why, and for the others which part failed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from billing_career.errors import DataError
from billing_career.figures import NOT_IN_GUIDE, money, money_range, money_span
from billing_career.memo import PerKnowledgeBase
from billing_career.profile import CHOICES, FIELD_KINDS, Profile

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

OPS: dict[FactType, frozenset[str]] = {
    "choice": frozenset({"eq", "ne", "in", "not_in"}),
    "number": frozenset({"eq", "ne", "lt", "le", "gt", "ge"}),
    "bool": frozenset({"eq", "ne"}),
    "set": frozenset({"has", "lacks", "has_any", "has_none", "empty"}),
}
ALL_OPS = frozenset().union(*OPS.values())
_OP_WORDS = {
    "eq": "is", "ne": "is not", "lt": "<", "le": "<=", "gt": ">", "ge": ">=",
    "in": "is one of", "not_in": "is none of", "has": "includes", "lacks": "does not include",
    "has_any": "includes any of", "has_none": "includes none of",
}
_KIND_OF_ANSWER: dict[str, FactType] = {
    "choice": "choice", "multi": "set", "money": "number", "years": "number", "yes-no": "bool",
}
# Derived from the budget and each program type's tuition plus fees (programs.yaml).
BUDGET_FACTS = ("programs_fully_covered", "programs_partly_covered", "programs_over_budget")
# Placeholders naming a figure of the data: {program_cost.ID}, {exam_fee.CODE} ...
FIGURE_PLACEHOLDERS = ("program_cost", "exam_fee", "renewal", "expense")
# Placeholders only first actions may use, filled in by the planner.
PLAN_PLACEHOLDERS = ("program", "certification")
_PLACEHOLDER = re.compile(r"\{([a-z_]+)(?:\.([A-Za-z0-9-]+))?\}")


@dataclass(frozen=True)
class FactSpec:
    """A fact rules may test: its type and, for choices and lists, the values it can hold."""

    name: str
    type: FactType
    choices: tuple[str, ...] = ()


def fact_specs(kb: KnowledgeBase) -> dict[str, FactSpec]:
    """Every fact rules may name: the answers (not the start date) and the budget facts."""
    specs: dict[str, FactSpec] = {}
    for name, kind in FIELD_KINDS.items():
        if kind == "date":
            continue
        specs[name] = FactSpec(name, _KIND_OF_ANSWER[kind], tuple(CHOICES.get(name, ())))
    program_ids = tuple(program.id for program in kb.programs.programs)
    for name in BUDGET_FACTS:
        specs[name] = FactSpec(name, "set", program_ids)
    return specs


# --- results ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Contribution:
    """What one rule did to one candidate: points added (None for a rule-out) and why."""

    rule: str
    points: int | None
    because: str


@dataclass(frozen=True, slots=True)
class Message:
    """A blocker or warning, with the rule that raised it."""

    rule: str
    text: str

    def to_dict(self) -> dict[str, str]:
        """Plain data for JSON."""
        return {"rule": self.rule, "message": self.text}


@dataclass(frozen=True, slots=True)
class RuleResult:
    """One rule's evaluation: whether it held and the outcome of each part of its condition."""

    rule: Rule
    fired: bool
    outcome: Outcome | None


@dataclass(frozen=True)
class Part:
    """One part of a condition, evaluated: for --explain."""

    kind: Literal["test", "all", "any", "not", "always"]
    passed: bool
    text: str
    actual: str | None = None
    children: tuple[Part, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        data: dict[str, Any] = {"kind": self.kind, "passed": self.passed, "text": self.text}
        if self.kind == "test":
            data["actual"] = self.actual
        if self.children:
            data["parts"] = [child.to_dict() for child in self.children]
        return data

    def failed_tests(self) -> list[Part]:
        """The tests that made this part fail (empty when it passed)."""
        if self.passed:
            return []
        if self.kind == "test":
            return [self]
        if self.kind == "not":
            # The inner part held, which is what failed.
            inner = self.children[0]
            return [Part("test", False, f"not ({inner.text})", inner.actual)]
        if self.kind == "all":
            return [test for child in self.children for test in child.failed_tests()]
        return [test for child in self.children for test in child.failed_tests()]


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

    def score(self, kind: Kind, ident: str) -> int:
        """The total score of a candidate."""
        return sum(c.points or 0 for c in self.scores[kind].get(ident, ()))

    def is_ruled_out(self, kind: Kind, ident: str) -> bool:
        """True when some rule took this candidate off the table."""
        return ident in self.ruled_out[kind]

    def result(self, rule_id: str) -> RuleResult:
        """One rule's result by id."""
        return next(result for result in self.results if result.rule.id == rule_id)

    def fired(self, rule_id: str) -> bool:
        """Whether the rule with this id held."""
        return self.result(rule_id).fired

    def explain(self, result: RuleResult) -> Part:
        """The rule's condition with each part's outcome, in words."""
        return self.engine.explain(result, self.facts)

    def missed(self, kind: Kind, ident: str) -> list[RuleResult]:
        """Rules that would have scored this candidate up but did not hold: the "why not"."""
        results = self.results
        return [results[index] for index in self.engine.favouring(kind, ident)
                if not results[index].fired]

    def because(self, result: RuleResult) -> str:
        """The rule's sentence for these facts."""
        return self.engine.text(result.rule.because, self.facts)

    def otherwise(self, result: RuleResult) -> str | None:
        """The rule's sentence for when it does not hold, if it has one."""
        text = result.rule.otherwise
        return None if text is None else self.engine.text(text, self.facts)


# --- compiling ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Compiled:
    rule: Rule
    test: Predicate | None
    points: tuple[tuple[Kind, str, int], ...]
    rule_out: tuple[tuple[Kind, str], ...]
    because: tuple[str | tuple[str, str | None], ...]


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
            self.program_costs[program.id] = (program.tuition.min + fees.min,
                                              program.tuition.max + fees.max)
        self._figures = self._figure_texts()
        self._early = {step.id: index for index, step in enumerate(kb.rules.early_steps)}
        self._guide_steps = {step.id for step in kb.steps.steps}
        self._candidates: dict[Kind, tuple[str, ...]] = {
            "program": tuple(program.id for program in kb.programs.programs),
            "certification": tuple(cert.code for cert in kb.certifications.certifications
                                   if cert.level == "entry"),
            "aid": tuple(option.id for option in kb.aid.aid),
            "delivery": ("online", "in-person"),
        }
        self._check_tie_break()
        seen: set[str] = set()
        compiled = []
        for rule in kb.rules.rules:
            if rule.id in seen:
                raise self._error(rule.id, "id", f"duplicate id '{rule.id}'")
            seen.add(rule.id)
            compiled.append(self._compile_rule(rule))
        self._rules = tuple(compiled)
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

    # --- checking ---

    def _error(self, rule: str, where: str, problem: str) -> DataError:
        return DataError(f"{self.folder}/rules.yaml: {rule}: {where}: {problem}.")

    def _check_tie_break(self) -> None:
        tie = self.kb.rules.planning.tie_break
        for kind, listed in (("program", tie.programs), ("certification", tie.certifications),
                             ("delivery", tie.delivery), ("aid", tie.aid)):
            expected = self._candidates[kind]  # type: ignore[index]
            if sorted(listed) != sorted(expected):
                raise DataError(
                    f"{self.folder}/rules.yaml: planning: tie_break: "
                    f"{kind}: must list each of {', '.join(expected)} once."
                )

    def _compile_rule(self, rule: Rule) -> _Compiled:
        test = None if rule.when is None else self._compile(rule.id, rule.when, "when")
        then = rule.then
        points: list[tuple[Kind, str, int]] = []
        for kind, mapping in (("program", then.programs), ("certification", then.certifications),
                              ("aid", then.aid), ("delivery", then.delivery)):
            for ident, value in mapping.items():
                self._need_candidate(rule.id, kind, ident)  # type: ignore[arg-type]
                points.append((kind, ident, value))  # type: ignore[arg-type]
        rule_out: list[tuple[Kind, str]] = []
        if then.rule_out is not None:
            for kind, idents in (("program", then.rule_out.programs),
                                 ("certification", then.rule_out.certifications),
                                 ("aid", then.rule_out.aid)):
                for ident in idents:
                    self._need_candidate(rule.id, kind, ident)  # type: ignore[arg-type]
                    rule_out.append((kind, ident))  # type: ignore[arg-type]
        for step in then.steps:
            if step not in self._early:
                raise self._error(rule.id, "then.steps",
                                  f"unknown early step '{step}' (see early_steps)")
        for step in then.details_for:
            if step not in self._guide_steps:
                raise self._error(rule.id, "then.details_for",
                                  f"unknown step '{step}' (see steps.yaml)")
        because = self._template(rule.id, "because", rule.because)
        if rule.otherwise is not None:
            self._template(rule.id, "otherwise", rule.otherwise)
        for action in then.actions:
            self._template(rule.id, "then.actions", action, plan=True)
        return _Compiled(rule, test, tuple(points), tuple(rule_out), because)

    def _need_candidate(self, rule: str, kind: Kind, ident: str) -> None:
        known = self._candidates[kind]
        if ident not in known:
            what = "entry certification" if kind == "certification" else kind.replace("_", " ")
            raise self._error(rule, f"then ({kind})",
                              f"unknown {what} '{ident}'. Known: {', '.join(known)}")

    def _compile(self, rule: str, node: Condition, where: str) -> Predicate:
        from billing_career.knowledge.models import AllOf, AnyOf, NotOf

        if isinstance(node, AllOf | AnyOf):
            parts = node.all if isinstance(node, AllOf) else node.any
            label = "all" if isinstance(node, AllOf) else "any"
            if not parts:
                raise self._error(rule, f"{where}.{label}", "needs at least one condition")
            compiled = tuple(self._compile(rule, part, f"{where}.{label}[{index}]")
                             for index, part in enumerate(parts))
            combine = all if label == "all" else any

            def group(facts: Facts) -> Outcome:
                outcomes = tuple(test(facts) for test in compiled)
                return (combine(o if o.__class__ is bool else o[0]  # type: ignore[index]
                                for o in outcomes), outcomes)

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
            raise self._error(rule, f"{where}.fact",
                              f"unknown fact '{test.fact}'. Known: {', '.join(self.specs)}")
        if test.op not in ALL_OPS:
            raise self._error(rule, f"{where}.op",
                              f"unknown operator '{test.op}'. Known: {', '.join(sorted(ALL_OPS))}")
        if test.op not in OPS[spec.type]:
            raise self._error(rule, f"{where}.op",
                              f"'{test.op}' does not apply to {test.fact}; use one of "
                              f"{', '.join(sorted(OPS[spec.type]))}")
        value = self._check_value(rule, where, spec, test.op, test.value)
        return _predicate(test.fact, test.op, value)

    def _check_value(self, rule: str, where: str, spec: FactSpec, op: str, value: Any) -> Any:
        def fail(problem: str) -> DataError:
            return self._error(rule, f"{where}.value", problem)

        def known(item: Any) -> str:
            if not isinstance(item, str) or item not in spec.choices:
                raise fail(f"unknown value {item!r} for {spec.name}. "
                           f"Known: {', '.join(spec.choices)}")
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

    def _template(self, rule: str, where: str, text: str, *, plan: bool = False
                  ) -> tuple[str | tuple[str, str | None], ...]:
        """Split a sentence into literal text and placeholders, checking each placeholder."""
        pieces: list[str | tuple[str, str | None]] = []
        last = 0
        for match in _PLACEHOLDER.finditer(text):
            name, key = match.group(1), match.group(2)
            if key is None and name in self.specs:
                pass
            elif key is not None and name in FIGURE_PLACEHOLDERS:
                if key not in self._figures[name]:
                    raise self._error(rule, where, f"{{{name}.{key}}} names an unknown "
                                      f"{name.replace('_', ' ')} '{key}'")
            elif plan and key is None and name in PLAN_PLACEHOLDERS:
                pieces.append(text[last:match.end()])
                last = match.end()
                continue
            else:
                raise self._error(rule, where, f"unknown placeholder {match.group(0)}")
            pieces.append(text[last:match.start()])
            pieces.append((name, key))
            last = match.end()
        pieces.append(text[last:])
        return tuple(piece for piece in pieces if piece != "")

    # --- words for figures and facts ---

    def _figure_texts(self) -> dict[str, dict[str, str]]:
        kb = self.kb
        return {
            "program_cost": {
                ident: money_span(low, high)
                for ident, (low, high) in self.program_costs.items()
            },
            "exam_fee": {cert.code: fee_text(cert) for cert in kb.certifications.certifications},
            "renewal": {cert.code: renewal_text(cert)
                        for cert in kb.certifications.certifications},
            "expense": {expense.id: money_range(expense.cost) for expense in kb.costs.expenses},
        }

    def fact_text(self, name: str, value: Any) -> str:
        """A fact's value in words: '$3,000', '2 years', 'customer service, data entry'."""
        if name == "budget":
            return money(value)
        if name == "experience_years":
            return "1 year" if value == 1 else f"{value} years"
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, frozenset | tuple | list):
            order = self.specs[name].choices
            items = [item for item in order if item in value]
            if not items:
                return "none"
            if name in BUDGET_FACTS:
                return ", ".join(self._program_names.get(item, item) for item in items)
            labels = self._labels.get(name, {})
            return ", ".join(labels.get(item, item).lower() for item in items)
        return str(value)

    def text(self, template: str, facts: Facts) -> str:
        """A rule's sentence with its placeholders filled from the facts and the data."""
        out: list[str] = []
        last = 0
        for match in _PLACEHOLDER.finditer(template):
            name, key = match.group(1), match.group(2)
            out.append(template[last:match.start()])
            if key is None and name in facts:
                out.append(self.fact_text(name, facts[name]))
            elif key is not None and name in self._figures:
                out.append(self._figures[name].get(key, match.group(0)))
            else:
                out.append(match.group(0))
            last = match.end()
        out.append(template[last:])
        return "".join(out)

    def _render(self, pieces: tuple[str | tuple[str, str | None], ...], facts: Facts) -> str:
        out = []
        for piece in pieces:
            if isinstance(piece, str):
                out.append(piece)
            else:
                name, key = piece
                out.append(self.fact_text(name, facts[name]) if key is None
                           else self._figures[name][key])
        return "".join(out)

    # --- evaluating ---

    def facts(self, profile: Profile) -> Facts:
        """The facts rules test: the answers, and which programs the budget covers."""
        budget = profile.budget
        full, partly, over = [], [], []
        for ident, (low, high) in self.program_costs.items():
            if budget >= high:
                full.append(ident)
            elif budget >= low:
                partly.append(ident)
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
            "programs_over_budget": frozenset(over),
        }

    def evaluate(self, profile: Profile) -> Findings:
        """Run every rule against the profile."""
        facts = self.facts(profile)
        scores: dict[Kind, dict[str, list[Contribution]]] = {kind: {} for kind in KINDS}
        ruled_out: dict[Kind, dict[str, list[Contribution]]] = {kind: {} for kind in KINDS}
        blockers: list[Message] = []
        warnings: list[Message] = []
        early: set[str] = set()
        details: dict[str, list[str]] = {}
        flags: set[str] = set()
        actions: list[str] = []
        results = []
        for item in self._rules:
            outcome = None if item.test is None else item.test(facts)
            fired = True if outcome is None else (
                outcome if outcome.__class__ is bool else outcome[0])  # type: ignore[index]
            results.append(RuleResult(item.rule, bool(fired), outcome))
            if not fired:
                continue
            rule_id = item.rule.id
            because = self._render(item.because, facts)
            for kind, ident, points in item.points:
                scores[kind].setdefault(ident, []).append(Contribution(rule_id, points, because))
            for kind, ident in item.rule_out:
                ruled_out[kind].setdefault(ident, []).append(Contribution(rule_id, None, because))
            then = item.rule.then
            if then.blocker:
                blockers.append(Message(rule_id, because))
            if then.warning:
                warnings.append(Message(rule_id, because))
            early.update(then.steps)
            for step in then.details_for:
                details.setdefault(step, []).append(because)
            flags.update(then.flags)
            for action in then.actions:
                text = self.text(action, facts)
                if text not in actions:
                    actions.append(text)
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
        )

    # --- explaining ---

    def explain(self, result: RuleResult, facts: Facts) -> Part:
        """The outcome of each part of a rule's condition, in words."""
        if result.rule.when is None:
            return Part("always", True, "always holds")
        assert result.outcome is not None
        return self._explain(result.rule.when, result.outcome, facts)

    def _explain(self, node: Condition, outcome: Outcome, facts: Facts) -> Part:
        from billing_career.knowledge.models import AllOf, AnyOf, NotOf

        if isinstance(node, AllOf | AnyOf):
            assert isinstance(outcome, tuple)
            parts = node.all if isinstance(node, AllOf) else node.any
            children = tuple(self._explain(part, sub, facts)
                             for part, sub in zip(parts, outcome[1], strict=True))
            kind: Literal["all", "any"] = "all" if isinstance(node, AllOf) else "any"
            joiner = " and " if kind == "all" else " or "
            return Part(kind, outcome[0], joiner.join(f"({c.text})" for c in children),
                        children=children)
        if isinstance(node, NotOf):
            assert isinstance(outcome, tuple)
            child = self._explain(node.not_, outcome[1][0], facts)
            return Part("not", outcome[0], f"not ({child.text})", children=(child,))
        assert isinstance(outcome, bool)
        return Part("test", outcome, self._test_text(node),
                    self.fact_text(node.fact, facts[node.fact]))

    def _test_text(self, test: FactTest) -> str:
        value = test.value
        if test.op == "empty":
            return f"{test.fact} is {'empty' if value else 'not empty'}"
        if isinstance(value, tuple):
            shown = ", ".join(str(item) for item in value)
        elif isinstance(value, bool):
            shown = "yes" if value else "no"
        else:
            shown = str(value)
        return f"{test.fact} {_OP_WORDS[test.op]} {shown}"


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
    """Every rule of kb against the profile."""
    return engine_for(kb).evaluate(profile)


def check_rules(kb: KnowledgeBase, folder: str) -> None:
    """Load-time check: every fact, op, value, id and placeholder a rule names must exist. The
    error names the rule."""
    _ENGINES.put(kb, RuleEngine(kb, folder))
