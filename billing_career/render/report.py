"""The caseload report in words, for the terminal, Markdown, HTML, CSV and JSON.

One page of sections for the terminal, Markdown and HTML; the per-client CSV and the JSON.

Every figure comes from planning.report's CaseloadReport; this module only words it.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from billing_career.errors import UsageError
from billing_career.knowledge.figures import money, money_span
from billing_career.knowledge.wording import and_list

if TYPE_CHECKING:
    from rich.console import Console

    from billing_career.planning.amounts import MinMax
    from billing_career.planning.report import CaseloadReport, ClientFacts, NotAssessedTotals

FORMATS: dict[str, str] = {
    ".html": "a page to print or read on a phone",
    ".md": "Markdown",
    ".csv": "one row per client",
    ".json": "the whole report as JSON",
}
# Client ids listed on the terminal after a count; the files list them all.
TERMINAL_IDS = 12
BAR = "#"
BAR_WIDTH = 30
PER_CLIENT = "Per client"
# A client's path with no program (a retake, an exam alone): the same words in every file.
NO_PROGRAM = "No program"
NOT_ASSESSED = "Aid not assessed"
# The report's one word for what a client's budget and counted aid leave unpaid of the total to
# plan for (ClientFacts.left_to_pay): the plan's Funding line says it "falls short by" that. Not
# "left to pay": the plan says that of what is left after the aid, before the budget ("You pay").
SHORT_BY = "Short by"
# What the client pays of that total after the counted aid, before the budget: the plan's own
# words ("You pay"), so a counselor finds the same figure in the client's plan.
YOU_PAY = "You pay"
# What the budget falls short by at first, while a fee paid up front (the GI Bill's exam fee)
# awaits repayment (ClientFacts.short_at_first): the plan's Funding line says "... at first".
AT_FIRST = "Short at first"
# A client whose every step waits on a check the plan cannot know will pass (ClientFacts.blocked).
BLOCKED = "Blocked, not counted as funded"

CSV_COLUMNS = (
    "id",
    "line",
    "program",
    "certification",
    "total_cost_min",
    "total_cost_max",
    "aid_counted_min",
    "aid_counted_max",
    "you_pay_min",
    "you_pay_max",
    "short_by_min",
    "short_by_max",
    "short_at_first_min",
    "short_at_first_max",
    "fully_funded",
    "blocked",
    "ready_by",
    "ready_by_condition",
    "payback_months_min",
    "payback_months_max",
    "blockers",
    "barriers",
    "warnings",
    "aid_counted",
    "referrals",
    "not_assessed",
    "first_action",
)


def report_format(path: Path) -> str:
    """The format for path's extension (any case); an unknown one is a usage error."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        known = ", ".join(f"{ext} ({what})" for ext, what in FORMATS.items())
        shown = f"'{suffix}'" if suffix else f"of '{path.name}' (no extension)"
        raise UsageError(f"Unknown report format {shown}.", f"Known: {known}.")
    return suffix


# --- words ---------------------------------------------------------------------------------------


def day_text(day: dt.date) -> str:
    """'June 8, 2027'."""
    return f"{day:%B} {day.day}, {day.year}"


def month_text(key: str) -> str:
    """'2027-06' -> 'June 2027'."""
    day = dt.date.fromisoformat(f"{key}-01")
    return f"{day:%B %Y}"


def span_text(span: MinMax) -> str:
    return money_span(span.min, span.max)


def _newer_aid_lines(newer: MinMax) -> tuple[str, ...]:
    """What the aid counted holds beyond the sources' lines (at the guide's figures) where the
    plans' totals to plan for move it: one line, so that the lines add up; () where nothing."""
    low, high = newer.min, newer.max
    if not low and not high:
        return ()
    if low >= 0 and high >= 0:
        return (
            "Each source above is at the guide's figures, as the plans name it; at the totals to"
            f" plan for, the aid counts {money_span(min(low, high), max(low, high))} more in all"
            " (newer reports' fees the aid pays in full, an employer's amount).",
        )

    def signed(amount: float) -> str:
        return f"{'+' if amount >= 0 else '-'}{money(abs(amount))}"

    return (
        "Each source above is at the guide's figures, as the plans name it; at the totals to"
        f" plan for, the aid counted differs from them by {signed(low)} at the low end and"
        f" {signed(high)} at the high end (newer reports' fees: a higher one the aid pays in"
        " full, a member fee lower than the guide's).",
    )


