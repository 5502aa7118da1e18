"""The guide's reference sections as plain data: outlook, paths, role, programs, resources, sources.

Each function returns a JSON-ready dict (numbers as numbers, "varies" kept as a value, a figure
the guide lacks as None) that `--json` prints and the terminal renderers draw, so both always show
the same content.
"""

from __future__ import annotations

from billing_career.knowledge.models import (
    KnowledgeBase,
    SourceRef,
)
from billing_career.knowledge.serialize import (
    JsonDict,
    newer_json,
    newer_list,
    range_json,
    source_date,
    source_json,
)
from billing_career.reference.conflicts import conflicts_json, pairing_note
from billing_career.reference.newer import median_series, newer_in_text

# --- outlook ------------------------------------------------------------------------------------


def _section_name(ref: SourceRef) -> str:
    """The last part of a guide section path: 'Pros and challenges...: Benefits' -> 'Benefits'."""
    return (ref.section or "").rsplit(": ", 1)[-1] or "career guide"


def outlook_view(knowledge: KnowledgeBase) -> JsonDict:
    """Employment, growth, openings and growth factors, each with any newer reported figure."""
    outlook = knowledge.outlook.outlook
    median = knowledge.salary.national_median
    period = f"{outlook.projection_start}-{outlook.projection_end}"
    figures = [
        {
            "id": "employment",
            "label": "Employment",
            "guide": outlook.employment,
            "guide_text": f"{outlook.employment:,} {outlook.occupation.lower()}",
            "newer": newer_list(knowledge, outlook, "employment"),
        },
        {
            "id": "growth_percent",
            "label": f"Projected growth ({period})",
            "guide": outlook.growth_percent,
            "guide_text": f"{outlook.growth_percent:g}% ({outlook.growth_label})",
            "newer": newer_list(knowledge, outlook, "growth_percent"),
        },
        {
            "id": "annual_openings",
            "label": "Annual job openings",
            "guide": outlook.annual_openings,
            "guide_text": f"{outlook.annual_openings:,}",
            "newer": newer_list(knowledge, outlook, "annual_openings"),
        },
        {
            # The outlook section gives no pay; the guide's median is in its Benefits list, for
            # billing specialists, not for the medical records specialists counted above.
            "id": "median_pay",
            "label": "Median annual pay",
            "guide": median.annual,
            "guide_text": (
                f"${median.annual:,} for {median.occupation.lower()} (the guide's "
                f"{_section_name(median.source)} list)"
            ),
            "occupation": median.occupation,
            "series": median_series(knowledge),
            "source": source_json(knowledge, median.source),
            "newer": newer_list(knowledge, outlook, "median_pay"),
        },
    ]
    return {
        "occupation": outlook.occupation,
        "employment": outlook.employment,
        "growth_percent": outlook.growth_percent,
        "growth_label": outlook.growth_label,
        "projection": {"start": outlook.projection_start, "end": outlook.projection_end},
        "annual_openings": outlook.annual_openings,
        "growth_factors": list(outlook.growth_factors),
        "figures": figures,
        "job_codes": [
            {
                "system": code.system,
                "code": code.code,
                "title": code.title,
                "note": code.note,
                "source": source_json(knowledge, code.source),
            }
            for code in outlook.job_codes
        ],
        "source": source_json(knowledge, outlook.source),
    }


# --- paths --------------------------------------------------------------------------------------


def paths_view(knowledge: KnowledgeBase) -> JsonDict:
    """Specializations, advanced roles, advanced certifications and career paths with pay."""
    careers = knowledge.careers
    advanced = [c for c in knowledge.certifications.certifications if c.level == "advanced"]
    return {
        "specializations": list(careers.specializations),
        "advanced_roles": list(careers.advanced_roles),
        "advanced_certifications": [
            {
                "code": cert.code,
                "name": cert.name,
                "focus": cert.focus,
                "requirements": list(cert.requirements),
                "newer": newer_list(knowledge, cert),
                "source": source_json(knowledge, cert.source),
            }
            for cert in advanced
        ],
        "career_paths": [
            {
                "id": path.id,
                "role": path.role,
                "requirements": path.requirements,
                "salary": range_json(path.salary),
                "source": source_json(knowledge, path.source),
            }
            for path in careers.career_paths
        ],
        "source": source_json(knowledge, careers.source),
    }


# --- about --------------------------------------------------------------------------------------


