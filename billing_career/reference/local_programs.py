"""Real local programs from a person's own catalog (programs_local.yaml): filter, score, rank."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from billing_career.errors import DataError, UnknownValueError, UsageError
from billing_career.knowledge.models import KnowledgeBase, Number
from billing_career.knowledge.serialize import JSON_SKIP, json_as
from billing_career.reference.program_check import ProgramCheck, check_program
from billing_career.reference.salary import state_code

if TYPE_CHECKING:
    from billing_career.reference.catalog_file import CatalogFile, LocalProgram

CATALOG_FILE = "programs_local.yaml"

# The format of a person's own catalog. The numbers are placeholders, not figures: no school
# ships with bcareer, and an example must not look like one.
CATALOG_EXAMPLE = (
    # Short lines, comments on lines of their own: printed, the sample must parse when copied
    # from a terminal of any width (a wrapped comment would not).
    "programs:\n"
    "  # one entry per program:\n"
    "  # replace with your figures (whole\n"
    "  # US dollars) and your source\n"
    "  - name: Billing Certificate\n"
    "    school: Your School\n"
    "    city: Your City\n"
    "    state: IL\n"
    "    delivery: [online, in-person]\n"
    "    kind: certificate\n"
    "    tuition: 12345\n"
    "    # fees may be left out\n"
    "    fees: 123\n"
    "    duration_months: 9\n"
    "    certification_prep: [CPB, CBCS]\n"
    "    software_training: true\n"
    "    externship: true\n"
    "    job_placement: false\n"
    "    url: https://example.edu/billing\n"
    "    source: your source\n"
    "    # the day you checked it\n"
    "    checked: 2026-10-01\n"
)


@dataclass(frozen=True)
class Filters:
    """What the person asked for; None means no limit."""

    max_cost: int | None = None
    online: bool = False
    in_person: bool = False
    state: str | None = None
    certification: str | None = None
    max_months: float | None = None

    def describe(self) -> list[str]:
        parts = []
        if self.max_cost is not None:
            parts.append(f"total cost at most ${self.max_cost:,}")
        if self.online:
            parts.append("online")
        if self.in_person:
            parts.append("in person")
        if self.state:
            parts.append(f"in {self.state}")
        if self.certification:
            parts.append(f"prepares for {self.certification}")
        if self.max_months is not None:
            parts.append(f"at most {self.max_months:g} months")
        return parts


def learning_filter(knowledge: KnowledgeBase, mode: str) -> tuple[bool, bool]:
    """(online only, in person only) for a way of learning, named as the plan's question names
    it (online, in-person, either; any case)."""
    question = next(q for q in knowledge.questions.questions if q.id == "learning")
    values = [choice.value for choice in question.choices]
    wanted = mode.strip().lower()
    if wanted not in values:
        raise UnknownValueError("way of learning", mode.strip(), values)
    return wanted == "online", wanted == "in-person"


@dataclass(frozen=True)
class GuideRange:
    """The guide's tuition for the kind of program a catalog entry is, and whether it fits."""

    kind: str
    name: str
    min: Number
    max: Number
    within: bool


@dataclass(frozen=True, kw_only=True)
class FoundProgram:
    """A catalog program that passed the filters, with its score against the guide's criteria."""

    name: str
    school: str | None
    city: str | None
    state: str | None
    delivery: tuple[str, ...]
    tuition: int
    fees: int | None
    total_cost: int
    fees_known: bool
    duration_months: Number | None
    certification_prep: tuple[str, ...] | None
    url: str | None
    source: str
    checked: str | None
    notes: str | None
    kind: str | None
    guide_range: GuideRange | None
    file: str
    score: int
    out_of: int
    criteria: dict[str, bool | None]
    verdict: str
    # The catalog entry and its check, for the terminal.
    program: LocalProgram = field(metadata=JSON_SKIP)
    check: ProgramCheck = field(metadata=JSON_SKIP)


def found_program(
    program: LocalProgram, file: str, check: ProgramCheck, guide_range: GuideRange | None
) -> FoundProgram:
    """A catalog entry with where it was read from, its score and the guide's range for it."""
    return FoundProgram(
        name=program.name,
        school=program.school,
        city=program.city,
        state=program.state.upper() if program.state else None,
        delivery=tuple(program.delivery),
        tuition=program.tuition,
        fees=program.fees,
        total_cost=program.total_cost,
        fees_known=program.fees is not None,
        duration_months=program.duration_months,
        certification_prep=(
            tuple(program.certification_prep) if program.certification_prep is not None else None
        ),
        url=program.url,
        source=program.source,
        checked=program.checked,
        notes=program.notes,
        kind=program.kind,
        guide_range=guide_range,
        file=file,
        score=check.met,
        out_of=check.out_of,
        criteria={r.id: r.answer for r in check.results},
        verdict=check.verdict,
        program=program,
        check=check,
    )


@dataclass(frozen=True)
class FindResult:
    """The ranked matches, the catalogs read, and a plain message when there is nothing to show."""

    found: tuple[FoundProgram, ...] = field(metadata=json_as(key="programs"))
    catalogs: tuple[str, ...]
    searched: tuple[str, ...]
    total_read: int = field(metadata=json_as(key="programs_read"))
    filters: Filters = field(metadata=json_as(convert=Filters.describe))
    message: str | None
    # The format to copy, where no catalog was found at all.
    example: str | None = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "example", CATALOG_EXAMPLE if not self.catalogs else None)


