"""Terminal rendering of `bcareer salary`: range charts, the median, and state rows."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from billing_career.knowledge.figures import money
from billing_career.knowledge.models import Range
from billing_career.reference.salary import STATES_EXAMPLE, SalaryView, StateLookup
from billing_career.render.charts import ChartRow, chart_values, nice_scale, range_chart
from billing_career.render.guide import (
    indented,
    newer_lines,
    print_sample,
    range_text,
    reported_text,
    section_title,
)
from billing_career.render.terminal import literal, make_console


def _chart_row(
    label: str, value: Range | str | None, *, marked: bool = False, unit: str = ""
) -> ChartRow:
    if isinstance(value, Range):
        return ChartRow(label, value.min, value.max, range_text(value) + unit, marked)
    text = "varies widely: no figure in guide" if value == "varies" else "not in guide"
    return ChartRow(label, None, None, text, marked)


def _whole_money(amount: float) -> str:
    return money(round(amount))


def render_salary(view: SalaryView, *, no_color: bool) -> None:
    """Charts by experience, by setting and by the hour; the median; any state rows."""
    console = make_console(no_color=no_color)
    picks = _picks(view)
    if picks:
        console.print(picks)
        console.print()
    experience = [
        _chart_row(f"{row.name} ({row.years})", row.annual, marked=row.selected)
        for row in view.by_experience
    ]
    settings = [
        _chart_row(row.name, row.median_annual, marked=row.selected) for row in view.by_setting
    ]
    # One scale for both yearly charts, so a bar means the same money in each.
    annual = nice_scale(chart_values(experience + settings))
    console.print(
        range_chart("Pay by experience level (a year)", experience, _whole_money, scale=annual)
    )
    console.print()
    console.print(
        range_chart("Median pay by work setting (a year)", settings, _whole_money, scale=annual)
    )
    remote = [row.name for row in view.by_setting if row.remote_friendly]
    if remote:
        console.print(indented(f"Remote-friendly: {', '.join(remote)}.", style="dim"))
    console.print()
    hourly = [_chart_row(row.name, row.hourly, unit="/h") for row in view.hourly]
    console.print(range_chart("Pay by the hour", hourly, _whole_money))
    for row in view.hourly:
        for item in row.newer:
            console.print(indented(f"{row.name}, newer: {reported_text(item)}", style="yellow"))
    console.print()
    median = view.national_median
    console.print(section_title("National median"))
    console.print(indented(f"{money(median.annual)} a year ({median.occupation}; guide)"))
    for line in newer_lines(median.newer):
        console.print(indented(line, style="yellow"))
    if median.series:
        console.print(indented(median.series, style="dim"))
    for note in view.experience_notes:
        console.print(indented(note, style="dim"))
    if view.current_pay is not None:
        console.print()
        console.print(section_title("Your current pay"))
        console.print(
            indented(f"{money(view.current_pay)} a year: {view.current_pay_against or ''}.")
        )
    if view.state is not None:
        console.print()
        _render_state(console, view.state)


def _picks(view: SalaryView) -> Table | None:
    rows = []
    for row in view.by_experience:
        if row.selected:
            rows.append((f"{row.name} ({row.years})", range_text(row.annual) + " a year"))
    for setting in view.by_setting:
        if setting.selected:
            figure = setting.median_annual
            text = (
                range_text(figure) + " a year (median)"
                if isinstance(figure, Range)
                else "varies widely: the guide gives no figure"
            )
            rows.append((setting.name, text))
    if not rows:
        return None
    table = Table(
        title="Your pick", title_justify="left", show_header=False, box=None, padding=(0, 1)
    )
    table.add_column("what", overflow="fold")
    table.add_column("pay", overflow="fold")
    for label, text in rows:
        table.add_row(literal(label), literal(text))
    return table


def _render_state(console: Console, state: StateLookup) -> None:
    console.print(section_title(f"Pay in {state.state}"))
    if not state.rows:
        console.print(Text(state.message or "", style="yellow"), overflow="fold")
        if not state.files_read:
            print_sample(console, STATES_EXAMPLE)
        return
    table = Table(show_header=True, title_justify="left")
    table.add_column("State", no_wrap=True)
    table.add_column("Median a year", no_wrap=True, justify="right")
    table.add_column("Top 10% a year", no_wrap=True, justify="right")
    table.add_column("Source", overflow="fold", ratio=1)
    for row in state.rows:
        source = row.source + (f" ({row.date})" if row.date else "")
        if row.note:
            source += f"; {row.note}"
        table.add_row(
            row.state,
            money(row.median_annual),
            money(row.top_10_percent_annual)
            if row.top_10_percent_annual is not None
            else "not given",
            literal(f"{source} [{row.file}]"),
        )
    console.print(table)