def short_text(span: MinMax) -> str:
    """A shortfall, as the plan's Funding line words it after "short by": '$85-$1,130', 'up to
    $224' (the budget holds the low end), '$0' (fully funded)."""
    if span.min == 0 < span.max:
        return f"up to {money(span.max)}"
    return span_text(span)


def months_text(span: MinMax) -> str:
    low, high = round(span.min), round(span.max)
    # 0 months: the client pays nothing after the aid, so nothing is to be repaid.
    if high <= 0:
        return "at once"
    if low <= 0:
        return f"at once to {high} month{'s' * (high != 1)}"
    if low == high:
        return f"{low} month" if low == 1 else f"{low} months"
    return f"{low}-{high} months"


def finding_label(ident: str, kind: str, label: str | None = None) -> str:
    """A blocker's or warning's heading: the rule's own few words, else its id in words."""
    words = label or ident.replace("-", " ")
    kind_word = {"blocker": "Blocker", "warning": "Warning"}.get(kind, "Barrier")
    return f"{kind_word}: {words}"


def share(count: int, total: int) -> str:
    return f"{count} ({round(100 * count / total)}%)" if total else str(count)


def id_list(clients: Sequence[str], limit: int | None) -> str:
    if limit is None or len(clients) <= limit:
        return ", ".join(clients)
    return ", ".join(clients[:limit]) + f" and {len(clients) - limit:,} more"


# --- the page ------------------------------------------------------------------------------------


@dataclass
class Section:
    """A titled part of the report: lines of text, then an optional table or chart, then lines
    about it (what the chart leaves out)."""

    title: str
    lines: list[str] = field(default_factory=list)
    header: tuple[str, ...] = ()
    rows: list[tuple[str, ...]] = field(default_factory=list)
    # A chart: (label, count) bars, drawn as text or as boxes.
    bars: list[tuple[str, int]] = field(default_factory=list)
    after: list[str] = field(default_factory=list)


@dataclass
class Page:
    """The report as sections, the answer first."""

    title: str
    answer: list[str]
    sections: list[Section]


def client_lines(
    rows: Sequence[ClientFacts], of_client: Mapping[str, str] | None = None
) -> list[tuple[str, ...]]:
    """Each client's line of the per-client table; each amount's and date's words made once
    (many clients share the same few). of_client: each date condition as the counselor reads
    it of a client (OnCondition.of_client), by the plan's words to the person."""
    spans: dict[MinMax, str] = {}
    shorts: dict[MinMax, str] = {}
    days: dict[dt.date, str] = {}
    lines: list[tuple[str, ...]] = []
    for row in rows:
        pays = spans.get(row.you_pay)
        if pays is None:
            pays = spans[row.you_pay] = span_text(row.you_pay)
        # A shortfall's words differ from a span's ("up to $222"): kept apart.
        left = shorts.get(row.left_to_pay)
        if left is None:
            left = shorts[row.left_to_pay] = short_text(row.left_to_pay)
        # Only where a fee paid up front makes the budget short at first (few clients).
        at_first = "" if row.short_at_first is None else _at_first_text(row)
        ready = days.get(row.ready_by)
        if ready is None:
            ready = days[row.ready_by] = day_text(row.ready_by)
        if row.ready_by_condition is not None:
            # Not a sure date: said with what it rests on.
            condition = (of_client or {}).get(row.ready_by_condition, row.ready_by_condition)
            ready = f"{ready}, {condition}"
        lines.append(
            (
                row.client,
                row.program_name or NO_PROGRAM,
                row.certification,
                pays,
                left,
                at_first,
                ready,
                row.first_action or "",
            )
        )
    return lines


