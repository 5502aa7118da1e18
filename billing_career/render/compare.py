"""Terminal rendering of `bcareer compare`: one row per field, one column per certification."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table

from billing_career.knowledge.figures import NOT_IN_GUIDE, money
from billing_career.reference.compare import CertificationFacts, Comparison, Newer
from billing_career.render.terminal import bullet_list, literal, make_console

LABELS: dict[str, str] = {
    "issuer": "Issuer",
    "prerequisites": "Prerequisites",
    "membership_required": "Membership required",
    "exam_questions": "Exam questions",
    "exam_minutes": "Time limit",
    "format_note": "Exam format",
    "open_book": "Open book",
    "covers": "Exam covers",
    "fee_member": "Exam fee (member)",
    "fee_non_member": "Exam fee (non-member)",
    "fee_single": "Exam fee (one price)",
    "renewal_every_years": "Renewal period",
    "renewal_ceus": "Renewal CEUs",
    "related": "Related",
}
# A plain character, so the highlight survives NO_COLOR, TERM=dumb and pipes.
DIFF_MARK = "*"


def duration(minutes: int) -> str:
    """180 -> '3 h', 90 -> '1 h 30 min', 45 -> '45 min'."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h" if not rest else f"{hours} h {rest} min"


def cell(cert: CertificationFacts, field: str) -> str:
    """One figure as plain text; a value the guide does not give reads 'not in guide'."""
    value = cert.value(field)
    if value is None:
        return NOT_IN_GUIDE
    if field == "issuer":
        abbreviation = cert.issuer_abbreviation
        return f"{abbreviation} ({value})" if abbreviation else str(value)
    if field == "exam_minutes" and isinstance(value, int):
        return duration(value)
    if field.startswith("fee_") and isinstance(value, int):
        return money(value)
    if field == "renewal_every_years" and isinstance(value, int):
        return "every year" if value == 1 else f"every {value} years"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return "\n".join(value) if field == "prerequisites" else ", ".join(value)
    return str(value)


def _field_words(field: str) -> str:
    """'membership_required' -> 'membership required'; 'fees.member' -> 'fees (member)'."""
    whole, _, part = field.replace("_", " ").partition(".")
    return f"{whole} ({part})" if part else whole


def _numbered(result: Comparison) -> list[tuple[int, CertificationFacts, Newer]]:
    numbered: list[tuple[int, CertificationFacts, Newer]] = []
    for cert in result.certifications:
        for item in cert.newer:
            numbered.append((len(numbered) + 1, cert, item))
    return numbered


def _label(result: Comparison, field: str) -> str:
    label = LABELS.get(field, field)
    return f"{DIFF_MARK}{label}" if field in result.differences else label


def _value(
    result: Comparison,
    numbered: list[tuple[int, CertificationFacts, Newer]],
    cert: CertificationFacts,
    field: str,
) -> str:
    """Markup for one cell: the escaped figure, bold where it differs, then its newer marks."""
    text = literal(cell(cert, field))
    if field in result.differences:
        text = f"[bold]{text}[/bold]"
    marks = [number for number, owner, item in numbered if owner is cert and field in item.fields]
    if marks:
        # A newer report: only its number here; what it says and who said it are in the notes.
        text += " [yellow]" + " ".join(f"\\[{n}]" for n in marks) + "[/yellow]"
    return text


def _title(result: Comparison) -> str:
    """'Certifications compared: CPB, CBCS (* marks a row that differs)': the mark's legend
    where the eye meets the table, not after it."""
    codes = ", ".join(cert.code for cert in result.certifications)
    legend = f" ({DIFF_MARK} marks a row that differs)" if result.differences else ""
    return f"Certifications compared: {codes}{legend}"


def _wide(result: Comparison, numbered: list[tuple[int, CertificationFacts, Newer]]) -> Table:
    table = Table(title=literal(_title(result)), title_justify="left")
    table.add_column("Field", overflow="fold", style="bold")
    for cert in result.certifications:
        table.add_column(literal(cert.code), overflow="fold")
    table.add_row("Name", *(literal(cert.name) for cert in result.certifications), end_section=True)
    for field in result.fields:
        table.add_row(
            literal(_label(result, field)),
            *(_value(result, numbered, cert, field) for cert in result.certifications),
        )
    return table


def _stacked(result: Comparison, numbered: list[tuple[int, CertificationFacts, Newer]]) -> Group:
    """For narrow terminals: each field as a heading with one line per certification."""
    parts: list[RenderableType] = [f"[bold]{literal(_title(result))}[/bold]"]
    for field in ("name", *result.fields):
        label = "Name" if field == "name" else _label(result, field)
        grid = Table.grid(padding=(0, 1))
        grid.add_column("code", no_wrap=True)
        grid.add_column("value", overflow="fold")
        for cert in result.certifications:
            value = literal(cert.name) if field == "name" else _value(result, numbered, cert, field)
            grid.add_row(literal(cert.code), value)
        parts.append(f"[bold]{literal(label)}[/bold]")
        parts.append(Padding(grid, (0, 0, 0, 2)))
    return Group(*parts)


def render_comparison(result: Comparison, *, no_color: bool) -> None:
    """What the figures say (the answer), the table, then the newer figures as numbered notes."""
    from billing_career.render.notes import Notes

    console = make_console(no_color=no_color)
    numbered = _numbered(result)
    if result.insights:
        console.print(
            bullet_list("What the figures say", [insight.text for insight in result.insights])
        )
        console.print()
    # Side by side while each certification gets about 15 columns (long words stay whole);
    # stacked below that.
    side_by_side = console.width >= 22 + 15 * len(result.certifications)
    console.print(_wide(result, numbered) if side_by_side else _stacked(result, numbered))
    notes = Notes("Notes: newer reported figures (the guide's stay above; check with the issuer)")
    for _number, cert, item in numbered:
        figure = item.figure
        notes.cite(
            f"{cert.code} {_field_words(figure.field)}: {figure.summary} - "
            f"{figure.source}, {figure.reported_by}, {figure.date}"
            + (f". {figure.note}" if figure.note else "")
        )
    notes.render(console)
