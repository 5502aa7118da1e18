"""Horizontal range charts drawn with plain ASCII characters, so any terminal shows them."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from billing_career.render.terminal import literal

TRACK = "."
FILL = "#"
MIN_BAR = 6


@dataclass(frozen=True)
class Scale:
    """The shared axis of one chart: every bar maps its numbers through it."""

    low: float
    high: float

    def column(self, value: float, width: int) -> int:
        """The character column (0..width-1) where value falls."""
        if self.high <= self.low or width <= 1:
            return 0
        share = (value - self.low) / (self.high - self.low)
        return max(0, min(width - 1, round(share * (width - 1))))


def nice_scale(values: list[float]) -> Scale:
    """An axis from a round number below the smallest value to one above the largest."""
    if not values:
        return Scale(0, 1)
    low, high = min(values), max(values)
    span = max(high - low, abs(high) * 0.1, 1.0)
    raw_step = span / 5
    magnitude = 10 ** math.floor(math.log10(raw_step))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw_step)
    return Scale(math.floor(low / step) * step, math.ceil(high / step) * step)


class RangeBar:
    """A bar from min to max on a shared scale, as wide as the table cell it sits in."""

    def __init__(self, low: float, high: float, scale: Scale) -> None:
        self.low = low
        self.high = high
        self.scale = scale

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(MIN_BAR, options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(1, options.max_width)
        start = self.scale.column(self.low, width)
        end = max(start, self.scale.column(self.high, width))
        line = TRACK * start + FILL * (end - start + 1) + TRACK * (width - end - 1)
        yield Text(line, no_wrap=True, overflow="crop", style="cyan")


class Axis:
    """The axis under a chart: the scale's ends, formatted, at the bar column's edges."""

    def __init__(self, scale: Scale, label: Callable[[float], str]) -> None:
        self.scale = scale
        self.label = label

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(MIN_BAR, options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(1, options.max_width)
        left, right = self.label(self.scale.low), self.label(self.scale.high)
        if len(left) + len(right) + 1 > width:
            yield Text(f"{left}-{right}", no_wrap=True, overflow="fold", style="dim")
            return
        yield Text(left + " " * (width - len(left) - len(right)) + right, no_wrap=True, style="dim")


@dataclass(frozen=True)
class ChartRow:
    """One labeled row: a range to draw, or a text (such as 'varies') where there is none."""

    label: str
    low: float | None
    high: float | None
    figure: str
    marked: bool = False


def chart_values(rows: Iterable[ChartRow]) -> list[float]:
    """Every number the rows draw, for a scale several charts share."""
    return [v for row in rows for v in (row.low, row.high) if v is not None]


def range_chart(
    title: str,
    rows: list[ChartRow],
    axis_label: Callable[[float], str],
    *,
    scale: Scale | None = None,
) -> RangeChart:
    """Labeled range bars on one scale, with the figures written out."""
    return RangeChart(title, rows, axis_label, scale or nice_scale(chart_values(rows)))


class RangeChart:
    """A range chart that lays itself out for the width it gets: label, bar and figure side by
    side when there is room, else the label on one line and the bar with its figure below."""

    # Below this width a label, a useful bar and a whole figure do not fit on one line.
    WIDE = 64

    def __init__(
        self, title: str, rows: list[ChartRow], axis_label: Callable[[float], str], scale: Scale
    ) -> None:
        self.title = title
        self.rows = rows
        self.axis_label = axis_label
        self.scale = scale

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(MIN_BAR, options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if options.max_width >= self.WIDE:
            yield self._wide()
        else:
            yield from self._narrow(options.max_width)

    def _wide(self) -> Table:
        table = Table(
            title=literal(self.title),
            title_justify="left",
            show_header=False,
            box=None,
            padding=(0, 1),
            expand=True,
        )
        table.add_column("label", overflow="fold", max_width=32)
        table.add_column("bar", ratio=1, min_width=MIN_BAR)
        table.add_column("figure", no_wrap=True, justify="right")
        for row in self.rows:
            label = ("> " if row.marked else "  ") + literal(row.label)
            style = "bold" if row.marked else None
            if row.low is None or row.high is None:
                table.add_row(label, Text(row.figure, style="dim italic"), "", style=style)
            else:
                table.add_row(
                    label, RangeBar(row.low, row.high, self.scale), literal(row.figure), style=style
                )
        table.add_row("", Axis(self.scale, self.axis_label), "")
        return table

    def _narrow(self, width: int) -> Iterator[Text]:
        yield Text(self.title, style="italic")
        widest = max((len(row.figure) for row in self.rows if row.low is not None), default=0)
        bar_width = max(MIN_BAR, width - widest - 3)
        for row in self.rows:
            yield Text(
                ("> " if row.marked else "  ") + row.label, style="bold" if row.marked else ""
            )
            if row.low is None or row.high is None:
                yield Text("  " + row.figure, style="dim italic")
                continue
            start = self.scale.column(row.low, bar_width)
            end = max(start, self.scale.column(row.high, bar_width))
            bar = TRACK * start + FILL * (end - start + 1) + TRACK * (bar_width - end - 1)
            line = Text("  ")
            line.append(bar, style="cyan")
            line.append(" " + row.figure)
            yield line
        left, right = self.axis_label(self.scale.low), self.axis_label(self.scale.high)
        gap = bar_width - len(left) - len(right)
        axis = left + " " * gap + right if gap > 0 else f"{left}-{right}"
        yield Text("  " + axis, style="dim")