def _at_first_text(row: ClientFacts) -> str:
    """'up to $230, until the VA repays the exam fee': the client's shortfall at first and
    what ends it."""
    from billing_career.render.money import pays_for_text

    assert row.short_at_first is not None
    fees = and_list([pays_for_text(item.parts) for item in row.paid_first])
    by = and_list([item.by or item.name for item in row.paid_first])
    return f"{short_text(row.short_at_first)}{_UNTIL}{by} repays {fees}"


_UNTIL = ", until "


def report_page(report: CaseloadReport, *, ids_limit: int | None = None) -> Page:
    """The report's sections; ids_limit caps the client ids listed after each count."""
    total = report.clients
    funding = report.funding
    errors = len(report.errors)
    answer = [
        f"{total:,} client{'s' * (total != 1)} planned"
        + (
            f"; {errors:,} row{'s' * (errors != 1)} with errors (listed at the end)."
            if errors
            else "."
        ),
    ]
    if total:
        held = len(funding.blocked)
        answer.append(
            f"{SHORT_BY} {short_text(funding.left_to_pay)} in all, after each client's budget "
            f"and counted aid; fully funded: {len(funding.fully_funded):,} of {total:,}"
            + (f"; {BLOCKED.lower()}: {held:,}." if held else ".")
        )
        blocked = {c for f in report.blockers if f.kind == "blocker" for c in f.clients}
        # A barrier (still in high school) of a client with no blocker as well.
        barred = {c for f in report.blockers if f.kind == "barrier" for c in f.clients} - blocked
        first = []
        if blocked:
            first.append(
                f"{len(blocked):,} client{'s' * (len(blocked) != 1)} must clear a blocker first"
            )
        if barred and blocked:
            first.append(f"{len(barred):,} more a barrier")
        elif barred:
            first.append(
                f"{len(barred):,} client{'s' * (len(barred) != 1)} must clear a barrier first"
            )
        if first:
            answer.append(" and ".join(first) + " (see Blockers and barriers).")
        # Sure dates only: a date that holds only on a condition (the exclusion list) is not one.
        ready = [row.ready_by for row in report.rows if row.ready_by_condition is None]
        apart = sum(group.count for group in report.ready_by_on_condition)
        later = f"; {apart:,} more only on a condition (see Job-ready by month)" if apart else ""
        if ready:
            answer.append(
                f"Job-ready between {day_text(min(ready))} and {day_text(max(ready))} "
                f"(estimates){later}."
            )
        else:
            answer.append(f"No sure job-ready date{later}.")
    sections = []
    recommend = Section("Recommendations")
    recommend.header = ("Program or certification", "Clients")
    recommend.rows = [(count.name, share(count.count, total)) for count in report.by_program]
    recommend.rows += [
        (f"Certification {count.name}", share(count.count, total))
        for count in report.by_certification
    ]
    sections.append(recommend)

    barriers = Section("Blockers and barriers")
    barriers.lines = [
        f"{finding_label(f.id, f.kind, f.label)}: {f.count:,} ({id_list(f.clients, ids_limit)})"
        for f in report.blockers
    ] or ["None of the clients has a blocker or a warning."]
    sections.append(barriers)

    money_section = Section("Money")
    money_section.lines = [
        f"Total cost of all paths, as the plans say to plan for: {span_text(funding.total_cost)}.",
        f"Aid counted in the plans: {span_text(funding.aid_counted)}.",
        *(
            f"Counted: {source.name}, for {source.clients:,} client"
            f"{'s' * (source.clients != 1)}: {money_span(source.min, source.max)}."
            for source in funding.aid_by_source
        ),
        *_newer_aid_lines(funding.aid_of_newer_figures),
        f"What the clients pay after the aid, before their budgets: {span_text(funding.you_pay)}.",
        f"{SHORT_BY}, after their budgets: {short_text(funding.left_to_pay)}.",
        *(
            (
                f"Paying a fee up front that their aid repays after: "
                f"{len(funding.paid_up_front):,} ({id_list(funding.paid_up_front, ids_limit)}); "
                f"until it is repaid, {SHORT_BY.lower()} {short_text(funding.short_at_first)} "
                "in all at first, after their budgets.",
            )
            if funding.paid_up_front
            else ()
        ),
        f"Fully funded: {len(funding.fully_funded):,}; not fully funded: "
        f"{len(funding.not_funded):,}"
        + (f" ({id_list(funding.not_funded, ids_limit)})." if funding.not_funded else "."),
    ]
    if funding.blocked:
        money_section.lines.append(
            f"{BLOCKED}: {len(funding.blocked):,} ({id_list(funding.blocked, ids_limit)}): every "
            "step of their plans waits on a check that must pass first (see Blockers and "
            "barriers); their plans' money, in the totals above, is for afterward."
        )
    money_section.lines += [
        f"Send to {referral.name}: {referral.count:,} ({id_list(referral.clients, ids_limit)})"
        for referral in report.referrals
    ]
    sections.append(money_section)

    sections.append(not_assessed_section(report.not_assessed, ids_limit))

    time = Section("Job-ready by month (estimates)")
    time.bars = [(month_text(key), count) for key, count in report.ready_by_month.items()]
    time.after = [
        f"Not in the chart: {group.count:,} client{'s' * (group.count != 1)} "
        f"({id_list(group.clients, ids_limit)}), whose date holds only "
        f"{group.of_client or group.condition}."
        for group in report.ready_by_on_condition
    ]
    sections.append(time)

    payback = report.payback
    pay = Section("Payback")
    if payback.median is not None and payback.range is not None:
        pay.lines.append(
            f"Median {months_text(payback.median)}; range {months_text(payback.range)} "
            f"(over the {payback.clients:,} client{'s' * (payback.clients != 1)} whose entry "
            "pay beats their current pay: what each pays after the aid counted, repaid by the "
            "gain)."
        )
    else:
        pay.lines.append("No client with a payback in months (payback needs the current pay).")
    if payback.no_payback:
        pay.lines.append(
            f"No payback in months: {len(payback.no_payback):,} "
            f"earn{'s' * (len(payback.no_payback) == 1)} more now than "
            f"billing pays for their experience ({id_list(payback.no_payback, ids_limit)})."
        )
    if payback.not_claimed:
        pay.lines.append(
            f"No payback claimed for {len(payback.not_claimed):,} "
            f"client{'s' * (len(payback.not_claimed) != 1)} already working in billing: the "
            "guide's pay goes by years of experience and gives no figure for what a "
            f"certification adds ({id_list(payback.not_claimed, ids_limit)})."
        )
    sections.append(pay)

    per_client = Section(PER_CLIENT)
    per_client.header = (
        "Client",
        "Program",
        "Certification",
        YOU_PAY,
        SHORT_BY,
        AT_FIRST,
        "Job-ready by",
        "First action",
    )
    per_client.rows = client_lines(
        report.rows,
        {g.condition: g.of_client or g.condition for g in report.ready_by_on_condition},
    )
    sections.append(per_client)

    if report.errors:
        bad = Section("Rows with errors")
        bad.lines = [
            f"Line {error.line} (row {error.row}): {error.message}" for error in report.errors
        ]
        sections.append(bad)
    return Page("Caseload report", answer, sections)


