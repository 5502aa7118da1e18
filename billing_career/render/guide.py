"""Terminal rendering of the guide's reference sections: outlook, paths, about, resources."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.padding import Padding
from rich.text import Text

from billing_career.knowledge.figures import NOT_IN_GUIDE, money, money_span
from billing_career.knowledge.models import Range
from billing_career.render.charts import MIN_BAR, Axis, RangeBar, nice_scale
from billing_career.render.layout import Column, RecordTable
from billing_career.render.terminal import bullet_list, literal, make_console

if TYPE_CHECKING:
    from rich.console import Console

    from billing_career.knowledge.lookup import ReportedFigure
    from billing_career.reference.about import AboutView
    from billing_career.reference.career_paths import PathsView
    from billing_career.reference.outlook import OutlookView
    from billing_career.reference.resources import ResourcesView
    from billing_career.reference.sources import SourcesView


def range_text(value: Range | str | None, unit: str = "$") -> str:
    """'$35,000-$42,000' for a range, 'varies' as is, 'not in guide' for None."""
    if value is None:
        return NOT_IN_GUIDE
    if isinstance(value, str):
        return value
    low, high = value.min, value.max
    if unit != "$":
        return f"{low:g}-{high:g} {unit}" if low != high else f"{low:g} {unit}"
    return money_span(low, high)


def reported_text(figure: ReportedFigure) -> str:
    """'$50,250 (May 2024) (Pages citing ..., third-party, 2025)', then the update's note where
    it has one."""
    return figure.label_with_note()


def newer_line(figure: ReportedFigure) -> str:
    """'newer: $50,250 (May 2024) (Pages citing ..., third-party, 2025)'."""
    return f"newer: {reported_text(figure)}"


def newer_lines(figures: Iterable[ReportedFigure]) -> list[str]:
    """Each newer figure as one line of plain text (escape it before printing as markup)."""
    return [newer_line(figure) for figure in figures]


def indented(text: str, *, style: str | None = None, by: int = 2) -> Padding:
    """Plain text (never markup) indented by `by` columns; wrapped lines keep the indent."""
    return Padding(Text(text, style=style or ""), (0, 0, 0, by), expand=False)


def print_sample(console: Console, text: str) -> None:
    """A sample to copy (YAML, CSV), indented by 2 and never wrapped: a line broken by Rich
    would no longer parse once copied (the samples are written short enough for 40 columns)."""
    lines = "\n".join(f"  {line}" for line in text.rstrip("\n").splitlines())
    console.print(Text(lines), soft_wrap=True)


def section_title(title: str) -> Text:
    """A bold heading line."""
    return Text(title, style="bold")


# --- outlook ------------------------------------------------------------------------------------


def render_outlook(view: OutlookView, *, no_color: bool) -> None:
    """Employment, growth and openings with newer figures beside, growth factors, job codes."""
    from billing_career.render.notes import Notes

    console = make_console(no_color=no_color)
    notes = Notes("Notes: who reported the newer figures")
    table = RecordTable(
        f"Job outlook: {view.occupation}",
        [
            Column("Figure", {"overflow": "fold"}),
            Column("Guide", {"overflow": "fold"}),
            Column("Newer reported", {"overflow": "fold", "ratio": 1}),
        ],
        wide_at=60,
    )
    for figure in view.figures:
        newer = "\n".join(notes.figure(item) for item in figure.newer) or "none reported"
        table.add_row(literal(figure.label), literal(figure.guide_text), literal(newer))
    console.print(table)
    from billing_career.reference.outlook import MedianFigure

    series = [f.series for f in view.figures if isinstance(f, MedianFigure) and f.series]
    for line in series:
        console.print(indented(line, style="dim", by=1))
    console.print(bullet_list("Growth factors", view.growth_factors))
    console.print()
    codes = [
        f"{code.system} {code.code} ({code.title})" + (f": {code.note}" if code.note else "")
        for code in view.job_codes
    ]
    console.print(bullet_list("Job codes", codes))
    # Only what the sources say: O*NET lists the job titles under its code; the figures above
    # are the SOC code's. Neither source says billers are counted in both.
    soc = [c for c in view.job_codes if c.system == "SOC"]
    if soc:
        console.print(
            indented(
                f"The guide names no job code; its figures above match "
                f"SOC {soc[0].code} ({soc[0].title}).",
                by=1,
            )
        )
    notes.render(console)


# --- paths --------------------------------------------------------------------------------------


def render_paths(view: PathsView, *, no_color: bool) -> None:
    """Specializations, advanced roles, advanced certifications, and career paths with pay."""
    console = make_console(no_color=no_color)
    console.print(bullet_list("Specializations (specialty billing)", view.specializations))
    console.print()
    console.print(bullet_list("Advanced roles", view.advanced_roles))
    console.print()
    certs = RecordTable(
        "Advanced certifications",
        [
            Column("Certification", {"overflow": "fold"}),
            Column("Focus", {"overflow": "fold"}),
            Column("Requirements", {"overflow": "fold"}),
            Column("Newer reported", {"overflow": "fold", "ratio": 1}),
        ],
        wide_at=80,
    )
    for cert in view.advanced_certifications:
        certs.add_row(
            literal(f"{cert.name} ({cert.code})"),
            literal(cert.focus or NOT_IN_GUIDE),
            literal("; ".join(cert.requirements) or NOT_IN_GUIDE),
            literal("\n".join(reported_text(item) for item in cert.newer) or "none reported"),
        )
    console.print(certs)
    console.print()
    scale = nice_scale(
        [v for path in view.career_paths for v in (path.salary.min, path.salary.max)]
    )
    paths = RecordTable(
        "Career paths",
        [
            Column("Role", {"overflow": "fold", "max_width": 26}),
            Column("Additional requirements", {"overflow": "fold", "max_width": 26}, "Needs"),
            Column("Pay a year", {"ratio": 1, "min_width": MIN_BAR}, "Pay"),
            Column("Salary range", {"no_wrap": True, "justify": "right"}, "Range"),
        ],
        wide_at=72,
        expand=True,
    )
    for path in view.career_paths:
        salary = path.salary
        paths.add_row(
            literal(path.role),
            literal(path.requirements),
            RangeBar(salary.min, salary.max, scale),
            range_text(salary),
        )
    paths.add_row("", "", Axis(scale, lambda v: money(round(v))), "")
    console.print(paths)


# --- about --------------------------------------------------------------------------------------


def render_about(view: AboutView, *, no_color: bool) -> None:
    """The role: how to become one, what it is, its four groups of duties, where, requirements,
    certification, pros, coding."""
    console = make_console(no_color=no_color)
    # The answer first: how to become one, as the guide opens.
    console.print(section_title(f"How to become a {view.title}"))
    console.print(literal(view.quick_answer), overflow="fold")
    console.print()
    console.print(section_title(f"What does a {view.title} do?"))
    console.print(literal(view.summary), overflow="fold")
    console.print()
    for group in view.responsibilities:
        console.print(bullet_list(group.title, group.items))
    console.print()
    console.print(bullet_list("Work environments", view.work_environments))
    console.print()
    console.print(section_title("Requirements"))
    for group in view.requirements:
        console.print(bullet_list(group.title, group.items))
    console.print()
    if view.certification:
        console.print(section_title("Certification"))
        console.print(
            literal(f"{view.certification} Compare them: bcareer compare --all."),
            overflow="fold",
        )
        console.print()
    console.print(bullet_list("Pros", view.pros))
    for item in view.pros_newer:
        console.print(indented(f"{item.guide}: {newer_line(item.figure)}", style="yellow", by=1))
    console.print(bullet_list("Challenges", view.challenges))
    console.print()
    console.print(section_title("Billing versus coding"))
    console.print(literal(view.billing_vs_coding), overflow="fold")


# --- resources ----------------------------------------------------------------------------------


def render_resources(view: ResourcesView, *, no_color: bool) -> None:
    """Certification bodies, professional organizations, industry resources, career development."""
    from billing_career.reference.resources import RESOURCE_GROUPS
    from billing_career.render.notes import Notes

    console = make_console(no_color=no_color)
    notes = Notes("Notes: who reported the newer addresses")
    for key, title, _kinds in RESOURCE_GROUPS:
        table = RecordTable(
            title,
            [
                Column("Organization", {"overflow": "fold"}),
                Column("Offers", {"overflow": "fold", "ratio": 1}),
                Column("Web", {"overflow": "fold"}),
            ],
            wide_at=64,
        )
        for org in view.group(key):
            name = org.name + (f" ({org.abbreviation})" if org.abbreviation else "")
            offers = org.offers or ""
            if org.certifications:
                issued = "Issues " + ", ".join(org.certifications)
                offers = f"{offers}; {issued}" if offers else issued
            # An address the guide does not give is shown as the newer report it is, with
            # who reported it in the notes at the end.
            web = org.url or "\n".join(
                f"newer: {notes.figure(item)}" for item in org.newer if item.field == "url"
            )
            table.add_row(
                literal(name), literal(offers or NOT_IN_GUIDE), literal(web or NOT_IN_GUIDE)
            )
        console.print(table)
    development = RecordTable(
        "Career development",
        [
            Column("Resource", {"overflow": "fold"}),
            Column("What it is", {"overflow": "fold", "ratio": 1}),
        ],
        wide_at=50,
    )
    for item in view.career_development:
        development.add_row(literal(item.name), literal(item.description))
    console.print(development)
    notes.render(console)


# --- sources ------------------------------------------------------------------------------------


def render_sources(view: SourcesView, *, no_color: bool) -> None:
    """Every source with its date and use count, then every figure with a newer value."""
    console = make_console(no_color=no_color)
    table = RecordTable(
        f"Sources ({len(view.sources)})",
        [
            Column("Source", {"overflow": "fold", "ratio": 3}),
            Column("Kind", {"overflow": "fold"}),
            Column("Date", {"overflow": "fold"}),
            Column("Cited by", {"no_wrap": True, "justify": "right"}),
        ],
        wide_at=80,
    )
    for source in view.sources:
        # A title that already names its address is not followed by it again.
        url = source.url
        title = source.title + (f" ({url})" if url and url not in source.title else "")
        table.add_row(
            literal(title),
            literal(source.kind),
            literal(source.date or "undated"),
            str(source.cited_by),
        )
    console.print(table)
    newer = RecordTable(
        f"Figures with a newer reported value ({len(view.newer_figures)})",
        [
            Column("Record", {"overflow": "fold"}),
            Column("Field", {"overflow": "fold"}),
            Column("Newer figure", {"overflow": "fold", "ratio": 3}),
            Column("Reported by", {"overflow": "fold", "ratio": 2}),
        ],
        wide_at=90,
    )
    for item in view.newer_figures:
        figure = item.figure
        newer.add_row(
            literal(f"{item.file}: {item.record}"),
            literal(figure.field),
            literal(figure.summary + (f". {figure.note}" if figure.note else "")),
            literal(f"{figure.source} ({figure.reported_by}, {figure.date})"),
        )
    console.print(newer)
