"""The guide's reference sections as typed results: outlook, paths, role, programs, resources.

Each function returns a frozen dataclass (numbers as numbers, "varies" kept as a value, a figure
the guide lacks as None; sources too) that `--json` prints through `knowledge.serialize.to_json`
and the terminal renderers draw, so both always show the same content.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from billing_career.knowledge.lookup import ReportedFigure, reported
from billing_career.knowledge.models import KnowledgeBase, Range, SourceRef
from billing_career.knowledge.serialize import (
    JSON_INLINE,
    Citation,
    citation,
    newer_of,
    source_date,
)
from billing_career.reference.conflicts import GuideConflict, pairing_note, program_conflicts
from billing_career.reference.newer import QuotedNewer, median_series, newer_in_text

# --- outlook ------------------------------------------------------------------------------------


def _section_name(ref: SourceRef) -> str:
    """The last part of a guide section path: 'Pros and challenges...: Benefits' -> 'Benefits'."""
    return (ref.section or "").rsplit(": ", 1)[-1] or "career guide"


@dataclass(frozen=True)
class OutlookFigure:
    """One outlook figure: the guide's value, as words, and newer reports of it."""

    id: str
    label: str
    guide: int | float
    guide_text: str
    newer: tuple[ReportedFigure, ...]


@dataclass(frozen=True)
class MedianFigure:
    """The guide's median pay, shown among the outlook figures with its own source."""

    id: str
    label: str
    guide: int | float
    guide_text: str
    occupation: str
    series: str | None
    source: Citation
    newer: tuple[ReportedFigure, ...]


@dataclass(frozen=True)
class Projection:
    """The years the growth is projected over."""

    start: int
    end: int


@dataclass(frozen=True)
class JobCodeRow:
    """A job classification code the figures are counted under."""

    system: str
    code: str
    title: str
    note: str | None
    source: Citation


@dataclass(frozen=True)
class OutlookView:
    """What `bcareer outlook` shows."""

    occupation: str
    employment: int
    growth_percent: int | float
    growth_label: str
    projection: Projection
    annual_openings: int
    growth_factors: tuple[str, ...]
    figures: tuple[OutlookFigure | MedianFigure, ...]
    job_codes: tuple[JobCodeRow, ...]
    source: Citation


def outlook_view(knowledge: KnowledgeBase) -> OutlookView:
    """Employment, growth, openings and growth factors, each with any newer reported figure."""
    outlook = knowledge.outlook.outlook
    median = knowledge.salary.national_median
    period = f"{outlook.projection_start}-{outlook.projection_end}"
    figures = (
        OutlookFigure(
            "employment",
            "Employment",
            outlook.employment,
            f"{outlook.employment:,} {outlook.occupation.lower()}",
            newer_of(knowledge, outlook, "employment"),
        ),
        OutlookFigure(
            "growth_percent",
            f"Projected growth ({period})",
            outlook.growth_percent,
            f"{outlook.growth_percent:g}% ({outlook.growth_label})",
            newer_of(knowledge, outlook, "growth_percent"),
        ),
        OutlookFigure(
            "annual_openings",
            "Annual job openings",
            outlook.annual_openings,
            f"{outlook.annual_openings:,}",
            newer_of(knowledge, outlook, "annual_openings"),
        ),
        # The outlook section gives no pay; the guide's median is in its Benefits list, for
        # billing specialists, not for the medical records specialists counted above.
        MedianFigure(
            "median_pay",
            "Median annual pay",
            median.annual,
            (
                f"${median.annual:,} for {median.occupation.lower()} (the guide's "
                f"{_section_name(median.source)} list)"
            ),
            median.occupation,
            median_series(knowledge),
            citation(knowledge, median.source),
            newer_of(knowledge, outlook, "median_pay"),
        ),
    )
    return OutlookView(
        occupation=outlook.occupation,
        employment=outlook.employment,
        growth_percent=outlook.growth_percent,
        growth_label=outlook.growth_label,
        projection=Projection(outlook.projection_start, outlook.projection_end),
        annual_openings=outlook.annual_openings,
        growth_factors=tuple(outlook.growth_factors),
        figures=figures,
        job_codes=tuple(
            JobCodeRow(
                code.system, code.code, code.title, code.note, citation(knowledge, code.source)
            )
            for code in outlook.job_codes
        ),
        source=citation(knowledge, outlook.source),
    )