def not_assessed_section(totals: NotAssessedTotals, ids_limit: int | None) -> Section:
    """The follow-up list: the clients whose answers leave an aid source undecided, and the
    question that would decide it."""
    section = Section(NOT_ASSESSED)
    count = len(totals.clients)
    if not count:
        section.lines = ["Every client's answers decide every aid source."]
        return section
    section.lines = [
        f"{count:,} client{'s' * (count != 1)} left an answer out that would decide an aid "
        f"source ({id_list(totals.clients, ids_limit)}): ask them, then plan again."
    ]
    for item in totals.by_source:
        name = f"{item.name} ({item.short})" if item.short else item.name
        asked = " or ".join(f'"{question}"' for question in item.questions)
        ask = f", or send them to {item.refer_to}" if item.refer_to else ""
        section.lines.append(
            f"{name}: {item.count:,} ({id_list(item.clients, ids_limit)}); ask {asked}{ask}."
        )
    return section


# --- terminal ------------------------------------------------------------------------------------


def show_report(report: CaseloadReport, console: Console) -> None:
    """The report on the terminal, the answer first, within the console's width."""
    from rich.table import Table

    from billing_career.render.terminal import literal

    page = report_page(report, ids_limit=TERMINAL_IDS)
    console.print(f"[bold]{literal(page.title)}[/bold]")
    for line in page.answer:
        console.print(literal(line))
    for section in page.sections:
        console.print()
        console.print(f"[bold]{literal(section.title)}[/bold]")
        for line in section.lines:
            console.print(literal(line))
        if section.bars:
            most = max(count for _label, count in section.bars)
            width = max(len(label) for label, _count in section.bars)
            room = max(5, min(BAR_WIDTH, console.width - width - 10))
            for label, count in section.bars:
                bar = BAR * max(1, round(room * count / most))
                console.print(literal(f"{label:<{width}} {bar} {count:,}"), soft_wrap=True)
        if section.rows and section.title == PER_CLIENT:
            # One record per client: the path and date on one line, the money on the next, the
            # first action under them (a seven-column table wraps every cell to a word a line
            # at 80 columns). Printed in one call: each line is wrapped on its own all the
            # same, and a caseload of thousands is not thousands of renders.
            lines: list[str] = []
            width = console.width  # worked out anew at each read: read once
            # The same first action is many clients': wrapped once.
            hung: dict[str, list[str]] = {}
            for client, program, cert, pays, left, at_first, ready, action in section.rows:
                lines.extend(
                    _continued(
                        ("", f"{client}: {program}, {cert};", f"job-ready by {ready}"), width
                    )
                )
                lines.extend(
                    _continued(
                        (
                            "  ",
                            f"{YOU_PAY} {pays} after aid;",
                            # Not "short by $0": a counselor reads the funded client at once.
                            (
                                "the budget covers it"
                                if left == money(0)
                                else f"{SHORT_BY.lower()} {left} after the budget"
                            )
                            # A fee paid up front the aid repays after: short at first too.
                            + (
                                f", {at_first.replace(_UNTIL, ' at first' + _UNTIL, 1)}"
                                if at_first
                                else ""
                            ),
                        ),
                        width,
                    )
                )
                if action:
                    wrapped = hung.get(action)
                    if wrapped is None:
                        wrapped = hung[action] = _hanging("  First: ", action, width)
                    lines.extend(wrapped)
            _print_lines(console, lines)
        elif section.rows:
            table = Table(box=None, show_edge=False, pad_edge=False, header_style="bold")
            for heading in section.header:
                numeric = heading in _NUMERIC
                table.add_column(heading, justify="right" if numeric else "left", no_wrap=numeric)
            for row in section.rows:
                table.add_row(*(literal(cell) for cell in row))
            console.print(table)
        for line in section.after:
            console.print(literal(line))


