"""What rules are made of: facts and their types, conditions and outcomes, results, compiled rules.

Shared by the three jobs of the rules engine: compiling and checking (rules_check), evaluating
(rules) and explaining in words (rules_words).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from billing_career.knowledge.serialize import json_as
from billing_career.planning.profile import CHOICES, FIELD_KINDS, ROW_ANSWERS

if TYPE_CHECKING:
    from billing_career.knowledge.models import Condition, FactTest, KnowledgeBase, Rule

Facts = dict[str, Any]
# A test's outcome is a bool; an all / any / not node's is (passed, outcomes of its parts).
Outcome = bool | tuple[bool, tuple["Outcome", ...]]
Predicate = Callable[[Facts], Outcome]
FactType = Literal["choice", "number", "bool", "set"]
CandidateKind = Literal["program", "certification", "aid", "delivery"]
KINDS: tuple[CandidateKind, ...] = ("program", "certification", "aid", "delivery")
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
    "number": "number",
    "year": "number",
    # A month (graduation) is read by the planner; rules can name it in a sentence only.
    "month": "choice",
    "yes-no": "bool",
}
# Derived from the budget and each program type's cost before the exam: tuition, fees and the
# extras every path has (textbooks, background check; the home office setup when remote).
BUDGET_FACTS = (
    "programs_fully_covered",
    "programs_partly_covered",
    "programs_mostly_covered",
    "programs_over_budget",
    "programs_tuition_paid",
)
# Known only once the program and certification are chosen: the budget against the whole path
# (the plan's cost total). Rules that use them run in stage 2.
PATH_COVERED = ("all", "part", "none")
# path_certification: the plan's certification; path_retake: it is an exam the person sat and
# did not pass (the retake's actions and words are for that exam only, not for one planned after
# another failed).
PATH_FACTS = (
    "path_covered",
    "path_cost_min",
    "path_cost_max",
    "path_gap_min",
    "path_gap_max",
    "path_certification",
    "path_retake",
)
PATH_NUMBERS = ("path_cost_min", "path_cost_max", "path_gap_min", "path_gap_max")
# The aid the plan counts (planning/money.py).
COUNTED_AID = "counted_aid"
# {funds}: the budget and the aid counted, in words ("your budget of $500 with the GI Bill").
FUNDS = "funds"
# {aid_pays}: the counted aid as a sentence's subject ("The GI Bill, if approved, pays");
# {extras_left}: what is left once aid pays tuition and fees ("$130-$375 for textbooks and
# background check").
AID_PAYS = "aid_pays"
# The counted aid each program type is ranked on (a fact no rule tests; {aid_pays} reads it).
AID_BY_PROGRAM = "aid_by_program"
EXTRAS_LEFT = "extras_left"
# Money: every answer of the money kind (budget, current pay ...) and the path's cost facts.
MONEY_FACTS = frozenset(
    {name for name, kind in FIELD_KINDS.items() if kind == "money"}
    | {"path_cost_min", "path_cost_max", "path_gap_min", "path_gap_max"}
    | {"band_pay_min", "band_pay_max"}
)
# Derived from the answers where the person stands today (RuleEngine.answer_facts): a training
# program completed within NHA's 5 years for the CBCS or before; current pay above the guide's
# pay band for the person's experience, and that band's ends.
TRAINING_RECENT_YEARS = 5
PERSON_FACTS: dict[str, FactType] = {
    "training_recent": "bool",
    "trained": "bool",
    "training_old": "bool",
    "pay_above_band": "bool",
    "band_pay_min": "number",
    "band_pay_max": "number",
}
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
# {exam_proof}: what the certification's exam asks to be shown before it is sat (reasons.py).
# {retake_wait}: the issuer's wait before a retake, where the data gives it (reasons.py).
# {retake_fee}: what a retake costs where the issuer sells exam packages (reasons.py).
PLAN_PLACEHOLDERS = (
    "program",
    "certification",
    "delivery",
    "exam_proof",
    "retake_wait",
    "retake_fee",
    "award_year",
)
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
    for name in ROW_ANSWERS:
        kind = FIELD_KINDS[name]
        specs[name] = FactSpec(name, _KIND_OF_ANSWER[kind], tuple(CHOICES.get(name, ())))
    for name, fact_type in PERSON_FACTS.items():
        specs[name] = FactSpec(name, fact_type)
    specs[COUNTED_AID] = FactSpec(COUNTED_AID, "set", tuple(option.id for option in kb.aid.aid))
    program_ids = tuple(program.id for program in kb.programs.programs)
    for name in BUDGET_FACTS:
        specs[name] = FactSpec(name, "set", program_ids)
    specs["path_covered"] = FactSpec("path_covered", "choice", PATH_COVERED, stage=2)
    for name in PATH_NUMBERS:
        specs[name] = FactSpec(name, "number", stage=2)
    codes = tuple(cert.code for cert in kb.certifications.certifications)
    specs["path_certification"] = FactSpec("path_certification", "choice", codes, stage=2)
    specs["path_retake"] = FactSpec("path_retake", "bool", stage=2)
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


@dataclass(frozen=True)
class Message:
    """A blocker or warning, with the rule that raised it."""

    rule: str
    text: str = field(metadata=json_as(key="message"))


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


# --- a compiled rule ----------------------------------------------------------------------------

Pieces = tuple[str | tuple[str, str | None], ...]


@dataclass(frozen=True)
class Compiled:
    """One rule, checked and compiled: its predicate, what it concludes, its sentences."""

    rule: Rule
    test: Predicate | None
    points: tuple[tuple[CandidateKind, str, int], ...]
    rule_out: tuple[tuple[CandidateKind, str], ...]
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


def condition_tests(node: Condition | None) -> Iterator[FactTest]:
    """Every {fact, op, value} test of a condition tree, in order: the one walker over them."""
    from billing_career.knowledge.models import AllOf, AnyOf, FactTest, NotOf

    if node is None:
        return
    if isinstance(node, FactTest):
        yield node
    elif isinstance(node, AllOf | AnyOf):
        for part in node.all if isinstance(node, AllOf) else node.any:
            yield from condition_tests(part)
    elif isinstance(node, NotOf):
        yield from condition_tests(node.not_)


def aid_short(option: Any) -> str:
    """An aid option's short name: its first example ('GI Bill', 'WIOA') or its name."""
    return str(option.examples[0]) if option.examples else str(option.name)