# --- paths --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AdvancedCertification:
    """A certification for those already working, with what it asks."""

    code: str
    name: str
    focus: str | None
    requirements: tuple[str, ...]
    newer: tuple[ReportedFigure, ...]
    source: Citation


@dataclass(frozen=True)
class CareerPathRow:
    """A role the career leads to, what it needs beyond the start, and its pay."""

    id: str
    role: str
    requirements: str
    salary: Range
    source: Citation


@dataclass(frozen=True)
class PathsView:
    """What `bcareer paths` shows."""

    specializations: tuple[str, ...]
    advanced_roles: tuple[str, ...]
    advanced_certifications: tuple[AdvancedCertification, ...]
    career_paths: tuple[CareerPathRow, ...]
    source: Citation


def paths_view(knowledge: KnowledgeBase) -> PathsView:
    """Specialisations, advanced roles, advanced certifications and career paths with pay."""
    careers = knowledge.careers
    advanced = [c for c in knowledge.certifications.certifications if c.level == "advanced"]
    return PathsView(
        specializations=tuple(careers.specializations),
        advanced_roles=tuple(careers.advanced_roles),
        advanced_certifications=tuple(
            AdvancedCertification(
                cert.code,
                cert.name,
                cert.focus,
                tuple(cert.requirements),
                newer_of(knowledge, cert),
                citation(knowledge, cert.source),
            )
            for cert in advanced
        ),
        career_paths=tuple(
            CareerPathRow(
                path.id,
                path.role,
                path.requirements,
                path.salary,
                citation(knowledge, path.source),
            )
            for path in careers.career_paths
        ),
        source=citation(knowledge, careers.source),
    )


# --- about --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemGroup:
    """A titled list: a group of duties or of requirements."""

    id: str
    title: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class AboutView:
    """What `bcareer about` shows."""

    title: str
    summary: str
    responsibilities: tuple[ItemGroup, ...]
    work_environments: tuple[str, ...]
    requirements: tuple[ItemGroup, ...]
    pros: tuple[str, ...]
    # Newer reports of the guide figures the pros quote ($48,780 median, 7% growth).
    pros_newer: tuple[QuotedNewer, ...]
    challenges: tuple[str, ...]
    billing_vs_coding: str
    source: Citation
    requirements_source: Citation


def about_view(knowledge: KnowledgeBase) -> AboutView:
    """What the specialist does, where, what it takes, pros and challenges, billing vs coding."""
    role = knowledge.role.role
    first_step = min(knowledge.steps.steps, key=lambda step: step.number)
    return AboutView(
        title=role.title,
        summary=role.summary,
        responsibilities=tuple(
            ItemGroup(group.id, group.title, tuple(group.items)) for group in role.responsibilities
        ),
        work_environments=tuple(role.work_environments),
        requirements=tuple(
            ItemGroup(group.id, group.title, tuple(group.items)) for group in first_step.sections
        ),
        pros=tuple(role.pros),
        pros_newer=newer_in_text(knowledge, "\n".join(role.pros)),
        challenges=tuple(role.challenges),
        billing_vs_coding=role.billing_vs_coding,
        source=citation(knowledge, role.source),
        requirements_source=citation(knowledge, first_step.source),
    )


# --- programs -----------------------------------------------------------------------------------


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


@dataclass(frozen=True)
class ProgramsView:
    """What `bcareer programs` shows."""

    program_types: tuple[ProgramTypeRow, ...]
    # Said once: the guide pairs no program type with a fee row.
    fees_pairing: str
    tuition_and_fees: tuple[TuitionRow, ...]
    what_to_look_for: tuple[CriterionRow, ...]
    delivery_modes: tuple[DeliveryModeRow, ...]