def _print_lines(console: Console, lines: Sequence[str]) -> None:
    """Lines of text from the file, each wrapped on its own to the console's width, as
    console.print wraps them, written in one call. A line that fits (most do) is written as it
    is, and a longer one is wrapped by console.print once for every time it occurs (the same
    first action is many clients'): rich's word wrap of each line would take seconds for a
    caseload of 10,000 clients."""
    from rich.cells import cell_len

    from billing_career.errors import escape_controls
    from billing_career.render.terminal import literal

    # A capture would be recorded too; a console that highlights would color what it prints.
    if console.record or (
        console.color_system is not None and getattr(console, "_highlight", True)
    ):
        console.print(*(literal(line) for line in lines), sep="\n")
        return
    width = console.width
    shown: list[str] = []
    wrapped: dict[str, str] = {}
    for line in lines:
        text = escape_controls(line)
        if "\t" in text or cell_len(text) > width:
            text = _wrap_plain(text, width) or wrapped.get(line, "")
            if not text:
                with console.capture() as capture:
                    console.print(literal(line))
                text = wrapped[line] = capture.get().removesuffix("\n")
        shown.append(text)
    joined = "\n".join(shown)
    if "\x1b" in joined:  # styled by the console: printed as before, line by line
        console.print(*(literal(line) for line in lines), sep="\n")
    elif shown:
        from rich.segment import Segment, Segments

        # As it is: no markup (the text is literal), no wrapping, no cropping (each line fits).
        console.print(Segments([Segment(joined + "\n")]), crop=False)


