"""Where the guide contradicts itself about a program, which figure bcareer uses, and why.

The guide's program types table and its tuition-and-fees table group programs differently and
disagree (Online Self-Paced $500-$2,000 against Online Program $500-$3,000; a Short Certificate of
4-6 months against "certificates take 6-12 months"). Pairing each program type with a fee row is
this tool's choice, not the guide's. Each difference is found from the data, never listed by hand,
so every place that shows a program (programs, cost, plan) can say it the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as declared

from billing_career.knowledge.figures import money_range
from billing_career.knowledge.models import KnowledgeBase, Program, Range, TuitionCategory


@dataclass(frozen=True)
class GuideConflict:
    """One field where the guide gives a program two figures: the one used and the other."""

    # "contradiction": the guide gives two figures; "pairing": the guide links no figure to the
    # program type and the tool chose the row it uses. Declared first: it leads the JSON.
    kind: str = declared(default="contradiction", kw_only=True)
    program: str
    field: str
    used: str
    used_from: str
    other: str | None
    other_from: str | None
    why: str
    # The sentence() text, kept as a field so `--json` carries it.
    text: str = declared(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", self.sentence())

    def sentence(self) -> str:
        if self.kind == "pairing":
            return f"{self.program} {self.field}: {self.used}, from {self.used_from}; {self.why}."
        return (
            f"{self.program} {self.field}: bcareer uses {self.used}, from {self.used_from}, "
            f"{self.why}; the guide also gives {self.other} ({self.other_from})."
        )


def _months(span: Range | str | None) -> str:
    if isinstance(span, Range):
        if span.min == span.max:
            return f"{span.min:g} months"
        return f"{span.min:g}-{span.max:g} months"
    return str(span)


def _where(section: str | None) -> str:
    """'Training programs: Program types comparison; Step 2: X' -> 'Program types comparison; X'."""
    if not section:
        return "the guide"
    return "; ".join(part.strip().rsplit(": ", 1)[-1] for part in section.split(";"))


def program_conflicts(kb: KnowledgeBase, program: Program) -> list[GuideConflict]:
    """The figures the guide gives this program type twice, with the one bcareer uses."""
    row: TuitionCategory = kb.tuition_category(program.fees_category)
    table = f"the guide's {_where(program.source.section).split(';')[0]}"
    same_row = "the row that names it"
    found: list[GuideConflict] = []
    if row.tuition != program.tuition:
        found.append(
            GuideConflict(
                program.name,
                "tuition",
                money_range(program.tuition),
                table,
                f"{money_range(row.tuition)} for {row.name}",
                _where(row.source.section),
                same_row,
            )
        )
    found.append(
        GuideConflict(
            program.name,
            "program fees",
            money_range(row.fees),
            f"the {row.name} row of the guide's {_where(row.source.section)}",
            None,
            None,
            "the guide gives fees only there and pairs no program type with a fee row: the "
            "pairing is this tool's choice",
            kind="pairing",
        )
    )
    if (
        row.duration_months is not None
        and program.duration_months != row.duration_months
        and row.duration_source is not None
    ):
        found.append(
            GuideConflict(
                program.name,
                "duration",
                _months(program.duration_months),
                table,
                f"{_months(row.duration_months)} for {row.name.lower()} programs",
                _where(row.duration_source.section),
                same_row,
            )
        )
    return found


def category_conflicts(kb: KnowledgeBase, row: TuitionCategory) -> list[GuideConflict]:
    """The same differences seen from a row of the tuition table chosen directly."""
    found: list[GuideConflict] = []
    paired = [program for program in kb.programs.programs if program.fees_category == row.id]
    where = f"the guide's {_where(row.source.section)}, the row you chose"
    tuition = [p for p in paired if p.tuition != row.tuition]
    if tuition:
        found.append(
            GuideConflict(
                row.name,
                "tuition",
                money_range(row.tuition),
                where,
                ", ".join(f"{money_range(p.tuition)} for {p.name}" for p in tuition),
                _where(tuition[0].source.section).split(";")[0],
                "as that row gives it",
            )
        )
    duration = [
        p
        for p in paired
        if row.duration_months is not None and p.duration_months != row.duration_months
    ]
    if duration and row.duration_source is not None:
        found.append(
            GuideConflict(
                row.name,
                "duration",
                _months(row.duration_months),
                f"the guide's {_where(row.duration_source.section)}",
                ", ".join(f"{_months(p.duration_months)} for {p.name}" for p in duration),
                _where(duration[0].source.section).split(";")[0],
                "as those sections give it",
            )
        )
    return found


def pairing_note(kb: KnowledgeBase) -> str:
    """Said once where every program type is listed: whose choice each fee row is."""
    pairs = ", ".join(
        f"{program.name} with {kb.tuition_category(program.fees_category).name}"
        for program in kb.programs.programs
    )
    return (
        "The guide gives program fees only in its tuition-and-fees table and pairs no program "
        f"type with a row of it; bcareer pairs {pairs} (this tool's choice)."
    )


def choice_conflicts(kb: KnowledgeBase, record: Program | TuitionCategory) -> list[GuideConflict]:
    """The differences for a program type, or for a tuition row chosen directly."""
    if isinstance(record, Program):
        return program_conflicts(kb, record)
    return category_conflicts(kb, record)