def read_catalog(path: Path, knowledge: KnowledgeBase) -> CatalogFile:
    """Read and validate one catalog; errors name the file, the program and the field."""
    from billing_career.knowledge.user_files import read_user_file
    from billing_career.reference.catalog_file import CatalogFile

    catalog = read_user_file(CatalogFile, path, list_key="programs", label_key="name")
    codes = {cert.code for cert in knowledge.certifications.certifications}
    from billing_career.reference.costs import program_names

    kinds = program_names(knowledge)
    for index, program in enumerate(catalog.programs):
        if program.kind is not None and program.kind.strip().lower() not in kinds:
            raise DataError(
                f"{path}: programs[{index}] ({program.name}): kind: unknown program "
                f"kind '{program.kind}'; known: {', '.join(kinds)}."
            )
        for code in program.certification_prep or ():
            if code.upper() not in codes:
                known = ", ".join(sorted(codes))
                raise DataError(
                    f"{path}: programs[{index}] ({program.name}): certification_prep: "
                    f"unknown certification '{code}'; known: {known}."
                )
    return catalog


def _criteria_answers(program: LocalProgram) -> dict[str, bool | None]:
    prep = program.certification_prep
    return {
        "certification-prep": None if prep is None else bool(prep),
        "software-training": program.software_training,
        "externship": program.externship,
        "job-placement": program.job_placement,
        # The guide's "Online Options: flexible scheduling" is what a program's delivery says.
        "online-options": "online" in program.delivery,
    }


def _guide_range(knowledge: KnowledgeBase, program: LocalProgram) -> GuideRange | None:
    """The guide's tuition range for the kind of program the catalog says this is."""
    if program.kind is None:
        return None
    from billing_career.reference.costs import resolve_program

    choice = resolve_program(knowledge, program.kind)
    return GuideRange(
        choice.id,
        choice.name,
        choice.tuition.min,
        choice.tuition.max,
        choice.tuition.min <= program.tuition <= choice.tuition.max,
    )


def validate_filters(knowledge: KnowledgeBase, filters: Filters) -> Filters:
    """Filters with the state and certification checked and normalized."""
    if filters.online and filters.in_person:
        raise UsageError("--online and --in-person exclude each other.", "Give one of them.")
    if filters.max_cost is not None and filters.max_cost < 0:
        raise UsageError(f"--max-cost must be 0 or more, not {filters.max_cost}.")
    # NaN compares false with everything, so `<= 0` alone would let it through as "no limit".
    if filters.max_months is not None and not 0 < filters.max_months < float("inf"):
        raise UsageError(
            f"--max-months must be a number of months above 0, not {filters.max_months:g}."
        )
    state = state_code(filters.state) if filters.state else None
    cert = None
    if filters.certification:
        from billing_career.knowledge.lookup import resolve_certification

        cert = resolve_certification(knowledge, filters.certification).code
    return Filters(
        filters.max_cost, filters.online, filters.in_person, state, cert, filters.max_months
    )


def _passes(program: LocalProgram, filters: Filters) -> bool:
    if filters.max_cost is not None and program.total_cost > filters.max_cost:
        return False
    if filters.online and "online" not in program.delivery:
        return False
    if filters.in_person and "in-person" not in program.delivery:
        return False
    if filters.state and (program.state or "").upper() != filters.state:
        return False
    if filters.certification and filters.certification not in {
        code.upper() for code in program.certification_prep or ()
    }:
        return False
    return not (
        filters.max_months is not None
        and (program.duration_months is None or program.duration_months > filters.max_months)
    )


def find_programs(knowledge: KnowledgeBase, folders: list[Path], filters: Filters) -> FindResult:
    """Every catalog program that passes the filters, best score first, then cheapest."""
    filters = validate_filters(knowledge, filters)
    catalogs: list[str] = []
    searched: list[str] = []
    found: list[FoundProgram] = []
    total = 0
    for folder in folders:
        path = folder / CATALOG_FILE
        searched.append(str(path))
        if not path.is_file():
            continue
        catalogs.append(str(path))
        for program in read_catalog(path, knowledge).programs:
            total += 1
            if not _passes(program, filters):
                continue
            details = {}
            if program.certification_prep:
                details["certification-prep"] = ", ".join(
                    c.upper() for c in program.certification_prep
                )
            details["online-options"] = ", ".join(program.delivery)
            check = check_program(
                knowledge, _criteria_answers(program), program=program.name, details=details
            )
            found.append(found_program(program, str(path), check, _guide_range(knowledge, program)))
    found.sort(
        key=lambda item: (-item.check.met, item.program.total_cost, item.program.name.lower())
    )
    message = None
    if not catalogs:
        message = (
            f"No local program catalog found. bcareer ships no list of schools (it invents "
            f"none). Create {' or '.join(searched)} with the programs you are considering; "
            f"see the README for the format."
        )
    elif not total:
        message = f"The catalog {', '.join(catalogs)} lists no programs."
    elif not found:
        message = (
            f"None of the {total} programs in {', '.join(catalogs)} match: "
            f"{', '.join(filters.describe())}."
        )
    return FindResult(tuple(found), tuple(catalogs), tuple(searched), total, filters, message)
