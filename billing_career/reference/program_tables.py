"""The guide's program tables as a typed result: program types, tuition and fees, what to look for.

Each builder returns a frozen dataclass (numbers as numbers, "varies" kept as a value, a figure
the guide lacks as None; sources too) that `--json` prints through `knowledge.serialize.to_json`
and the terminal renderer draws, so both always show the same content.
"""

from __future__ import annotations

from dataclasses import dataclass

from billing_career.knowledge.models import KnowledgeBase, Range
from billing_career.knowledge.serialize import (
    Citation,
    citation,
)
from billing_career.reference.conflicts import GuideConflict, pairing_note, program_conflicts


@dataclass(frozen=True)
class ProgramTypeRow:
    """A row of the guide's program-type table."""

    id: str
    name: str
    duration_months: Range | str | None
    tuition: Range
    best_for: str
    delivery: tuple[str, ...]
    self_paced: bool | None
    source: Citation
    # Where the guide gives this program two figures: which is used, and why.
    guide_conflicts: tuple[GuideConflict, ...]


@dataclass(frozen=True)
class TuitionRow:
    """A row of the guide's tuition-and-fees table."""

    id: str
    name: str
    tuition: Range
    fees: Range
    source: Citation


@dataclass(frozen=True)
class CriterionRow:
    """One of the guide's things to look for in a program."""

    id: str
    name: str
    description: str


@dataclass(frozen=True)
class DeliveryModeRow:
    """Online or in-person, and what speaks for it."""

    id: str
    name: str
    pros: tuple[str, ...]


# The guide's step whose lists describe training programs (steps.yaml).
TRAINING_STEP = "complete-training"


@dataclass(frozen=True)
class TrainingGroup:
    """A titled list of the guide's Step 2: what certificate programs or an associate degree
    give, and the core curriculum."""

    id: str
    title: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class ProgramsView:
    """What `bcareer programs` shows."""

    program_types: tuple[ProgramTypeRow, ...]
    # The guide's Step 2, "Complete a training program": its lists, word for word.
    training: tuple[TrainingGroup, ...]
    training_source: Citation | None
    # Said once: the guide pairs no program type with a fee row.
    fees_pairing: str
    tuition_and_fees: tuple[TuitionRow, ...]
    what_to_look_for: tuple[CriterionRow, ...]
    delivery_modes: tuple[DeliveryModeRow, ...]


def programs_view(knowledge: KnowledgeBase) -> ProgramsView:
    """Both program tables, the guide's Step 2 lists (what each kind of program gives, the core
    curriculum), what to look for in a program, and online versus in-person."""
    programs = knowledge.programs
    step = next((step for step in knowledge.steps.steps if step.id == TRAINING_STEP), None)
    return ProgramsView(
        training=tuple(
            TrainingGroup(section.id, section.title, tuple(section.items))
            for section in (step.sections if step else ())
        ),
        training_source=citation(knowledge, step.source) if step else None,
        program_types=tuple(
            ProgramTypeRow(
                program.id,
                program.name,
                program.duration_months,
                program.tuition,
                program.best_for,
                tuple(program.delivery),
                program.self_paced,
                citation(knowledge, program.source),
                tuple(program_conflicts(knowledge, program)),
            )
            for program in programs.programs
        ),
        fees_pairing=pairing_note(knowledge),
        tuition_and_fees=tuple(
            TuitionRow(
                category.id,
                category.name,
                category.tuition,
                category.fees,
                citation(knowledge, category.source),
            )
            for category in programs.tuition_categories
        ),
        what_to_look_for=tuple(
            CriterionRow(criterion.id, criterion.name, criterion.description)
            for criterion in programs.what_to_look_for
        ),
        delivery_modes=tuple(
            DeliveryModeRow(mode.id, mode.name, tuple(mode.pros))
            for mode in programs.delivery_modes
        ),
    )
