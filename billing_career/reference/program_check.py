"""Score a training program against the guide's "what to look for in a program" list."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from billing_career.errors import UnknownValueError
from billing_career.knowledge.models import KnowledgeBase
from billing_career.knowledge.serialize import json_as

Answer = bool | None
# The guide's "How to get started today" item that stresses one of the criteria.
EMPHASIS = {"certification-prep": "check-certification-prep"}


@dataclass(frozen=True)
class CriterionResult:
    """One thing to look for, and whether the program has it (None: not known)."""

    id: str
    name: str
    description: str
    answer: Answer
    detail: str | None = None

    @property
    def status(self) -> str:
        return {True: "yes", False: "no", None: "unknown"}[self.answer]


@dataclass(frozen=True)
class ProgramCheck:
    """A program's score: how many of the guide's criteria it meets, and what to ask about."""

    program: str | None
    # How many criteria the program meets, of how many.
    met: int = field(init=False, metadata=json_as(key="score"))
    out_of: int = field(init=False)
    results: tuple[CriterionResult, ...] = field(metadata=json_as(key="criteria"))
    missing_ids: tuple[str, ...] = field(init=False, metadata=json_as(key="missing"))
    unknown_ids: tuple[str, ...] = field(init=False, metadata=json_as(key="unknown"))
    verdict: str = field(init=False)
    notes: tuple[str, ...]

    def __post_init__(self) -> None:
        met = sum(1 for result in self.results if result.answer is True)
        object.__setattr__(self, "met", met)
        object.__setattr__(self, "out_of", len(self.results))
        object.__setattr__(self, "missing_ids", tuple(r.id for r in self.missing))
        object.__setattr__(self, "unknown_ids", tuple(r.id for r in self.unknown))
        object.__setattr__(self, "verdict", self._verdict())

    @property
    def missing(self) -> tuple[CriterionResult, ...]:
        return tuple(result for result in self.results if result.answer is False)

    @property
    def unknown(self) -> tuple[CriterionResult, ...]:
        return tuple(result for result in self.results if result.answer is None)

    def _verdict(self) -> str:
        parts = [f"Meets {self.met} of the {self.out_of} things the guide says to look for."]
        if self.missing:
            parts.append("Lacks: " + ", ".join(r.name for r in self.missing) + ".")
        if self.unknown:
            parts.append("Ask the school about: " + ", ".join(r.name for r in self.unknown) + ".")
        return " ".join(parts)


def criterion_ids(knowledge: KnowledgeBase) -> list[str]:
    """The ids of the guide's criteria, in the guide's order."""
    return [criterion.id for criterion in knowledge.programs.what_to_look_for]


def check_program(
    knowledge: KnowledgeBase,
    answers: Mapping[str, Answer],
    *,
    program: str | None = None,
    details: Mapping[str, str] | None = None,
) -> ProgramCheck:
    """Score answers (criterion id -> yes/no/unknown) against every criterion of the guide."""
    known = criterion_ids(knowledge)
    for key in answers:
        if key not in known:
            raise UnknownValueError("program criterion", key, known)
    results = tuple(
        CriterionResult(c.id, c.name, c.description, answers.get(c.id), (details or {}).get(c.id))
        for c in knowledge.programs.what_to_look_for
    )
    notes = []
    steps = {group.id: group for group in knowledge.steps.getting_started}
    for result in results:
        emphasis = steps.get(EMPHASIS.get(result.id, ""))
        if emphasis is not None and result.answer is not True:
            notes.append(
                f"The guide's getting-started list: {emphasis.title}: {'; '.join(emphasis.items)}."
            )
    return ProgramCheck(program, results, tuple(notes))