def _continued(parts: Sequence[str], width: int) -> list[str]:
    """An indent and the parts of a line, joined with spaces: as it is when it fits (most do);
    else a part a line where it does not (a date is not split from its year), each line after
    the first indented two spaces more, so that a client's record reads as one; a part too
    long for a line of its own is wrapped there. A line that is not plain printable ASCII is
    left whole: the console wraps it by its cells."""
    indent, *words = parts
    line = indent + " ".join(words)
    if len(line) <= width or not (line.isascii() and line.isprintable()):
        return [line]
    import textwrap

    more = indent + "  "
    room = max(width, len(more) + 20)
    lines: list[str] = []
    current = indent
    for part in words:
        lead = current if current.strip() else ""
        if lead and len(lead) + 1 + len(part) <= room:
            current = f"{lead} {part}"
            continue
        if lead:
            lines.append(lead)
        first = more if lines else indent
        if len(first) + len(part) <= room:
            current = first + part
            continue
        wrapped = textwrap.wrap(
            part,
            width=room,
            initial_indent=first,
            subsequent_indent=first + "  ",
            break_on_hyphens=False,
        )
        lines.extend(wrapped[:-1])
        current = wrapped[-1] if wrapped else first
    if current.strip():
        lines.append(current)
    return lines


def _hanging(lead: str, text: str, width: int) -> list[str]:
    """lead and text as lines of at most width, each line after the first indented under the
    text's first word (a first action under its client: read at a glance down a caseload)."""
    import textwrap

    indent = " " * len(lead)
    return textwrap.wrap(
        text,
        width=max(width, len(lead) + 20),
        initial_indent=lead,
        subsequent_indent=indent,
        break_on_hyphens=False,
    ) or [lead.rstrip()]


def _wrap_plain(text: str, width: int) -> str | None:
    """A line of printable ASCII words between single spaces, none wider than width, wrapped
    as rich wraps it (rich.text.Text.wrap: greedy, each line but the last keeps the space that
    ends it, except past the width); None for any other line."""
    if not (text.isascii() and text.isprintable()) or "  " in text or text != text.strip():
        return None
    words = text.split(" ")
    if max(len(word) for word in words) > width:
        return None
    lines: list[str] = []
    start = offset = position = 0
    for word in words:
        if offset and offset + len(word) > width:
            lines.append(text[start:position][:width])
            start, offset = position, 0
        offset += len(word) + 1
        position += len(word) + 1
    lines.append(text[start:])
    return "\n".join(lines)


# --- Markdown ------------------------------------------------------------------------------------


def to_markdown(report: CaseloadReport) -> str:
    from billing_career.render.export import md

    page = report_page(report)
    lines = [f"# {md(page.title)}", ""]
    lines += [f"- {md(line)}" for line in page.answer]
    for section in page.sections:
        lines += ["", f"## {md(section.title)}", ""]
        lines += [f"- {md(line)}" for line in section.lines]
        if section.bars:
            lines += ["| Month | Clients |", "|---|---:|"]
            lines += [f"| {md(label)} | {count:,} |" for label, count in section.bars]
        if section.rows:
            if section.lines:
                lines.append("")
            lines.append("| " + " | ".join(md(cell) for cell in section.header) + " |")
            lines.append("|" + "|".join("---" for _ in section.header) + "|")
            lines += ["| " + " | ".join(md(cell) for cell in row) + " |" for row in section.rows]
        if section.after:
            lines.append("")
            lines += [f"- {md(line)}" for line in section.after]
    lines += ["", _FOOTER]
    return "\n".join(lines) + "\n"


_FOOTER = (
    "Made with bcareer from the career guide's figures; each amount is an estimate to check "
    "with the schools, the aid offices and the issuers."
)


# --- HTML ----------------------------------------------------------------------------------------