def programs_view(knowledge: KnowledgeBase) -> ProgramsView:
    """Both program tables, what to look for in a program, and online versus in-person."""
    programs = knowledge.programs
    return ProgramsView(
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


# --- resources ----------------------------------------------------------------------------------

RESOURCE_GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("certification_bodies", "Certification bodies", ("certification-body",)),
    ("professional_organizations", "Professional organizations", ("professional",)),
    ("industry_resources", "Industry resources", ("government", "publication")),
)


@dataclass(frozen=True)
class OrganizationRow:
    """An organization, what it offers and the certifications it issues."""

    id: str
    abbreviation: str | None
    name: str
    offers: str | None
    certifications: tuple[str, ...]
    url: str | None
    newer: tuple[ReportedFigure, ...]
    source: Citation


@dataclass(frozen=True)
class DevelopmentRow:
    """A career-development resource."""

    id: str
    name: str
    description: str
    source: Citation


@dataclass(frozen=True)
class ResourcesView:
    """What `bcareer resources` shows: one list per RESOURCE_GROUPS entry, then development."""

    certification_bodies: tuple[OrganizationRow, ...]
    professional_organizations: tuple[OrganizationRow, ...]
    industry_resources: tuple[OrganizationRow, ...]
    career_development: tuple[DevelopmentRow, ...]

    def group(self, key: str) -> tuple[OrganizationRow, ...]:
        """The organizations of one RESOURCE_GROUPS key."""
        rows: tuple[OrganizationRow, ...] = getattr(self, key)
        return rows


def resources_view(knowledge: KnowledgeBase) -> ResourcesView:
    """Certification bodies (with what each issues), organisations, resources, development."""
    groups: dict[str, tuple[OrganizationRow, ...]] = {}
    for key, _title, kinds in RESOURCE_GROUPS:
        groups[key] = tuple(
            OrganizationRow(
                org.id,
                org.abbreviation,
                org.name,
                org.offers,
                tuple(
                    c.code for c in knowledge.certifications.certifications if c.issuer == org.id
                ),
                org.url,
                newer_of(knowledge, org),
                citation(knowledge, org.source),
            )
            for org in knowledge.organizations.organizations
            if org.kind in kinds
        )
    return ResourcesView(
        certification_bodies=groups["certification_bodies"],
        professional_organizations=groups["professional_organizations"],
        industry_resources=groups["industry_resources"],
        career_development=tuple(
            DevelopmentRow(item.id, item.name, item.description, citation(knowledge, item.source))
            for item in knowledge.organizations.career_development
        ),
    )


# --- sources ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceRow:
    """A source with its date and how many records cite it."""

    id: str
    title: str
    kind: str
    publisher: str | None
    url: str | None
    published: str | None
    read: str | None
    date: str | None
    cited_by: int


@dataclass(frozen=True)
class NewerFigureRow:
    """A figure with a newer reported value, and the data file and record it belongs to."""

    file: str
    record: str
    figure: ReportedFigure = field(metadata=JSON_INLINE)


@dataclass(frozen=True)
class SourcesView:
    """What `bcareer sources` shows."""

    sources: tuple[SourceRow, ...]
    newer_figures: tuple[NewerFigureRow, ...]


def sources_view(knowledge: KnowledgeBase) -> SourcesView:
    """Every source with its date and how many records cite it, then every newer figure."""
    from billing_career.knowledge.inventory import newer_figures, sources_in_use

    uses = sources_in_use(knowledge)
    return SourcesView(
        sources=tuple(
            SourceRow(
                source.id,
                source.title,
                source.kind,
                source.publisher,
                source.url,
                source.published,
                source.read,
                source_date(source),
                uses.get(source.id, 0),
            )
            for source in knowledge.sources.sources
        ),
        newer_figures=tuple(
            NewerFigureRow(f"{item.file}.yaml", item.record, reported(knowledge, item.update))
            for item in newer_figures(knowledge)
        ),
    )