def about_view(knowledge: KnowledgeBase) -> JsonDict:
    """What the specialist does, where, what it takes, pros and challenges, billing vs coding."""
    role = knowledge.role.role
    first_step = min(knowledge.steps.steps, key=lambda step: step.number)
    return {
        "title": role.title,
        "summary": role.summary,
        "responsibilities": [
            {"id": group.id, "title": group.title, "items": list(group.items)}
            for group in role.responsibilities
        ],
        "work_environments": list(role.work_environments),
        "requirements": [
            {"id": group.id, "title": group.title, "items": list(group.items)}
            for group in first_step.sections
        ],
        "pros": list(role.pros),
        # Newer reports of the guide figures the pros quote ($48,780 median, 7% growth).
        "pros_newer": newer_in_text(knowledge, "\n".join(role.pros)),
        "challenges": list(role.challenges),
        "billing_vs_coding": role.billing_vs_coding,
        "source": source_json(knowledge, role.source),
        "requirements_source": source_json(knowledge, first_step.source),
    }


# --- programs -----------------------------------------------------------------------------------


def programs_view(knowledge: KnowledgeBase) -> JsonDict:
    """Both program tables, what to look for in a program, and online versus in-person."""
    programs = knowledge.programs
    return {
        "program_types": [
            {
                "id": program.id,
                "name": program.name,
                "duration_months": range_json(program.duration_months),
                "tuition": range_json(program.tuition),
                "best_for": program.best_for,
                "delivery": list(program.delivery),
                "self_paced": program.self_paced,
                "source": source_json(knowledge, program.source),
                # Where the guide gives this program two figures: which is used, and why.
                "guide_conflicts": conflicts_json(knowledge, program),
            }
            for program in programs.programs
        ],
        # Said once: the guide pairs no program type with a fee row.
        "fees_pairing": pairing_note(knowledge),
        "tuition_and_fees": [
            {
                "id": category.id,
                "name": category.name,
                "tuition": range_json(category.tuition),
                "fees": range_json(category.fees),
                "source": source_json(knowledge, category.source),
            }
            for category in programs.tuition_categories
        ],
        "what_to_look_for": [
            {"id": criterion.id, "name": criterion.name, "description": criterion.description}
            for criterion in programs.what_to_look_for
        ],
        "delivery_modes": [
            {"id": mode.id, "name": mode.name, "pros": list(mode.pros)}
            for mode in programs.delivery_modes
        ],
    }


# --- resources ----------------------------------------------------------------------------------

RESOURCE_GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("certification_bodies", "Certification bodies", ("certification-body",)),
    ("professional_organizations", "Professional organizations", ("professional",)),
    ("industry_resources", "Industry resources", ("government", "publication")),
)


def resources_view(knowledge: KnowledgeBase) -> JsonDict:
    """Certification bodies (with what each issues), organizations, resources, development."""
    view: JsonDict = {}
    for key, _title, kinds in RESOURCE_GROUPS:
        entries = []
        for org in knowledge.organizations.organizations:
            if org.kind not in kinds:
                continue
            issues = [c.code for c in knowledge.certifications.certifications if c.issuer == org.id]
            entries.append(
                {
                    "id": org.id,
                    "abbreviation": org.abbreviation,
                    "name": org.name,
                    "offers": org.offers,
                    "certifications": issues,
                    "url": org.url,
                    "newer": newer_list(knowledge, org),
                    "source": source_json(knowledge, org.source),
                }
            )
        view[key] = entries
    view["career_development"] = [
        {
            "id": item.id,
            "name": item.name,
            "description": item.description,
            "source": source_json(knowledge, item.source),
        }
        for item in knowledge.organizations.career_development
    ]
    return view


# --- sources ------------------------------------------------------------------------------------


def sources_view(knowledge: KnowledgeBase) -> JsonDict:
    """Every source with its date and how many records cite it, then every newer figure."""
    from billing_career.knowledge.inventory import newer_figures, sources_in_use

    uses = sources_in_use(knowledge)
    return {
        "sources": [
            {
                "id": source.id,
                "title": source.title,
                "kind": source.kind,
                "publisher": source.publisher,
                "url": source.url,
                "published": source.published,
                "read": source.read,
                "date": source_date(source),
                "cited_by": uses.get(source.id, 0),
            }
            for source in knowledge.sources.sources
        ],
        "newer_figures": [
            {
                "file": f"{item.file}.yaml",
                "record": item.record,
                **newer_json(knowledge, item.update),
            }
            for item in newer_figures(knowledge)
        ],
    }