# One page, no scripts and nothing fetched: printable on Letter and A4 (the @page margins fit
# both), readable on a phone: a wide table scrolls in its own box instead of the page, and the
# per-client table becomes a card per client, each cell under its heading's name. Words break
# only where one would not fit its line ("anywhere" broke "CBCS" and "Client" in table cells).
_CSS = """
@page { size: auto; margin: 15mm 12mm; }
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 1.5rem auto;
       padding: 0 1rem; line-height: 1.4; color: #1b1b1b; overflow-wrap: break-word; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 1.6rem;
     border-bottom: 1px solid #ccc; }
ul.answer li { font-weight: 600; }
.wide { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { border: 1px solid #bbb; padding: .25rem .5rem; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; white-space: nowrap; }
.bar { display: inline-block; height: .8rem; background: #4a6fa5; vertical-align: middle; }
footer { color: #555; font-size: .9rem; margin-top: 2rem; }
@media (max-width: 40rem) { body { padding: 0 .5rem; } table { font-size: .85rem; }
  table.cards thead { display: none; }
  table.cards tr { display: block; border: 1px solid #bbb; margin-bottom: .6rem; }
  table.cards td { display: block; border: none; text-align: left; white-space: normal; }
  table.cards td::before { content: attr(data-label) ": "; font-weight: 600; }
  table.cards td:first-child { font-weight: 600; background: #eef2f7; }
  table.cards td:first-child::before { content: none; } }
@media print { body { max-width: none; margin: 0; } .wide { overflow: visible; }
  a { color: inherit; } h2 { break-after: avoid; } tr { break-inside: avoid; }
  .bar { background: #333; print-color-adjust: exact; -webkit-print-color-adjust: exact; } }
""".strip()

