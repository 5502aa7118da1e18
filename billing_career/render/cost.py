"""Terminal rendering of `bcareer cost`: item rows, a total row, and where the money goes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from billing_career.knowledge.figures import NOT_IN_GUIDE, UNKNOWN, money_span, months
from billing_career.knowledge.lookup import lower_first
from billing_career.knowledge.wording import and_list
from billing_career.planning.amounts import MinMax
from billing_career.reference.costs import CostBreakdown, CostItem, CostOverview
from billing_career.render.layout import Column, RecordTable
from billing_career.render.money import (
    newer_shortfall_text,
    optional_training_text,
    paid_first_text,
    source_line,
    span_text,
    up_front_text,
    you_pay_plan_for,
    you_pay_text,
)
from billing_career.render.terminal import bullet_list, literal, make_console

if TYPE_CHECKING:
    from billing_career.planning.money import Money, PricedPath

FILL = "#"
# Below this many columns the source moves under the item, so figures keep their room.
WIDE = 70
TRACK = "."


class ShareBar:
    """A bar as wide as its cell, filled in proportion to a share (0..1), in plain characters."""

    def __init__(self, share: float) -> None:
        self.share = max(0.0, min(1.0, share))

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(5, options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(1, options.max_width)
        filled = round(self.share * width)
        if self.share > 0 and filled == 0:
            filled = 1  # a small cost still shows
        yield Text(FILL * filled + TRACK * (width - filled))


def amount(low: float | None, high: float | None, per: str = "once") -> str:
    """'$500-$3,000', '$190/yr', or 'unknown' when the guide gives no figure."""
    if low is None or high is None:
        return UNKNOWN
    text = money_span(low, high)
    return f"{text}/yr" if per == "year" else text


def _source(item: CostItem) -> str:
    if item.source_id == "guide" and item.section:
        return f"guide: {item.section}"
    return item.source if not item.section else f"{item.source}: {item.section}"


def _pricing(breakdown: CostBreakdown) -> str:
    """'member', 'non-member', 'one price' for a certification with a single fee, or no member
    price where no source names the exam's issuer (the CHFP's): no membership to price it by."""
    fees = breakdown.certification.fees
    if fees is not None and fees.single is not None:
        return "one price"
    if breakdown.issuer_name is None and (fees is None or fees.member is None):
        return "no member price: the guide names no issuer"
    return "member" if breakdown.member else "non-member"


def _heading(breakdown: CostBreakdown) -> str:
    cert = breakdown.certification
    who = _pricing(breakdown)
    if breakdown.program is not None and not breakdown.include_tuition:
        training = f"no training ({breakdown.program.name} optional)"
    elif breakdown.program is None:
        training = "no training program"
    else:
        training = breakdown.program.name
    remote = ", remote" if breakdown.remote else ""
    return f"What it costs: {training}, {cert.code} exam ({who}){remote}"


def _item_cell(item: CostItem, *, with_source: bool) -> str:
    text = literal(item.name)
    if item.newer:
        text += " [yellow](newer figure: see notes)[/yellow]"
    if item.note:
        text += f"\n[dim]{literal(item.note)}[/dim]"
    if with_source:
        text += f"\n[dim]{literal(_source(item))}[/dim]"
    return text


def _total_text(breakdown: CostBreakdown) -> str:
    text = amount(breakdown.total_min, breakdown.total_max)
    return text if breakdown.all_known else f"{text}\n+ unknown"


def _items_table(breakdown: CostBreakdown, *, wide: bool) -> Table:
    """Item, cost and source; on a narrow terminal the source goes under the item."""
    table = Table(title=literal(_heading(breakdown)), title_justify="left")
    table.add_column("Item", overflow="fold", ratio=3)
    table.add_column("Cost", no_wrap=True, justify="right")
    if wide:
        table.add_column("Source", overflow="fold", ratio=2)
    for item in breakdown.items:
        row = [_item_cell(item, with_source=not wide), amount(item.min, item.max, item.per)]
        table.add_row(*row, *([literal(_source(item))] if wide else []))
    unknown = breakdown.unknown_items
    basis = (
        "sum of the items above"
        if not unknown
        else ("known items only; not counted: " + ", ".join(item.name for item in unknown))
    )
    label = "[bold]Total[/bold]" if wide else f"[bold]Total[/bold]\n[dim]{literal(basis)}[/dim]"
    total = [label, f"[bold]{_total_text(breakdown)}[/bold]"]
    table.add_row(*total, *([literal(basis)] if wide else []), end_section=True)
    return table


def _bars(breakdown: CostBreakdown) -> Table:
    table = Table(
        title="Where the money goes (share of the high estimate)",
        title_justify="left",
        show_header=False,
        box=None,
        padding=(0, 1),
    )
    table.add_column("item", overflow="fold", ratio=2)
    table.add_column("bar", ratio=3)
    table.add_column("share", no_wrap=True, justify="right")
    for item in breakdown.items:
        if item.share is None:
            table.add_row(literal(item.name), NOT_IN_GUIDE, "")
        else:
            table.add_row(literal(item.name), ShareBar(item.share), f"{round(item.share * 100)}%")
    return table


def money_lines(money: Money) -> list[str]:
    """For you: each aid source that applies (what it counts, on what condition), the aid
    counted, what you pay, and the budget against it (the plan's words, render/money.py)."""
    lines = [source_line(source) for source in money.sources]
    if not lines:
        lines.append("No aid source in the catalog applies to the answers given.")
    if money.funding.counted:
        lines.append(f"Aid counted in all: {span_text(money.aid_counted)}.")
    without = money.without_conditional if money.conditional else None
    paid = you_pay_text(money.left_to_pay, without, money.unknown, bool(money.funding.counted))
    paid = paid_first_text(you_pay_plan_for(paid, money.with_newer_figures), money.paid_first)
    lines.append("You pay: " + paid)
    if money.budget is not None and money.gap is not None:
        covers = money.covers
        # An item no source prices is not in the total: the funds cover the rest (as the plan
        # says it).
        apart = (
            and_list([f"the {lower_first(name)}" for name in money.unknown])
            if money.unknown
            else ""
        )
        verdict = (
            (f"covers it, apart from {apart} (unknown)" if apart else "covers it")
            if covers == "all"
            else f"may fall short by up to {span_text(MinMax(money.gap.max, money.gap.max))}"
            if covers == "part"
            else f"falls short by {span_text(money.gap)}"
        )
        verdict += up_front_text(money.budget, money.left_to_pay, money.paid_first)
        verdict += newer_shortfall_text(
            money.budget,
            (money.gap.min, money.gap.max),
            money.with_newer_figures,
            money.short_at_first_with_newer_figures,
            money.short_at_first,
        )
        lines.append(f"Your budget of {span_text(MinMax(money.budget, money.budget))} {verdict}.")
    return lines


def _notes_and_insights(console: Console, notes: Sequence[str], insights: Sequence[str]) -> None:
    """Each list under its heading, after a blank line; nothing for an empty one."""
    for title, lines in (("Notes", notes), ("What the numbers say", insights)):
        if lines:
            console.print()
            console.print(bullet_list(title, lines))


def render_breakdown(priced: PricedPath, *, no_color: bool) -> None:
    """For you (with answers: the aid, what you pay), then items and total, the bar of shares,
    notes and insights."""
    console = make_console(no_color=no_color)
    breakdown = priced.breakdown
    optional = priced.optional_training
    if priced.money is not None or optional is not None:
        total = MinMax(breakdown.total_min, breakdown.total_max)
        lines = [] if optional is None else [optional_training_text(optional, total)]
        lines += [] if priced.money is None else money_lines(priced.money)
        console.print(bullet_list("For you", lines))
        console.print()
    console.print(_items_table(breakdown, wide=console.width >= WIDE))
    console.print()
    console.print(_bars(breakdown))
    _notes_and_insights(console, breakdown.notes, breakdown.insights)


TABLES = {"program": "program types", "tuition-category": "tuition and fees"}


def render_overview(overview: CostOverview, *, no_color: bool) -> None:
    """Every training choice's total side by side, cheapest first, then what each includes."""
    console = make_console(no_color=no_color)
    first = overview.rows[0]
    remote = ", remote" if first.remote else ""
    table = RecordTable(
        f"Total cost by training choice, cheapest first ({first.certification.code} exam, "
        f"{_pricing(first)}{remote})",
        [
            Column("Training", {"overflow": "fold", "ratio": 3}),
            Column("Guide table", {"overflow": "fold", "ratio": 1}, "From"),
            Column("Length", {"overflow": "fold", "ratio": 1}),
            Column("Total", {"no_wrap": True, "justify": "right"}),
        ],
        wide_at=WIDE,
    )
    for row in overview.rows:
        if row.program is None:
            name = f"No training program\n[dim]{literal(overview.without_training)}[/dim]"
            table.add_row(name, "-", "no training", _total_text(row))
        else:
            table.add_row(
                f"{literal(row.program.name)} ({literal(row.program.id)})",
                TABLES[row.program.kind],
                literal(months(row.program.duration_months)),
                _total_text(row),
            )
    console.print(table)
    console.print(
        "Program types and tuition-and-fees rows are the guide's two tables; a program "
        "type's fees come from its tuition-and-fees row.",
        overflow="fold",
    )
    console.print(
        literal("Each total is tuition and program fees plus: " + ", ".join(overview.extras) + "."),
        overflow="fold",
    )
    _notes_and_insights(console, overview.notes, overview.insights)
    console.print(
        "What aid pays and what you pay: bcareer cost --program ID with your answers "
        "(--education, --job-seeker, --veteran, --budget ...).",
        overflow="fold",
    )
    console.print()
    console.print("Itemize one program: bcareer cost --program ID (e.g. --program online).")
