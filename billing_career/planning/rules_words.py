"""The rules in words: filled sentences, facts and values in plain words, conditions explained.

Used by `plan --explain` and by every sentence a plan shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from billing_career.knowledge.figures import money, money_range, money_span
from billing_career.knowledge.lookup import lower_first
from billing_career.knowledge.wording import and_list, fee_text, or_list, renewal_text
from billing_career.planning.conditions import (
    _PLACEHOLDER,
    AID_BY_PROGRAM,
    AID_PAYS,
    BUDGET_FACTS,
    COUNTED_AID,
    EXTRAS_LEFT,
    FUNDS,
    MATCHED,
    MONEY_FACTS,
    Compiled,
    Facts,
    FactSpec,
    Outcome,
    Part,
    Pieces,
    RuleResult,
)
from billing_career.reference.ranking import rank_texts

if TYPE_CHECKING:
    from billing_career.knowledge.models import Condition, FactTest, KnowledgeBase


# A fact a sentence reads that the facts lack (its wording then fails as it did unmemoized).
_MISSING = object()
# Marks a key of a sentence with money words (see RuleWords._money_key).
_MONEY_WORDS = object()
# Distinct sentences kept at once; past it the memo starts over (memory stays bounded).
_SENTENCES_LIMIT = 8192


class RuleWords:
    """The wording half of the engine (RuleEngine builds on it)."""

    kb: KnowledgeBase
    specs: dict[str, FactSpec]
    program_costs: dict[str, tuple[float, float]]
    _rules: tuple[Compiled, ...]
    _labels: dict[str, dict[str, str]]
    _proper_names: frozenset[str]
    _program_names: dict[str, str]
    _aid_names: dict[str, str]
    _path_texts: dict[bool, dict[str, str]]
    _extras_texts: dict[bool, tuple[float, str]]
    _figures: dict[str, dict[str, str]]
    _fact_labels: dict[str, str]
    _op_words: dict[str, str]

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

    def funds_text(self, facts: Facts, program: str | None = None) -> str:
        """'Your budget of $500', or 'Your budget of $500 with the GI Bill and WIOA counted'
        (with a program: the aid counted for it)."""
        text = f"Your budget of {money(facts['budget'])}"
        entry = facts.get(AID_BY_PROGRAM, {}).get(program) if program else None
        # A program with its own entry names only the aid counted for it, none included (Pell
        # counted for one program type must not be named for another).
        ids = entry[0] if entry is not None else facts.get(COUNTED_AID, ())
        counted = [self._aid_names[ident] for ident in ids]
        if counted:
            text += f" with {and_list(sorted(counted))} counted"
        return text

    def _extras_text(self, kb: KnowledgeBase, remote: bool) -> tuple[float, str]:
        """The extras' high end and their words ('textbooks and background check'): a
        program's cost before the exam less its tuition and fees, the same for every program."""
        from billing_career.reference.costs import pre_exam_costs, pre_exam_counts

        ident, (_fees_low, fees_high) = next(iter(self.program_costs.items()))
        high = pre_exam_costs(kb, remote)[ident][1] - fees_high
        words = pre_exam_counts(kb, remote).removeprefix("tuition, fees, ")
        return high, words.removeprefix("tuition, fees and ")

    def left_text(self, facts: Facts, program: str | None) -> str:
        """What is left to pay of a program once the counted aid pays its tuition and fees:
        '$130-$375 for textbooks and background check', plus any tuition the aid may not reach."""
        extras_high, words = self._extras_texts[bool(facts.get("remote"))]
        _ids, (low, high) = facts[AID_BY_PROGRAM].get(program, ((), (0, 0)))
        if high <= extras_high:
            return f"{money_span(low, high)} for {words}"
        return (
            f"{money_span(low, high)}: {words}, and up to {money(high - extras_high)} of tuition "
            "and fees if the aid comes in at its low end"
        )

    def aid_pays_text(self, facts: Facts, program: str | None = None) -> str:
        """'The GI Bill, if approved, pays' or 'Pell Grants and WIOA, if approved, pay': the
        aid counted for this program type."""
        entry = facts.get(AID_BY_PROGRAM, {}).get(program) if program else None
        # A program with its own entry names only the aid counted for it, none included (Pell
        # counted for one program type must not be named for another).
        ids = entry[0] if entry is not None else facts.get(COUNTED_AID, ())
        counted = sorted(self._aid_names[ident] for ident in ids)
        verb = "pays" if len(counted) == 1 else "pay"
        text = and_list(counted) if counted else "Counted aid"
        return f"{text[0].upper()}{text[1:]}, if approved, {verb}"

    def value_text(self, name: str, value: Any) -> str:
        """One value of a fact in words: a choice's label, a program's name, '$3,000'."""
        if value is None:
            return "not given"
        if name == COUNTED_AID:
            return self._aid_names.get(value, str(value))
        if name in MONEY_FACTS:
            return money(value)
        if name == "experience_years":
            return "1 year" if value == 1 else f"{value} years"
        if isinstance(value, bool):
            return "yes" if value else "no"
        if name in BUDGET_FACTS:
            return self._program_names.get(value, str(value))
        label = self._labels.get(name, {}).get(value)
        if label and name in self._proper_names:
            return label
        return lower_first(label) if label else str(value)

    def fact_text(self, name: str, value: Any) -> str:
        """A fact's value in words: '$3,000', '2 years', 'customer service, data entry'."""
        if name == AID_BY_PROGRAM:
            # 'Online Self-Paced: WIOA; Extended Certificate: Pell Grants, WIOA'.
            return (
                "; ".join(
                    f"{self._program_names.get(program, program)}: "
                    + (", ".join(sorted(self._aid_names[ident] for ident in ids)) or "none")
                    + f" (left to pay {money_span(*left)})"
                    for program, (ids, left) in value.items()
                )
                or "none"
            )
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

    def _render(self, item: Compiled, pieces: Pieces, facts: Facts) -> str:
        out = []
        for piece in pieces:
            if isinstance(piece, str):
                out.append(piece)
                continue
            name, key = piece
            if name == FUNDS:
                out.append(self.funds_text(facts, key))
            elif name == AID_PAYS:
                out.append(self.aid_pays_text(facts, key))
            elif name == EXTRAS_LEFT:
                out.append(self.left_text(facts, key))
            elif key is None:
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
        """A rule's because (held) or otherwise sentence.

        defaulted (the answers the person did not give) is not read yet: no sentence is marked
        as resting on a default answer. A sentence that did read it would have to add it to the
        keys of the memos here and in rules.py, or one client would get another's marking."""
        # What wording this sentence reads, worked out once per rule and side (see _plan_of).
        plans: dict[int, tuple[Any, ...]] | None = self.__dict__.get("_plans")
        if plans is None:
            plans = self.__dict__["_plans"] = {}
        plan = plans.get(index * 2 + held)
        if plan is None:
            plan = plans[index * 2 + held] = self._plan_of(index, held)
        if plan[0] is None:
            return plan[1]  # type: ignore[no-any-return]
        item = self._rules[index]
        pieces = item.because if held else item.otherwise
        assert pieces is not None
        if plan[0]:
            # The same sentence for the same values of the facts it reads: a batch words the
            # same few sentences thousands of times.
            # Each value with its type: 0 and 0.0 or 1 and True are equal keys but may read
            # apart.
            values = [facts.get(name, _MISSING) for name in plan[1]]
            key: tuple[Any, ...] = (index, held, *values, *[value.__class__ for value in values])
        else:
            money_key = self._money_key(index, held, pieces, facts)
            if money_key is None:
                return self._render(item, pieces, facts)
            key = money_key
        memo = self._sentence_memo()
        try:
            text = memo.get(key)
        except TypeError:  # a value that cannot be a key (none of the facts read so far)
            return self._render(item, pieces, facts)
        if text is None:
            text = self._render(item, pieces, facts)
            if len(memo) >= _SENTENCES_LIMIT:
                memo.clear()
            memo[key] = text
        return text

    def reads_no_fact(self, index: int, held: bool) -> bool:
        """Whether a rule's because (held) or otherwise sentence is the same text whatever the
        facts: it has no placeholder, or only ones of the data (see _plan_of)."""
        plan = self._plan_of(index, held)
        return plan[0] is None or (plan[0] is True and not plan[1])

    def _plan_of(self, index: int, held: bool) -> tuple[Any, ...]:
        """How a rule's sentence is worded: (None, its text) when it reads no fact, (True, the
        facts it reads), or (False,) when it reads the money words (see sentence)."""
        item = self._rules[index]
        pieces = item.because if held else item.otherwise
        if pieces is None:
            return (None, "")
        if len(pieces) == 1 and isinstance(pieces[0], str):
            return (None, pieces[0])
        reads = self._sentence_reads(index, held, pieces)
        return (False,) if reads is None else (True, reads)

    def _money_key(
        self, index: int, held: bool, pieces: Pieces, facts: Facts
    ) -> tuple[Any, ...] | None:
        """What a sentence with money words reads, as a key (None: not kept): the budget, the
        aid counted, whether remote, the counted aid of each program type its money words name
        (funds_text, aid_pays_text, left_text) and the values of the other facts it names.
        Money words read amounts only through money(), comparisons and subtraction, where
        equal amounts read alike whatever their type; the other facts are kept with their type,
        as in sentence()."""
        if AID_BY_PROGRAM not in facts or "budget" not in facts:
            return None  # worded as before, failing where it failed
        plan = self._money_reads(index, held, pieces)
        by_program = facts[AID_BY_PROGRAM]
        values = [facts.get(name, _MISSING) for name in plan[0]]
        return (
            index,
            held,
            _MONEY_WORDS,
            facts["budget"],
            facts.get(COUNTED_AID, ()),
            bool(facts.get("remote")),
            *[by_program.get(program, _MISSING) for program in plan[1]],
            *values,
            *[value.__class__ for value in values],
        )

    def _money_reads(
        self, index: int, held: bool, pieces: Pieces
    ) -> tuple[tuple[str, ...], tuple[str | None, ...]]:
        """The facts a sentence with money words reads besides the money (see _render), and
        the program types its money words name."""
        known: dict[tuple[int, bool], tuple[tuple[str, ...], tuple[str | None, ...]]] | None = (
            self.__dict__.get("_money_reads_known")
        )
        if known is None:
            known = self.__dict__["_money_reads_known"] = {}
        found = known.get((index, held))
        if found is not None:
            return found
        found = known[index, held] = _reads_of(pieces)
        return found

    def _sentence_memo(self) -> dict[tuple[Any, ...], str]:
        memo: dict[tuple[Any, ...], str] | None = self.__dict__.get("_sentences")
        if memo is None:
            memo = self.__dict__["_sentences"] = {}
        return memo

    def _sentence_reads(self, index: int, held: bool, pieces: Pieces) -> tuple[str, ...] | None:
        """The facts a rule's sentence reads (see _render), or None when it reads the money
        facts, whose wording is worked out from several of them."""
        known: dict[tuple[int, bool], tuple[str, ...] | None] | None = self.__dict__.get("_reads")
        if known is None:
            known = self.__dict__["_reads"] = {}
        if (index, held) in known:
            return known[index, held]
        reads, programs = _reads_of(pieces)
        result = None if programs else reads
        known[index, held] = result
        return result

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
        # A yes/no statement says the value itself: "(yours: yes)" beside it would read wrong.
        stated = self._bool_statement(node) is not None
        return Part(
            "test",
            outcome,
            self.test_text(node),
            None if stated else self.fact_text(node.fact, facts[node.fact]),
            test=(node.fact, node.op, node.value),
        )

    def _bool_statement(self, test: FactTest) -> str | None:
        """The data's statement for a yes/no test ("you have no training yet"), if it gives
        one: where "LABEL: no" would read as a double negative beside "not true for you"."""
        if self.specs[test.fact].type != "bool" or not isinstance(test.value, bool):
            return None
        yes = test.value if test.op == "eq" else not test.value
        return self._labels.get(test.fact, {}).get("yes" if yes else "no")

    def test_text(self, test: FactTest) -> str:
        """A test in plain words: 'your billing experience is less than 1 year'."""
        label = self._fact_labels[test.fact]
        value = test.value
        if test.op == "empty":
            return f"{label}: {'none' if value else 'at least one'}"
        if self.specs[test.fact].type == "bool" and isinstance(value, bool):
            yes = value if test.op == "eq" else not value
            return self._bool_statement(test) or f"{label}: {'yes' if yes else 'no'}"
        if isinstance(value, tuple):
            words = [self.value_text(test.fact, item) for item in value]
            shown = or_list(words) if test.op in {"in", "has_any"} else ", ".join(words)
        else:
            shown = self.value_text(test.fact, value)
        return f"{label} {self._op_words[test.op]} {shown}"


def _reads_of(pieces: Pieces) -> tuple[tuple[str, ...], tuple[str | None, ...]]:
    """The facts a sentence's pieces read (see _render), and the program types its money words
    name (none: a sentence without money words)."""
    reads: list[str] = []
    programs: list[str | None] = []
    for piece in pieces:
        if isinstance(piece, str):
            continue
        name, key = piece
        if name in (FUNDS, AID_PAYS, EXTRAS_LEFT):
            programs.append(key)
        elif key is None:
            reads.append(name)
        elif name == MATCHED:
            reads.append(key)
        elif name == "program_path":
            reads.append("remote")
    return tuple(dict.fromkeys(reads)), tuple(dict.fromkeys(programs))