_NUMERIC = frozenset({"Clients", YOU_PAY, SHORT_BY})
NUM = ' class="num"'


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def to_html(report: CaseloadReport) -> str:
    """The report as one self-contained page: its own styles, no scripts, all text escaped."""
    page = report_page(report)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(page.title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{_e(page.title)}</h1>",
        '<ul class="answer">' + "".join(f"<li>{_e(line)}</li>" for line in page.answer) + "</ul>",
    ]
    for section in page.sections:
        parts.append(f"<section><h2>{_e(section.title)}</h2>")
        if section.lines:
            parts.append(
                "<ul>" + "".join(f"<li>{_e(line)}</li>" for line in section.lines) + "</ul>"
            )
        if section.bars:
            most = max(count for _label, count in section.bars)
            rows = "".join(
                f'<tr><td>{_e(label)}</td><td class="num">{count:,}</td>'
                f'<td><span class="bar" style="width:{max(2, round(100 * count / most))}%">'
                "</span></td></tr>"
                for label, count in section.bars
            )
            parts.append(
                '<div class="wide"><table><thead><tr><th>Month</th><th class="num">Clients</th>'
                f"<th>Chart</th></tr></thead><tbody>{rows}</tbody></table></div>"
            )
        if section.rows:
            head = "".join(
                f"<th{NUM if h in _NUMERIC else ''}>{_e(h)}</th>" for h in section.header
            )
            # A table of many columns reads on a phone as a card per row, each cell named.
            cards = len(section.header) > 3
            cells = [
                (NUM if h in _NUMERIC else "") + (f' data-label="{_e(h)}"' if cards else "")
                for h in section.header
            ]
            body = "".join(
                "<tr>"
                + "".join(
                    f"<td{attrs}>{_e(cell)}</td>" for attrs, cell in zip(cells, row, strict=True)
                )
                + "</tr>"
                for row in section.rows
            )
            table = '<table class="cards">' if cards else "<table>"
            parts.append(
                f'<div class="wide">{table}<thead><tr>{head}</tr></thead>'
                f"<tbody>{body}</tbody></table></div>"
            )
        if section.after:
            parts.append(
                "<ul>" + "".join(f"<li>{_e(line)}</li>" for line in section.after) + "</ul>"
            )
        parts.append("</section>")
    parts += [f"<footer><p>{_e(_FOOTER)}</p></footer>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"


# --- CSV and JSON --------------------------------------------------------------------------------


def to_csv(report: CaseloadReport) -> str:
    """One row per client, figures as plain numbers, lists joined with '; ', each in words
    as the summary says it (the ids are the JSON's)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    # Each source left undecided, in words: its name and the question that decides it, as the
    # summary's follow-up list says it (the ids stay in the JSON).
    follow_ups = {
        (item.id, item.answers): _follow_up_cell(item.name, item.short, item.questions)
        for item in report.not_assessed.by_source
    }
    # Each blocker, barrier and warning by its few words; each referral by where it sends.
    said = {
        finding.id: finding.label or finding.id.replace("-", " ") for finding in report.blockers
    }
    where = {referral.id: referral.name for referral in report.referrals}
    of_client = {group.condition: group.of_client for group in report.ready_by_on_condition}

    def words(ids: Sequence[str]) -> str:
        return "; ".join(dict.fromkeys(said.get(ident, ident) for ident in ids))

    for row in report.rows:
        payback = row.payback_months
        writer.writerow(
            (
                row.client,
                row.line,
                row.program_name or NO_PROGRAM,
                row.certification,
                _number(row.total_cost.min),
                _number(row.total_cost.max),
                _number(row.aid_counted.min),
                _number(row.aid_counted.max),
                _number(row.you_pay.min),
                _number(row.you_pay.max),
                _number(row.left_to_pay.min),
                _number(row.left_to_pay.max),
                "" if row.short_at_first is None else _number(row.short_at_first.min),
                "" if row.short_at_first is None else _number(row.short_at_first.max),
                "yes" if row.fully_funded else "no",
                "yes" if row.blocked else "no",
                row.ready_by.isoformat(),
                of_client.get(row.ready_by_condition) or row.ready_by_condition
                if row.ready_by_condition is not None
                else "",
                "" if payback is None else _number(payback.min),
                "" if payback is None else _number(payback.max),
                words(row.blockers),
                words(row.barriers),
                words(row.warnings),
                "; ".join(source.name for source in row.sources if source.counted),
                "; ".join(
                    where.get(source.id, source.name) for source in row.sources if source.referral
                ),
                "; ".join(
                    follow_ups.get((item.id, item.answers))
                    or _follow_up_cell(item.name, item.short)
                    for item in row.not_assessed
                ),
                row.first_action or "",
            )
        )
    return out.getvalue()


def _follow_up_cell(name: str, short: str | None, questions: Sequence[str] = ()) -> str:
    """'Workforce Development (WIOA): ask "Are you out of work, ...?"': an aid source left
    undecided and the question that would decide it."""
    named = f"{name} ({short})" if short else name
    if not questions:
        return named
    return f"{named}: ask " + " or ".join(f'"{question}"' for question in questions)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


def to_json_text(report: CaseloadReport) -> str:
    """The report as `--json` prints it: indented_json(to_json(report)), written straight from
    the records (a caseload of 10,000 clients is some 500,000 values), the rows' texts as the
    workers wrote them when they did."""
    from billing_career.knowledge.serialize import json_fields, json_text
    from billing_career.planning.report import ROW_JSON_LEVEL

    fields = json_fields(report)
    if (
        not report.rows
        or report.rows_json_of is not report.rows
        or len(report.rows_json) != len(report.rows)
        or any(how is not None for _, _, how in fields)
    ):
        return json_text(report, indent=True) + "\n"
    # json.dumps(indent=2) of an object: each key and its value on a line of their own, one
    # level in; the items of the list of rows on lines of their own, ROW_JSON_LEVEL levels in.
    item = "\n" + "  " * ROW_JSON_LEVEL
    parts = []
    for key, value, _ in fields:
        if value is report.rows:
            text = "[" + item + ("," + item).join(report.rows_json) + "\n  ]"
        else:
            text = json_text(value, indent=True, level=1)
        parts.append(f"{json_text(key)}: {text}")
    return "{\n  " + ",\n  ".join(parts) + "\n}\n"


def render_report(report: CaseloadReport, kind: str) -> str:
    """The report in the format of an --output extension."""
    renderers = {".html": to_html, ".md": to_markdown, ".csv": to_csv, ".json": to_json_text}
    return renderers[kind](report)
