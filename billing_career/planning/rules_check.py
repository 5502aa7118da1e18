"""Compiling and checking rules.yaml: every name a rule uses must exist; nothing is run as code.

Every fact, op, value, id and placeholder a rule names must exist (the error names the rule);
each condition becomes plain closures.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from billing_career.errors import DataError
from billing_career.planning.conditions import (
    _PLACEHOLDER,
    AID_BY_PROGRAM,
    AID_PAYS,
    ALL_OPS,
    COUNTED_AID,
    EXTRAS_LEFT,
    FIGURE_PLACEHOLDERS,
    FUNDS,
    MATCHED,
    OPS,
    PLAN_PLACEHOLDERS,
    CandidateKind,
    Compiled,
    Facts,
    FactSpec,
    Outcome,
    Pieces,
    Predicate,
    condition_tests,
)
from billing_career.planning.profile import FIELD_KINDS

if TYPE_CHECKING:
    from billing_career.knowledge.models import Condition, FactTest, KnowledgeBase, Rule


class RuleChecker:
    """The checking and compiling half of the engine (RuleEngine builds on it)."""

    kb: KnowledgeBase
    folder: str
    specs: dict[str, FactSpec]
    _candidates: dict[CandidateKind, tuple[str, ...]]
    _early: dict[str, int]
    _guide_steps: set[str]
    _labels: dict[str, dict[str, str]]
    _figures: dict[str, dict[str, str]]

    # The file whose entries are being checked: the aid catalog is aid.yaml's.
    _file = "rules.yaml"

    def _error(self, rule: str, where: str, problem: str) -> DataError:
        return DataError(f"{self.folder}/{self._file}: {rule}: {where}: {problem}.")

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

    def _check_goal_paths(self) -> None:
        goals = self.specs["goal"].choices
        for index, path in enumerate(self.kb.rules.goal_paths):
            where = f"{self.folder}/rules.yaml: goal_paths: {index + 1}"
            if path.goal not in goals:
                raise DataError(f"{where}: unknown goal {path.goal}. Known: {', '.join(goals)}.")
            if path.program not in self._candidates["program"]:
                raise DataError(f"{where}: unknown program {path.program}.")
            # What the plan words from: the guide's words, or the tool's reasoning.
            needs = {"guide-says": ("quote", path.quote), "tool": ("because", path.because)}
            if path.basis in needs and not needs[path.basis][1]:
                raise DataError(f"{where}: basis {path.basis} needs {needs[path.basis][0]}.")

    def _check_labels(self) -> tuple[dict[str, str], dict[str, str]]:
        labels = self.kb.rules.labels
        where = f"{self.folder}/rules.yaml: labels"
        missing = [name for name in self.specs if name not in labels.facts]
        if missing:
            raise DataError(f"{where}: facts: no label for {', '.join(missing)}.")
        # aid_by_program is shown by --explain but tested by no rule (it is not a spec).
        unknown = [
            name for name in labels.facts if name not in self.specs and name != AID_BY_PROGRAM
        ]
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
            # A yes/no fact may have a statement for its "yes" or "no" (see test_text).
            known: tuple[str, ...] = ("yes", "no") if spec and spec.type == "bool" else ()
            known = spec.choices if spec is not None and spec.choices else known
            if not known:
                raise DataError(f"{where}: values: {name}: not a fact with named values.")
            odd = [value for value in words if value not in known]
            if odd:
                raise DataError(
                    f"{where}: values: {name}: unknown value {', '.join(odd)}. "
                    f"Known: {', '.join(known)}."
                )
            self._labels[name] = {**self._labels.get(name, {}), **words}
        return dict(labels.facts), dict(labels.ops)

    def _compile_funding(self) -> dict[str, Predicate | None]:
        """Each funding entry's condition, checked and compiled like a rule's; its actions'
        placeholders checked too."""
        known = {option.id for option in self.kb.aid.aid}
        tests: dict[str, Predicate | None] = {}
        self._file = "aid.yaml"
        for entry in self.kb.aid.funding:
            where = f"funding {entry.aid}"
            if entry.aid not in known:
                raise self._error(where, "aid", f"unknown aid option. Known: {', '.join(known)}")
            if entry.aid in tests:
                raise self._error(where, "aid", "listed twice")
            tests[entry.aid] = (
                None if entry.when is None else self._compile(where, entry.when, "when")
            )
            for action in entry.actions:
                self._template(where, "actions", action, {}, set(), plan=True)
            self._template(where, "because", entry.because, {}, set())
            other = entry.without_program
            if other is not None:
                for action in other.actions or ():
                    self._template(where, "without_program.actions", action, {}, set(), plan=True)
                if other.because is not None:
                    self._template(where, "without_program.because", other.because, {}, set())
        self._file = "rules.yaml"
        return tests

    def _compile_rule(self, rule: Rule) -> Compiled:
        test = None if rule.when is None else self._compile(rule.id, rule.when, "when")
        tested = list(condition_tests(rule.when))
        then = rule.then
        points: list[tuple[CandidateKind, str, int]] = []
        for kind, mapping in (
            ("program", then.programs),
            ("certification", then.certifications),
            ("aid", then.aid),
            ("delivery", then.delivery),
        ):
            for ident, value in mapping.items():
                self._need_candidate(rule.id, kind, ident)  # type: ignore[arg-type]
                points.append((kind, ident, value))  # type: ignore[arg-type]
        rule_out: list[tuple[CandidateKind, str]] = []
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
        return Compiled(
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

    def _need_candidate(self, rule: str, kind: CandidateKind, ident: str) -> None:
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
            elif name == FUNDS:
                named.update(("budget", COUNTED_AID))
            elif name in (AID_PAYS, EXTRAS_LEFT):
                named.add(COUNTED_AID)
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


def band_rules(kb: KnowledgeBase) -> list[Rule]:
    """The budget-band table as rules: one per band and program type, in table order."""
    from billing_career.knowledge.models import AllOf, Conclusion, FactTest, Rule

    rules = []
    for band in kb.rules.budget_bands:
        for program in kb.programs.programs:
            # Records made directly (as validation would make them): no validator at run time.
            tests = [FactTest(fact=band.has, op="has", value=program.id)]
            if band.lacks:
                tests.append(FactTest(fact=band.lacks, op="lacks", value=program.id))
            name = program.name if program.name.startswith("Online") else f"the {program.name}"
            because = band.because.replace("{program_name}", name)
            # The aid counted for this program type, which may differ from program to program.
            because = because.replace("{funds}", f"{{funds.{program.id}}}")
            because = because.replace("{aid_pays}", f"{{aid_pays.{program.id}}}")
            because = because.replace("{extras_left}", f"{{extras_left.{program.id}}}")
            rules.append(
                Rule(
                    id=f"budget-{band.id}-{program.id}",
                    when=tests[0] if len(tests) == 1 else AllOf(all=tuple(tests)),
                    then=Conclusion(programs={program.id: band.points}),
                    because=because[0].upper() + because[1:],
                    source=band.source,
                )
            )
    return rules


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
