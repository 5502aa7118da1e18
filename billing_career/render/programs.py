"""Terminal rendering of `bcareer programs`, `programs check` and `programs find`."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from billing_career.knowledge.figures import money, money_span
from billing_career.knowledge.models import Range
from billing_career.reference.local_programs import CATALOG_EXAMPLE, FindResult
from billing_career.reference.program_check import ProgramCheck
from billing_career.reference.program_tables import ProgramsView
from billing_career.render.guide import indented, print_sample, range_text, section_title
from billing_career.render.layout import Column, RecordTable
from billing_career.render.terminal import bullet_list, literal, make_console

MARKS = {True: "yes", False: "no", None: "?"}


def _months(value: Range | str | None) -> str:
    if isinstance(value, Range):
        low, high = value.min, value.max
        return f"{low:g} months" if low == high else f"{low:g}-{high:g} months"
    return str(value) if value is not None else "not in guide"


def render_programs(view: ProgramsView, *, no_color: bool) -> None:
    """Program types, the tuition-and-fees table, what to look for, online vs in-person."""
    console = make_console(no_color=no_color)
    types = RecordTable(
        "Program types",
        [
            Column("Program", {"overflow": "fold"}),
            Column("Duration", {"overflow": "fold"}),
            Column("Cost range", {"no_wrap": True, "justify": "right"}),
            Column("Best for", {"overflow": "fold"}),
            Column("Delivery", {"overflow": "fold"}),
        ],
        wide_at=80,
    )
    for program in view.program_types:
        delivery = ", ".join(program.delivery) or "not in guide"
        if program.self_paced:
            delivery += " (self-paced)"
        types.add_row(
            literal(program.name),
            _months(program.duration_months),
            range_text(program.tuition),
            literal(program.best_for),
            literal(delivery),
        )
    console.print(types)
    fees = RecordTable(
        "Tuition and fees",
        [
            Column("Program type", {"overflow": "fold"}),
            Column("Tuition", {"no_wrap": True, "justify": "right"}),
            Column("Additional fees", {"no_wrap": True, "justify": "right"}),
        ],
        wide_at=56,
    )
    for category in view.tuition_and_fees:
        fees.add_row(
            literal(category.name), range_text(category.tuition), range_text(category.fees)
        )
    console.print(fees)
    # The two tables disagree: say which figure each program uses, and whose choice that is.
    disagreements = [
        conflict.text
        for program in view.program_types
        for conflict in program.guide_conflicts
        if conflict.kind == "contradiction"
    ]
    if view.fees_pairing:
        disagreements.append(view.fees_pairing)
    if disagreements:
        console.print(bullet_list("Where the guide's figures disagree", disagreements))
    if view.training:
        console.print()
        console.print(section_title("What training covers (the guide's Step 2)"))
        for group in view.training:
            console.print(bullet_list(group.title, group.items))
    console.print()
    look = Table(
        title="What to look for in a program",
        title_justify="left",
        show_header=False,
        box=None,
        padding=(0, 1),
    )
    look.add_column("criterion", overflow="fold", style="bold")
    look.add_column("what", overflow="fold", ratio=1)
    for criterion in view.what_to_look_for:
        look.add_row(literal(criterion.name), literal(criterion.description))
    console.print(look)
    console.print()
    console.print(section_title("Online versus in-person"))
    for mode in view.delivery_modes:
        console.print(bullet_list(mode.name, mode.pros))


def render_check(check: ProgramCheck, *, no_color: bool) -> None:
    """Each criterion with yes / no / ?, the score as a bar, and what to ask about."""
    console = make_console(no_color=no_color)
    title = f"Program check: {check.program}" if check.program else "Program check"
    table = RecordTable(
        title,
        [
            Column("Looks for", {"overflow": "fold"}),
            Column("What it means", {"overflow": "fold", "ratio": 1}),
            Column("Has it", {"no_wrap": True, "justify": "center"}),
        ],
        wide_at=60,
    )
    for result in check.results:
        mark = MARKS[result.answer]
        if result.detail:
            mark += f" ({result.detail})"
        style = {True: "green", False: "red", None: "yellow"}[result.answer]
        table.add_row(literal(result.name), literal(result.description), Text(mark, style=style))
    console.print(table)
    bar = "#" * check.met + "." * (check.out_of - check.met)
    console.print(Text(f"Score: [{bar}] {check.met}/{check.out_of}", style="bold"))
    console.print(Text(check.verdict), overflow="fold")
    for note in check.notes:
        console.print(Text(note, style="yellow"), overflow="fold")


# The best this many programs are shown on a terminal: a catalog of thousands would take
# seconds a row to lay out, and no one reads past the first screens; --json gives them all.
SHOWN_AT_MOST = 100


def render_find(result: FindResult, *, no_color: bool) -> None:
    """The matching local programs, best first, or a plain message when there are none."""
    console = make_console(no_color=no_color)
    if result.message:
        console.print(literal(result.message), overflow="fold")
        if not result.catalogs:
            print_sample(console, CATALOG_EXAMPLE)
        return
    title = f"Local programs ({len(result.found)} of {result.total_read})"
    if result.filters.describe():
        title += ": " + ", ".join(result.filters.describe())
    table = RecordTable(
        title,
        [
            Column("#", {"no_wrap": True, "justify": "right"}),
            Column("Program", {"overflow": "fold", "ratio": 2}),
            Column("Where", {"overflow": "fold"}),
            Column("Cost", {"no_wrap": True, "justify": "right"}),
            Column("Months", {"no_wrap": True, "justify": "right"}),
            Column("Score", {"no_wrap": True, "justify": "right"}),
        ],
        wide_at=72,
    )
    shown = result.found[:SHOWN_AT_MOST]
    for rank, item in enumerate(shown, start=1):
        program = item.program
        name = program.name + (f"\n{program.school}" if program.school else "")
        where = ", ".join(part for part in (program.city, (program.state or "").upper()) if part)
        where = (where + "\n" if where else "") + ", ".join(program.delivery)
        cost = money(program.total_cost) + ("" if program.fees is not None else "\n+ fees?")
        months = f"{program.duration_months:g}" if program.duration_months else "?"
        table.add_row(
            str(rank),
            literal(name),
            literal(where),
            cost,
            months,
            f"{item.check.met}/{item.check.out_of}",
        )
    console.print(table)
    rest = len(result.found) - len(shown)
    if rest:
        console.print(
            Text(
                f"The best {len(shown)} are shown; {rest:,} more match. Narrow them with "
                "--max-cost, --state, --cert, --max-months, --online or --in-person, "
                "or see every one with --json.",
                style="yellow",
            ),
            overflow="fold",
        )
    for rank, item in enumerate(shown, start=1):
        console.print(Text(f"{rank}. {item.program.name}", style="bold"), overflow="fold")
        console.print(indented(item.check.verdict, by=3))
        if item.guide_range is not None:
            within = "within" if item.guide_range.within else "outside"
            guide = money_span(item.guide_range.min, item.guide_range.max)
            console.print(
                indented(
                    f"Tuition {money(item.program.tuition)} is {within} the "
                    f"guide's {guide} for {item.guide_range.name}.",
                    by=3,
                )
            )
        source = item.program.source + (
            f", checked {item.program.checked}" if item.program.checked else ""
        )
        console.print(indented(f"Source: {source}", style="dim", by=3))
    console.print(Text(f"From {', '.join(result.catalogs)}", style="dim"), overflow="fold")
